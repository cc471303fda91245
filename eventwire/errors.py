"""Errors with stable codes.

Every error eventwire raises on purpose is an :class:`EventwireError`. The code is an attribute
(``err.code``), not only part of the message, so callers can catch and branch on it::

    EventwireError
     ├── InputError      (E1xx)  an input could not be read as an article
     ├── DictionaryError (E2xx)  a dictionary file could not be compiled
     ├── ModelError      (E3xx)  the spaCy model could not be loaded
     └── StageError      (E4xx)  a coding stage failed on one sentence or article
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class. ``code`` is stable across releases; ``where`` names the file (and line)."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.where = where

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"[{self.code}] {prefix}{self.message}"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "where": self.where, "message": self.message}


class InputError(EventwireError):
    code = "E100"


class DictionaryError(EventwireError):
    code = "E200"


class ModelError(EventwireError):
    code = "E300"


class StageError(EventwireError):
    code = "E400"


# The codes in use, with what they mean (documented in docs/errors.md, checked by a test).
CODES: dict[str, str] = {
    "E101": "path does not exist",
    "E102": "directory holds no article files (.txt, .html, .htm, .jsonl)",
    "E103": "file is empty or holds only whitespace",
    "E104": "file is binary, not text",
    "E105": "file is not valid UTF-8",
    "E106": "JSONL line is not valid JSON",
    "E107": "JSONL line is not an object with a non-empty string 'text'",
    "E108": "HTML page holds no article text",
    "E109": "unsupported file type",
    "E110": "field has the wrong type or format",
    "E111": "article is longer than the limit (--max-chars)",
    "E112": "the demo corpus is not in the cache folder",
    "E113": "the output file cannot be written",
    "E114": "the article does not look like English",
    "E115": "the article holds a run of characters with no space that is too long to be text",
    "E201": "dictionary file could not be read or parsed",
    "E301": "no spaCy English model is installed",
    "E401": "a coding stage raised on one sentence; the rest of the article was coded",
    "E402": "a pipeline stage requires a layer that no earlier stage assigns",
    "E601": "the Dask engine is not installed",
}


def _merge_layer_codes() -> None:
    """Codes of the store, ingest and export layers (E5xx) and the engines (E6xx) live beside their
    code; they are listed here too, so that one registry covers every code."""
    from eventwire.store.errors import STORE_CODES

    CODES.update(STORE_CODES)


_merge_layer_codes()
