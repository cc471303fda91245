"""Fixtures of the store tests: every store test runs on DuckDB and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.store.helpers import BACKENDS, new_location


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path) -> str:
    return new_location(request.param, tmp_path)


@pytest.fixture
def store(location):
    from eventwire.store import open_store

    with open_store(location) as opened:
        yield opened
