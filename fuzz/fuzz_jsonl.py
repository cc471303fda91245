"""Fuzz the JSONL reader: any bytes, split into lines -> articles or InputErrors, never a raise."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MAX_CHARS, check_results, run


def load() -> None:
    import eventwire.ingest.readers  # noqa: F401


def test_one(data: bytes) -> None:
    from eventwire.doc import Article
    from eventwire.ingest.readers import read_jsonl_stream

    lines = data.splitlines(keepends=True)
    results = list(read_jsonl_stream(lines, "fuzz.jsonl", max_chars=MAX_CHARS))
    check_results(results)
    assert len(results) <= len(lines)
    for item in results:
        if isinstance(item, Article):
            assert len(item.text) <= MAX_CHARS
            assert item.date is None or len(item.date) == 10


if __name__ == "__main__":
    run(test_one, load)
