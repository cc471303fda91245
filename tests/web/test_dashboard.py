"""The dashboard in real headless Chromium over a store of real coded articles.

Each page is also saved as a screenshot into docs/screenshots/ (overview, dyad, events, article,
actor, code).
"""

from __future__ import annotations

import httpx
import pytest

from tests.api.coded_store import SEED_ID
from tests.web.conftest import _route_count, open_view, screenshot, wait_rendered

pytestmark = pytest.mark.slow


def _api(page, path: str, **params) -> dict:
    return httpx.get(page.base_url + path, params=params, timeout=30).json()


def test_overview_renders_with_data(page):
    open_view(page, "/")
    counts = _api(page, "/overview")["counts"]
    for label, key in (("articles", "articles"), ("events", "events"), ("quotes", "quotes")):
        shown = page.locator(f'.card[data-count="{label}"] .n').inner_text()
        assert int(shown.replace(",", "")) == counts[key] > 0
    bars = page.locator("#events-over-time svg rect.bar")
    assert bars.count() >= 2  # stacked by quad class
    dyad_rows = page.locator("#top-dyads tbody tr")
    assert dyad_rows.count() > 0
    assert page.locator("#map svg circle").count() >= 1  # the seed article's located events
    screenshot(page, "overview", full_page=True)
    before = _route_count(page)
    dyad_rows.first.click()  # a dyad row opens the dyad view
    wait_rendered(page, before)
    assert page.url.split("#")[1].startswith("/dyad?a=")
    assert page.locator("#dyad-chart svg").count() == 1


def test_a_filter_changes_the_events_table(page):
    open_view(page, "/events")
    total = int(page.locator("#events-total").get_attribute("data-total"))
    assert total == _api(page, "/events")["total"] > 0
    rows_before = page.locator("#events-table tbody tr").count()
    assert rows_before == min(total, 50)

    page.fill('#event-filters input[name="actor"]', "RUS")
    before = _route_count(page)
    page.click('#event-filters button[type="submit"]')
    wait_rendered(page, before)
    filtered = int(page.locator("#events-total").get_attribute("data-total"))
    assert filtered == _api(page, "/events", actor="RUS")["total"]
    assert 0 < filtered < total
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == min(filtered, 50)
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert "RUS" in cells.nth(1).inner_text() + cells.nth(3).inner_text()
    screenshot(page, "events")

    before = _route_count(page)
    page.click("#events-table th:has-text('Goldstein')")  # sort by Goldstein, descending
    wait_rendered(page, before)
    values = [
        float(text)
        for text in page.locator("#events-table tbody tr td:nth-child(5)").all_inner_texts()
        if text not in ("–", "")
    ]
    assert values and values == sorted(values, reverse=True)

    before = _route_count(page)
    page.locator("#events-table tbody tr").first.click()  # a row opens its article
    wait_rendered(page, before)
    assert "#/article/" in page.url
    assert page.locator("#article-text .focus").count() >= 1


def test_article_view_highlights_quotes_actors_and_triggers(page):
    open_view(page, f"/article/{SEED_ID}")
    record = _api(page, f"/articles/{SEED_ID}")
    quotes = page.locator("#article-text .hl-quote")
    assert quotes.count() > 0
    highlighted = "".join(quotes.all_inner_texts())
    longest = max(record["quotes"], key=lambda q: q["span"][1] - q["span"][0])
    first_words = longest["text"][:25]
    assert first_words in highlighted
    assert page.locator("#article-text .hl-trigger").count() >= len(record["events"])
    assert page.locator("#article-text .hl-actor").count() >= 1
    # the text shown is the article's text, unchanged by the highlighting
    assert page.locator("#article-text").inner_text().strip() == record["article"]["text"].strip()

    putin = page.locator("#article-text .hl-actor", has_text="Putin").first
    putin.hover()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert "RUSGOV" in tooltip.inner_text() and "rule" in tooltip.inner_text()
    trigger = page.locator("#article-text .hl-trigger").first
    trigger.hover()
    text = tooltip.inner_text()
    assert "confidence" in text and "rule" in text and record["events"][0]["cameo"] in text
    screenshot(page, "article")


def test_dyad_view_lists_the_events_behind_a_point(page):
    window = {"since": "2016-12-01", "until": "2017-03-31"}
    open_view(page, "/dyad?a=RUS&b=USA&freq=week&since=2016-12-01&until=2017-03-31")
    timeline = _api(page, "/dyads/RUS/USA/timeline", freq="week", **window)
    busy = [i for i, p in enumerate(timeline["periods"]) if p["events"]]
    assert len(busy) >= 2  # the Russia articles spread over several weeks
    assert page.locator("#dyad-chart svg rect.hit").count() == len(timeline["periods"])
    index = busy[-1]
    page.locator("#dyad-chart svg rect.hit").nth(index).click()
    heading = f"Events in the week from {timeline['periods'][index]['period']}"
    page.wait_for_selector(f"#dyad-events h2:has-text('{heading}')")
    page.wait_for_selector("#dyad-events tbody tr")
    assert page.locator("#dyad-events tbody tr").count() == timeline["periods"][index]["events"]
    screenshot(page, "dyad")


def test_actor_view_shows_partners_events_and_quotes(page):
    open_view(page, "/actor/RUS")
    profile = _api(page, "/actors/RUS")
    nodes = page.locator("#partner-network svg g.hit")
    assert nodes.count() == len(profile["partners"]) > 0
    assert page.get_by_text("Events with RUS as source").count() == 1
    assert page.get_by_text("Quotes by RUS").count() == 1
    screenshot(page, "actor")


def test_code_a_text_shows_the_result_without_storing(page):
    before_total = _api(page, "/articles")["total"]
    open_view(page, "/code")
    page.fill("#code-text", "Russia imposed sanctions on Ukraine, the Kremlin said on Monday.")
    page.fill("#code-date", "2021-12-13")
    page.click("#code-run")
    page.wait_for_selector("#code-result #article-text .hl-trigger", timeout=60_000)
    assert page.locator("#code-result #article-text .hl-actor").count() >= 2
    assert "sanctions" in page.locator("#code-result #records").inner_text() or (
        page.locator("#code-result .record").count() >= 1
    )
    screenshot(page, "code")
    assert _api(page, "/articles")["total"] == before_total


def test_actor_list_and_quotes_pages_open_their_rows(page):
    open_view(page, "/actors")
    rows = page.locator("table.data tbody tr")
    assert rows.count() == min(50, _api(page, "/actors")["total"]) > 0
    first_code = rows.first.locator("td").first.inner_text()
    before = _route_count(page)
    rows.first.click()
    wait_rendered(page, before)
    assert page.url.endswith(f"#/actor/{first_code}")

    open_view(page, "/quotes?speaker=RUS")
    quotes = page.locator("table.data tbody tr")
    assert quotes.count() == min(50, _api(page, "/quotes", speaker="RUS")["total"]) > 0
    before = _route_count(page)
    quotes.first.click()
    wait_rendered(page, before)
    assert "#/article/" in page.url
    assert page.locator("#article-text .hl-quote").count() > 0
