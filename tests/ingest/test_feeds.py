"""Feeds and OPML lists from a loopback server and from files, into the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.ingest.feeds import (
    FeedOptions,
    articles_from_feed,
    feed_urls_from_opml,
    html_to_text,
    read_url,
    url_article_id,
)
from eventwire.ingest.fetch import FetchOptions
from eventwire.store import open_store
from eventwire.store.errors import FeedError
from tests.store.http_server import FULL_ITEM, LoopbackServer, opml, rss


@pytest.fixture(scope="module")
def server():
    with LoopbackServer() as running:
        yield running


def options(server, fetch_articles=False) -> FeedOptions:
    return FeedOptions(
        fetch_articles=fetch_articles, fetch=FetchOptions(allow_hosts=(server.host_port,))
    )


def test_feed_items_become_articles(server):
    items = list(read_url(f"{server.base}/feed.xml", options(server)))
    assert len(items) == 2
    full, summary = items
    assert full.title == "Japan protests to China over ships near disputed islands"
    assert full.text.startswith(full.title + "\n")
    assert FULL_ITEM in full.text
    assert full.date == "2021-12-13"
    assert full.source == "Loopback World News"
    assert full.id == url_article_id(f"{server.base}/japan-china")
    # without --fetch-articles a summary-only item is coded from its summary
    assert summary.text.endswith("an invasion of Ukraine would be a mistake.")


def test_fetch_articles_fetches_summary_only_items(server):
    items = list(read_url(f"{server.base}/feed.xml", options(server, fetch_articles=True)))
    summary_item = items[1]
    assert "Liz Truss said the Group of Seven" in summary_item.text
    assert summary_item.id == url_article_id(f"{server.base}/article.html")
    assert summary_item.date == "2021-12-14"


def test_malformed_feed_is_a_clear_problem(server):
    (problem,) = list(read_url(f"{server.base}/broken.xml", options(server)))
    assert isinstance(problem, FeedError)
    assert problem.code == "E531"
    assert problem.where.endswith("/broken.xml")
    (problem,) = list(articles_from_feed(b"<rss><channel></channel></rss>", "empty.xml"))
    assert problem.code == "E531"


def test_opml_lists_feeds():
    urls = feed_urls_from_opml(opml("http://news.example").encode(), "feeds.opml")
    assert urls == ["http://news.example/feed.xml", "http://news.example/broken.xml"]
    with pytest.raises(FeedError) as caught:
        feed_urls_from_opml(b"<opml><body></body></opml>", "x.opml")
    assert caught.value.code == "E532"
    with pytest.raises(FeedError):
        feed_urls_from_opml(b"<opml><body><outline", "x.opml")


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<p>One <b>two</b>.</p><p>Three.</p>") == "One two.\nThree."
    assert html_to_text("plain text") == "plain text"


def test_cli_ingests_feeds_urls_and_files_and_reports_the_bad_ones(server, tmp_path, pipeline):
    from eventwire.cli import cli

    feed_file = tmp_path / "saved.rss"
    feed_file.write_text(rss("http://saved.example"), encoding="utf-8")
    opml_file = tmp_path / "feeds.opml"
    opml_file.write_text(opml(server.base), encoding="utf-8")
    db = tmp_path / "events.duckdb"
    args = [
        "ingest", str(opml_file), f"{server.base}/article.html", str(feed_file),
        f"{server.base}/data.json", f"{server.base}/slow.html", str(tmp_path / "missing.txt"),
        "--db", str(db), "--allow-private-urls", "--timeout", "0.5", "--no-progress",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    for code in ("E531", "E526", "E523", "E101"):
        assert f"[{code}]" in result.output
    assert "Traceback" not in result.output
    with open_store(db) as store:
        # the OPML feed's 2 items (the page is the same URL id as its feed item), the saved feed's 2
        assert store.count("articles") == 4
        assert store.count("events") > 0
        assert store.scalar("SELECT count(*) FROM errors WHERE stage = 'input'") == 4
        urls = {r[0] for r in store.query("SELECT url FROM articles")[1]}
        assert f"{server.base}/article.html" in urls

    again = CliRunner().invoke(cli, [*args[:2], "--db", str(db), "--allow-private-urls",
                                     "--no-progress", "--json"])  # fmt: skip
    assert again.exit_code == 1, again.output  # the broken feed in the list, again
    assert '"unchanged": 2' in again.output
    assert '"added": 0' in again.output


def test_refused_url_without_the_flag(server, tmp_path):
    from eventwire.cli import cli

    result = CliRunner().invoke(
        cli, ["ingest", f"{server.base}/article.html", "--db", str(tmp_path / "e.duckdb")]
    )
    assert result.exit_code == 3
    assert "[E522]" in result.output
    assert Path(tmp_path / "e.duckdb").exists()
