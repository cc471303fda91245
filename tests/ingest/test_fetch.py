"""Fetching pages from a loopback server: extraction, limits, refusals, clear errors."""

from __future__ import annotations

import time

import pytest

from eventwire.ingest.fetch import FetchOptions, check_url, fetch, fetch_article
from eventwire.store.errors import FetchError
from eventwire.store.pgtemp import free_port
from tests.store.http_server import LoopbackServer


@pytest.fixture(scope="module")
def server():
    with LoopbackServer() as running:
        yield running


def allow(server: LoopbackServer, **kw) -> FetchOptions:
    return FetchOptions(allow_hosts=(server.host_port,), **kw)


def test_article_is_fetched_and_extracted(server):
    article = fetch_article(f"{server.base}/article.html", allow(server))
    assert article.title == "Britain warns Russia over troops near Ukraine"
    assert article.date == "2021-12-14"
    assert "Liz Truss said the Group of Seven" in article.text
    assert "Copyright Loopback News" not in article.text  # boilerplate dropped
    assert article.url == f"{server.base}/article.html"
    assert server.seen_agents[-1].startswith("eventwire/")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/", "http://169.254.169.254/",
     "http://[::1]/", "http://0.0.0.0/", "http://192.168.0.1/"],
)  # fmt: skip
def test_private_and_loopback_addresses_are_refused(url):
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert caught.value.code == "E522"
    assert "--allow-private-urls" in str(caught.value)


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError) as caught:
        check_url(url, allow_private=True)
    assert caught.value.code == "E521"


def test_a_redirect_into_a_refused_address_is_not_followed(server):
    # the loopback server is allowed, but the place it redirects to is not
    other = f"http://127.0.0.1:{free_port()}/secret"
    with pytest.raises(FetchError) as caught:
        fetch(f"{server.base}/redirect?to={other}", allow(server))
    assert caught.value.code == "E522"
    assert caught.value.where == other
    with pytest.raises(FetchError) as caught:
        fetch(f"{server.base}/redirect?to=file:///etc/passwd", allow(server))
    assert caught.value.code == "E521"


def test_an_allowed_redirect_is_followed(server):
    response = fetch(f"{server.base}/redirect?to=/article.html", allow(server))
    assert response.url == f"{server.base}/article.html"
    assert response.content_type == "text/html"


def test_slow_server_times_out(server):
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"{server.base}/slow.html", allow(server, read_timeout=0.3, connect_timeout=0.3))
    assert caught.value.code == "E523"
    assert time.monotonic() - started < 2.5


def test_unreachable_server():
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{free_port()}/", FetchOptions(allow_private=True))
    assert caught.value.code == "E523"


def test_size_limit(server):
    with pytest.raises(FetchError) as caught:
        fetch(f"{server.base}/big.html", allow(server, max_bytes=50_000))
    assert caught.value.code == "E525"


def test_non_html_response_and_http_errors(server):
    with pytest.raises(FetchError) as caught:
        fetch_article(f"{server.base}/data.json", allow(server))
    assert caught.value.code == "E526"
    assert "application/json" in str(caught.value)
    with pytest.raises(FetchError) as caught:
        fetch(f"{server.base}/missing", allow(server))
    assert caught.value.code == "E524"
    assert "404" in str(caught.value)
