"""Store throughput: ingest into DuckDB and PostgreSQL, and a dyad timeline over 1M events.

    .venv/bin/python bench/bench_store.py --articles 100 --events 1000000

(a) Codes ``--articles`` demo-corpus articles once (the baseline: the coding rate), then writes the
    coded records into each backend in batches of 25, one transaction each, and recomputes the
    event clusters, as ``eventwire ingest`` does. Prints the store's own rate and its cost as a
    share of the coding time (how much storing adds to an ingest).
(b) Generates ``--events`` events (and as many clusters) straight in each database with SQL, then
    times ``dyad_timeline`` (weekly, both directions) over them, counting reports and clusters:
    the median of 5 runs after one warm-up.

PostgreSQL runs in a throwaway cluster on loopback (fsync on, default settings); it is skipped
with a note when no server can be started.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from common import SYNTHETIC_CODES, SYNTHETIC_COUNTRIES, sample_articles, timed

from eventwire.analysis.timeline import dyad_timeline
from eventwire.pipeline import Pipeline
from eventwire.store import open_store
from eventwire.store.pgtemp import PostgresUnavailable, TempPostgres
from eventwire.store.versions import coding_stamp, coding_versions


def _pick(kind: str, values: list[str], index_sql: str) -> str:
    literals = ", ".join(f"'{v}'" for v in values)  # constants of this file, not user input
    if kind == "duckdb":
        return f"([{literals}])[1 + ({index_sql})]"
    return f"(ARRAY[{literals}])[1 + ({index_sql})]"


def generate(store, n: int) -> float:
    """``n`` synthetic events and ``n`` clusters (2016-2020), made by the database itself."""
    kind = store.kind
    series = f"range({n}) t(i)" if kind == "duckdb" else f"generate_series(0, {n - 1}) AS t(i)"
    countries = SYNTHETIC_COUNTRIES
    div = "//" if kind == "duckdb" else "/"  # integer division
    src = _pick(kind, countries, "i % 20")
    tgt = _pick(kind, countries, f"((i {div} 20) * 7 + 3) % 20")
    k = "(i * 31) % 8"
    cameo = _pick(kind, [c[0] for c in SYNTHETIC_CODES], k)
    root = _pick(kind, [c[1] for c in SYNTHETIC_CODES], k)
    gold = _pick(kind, [str(c[2]) for c in SYNTHETIC_CODES], k)
    quad = _pick(kind, [str(c[3]) for c in SYNTHETIC_CODES], k)
    day = "(DATE '2016-01-01' + CAST(i % 1827 AS INTEGER))"
    started = time.perf_counter()
    with store.backend.transaction():
        store.backend.execute(
            "INSERT INTO events (event_uid, article_id, event_index, date, sentence_index,"
            " sentence_indices, start_char, end_char, source_code, source_country, target_code,"
            " target_country, cameo, root, goldstein, quad_class)"
            f" SELECT 'bench:' || CAST(i AS TEXT), 'bench-' || CAST(i {div} 10 AS TEXT), i % 10,"
            f" {day}, 0, '[0]', 0, 1, {src}, {src}, {tgt}, {tgt}, {cameo}, {root},"
            f" CAST({gold} AS DOUBLE PRECISION), CAST({quad} AS INTEGER) FROM {series}"
        )
        store.backend.execute(
            "INSERT INTO event_clusters (cluster_id, source_key, target_key, source_country,"
            " target_country, base_code, cameo, root, goldstein, quad_class, first_date,"
            " last_date, num_reports, num_mentions, num_articles, num_sources,"
            " representative_uid)"
            f" SELECT 'c' || CAST(i AS TEXT), {src}, {tgt}, {src}, {tgt}, {cameo}, {cameo},"
            f" {root}, CAST({gold} AS DOUBLE PRECISION), CAST({quad} AS INTEGER), {day}, {day},"
            f" 1, 1, 1, 1, 'bench:' || CAST(i AS TEXT) FROM {series}"
        )
    if kind == "postgresql":
        store.backend.execute("ANALYZE events")
        store.backend.execute("ANALYZE event_clusters")
    return time.perf_counter() - started


def time_timelines(store) -> dict[str, float]:
    out = {}
    for count in ("reports", "clusters"):
        runs = []
        for attempt in range(6):
            (timeline, seconds) = timed(
                lambda count=count: dyad_timeline(store, "RUS", "UKR", freq="week", count=count)
            )
            if attempt:
                runs.append(seconds)
        out[f"timeline_{count}_seconds"] = round(statistics.median(runs), 4)
        out[f"timeline_{count}_periods"] = len(timeline.periods)
        out[f"timeline_{count}_events"] = sum(p.events for p in timeline.periods)
    return out


def bench_backend(location: str, records, spans, versions, coding_seconds, n_events) -> dict:
    stamp = coding_stamp(versions)
    result: dict = {}
    with open_store(location) as store:
        result["backend"] = store.kind
        started = time.perf_counter()
        for start in range(0, len(records), 25):
            store.write_records(
                records[start : start + 25],
                versions=versions,
                stamp=stamp,
                sentences=spans[start : start + 25],
            )
        write_seconds = time.perf_counter() - started
        (clusters, cluster_seconds) = timed(store.update_clusters)
        events = store.count("events")
        store_seconds = write_seconds + cluster_seconds
        result.update(
            articles=len(records),
            events=events,
            clusters=clusters,
            write_seconds=round(write_seconds, 3),
            cluster_seconds=round(cluster_seconds, 3),
            store_articles_per_second=round(len(records) / store_seconds, 1),
            store_events_per_second=round(events / store_seconds, 1),
            ingest_articles_per_second=round(len(records) / (coding_seconds + store_seconds), 2),
            store_share_of_ingest=round(store_seconds / (coding_seconds + store_seconds), 4),
        )
    if n_events:
        with open_store(location) as store:
            store.backend.execute("DELETE FROM events")
            store.backend.execute("DELETE FROM event_clusters")
            store.backend.execute("DELETE FROM store_settings WHERE name = ?", ["clusters_stale"])
            result["generate_seconds"] = round(generate(store, n_events), 2)
            result["generated_events"] = store.count("events")
            result.update(time_timelines(store))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    articles = sample_articles(args.articles)
    pipeline = Pipeline()
    versions = coding_versions(pipeline)
    started = time.perf_counter()
    records, spans = [], []
    for document in pipeline.code_articles(articles):
        records.append(document.to_dict())
        spans.append([(s.start_char, s.end_char) for s in document.doc.sents])
    coding_seconds = time.perf_counter() - started
    report = {
        "articles": len(records),
        "coding_seconds": round(coding_seconds, 2),
        "coding_articles_per_second": round(len(records) / coding_seconds, 2),
        "backends": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        location = str(Path(folder) / "bench.duckdb")
        report["backends"].append(
            bench_backend(location, records, spans, versions, coding_seconds, args.events)
        )
    server = TempPostgres(fast=False)
    try:
        server.start()
        url = server.create_database("bench")
        report["backends"].append(
            bench_backend(url, records, spans, versions, coding_seconds, args.events)
        )
    except PostgresUnavailable as exc:
        report["postgresql"] = f"skipped: {exc}"
    finally:
        server.stop()

    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(
        f"coding (baseline): {report['articles']} articles in {report['coding_seconds']} s "
        f"= {report['coding_articles_per_second']} articles/s"
    )
    for b in report["backends"]:
        print(
            f"{b['backend']:>10}: stored {b['articles']} articles / {b['events']} events in "
            f"{b['write_seconds']} s + clusters {b['cluster_seconds']} s -> "
            f"{b['store_articles_per_second']} articles/s, {b['store_events_per_second']} "
            f"events/s; ingest incl. coding {b['ingest_articles_per_second']} articles/s "
            f"(storing = {100 * b['store_share_of_ingest']:.1f}% of ingest time)"
        )
        if "generated_events" in b:
            print(
                f"{'':>10}  {b['generated_events']:,} generated events ({b['generate_seconds']} s):"
                f" weekly RUS-UKR timeline {b['timeline_reports_seconds'] * 1000:.0f} ms"
                f" (reports, {b['timeline_reports_events']:,} events), "
                f"{b['timeline_clusters_seconds'] * 1000:.0f} ms (clusters)"
            )
    if "postgresql" in report:
        print(f"postgresql: {report['postgresql']}")


if __name__ == "__main__":
    main()
