"""Shared fixtures. The spaCy model and the pipeline load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.helpers import BACKENDS, new_location

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed-article.txt"
SEED_DATE = "2021-12-13"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_document(pipeline, seed_text):
    return pipeline.code(seed_text, date=SEED_DATE)


@pytest.fixture(scope="session")
def seed_record(seed_document) -> dict:
    return seed_document.to_dict()


# -- the store, on both backends (tests/store, tests/analysis, tests/export) --------------------


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path) -> str:
    return new_location(request.param, tmp_path)


@pytest.fixture
def store(location):
    from eventwire.store import open_store

    with open_store(location) as opened:
        yield opened
