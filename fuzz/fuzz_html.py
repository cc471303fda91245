"""Fuzz the HTML reader (trafilatura extraction): page bytes -> an article or an InputError."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import MAX_CHARS, check_results, run


def load() -> None:
    import eventwire.ingest.readers  # noqa: F401


def test_one(data: bytes) -> None:
    from eventwire.errors import InputError
    from eventwire.ingest.readers import article_from_html, decode_text

    try:
        html = decode_text(data, "fuzz.html")
        article = article_from_html(html, where="fuzz.html", max_chars=MAX_CHARS)
    except InputError as err:
        check_results([err])
        return
    check_results([article])
    assert len(article.text) <= MAX_CHARS
    assert article.date is None or len(article.date) == 10


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    run(test_one, load)
