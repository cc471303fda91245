"""Ingest on both backends: idempotent, resumable after a real kill, problems kept and reported."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from eventwire.ingest.readers import iter_articles
from eventwire.store import open_store
from eventwire.store.ingest import ingest, iter_inputs

ROOT = Path(__file__).resolve().parents[2]

SUBJECTS = ["Russia", "Britain", "China", "Japan", "Ukraine", "France", "Germany", "Iran"]
ACTIONS = [
    "threatened {o} with new sanctions",
    "accused {o} of spying on its diplomats",
    "signed a trade agreement with {o}",
    "expelled two diplomats from {o}",
]
CITIES = ["Moscow", "London", "Beijing", "Tokyo", "Kyiv", "Paris", "Berlin", "Tehran"]


def write_articles(folder: Path, n: int) -> list[Path]:
    """``n`` short news articles with real sentences, one .txt each (headline, then body)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        s, o = SUBJECTS[i % 8], SUBJECTS[(i * 3 + 1) % 8]
        if o == s:
            o = SUBJECTS[(i + 1) % 8]
        action = ACTIONS[i % 4].format(o=o)
        text = (
            f"{s} {action}\n"
            f"{s} {action} on Tuesday, officials in {CITIES[i % 8]} said.\n"
            f"The foreign minister of {o} said the move was unacceptable and called for talks "
            f"in week {i + 1}.\n"
        )
        path = folder / f"article-{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_ingest_twice_adds_nothing(store, pipeline, tmp_path):
    folder = tmp_path / "articles"
    write_articles(folder, 6)
    first = ingest(iter_inputs([folder]), store, pipeline, inputs=[str(folder)], batch_size=4)
    assert (first.added, first.replaced, first.unchanged, first.problems) == (6, 0, 0, 0)
    counts = {t: store.count(t) for t in ("articles", "events", "actors", "event_clusters")}
    assert counts["events"] > 0 and counts["event_clusters"] > 0
    second = ingest(iter_inputs([folder]), store, pipeline, inputs=[str(folder)], batch_size=4)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 6)
    assert {t: store.count(t) for t in counts} == counts
    runs = store.dicts(
        "SELECT status, articles_added, articles_unchanged FROM ingest_runs ORDER BY run_id"
    )
    assert [(r["status"], r["articles_added"], r["articles_unchanged"]) for r in runs] == [
        ("done", 6, 0),
        ("done", 0, 6),
    ]


def test_changed_text_replaces_the_article(store, pipeline, tmp_path):
    path = tmp_path / "news.jsonl"
    line = {"id": "story-1", "date": "2021-12-13", "text": "Russia threatened Ukraine.\n"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    ingest(iter_inputs([path]), store, pipeline)
    line["text"] = "Russia threatened Ukraine.\nBritain condemned Russia on Monday.\n"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = ingest(iter_inputs([path]), store, pipeline)
    assert (result.added, result.replaced) == (0, 1)
    assert store.count("articles") == 1
    stored = store.records(["story-1"])[0]
    assert stored["article"]["text"] == line["text"].strip()


def test_bad_inputs_are_kept_and_the_rest_is_stored(store, pipeline, tmp_path):
    folder = tmp_path / "articles"
    write_articles(folder, 2)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Japan protested to China."}\nnot json\n', encoding="utf-8")
    seen = []
    result = ingest(
        iter_inputs([folder, bad, tmp_path / "missing.txt"]),
        store,
        pipeline,
        on_problem=seen.append,
    )
    assert result.added == 3
    assert sorted(e.code for e in seen) == ["E101", "E103", "E106"]
    rows = store.dicts("SELECT code, location FROM errors WHERE stage = 'input' ORDER BY code")
    assert [(r["code"], Path(r["location"]).name) for r in rows] == [
        ("E101", "missing.txt"),
        ("E103", "empty.txt"),
        ("E106", "bad.jsonl:2"),
    ]


def _command(folder: Path, location: str) -> list[str]:
    return [
        sys.executable, "-m", "eventwire.cli", "ingest", str(folder), "--db", location,
        "--batch-size", "2", "--verbose", "--no-progress", "--json",
    ]  # fmt: skip


def test_a_killed_ingest_resumes_with_nothing_lost_or_doubled(location, pipeline, tmp_path):
    folder = tmp_path / "articles"
    write_articles(folder, 16)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        _command(folder, location), cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    committed = 0
    for line in process.stderr:  # wait for the first committed batch, then kill mid-run
        if "committed" in line:
            committed = int(line.split()[2].replace(",", ""))
            break
        assert time.monotonic() < deadline, "the ingest never committed a batch"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert committed >= 2
    with open_store(location) as store:
        stored_after_kill = store.count("articles")
        assert committed <= stored_after_kill < 16
        assert stored_after_kill % 2 == 0  # whole batches only
        assert store.scalar("SELECT count(*) FROM ingest_runs WHERE status = 'done'") == 0

    rerun = subprocess.run(
        _command(folder, location), cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    result = json.loads(rerun.stdout)
    assert result["added"] == 16 - stored_after_kill
    assert result["unchanged"] + result["replaced"] == stored_after_kill

    expected = Counter()
    for document in pipeline.code_articles(iter_articles([folder])):
        expected[document.article.id] = len(document.events)
    with open_store(location) as store:
        assert store.count("articles") == 16
        assert store.scalar("SELECT count(DISTINCT article_id) FROM articles") == 16
        got = Counter(dict(store.query("SELECT article_id, count(*) FROM events GROUP BY 1")[1]))
        assert +got == +expected
        assert store.count("events") == sum(expected.values())
        assert not store.clusters_stale()
        members = store.scalar("SELECT count(*) FROM cluster_members")
        assert members == store.count("events")
        statuses = [r[0] for r in store.query("SELECT status FROM ingest_runs ORDER BY run_id")[1]]
        assert statuses[-1] == "done"
        assert statuses[0] == ("interrupted" if store.kind == "duckdb" else "running")


def test_ingest_into_a_database_another_process_holds(tmp_path):
    """DuckDB has one writer: a second process gets a clear E503, not a traceback."""
    location = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
         " time.sleep(60)", str(location)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        from eventwire.store import StoreError

        with pytest.raises(StoreError) as caught:
            open_store(location)
        assert caught.value.code == "E503"
    finally:
        holder.kill()
        holder.wait()


def test_worker_processes_store_the_same_records(tmp_path, pipeline):
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    stores = []
    for processes in (1, 2):
        store = open_store(tmp_path / f"p{processes}.duckdb")
        result = ingest(iter_inputs([folder]), store, pipeline, processes=processes)
        assert result.added == 4
        stores.append(store)
    ids = sorted(r[0] for r in stores[0].query("SELECT article_id FROM articles")[1])
    assert stores[0].records(ids) == stores[1].records(ids)
    assert stores[0].count("sentences") > 0 and stores[1].count("sentences") == 0
    for store in stores:
        store.close()
