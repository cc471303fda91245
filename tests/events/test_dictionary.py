"""Reading verb dictionaries in the PETRARCH-2 CAMEO 2.0 syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import DictionaryError
from eventwire.events.coder import DEFAULT_VERBS
from eventwire.events.dictionary import load_verb_dictionary, parse_verb_dictionary
from eventwire.events.rules import compile_dictionary

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
VALIDATE_VERBS = (
    SHARED / "anchors/UniversalPetrarch/UniversalPetrarch/data/dictionaries/"
    "PETR.Validate.verbs.2.0.txt"
)

SAMPLE = """\
# a comment line
&CURRENCY
+DOLLAR
+EURO
+CASH_

---  GIVE   [070]  ---
GIVE {GIVES GAVE GIVEN GIVING}   # a verb form with irregular forms
+HAND_OVER {+HANDS_OVER +HANDED_OVER}
DONATE [071]
- * &CURRENCY                       [071]     # GIVE
- * {HUMANITARIAN AID} (TO +)       [073]
- $ * (TO {BANNED PARTIES})         [1722]
- % *                               [030:030]
- * HAND                            [---]

---  CHAT   [:042]  ---
CHAT

~ a (b . ATTACK) SAY = a b 112
"""


def test_parses_synsets_blocks_forms_patterns_and_transformations():
    d = parse_verb_dictionary(SAMPLE, "sample.txt")
    assert [w.text for entry in d.synsets["&CURRENCY"] for w in entry] == ["dollar", "euro", "cash"]
    assert d.synsets["&CURRENCY"][2][0].exact  # CASH_ takes no inflection
    give, chat = d.blocks
    assert (give.name, give.code.forward, give.line) == ("GIVE", "070", 7)
    assert give.forms[0].verb == ("give", "gives", "gave", "given", "giving")
    hand = give.forms[1]
    assert (hand.verb, hand.post) == (("hand", "hands", "handed"), ("over",))
    assert give.forms[2].code.forward == "071"
    assert [p.code.forward for p in give.patterns] == ["071", "073", "1722", "030", None]
    assert give.patterns[3].code.reverse == "030"
    assert give.patterns[1].line == 12
    prep = give.patterns[1].after[1]
    assert prep.kind == "prep" and prep.parts[0].marker == "+"
    assert give.patterns[2].before[0].marker == "$"
    assert chat.code.forward is None and chat.code.reverse == "042"
    (transformation,) = d.transformations
    assert (transformation.outer_verb, transformation.inner_verb, transformation.code) == (
        "SAY",
        "ATTACK",
        "112",
    )


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("---  GIVE  [070]  ---\nGIVE\n- GIFT [071]\n", 3, "'*'"),
        ("---  GIVE  [070]  ---\nGIVE\n- * (TO GIFT [071]\n", 3, "unbalanced"),
        ("---  GIVE  [070]  ---\nGIVE\n- * GIFT\n", 3, "[CODE]"),
        ("---  GIVE  [07 0]  ---\nGIVE\n", 1, "bad code"),
        ("GIVE\n- * GIFT [071]\n", 1, "outside"),
        ("&SET\n+WORD\n", 2, "no verb blocks"),
    ],
)
def test_bad_files_raise_e201_with_file_and_line(tmp_path, text, line, what):
    path = tmp_path / "bad.verbs.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_verb_dictionary(path)
    assert info.value.code == "E201"
    assert info.value.where == f"{path.resolve()}:{line}"
    assert what in info.value.message


def test_missing_file_raises_e201(tmp_path):
    with pytest.raises(DictionaryError) as info:
        load_verb_dictionary(tmp_path / "nope.txt")
    assert info.value.code == "E201" and "nope.txt" in str(info.value)


def test_stray_closing_bracket_is_a_warning_not_a_failure():
    d = parse_verb_dictionary(
        "---  MAKE  [---]  ---\nMAKE\n- * VENTURE (WITH VISIT) VISIT) [042]\n"
    )
    assert d.blocks[0].patterns[0].code.forward == "042"
    assert any("stray ')'" in w for w in d.warnings)


def test_hash_inside_a_code_is_not_a_comment():
    d = parse_verb_dictionary("---  RESTORE  [050]  ---\nRESTORE\n- * DIPLXMATIC  [###]  # x\n")
    assert d.blocks[0].patterns[0].code.forward == "###"


def test_default_dictionaries_load_and_compile():
    cameo = load_verb_dictionary(DEFAULT_VERBS[0])
    assert len(cameo.blocks) > 350 and cameo.n_patterns > 4000
    assert len(cameo.transformations) == 8
    rules = compile_dictionary(cameo)
    assert {f.block.name for f in rules.by_verb["told"]} == {"EXPLAIN_VERBAL"}
    slap = rules.by_verb["slap"][0].block
    assert [p.code.forward for p in slap.candidates({"sanctions"})] == ["163"]
    assert load_verb_dictionary(DEFAULT_VERBS[0]) is cameo  # parsed once per process


@pytest.mark.skipif(not VALIDATE_VERBS.is_file(), reason="shared PETRARCH data not present")
def test_validation_verbs_load():
    d = load_verb_dictionary(VALIDATE_VERBS)
    assert len(d.blocks) > 60
    assert any(p.code.forward == "102b" for b in d.blocks for p in b.patterns)
