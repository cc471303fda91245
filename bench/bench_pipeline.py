"""Whole-pipeline throughput: eventwire's coding against the raw spaCy pipeline on the same text.

    .venv/bin/python bench/bench_pipeline.py --articles 200

Prints (a) the raw spaCy pipeline eventwire loads, run over the texts with the same batch size;
(b) eventwire's full coding (parse plus every stage); the ratio (b)/(a) of throughput; the time
spent in each stage; and peak memory.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from common import peak_rss_mb, sample_articles, timed, words

from eventwire.nlp import BATCH_SIZE, load_nlp
from eventwire.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    articles = sample_articles(args.articles)
    n_words = words(articles)
    texts = [a.text for a in articles]

    (nlp, load_seconds) = timed(load_nlp)
    (pipeline, build_seconds) = timed(Pipeline)

    def raw() -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=BATCH_SIZE))

    def full() -> tuple[int, int, int, dict[str, float]]:
        events = quotes = 0
        stages: dict[str, float] = defaultdict(float)
        for document in pipeline.code_articles(articles):
            events += len(document.events)
            quotes += len(document.quotes)
            for name, seconds in document.timings.items():
                stages[name] += seconds
        return events, quotes, len(articles), dict(stages)

    raw()  # warm up caches once on the same text
    _, raw_seconds = timed(raw)
    (events, quotes, _, stages), full_seconds = timed(full)
    report = {
        "articles": len(articles),
        "words": n_words,
        "model_load_seconds": round(load_seconds, 2),
        "pipeline_build_seconds": round(build_seconds, 2),
        "raw_spacy_seconds": round(raw_seconds, 2),
        "raw_spacy_words_per_second": round(n_words / raw_seconds),
        "eventwire_seconds": round(full_seconds, 2),
        "eventwire_words_per_second": round(n_words / full_seconds),
        "eventwire_articles_per_second": round(len(articles) / full_seconds, 2),
        "throughput_ratio_eventwire_to_raw": round(raw_seconds / full_seconds, 3),
        "stage_seconds": {k: round(v, 2) for k, v in stages.items()},
        "stage_share_of_raw_parse": {k: round(v / raw_seconds, 3) for k, v in stages.items()},
        "events": events,
        "quotes": quotes,
        "peak_rss_mb": round(peak_rss_mb()),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:<36} {value}")


if __name__ == "__main__":
    main()
