"""The store on both backends: round trips, replacement, atomicity, migrations, bad locations."""

from __future__ import annotations

import copy
import json
import threading
from types import SimpleNamespace

import pytest

from eventwire.pipeline import Config
from eventwire.store import StoreError, open_store
from eventwire.store.backend import open_backend
from eventwire.store.pgtemp import free_port
from eventwire.store.schema import MIGRATION_1, SCHEMA_VERSION
from eventwire.store.versions import coding_stamp, coding_versions
from tests.store.helpers import Spec, make_record

VERSIONS = {"eventwire": "test", "data": "x"}


def _sample(n: int = 0) -> dict:
    return make_record(
        f"art-{n}",
        "2021-12-13",
        [
            "Russia threatened Ukraine over the border.",
            "Britain criticised Russia on Monday.",
            "Moscow said talks with Kyiv were possible.",
        ],
        [
            Spec("Russia", "threatened", "Ukraine", "130"),
            Spec("Britain", "criticised", "Russia", "111", sentence=1),
        ],
        quote=(2, "Moscow", "talks with Kyiv were possible"),
    )


def test_records_round_trip_exactly(store, seed_record):
    records = [_sample(0), _sample(1), seed_record]
    added, replaced = store.write_records(records, versions=VERSIONS, stamp="s1")
    assert (added, replaced) == (3, 0)
    ids = [r["article"]["id"] for r in records]
    assert store.records(ids) == records
    # every stored span still points at its text
    for row in store.dicts(
        "SELECT e.*, a.text AS article_text FROM events e JOIN articles a "
        "ON a.article_id = e.article_id"
    ):
        assert row["article_text"][row["start_char"] : row["end_char"]] == row["trigger"]
        if row["source_start"] is not None:
            assert (
                row["article_text"][row["source_start"] : row["source_end"]] == row["source_text"]
            )


def test_seed_record_fills_every_table(store, seed_record, seed_document):
    spans = [(s.start_char, s.end_char) for s in seed_document.doc.sents]
    store.write_records([seed_record], versions=VERSIONS, stamp="s1", sentences=[spans])
    article_id = seed_record["article"]["id"]
    assert store.count("events") == len(seed_record["events"]) > 0
    assert store.count("actors") == len(seed_record["actors"]) > 0
    assert store.count("quotes") == len(seed_record["quotes"]) > 0
    assert store.count("sentences") == len(spans)
    text = seed_record["article"]["text"]
    for start, end in store.query("SELECT start_char, end_char FROM sentences")[1]:
        assert text[start:end].strip()
    assert (
        store.scalar("SELECT coding_stamp FROM articles WHERE article_id = ?", [article_id]) == "s1"
    )


def test_rewriting_replaces_rows_and_never_doubles(store):
    first = _sample(0)
    store.write_records([first], versions=VERSIONS, stamp="s1")
    recoded = copy.deepcopy(first)
    recoded["events"] = recoded["events"][:1]  # a newer dictionary finds one event, not two
    assert store.write_records([recoded], versions=VERSIONS, stamp="s2") == (0, 1)
    assert store.count("articles") == 1
    assert store.count("events") == 1
    assert store.scalar("SELECT coding_stamp FROM articles") == "s2"
    assert store.records(["art-0"]) == [recoded]


def test_a_failed_replacement_keeps_the_old_rows(store):
    good = _sample(0)
    store.write_records([good], versions=VERSIONS, stamp="s1")
    broken = copy.deepcopy(good)
    broken["events"][1]["cameo"] = None  # violates NOT NULL inside the transaction
    with pytest.raises(StoreError) as caught:
        store.write_records([broken], versions=VERSIONS, stamp="s2")
    assert caught.value.code == "E506"
    assert store.records(["art-0"]) == [good]
    assert store.scalar("SELECT coding_stamp FROM articles") == "s1"


def test_stored_versions_and_problems(store):
    from eventwire.errors import InputError

    store.write_records([_sample(0)], versions=VERSIONS, stamp="s1")
    found = store.stored_versions(["art-0", "missing"])
    assert list(found) == ["art-0"]
    assert found["art-0"][1] == "s1"
    run = store.begin_run(["x"], VERSIONS)
    store.record_problem(run, InputError("bad line", code="E106", where="news.jsonl:3"))
    row = store.dicts("SELECT * FROM errors")[0]
    assert (row["code"], row["location"], row["stage"], row["run_id"]) == (
        "E106",
        "news.jsonl:3",
        "input",
        run,
    )


def test_coding_stamp_follows_user_dictionaries(tmp_path):
    dictionary = tmp_path / "actors.txt"
    dictionary.write_text("PUTIN_ [RUSGOV]\n", encoding="utf-8")

    pipe = SimpleNamespace(stages=[], config=Config(actor_dictionaries=[dictionary]))
    before = coding_stamp(coding_versions(pipe))
    assert coding_stamp(coding_versions(pipe)) == before
    dictionary.write_text("PUTIN_ [RUSGOVHOS]\n", encoding="utf-8")
    assert coding_stamp(coding_versions(pipe)) != before


def test_schema_migrates_an_old_database(location):
    backend = open_backend(location)
    backend.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    for statement in MIGRATION_1:
        backend.execute(statement)
    backend.execute("INSERT INTO schema_version VALUES (1, current_timestamp)")
    backend.execute(
        "INSERT INTO store_settings (name, value) VALUES (?, ?)", ["kept", "from version 1"]
    )
    backend.close()
    with open_store(location) as store:
        assert store.schema_version == SCHEMA_VERSION == 2
        assert store.setting("kept") == "from version 1"
        columns, _ = store.query("SELECT location, source_location FROM events")
        assert columns == ["location", "source_location"]
        assert store.count("places") == 0
    with open_store(location) as again:  # opening again applies nothing twice
        assert again.scalar("SELECT count(*) FROM schema_version") == 2


def test_a_newer_schema_is_refused(location):
    with open_store(location) as store:
        store.backend.execute("INSERT INTO schema_version VALUES (99, current_timestamp)")
    with pytest.raises(StoreError) as caught:
        open_store(location)
    assert caught.value.code == "E505"
    assert "upgrade eventwire" in str(caught.value)


def test_readers_never_see_half_a_batch(location):
    """A reader polling while batches are written sees whole batches only (5 articles each)."""
    store = open_store(location)
    # DuckDB: readers share the writing process (one file lock); PostgreSQL: own connection
    reader_backend = store.backend.reader() if store.kind == "duckdb" else open_backend(location)
    seen: list[tuple[int, int]] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            _, rows = reader_backend.query(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
            )
            seen.append((int(rows[0][0]), int(rows[0][1])))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for batch in range(8):
            records = [_sample(batch * 5 + i) for i in range(5)]
            store.write_records(records, versions=VERSIONS, stamp="s1")
    finally:
        stop.set()
        thread.join()
        reader_backend.close()
        store.close()
    assert len(seen) > 3
    for articles, events in seen:
        assert articles % 5 == 0, seen
        assert events == 2 * articles, seen
    assert seen[-1][0] <= 40


def test_unwritable_database_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        open_store(blocker / "events.duckdb")
    assert caught.value.code == "E502"
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path)  # a directory
    assert caught.value.code == "E502"


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.code == "E502"
    assert path.read_text(encoding="utf-8").startswith("just some notes")


def test_refusing_postgres_url_is_a_clear_error():
    url = f"postgresql://postgres:secret@127.0.0.1:{free_port()}/events"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert caught.value.code == "E504"
    assert "secret" not in str(caught.value)
    assert "***" in str(caught.value)


def test_other_urls_are_refused():
    with pytest.raises(StoreError) as caught:
        open_store("mysql://root@localhost/events")
    assert caught.value.code == "E501"


def test_summary_from_store(store):
    from eventwire.store.summary import summary_from_store

    records = [_sample(0), _sample(1)]
    store.write_records(records, versions=VERSIONS, stamp="s1")
    summary = summary_from_store(store)
    assert summary.articles == 2
    assert summary.events == 4
    assert summary.roots == {"13": 2, "11": 2}
    assert summary.dyads[("RUS", "UKR")] == 2
    assert summary.dyads[("GBR", "RUS")] == 2
    assert summary.speakers["Russian government"] == 2
    assert summary.words == sum(len(r["article"]["text"].split()) for r in records)
    assert "events by CAMEO root" in summary.render()
    json.dumps(summary.to_dict())


def test_a_foreign_database_is_refused(location):
    backend = open_backend(location)
    backend.execute("CREATE TABLE articles (id INTEGER, body TEXT)")
    backend.close()
    with pytest.raises(StoreError) as caught:
        open_store(location)
    assert caught.value.code == "E507"
