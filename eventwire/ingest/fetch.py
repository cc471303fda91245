"""Fetching web pages and feeds safely: http(s) only, timeouts, a size limit, no private addresses.

Every hop of a redirect chain is checked the same way as the first URL, so a public URL can never
redirect eventwire into a loopback, private, link-local or otherwise reserved address (unless
``allow_private`` is set, which tests use for a server on 127.0.0.1). Host names are resolved and
every address they resolve to must be public.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from eventwire.store.errors import FetchError

USER_AGENT = "eventwire/{version} (+https://github.com/eventwire/eventwire; news event coder)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 60.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class FetchOptions:
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    total_timeout: float = TOTAL_TIMEOUT
    max_bytes: int = MAX_BYTES
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()  # "host:port" entries allowed even when private
    user_agent: str = field(default_factory=lambda: _default_user_agent())


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    content_type: str  # the media type, lower case, without parameters
    charset: str | None
    body: bytes

    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def _default_user_agent() -> str:
    from eventwire import __version__

    return USER_AGENT.format(version=__version__)


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str, *, allow_private: bool = False, allow_hosts: tuple[str, ...] = ()) -> None:
    """Refuse a URL that is not http(s) or whose host is (or resolves to) a non-public address.

    ``allow_private`` lifts the address check for every host; ``allow_hosts`` for the listed
    ``host:port`` pairs only.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'!r}",
            code="E521",
            where=url,
        )
    host = parts.hostname
    if not host:
        raise FetchError("the URL names no host", code="E521", where=url)
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise FetchError("the URL has a bad port", code="E521", where=url) from None
    if f"{host}:{port}" in allow_hosts:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", code="E523", where=url) from None
    addresses = {info[4][0] for info in infos}
    bad = sorted(a for a in addresses if _refused(a))
    if bad:
        raise FetchError(
            f"host {host!r} resolves to a private, loopback or reserved address ({bad[0]}); "
            "eventwire refuses it (pass --allow-private-urls to fetch from your own network)",
            code="E522",
            where=url,
        )


def fetch(url: str, options: FetchOptions | None = None, *, accept: str = "*/*") -> Response:
    """GET a URL under the rules above. Raises :class:`FetchError` with a clear code."""
    import httpx

    options = options or FetchOptions()
    timeout = httpx.Timeout(
        options.read_timeout, connect=options.connect_timeout, pool=options.connect_timeout
    )
    headers = {"User-Agent": options.user_agent, "Accept": accept}
    deadline = time.monotonic() + options.total_timeout
    current = url
    with httpx.Client(
        timeout=timeout, headers=headers, follow_redirects=False, trust_env=False
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=options.allow_private, allow_hosts=options.allow_hosts)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                "redirect without a Location", code="E524", where=current
                            )
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            f"the server answered HTTP {response.status_code} "
                            f"{response.reason_phrase}",
                            code="E524",
                            where=current,
                        )
                    body = _read_limited(response, options.max_bytes, deadline, current)
                    media, _, params = response.headers.get("content-type", "").partition(";")
                    charset = None
                    for param in params.split(";"):
                        key, _, value = param.strip().partition("=")
                        if key.lower() == "charset" and value:
                            charset = value.strip("\"'")
                    return Response(
                        url=current,
                        status=response.status_code,
                        content_type=media.strip().lower(),
                        charset=charset or response.charset_encoding,
                        body=body,
                    )
            except httpx.TimeoutException:
                raise FetchError(
                    "the server did not answer in time", code="E523", where=current
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"cannot fetch: {type(exc).__name__}: {exc}", code="E523", where=current
                ) from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", code="E527", where=url)


def _read_limited(response: object, limit: int, deadline: float, where: str) -> bytes:
    declared = response.headers.get("content-length")  # type: ignore[attr-defined]
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(
            f"the response is {int(declared):,} bytes, over the limit of {limit:,}",
            code="E525",
            where=where,
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # type: ignore[attr-defined]
        size += len(chunk)
        if size > limit:
            raise FetchError(
                f"the response is over the limit of {limit:,} bytes", code="E525", where=where
            )
        if time.monotonic() > deadline:
            raise FetchError("the download took too long", code="E523", where=where)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_article(url: str, options: FetchOptions | None = None, *, max_chars: int | None = None):
    """Fetch a web page and extract its article (trafilatura, via the readers)."""
    from eventwire.ingest.readers import MAX_CHARS, article_from_html

    response = fetch(url, options, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    if response.content_type and response.content_type not in HTML_TYPES:
        raise FetchError(
            f"the response is {response.content_type!r}, not an HTML page",
            code="E526",
            where=url,
        )
    article = article_from_html(
        response.text(), where=url, url=response.url, max_chars=max_chars or MAX_CHARS
    )
    article.url = article.url or response.url
    return article
