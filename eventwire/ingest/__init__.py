"""Getting articles in: files, folders, JSONL streams and web pages."""

from eventwire.ingest.readers import (
    ARTICLE_SUFFIXES,
    MAX_CHARS,
    article_from_html,
    article_from_json,
    iter_articles,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_CHARS",
    "article_from_html",
    "article_from_json",
    "iter_articles",
]
