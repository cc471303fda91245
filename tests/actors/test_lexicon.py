"""The compiled lexicon: versioned, traceable to its sources, fast to load."""

from __future__ import annotations

import time

from eventwire.actors.compile import COMPILED, dictionary_dir
from eventwire.actors.lexicon import FORMAT_VERSION, Lexicon, file_digest


def test_compiled_lexicon_records_sources_and_loads_fast():
    started = time.perf_counter()
    lexicon = Lexicon.load(COMPILED)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0  # about 0.3 s on a laptop core; generous for slow CI machines
    names = {source["file"]: source for source in lexicon.sources}
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.agents.txt", "actors.capitals.txt"):
        assert name in names
    countries = dictionary_dir() / "Phoenix.Countries.actors.txt"
    assert names[countries.name]["sha256"] == file_digest(countries)
    assert lexicon.to_json()["version"] == FORMAT_VERSION
    assert lexicon.spacy_version.startswith("3.")
    putin = lexicon.actors[lexicon.phrases["vladimir putin"]]
    assert putin.kind == "person" and putin.source.startswith("Phoenix.Countries.actors.txt:")
    assert lexicon.agents[lexicon.agent_phrases["foreign ministers"][0]].code == "GOV"
