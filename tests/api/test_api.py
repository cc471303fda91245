"""The API over a store of real coded articles (the seed article and 20 demo-corpus articles)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.api.coded_store import DEMO_ARTICLES, SEED_ID, shared_provider

pytestmark = pytest.mark.slow


def _error_shape(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    return body


def _stored(db, table: str) -> int:
    with shared_provider(db).borrow() as store:
        return store.count(table)


def _matches(ref: dict | None, actor: str) -> bool:
    return bool(ref) and ((ref["code"] or "").startswith(actor) or ref["country"] == actor)


def _all_events(client, **params) -> list[dict]:
    items, offset = [], 0
    while True:
        page = client.get("/events", params={**params, "limit": 100, "offset": offset}).json()
        items += page["items"]
        offset += 100
        if offset >= page["total"]:
            return items


# -- reading ----------------------------------------------------------------------------------


def test_health_and_overview_count_what_is_stored(client, coded_db):
    health = client.get("/health").json()
    assert health == {**health, "ok": True, "backend": "duckdb", "writable": False}
    overview = client.get("/overview").json()
    for table in ("articles", "events", "quotes"):
        assert overview["counts"][table] == _stored(coded_db, table)
    assert overview["counts"]["articles"] == DEMO_ARTICLES + 1
    assert overview["counts"]["events"] > 40
    over_time = sum(
        sum(row[q] for q in ("1", "2", "3", "4", "none")) for row in overview["events_over_time"]
    )
    with shared_provider(coded_db).borrow() as store:
        dated = store.scalar("SELECT count(*) FROM events WHERE date IS NOT NULL")
    assert over_time == dated
    dyads = overview["top_dyads"]
    assert dyads and dyads == sorted(dyads, key=lambda d: -d["events"])


def test_articles_list_and_one_article_with_valid_spans(client):
    page = client.get("/articles", params={"limit": 100}).json()
    assert page["total"] == DEMO_ARTICLES + 1
    dates = [a["date"] for a in page["items"] if a["date"]]
    assert dates == sorted(dates, reverse=True)  # default sort: newest first
    seed = next(a for a in page["items"] if a["id"] == SEED_ID)
    assert seed["events"] > 5 and seed["quotes"] > 3

    record = client.get(f"/articles/{SEED_ID}").json()
    text = record["article"]["text"]
    assert record["article"]["date"] == "2021-12-13"
    assert len(record["events"]) == seed["events"]
    for layer in ("actors", "events", "quotes"):
        for item in record[layer]:
            start, end = item["span"]
            assert text[start:end] == item["text"], (layer, item)
    codes = {a["code"] for a in record["actors"]}
    assert {"RUSGOV", "IGOWSTNAT"} <= codes
    speakers = {(q["speaker"] or {}).get("name") or "" for q in record["quotes"]}
    assert any("Borrell" in name for name in speakers)
    assert all(e["uid"].startswith(SEED_ID) for e in record["events"])


def test_article_search_and_date_filters(client):
    found = client.get("/articles", params={"q": "Kremlin"}).json()
    assert any(a["id"] == SEED_ID for a in found["items"])
    late = client.get("/articles", params={"since": "2021-01-01"}).json()
    assert [a["id"] for a in late["items"]] == [SEED_ID]


def test_events_filter_by_actor_side_and_partner(client):
    russian = _all_events(client, actor="RUS")
    assert russian
    assert all(_matches(e["source"], "RUS") or _matches(e["target"], "RUS") for e in russian)
    as_source = _all_events(client, actor="rus", side="source")  # codes are case-insensitive
    assert as_source and all(_matches(e["source"], "RUS") for e in as_source)
    dyad = _all_events(client, actor="RUS", partner="GBR")
    assert dyad
    for e in dyad:
        assert (_matches(e["source"], "RUS") and _matches(e["target"], "GBR")) or (
            _matches(e["source"], "GBR") and _matches(e["target"], "RUS")
        )
    assert len(dyad) < len(russian)


def test_events_filter_by_code_quad_modality_date_and_text(client):
    every = _all_events(client)
    roots = {e["root"] for e in every}
    root = sorted(roots)[0]
    by_root = _all_events(client, root=root)
    assert by_root and all(e["root"] == root for e in by_root)
    assert len(by_root) == sum(1 for e in every if e["root"] == root)
    cameo = every[0]["cameo"][:2]
    assert all(e["cameo"].startswith(cameo) for e in _all_events(client, cameo=cameo))
    for quad in (1, 3):
        items = _all_events(client, quad_class=quad)
        assert len(items) == sum(1 for e in every if e["quad_class"] == quad)
    asserted = _all_events(client, modality="asserted")
    assert asserted and all(e["modality"] == "asserted" for e in asserted)
    window = _all_events(client, since="2021-12-13", until="2021-12-13")
    assert window and {e["date"] for e in window} == {"2021-12-13"}
    assert {e["article_id"] for e in window} == {SEED_ID}
    wagner = _all_events(client, q="wagner")
    assert wagner and all(
        "wagner"
        in " ".join(
            filter(
                None,
                (
                    e["sentence"],
                    e["text"],
                    *((e[s] or {}).get("text") for s in ("source", "target")),
                ),
            )
        ).lower()
        for e in wagner
    )


def test_events_sort_and_paging(client):
    first = client.get("/events", params={"sort": "goldstein", "limit": 10}).json()
    second = client.get("/events", params={"sort": "goldstein", "limit": 10, "offset": 10}).json()
    values = [
        e["goldstein"] for e in first["items"] + second["items"] if e["goldstein"] is not None
    ]
    assert values == sorted(values)
    uids = [e["uid"] for e in first["items"] + second["items"]]
    assert len(uids) == len(set(uids)) == 20
    newest = client.get("/events", params={"sort": "-date", "limit": 5}).json()["items"]
    assert newest[0]["date"] == "2021-12-13"
    assert newest[0]["article_title"]


def test_quotes_and_actors(client):
    quotes = client.get("/quotes", params={"speaker": "RUS", "limit": 100}).json()
    assert quotes["total"] > 0
    for q in quotes["items"]:
        speaker = q["speaker"]
        assert (speaker["code"] or "").startswith("RUS") or "rus" in (speaker["name"] or "").lower()
    direct = client.get("/quotes", params={"kind": "direct"}).json()
    assert all(q["kind"] == "direct" for q in direct["items"])

    actors = client.get("/actors", params={"limit": 20}).json()
    mentions = [a["mentions"] for a in actors["items"]]
    assert mentions == sorted(mentions, reverse=True) and mentions[0] > 1
    profile = client.get("/actors/RUS").json()
    assert profile["mentions"] > 0
    assert profile["events_as_source"] == len(_all_events(client, actor="RUS", side="source"))
    partners = {p["partner"] for p in profile["partners"]}
    assert partners and not any(p.startswith("RUS") for p in partners)
    _error_shape(client.get("/actors/ZZZQ"), 404)


def test_dyad_timeline_counts_the_dyads_events(client):
    timeline = client.get("/dyads/RUS/GBR/timeline", params={"freq": "month"}).json()
    assert timeline["count"] == "reports" and timeline["freq"] == "month"
    total = sum(p["events"] for p in timeline["periods"])
    assert total == len(_all_events(client, actor="RUS", partner="GBR"))
    for p in timeline["periods"]:
        assert p["period"].endswith("-01")
        if p["events"]:
            assert p["goldstein_mean"] is not None
    assert isinstance(timeline["alerts"], list)
    top = client.get("/dyads", params={"limit": 3}).json()["items"]
    assert len(top) == 3 and all(d["actor_a"] < d["actor_b"] for d in top)


# -- errors, limits, safety -------------------------------------------------------------------


def test_every_error_has_one_shape(client):
    _error_shape(client.get("/articles/no-such-article"), 404)
    _error_shape(client.get("/no/such/route"), 404)
    _error_shape(client.get("/events", params={"limit": 100_000}), 422)
    _error_shape(client.get("/events", params={"since": "13/12/2021"}), 422)
    _error_shape(client.get("/events", params={"sort": "date; DROP TABLE events"}), 422)
    _error_shape(client.get("/events", params={"quad_class": 7}), 422)
    _error_shape(client.delete("/events"), 405)
    _error_shape(client.post("/code", json={"text": ""}), 422)
    _error_shape(client.post("/code", content=b"not json"), 422)


def test_sql_is_parameterised(client, coded_db):
    before = _stored(coded_db, "events")
    hostile = "x' OR '1'='1' --"
    body = client.get("/events", params={"q": hostile}).json()
    assert body["total"] == 0  # searched for literally, not executed
    assert client.get("/events", params={"q": "100%"}).json()["total"] <= before
    _error_shape(client.get("/events", params={"actor": "RUS' OR 1=1 --"}), 422)
    _error_shape(client.get("/dyads/RUS'--/GBR/timeline"), 422)
    assert _stored(coded_db, "events") == before


def test_page_size_limit_from_settings(coded_db):
    from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app

    app = create_app(
        ApiSettings(db=str(coded_db), max_page_size=20), provider=shared_provider(coded_db)
    )
    with TestClient(app) as small:
        assert small.get("/events", params={"limit": 20}).status_code == 200
        body = _error_shape(small.get("/events", params={"limit": 21}), 422)
        assert "20" in body["error"]


def test_cors_is_off_by_default_and_on_for_named_origins(client, coded_db):
    asked = {"Origin": "http://evil.example"}
    assert "access-control-allow-origin" not in client.get("/health", headers=asked).headers
    from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app

    settings = ApiSettings(db=str(coded_db), cors_origins=("http://analyst.example",))
    with TestClient(create_app(settings, provider=shared_provider(coded_db))) as open_client:
        ok = open_client.get("/health", headers={"Origin": "http://analyst.example"})
        assert ok.headers["access-control-allow-origin"] == "http://analyst.example"
        other = open_client.get("/health", headers=asked)
        assert "access-control-allow-origin" not in other.headers


def test_security_headers_and_offline_dashboard(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # nothing loaded from elsewhere
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/app.css", "/static/favicon.svg"):
        response = client.get(asset)
        assert response.status_code == 200 and response.content
        assert "cdn" not in response.text.lower()
    assert client.get("/docs").status_code == 404  # Swagger UI would need a CDN
    schema = client.get("/openapi.json").json()
    assert {"/events", "/articles/{article_id}", "/dyads/{a}/{b}/timeline", "/code"} <= set(
        schema["paths"]
    )


# -- coding and writing -----------------------------------------------------------------------

NEW_TEXT = (
    "Russia imposed sanctions on Ukraine on Monday.\n"
    "The Kremlin said Moscow would not negotiate with Kyiv."
)


def test_code_returns_a_record_and_stores_nothing(client, coded_db):
    before = _stored(coded_db, "articles")
    response = client.post("/code", json={"text": NEW_TEXT, "date": "2021-12-13"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["ok"] is True and record["article"]["text"] == NEW_TEXT
    assert any(e["root"] == "16" for e in record["events"])  # sanctions: reduce relations
    for layer in ("actors", "events", "quotes"):
        for item in record[layer]:
            assert NEW_TEXT[item["span"][0] : item["span"][1]] == item["text"]
    assert _stored(coded_db, "articles") == before


def test_write_endpoints_need_allow_writes_and_the_token(client, write_client):
    line = json.dumps({"id": "api-new-1", "text": NEW_TEXT, "date": "2021-12-14"})
    _error_shape(client.post("/ingest", content=line), 403)  # read-only server
    _error_shape(write_client.post("/ingest", content=line), 401)
    wrong = {"Authorization": "Bearer not-the-token"}
    _error_shape(write_client.post("/ingest", content=line, headers=wrong), 401)
    assert write_client.get("/articles/api-new-1").status_code == 404


def test_ingest_stores_jsonl_and_reports_bad_lines(write_client):
    from tests.api.conftest import TOKEN

    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    body = "\n".join(
        [
            json.dumps({"id": "feed/api-new-1", "text": NEW_TEXT, "date": "2021-12-14"}),
            "{not json",
            json.dumps({"id": "api-new-2", "title": "no text"}),
        ]
    )
    before = write_client.get("/articles").json()["total"]
    response = write_client.post("/ingest", content=body, headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["added"] == 1 and result["problems"] == 2
    assert [p["where"] for p in result["problem_lines"]] == ["request:2", "request:3"]
    assert write_client.get("/articles").json()["total"] == before + 1
    stored = write_client.get("/articles/feed/api-new-1").json()
    assert stored["article"]["date"] == "2021-12-14" and stored["events"]
    since = write_client.get("/events", params={"since": "2021-12-14"}).json()
    assert since["total"] == len(stored["events"])
    again = write_client.post("/ingest", content=body, headers=auth).json()
    assert again["added"] == 0 and again["unchanged"] == 1  # idempotent
    _error_shape(write_client.post("/ingest", content=b"  \n", headers=auth), 400)


def test_request_bodies_over_the_limit_are_refused(write_client):
    from tests.api.conftest import TOKEN

    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = json.dumps({"text": "word " * 50_000}).encode()  # 250 kB > the 200 kB limit
    _error_shape(write_client.post("/ingest", content=big, headers=auth), 413)
    _error_shape(write_client.post("/code", content=big), 413)

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(30):
            yield b"x" * 10_000

    _error_shape(write_client.post("/code", content=chunks()), 413)
    too_long = {"text": "a" * 100_001}
    _error_shape(write_client.post("/code", json=too_long), 422)


def test_dates_in_the_future_give_empty_pages(client):
    future = (dt.date.today() + dt.timedelta(days=3650)).isoformat()
    page = client.get("/events", params={"since": future}).json()
    assert page["total"] == 0 and page["items"] == []
