"""docs/reliability.md cannot drift: every test it names exists, every limit it names is real."""

from __future__ import annotations

import re

from tests.reliability.helpers import ROOT

DOC = ROOT / "docs" / "reliability.md"


def test_every_test_named_in_the_doc_exists():
    named = set(re.findall(r"\b(test_[a-z0-9_]+)", DOC.read_text(encoding="utf-8")))
    defined = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        defined |= set(
            re.findall(r"^def (test_[a-z0-9_]+)", path.read_text(encoding="utf-8"), re.M)
        )
    modules = {p.stem for p in (ROOT / "tests").rglob("test_*.py")}
    assert len(named) > 40
    assert named - defined - modules == set()


def test_the_documented_limits_are_the_defaults():
    from eventwire.api import settings
    from eventwire.ingest import fetch, readers

    text = DOC.read_text(encoding="utf-8")
    for value in (
        readers.MAX_CHARS,
        readers.MAX_RUN_CHARS,
        readers.MAX_SYMBOL_RUN,
        fetch.MAX_BYTES,
        settings.MAX_BODY_BYTES,
        settings.MAX_PAGE_SIZE,
        settings.MAX_CODE_CHARS,
    ):
        assert f"{value:,}" in text, value
    assert f"| redirects | {fetch.MAX_REDIRECTS} |" in text
