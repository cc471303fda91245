"""Coding big corpora on a Dask cluster (a LocalCluster by default, or ``--scheduler tcp://…``).

The driver splits the inputs into partitions without reading the articles: line ranges of JSONL
files, row ranges of Parquet files with a ``text`` column. Each task reads its own partition on a
worker, codes it with the worker's pipeline (model and dictionaries loaded once per worker process),
and writes a Parquet shard of records (``part-NNNNN.parquet``: one row per article, the full record
as JSON) under a temporary name renamed into place when complete. The driver collects the shards in
partition order, so the records are the same, byte for byte, as the single-process path's.

A worker that dies mid-job loses only its running tasks; the scheduler runs them again elsewhere.
As a shard appears only when it is complete, and a rerun overwrites it whole, no article is lost
or doubled.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.pipeline import Config, Pipeline

PARTITION_ARTICLES = 64
Record = dict[str, Any]

_PIPELINES: dict[str, Pipeline] = {}


@dataclass(frozen=True)
class Partition:
    """A slice of one input file: rows ``start`` (inclusive) to ``stop`` (exclusive)."""

    index: int
    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    stop: int
    offset: int = 0  # JSONL: byte offset of line ``start``, so a task seeks instead of scanning


def _require_dask() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError:
        raise EventwireError(
            "the Dask engine needs `pip install 'dask[distributed]' pyarrow`", code="E601"
        ) from None
    return distributed


def plan_partitions(
    inputs: Sequence[str | Path], size: int = PARTITION_ARTICLES
) -> list[Partition]:
    """Split JSONL and Parquet inputs into partitions of about ``size`` articles."""
    partitions: list[Partition] = []
    for item in inputs:
        path = Path(item)
        if not path.is_file():
            raise InputError("no such file", code="E101", where=str(path))
        suffix = path.suffix.lower()
        offsets: list[int] = []
        if suffix == ".jsonl":
            rows, position = 0, 0
            with path.open("rb") as handle:
                for line in handle:
                    if rows % size == 0:
                        offsets.append(position)
                    rows += 1
                    position += len(line)
            kind = "jsonl"
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            metadata = pq.ParquetFile(path).metadata
            if "text" not in metadata.schema.names:
                raise InputError("Parquet file has no 'text' column", code="E107", where=str(path))
            rows = metadata.num_rows
            kind = "parquet"
        else:
            raise InputError(
                "the Dask engine reads .jsonl and .parquet files", code="E109", where=str(path)
            )
        for number, start in enumerate(range(0, rows, size)):
            offset = offsets[number] if offsets else 0
            partitions.append(
                Partition(len(partitions), str(path), kind, start, min(start + size, rows), offset)
            )
    return partitions


def read_partition(partition: Partition) -> Iterator[Any]:
    """The articles (or InputErrors) of one partition, named as the plain readers name them."""
    from eventwire.ingest.readers import article_from_json

    if partition.kind == "jsonl":
        from eventwire.ingest.readers import read_jsonl_stream

        with open(partition.path, "rb") as handle:
            handle.seek(partition.offset)
            for number, line in enumerate(handle, start=partition.start):
                if number >= partition.stop:
                    break
                yield from read_jsonl_stream([line], partition.path, first_line=number + 1)
        return
    import pyarrow.parquet as pq

    table = pq.read_table(partition.path).slice(partition.start, partition.stop - partition.start)
    for offset, row in enumerate(table.to_pylist()):
        where = f"{partition.path}:{partition.start + offset + 1}"
        fields = {k: v for k, v in row.items() if v is not None}
        try:
            yield article_from_json(fields, where)
        except InputError as err:
            yield err


def _worker_pipeline(config: Config) -> Pipeline:
    key = repr(config)
    if key not in _PIPELINES:
        _tune_allocator()
        _PIPELINES[key] = Pipeline(config)
    return _PIPELINES[key]


def _tune_allocator() -> None:
    """Undo the malloc settings a Dask nanny gives its workers, which slow spaCy down by ~40%.

    The nanny sets ``MALLOC_TRIM_THRESHOLD_=65536`` so workers hand memory back to the OS. In
    glibc a fixed trim threshold also fixes the mmap threshold at 128 KiB, so every array the
    models allocate for a batch is mmapped and unmapped afresh (measured: 40-55% more CPU per
    partition than the same code outside Dask). Raising both thresholds again restores the
    speed; memory stays bounded by the pipeline (the model, its caches and one partition).
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to undo
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # mallopt parameters (malloc.h)
    libc.mallopt(m_mmap_threshold, 32 * 2**20)
    libc.mallopt(m_trim_threshold, 128 * 2**20)


def warm_worker(config: Config) -> int:
    """Run on every worker (``client.run``): load its pipeline now, before the first partition."""
    _worker_pipeline(config)
    return os.getpid()


def code_partition(partition: Partition, config: Config, out_dir: str) -> str:
    """Run on a worker: code one partition into a Parquet shard; return the shard's path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.doc import Article

    pipeline = _worker_pipeline(config)
    items = list(read_partition(partition))
    articles = [item for item in items if isinstance(item, Article)]
    coded = {id(d.article): d.to_dict() for d in pipeline.code_articles(articles)}
    ids: list[str] = []
    records: list[str] = []
    problems: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Article):
            ids.append(item.id)
            records.append(json.dumps(coded[id(item)], ensure_ascii=False))
        else:
            problems.append(item.to_dict())
    table = pa.table(
        {
            "article_id": pa.array(ids, pa.string()),
            "record": pa.array(records, pa.string()),
        }
    )
    final = Path(out_dir) / f"part-{partition.index:05d}.parquet"
    temporary = final.with_name(f".{final.name}.{os.getpid()}.part")
    pq.write_table(table.replace_schema_metadata({"problems": json.dumps(problems)}), temporary)
    os.replace(temporary, final)
    return str(final)


def read_shard(path: str) -> tuple[list[Record], list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    metadata = table.schema.metadata or {}
    problems = json.loads(metadata.get(b"problems", b"[]"))
    return [json.loads(r) for r in table.column("record").to_pylist()], problems


def local_cluster(workers: int = 2) -> Any:
    """A LocalCluster of ``workers`` processes x 1 thread, without the nanny's malloc setting
    (see :func:`_tune_allocator`), so each worker codes as fast as a plain process."""
    import dask

    distributed = _require_dask()
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )


def code_with_dask(
    inputs: Sequence[str | Path],
    out_dir: Path,
    config: Config | None = None,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_ARTICLES,
) -> Iterator[Record | InputError]:
    """Code the inputs on a Dask cluster; yield records (and input problems) in input order.

    Shards stay in ``out_dir`` (one Parquet file per partition) for re-use by other tools.
    """
    distributed = _require_dask()
    config = config or Config()
    partitions = plan_partitions(inputs, partition_size)
    out_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = distributed.Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = distributed.Client(cluster)
    try:
        futures = [
            client.submit(
                code_partition,
                p,
                config,
                str(out_dir),
                key=f"eventwire-part-{p.index}",
                retries=3,
                pure=False,
            )
            for p in partitions
        ]
        for future in futures:
            records, problems = read_shard(future.result())
            for problem in problems:
                yield InputError(problem["message"], code=problem["code"], where=problem["where"])
            yield from records
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
