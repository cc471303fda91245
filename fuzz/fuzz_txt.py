"""Fuzz the .txt reader: bytes of a file -> an article or an InputError (E103-E115)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MAX_CHARS, check_results, run

FILE = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-")) / "article.txt"


def load() -> None:
    import eventwire.ingest.language
    import eventwire.ingest.readers  # noqa: F401


def test_one(data: bytes) -> None:
    from eventwire.errors import InputError
    from eventwire.ingest.readers import read_txt

    FILE.write_bytes(data)
    try:
        article = read_txt(FILE, max_chars=MAX_CHARS)
    except InputError as err:
        check_results([err])
        return
    check_results([article])
    assert len(article.text) <= MAX_CHARS
    assert "\r" not in article.text


if __name__ == "__main__":
    run(test_one, load)
