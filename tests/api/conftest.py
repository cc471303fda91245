"""Fixtures of the API tests: the app over a store of real coded articles."""

from __future__ import annotations

import pytest

from tests.api.coded_store import coded_store_path, shared_provider

TOKEN = "test-token-7f3a"


@pytest.fixture(scope="session")
def coded_db(tmp_path_factory, pipeline, seed_text):
    return coded_store_path(tmp_path_factory.mktemp("api-store"), pipeline, seed_text)


@pytest.fixture(scope="session")
def read_app(coded_db, pipeline):
    from eventwire.api import ApiSettings, create_app

    settings = ApiSettings(db=str(coded_db))
    return create_app(settings, provider=shared_provider(coded_db), pipeline=pipeline)


@pytest.fixture(scope="session")
def client(read_app):
    from fastapi.testclient import TestClient

    with TestClient(read_app) as test_client:
        yield test_client


@pytest.fixture
def write_client(coded_db, pipeline, tmp_path):
    """A client of an app allowed to write, over a copy of the coded store."""
    from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app
    from eventwire.api.db import StoreProvider
    from tests.api.coded_store import writable_copy

    path = writable_copy(coded_db, tmp_path / "writable.duckdb")
    settings = ApiSettings(db=str(path), allow_writes=True, token=TOKEN, max_body_bytes=200_000)
    provider = StoreProvider(str(path), writable=True)
    app = create_app(settings, provider=provider, pipeline=pipeline)
    with TestClient(app) as test_client:
        yield test_client
    provider.close()
