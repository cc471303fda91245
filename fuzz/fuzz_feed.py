"""Fuzz the feed reader (RSS/Atom via feedparser; nothing is fetched): bytes -> articles or
errors, never a raise."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import check_results, run


def load() -> None:
    import eventwire.ingest.feeds  # noqa: F401


# Crashes already reported, each with a strict xfail regression test in
# tests/reliability/test_fuzz.py; listed so the fuzzer goes on looking for new ones. Remove an
# entry when its test passes.
KNOWN_BUGS: list[tuple[str, str]] = [
    # (file, function) a crash passes through.
]


def _known(exc: BaseException) -> bool:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    return any(
        file in frame.filename and frame.name == function
        for frame in frames
        for file, function in KNOWN_BUGS
    )


def test_one(data: bytes) -> None:
    from eventwire.ingest.feeds import FeedOptions, articles_from_feed, feed_urls_from_opml
    from eventwire.store.errors import FeedError

    try:
        results = list(articles_from_feed(data, "fuzz.xml", FeedOptions(fetch_articles=False)))
    except Exception as exc:
        if _known(exc):
            return
        raise
    check_results(results)
    try:
        urls = feed_urls_from_opml(data, "fuzz.opml")
    except FeedError:
        return
    assert urls and all(isinstance(u, str) and u for u in urls)


if __name__ == "__main__":
    run(test_one, load)
