"""Shared pieces of the benchmarks: the text to measure on and how to measure it.

Every benchmark reports ratios against a baseline measured in the same run on the same text (the raw
spaCy pipeline eventwire loads), never absolute timings alone, so results compare across machines.
"""

from __future__ import annotations

import itertools
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.demo import demo_articles  # noqa: E402
from eventwire.doc import Article  # noqa: E402

T = TypeVar("T")
SEED = ROOT.parent / "shared" / "corpus" / "seed-article.txt"

# The synthetic stores of bench_store.py and bench_api.py: 20 countries and 8 CAMEO codes spanning
# the four quad classes.
SYNTHETIC_COUNTRIES = [
    "RUS", "UKR", "GBR", "USA", "CHN", "JPN", "DEU", "FRA", "IRN", "ISR",
    "TUR", "IND", "PAK", "SYR", "IRQ", "KOR", "PRK", "BLR", "POL", "SAU",
]  # fmt: skip
SYNTHETIC_CODES = [  # cameo, root, goldstein, quad class
    ("010", "01", 0.0, 1),
    ("040", "04", 1.0, 1),
    ("057", "05", 8.0, 2),
    ("111", "11", -2.0, 3),
    ("130", "13", -4.4, 3),
    ("163", "16", -8.0, 4),
    ("173", "17", -5.0, 4),
    ("190", "19", -10.0, 4),
]


def sample_articles(n: int) -> list[Article]:
    """``n`` demo-corpus articles (the seed article repeated if the corpus is missing)."""
    try:
        return list(itertools.islice(demo_articles(None), n))
    except Exception as exc:  # the corpus is optional for a quick run
        print(f"(demo corpus unavailable: {exc}; using the seed article)", file=sys.stderr)
        text = SEED.read_text(encoding="utf-8")
        return [Article(text=text, id=f"seed-{i}", date="2021-12-13") for i in range(n)]


def words(articles: Iterable[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (figures mean little when this exceeds the cores)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"
