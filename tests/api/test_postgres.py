"""The same API over PostgreSQL: the coded records copied into a throwaway server answer the same
queries with the same results as DuckDB (skipped with a message where no server can start, failed
in CI with EVENTWIRE_REQUIRE_POSTGRES=1, as the store's tests do)."""

from __future__ import annotations

import pytest

from tests.api.coded_store import SEED_ID, shared_provider

pytestmark = pytest.mark.slow

QUERIES = [
    ("/events", {"actor": "RUS"}),
    ("/events", {"actor": "RUS", "partner": "GBR"}),
    ("/events", {"root": "13"}),
    ("/events", {"quad_class": 4, "modality": "asserted"}),
    ("/events", {"q": "sanction", "since": "2021-01-01"}),
    ("/quotes", {"speaker": "RUS"}),
    ("/articles", {"q": "Kremlin"}),
]


@pytest.fixture(scope="module")
def pg_client(coded_db, tmp_path_factory):
    from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app
    from eventwire.api.db import StoreProvider
    from eventwire.store import open_store
    from eventwire.store.versions import coding_stamp, coding_versions
    from tests.store.helpers import new_location

    url = new_location("postgresql", tmp_path_factory.mktemp("pg"))
    with shared_provider(coded_db).borrow() as source:
        records = list(source.iter_records())
    versions = coding_versions(None)
    with open_store(url) as target:
        target.write_records(records, versions=versions, stamp=coding_stamp(versions))
    provider = StoreProvider(url, writable=False)
    with TestClient(create_app(ApiSettings(db=url), provider=provider)) as client:
        yield client
    provider.close()


def _everything(client, path: str, params: dict) -> tuple[int, list]:
    page = client.get(path, params={**params, "limit": 500}).json()
    assert page["ok"] is True, page
    key = "uid" if path == "/events" else "id" if path == "/articles" else "text"
    return page["total"], sorted(str(item[key]) for item in page["items"])


def test_postgres_answers_like_duckdb(client, pg_client):
    assert pg_client.get("/health").json()["backend"] == "postgresql"
    for path, params in QUERIES:
        assert _everything(pg_client, path, params) == _everything(client, path, params), path
    duck = client.get(f"/articles/{SEED_ID}").json()
    pg = pg_client.get(f"/articles/{SEED_ID}").json()
    assert pg["events"] == duck["events"] and pg["quotes"] == duck["quotes"]
    timeline = {"freq": "month"}
    assert (
        pg_client.get("/dyads/RUS/GBR/timeline", params=timeline).json()["periods"]
        == client.get("/dyads/RUS/GBR/timeline", params=timeline).json()["periods"]
    )
    pg_overview = pg_client.get("/overview").json()
    duck_overview = client.get("/overview").json()
    assert pg_overview["counts"] == {**duck_overview["counts"], "event_clusters": 0}
    assert pg_overview["top_dyads"] == duck_overview["top_dyads"]
    assert (
        pg_client.get("/actors/RUS").json()["partners"]
        == (client.get("/actors/RUS").json()["partners"])
    )
    page = pg_client.get("/events", params={"sort": "goldstein", "limit": 7, "offset": 3}).json()
    assert len(page["items"]) == 7
    _, first = _everything(pg_client, "/events", {})
    assert len(first) == page["total"]
