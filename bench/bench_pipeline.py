"""Whole-pipeline throughput: eventwire's coding against the raw spaCy pipeline on the same text.

    .venv/bin/python bench/bench_pipeline.py --articles 100 --rounds 3

In one process, on the same demo-corpus articles, alternating round by round:
(a) the raw spaCy pipeline eventwire builds on (the stock model, every component it ships enabled,
    same batch size), and
(b) eventwire's full coding: its parse (with the output-identical fast components and numpy's
    matrix multiply, see eventwire.nlp) plus every stage.
The ratio (b)/(a) of throughput is taken on CPU time of this process (robust when other jobs share
the machine) and on wall time; the best round of each is used. Also: the time in each stage, what
the parse alone costs with the fast components, and peak memory.

For honesty about where the margin comes from, (a') is the stock pipeline given the same matrix
multiply as eventwire (numpy's BLAS instead of thinc's blis): (b)/(a') is what eventwire costs
against a raw spaCy tuned the same way, so it shows the stages' cost and the stand-ins' saving
without the BLAS. The bookkeeping of the report (counting idle sentences) runs outside the timed
rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict

from common import load_average, peak_rss_mb, sample_articles, words

from eventwire.doc import Document
from eventwire.nlp import BATCH_SIZE, load_nlp
from eventwire.pipeline import Config, Pipeline, Stage


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    cpu, wall = _clock()
    return cpu - start[0], wall - start[1]


class _CpuTimed:
    """A stage that adds the CPU time of each call to ``seconds[stage.name]``."""

    def __init__(self, stage: Stage, seconds: dict[str, float]) -> None:
        self.stage, self.seconds = stage, seconds
        self.name, self.requires, self.assigns = stage.name, stage.requires, stage.assigns

    def __call__(self, document: Document) -> None:
        started = time.process_time()
        try:
            self.stage(document)
        finally:
            self.seconds[self.name] += time.process_time() - started


def _idle_sentences(document: Document) -> int:
    """Sentences with no actor mention, event or quote: the head-room a sentence filter could
    save on the parse (if it could tell them apart before parsing)."""
    busy: set[int] = set()
    for sentence_index, sentence in enumerate(document.sentences):
        start, end = sentence.start_char, sentence.end_char
        spans = [m.span for m in document.actors] + [q.span for q in document.quotes]
        spans += [e.span for e in document.events]
        if any(s < end and e > start for s, e in spans):
            busy.add(sentence_index)
    return len(document.sentences) - len(busy)


def _shares(seconds: dict[str, float], total: float) -> dict[str, float]:
    return {name: round(value / total, 3) for name, value in seconds.items()}


def measure(n_articles: int, rounds: int) -> dict[str, object]:
    articles = sample_articles(n_articles)
    n_words = words(articles)
    texts = [a.text for a in articles]
    load_before = load_average()

    raw_nlp = load_nlp(fast=False)
    same_blas_nlp = load_nlp(fast=False, numpy_gemm=True)
    pipeline = Pipeline(Config(fast_nlp=True))

    def raw() -> None:
        for _ in raw_nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass

    def raw_same_blas() -> None:
        for _ in same_blas_nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass

    def parse_only() -> None:
        for _ in pipeline.nlp.pipe(texts, batch_size=pipeline.config.batch_size):
            pass

    stage_seconds: dict[str, float] = defaultdict(float)
    counts = {"events": 0, "quotes": 0, "actors": 0, "sentences": 0, "sentences_idle": 0}
    pipeline.stages = [_CpuTimed(stage, stage_seconds) for stage in pipeline.stages]

    def full() -> None:
        stage_seconds.clear()
        for _ in pipeline.code_articles(articles):
            pass

    raw()  # warm caches (vocab, lemmatizer, lookups) on the same text once
    raw_same_blas()
    for document in pipeline.code_articles(articles):  # warm, and count what the coding finds
        counts["events"] += len(document.events)
        counts["quotes"] += len(document.quotes)
        counts["actors"] += len(document.actors)
        counts["sentences"] += len(document.sentences)
        counts["sentences_idle"] += _idle_sentences(document)
    best = {k: (1e9, 1e9) for k in ("raw", "raw_same_blas", "parse", "full")}
    steps = (("raw", raw), ("raw_same_blas", raw_same_blas), ("parse", parse_only), ("full", full))
    for _ in range(rounds):
        for name, fn in steps:
            start = _clock()
            fn()
            cpu, wall = _since(start)
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))

    (raw_cpu, raw_wall), (parse_cpu, _), (full_cpu, full_wall) = (
        best["raw"],
        best["parse"],
        best["full"],
    )
    same_blas_cpu = best["raw_same_blas"][0]
    return {
        "articles": len(articles),
        "words": n_words,
        "rounds": rounds,
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "raw_spacy_cpu_seconds": round(raw_cpu, 2),
        "raw_spacy_words_per_cpu_second": round(n_words / raw_cpu),
        "raw_spacy_numpy_gemm_cpu_seconds": round(same_blas_cpu, 2),
        "eventwire_parse_cpu_seconds": round(parse_cpu, 2),
        "eventwire_cpu_seconds": round(full_cpu, 2),
        "eventwire_words_per_cpu_second": round(n_words / full_cpu),
        "eventwire_articles_per_cpu_second": round(len(articles) / full_cpu, 2),
        "ratio_cpu": round(raw_cpu / full_cpu, 3),
        "ratio_wall": round(raw_wall / full_wall, 3),
        "ratio_cpu_same_blas": round(same_blas_cpu / full_cpu, 3),
        "parse_ratio_cpu": round(raw_cpu / parse_cpu, 3),
        "parse_ratio_cpu_same_blas": round(same_blas_cpu / parse_cpu, 3),
        # the stages' own CPU time, summed (the difference of the best (b) and best parse rounds
        # is noisier: two minima)
        "stages_cpu_seconds": round(sum(stage_seconds.values()), 2),
        "stages_share_of_raw_parse_cpu": round(sum(stage_seconds.values()) / raw_cpu, 3),
        "stage_cpu_seconds_last_round": {k: round(v, 2) for k, v in stage_seconds.items()},
        "stage_share_of_raw_parse_cpu": _shares(stage_seconds, raw_cpu),
        **counts,
        "peak_rss_mb": round(peak_rss_mb()),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = measure(args.articles, args.rounds)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        print(f"{key:<36} {value}")
    print(f"RATIO (b)/(a) eventwire/raw-spaCy throughput, CPU: {report['ratio_cpu']}")
    same = report["ratio_cpu_same_blas"]
    print(f"RATIO (b)/(a') against raw spaCy on the same BLAS, CPU: {same}")


if __name__ == "__main__":
    main()
