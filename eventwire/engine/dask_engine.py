"""Coding big corpora on a Dask cluster (a LocalCluster by default, or ``--scheduler tcp://…``).

The driver splits the inputs into partitions without parsing the articles: line ranges of JSONL
files cut at equal byte counts (coding cost follows text length, so partitions of equal bytes keep
both workers busy to the end), row ranges of Parquet files with a ``text`` column. Partitions are
submitted largest first, so the small ones fill the tail. Each task reads its own partition on a
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
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
    weight: int = 0  # estimated cost (JSONL: bytes; Parquet: rows): larger partitions run first


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
    """Split JSONL and Parquet inputs into partitions of about ``size`` articles.

    A JSONL file of ``rows`` lines gets ``ceil(rows / size)`` partitions of about equal bytes
    (fewer if single lines are longer than a share); a Parquet file, partitions of ``size`` rows.
    """
    partitions: list[Partition] = []
    for item in inputs:
        path = Path(item)
        if not path.is_file():
            raise InputError("no such file", code="E101", where=str(path))
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            for start, stop, offset, weight in _jsonl_ranges(path, size):
                partitions.append(
                    Partition(len(partitions), str(path), "jsonl", start, stop, offset, weight)
                )
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            metadata = pq.ParquetFile(path).metadata
            if "text" not in metadata.schema.names:
                raise InputError("Parquet file has no 'text' column", code="E107", where=str(path))
            rows = metadata.num_rows
            for start in range(0, rows, size):
                stop = min(start + size, rows)
                partitions.append(
                    Partition(len(partitions), str(path), "parquet", start, stop, 0, stop - start)
                )
        else:
            raise InputError(
                "the Dask engine reads .jsonl and .parquet files", code="E109", where=str(path)
            )
    return partitions


def _jsonl_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int, int]]:
    """(first line, stop line, byte offset, bytes) of about equal byte ranges of a JSONL file."""
    ends = array("q")  # byte offset after each line: 8 bytes per line, even for huge files
    position = 0
    with path.open("rb") as handle:
        for line in handle:
            position += len(line)
            ends.append(position)
    rows = len(ends)
    if rows == 0:
        return
    parts = -(-rows // size)
    share = position / parts
    start, offset, previous, target = 0, 0, 0, 1
    for line, end in enumerate(ends):  # cut at the line boundary nearest each multiple of share
        goal = share * target
        if line > start and target < parts and end - goal > goal - previous:
            yield start, line, offset, previous - offset
            start, offset = line, previous
            target = max(target + 1, int(previous // share) + 1)
        previous = end
    yield start, rows, offset, previous - offset


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


def even_batches(articles: list[Any], size: int) -> Iterator[list[Any]]:
    """``articles`` in as few parse batches of at most ``size`` as possible, of equal counts.

    A partition of equal bytes holds 20-50 articles. Parsed as 32 + 9, the batch of 9 would cost
    ~15% more CPU per article than one of 32 (a batch of 16: ~4% more), so 41 go as 21 + 20."""
    batches = max(1, -(-len(articles) // max(size, 1)))
    per = max(1, -(-len(articles) // batches))
    for start in range(0, len(articles), per):
        yield articles[start : start + per]


def code_partition(partition: Partition, config: Config, out_dir: str) -> str:
    """Run on a worker: code one partition into a Parquet shard; return the shard's path."""
    return _code_into_shard(partition.index, list(read_partition(partition)), config, out_dir)


def code_articles_chunk(index: int, articles: list[Any], config: Config, out_dir: str) -> str:
    """Run on a worker: code articles the driver has read (``ingest --engine dask``) into a
    Parquet shard; return the shard's path."""
    return _code_into_shard(index, articles, config, out_dir)


def _code_into_shard(index: int, items: list[Any], config: Config, out_dir: str) -> str:
    """Code the articles among ``items`` (the rest are InputErrors, kept as problems) and write
    shard ``part-<index>.parquet`` under a temporary name renamed into place when complete."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.doc import Article

    pipeline = _worker_pipeline(config)
    articles = [item for item in items if isinstance(item, Article)]
    coded = {
        id(document.article): document.to_dict()
        for batch in even_batches(articles, pipeline.config.batch_size)
        for document in pipeline.code_articles(batch)
    }
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
    final = Path(out_dir) / f"part-{index:05d}.parquet"
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


# Settings for a LocalCluster on the machine that codes. Measured idle on 2 cores (15 s, 2 workers):
# the defaults cost 0.89 CPU s in the driver (scheduler, nannies, client) and 0.7 in each worker,
# ~15% of one core that the workers cannot use; with these, 0.14 and 0.06.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # the nanny's malloc setting slows spaCy down by ~40% (see _tune_allocator)
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,  # a stack sample of the coding thread every 10 ms
    "distributed.admin.tick.interval": "1s",  # event-loop health checks, every 20 ms by default
    "distributed.admin.system-monitor.interval": "5s",  # psutil readings for the dashboard
    "distributed.worker.memory.monitor-interval": "1s",  # memory limits, checked every 100 ms
}


def local_cluster(workers: int = 2) -> Any:
    """A LocalCluster of ``workers`` processes x 1 thread, with nannies (a worker that dies is
    restarted and its tasks run again), no dashboard, and no background work that would take CPU
    from the coding (:data:`LOCAL_CLUSTER_CONFIG`)."""
    import dask

    distributed = _require_dask()
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
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
    config = config or Config()
    partitions = plan_partitions(inputs, partition_size)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _client(scheduler, workers) as client:
        folder = str(out_dir)
        jobs = [(f"eventwire-part-{p.index}", p.weight, (p, config, folder)) for p in partitions]
        for records, problems in _shards_in_order(client, code_partition, jobs):
            for problem in problems:
                yield InputError(problem["message"], code=problem["code"], where=problem["where"])
            yield from records


def code_articles_with_dask(
    articles: Sequence[Any],
    out_dir: Path,
    config: Config | None = None,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_ARTICLES,
) -> Iterator[Record]:
    """Code articles the driver has already read on a Dask cluster; yield their records in
    order. ``ingest --engine dask`` reads the inputs first (to skip what the store holds) and
    sends only the new articles here, in chunks of about equal text length."""
    config = config or Config()
    out_dir.mkdir(parents=True, exist_ok=True)
    chunks = _chunks_of_equal_text(list(articles), partition_size)
    if not chunks:
        return
    with _client(scheduler, workers) as client:
        folder = str(out_dir)
        jobs = [
            (f"eventwire-chunk-{i}", sum(len(a.text) for a in chunk), (i, chunk, config, folder))
            for i, chunk in enumerate(chunks)
        ]
        for records, _ in _shards_in_order(client, code_articles_chunk, jobs):
            yield from records


def _shards_in_order(
    client: Any, task: Any, jobs: list[tuple[str, int, tuple[Any, ...]]]
) -> Iterator[tuple[list[Record], list[dict[str, Any]]]]:
    """Submit ``task(*args)`` for each ``(key, weight, args)`` job, heaviest first (the light ones
    fill the tail), each retried on another worker if its worker dies; yield each job's shard
    (records, problems) in job order."""
    futures = [
        client.submit(task, *args, key=key, retries=3, pure=False, priority=weight)
        for key, weight, args in jobs
    ]
    for future in futures:
        yield read_shard(future.result())


def read_inputs(inputs: Sequence[str | Path], size: int = PARTITION_ARTICLES) -> Iterator[Any]:
    """The articles (and InputErrors) of JSONL and Parquet inputs, read in this process, named as
    the workers name them (``file:line``)."""
    for item in inputs:
        try:
            partitions = plan_partitions([item], size)
        except InputError as err:  # this input is refused; the others are read
            yield err
            continue
        for partition in partitions:
            yield from read_partition(partition)


def dask_coder(
    config: Config, *, scheduler: str | None = None, workers: int = 2, shards: Path | None = None
) -> Any:
    """A coder for :func:`eventwire.store.ingest.ingest`: new articles in, records out, coded on
    a Dask cluster; the shards go to ``shards`` or a temporary folder removed afterwards."""

    def code(articles: list[Any]) -> Iterator[Record]:
        with shard_folder(shards) as out_dir:
            yield from code_articles_with_dask(
                articles, out_dir, config, scheduler=scheduler, workers=workers
            )

    return code


@contextmanager
def shard_folder(shards: Path | None) -> Iterator[Path]:
    """``shards`` (kept), or a temporary folder removed afterwards."""
    if shards is not None:
        yield shards
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="eventwire-shards-") as temporary:
        yield Path(temporary)


def _chunks_of_equal_text(articles: list[Any], size: int) -> list[list[Any]]:
    """``ceil(len / size)`` consecutive chunks of about equal total text length."""
    if not articles:
        return []
    count = -(-len(articles) // max(size, 1))
    share = sum(len(a.text) for a in articles) / count
    chunks: list[list[Any]] = [[]]
    filled = 0
    for article in articles:
        if chunks[-1] and filled >= share * len(chunks) and len(chunks) < count:
            chunks.append([])
        chunks[-1].append(article)
        filled += len(article.text)
    return chunks


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a new LocalCluster closed afterwards."""
    distributed = _require_dask()
    cluster = None
    if scheduler:
        client = distributed.Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
