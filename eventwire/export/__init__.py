"""Exports from the store: GDELT 2.0 (events + mentions), CSV, Parquet, PLOVER JSONL, full JSONL.

Every file is written to a temporary name in the target folder and renamed into place only when
complete, so an export that fails half way never leaves a half-written file under its final name.

- ``gdelt``: ``OUT`` (61 GDELT 2.0 event columns, tab-separated, one row per cluster) and
  ``OUT``'s stem + ``.mentions`` + suffix (16 GDELT mention columns, one row per event report);
  see :mod:`eventwire.export.gdelt` for the columns filled and blanked.
- ``csv`` / ``parquet``: one table as stored (``events`` by default, any table with ``table=``).
- ``plover``: one PLOVER-style JSON object per event with a PLOVER type.
- ``jsonl``: one full record (the output contract) per stored article.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.files import write_atomic
from eventwire.store.errors import ExportError

FORMATS = ("gdelt", "csv", "parquet", "plover", "jsonl")
ORDER_BY = {
    "articles": "article_id",
    "sentences": "article_id, sentence_index",
    "actors": "article_id, actor_index",
    "events": "article_id, event_index",
    "quotes": "article_id, quote_index",
    "places": "article_id, place_index",
    "errors": "error_id",
    "event_clusters": "cluster_id",
    "cluster_members": "event_uid",
    "ingest_runs": "run_id",
    "schema_version": "version",
    "store_settings": "name",
}


def _write_atomic(path: Path, write: Any) -> None:
    write_atomic(path, write, error=_export_error(path))


def _export_error(path: Path) -> Any:
    def error(exc: OSError) -> ExportError:
        return ExportError(
            f"cannot write the export: {exc.strerror or exc}", code="E541", where=str(path)
        )

    return error


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return value


def _tsv_cell(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _write_lines(path: Path, lines: Iterable[str]) -> int:
    count = 0

    def write(tmp: Path) -> None:
        nonlocal count
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            for line in lines:
                handle.write(line)
                count += 1

    _write_atomic(path, write)
    return count


def _table_name(table: str) -> str:
    if table not in ORDER_BY:
        raise ExportError(
            f"no table {table!r}; tables are {', '.join(ORDER_BY)}", code="E542", where=table
        )
    return table


def table_rows(store: Any, table: str) -> tuple[list[str], list[tuple]]:
    table = _table_name(table)
    if table in ("event_clusters", "cluster_members") and store.clusters_stale():
        store.update_clusters()
    return store.query(f"SELECT * FROM {table} ORDER BY {ORDER_BY[table]}")


def export_csv(store: Any, output: Path, *, table: str = "events") -> int:
    columns, rows = table_rows(store, table)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            if buffer.tell() > 1 << 16:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    _write_lines(output, lines())
    return len(rows)


def export_parquet(store: Any, output: Path, *, table: str = "events") -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, rows = table_rows(store, table)
    data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
    arrays = []
    for name in columns:
        values = data[name]
        array = pa.array(values)
        if pa.types.is_null(array.type):
            array = pa.array(values, type=pa.string())
        arrays.append(array)
    arrow_table = pa.Table.from_arrays(arrays, names=columns)
    _write_atomic(output, lambda tmp: pq.write_table(arrow_table, tmp))
    return len(rows)


def plover_records(store: Any) -> Iterator[dict[str, Any]]:
    """PLOVER-style JSON objects, field names as in the PLOVER gold-standard records."""
    from eventwire import __version__

    rows = store.dicts(
        "SELECT e.*, a.source AS publication, a.url, a.title"
        " FROM events e JOIN articles a ON a.article_id = e.article_id"
        " WHERE e.plover_type IS NOT NULL ORDER BY e.article_id, e.event_index"
    )
    for row in rows:

        def actors(prefix: str, row: dict[str, Any] = row) -> list[dict[str, Any]]:
            if row[f"{prefix}_text"] is None:
                return []
            return [
                {
                    "actorText": row[f"{prefix}_text"],
                    "code": row[f"{prefix}_code"] or row[f"{prefix}_country"],
                    "country": row[f"{prefix}_country"],
                    "sector": row[f"{prefix}_sector"],
                    "name": row[f"{prefix}_name"],
                    "span": [row[f"{prefix}_start"], row[f"{prefix}_end"]],
                }
            ]

        date = row["date"]
        yield {
            "id": row["event_uid"],
            "date": date.isoformat() if date is not None else None,
            "source": actors("source"),
            "target": actors("target"),
            "event": row["plover_type"],
            "mode": row["plover_mode"],
            "context": None,
            "eventText": row["trigger"],
            "eventSpan": [row["start_char"], row["end_char"]],
            "text": row["sentence"],
            "sentenceIndex": row["sentence_index"],
            "articleId": row["article_id"],
            "url": row["url"],
            "publication": row["publication"],
            "cameo": row["cameo"],
            "goldstein": row["goldstein"],
            "modality": row["modality"],
            "quoted": row["quoted"],
            "confidence": row["confidence"],
            "language": "en",
            "coder": f"eventwire {__version__}",
            "location": json.loads(row["location"]) if row.get("location") else None,
        }


def _json_lines(objects: Iterable[dict[str, Any]]) -> Iterator[str]:
    for obj in objects:
        yield json.dumps(obj, ensure_ascii=False, default=str) + "\n"


def mentions_path(output: Path) -> Path:
    return output.with_name(f"{output.stem}.mentions{output.suffix or '.tsv'}")


def export_gdelt(store: Any, output: Path) -> tuple[int, int]:
    from eventwire.export.gdelt import event_rows, mention_rows

    def tsv(rows: Iterable[list[Any]]) -> Iterator[str]:
        for row in rows:
            yield "\t".join(_tsv_cell(v) for v in row) + "\n"

    events = _write_lines(output, tsv(event_rows(store)))
    mentions = _write_lines(mentions_path(output), tsv(mention_rows(store)))
    return events, mentions


def export(store: Any, fmt: str, output: Path, *, table: str = "events") -> dict[str, Any]:
    """Write one export; returns what was written (paths and row counts)."""
    output = Path(output)
    if fmt == "gdelt":
        events, mentions = export_gdelt(store, output)
        return {
            "format": fmt,
            "files": {str(output): events, str(mentions_path(output)): mentions},
        }
    if fmt == "csv":
        return {"format": fmt, "files": {str(output): export_csv(store, output, table=table)}}
    if fmt == "parquet":
        return {"format": fmt, "files": {str(output): export_parquet(store, output, table=table)}}
    if fmt == "plover":
        return {
            "format": fmt,
            "files": {str(output): _write_lines(output, _json_lines(plover_records(store)))},
        }
    if fmt == "jsonl":
        return {
            "format": fmt,
            "files": {str(output): _write_lines(output, _json_lines(store.iter_records()))},
        }
    raise ExportError(
        f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}", code="E542", where=fmt
    )


__all__ = ["FORMATS", "export", "mentions_path", "plover_records"]
