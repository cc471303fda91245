"""Exports on both backends: round trips, GDELT columns and offsets, no half-written files."""

from __future__ import annotations

import csv
import json

import pytest

from eventwire.export import export, mentions_path
from eventwire.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, global_event_id
from eventwire.store.errors import ExportError
from tests.store.helpers import Spec, make_record

VERSIONS = {"eventwire": "test"}
SENTENCES = [
    "Russia threatened Ukraine with troops at the border.",
    "Russia attacked Ukraine near the border town.",
    "Britain criticised Russia over the attack.",
]


def _records():
    return [
        make_record("x1", "2021-12-13", SENTENCES,
                    [Spec("Russia", "threatened", "Ukraine", "130"),
                     Spec("Russia", "attacked", "Ukraine", "190", sentence=1)],
                    url="https://news.example/x1"),
        make_record("x2", "2021-12-14", SENTENCES,
                    [Spec("Russia", "threatened", "Ukraine", "130"),
                     Spec("Britain", "criticised", "Russia", "111", sentence=2)],
                    source="Other Wire", quote=(2, "Britain", "over the attack")),
    ]  # fmt: skip


@pytest.fixture
def filled(store, seed_record):
    records = [*_records(), seed_record]
    store.write_records(records, versions=VERSIONS, stamp="s")
    store.update_clusters()
    return store, records


@pytest.mark.parametrize("table", ["events", "articles", "actors", "event_clusters"])
def test_parquet_read_back_equals_the_table(filled, tmp_path, table):
    import pyarrow.parquet as pq

    store, _ = filled
    out = tmp_path / f"{table}.parquet"
    export(store, "parquet", out, table=table)
    from eventwire.export import ORDER_BY

    expected = store.dicts(f"SELECT * FROM {table} ORDER BY {ORDER_BY[table]}")
    assert pq.read_table(out).to_pylist() == expected
    assert len(expected) > 0


def test_csv(filled, tmp_path):
    store, _ = filled
    out = tmp_path / "events.csv"
    written = export(store, "csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert written["files"][str(out)] == len(rows) == store.count("events")
    first = store.dicts("SELECT * FROM events ORDER BY article_id, event_index")[0]
    assert rows[0]["event_uid"] == first["event_uid"]
    assert rows[0]["trigger"] == first["trigger"]
    assert rows[0]["start_char"] == str(first["start_char"])


def test_jsonl_gives_back_the_records(filled, tmp_path):
    store, records = filled
    out = tmp_path / "records.jsonl"
    export(store, "jsonl", out)
    back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(back, key=lambda r: r["article"]["id"]) == sorted(
        records, key=lambda r: r["article"]["id"]
    )


def test_gdelt_events_and_mentions(filled, tmp_path):
    store, records = filled
    out = tmp_path / "gdelt.tsv"
    export(store, "gdelt", out)
    events = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    mentions = [line.split("\t") for line in
                mentions_path(out).read_text(encoding="utf-8").splitlines()]  # fmt: skip
    assert all(len(row) == 61 for row in events)
    assert all(len(row) == 16 for row in mentions)
    assert len(events) == store.count("event_clusters")
    assert len(mentions) == store.count("events")
    col = {name: i for i, name in enumerate(EVENT_COLUMNS)}
    threat = next(r for r in events if r[col["EventCode"]] == "130"
                  and r[col["Actor1CountryCode"]] == "RUS")  # fmt: skip
    assert threat[col["SQLDATE"]] == "20211213"
    assert threat[col["Actor1Code"]] == "RUS"
    assert threat[col["Actor2Code"]] == "UKR"
    assert threat[col["EventRootCode"]] == "13"
    assert threat[col["QuadClass"]] == "3"
    assert (threat[col["NumArticles"]], threat[col["NumSources"]]) == ("2", "2")
    assert threat[col["SOURCEURL"]] == "https://news.example/x1"
    assert threat[col["AvgTone"]] == ""
    # every mention points into its article's text
    texts = {r["article"]["id"]: r["article"]["text"] for r in records}
    mcol = {name: i for i, name in enumerate(MENTION_COLUMNS)}
    ids = {int(r[col["GLOBALEVENTID"]]) for r in events}
    for row in mentions:
        assert int(row[mcol["GLOBALEVENTID"]]) in ids
        extras = dict(part.split("=", 1) for part in row[mcol["Extras"]].split(";"))
        text = texts[extras["article_id"]]
        event = next(e for e in store.dicts("SELECT * FROM events WHERE event_uid = ?",
                                            [extras["event_uid"]]))  # fmt: skip
        assert int(row[mcol["SentenceID"]]) == event["sentence_index"] + 1
        action = int(row[mcol["ActionCharOffset"]])
        assert text[action:].startswith(event["trigger"])
        actor1 = int(row[mcol["Actor1CharOffset"]])
        if event["source_text"] is not None:
            assert text[actor1:].startswith(event["source_text"])
        else:
            assert actor1 == -1
    assert global_event_id("ffffffffffffffff") < 2**53


def test_plover_jsonl(filled, tmp_path):
    store, _ = filled
    out = tmp_path / "plover.jsonl"
    export(store, "plover", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = store.scalar("SELECT count(*) FROM events WHERE plover_type IS NOT NULL")
    assert len(lines) == expected > 0
    threat = next(r for r in lines if r["articleId"] == "x1" and r["event"] == "THREATEN")
    assert threat["source"][0]["actorText"] == "Russia"
    assert threat["target"][0]["code"] == "UKR"
    assert threat["date"] == "2021-12-13"
    assert threat["eventText"] == "threatened"
    assert threat["text"] == SENTENCES[0]


def test_a_failing_export_leaves_no_file(filled, tmp_path):
    store, _ = filled
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "records.jsonl"
    out.write_text("an older export\n", encoding="utf-8")
    # one corrupt row deep in the store: the export fails half way through
    store.backend.execute("UPDATE events SET sentence_indices = ? WHERE article_id = ?",
                          ["[not json", "x2"])  # fmt: skip
    with pytest.raises(ValueError):
        export(store, "jsonl", out)
    assert out.read_text(encoding="utf-8") == "an older export\n"
    assert [p.name for p in folder.iterdir()] == ["records.jsonl"]


def test_unwritable_export_and_unknown_format(filled, tmp_path):
    store, _ = filled
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(store, "csv", blocker / "out.csv")
    assert caught.value.code == "E541"
    with pytest.raises(ExportError) as caught:
        export(store, "xml", tmp_path / "out.xml")
    assert caught.value.code == "E542"
    with pytest.raises(ExportError) as caught:
        export(store, "csv", tmp_path / "out.csv", table="pg_user")
    assert caught.value.code == "E542"
