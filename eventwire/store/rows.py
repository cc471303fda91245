"""Records (the JSON output contract) to table rows and back, losslessly.

Fields the contract may gain later travel in an ``extra`` JSON column, so exporting the full record
from the database gives back what was ingested.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

ARTICLE_FIELDS = ("id", "title", "date", "url", "source", "path", "text")
ACTOR_FIELDS = ("text", "span", "code", "country", "sector", "name", "kind", "rule", "antecedent")
REF_FIELDS = ("text", "span", "code", "country", "sector", "name")
EVENT_FIELDS = (
    "id",
    "sentence_index",
    "sentence_indices",
    "sentence",
    "span",
    "text",
    "source",
    "target",
    "cameo",
    "root",
    "goldstein",
    "quad_class",
    "plover",
    "modality",
    "quoted",
    "confidence",
    "rule",
    "location",
    "source_location",
    "target_location",
)
PLACE_FIELDS = (
    "text",
    "span",
    "name",
    "country",
    "fips",
    "admin1",
    "lat",
    "lon",
    "geonameid",
    "feature",
    "confidence",
    "rule",
    "role",
    "sentence_index",
)
QUOTE_FIELDS = ("text", "span", "kind", "cue", "cue_span", "speaker", "sentence_index", "rule")

ARTICLE_COLUMNS = (
    "article_id",
    "content_hash",
    "title",
    "date",
    "url",
    "source",
    "path",
    "text",
    "words",
    "eventwire_version",
    "coding_versions",
    "coding_stamp",
    "run_id",
    "coded_at",
    "extra",
)
ACTOR_COLUMNS = (
    "article_id",
    "actor_index",
    "text",
    "start_char",
    "end_char",
    "code",
    "country",
    "sector",
    "name",
    "kind",
    "rule",
    "antecedent",
    "extra",
)
EVENT_COLUMNS = (
    "event_uid",
    "article_id",
    "event_index",
    "event_id",
    "date",
    "sentence_index",
    "sentence_indices",
    "sentence",
    "start_char",
    "end_char",
    "trigger",
    "source_text",
    "source_start",
    "source_end",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "target_text",
    "target_start",
    "target_end",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "cameo",
    "root",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "modality",
    "quoted",
    "confidence",
    "rule",
    "location",
    "source_location",
    "target_location",
    "extra",
)
PLACE_COLUMNS = (
    "article_id",
    "place_index",
    "text",
    "start_char",
    "end_char",
    *PLACE_FIELDS[2:],
    "extra",
)
QUOTE_COLUMNS = (
    "article_id",
    "quote_index",
    "text",
    "start_char",
    "end_char",
    "kind",
    "cue",
    "cue_start",
    "cue_end",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "speaker_name",
    "speaker_code",
    "sentence_index",
    "rule",
    "extra",
)
SENTENCE_COLUMNS = ("article_id", "sentence_index", "start_char", "end_char")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_uid(article_id: str, event_index: int) -> str:
    return f"{article_id}:{event_index}"


def to_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _extra(obj: dict[str, Any], known: tuple[str, ...]) -> str | None:
    rest = {k: v for k, v in obj.items() if k not in known}
    return json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None


def _span(value: Any) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    return int(value[0]), int(value[1])


def _ref(prefix: str, ref: dict[str, Any] | None) -> list[Any]:
    if not ref:
        return [None] * 7
    start, end = _span(ref.get("span"))
    return [
        ref.get("text"),
        start,
        end,
        ref.get("code"),
        ref.get("country"),
        ref.get("sector"),
        ref.get("name"),
    ]


def article_row(
    record: dict[str, Any], *, versions: dict[str, Any], stamp: str, run_id: int | None
) -> list[Any]:
    article = record["article"]
    text = article["text"]
    return [
        article["id"],
        content_hash(text),
        article.get("title"),
        to_date(article.get("date")),
        article.get("url"),
        article.get("source"),
        article.get("path"),
        text,
        len(text.split()),
        versions.get("eventwire"),
        json.dumps(versions, sort_keys=True),
        stamp,
        run_id,
        dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        _extra(article, ARTICLE_FIELDS),
    ]


def actor_rows(record: dict[str, Any]) -> list[list[Any]]:
    article_id = record["article"]["id"]
    rows = []
    for index, actor in enumerate(record.get("actors", [])):
        start, end = _span(actor["span"])
        rows.append(
            [
                article_id,
                index,
                actor["text"],
                start,
                end,
                actor.get("code"),
                actor.get("country"),
                actor.get("sector"),
                actor.get("name"),
                actor.get("kind"),
                actor.get("rule"),
                actor.get("antecedent"),
                _extra(actor, ACTOR_FIELDS),
            ]
        )
    return rows


def event_rows(record: dict[str, Any]) -> list[list[Any]]:
    article = record["article"]
    date = to_date(article.get("date"))
    rows = []
    for index, event in enumerate(record.get("events", [])):
        start, end = _span(event["span"])
        plover = event.get("plover") or {}
        indices = event.get("sentence_indices") or [event["sentence_index"]]
        rows.append(
            [
                event_uid(article["id"], index),
                article["id"],
                index,
                event.get("id"),
                date,
                event["sentence_index"],
                json.dumps(indices),
                event.get("sentence"),
                start,
                end,
                event.get("text"),
                *_ref("source", event.get("source")),
                *_ref("target", event.get("target")),
                event["cameo"],
                event.get("root"),
                event.get("goldstein"),
                event.get("quad_class"),
                plover.get("type"),
                plover.get("mode"),
                event.get("modality"),
                event.get("quoted"),
                event.get("confidence"),
                event.get("rule"),
                _json_or_none(event.get("location")),
                _json_or_none(event.get("source_location")),
                _json_or_none(event.get("target_location")),
                _extra(event, EVENT_FIELDS),
            ]
        )
    return rows


def _json_or_none(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def place_rows(record: dict[str, Any]) -> list[list[Any]]:
    article_id = record["article"]["id"]
    rows = []
    for index, place in enumerate(record.get("places") or []):
        start, end = _span(place["span"])
        rows.append(
            [
                article_id,
                index,
                place["text"],
                start,
                end,
                *(place.get(name) for name in PLACE_FIELDS[2:]),
                _extra(place, PLACE_FIELDS),
            ]
        )
    return rows


def quote_rows(record: dict[str, Any]) -> list[list[Any]]:
    article_id = record["article"]["id"]
    rows = []
    for index, quote in enumerate(record.get("quotes", [])):
        start, end = _span(quote["span"])
        cue_start, cue_end = _span(quote.get("cue_span"))
        speaker = quote.get("speaker") or {}
        s_start, s_end = _span(speaker.get("span"))
        rows.append(
            [
                article_id,
                index,
                quote["text"],
                start,
                end,
                quote.get("kind"),
                quote.get("cue"),
                cue_start,
                cue_end,
                speaker.get("text"),
                s_start,
                s_end,
                speaker.get("name"),
                speaker.get("code"),
                quote.get("sentence_index"),
                quote.get("rule"),
                _extra(quote, QUOTE_FIELDS),
            ]
        )
    return rows


# -- back to records ----------------------------------------------------------------------------


def _merge_extra(obj: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        obj.update(json.loads(extra))
    return obj


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def article_from_row(row: dict[str, Any]) -> dict[str, Any]:
    article = {
        "id": row["article_id"],
        "title": row["title"],
        "date": _date_text(row["date"]),
        "url": row["url"],
        "source": row["source"],
        "path": row["path"],
        "text": row["text"],
    }
    return _merge_extra(article, row.get("extra"))


def actor_from_row(row: dict[str, Any]) -> dict[str, Any]:
    actor = {
        "text": row["text"],
        "span": [row["start_char"], row["end_char"]],
        "code": row["code"],
        "country": row["country"],
        "sector": row["sector"],
        "name": row["name"],
        "kind": row["kind"],
        "rule": row["rule"],
        "antecedent": row["antecedent"],
    }
    return _merge_extra(actor, row.get("extra"))


def _ref_from_row(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_text"] is None and row[f"{prefix}_start"] is None:
        return None
    return {
        "text": row[f"{prefix}_text"],
        "span": [row[f"{prefix}_start"], row[f"{prefix}_end"]],
        "code": row[f"{prefix}_code"],
        "country": row[f"{prefix}_country"],
        "sector": row[f"{prefix}_sector"],
        "name": row[f"{prefix}_name"],
    }


def event_from_row(row: dict[str, Any]) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": row["event_id"],
        "sentence_index": row["sentence_index"],
        "sentence_indices": json.loads(row["sentence_indices"]),
        "sentence": row["sentence"],
        "span": [row["start_char"], row["end_char"]],
        "text": row["trigger"],
        "source": _ref_from_row(row, "source"),
        "target": _ref_from_row(row, "target"),
        "cameo": row["cameo"],
        "root": row["root"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"]},
        "modality": row["modality"],
        "quoted": row["quoted"],
        "confidence": row["confidence"],
        "rule": row["rule"],
    }
    for name in ("location", "source_location", "target_location"):
        if name in row:
            event[name] = json.loads(row[name]) if row[name] is not None else None
    return _merge_extra(event, row.get("extra"))


def place_from_row(row: dict[str, Any]) -> dict[str, Any]:
    place = {"text": row["text"], "span": [row["start_char"], row["end_char"]]}
    place.update({name: row[name] for name in PLACE_FIELDS[2:]})
    return _merge_extra(place, row.get("extra"))


def quote_from_row(row: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if row["speaker_text"] is not None or row["speaker_start"] is not None:
        speaker = {
            "text": row["speaker_text"],
            "span": [row["speaker_start"], row["speaker_end"]],
            "name": row["speaker_name"],
            "code": row["speaker_code"],
        }
    quote = {
        "text": row["text"],
        "span": [row["start_char"], row["end_char"]],
        "kind": row["kind"],
        "cue": row["cue"],
        "cue_span": [row["cue_start"], row["cue_end"]] if row["cue_start"] is not None else None,
        "speaker": speaker,
        "sentence_index": row["sentence_index"],
        "rule": row["rule"],
    }
    return _merge_extra(quote, row.get("extra"))
