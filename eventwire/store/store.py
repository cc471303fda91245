"""The event store: coded articles in DuckDB (default) or PostgreSQL, with the same behaviour.

- An article is keyed by its id (given, else the hash of its text). Each stored article carries the
  hash of its text and a *coding stamp* (eventwire version, dictionary and stage versions). The
  ingest skips an article whose hash and stamp are unchanged, and replaces all rows of one whose
  text or coding changed, in one transaction.
- Writes go in batches, one transaction each, so a killed run loses at most the batch in flight.
- Event clusters (see :mod:`eventwire.analysis.dedup`) are recomputed over the whole store after
  the articles change; a ``clusters_stale`` flag, set in the same transaction as the articles,
  makes a run killed before the recount redo it next time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError
from eventwire.store import rows as R
from eventwire.store.backend import Backend, DuckDBBackend, open_backend
from eventwire.store.schema import migrate

DEFAULT_DB = "eventwire.duckdb"
ARTICLE_TABLES = ("actors", "events", "quotes", "places", "sentences")


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_placeholders(len(columns))})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Store:
    """A connection to one event database. Use :func:`open_store` to get one."""

    def __init__(self, backend: Backend, *, read_only: bool = False) -> None:
        self.backend = backend
        self.read_only = read_only
        if not read_only:
            self.schema_version = migrate(backend)

    # -- lifecycle ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.backend.name

    @property
    def location(self) -> str:
        return self.backend.location

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- queries --------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        return self.backend.query(sql, params)

    def dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        columns, rows = self.backend.query(sql, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.backend.scalar(sql, params)

    def count(self, table: str) -> int:
        return int(self.scalar(f"SELECT count(*) FROM {_table(table)}"))

    # -- settings -------------------------------------------------------------------------------
    def _set(self, name: str, value: str) -> None:
        self.backend.execute("DELETE FROM store_settings WHERE name = ?", [name])
        self.backend.execute(
            "INSERT INTO store_settings (name, value) VALUES (?, ?)", [name, value]
        )

    def setting(self, name: str) -> str | None:
        return self.scalar("SELECT value FROM store_settings WHERE name = ?", [name])

    # -- runs and problems ----------------------------------------------------------------------
    def begin_run(self, inputs: Sequence[str], versions: dict[str, Any]) -> int:
        with self.backend.transaction():
            if isinstance(self.backend, DuckDBBackend):
                # DuckDB admits one writer: a run still marked running here was killed.
                self.backend.execute(
                    "UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'"
                )
            run_id = int(self.scalar("SELECT nextval('ingest_run_ids')"))
            self.backend.execute(
                "INSERT INTO ingest_runs (run_id, started_at, status, inputs, eventwire_version,"
                " coding_versions) VALUES (?, ?, 'running', ?, ?, ?)",
                [
                    run_id,
                    _now(),
                    json.dumps(list(inputs)),
                    versions.get("eventwire"),
                    json.dumps(versions, sort_keys=True),
                ],
            )
        return run_id

    def finish_run(self, run_id: int, *, status: str, counts: dict[str, Any]) -> None:
        self.backend.execute(
            "UPDATE ingest_runs SET finished_at = ?, status = ?, articles_added = ?,"
            " articles_replaced = ?, articles_unchanged = ?, problems = ?, seconds = ?"
            " WHERE run_id = ?",
            [
                _now(),
                status,
                counts.get("added", 0),
                counts.get("replaced", 0),
                counts.get("unchanged", 0),
                counts.get("problems", 0),
                counts.get("seconds", 0.0),
                run_id,
            ],
        )

    def record_problem(
        self, run_id: int | None, error: EventwireError, *, stage: str = "input"
    ) -> None:
        """Keep a problem (an input that could not be read, a URL that failed) in ``errors``."""
        self.backend.execute(
            "INSERT INTO errors (error_id, run_id, article_id, code, location, message,"
            " sentence_index, stage, created_at)"
            " VALUES (nextval('error_ids'), ?, NULL, ?, ?, ?, NULL, ?, ?)",
            [run_id, error.code, error.where, error.message, stage, _now()],
        )

    # -- articles -------------------------------------------------------------------------------
    def stored_versions(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``{article_id: (content_hash, coding_stamp)}`` for those of the ids already stored."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            _, rows = self.backend.query(
                "SELECT article_id, content_hash, coding_stamp FROM articles"
                f" WHERE article_id IN ({_placeholders(len(chunk))})",
                chunk,
            )
            found.update({row[0]: (row[1], row[2]) for row in rows})
        return found

    def write_records(
        self,
        records: Sequence[dict[str, Any]],
        *,
        versions: dict[str, Any],
        stamp: str,
        run_id: int | None = None,
        sentences: Sequence[Sequence[tuple[int, int]] | None] | None = None,
    ) -> tuple[int, int]:
        """Store coded records in one transaction, replacing earlier rows of the same articles.

        ``sentences`` (optional, one list per record) gives each sentence's character span.
        Returns ``(added, replaced)``.
        """
        if not records:
            return 0, 0
        by_id: dict[str, int] = {}
        for position, record in enumerate(records):
            by_id[record["article"]["id"]] = position  # the last of duplicate ids wins
        chosen = sorted(by_id.values())
        ids = [records[i]["article"]["id"] for i in chosen]
        article_rows, actor_rows, event_rows, quote_rows, place_rows = [], [], [], [], []
        sentence_rows: list[list[Any]] = []
        error_rows: list[list[Any]] = []
        now = _now()
        for i in chosen:
            record = records[i]
            article_id = record["article"]["id"]
            article_rows.append(
                R.article_row(record, versions=versions, stamp=stamp, run_id=run_id)
            )
            actor_rows += R.actor_rows(record)
            event_rows += R.event_rows(record)
            quote_rows += R.quote_rows(record)
            place_rows += R.place_rows(record)
            spans = sentences[i] if sentences is not None else None
            for index, (start, end) in enumerate(spans or []):
                sentence_rows.append([article_id, index, start, end])
            for error in record.get("errors", []):
                error_rows.append(
                    [
                        run_id,
                        article_id,
                        error.get("code") or "E400",
                        record["article"].get("path"),
                        error.get("message") or "",
                        error.get("sentence_index"),
                        now,
                    ]
                )
        marks = _placeholders(len(ids))
        with self.backend.transaction():
            _, existing = self.backend.query(
                f"SELECT article_id FROM articles WHERE article_id IN ({marks})", ids
            )
            old_ids = [row[0] for row in existing]
            if old_ids:  # replace: drop every row of the earlier coding first
                old_marks = _placeholders(len(old_ids))
                for table in (*ARTICLE_TABLES, "articles"):
                    self.backend.execute(
                        f"DELETE FROM {table} WHERE article_id IN ({old_marks})", old_ids
                    )
                self.backend.execute(
                    f"DELETE FROM errors WHERE stage = 'coding' AND article_id IN ({old_marks})",
                    old_ids,
                )
            self.backend.executemany(_insert_sql("articles", R.ARTICLE_COLUMNS), article_rows)
            self.backend.executemany(_insert_sql("actors", R.ACTOR_COLUMNS), actor_rows)
            self.backend.executemany(_insert_sql("events", R.EVENT_COLUMNS), event_rows)
            self.backend.executemany(_insert_sql("quotes", R.QUOTE_COLUMNS), quote_rows)
            self.backend.executemany(_insert_sql("places", R.PLACE_COLUMNS), place_rows)
            self.backend.executemany(_insert_sql("sentences", R.SENTENCE_COLUMNS), sentence_rows)
            self.backend.executemany(
                "INSERT INTO errors (error_id, run_id, article_id, code, location, message,"
                " sentence_index, stage, created_at)"
                " VALUES (nextval('error_ids'), ?, ?, ?, ?, ?, ?, 'coding', ?)",
                error_rows,
            )
            self._set("clusters_stale", "1")
        replaced = len(existing)
        return len(ids) - replaced, replaced

    def delete_articles(self, article_ids: Sequence[str]) -> None:
        ids = list(article_ids)
        if not ids:
            return
        marks = _placeholders(len(ids))
        with self.backend.transaction():
            for table in (*ARTICLE_TABLES, "articles"):
                self.backend.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", ids)
            self._set("clusters_stale", "1")

    # -- clusters -------------------------------------------------------------------------------
    def clusters_stale(self) -> bool:
        return self.setting("clusters_stale") == "1"

    def update_clusters(self, *, window_days: int | None = None, min_overlap: float | None = None):
        """Recompute event clusters over the whole store (one transaction). Returns the count."""
        from eventwire.analysis.dedup import MIN_OVERLAP, WINDOW_DAYS, cluster_reports

        window = WINDOW_DAYS if window_days is None else window_days
        threshold = MIN_OVERLAP if min_overlap is None else min_overlap
        reports, details = self._cluster_inputs()
        clusters = cluster_reports(reports, window_days=window, min_overlap=threshold)
        cluster_rows, member_rows = [], []
        for cluster in clusters:
            rep = cluster.representative
            info = details[rep.uid]
            counts = cluster.counts()
            cluster_rows.append(
                [
                    cluster.cluster_id,
                    rep.source_key,
                    rep.target_key,
                    info["source_country"],
                    info["target_country"],
                    rep.base_code,
                    rep.cameo,
                    info["root"],
                    info["goldstein"],
                    info["quad_class"],
                    cluster.first_date,
                    cluster.last_date,
                    counts["num_reports"],
                    counts["num_mentions"],
                    counts["num_articles"],
                    counts["num_sources"],
                    rep.uid,
                ]
            )
            member_rows += [[m.uid, cluster.cluster_id] for m in cluster.members]
        with self.backend.transaction():
            self.backend.execute("DELETE FROM cluster_members")
            self.backend.execute("DELETE FROM event_clusters")
            self.backend.executemany(
                _insert_sql(
                    "event_clusters",
                    (
                        "cluster_id",
                        "source_key",
                        "target_key",
                        "source_country",
                        "target_country",
                        "base_code",
                        "cameo",
                        "root",
                        "goldstein",
                        "quad_class",
                        "first_date",
                        "last_date",
                        "num_reports",
                        "num_mentions",
                        "num_articles",
                        "num_sources",
                        "representative_uid",
                    ),
                ),
                cluster_rows,
            )
            self.backend.executemany(
                "INSERT INTO cluster_members (event_uid, cluster_id) VALUES (?, ?)", member_rows
            )
            self._set("clusters_stale", "0")
            self._set("cluster_rule", json.dumps({"window_days": window, "min_overlap": threshold}))
        return len(clusters)

    def _cluster_inputs(self) -> tuple[list[Any], dict[str, dict[str, Any]]]:
        from eventwire.analysis.dedup import Report, actor_key, evidence_words, news_source

        rows = self.dicts(
            "SELECT e.event_uid, e.article_id, e.event_index, e.date, e.sentence, e.cameo,"
            " e.trigger, e.root, e.goldstein, e.quad_class, e.sentence_indices,"
            " e.source_text, e.source_code, e.source_country, e.source_name,"
            " e.target_text, e.target_code, e.target_country, e.target_name,"
            " a.source AS news_source, a.url"
            " FROM events e JOIN articles a ON a.article_id = e.article_id"
        )
        reports, details = [], {}
        for row in rows:
            reports.append(
                Report(
                    uid=row["event_uid"],
                    article_id=row["article_id"],
                    event_index=row["event_index"],
                    date=R.to_date(row["date"]),
                    source_key=actor_key(
                        row["source_code"],
                        row["source_country"],
                        row["source_name"],
                        row["source_text"],
                    ),
                    target_key=actor_key(
                        row["target_code"],
                        row["target_country"],
                        row["target_name"],
                        row["target_text"],
                    ),
                    cameo=row["cameo"],
                    evidence=evidence_words(
                        row["sentence"], row["source_text"], row["target_text"]
                    ),
                    mentions=len(json.loads(row["sentence_indices"])),
                    news_source=news_source(row["news_source"], row["url"]),
                )
            )
            details[row["event_uid"]] = {
                "source_country": row["source_country"],
                "target_country": row["target_country"],
                "root": row["root"],
                "goldstein": row["goldstein"],
                "quad_class": row["quad_class"],
            }
        return reports, details

    # -- full records ---------------------------------------------------------------------------
    def iter_records(self, *, batch: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored article as a full record (the output contract), in article-id order."""
        ids = [row[0] for row in self.query("SELECT article_id FROM articles ORDER BY 1")[1]]
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            yield from self.records(chunk)

    def records(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        ids = list(article_ids)
        if not ids:
            return []
        marks = _placeholders(len(ids))

        def grouped(table: str, order: str) -> dict[str, list[dict[str, Any]]]:
            out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
            for row in self.dicts(
                f"SELECT * FROM {table} WHERE article_id IN ({marks}) ORDER BY article_id, {order}",
                ids,
            ):
                out[row["article_id"]].append(row)
            return out

        articles = {
            row["article_id"]: row
            for row in self.dicts(f"SELECT * FROM articles WHERE article_id IN ({marks})", ids)
        }
        actors = grouped("actors", "actor_index")
        events = grouped("events", "event_index")
        quotes = grouped("quotes", "quote_index")
        places = grouped("places", "place_index")
        errors = grouped("errors", "error_id")
        records = []
        for article_id in ids:
            if article_id not in articles:
                continue
            records.append(
                {
                    "article": R.article_from_row(articles[article_id]),
                    "actors": [R.actor_from_row(r) for r in actors[article_id]],
                    "events": [R.event_from_row(r) for r in events[article_id]],
                    "quotes": [R.quote_from_row(r) for r in quotes[article_id]],
                    "places": [R.place_from_row(r) for r in places[article_id]],
                    "errors": [
                        {
                            "code": r["code"],
                            "message": r["message"],
                            "sentence_index": r["sentence_index"],
                        }
                        for r in errors[article_id]
                        if r["stage"] == "coding"
                    ],
                }
            )
        return records


def _table(name: str) -> str:
    from eventwire.store.schema import TABLES

    if name not in TABLES:
        raise EventwireError(f"no table {name!r}", code="E506")
    return name


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (and create or migrate) the store at a DuckDB path or a ``postgresql://`` URL.

    ``read_only`` opens a DuckDB file without taking the writer's lock on the schema (for
    ``eventwire sql`` and other readers); PostgreSQL connections are always shared.
    """
    backend = open_backend(location or DEFAULT_DB, read_only=read_only)
    try:
        return Store(backend, read_only=read_only)
    except BaseException:
        backend.close()
        raise
