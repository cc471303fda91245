"""Errors of the store, ingest, analysis and export layers (codes E5xx).

The codes are stable; :data:`STORE_CODES` says what each means (the list is merged into
``eventwire.errors.CODES`` when that module offers it, and documented in ``docs/store.md``).
"""

from __future__ import annotations

from eventwire.errors import EventwireError


class StoreError(EventwireError):
    """The database could not be opened, written or queried."""

    code = "E500"


class FetchError(EventwireError):
    """A URL could not be fetched or held no usable content."""

    code = "E520"


class FeedError(EventwireError):
    """A feed or OPML list could not be read."""

    code = "E530"


class ExportError(EventwireError):
    """An export could not be written."""

    code = "E540"


STORE_CODES: dict[str, str] = {
    "E501": "the database location is not a DuckDB file path or a postgresql:// URL",
    "E502": "the database file cannot be created or written",
    "E503": "the database is locked by another process",
    "E504": "the PostgreSQL server refused the connection or cannot be reached",
    "E505": "the database schema is newer than this eventwire (upgrade eventwire)",
    "E506": "an SQL query failed",
    "E507": "the database was written by something other than eventwire",
    "E521": "the URL is not http or https",
    "E522": "the URL points to a private, loopback or reserved address (see --allow-private-urls)",
    "E523": "the server could not be reached or did not answer in time",
    "E524": "the server answered with an HTTP error status",
    "E525": "the response is larger than the size limit",
    "E526": "the response is not an HTML page",
    "E527": "too many redirects",
    "E531": "the feed is malformed or holds no items",
    "E532": "the OPML list is malformed or lists no feeds",
    "E541": "the export cannot be written",
    "E542": "unknown export format",
}

__all__ = ["STORE_CODES", "ExportError", "FeedError", "FetchError", "StoreError"]
