"""A small HTTP server on 127.0.0.1 serving a news page, feeds, an OPML list and bad responses."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Britain warns Russia over troops near Ukraine</title>
<meta property="article:published_time" content="2021-12-14T09:30:00Z">
<meta property="og:site_name" content="Loopback News">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Britain warns Russia over troops near Ukraine</h1>
<p>Britain warned Russia on Tuesday that an invasion of Ukraine would be a strategic mistake,
as Western governments weighed new sanctions against Moscow.</p>
<p>Foreign Secretary Liz Truss said the Group of Seven nations were united in their message to
the Kremlin and called on Russia to de-escalate and pursue diplomatic channels.</p>
<p>Russia has denied planning an attack and accused NATO of threatening its security by
expanding eastwards. The Kremlin said President Vladimir Putin had told President Joe Biden
that Moscow wanted legal guarantees that the alliance would not expand.</p>
<p>Ukraine's foreign minister said Kyiv welcomed the support of its partners and urged the
European Union to prepare a package of sanctions against Russian banks.</p>
</article>
<footer>Copyright Loopback News</footer>
</body></html>
"""

FULL_ITEM = (
    "Japan protested to China on Monday after Chinese coast guard ships entered waters near "
    "islands in the East China Sea that both countries claim, the foreign ministry in Tokyo said. "
    "The ministry said a senior official had lodged a strong protest with the Chinese embassy and "
    "demanded that the ships leave at once. China rejected the protest and said the islands were "
    "its territory, accusing Japan of provoking tension in the region. Officials in Beijing said "
    "the patrols were routine and would continue. Japan and China have argued over the islands "
    "for decades, and the dispute has strained ties between Asia's two largest economies."
)


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Loopback World News</title><link>{base}/</link>
<description>test feed</description>
<item><title>Japan protests to China over ships near disputed islands</title>
<link>{base}/japan-china</link><guid>{base}/japan-china</guid>
<pubDate>Mon, 13 Dec 2021 08:00:00 GMT</pubDate>
<description>Japan protested to China.</description>
<content:encoded><![CDATA[<p>{FULL_ITEM}</p>]]></content:encoded></item>
<item><title>Britain warns Russia over troops near Ukraine</title>
<link>{base}/article.html</link><guid>{base}/article.html</guid>
<pubDate>Tue, 14 Dec 2021 09:30:00 GMT</pubDate>
<description>Britain warned Russia that an invasion of Ukraine would be a mistake.</description>
</item>
</channel></rss>
"""


def opml(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>feeds</title></head><body>
<outline text="World"><outline type="rss" text="Loopback" xmlUrl="{base}/feed.xml"/>
<outline type="rss" text="Broken" xmlUrl="{base}/broken.xml"/></outline>
</body></opml>
"""


class Handler(BaseHTTPRequestHandler):
    server_version = "LoopbackNews/1.0"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gave up
            self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        parts = urlsplit(self.path)
        self.server.seen_agents.append(self.headers.get("User-Agent", ""))
        if parts.path == "/article.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif parts.path == "/feed.xml":
            self._send(200, rss(base).encode(), "application/rss+xml")
        elif parts.path == "/feeds.opml":
            self._send(200, opml(base).encode(), "text/x-opml")
        elif parts.path == "/broken.xml":
            self._send(200, b"this is { not a feed <<<", "application/rss+xml")
        elif parts.path == "/data.json":
            self._send(200, b'{"text": "not a page"}', "application/json")
        elif parts.path == "/big.html":
            self._send(200, b"<html><body>" + b"x" * 200_000 + b"</body></html>", "text/html")
        elif parts.path == "/slow.html":
            time.sleep(3)
            self._send(200, ARTICLE_HTML.encode(), "text/html")
        elif parts.path == "/redirect":
            target = parse_qs(parts.query)["to"][0]
            self._send(302, b"", "text/plain", Location=target)
        else:
            self._send(404, b"not found", "text/plain")


class LoopbackServer:
    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.seen_agents = []  # type: ignore[attr-defined]
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def seen_agents(self) -> list[str]:
        return self.httpd.seen_agents  # type: ignore[attr-defined]

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
