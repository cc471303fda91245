"""The PETRARCH/TABARI dictionary readers on the real files and on small bad files."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors.dictionary import (
    parse_code_block,
    parse_day,
    read_actor_file,
    read_agent_file,
    read_discard_file,
)
from eventwire.errors import DictionaryError

from ..conftest import SHARED

DICTIONARIES = SHARED / "anchors" / "petrarch2" / "petrarch2" / "data" / "dictionaries"


def test_century_rule_and_date_forms():
    assert parse_day("991231") == date(1999, 12, 31)
    assert parse_day("080508") == date(2008, 5, 8)
    assert parse_day("19950601") == date(1995, 6, 1)
    assert parse_code_block("RUSGOV >080508").start == date(2008, 5, 8)
    before = parse_code_block("HOB < 950601")
    assert before.start is None and before.end == date(1995, 5, 31)
    span = parse_code_block("HOBGOV 19950601 - 19990815")
    assert (span.code, span.start, span.end) == ("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))
    assert not parse_code_block("RUSELI").dated


def test_putin_entry_from_phoenix_countries():
    result = read_actor_file(DICTIONARIES / "Phoenix.Countries.actors.txt", strict=False)
    putin = next(e for e in result.entries if e.phrases[0] == ("VLADIMIR", "PUTIN"))
    assert ("PUTIN",) in putin.phrases
    assert [c.code for c in putin.codes] == ["RUSELI", "RUSGOV", "RUSGOV", "RUSGOV", "RUSELI"]
    assert putin.codes[3].start == date(2008, 5, 8) and putin.codes[3].end is None
    # the file's few typos are reported with file and line, not silently accepted
    assert any("Phoenix.Countries.actors.txt:2039" in w for w in result.warnings)


def test_validate_world_reads_strictly():
    actors = read_actor_file(DICTIONARIES / "PETR.Validate.actors.txt").entries
    gollum = next(e for e in actors if e.phrases[0] == ("GOLLUM",))
    assert ("SMEAGOL",) in gollum.phrases
    assert [c.code for c in gollum.codes] == ["HOB", "HOBGOV", "HOBREB"]
    agents = read_agent_file(DICTIONARIES / "PETR.Validate.agents.txt").entries
    silly = [e for e in agents if e.forms[0][-1] == "WALKS"]
    assert ("MINISTRIES", "OF", "SILLY", "WALKS") in silly[0].forms  # !MINST! substitution
    police = next(e for e in agents if e.forms[0] == ("POLICE",))
    assert police.code == "COP" and police.plural_forms == []  # {} means no plural
    troop = next(e for e in agents if e.forms[0] == ("SOLDIER",))
    assert troop.plural_forms == [("SOLDIERS",)]
    discards = read_discard_file(DICTIONARIES / "PETR.Validate.discards.txt").entries
    assert any(d.story_level and d.phrase == ("Manchester", "United") for d in discards)


@pytest.mark.parametrize(
    "content, line, words",
    [
        ("GONDOR [GON]\n+MINAS_TIRITH\nMORDOR [MOR 9501-990101]\n", 3, "bad date"),
        ("GONDOR [GON]\nMORDOR\nARNOR [ARN]\n", 2, "no [CODE]"),
        ("+MINAS_TIRITH\nGONDOR [GON]\n", 1, "before any entry"),
        ("GONDOR [GON\n", 1, "unbalanced"),
        ("GONDOR [GON 990101-980101]\n", 1, "ends before"),
    ],
)
def test_bad_actor_file_raises_e201_with_file_and_line(tmp_path, content, line, words):
    path = tmp_path / "bad.actors.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        read_actor_file(path)
    assert caught.value.code == "E201"
    assert caught.value.where == f"{path}:{line}"
    assert words in caught.value.message


def test_bad_agent_file_raises(tmp_path):
    path = tmp_path / "bad.agents.txt"
    path.write_text("TROOP [~MIL]\nFOREIGN_!NOPE! [~GOV]\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        read_agent_file(path)
    assert caught.value.where == f"{path}:2"
