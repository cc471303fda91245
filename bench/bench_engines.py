"""Scaling: one process against two local processes and a Dask LocalCluster of two workers.

    .venv/bin/python bench/bench_engines.py --articles 256 --rounds 2

The same demo-corpus articles (written to a JSONL file for the Dask engine) are coded by each engine
in turn, ``--rounds`` times (one process, two processes, Dask; then again). Every engine has coded
the articles once, untimed, before its first timed run (the Dask cluster, started anew for each
of its runs so that its background work does not touch the other runs, before each): a process's
caches (vocabulary, lemma and attribute tables)
fill as it meets new words (a first pass over these articles ran 10-20% slower than the next in
our runs), and a long job runs warm. The figures are steady-state throughput (a long job pays the
model load once per worker; see the start-up figures for that cost):
  1 process   : Pipeline in this process (the model already loaded)
  2 processes : engine.local with two warm workers (start_workers); this process reads and writes
  dask 2      : engine.dask_engine on local_cluster(2) (2 workers x 1 thread);
                the scheduler, the nannies and the client run in this process (the "driver")
The wall ratio of an engine is one process's best wall time over the engine's best. Beside it:
  cpu vs one : CPU seconds the engine spent (driver + workers) over one process's, same articles
  driver     : CPU seconds of this process during the engine's run (reading, writing, scheduling)
  busy       : the workers' CPU over (2 x wall): how much of two cores the workers had
  projected  : one process's CPU over the wall time the engine would need if each of its processes
               had a core to itself (its busiest worker's CPU, or all its CPU / 2 if longer): the
               ratio on two idle cores, from CPU times (other jobs move these too, less than wall):
               the best (wall) runs against each other, and each round's pair
  others     : CPU the rest of the machine (other jobs) used during the run, in cores (/proc/stat)
Other jobs take cores from the parallel runs first, which is what "others" shows: the kernel
(autogroup scheduling) shares the cores between sessions, not processes, so while two other
sessions are busy, one session gets 2/3 of a core whether it runs one process or three.

    .venv/bin/python bench/bench_engines.py --memory 2000

measures instead the main process's resident memory while `eventwire code --processes 2` codes a
corpus of that many articles (see ``memory``).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import load_average, peak_rss_mb, sample_articles

from eventwire.engine.local import _code_chunk, code_records, start_workers
from eventwire.pipeline import Config, Pipeline

CONFIG = Config(date="2021-12-13")
TICKS = os.sysconf("SC_CLK_TCK")


def _write_jsonl(articles: list, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            row = {"id": article.id, "text": article.text, "date": article.date or CONFIG.date}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process, from /proc/<pid>/stat; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _peak_rss(pid: int) -> float | None:
    """Peak resident memory of a process in MB (VmHWM), None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used (all cores), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / TICKS


def _own_pids() -> list[int]:
    import psutil

    return [child.pid for child in psutil.Process().children(recursive=True)]


@dataclass
class Engine:
    """One way to code the articles, set up once and run as often as wanted."""

    name: str
    run: Callable[[], int]  # codes every article, returns how many were coded
    worker_pids: Callable[[], list[int]] = list
    close: Callable[[], None] = lambda: None
    startup_seconds: float = 0.0
    # set up before each run and torn down after it (not timed), for an engine whose idle
    # background work would otherwise take CPU from the others' runs
    start: Callable[[], None] | None = None
    runs: list[dict[str, float]] = field(default_factory=list)
    worker_peak_rss_mb: list[float] = field(default_factory=list)

    def measure(self) -> dict[str, float]:
        if self.start is not None:
            self.start()
        try:
            return self._measure()
        finally:
            self.worker_peak_rss_mb = [mb for mb in map(_peak_rss, self.worker_pids()) if mb]
            if self.start is not None:
                self.close()

    def _measure(self) -> dict[str, float]:
        own_before = {pid: _process_cpu(pid) for pid in _own_pids()}
        workers = self.worker_pids()
        before = {pid: _process_cpu(pid) for pid in workers}
        machine, main = _machine_busy(), time.process_time()
        started = time.perf_counter()
        count = self.run()
        seconds = time.perf_counter() - started
        main = time.process_time() - main
        machine = _machine_busy() - machine
        each_worker = [_process_cpu(pid) - before[pid] for pid in workers]
        workers_cpu = sum(each_worker)
        own = main + sum(_process_cpu(pid) - own_before.get(pid, 0.0) for pid in _own_pids())
        run = {
            "articles": count,
            "seconds": seconds,
            "cpu_seconds": main + workers_cpu,
            "driver_cpu_seconds": main,
            "workers_cpu_seconds": workers_cpu,
            # the wall time if every process had a core to itself: the busiest worker's CPU, or
            # all the CPU spread over two cores if that is longer
            "idle_cores_seconds": max([*each_worker, (main + workers_cpu) / 2])
            if workers
            else main,
            "busy": workers_cpu / (len(workers) * seconds) if workers else main / seconds,
            "others_cores": max(0.0, machine - own) / seconds,
            "load_after": load_average(),
        }
        self.runs.append(run)
        return run

    def best(self) -> dict[str, float]:
        return min(self.runs, key=lambda run: run["seconds"])


def one_process(articles: list) -> Engine:
    started = time.perf_counter()
    pipeline = Pipeline(CONFIG)
    startup = time.perf_counter() - started
    list(code_records(articles, CONFIG, pipeline=pipeline))  # warm (module docstring)
    return Engine(
        "1 process",
        lambda: sum(1 for _ in code_records(articles, pipeline=pipeline)),
        startup_seconds=startup,
    )


def two_processes(articles: list, chunk_size: int) -> Engine:
    started = time.perf_counter()
    pool = start_workers(CONFIG, 2)
    startup = time.perf_counter() - started
    # warm each worker on every article (module docstring): two whole-corpus tasks, one a worker
    warm = [pool.submit(_code_chunk, articles) for _ in range(2)]
    for task in warm:
        task.result()

    def run() -> int:
        records = code_records(articles, CONFIG, processes=2, pool=pool, chunk_size=chunk_size)
        return sum(1 for _ in records)

    return Engine(
        "2 processes",
        run,
        worker_pids=lambda: list(pool._processes),  # the pool's worker process ids
        close=pool.shutdown,
        startup_seconds=startup,
    )


def _warm_dask_worker(corpus: str) -> int:
    """Run on one Dask worker: code every article of ``corpus`` with that worker's pipeline."""
    from eventwire.doc import Article
    from eventwire.engine.dask_engine import Partition, _worker_pipeline, read_partition

    with open(corpus, "rb") as handle:
        rows = sum(1 for _ in handle)
    items = read_partition(Partition(0, corpus, "jsonl", 0, rows))
    articles = [item for item in items if isinstance(item, Article)]
    return sum(1 for _ in _worker_pipeline(CONFIG).code_articles(articles))


def dask_two_workers(articles: list, partition_size: int, folder: Path) -> Engine:
    """A LocalCluster started (and warmed) before each run and closed after it, so that its
    scheduler and nannies in this process take nothing from the other engines' runs (nor does
    this process's CPU time during their runs include them)."""
    import dask.distributed as distributed

    from eventwire.engine.dask_engine import code_with_dask, local_cluster, warm_worker

    corpus = folder / "articles.jsonl"
    _write_jsonl(articles, corpus)
    state: dict[str, Any] = {}

    def start() -> None:
        started = time.perf_counter()
        state["cluster"] = cluster = local_cluster(2)
        state["client"] = client = distributed.Client(cluster)
        state["pids"] = list(client.run(warm_worker, CONFIG).values())
        engine.startup_seconds = time.perf_counter() - started
        for worker in client.scheduler_info()["workers"]:  # each codes every article once
            client.submit(_warm_dask_worker, str(corpus), workers=[worker], pure=False).result()

    def run() -> int:
        records = code_with_dask(
            [corpus],
            folder / "shards",
            CONFIG,
            scheduler=state["cluster"].scheduler_address,
            partition_size=partition_size,
        )
        return sum(1 for _ in records)

    def close() -> None:
        state.pop("client").close()
        state.pop("cluster").close()

    engine = Engine("dask 2 workers", run, lambda: state.get("pids", []), close, start=start)
    return engine


def memory(n_articles: int, processes: int) -> dict[str, object]:
    """RSS of the main process of ``eventwire code BIG.jsonl --processes N -o OUT`` over time.

    The corpus is the demo corpus repeated (fresh ids) up to ``n_articles`` lines. RSS is sampled
    every half second together with the records written so far, so growth per 1,000 articles can
    be read off and extrapolated to 100,000.
    """
    import subprocess
    import sys

    import psutil

    base = sample_articles(min(n_articles, 3000))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        corpus, output = folder / "big.jsonl", folder / "coded.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for i in range(n_articles):
                article = base[i % len(base)]
                row = {"id": f"{article.id}-{i}", "text": article.text, "date": article.date}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        command = [
            sys.executable, "-m", "eventwire.cli", "code", str(corpus),
            "--processes", str(processes), "-o", str(output), "--no-progress",
        ]  # fmt: skip
        started = time.perf_counter()
        child = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        watched = psutil.Process(child.pid)
        samples: list[tuple[float, int, float]] = []  # (seconds, records written, RSS MB)
        partial = folder / "coded.jsonl"
        while child.poll() is None:
            try:
                rss = watched.memory_info().rss / 2**20
            except psutil.Error:
                break
            written = _count_lines(folder, partial)
            samples.append((round(time.perf_counter() - started, 1), written, round(rss, 1)))
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        coded = _count_lines(folder, output)
    after_start = [s for s in samples if s[1] >= max(1, coded // 10)]
    growth = None
    if len(after_start) >= 2 and after_start[-1][1] > after_start[0][1]:
        first, last = after_start[0], after_start[-1]
        growth = round((last[2] - first[2]) / (last[1] - first[1]) * 1000, 2)
    return {
        "articles": n_articles,
        "coded": coded,
        "processes": processes,
        "seconds": round(seconds, 1),
        "main_rss_mb_peak": max((s[2] for s in samples), default=None),
        "main_rss_mb_at_10pct": after_start[0][2] if after_start else None,
        "main_rss_mb_last": samples[-1][2] if samples else None,
        "growth_mb_per_1000_articles_after_10pct": growth,
        "samples": samples[:: max(1, len(samples) // 20)],
    }


def _count_lines(folder: Path, output: Path) -> int:
    """Records written so far (the writer fills a temporary file, renamed at the end)."""
    candidates = [output, *folder.glob(".*coded*"), *folder.glob("*.tmp"), *folder.glob("tmp*")]
    for path in candidates:
        if path.is_file():
            with path.open("rb") as handle:
                return sum(1 for _ in handle)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=256)
    parser.add_argument("--chunk-size", type=int, default=32)
    parser.add_argument("--partition-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each engine, best counts")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-processes", action="store_true", help="no 2-process engine")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--memory",
        type=int,
        metavar="N",
        help="instead: main-process RSS of `eventwire code` on N articles with --processes 2",
    )
    args = parser.parse_args()
    if args.memory:
        report = {"load_average_before": load_average(), **memory(args.memory, 2)}
        report["load_average_after"] = load_average()
        print(json.dumps(report, indent=None if args.json else 2))
        return

    articles = sample_articles(args.articles)
    report: dict[str, Any] = {"articles": len(articles), "load_average_before": load_average()}
    with tempfile.TemporaryDirectory() as temporary:
        engines = [one_process(articles)]
        if not args.skip_processes:
            engines.append(two_processes(articles, args.chunk_size))
        if not args.skip_dask:
            engines.append(dask_two_workers(articles, args.partition_size, Path(temporary)))
        report["load_average_after_setup"] = load_average()
        try:
            for _ in range(args.rounds):
                for engine in engines:
                    engine.measure()
        finally:
            for engine in engines:
                if engine.start is None:
                    engine.close()
    report["load_average_after"] = load_average()
    one = engines[0]
    for engine in engines:
        best = engine.best()
        entry: dict[str, Any] = {
            "startup_seconds": round(engine.startup_seconds, 1),
            "best": {k: v if isinstance(v, str) else round(v, 3) for k, v in best.items()},
            "seconds_each_round": [round(run["seconds"], 1) for run in engine.runs],
            "worker_peak_rss_mb": [round(mb) for mb in engine.worker_peak_rss_mb],
            "runs": [
                {k: v if isinstance(v, str) else round(v, 3) for k, v in run.items()}
                for run in engine.runs
            ],
        }
        if engine is not one:
            entry["ratio"] = round(one.best()["seconds"] / best["seconds"], 3)
            entry["ratio_each_round"] = [
                round(a["seconds"] / b["seconds"], 3)
                for a, b in zip(one.runs, engine.runs, strict=True)
            ]
            entry["cpu_vs_one"] = round(best["cpu_seconds"] / one.best()["cpu_seconds"], 3)
            entry["ratio_projected_idle_cores"] = round(
                one.best()["cpu_seconds"] / best["idle_cores_seconds"], 3
            )
            entry["ratio_projected_each_round"] = [  # CPU times drift from round to round too
                round(a["cpu_seconds"] / b["idle_cores_seconds"], 3)
                for a, b in zip(one.runs, engine.runs, strict=True)
            ]
        report[engine.name] = entry
    report["peak_rss_mb_main_process"] = round(peak_rss_mb())  # holds the 1-process model too
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(json.dumps(report, indent=1))
    print(
        f"{'engine':<16}{'wall s':>8}{'ratio':>7}{'projected':>10}{'cpu s':>8}{'cpu vs one':>11}"
        f"{'driver s':>9}{'busy':>6}{'others':>7}  rounds (wall s)"
    )
    for engine in engines:
        best, entry = engine.best(), report[engine.name]
        print(
            f"{engine.name:<16}{best['seconds']:>8.1f}{entry.get('ratio', 1.0):>7.2f}"
            f"{entry.get('ratio_projected_idle_cores', 1.0):>10.2f}"
            f"{best['cpu_seconds']:>8.1f}{entry.get('cpu_vs_one', 1.0):>11.2f}"
            f"{best['driver_cpu_seconds']:>9.2f}{best['busy']:>6.2f}{best['others_cores']:>7.2f}"
            f"  {entry['seconds_each_round']}"
        )
    for engine in engines[1:]:
        entry = report[engine.name]
        print(
            f"RATIO {engine.name} / 1 process: {entry['ratio']} (best of {args.rounds} rounds; "
            f"each round {entry['ratio_each_round']}); CPU vs one {entry['cpu_vs_one']}; "
            f"projected on idle cores {entry['ratio_projected_idle_cores']} "
            f"(each round {entry['ratio_projected_each_round']})"
        )


if __name__ == "__main__":
    main()
