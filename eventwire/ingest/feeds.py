"""RSS/Atom feeds and OPML lists of feeds, read with feedparser, fetched with :mod:`fetch`.

feedparser only ever parses bytes here; it never fetches, so every request goes through the
checks of :func:`eventwire.ingest.fetch.fetch`. A feed item becomes an :class:`Article`:

- its id is ``url-`` and a hash of its link (else of its guid), so the same item read again, or
  read later in full, lands on the same stored article;
- its text is the headline and then the item's full content when the feed carries it, else its
  summary; with ``fetch_articles`` a summary-only item is fetched from its link and extracted;
- its text passes the same checks as a file's (:func:`eventwire.ingest.readers.article_from_json`:
  the character limit, the English check, runs too long to be text), so a bad item is a problem
  for that item alone.

A feed that feedparser or lxml cannot read is a :class:`FeedError` (E531) for that feed alone. An
OPML list fetched from the network may only name http(s) feeds; only a local OPML file may name
local feed files.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.doc import Article
from eventwire.errors import EventwireError, InputError
from eventwire.ingest.fetch import FetchOptions, fetch, fetch_article
from eventwire.ingest.readers import MAX_CHARS, article_from_json
from eventwire.store.errors import FeedError, FetchError

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
OPML_SUFFIXES = (".opml",)
SUMMARY_ONLY_CHARS = 600  # an item whose content is no longer than this is taken as a summary
# Characters XML (and so lxml) refuses in text: C0 controls other than tab and newlines, lone
# surrogates and the two non-characters U+FFFE / U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ReadResult = Article | EventwireError


@dataclass
class FeedOptions:
    fetch_articles: bool = False
    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_chars: int = MAX_CHARS  # the readers' limit on one article's text (E111)


def url_article_id(url: str) -> str:
    return "url-" + hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's summary or content), paragraphs as lines."""
    import lxml.html

    if "<" not in html:
        return html.strip()
    # lxml raises ValueError when a tail holding one of these is set below; they are no text
    html = _NOT_XML.sub(" ", html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
            block.tail = "\n" + (block.tail or "")
        content = root.text_content()
    except Exception:  # lxml refuses some fragments (ValueError, ParserError): keep the raw text
        return html.strip()
    lines = (" ".join(line.split()) for line in content.splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _entry_body(entry: Any) -> tuple[str, bool]:
    """The item's text and whether it is only a summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    content = html_to_text(max(contents, key=len)) if contents else ""
    summary = html_to_text(entry.get("summary", "") or "")
    if content and len(content) > max(len(summary), SUMMARY_ONLY_CHARS):
        return content, False
    return (content if len(content) > len(summary) else summary), True


def parse_feed(data: bytes, where: str) -> Any:
    """The feed feedparser reads from ``data``; a :class:`FeedError` (E531) when it cannot.

    feedparser flags most broken feeds ("bozo") but raises on some: ValueError or
    UnicodeDecodeError for a NUL or a non-UTF-8 byte in the XML declaration's encoding, KeyError
    from its loose parser on a broken ``<link>``. Any of them is a problem of this feed alone.
    """
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises arbitrary errors on some bad bytes
        raise FeedError(
            f"not a readable RSS or Atom feed ({type(exc).__name__}: {exc})",
            code="E531",
            where=where,
        ) from None
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__}: {reason})" if reason else ""
        raise FeedError(
            "not a readable RSS or Atom feed, or a feed with no items" + detail,
            code="E531",
            where=where,
        )
    return parsed


def articles_from_feed(
    data: bytes, where: str, options: FeedOptions | None = None
) -> Iterator[ReadResult]:
    """The items of a feed (bytes already read) as articles, or problems for the bad ones."""
    options = options or FeedOptions()
    try:
        parsed = parse_feed(data, where)
    except FeedError as err:
        yield err
        return
    feed_title = _text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        item_where = f"{where}#item{number}"
        link = _text(entry.get("link"))
        title = " ".join((_text(entry.get("title")) or "").split()) or None
        body, summary_only = _entry_body(entry)
        if summary_only and options.fetch_articles and link:
            try:
                article = fetch_article(link, options.fetch, max_chars=options.max_chars)
            except EventwireError as err:
                yield err
            else:
                article.id = url_article_id(link)
                article.title = article.title or title
                article.date = article.date or _entry_date(entry)
                article.source = article.source or feed_title
                yield article
            continue
        text = "\n".join(p for p in (title, body) if p).strip()
        if not text:
            yield InputError("feed item has no text", code="E103", where=item_where)
            continue
        key = link or _text(entry.get("id")) or f"{where}#{title}"
        fields = {
            "text": text,
            "id": url_article_id(key),
            "title": title,
            "date": _entry_date(entry),
            "url": link,
            "source": feed_title,
        }
        try:  # the readers' checks: the character limit, English, runs too long to be text
            yield article_from_json(fields, item_where, max_chars=options.max_chars)
        except InputError as err:
            yield err


def _text(value: object) -> str | None:
    """A feed field as a non-empty string, or None: malformed feeds give dicts and lists where
    strings belong."""
    return value if isinstance(value, str) and value.strip() else None


def feed_urls_from_opml(data: bytes, where: str) -> list[str]:
    """The feed URLs an OPML file lists (``xmlUrl`` of its outlines, nested or not)."""
    import lxml.etree

    try:
        root = lxml.etree.fromstring(data, parser=lxml.etree.XMLParser(resolve_entities=False))
    except lxml.etree.XMLSyntaxError as exc:
        raise FeedError(f"not a valid OPML file: {exc}", code="E532", where=where) from None
    urls = [
        node.get("xmlUrl")
        for node in root.iter("outline")
        if node.get("xmlUrl") and node.get("xmlUrl").strip()
    ]
    if not urls:
        raise FeedError("the OPML file lists no feeds (no xmlUrl)", code="E532", where=where)
    return list(dict.fromkeys(u.strip() for u in urls))


def read_feed_url(url: str, options: FeedOptions | None = None) -> Iterator[ReadResult]:
    options = options or FeedOptions()
    try:
        response = fetch(
            url,
            options.fetch,
            accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        )
    except EventwireError as err:
        yield err
        return
    yield from articles_from_feed(response.body, url, options)


def read_url(url: str, options: FeedOptions | None = None) -> Iterator[ReadResult]:
    """A URL that may be a feed or an article page: its content type (or content) decides."""
    options = options or FeedOptions()
    try:
        response = fetch(url, options.fetch)
    except EventwireError as err:
        yield err
        return
    if response.content_type in FEED_TYPES or response.body.lstrip()[:200].lower().startswith(
        (b"<?xml", b"<rss", b"<feed", b"<rdf")
    ):
        yield from articles_from_feed(response.body, url, options)
        return
    from eventwire.ingest.fetch import HTML_TYPES
    from eventwire.ingest.readers import article_from_html
    from eventwire.store.errors import FetchError

    if response.content_type and response.content_type not in HTML_TYPES:
        yield FetchError(
            f"the response is {response.content_type!r}, neither an HTML page nor a feed",
            code="E526",
            where=url,
        )
        return
    try:
        article = article_from_html(
            response.text(), where=url, url=response.url, max_chars=options.max_chars
        )
    except EventwireError as err:
        yield err
        return
    article.id = url_article_id(url)
    article.url = article.url or response.url
    yield article


def read_opml(path_or_url: str, options: FeedOptions | None = None) -> Iterator[ReadResult]:
    """The feeds an OPML list names, read in turn.

    A list fetched from the network may name http(s) feeds only: a local path (or a ``file:``
    URL) in it is refused (E521), so a remote list can never make eventwire read local files.
    A local OPML file may name local feed files.
    """
    options = options or FeedOptions()
    remote = "://" in path_or_url
    try:
        # fetch() refuses any scheme but http(s) (E521)
        data = fetch(path_or_url, options.fetch).body if remote else Path(path_or_url).read_bytes()
        urls = feed_urls_from_opml(data, path_or_url)
    except EventwireError as err:
        yield err
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", code="E101", where=path_or_url)
        return
    for url in urls:
        if url.lower().startswith(("http://", "https://")):
            yield from read_feed_url(url, options)
        elif remote:
            yield FetchError(
                f"the OPML list fetched from {path_or_url} names {url!r}, which is not an "
                "http(s) URL; only a local OPML file may name local feed files",
                code="E521",
                where=url,
            )
        else:
            yield from read_feed_file(Path(url), options)


def read_feed_file(path: Path, options: FeedOptions | None = None) -> Iterator[ReadResult]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", code="E101", where=str(path))
        return
    yield from articles_from_feed(data, str(path), options)
