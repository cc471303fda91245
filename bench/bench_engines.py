"""Scaling: one process against two local processes and a Dask LocalCluster of two workers.

    .venv/bin/python bench/bench_engines.py --articles 256

One run, the same demo-corpus articles (written to a JSONL file for the Dask engine), each engine
warmed first so the figures are steady-state throughput (a long job pays the model load once per
worker; see the startup figures for that cost):
  1 process   : Pipeline in this process (the model already loaded)
  2 processes : engine.local with two warm workers (start_workers), this process only reads/writes
  dask 2      : engine.dask_engine on a LocalCluster of 2 workers x 1 thread, warmed by client.run
Ratios are wall-clock throughput against one process. With only two cores, any other load on the
machine eats into the parallel runs first: the load average is printed beside the figures, and so
is the CPU time each engine spent (this process and its workers) against one process's, which a
busy machine hardly moves: a figure near 1.0 means the engine wastes nothing, and on two idle cores
its wall-clock ratio approaches 2 x (one process's CPU / engine's CPU).

    .venv/bin/python bench/bench_engines.py --memory 2000

measures instead the main process's resident memory while `eventwire code --processes 2` codes a
corpus of that many articles (see ``memory``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import load_average, peak_rss_mb, sample_articles

from eventwire.engine.local import code_records, start_workers
from eventwire.pipeline import Config, Pipeline

CONFIG = Config(date="2021-12-13")


def _write_jsonl(articles: list, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            row = {"id": article.id, "text": article.text, "date": article.date or CONFIG.date}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _cpu_seconds() -> float:
    """CPU time of this process and every process it started (workers), so far."""
    import psutil

    total = time.process_time()
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _time(fn: Callable[[], int]) -> tuple[int, float, float]:
    """(articles coded, wall seconds, CPU seconds of this process and its workers)."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    count = fn()
    return count, time.perf_counter() - started, _cpu_seconds() - cpu


def one_process(articles: list) -> dict[str, float]:
    started = time.perf_counter()
    pipeline = Pipeline(CONFIG)
    startup = time.perf_counter() - started
    list(code_records(articles[:4], CONFIG, pipeline=pipeline))  # warm caches
    count, seconds, cpu = _time(lambda: sum(1 for _ in code_records(articles, pipeline=pipeline)))
    return {"seconds": seconds, "cpu_seconds": cpu, "articles": count, "startup_seconds": startup}


def two_processes(articles: list, chunk_size: int) -> dict[str, float]:
    started = time.perf_counter()
    pool = start_workers(CONFIG, 2)
    startup = time.perf_counter() - started
    try:
        list(code_records(articles[:8], CONFIG, processes=2, pool=pool, chunk_size=4))  # warm
        count, seconds, cpu = _time(
            lambda: sum(
                1
                for _ in code_records(
                    articles, CONFIG, processes=2, pool=pool, chunk_size=chunk_size
                )
            )
        )
    finally:
        pool.shutdown()
    return {"seconds": seconds, "cpu_seconds": cpu, "articles": count, "startup_seconds": startup}


def dask_two_workers(articles: list, partition_size: int) -> dict[str, float]:
    import dask.distributed as distributed

    from eventwire.engine.dask_engine import code_with_dask, local_cluster, warm_worker

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        corpus = folder / "articles.jsonl"
        _write_jsonl(articles, corpus)
        warm = folder / "warm.jsonl"
        _write_jsonl(articles[:8], warm)
        started = time.perf_counter()
        cluster = local_cluster(2)
        client = distributed.Client(cluster)
        try:
            client.run(warm_worker, CONFIG)
            startup = time.perf_counter() - started
            list(
                code_with_dask(
                    [warm],
                    folder / "warm",
                    CONFIG,
                    scheduler=cluster.scheduler_address,
                    partition_size=4,
                )
            )
            count, seconds, cpu = _time(
                lambda: sum(
                    1
                    for _ in code_with_dask(
                        [corpus],
                        folder / "shards",
                        CONFIG,
                        scheduler=cluster.scheduler_address,
                        partition_size=partition_size,
                    )
                )
            )
        finally:
            client.close()
            cluster.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "articles": count, "startup_seconds": startup}


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
    parser.add_argument("--skip-dask", action="store_true")
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
    report: dict[str, object] = {"articles": len(articles), "load_average_before": load_average()}
    one = one_process(articles)
    report["one_process"] = one
    report["load_average_after_one"] = load_average()
    two = two_processes(articles, args.chunk_size)
    report["two_processes"] = two
    report["load_average_after_two"] = load_average()
    report["ratio_two_processes"] = round(one["seconds"] / two["seconds"], 3)
    report["cpu_per_article_two_processes_vs_one"] = round(
        two["cpu_seconds"] / one["cpu_seconds"], 3
    )
    if not args.skip_dask:
        dask = dask_two_workers(articles, args.partition_size)
        report["dask_two_workers"] = dask
        report["load_average_after_dask"] = load_average()
        report["ratio_dask_two_workers"] = round(one["seconds"] / dask["seconds"], 3)
        report["cpu_per_article_dask_vs_one"] = round(dask["cpu_seconds"] / one["cpu_seconds"], 3)
    report["peak_rss_mb_main_process"] = round(peak_rss_mb())
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        if isinstance(value, dict):
            value = {k: round(v, 2) for k, v in value.items()}
        print(f"{key:<28} {value}")
    print(f"RATIO 2 processes / 1 process: {report['ratio_two_processes']}")
    if "ratio_dask_two_workers" in report:
        print(f"RATIO dask 2 workers / 1 process: {report['ratio_dask_two_workers']}")


if __name__ == "__main__":
    main()
