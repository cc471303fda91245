"""Ingest: read inputs (files, folders, JSONL, feeds, OPML lists, URLs), code, store in batches.

The job is idempotent and resumable:

1. every input is read first; problems (a bad file, a malformed feed, a URL that fails) are kept in
   the ``errors`` table and reported, and the run goes on;
2. articles whose text hash and coding stamp are already stored are skipped (``unchanged``);
3. the rest are coded and written ``batch_size`` at a time, each batch in one transaction that
   replaces any earlier rows of the same articles;
4. event clusters are recomputed when anything changed (or a killed run left them stale).

A run killed at any point loses at most its current batch; the next run skips what was stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.analysis.summary import Summary
from eventwire.doc import Article, Document
from eventwire.errors import EventwireError
from eventwire.store.store import Store
from eventwire.store.versions import coding_stamp, coding_versions

BATCH_SIZE = 25

Problem = Callable[[EventwireError], None]
Coder = Callable[[list[Article]], Iterable[dict[str, Any]]]  # new articles -> their records


@dataclass
class IngestResult:
    """What one ingest run did."""

    run_id: int
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    problems: int = 0
    clusters: int | None = None
    seconds: float = 0.0
    summary: Summary = field(default_factory=Summary)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "problems": self.problems,
            "clusters": self.clusters,
            "seconds": round(self.seconds, 2),
            "coded": self.summary.to_dict(),
        }

    def render(self) -> str:
        lines = [
            f"ingest run {self.run_id}: {self.added:,} articles added, {self.replaced:,} "
            f"replaced, {self.unchanged:,} unchanged, {self.problems:,} problems "
            f"({self.seconds:.1f} s)"
        ]
        if self.clusters is not None:
            lines.append(f"event clusters   {self.clusters:,} (recomputed over the whole store)")
        return "\n".join(lines)


def iter_inputs(
    inputs: Iterable[str | Path],
    *,
    fetch_articles: bool = False,
    allow_private_urls: bool = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_chars: int | None = None,
) -> Iterator[Article | EventwireError]:
    """Articles (or problems) from paths, folders, ``-``, feed files, OPML lists and URLs."""
    from eventwire.ingest.feeds import (
        FEED_SUFFIXES,
        OPML_SUFFIXES,
        FeedOptions,
        read_feed_file,
        read_opml,
        read_url,
    )
    from eventwire.ingest.fetch import FetchOptions
    from eventwire.ingest.readers import MAX_CHARS, iter_articles

    fetch_options = FetchOptions(allow_private=allow_private_urls)
    if timeout is not None:
        fetch_options.connect_timeout = fetch_options.read_timeout = timeout
        fetch_options.total_timeout = max(timeout * 3, timeout)
    if max_bytes is not None:
        fetch_options.max_bytes = max_bytes
    options = FeedOptions(
        fetch_articles=fetch_articles, fetch=fetch_options, max_chars=max_chars or MAX_CHARS
    )
    for item in inputs:
        text = str(item)
        suffix = Path(text).suffix.lower()
        if text.startswith(("http://", "https://")) or "://" in text:
            if suffix in OPML_SUFFIXES:
                yield from read_opml(text, options)
            else:
                yield from read_url(text, options)
        elif suffix in OPML_SUFFIXES:
            yield from read_opml(text, options)
        elif suffix in FEED_SUFFIXES and Path(text).is_file():
            yield from read_feed_file(Path(text), options)
        else:
            yield from iter_articles([item], max_chars=max_chars or MAX_CHARS)


def _sentence_spans(document: Document) -> list[tuple[int, int]] | None:
    if document.doc is None:
        return None
    return [(s.start_char, s.end_char) for s in document.doc.sents]


def _coded(
    pipeline: Any, articles: list[Article], processes: int, coder: Coder | None = None
) -> Iterator[tuple[dict[str, Any], list[tuple[int, int]] | None]]:
    if coder is not None:
        for record in coder(articles):
            yield record, None
        return
    if processes == 1:
        for document in pipeline.code_articles(articles):
            yield document.to_dict(), _sentence_spans(document)
        return
    from eventwire.engine.local import code_records

    for record in code_records(articles, pipeline.config, processes=processes):
        yield record, None


def ingest(
    items: Iterable[Article | EventwireError],
    store: Store,
    pipeline: Any,
    *,
    inputs: Sequence[str] = (),
    batch_size: int = BATCH_SIZE,
    on_problem: Problem | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
    recluster: bool = True,
    processes: int = 1,
    coder: Coder | None = None,
) -> IngestResult:
    """Code and store the articles; see the module docstring for the guarantees.

    ``on_start(to_code, unchanged)`` is called once the inputs are read, ``on_progress(n)`` after
    each coded article, ``on_batch(stored)`` after each committed batch. ``processes`` other than
    1 codes in worker processes (:mod:`eventwire.engine.local`; 0 = one per core); sentence spans
    are then not stored (the records do not carry them). ``coder``, when given, codes the new
    articles instead (a function from a list of articles to their records in order: the Dask
    engine, :func:`eventwire.engine.dask_engine.code_articles_with_dask`).
    """
    started = time.perf_counter()
    versions = coding_versions(pipeline)
    stamp = coding_stamp(versions)
    run_id = store.begin_run(list(inputs), versions)
    result = IngestResult(run_id=run_id)
    status = "interrupted"
    try:
        articles: dict[str, Article] = {}
        for item in items:
            if isinstance(item, EventwireError):
                result.problems += 1
                store.record_problem(run_id, item)
                if on_problem is not None:
                    on_problem(item)
            elif item.id not in articles:
                articles[item.id] = item
        stored = store.stored_versions(articles)
        to_code = []
        for article_id, article in articles.items():
            from eventwire.store.rows import content_hash

            if stored.get(article_id) == (content_hash(article.text), stamp):
                result.unchanged += 1
            else:
                to_code.append(article)
        if on_start is not None:
            on_start(len(to_code), result.unchanged)

        batch: list[dict[str, Any]] = []
        spans: list[list[tuple[int, int]] | None] = []

        def flush() -> None:
            added, replaced = store.write_records(
                batch, versions=versions, stamp=stamp, run_id=run_id, sentences=spans
            )
            result.added += added
            result.replaced += replaced
            batch.clear()
            spans.clear()
            if on_batch is not None:
                on_batch(result.added + result.replaced)

        coding_started = time.perf_counter()
        for record, sentence_spans in _coded(pipeline, to_code, processes, coder):
            batch.append(record)
            spans.append(sentence_spans)
            result.summary.add(record)
            if on_progress is not None:
                on_progress(1)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        result.summary.seconds = time.perf_counter() - coding_started
        if recluster and store.clusters_stale():
            result.clusters = store.update_clusters()
        status = "done"
    finally:
        result.seconds = time.perf_counter() - started
        result.summary.skipped = result.problems
        try:
            store.finish_run(
                run_id,
                status=status,
                counts={
                    "added": result.added,
                    "replaced": result.replaced,
                    "unchanged": result.unchanged,
                    "problems": result.problems,
                    "seconds": result.seconds,
                },
            )
        except EventwireError:
            if status == "done":
                raise
    return result
