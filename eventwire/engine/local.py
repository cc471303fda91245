"""Coding a stream of articles into records, with one or several local processes.

Every worker builds the pipeline once (model and dictionaries loaded once per process) and codes
chunks of articles. Records come back in input order. At most ``2 x processes`` chunks are in
flight, so memory stays flat however long the input stream is.
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
CHUNK_SIZE = 16

_worker_pipeline: Pipeline | None = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _code_chunk(articles: list[Article]) -> list[Record]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return [document.to_dict() for document in _worker_pipeline.code_articles(articles)]


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def code_records(
    articles: Iterable[Article],
    config: Config | None = None,
    *,
    processes: int = 1,
    pipeline: Pipeline | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Record]:
    """Code articles into output records (dicts), in input order.

    ``processes=1`` codes in this process (with ``pipeline`` if given); more start worker processes.
    ``processes=0`` means one per CPU core.
    """
    config = config or (pipeline.config if pipeline else Config())
    if processes == 0:
        processes = os.cpu_count() or 1
    if processes == 1:
        pipeline = pipeline or Pipeline(config)
        for document in pipeline.code_articles(articles):
            yield document.to_dict()
        return

    context = get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=context, initializer=_init_worker, initargs=(config,)
    ) as pool:
        in_flight: deque[Future[list[Record]]] = deque()
        for chunk in _chunks(articles, chunk_size):
            in_flight.append(pool.submit(_code_chunk, chunk))
            if len(in_flight) >= 2 * processes:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
