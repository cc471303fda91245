"""Reading articles from files, folders and standard input.

Readers yield :class:`~eventwire.doc.Article` objects, or :class:`~eventwire.errors.InputError`
values for inputs that cannot be read, so one bad file never stops the others. Nothing here raises
for bad input; the caller decides what to report.

- ``.txt``: one article; the first non-empty line is the headline, the rest the body.
- ``.html`` / ``.htm``: text, title, date and URL extracted with trafilatura.
- ``.jsonl``: one article per line: ``text`` required; ``id``, ``title``, ``date``, ``url``,
  ``source`` optional.
- a directory: those three kinds, recursively, in sorted order.
- ``-``: JSONL on standard input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.doc import Article
from eventwire.errors import InputError
from eventwire.ingest.language import guess_english

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
MAX_CHARS = 1_000_000  # spaCy's own default limit for one text
# Runs without a space: spaCy's tokenizer strips affixes ("((((", "$$$$", emoji) one at a time, so
# its cost grows with the square of a run's length (10,000 "$" take 40 s). Longer runs than these
# are not running text and are refused (E115). Environment variables change them.
MAX_RUN_CHARS = int(os.environ.get("EVENTWIRE_MAX_RUN_CHARS", "1000"))
MAX_SYMBOL_RUN = int(os.environ.get("EVENTWIRE_MAX_SYMBOL_RUN", "200"))
_RUN = re.compile(r"\S+")
_SYMBOL_RUN = re.compile(r"[^\w\s]+")
OPTIONAL_FIELDS = ("id", "title", "date", "url", "source")

ReadResult = Article | InputError


def normalise_date(value: Any, where: str) -> str | None:
    """Accept ``YYYY-MM-DD`` or an ISO 8601 timestamp; return ``YYYY-MM-DD``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(
            f"'date' must be a string, not {type(value).__name__}", code="E110", where=where
        )
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(
            f"'date' {value!r} is not a date in the form YYYY-MM-DD", code="E110", where=where
        ) from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and control / len(sample) > 0.10


def decode_text(data: bytes, where: str) -> str:
    """Bytes to text: refuse binary data and bad UTF-8 with a message that says where."""
    if _looks_binary(data):
        raise InputError("file is binary, not text", code="E104", where=where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}, line {line}); convert it with "
            "`iconv -f LATIN1 -t UTF-8` or similar",
            code="E105",
            where=where,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, where: str, max_chars: int) -> str:
    text = text.strip()
    if not text:
        raise InputError("empty or whitespace-only text", code="E103", where=where)
    if len(text) > max_chars:
        raise InputError(
            f"article has {len(text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars)",
            code="E111",
            where=where,
        )
    guess = guess_english(text)
    if not guess.english:
        raise InputError(
            f"article does not look like English ({guess.describe()}); eventwire codes English "
            "news only",
            code="E114",
            where=where,
        )
    _check_runs(text, where)
    return text


def _longest(pattern: re.Pattern[str], text: str) -> tuple[int, int]:
    """Length and offset of the longest match (a linear scan, no backtracking)."""
    best, at = 0, 0
    for match in pattern.finditer(text):
        if match.end() - match.start() > best:
            best, at = match.end() - match.start(), match.start()
    return best, at


def _check_runs(text: str, where: str) -> None:
    """Refuse a run without spaces too long to be text (see MAX_RUN_CHARS)."""
    for pattern, limit, what in (
        (_RUN, MAX_RUN_CHARS, "characters with no space"),
        (_SYMBOL_RUN, MAX_SYMBOL_RUN, "symbols or punctuation marks in a row"),
    ):
        length, at = _longest(pattern, text)
        if length > limit:
            raise InputError(
                f"{length:,} {what} at character {at:,} (over the limit of {limit:,}); this "
                "is not running text (raise the limit with EVENTWIRE_MAX_RUN_CHARS or "
                "EVENTWIRE_MAX_SYMBOL_RUN)",
                code="E115",
                where=where,
            )


def read_txt(path: Path, *, max_chars: int = MAX_CHARS) -> Article:
    where = str(path)
    text = _check_text(decode_text(path.read_bytes(), where), where, max_chars)
    title = text.split("\n", 1)[0].strip()
    return Article(text=text, title=title, path=where)


def read_html(path: Path, *, max_chars: int = MAX_CHARS) -> Article:
    where = str(path)
    html = decode_text(path.read_bytes(), where)
    if not html.strip():
        raise InputError("empty or whitespace-only file", code="E103", where=where)
    return article_from_html(html, where=where, max_chars=max_chars)


def article_from_html(
    html: str, *, where: str, url: str | None = None, max_chars: int = MAX_CHARS
) -> Article:
    """Extract an article from a web page with trafilatura (title, date, URL from its metadata)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    fields: dict[str, Any] = {}
    if extracted is not None:
        fields = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = fields.get("text") or ""
    if not body.strip():
        raise InputError("the page holds no article text", code="E108", where=where)
    text = _check_text(body, where, max_chars)
    date = None
    if fields.get("date"):
        try:
            date = normalise_date(str(fields["date"]), where)
        except InputError:
            date = None
    return Article(
        text=text,
        title=fields.get("title") or None,
        date=date,
        url=fields.get("url") or url,
        source=fields.get("sitename") or fields.get("hostname") or None,
        path=where,
    )


def article_from_json(obj: Any, where: str, *, max_chars: int = MAX_CHARS) -> Article:
    """One JSONL object to an Article, checking types."""
    if not isinstance(obj, dict):
        raise InputError(
            f"line is a JSON {type(obj).__name__}, not an object with 'text'",
            code="E107",
            where=where,
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("line has no non-empty string field 'text'", code="E107", where=where)
    text = _check_text(text.replace("\r\n", "\n").replace("\r", "\n"), where, max_chars)
    fields: dict[str, Any] = {}
    for name in OPTIONAL_FIELDS:
        value = obj.get(name)
        if value is None:
            continue
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise InputError(
                f"field {name!r} must be a string, not {type(value).__name__}",
                code="E110",
                where=where,
            )
        fields[name] = value
    fields["date"] = normalise_date(fields.get("date"), where)
    return Article(text=text, path=where, **fields)


def read_jsonl_stream(
    stream: Iterable[bytes] | Iterable[str],
    name: str,
    *,
    max_chars: int = MAX_CHARS,
    first_line: int = 1,
) -> Iterator[ReadResult]:
    """Articles from JSON lines; each problem is named ``NAME:LINE`` (lines counted from
    ``first_line``)."""
    for number, raw in enumerate(stream, start=first_line):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield InputError("line is not valid UTF-8", code="E105", where=where)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(
                f"not valid JSON ({exc.msg}, column {exc.colno})", code="E106", where=where
            )
            continue
        except RecursionError:  # "[[[[..." deeper than the parser can nest
            yield InputError("not valid JSON (nested too deeply)", code="E106", where=where)
            continue
        try:
            yield article_from_json(obj, where, max_chars=max_chars)
        except InputError as err:
            yield err


def read_jsonl(path: Path, *, max_chars: int = MAX_CHARS) -> Iterator[ReadResult]:
    with path.open("rb") as handle:
        head = handle.read(8192)
        if b"\x00" in head:
            yield InputError("file is binary, not text", code="E104", where=str(path))
            return
        handle.seek(0)
        yield from read_jsonl_stream(handle, str(path), max_chars=max_chars)


def _read_file(path: Path, *, max_chars: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(path, max_chars=max_chars)
        elif suffix in (".html", ".htm"):
            yield read_html(path, max_chars=max_chars)
        elif suffix == ".txt":
            yield read_txt(path, max_chars=max_chars)
        else:
            yield InputError(
                f"unsupported file type {suffix or '(none)'!r}; eventwire reads "
                + ", ".join(ARTICLE_SUFFIXES),
                code="E109",
                where=str(path),
            )
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", code="E101", where=str(path))


def iter_articles(
    inputs: Iterable[str | Path], *, stdin: IO[bytes] | None = None, max_chars: int = MAX_CHARS
) -> Iterator[ReadResult]:
    """Every article (or problem) from the given paths, in order. ``-`` reads JSONL from stdin."""
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_stream(stream, "<stdin>", max_chars=max_chars)
            continue
        path = Path(item)
        if not path.exists():
            yield InputError("no such file or directory", code="E101", where=str(path))
        elif path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not files:
                yield InputError(
                    "directory holds no article files (" + ", ".join(ARTICLE_SUFFIXES) + ")",
                    code="E102",
                    where=str(path),
                )
            for file in files:
                yield from _read_file(file, max_chars=max_chars)
        else:
            yield from _read_file(path, max_chars=max_chars)


def articles_from_text(text: str, **fields: Any) -> Article:
    """An Article from a Python string (used by ``eventwire.code``)."""
    return article_from_json({"text": text, **fields}, "<text>")


__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_CHARS",
    "MAX_RUN_CHARS",
    "MAX_SYMBOL_RUN",
    "article_from_html",
    "article_from_json",
    "articles_from_text",
    "decode_text",
    "iter_articles",
    "read_html",
    "read_jsonl",
    "read_jsonl_stream",
    "read_txt",
]
