"""API throughput: requests per second of ``GET /events`` with filters over 1 million events.

    .venv/bin/python bench/bench_api.py --events 1000000 --duration 10 --connections 8

1. Generates ``--events`` synthetic events (10 per article, 2015-2024, 20 countries with GOV/MIL
   sectors, 8 CAMEO codes, all five modalities) and their articles in a DuckDB store, with SQL run
   by the database itself (the file is kept in ``--work`` and reused when it already has them).
2. Starts ``eventwire serve`` (uvicorn, one process, read-only) on 127.0.0.1 and a free port.
3. Loads each query below for ``--duration`` seconds with ``--connections`` open connections,
   using ``wrk`` (Debian package) when installed, else a bounded Python client with threads, and
   reports requests per second, median and p99 latency, and the share of non-200 answers.

Each query asks for a page of 50 events with its total count, as the events table does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import SYNTHETIC_CODES, SYNTHETIC_COUNTRIES  # noqa: E402

from eventwire.store import open_store  # noqa: E402

SECTORS = ["", "GOV", "MIL", ""]
MODALITIES = [
    "asserted",
    "asserted",
    "asserted",
    "hypothetical",
    "conditional",
    "negated",
    "denied",
]
WORDS = ["talks", "sanctions", "border", "troops", "ceasefire", "aid", "warning", "summit"]
QUERIES = {
    "no filter": "/events?limit=50",
    "actor": "/events?actor=RUS&limit=50",
    "dyad + root": "/events?actor=RUS&partner=IRN&root=13&limit=50",
    "actor + dates + quad": "/events?actor=USA&since=2020-01-01&until=2020-12-31&quad_class=4"
    "&limit=50",
    "text + modality": "/events?q=ceasefire&modality=hypothetical&limit=50",
    "sort by goldstein": "/events?actor=CHN&sort=goldstein&limit=50",
}


def _pick(values: list[str], index_sql: str) -> str:
    literals = ", ".join(f"'{v}'" for v in values)  # constants of this file, not user input
    return f"([{literals}])[1 + ({index_sql})]"


def generate(path: Path, n: int) -> float:
    """A DuckDB store with ``n`` events and ``n / 10`` articles (skipped when already there)."""
    with open_store(path) as store:
        if store.count("events") == n:
            return 0.0
        started = time.perf_counter()
        countries = SYNTHETIC_COUNTRIES
        src_c = _pick(countries, "i % 20")
        tgt_c = _pick(countries, "((i // 20) * 7 + 3) % 20")
        src_s = _pick(SECTORS, "(i // 3) % 4")
        tgt_s = _pick(SECTORS, "(i // 5) % 4")
        k = "(i * 31) % 8"
        cameo = _pick([c[0] for c in SYNTHETIC_CODES], k)
        root = _pick([c[1] for c in SYNTHETIC_CODES], k)
        gold = _pick([str(c[2]) for c in SYNTHETIC_CODES], k)
        quad = _pick([str(c[3]) for c in SYNTHETIC_CODES], k)
        modality = _pick(MODALITIES, "(i // 7) % 7")
        word = _pick(WORDS, "(i // 11) % 8")
        day = "(DATE '2015-01-01' + CAST((i // 10) % 3650 AS INTEGER))"
        with store.backend.transaction():
            for table in ("events", "articles"):
                store.backend.execute(f"DELETE FROM {table}")
            store.backend.execute(
                "INSERT INTO articles (article_id, content_hash, title, date, source, text, words,"
                " coding_stamp, coded_at)"
                " SELECT 'bench-' || CAST(i AS TEXT), md5(CAST(i AS TEXT)),"
                " 'Generated article ' || CAST(i AS TEXT),"
                " DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), 'bench',"
                " 'Generated text of article ' || CAST(i AS TEXT), 5, 'bench', now()"
                f" FROM range({max(1, n // 10)}) t(i)"
            )
            store.backend.execute(
                "INSERT INTO events (event_uid, article_id, event_index, event_id, date,"
                " sentence_index, sentence_indices, sentence, start_char, end_char, trigger,"
                " source_text, source_start, source_end, source_code, source_country,"
                " source_sector, target_text, target_start, target_end, target_code,"
                " target_country, target_sector, cameo, root, goldstein, quad_class, modality,"
                " quoted, confidence, rule)"
                " SELECT 'bench-' || CAST(i // 10 AS TEXT) || ':' || CAST(i % 10 AS TEXT),"
                " 'bench-' || CAST(i // 10 AS TEXT), i % 10, md5(CAST(i AS TEXT))[1:16],"
                f" {day}, i % 10, '[' || CAST(i % 10 AS TEXT) || ']',"
                f" {src_c} || ' spoke of ' || {word} || ' with ' || {tgt_c} || '.', 3, 8,"
                f" 'spoke', {src_c}, 0, 3, {src_c} || {src_s}, {src_c}, nullif({src_s}, ''),"
                f" {tgt_c}, 20, 23, {tgt_c} || {tgt_s}, {tgt_c}, nullif({tgt_s}, ''),"
                f" {cameo}, {root}, CAST({gold} AS DOUBLE), CAST({quad} AS INTEGER),"
                f" {modality}, i % 5 = 0, 0.4 + (i % 6) / 10.0, 'bench'"
                f" FROM range({n}) t(i)"
            )
        store.backend.execute("CHECKPOINT")
        return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "eventwire"),
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    log = open(LOG, "w")  # noqa: SIM115 - the server's log, kept open while it runs
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: see {LOG}")
    server.kill()
    raise SystemExit("the server did not answer within 60 s")


LOG = Path(tempfile.gettempdir()) / "eventwire-bench-api-server.log"
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS[unit]


def load_wrk(url: str, duration: int, connections: int, threads: int) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "tool": "wrk",
        "requests": total,
        "rps": rps,
        "median_ms": median,
        "p99_ms": p99,
        "non_2xx": int(bad.group(1)) if bad else 0,
    }


def load_python(url: str, duration: int, connections: int, max_requests: int = 20_000) -> dict:
    """A bounded closed-loop client: ``connections`` threads, each with a keep-alive session."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < stop_at and len(latencies) + len(mine) < max_requests:
            started = time.perf_counter()
            conn.request("GET", target)
            answer = conn.getresponse()
            answer.read()
            mine.append((time.perf_counter() - started) * 1000)
            bad += answer.status != 200
        conn.close()
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "tool": "python threads",
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies),
        "p99_ms": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "non_2xx": failures[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per query")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / f"api-{args.events}.duckdb"
    seconds = generate(db, args.events)
    if seconds:
        print(f"generated {args.events:,} events in {seconds:.1f} s", file=sys.stderr)
    use_wrk = args.tool == "wrk" or (args.tool == "auto" and shutil.which("wrk"))
    port = _free_port()
    server = start_server(db, port)
    results = {}
    try:
        for name, path in QUERIES.items():
            url = f"http://127.0.0.1:{port}{path}"
            with urllib.request.urlopen(url, timeout=60) as answer:  # warm-up, and the total
                total = json.load(answer)["total"]
            if use_wrk:
                result = load_wrk(url, args.duration, args.connections, args.threads)
            else:
                result = load_python(url, args.duration, args.connections)
            result["matching_events"] = total
            results[name] = result
            print(
                f"{name:22} {result['rps']:8.1f} req/s  median {result['median_ms']:7.1f} ms"
                f"  p99 {result['p99_ms']:7.1f} ms  ({total:,} match, {result['requests']:,}"
                f" requests, {result['non_2xx']} non-2xx, {result['tool']})",
                file=sys.stderr,
            )
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    summary = {
        "events": args.events,
        "connections": args.connections,
        "duration_s": args.duration,
        "cpus": os.cpu_count(),
        "queries": {name: {"path": QUERIES[name], **r} for name, r in results.items()},
    }
    if args.json:
        print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
