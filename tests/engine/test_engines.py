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
    from eventwire.engine.dask_engine import code_with_dask

    out = list(code_with_dask([corpus], tmp_path, CONFIG, workers=2, partition_size=4))
    problems = [x for x in out if isinstance(x, InputError)]
    records = [json.dumps(x, sort_keys=True) for x in out if not isinstance(x, InputError)]
    assert records == plain_records
    assert [(p.code, p.where) for p in problems] == [("E106", f"{corpus}:6")]
    assert len(list(tmp_path.glob("part-*.parquet"))) == 6  # 22 lines in partitions of 4
    assert not list(tmp_path.glob(".*part")), "no half-written shard left"


@pytest.mark.slow
def test_dask_worker_killed_mid_job_loses_and_doubles_nothing(corpus, plain_records, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    from eventwire.engine.dask_engine import code_with_dask

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
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
