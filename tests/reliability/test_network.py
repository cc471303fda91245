"""URL fetching against a hostile loopback server: redirect loops, bodies with no length, servers
that trickle, addresses in disguise, and feed lists that point at local files.

tests/ingest/test_fetch.py covers the plain cases (schemes, private ranges, one redirect into a
refused address, a slow first byte, a declared size over the limit); these are the ones it does
not.
"""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from eventwire.ingest.feeds import FeedOptions, read_opml
from eventwire.ingest.fetch import MAX_REDIRECTS, FetchOptions, check_url, fetch
from eventwire.store.errors import FetchError
from tests.reliability.helpers import run_cli

PAGE = (
    b"<html><head><title>Russia warns Ukraine</title></head><body><article><p>Russia warned "
    b"Ukraine on Monday that any move to join NATO would be a provocation, the Kremlin said in a "
    b"statement to reporters in Moscow.</p></article></body></html>"
)


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # a body without Content-Length runs to the end of the stream

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        self.server.hits.append(parts.path)  # type: ignore[attr-defined]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if parts.path == "/loop":
                hop = int(query.get("n", ["0"])[0])
                self.send_response(302)
                self.send_header("Location", f"/loop?n={hop + 1}")
                self.end_headers()
            elif parts.path == "/redirect":
                self.send_response(301)
                self.send_header("Location", query["to"][0])
                self.end_headers()
            elif parts.path == "/endless":  # no Content-Length, never stops on its own
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(10_000):
                    self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
            elif parts.path == "/trickle":  # a byte at a time: no single read ever times out
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(200):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif parts.path == "/feeds.opml":
                self.send_response(200)
                self.send_header("Content-Type", "text/x-opml")
                self.end_headers()
                local = query["local"][0]
                self.wfile.write(
                    b'<?xml version="1.0"?><opml version="2.0"><body>'
                    + f'<outline type="rss" xmlUrl="{local}"/>'.encode()
                    + b"</body></opml>"
                )
            else:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    httpd.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def allowed(server, **kw) -> FetchOptions:
    return FetchOptions(allow_hosts=(f"127.0.0.1:{server.server_address[1]}",), **kw)


def test_redirect_loops_stop_after_the_limit(server):
    server.hits.clear()
    with pytest.raises(FetchError) as caught:
        fetch(f"{base(server)}/loop", allowed(server))
    assert caught.value.code == "E527"
    assert server.hits.count("/loop") == MAX_REDIRECTS + 1


def test_a_body_without_a_length_is_cut_at_the_size_limit(server):
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"{base(server)}/endless", allowed(server, max_bytes=100_000))
    assert caught.value.code == "E525"
    assert time.monotonic() - started < 10


def test_a_trickling_server_is_cut_at_the_total_time_limit(server):
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"{base(server)}/trickle", allowed(server, read_timeout=2, total_timeout=1.0))
    assert caught.value.code == "E523"
    assert time.monotonic() - started < 4  # 200 bytes at 0.1 s each would take 20 s


@pytest.mark.parametrize(
    "url",
    [
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f000001/",  # ... in hex
        "http://127.1/",  # short form
        "http://0177.0.0.1/",  # octal
        "http://[::]/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://[fd00::1]/",  # unique local IPv6
        "http://[fe80::1%25eth0]/",  # link-local with a zone
        "http://metadata.google.internal./",  # cloud metadata names resolve privately or not at all
    ],
)
def test_addresses_in_disguise_are_refused(url):
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert caught.value.code in {"E522", "E523"}  # refused, or a name that does not resolve


@pytest.mark.parametrize(
    "target",
    ["http://localhost:{port}/page", "http://[::1]:{port}/page", "http://10.0.0.1/",
     "http://169.254.169.254/latest/meta-data/", "ftp://127.0.0.1/x", "file:///etc/passwd"],
)  # fmt: skip
def test_redirects_into_refused_places_are_not_followed(server, target):
    server.hits.clear()
    to = target.format(port=server.server_address[1])
    with pytest.raises(FetchError) as caught:
        fetch(f"{base(server)}/redirect?to={to}", allowed(server))
    assert caught.value.code in {"E521", "E522"}
    assert server.hits == ["/redirect"]  # the refused hop was never requested


def test_cli_refuses_loopback_without_the_flag_and_fetches_with_it(server, tmp_path):
    url = f"{base(server)}/page.html"
    refused = run_cli("ingest", url, "--db", str(tmp_path / "a.duckdb"), "--no-progress")
    assert refused.returncode == 3
    assert b"[E522]" in refused.stderr and b"--allow-private-urls" in refused.stderr
    limited = run_cli(
        "ingest", f"{base(server)}/endless", url, "--db", str(tmp_path / "b.duckdb"),
        "--allow-private-urls", "--max-bytes", "50000", "--timeout", "2", "--no-progress",
    )  # fmt: skip
    assert limited.returncode == 1, limited.stderr.decode()
    assert b"[E525]" in limited.stderr  # the endless page is cut, the article is stored
    assert b"1 articles added" in limited.stderr


def test_a_remote_feed_list_cannot_make_eventwire_read_local_files(server, tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text(
        '<rss version="2.0"><channel><title>private</title><item><title>Secret memo</title>'
        "<description>The private memo says Russia warned Ukraine.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    url = f"{base(server)}/feeds.opml?local={secret}"
    results = list(read_opml(url, FeedOptions(fetch=allowed(server))))
    assert not any("Secret memo" in getattr(r, "text", "") for r in results)
