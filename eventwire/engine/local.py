"""Coding a stream of articles into records, with one or several local processes.

Every worker builds the pipeline once (model and dictionaries loaded once per process) and codes
chunks of articles (a chunk is one ``nlp.pipe`` batch, so workers parse as efficiently as one
process does). Records come back in input order. At most ``IN_FLIGHT x processes`` chunks are in
flight, so memory stays flat however long the input stream is, and a slow chunk at the head of the
queue does not leave the other workers idle. The last chunk of the stream is split into one piece
per worker (of about equal text length), so the workers finish together instead of one coding a
whole chunk alone at the end.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from eventwire.doc import Article
from eventwire.pipeline import Config, Pipeline

Record = dict[str, Any]
CHUNK_SIZE = 32  # = the pipeline's batch size
IN_FLIGHT = 4  # chunks per worker queued or running

_worker_pipeline: Pipeline | None = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _ready(seconds: float) -> int:
    """A warm-up task: returns once this worker has its pipeline (its initializer has run)."""
    import time

    time.sleep(seconds)  # hold the worker so the next warm-up task starts another one
    return os.getpid()


def start_workers(config: Config, processes: int) -> ProcessPoolExecutor:
    """A pool of ``processes`` workers, each with its pipeline loaded, ready to code.

    ``code_records(..., pool=...)`` re-uses it, so a long-lived service (or a benchmark) pays the
    model load once per worker and not once per job.
    """
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(config,),
    )
    warmups = [pool.submit(_ready, 0.5) for _ in range(processes)]
    for warmup in warmups:
        warmup.result()
    return pool


def _code_chunk(articles: list[Article]) -> list[Record]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return [document.to_dict() for document in _worker_pipeline.code_articles(articles)]


def _chunks(
    articles: Iterable[Article], size: int, tail_pieces: int = 1
) -> Iterator[list[Article]]:
    """Chunks of ``size`` articles; the last one split into ``tail_pieces`` (one per worker)."""
    iterator = iter(articles)
    chunk = list(itertools.islice(iterator, size))
    while chunk:
        following = list(itertools.islice(iterator, size))  # read one chunk ahead to see the end
        if following:
            yield chunk
        else:
            yield from _split_by_length(chunk, tail_pieces)
        chunk = following


def _split_by_length(chunk: list[Article], pieces: int) -> Iterator[list[Article]]:
    """``chunk`` cut, in order, into at most ``pieces`` runs of about equal text length."""
    share = sum(len(article.text) for article in chunk) / max(pieces, 1)
    if share <= 0:  # nothing to weigh
        yield chunk
        return
    piece: list[Article] = []
    done, cut = 0, 1
    for article in chunk:
        size, goal = len(article.text), share * cut
        if piece and cut < pieces and done + size - goal > goal - done:  # nearer without it
            yield piece
            piece = []
            cut = max(cut + 1, int(done // share) + 1)
        piece.append(article)
        done += size
    if piece:
        yield piece


def code_records(
    articles: Iterable[Article],
    config: Config | None = None,
    *,
    processes: int = 1,
    pipeline: Pipeline | None = None,
    chunk_size: int = CHUNK_SIZE,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[Record]:
    """Code articles into output records (dicts), in input order.

    ``processes=1`` codes in this process (with ``pipeline`` if given); more start worker processes
    (or use ``pool``, from :func:`start_workers`). ``processes=0`` means one per CPU core. With
    workers, this process only reads, sends and receives: it never loads the model, and at most
    ``IN_FLIGHT x processes`` chunks are in flight, so its memory stays flat however long the
    stream.
    """
    config = config or (pipeline.config if pipeline else Config())
    if processes == 0:
        processes = os.cpu_count() or 1
    if pool is not None:
        yield from _code_in_pool(articles, pool, processes, chunk_size)
        return
    if processes == 1:
        pipeline = pipeline or Pipeline(config)
        for document in pipeline.code_articles(articles):
            yield document.to_dict()
        return
    context = get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=context, initializer=_init_worker, initargs=(config,)
    ) as own_pool:
        yield from _code_in_pool(articles, own_pool, processes, chunk_size)


def _code_in_pool(
    articles: Iterable[Article], pool: ProcessPoolExecutor, processes: int, chunk_size: int
) -> Iterator[Record]:
    in_flight: deque[Future[list[Record]]] = deque()
    for chunk in _chunks(articles, chunk_size, tail_pieces=processes):
        in_flight.append(pool.submit(_code_chunk, chunk))
        if len(in_flight) >= IN_FLIGHT * max(processes, 1):
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()
