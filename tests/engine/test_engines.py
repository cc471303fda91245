"""Several processes and a Dask cluster give the same records as the plain path, in order."""

from __future__ import annotations

import itertools
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from eventwire.demo import demo_articles
from eventwire.engine import code_records
from eventwire.errors import InputError
from eventwire.ingest.readers import iter_articles
from eventwire.pipeline import Config
from tests.conftest import SEED_ARTICLE, SEED_DATE

CONFIG = Config(date=SEED_DATE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL file of real articles (demo corpus and the seed article) with one broken line."""
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    lines = [json.dumps({"id": "seed", "text": seed, "date": SEED_DATE})]
    for article in itertools.islice(demo_articles(None), 0, 300, 15):  # 20 articles
        date = article.date or SEED_DATE  # every article dated: the paths share no default
        lines.append(json.dumps({"id": article.id, "text": article.text, "date": date}))
    lines.insert(5, "{this line is broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plain_records(corpus, pipeline) -> list[str]:
    articles = [r for r in iter_articles([corpus]) if not isinstance(r, InputError)]
    records = code_records(articles, CONFIG, pipeline=pipeline)
    return [json.dumps(r, sort_keys=True) for r in records]


def test_two_processes_give_the_same_records(corpus, plain_records):
    articles = [r for r in iter_articles([corpus]) if not isinstance(r, InputError)]
    records = code_records(articles, CONFIG, processes=2, chunk_size=4)
    assert [json.dumps(r, sort_keys=True) for r in records] == plain_records


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_records(corpus, plain_records, tmp_path):
    pytest.importorskip("dask.distributed")
    from eventwire.engine.dask_engine import code_with_dask, plan_partitions

    out = list(code_with_dask([corpus], tmp_path, CONFIG, workers=2, partition_size=4))
    problems = [x for x in out if isinstance(x, InputError)]
    records = [json.dumps(x, sort_keys=True) for x in out if not isinstance(x, InputError)]
    assert records == plain_records
    assert [(p.code, p.where) for p in problems] == [("E106", f"{corpus}:6")]
    shards = len(list(tmp_path.glob("part-*.parquet")))
    assert shards == len(plan_partitions([corpus], 4)) >= 5  # 22 lines, ~4 per partition
    assert not list(tmp_path.glob(".*part")), "no half-written shard left"


@pytest.mark.slow
def test_dask_worker_killed_mid_job_loses_and_doubles_nothing(corpus, plain_records, tmp_path):
    pytest.importorskip("dask.distributed")
    from eventwire.engine.dask_engine import code_with_dask, local_cluster

    cluster = local_cluster(2)  # with nannies: the killed worker is restarted
    killed: list[int] = []

    def kill_one_worker_after_first_shard() -> None:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not list(tmp_path.glob("part-*.parquet")):
            time.sleep(0.2)
        for nanny in cluster.workers.values():
            pid = nanny.process.pid if nanny.process else None
            if pid:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return

    killer = threading.Thread(target=kill_one_worker_after_first_shard, daemon=True)
    killer.start()
    try:
        out = list(
            code_with_dask(
                [corpus], tmp_path, CONFIG, scheduler=cluster.scheduler_address, partition_size=2
            )
        )
    finally:
        killer.join(timeout=5)
        cluster.close()
    assert killed, "the test killed a worker"
    records = [json.dumps(x, sort_keys=True) for x in out if not isinstance(x, InputError)]
    assert records == plain_records


def test_partitions_cover_every_line_once_in_order_and_balance_bytes(corpus, tmp_path):
    """JSONL partitions are contiguous line ranges, each starting at its first line's byte offset,
    of about equal bytes (coding cost follows text length), read back in input order."""
    pytest.importorskip("pyarrow")
    from eventwire.engine.dask_engine import plan_partitions, read_partition

    raw = corpus.read_bytes()
    starts = [0, *(i + 1 for i, byte in enumerate(raw[:-1]) if byte == ord("\n"))]
    ends = [*starts[1:], len(raw)]
    partitions = plan_partitions([corpus], 4)
    assert 1 < len(partitions) <= -(-len(starts) // 4)
    assert [p.index for p in partitions] == list(range(len(partitions)))
    assert partitions[0].start == 0 and partitions[-1].stop == len(starts)
    for before, after in itertools.pairwise(partitions):
        assert before.stop == after.start
    for part in partitions:
        assert part.start < part.stop
        assert part.offset == starts[part.start]
        assert part.weight == ends[part.stop - 1] - part.offset
    # every cut is at the line boundary nearest its share of the bytes, so no partition is
    # further from an equal share than the longest line
    share = len(raw) / len(partitions)
    longest = max(end - start for start, end in zip(starts, ends, strict=True))
    assert all(abs(p.weight - share) <= longest for p in partitions)

    lines = tmp_path / "lines.jsonl"
    rows = [json.dumps({"id": str(i), "text": "word " * (1 + i % 7)}) for i in range(50)]
    lines.write_text("\n".join(rows) + "\n", encoding="utf-8")
    read = [a.id for part in plan_partitions([lines], 8) for a in read_partition(part)]
    assert read == [str(i) for i in range(50)]


def test_the_last_chunk_is_split_so_the_workers_finish_together():
    from eventwire.doc import Article
    from eventwire.engine.local import _chunks

    articles = [Article(text="word " * n, id=str(i)) for i, n in enumerate([9, 1, 1, 9, 5, 5, 2])]
    chunks = list(_chunks(articles, 3, tail_pieces=2))
    assert [[a.id for a in c] for c in chunks] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]
    chunks = list(_chunks(articles[:6], 3, tail_pieces=2))
    assert [[a.id for a in c] for c in chunks] == [["0", "1", "2"], ["3"], ["4", "5"]]
    assert [a.id for c in _chunks(articles, 2, tail_pieces=3) for a in c] == [
        a.id for a in articles
    ]
    assert list(_chunks([], 3, tail_pieces=2)) == []


def test_the_main_process_of_a_parallel_run_never_loads_the_model():
    """With workers, the main process only reads and writes: its memory cannot grow with the model
    or with the corpus (at most IN_FLIGHT x processes chunks are held)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from eventwire.cli import cli\n"
        "from eventwire.engine.local import code_records\n"
        "from eventwire.ingest.readers import iter_articles\n"
        "from eventwire.run import run_job\n"
        "records = code_records(iter(()), processes=2)\n"
        "assert list(records) == []\n"
        "assert 'spacy' not in sys.modules and 'thinc' not in sys.modules, 'model code imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_ingest_on_dask_stores_what_the_plain_ingest_stores(corpus, pipeline, tmp_path):
    """`eventwire ingest --engine dask` stores the plain ingest's rows; a rerun codes nothing."""
    pytest.importorskip("dask.distributed")
    from eventwire.engine.dask_engine import dask_coder, read_inputs
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    def stored(location: Path) -> dict[str, list[tuple]]:
        with open_store(str(location)) as store:
            return {
                table: sorted(store.query(f"SELECT * FROM {table}")[1])
                for table in ("events", "quotes", "actors")
            }

    plain, dask = tmp_path / "plain.duckdb", tmp_path / "dask.duckdb"
    with open_store(str(plain)) as store:
        ingest(iter_articles([corpus]), store, pipeline)
    coder = dask_coder(pipeline.config, workers=2)
    with open_store(str(dask)) as store:
        result = ingest(read_inputs([corpus], size=4), store, pipeline, coder=coder)
    assert (result.added, result.problems) == (21, 1)  # 21 articles, one broken line
    assert stored(dask) == stored(plain)
    calls = []
    with open_store(str(dask)) as store:
        rerun = read_inputs([corpus])
        again = ingest(rerun, store, pipeline, coder=lambda a: calls.append(a) or [])
    assert (again.added, again.unchanged) == (0, 21)
    assert not any(calls), "no article is sent to the cluster again"
