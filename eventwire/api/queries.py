"""The API's read queries. Every value a client sends travels as a bound parameter (``?``).

The only text spliced into SQL comes from fixed whitelists in this module (sort columns, period
names), never from a request. An actor is matched as in dyad timelines: a CAMEO code prefix or a
country (``RUS`` matches ``RUS``, ``RUSGOV`` and any actor whose country is RUS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from eventwire.store import rows as R
from eventwire.store.filters import actor_condition
from eventwire.store.store import Store

# sort key -> SQL expression (the only column names a request can choose)
EVENT_SORTS = {
    "date": "date",
    "goldstein": "goldstein",
    "confidence": "confidence",
    "cameo": "cameo",
    "quad_class": "quad_class",
    "article": "article_id",
}
ARTICLE_SORTS = {"date": "date", "title": "title", "words": "words"}
ACTOR_SORTS = {"mentions": "mentions", "articles": "articles", "code": "code"}
PERIODS = ("day", "week", "month", "quarter", "year")
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def like_pattern(text: str) -> str:
    """``%text%`` for ILIKE with the wildcards of ``text`` escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


ILIKE = "ILIKE ? ESCAPE '\\'"


def order_by(sort: str, allowed: dict[str, str], tiebreak: str) -> str:
    """``ORDER BY`` for ``sort`` (``name`` or ``-name`` for descending), from ``allowed`` only."""
    descending = sort.startswith("-")
    column = allowed[sort.lstrip("-")]  # KeyError never reaches here: the route validates sort
    direction = "DESC" if descending else "ASC"
    return f" ORDER BY {column} {direction} NULLS LAST, {tiebreak} ASC"


@dataclass
class EventFilter:
    """The filters of ``GET /events`` and of the events table."""

    actor: str | None = None
    side: str = "any"  # any, source, target
    partner: str | None = None
    cameo: str | None = None  # a code prefix: 19 or 190 or 1903
    root: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    q: str | None = None
    article_id: str | None = None
    min_confidence: float | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        actor = self.actor.upper() if self.actor else None
        partner = self.partner.upper() if self.partner else None
        if actor and partner:
            forward = f"({actor_condition('source')} AND {actor_condition('target')})"
            backward = forward
            if self.side == "source":
                clauses.append(forward)
                params += [actor, actor, partner, partner]
            elif self.side == "target":
                clauses.append(backward)
                params += [partner, partner, actor, actor]
            else:
                clauses.append(f"({forward} OR {backward})")
                params += [actor, actor, partner, partner, partner, partner, actor, actor]
        elif actor:
            if self.side == "source":
                clauses.append(actor_condition("source"))
                params += [actor, actor]
            elif self.side == "target":
                clauses.append(actor_condition("target"))
                params += [actor, actor]
            else:
                clauses.append(f"({actor_condition('source')} OR {actor_condition('target')})")
                params += [actor, actor, actor, actor]
        elif partner:
            clauses.append(f"({actor_condition('source')} OR {actor_condition('target')})")
            params += [partner, partner, partner, partner]
        if self.cameo:
            clauses.append("starts_with(cameo, ?)")
            params.append(self.cameo)
        if self.root:
            clauses.append("root = ?")
            params.append(self.root.zfill(2))
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(self.quad_class)
        if self.modality:
            clauses.append("modality = ?")
            params.append(self.modality)
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.q:
            pattern = like_pattern(self.q)
            clauses.append(
                f"(sentence {ILIKE} OR trigger {ILIKE} OR source_text {ILIKE}"
                f" OR target_text {ILIKE})"
            )
            params += [pattern] * 4
        if self.article_id:
            clauses.append("article_id = ?")
            params.append(self.article_id)
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"ok": True, "total": total, "limit": limit, "offset": offset, "items": items}


def _titles(store: Store, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    rows = store.dicts(
        "SELECT article_id, title, source, url FROM articles WHERE article_id = ANY(?)", [ids]
    )
    return {row["article_id"]: row for row in rows}


def event_item(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as the output contract's event, with where it comes from."""
    event = R.event_from_row(row)
    event["uid"] = row["event_uid"]
    event["article_id"] = row["article_id"]
    event["event_index"] = row["event_index"]
    event["date"] = R._date_text(row["date"])
    return event


def list_events(
    store: Store, filters: EventFilter, *, sort: str, limit: int, offset: int
) -> dict[str, Any]:
    where, params = filters.where()
    total = int(store.scalar(f"SELECT count(*) FROM events{where}", params))
    # Two steps: the page's keys first (reading only the filter and sort columns), then the full
    # rows of those keys alone, so a page costs little more than its count even over millions.
    # DuckDB's rowid is the cheap tiebreak and key; PostgreSQL uses the event's uid.
    key = "rowid" if store.kind == "duckdb" else "event_uid"
    _, keys = store.query(
        f"SELECT {key} FROM events{where}{order_by(sort, EVENT_SORTS, key)} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    uids = [value for (value,) in keys]
    rows_by_uid: dict[Any, dict[str, Any]] = {}
    if uids:
        found = store.query(f"SELECT {key} AS page_key, * FROM events WHERE {key} = ANY(?)", [uids])
        columns, rows = found
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            rows_by_uid[record.pop("page_key")] = record
    items = [event_item(rows_by_uid[uid]) for uid in uids if uid in rows_by_uid]
    titles = _titles(store, [item["article_id"] for item in items])
    for item in items:
        found = titles.get(item["article_id"], {})
        item["article_title"] = found.get("title")
        item["article_source"] = found.get("source")
    return _page(items, total, limit, offset)


# -- articles -----------------------------------------------------------------------------------


def list_articles(
    store: Store,
    *,
    q: str | None,
    source: str | None,
    since: dt.date | None,
    until: dt.date | None,
    sort: str,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    clauses, params = [], []
    if q:
        clauses.append(f"(title {ILIKE} OR text {ILIKE})")
        params += [like_pattern(q)] * 2
    if source:
        clauses.append("source = ?")
        params.append(source)
    if since:
        clauses.append("date >= ?")
        params.append(since)
    if until:
        clauses.append("date <= ?")
        params.append(until)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(store.scalar(f"SELECT count(*) FROM articles{where}", params))
    rows = store.dicts(
        "SELECT article_id, title, date, url, source, words, coded_at FROM articles"
        f"{where}{order_by(sort, ARTICLE_SORTS, 'article_id')} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    ids = [row["article_id"] for row in rows]
    counts: dict[str, dict[str, int]] = {i: {"events": 0, "quotes": 0, "actors": 0} for i in ids}
    if ids:
        marks = ", ".join("?" * len(ids))
        for table in ("events", "quotes", "actors"):
            _, found = store.query(
                f"SELECT article_id, count(*) FROM {table} WHERE article_id IN ({marks})"
                " GROUP BY article_id",
                ids,
            )
            for article_id, n in found:
                counts[article_id][table] = int(n)
    items = [
        {
            "id": row["article_id"],
            "title": row["title"],
            "date": R._date_text(row["date"]),
            "url": row["url"],
            "source": row["source"],
            "words": row["words"],
            **counts[row["article_id"]],
        }
        for row in rows
    ]
    return _page(items, total, limit, offset)


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The full stored record of one article (the output contract), or None."""
    records = store.records([article_id])
    if not records:
        return None
    record = records[0]
    _, rows = store.query(
        "SELECT event_index, event_uid FROM events WHERE article_id = ? ORDER BY event_index",
        [article_id],
    )
    for event, (_, uid) in zip(record["events"], rows, strict=False):
        event["uid"] = uid
    return record


# -- quotes -------------------------------------------------------------------------------------


def list_quotes(
    store: Store,
    *,
    speaker: str | None,
    kind: str | None,
    q: str | None,
    article_id: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    clauses, params = [], []
    if speaker:
        clauses.append(f"(starts_with(coalesce(q.speaker_code, ''), ?) OR q.speaker_name {ILIKE})")
        params += [speaker.upper(), like_pattern(speaker)]
    if kind:
        clauses.append("q.kind = ?")
        params.append(kind)
    if q:
        clauses.append(f"q.text {ILIKE}")
        params.append(like_pattern(q))
    if article_id:
        clauses.append("q.article_id = ?")
        params.append(article_id)
    if since:
        clauses.append("a.date >= ?")
        params.append(since)
    if until:
        clauses.append("a.date <= ?")
        params.append(until)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    source = " FROM quotes q JOIN articles a ON a.article_id = q.article_id"
    total = int(store.scalar(f"SELECT count(*){source}{where}", params))
    rows = store.dicts(
        f"SELECT q.*, a.date AS article_date, a.title AS article_title{source}{where}"
        " ORDER BY a.date DESC NULLS LAST, q.article_id, q.quote_index LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = []
    for row in rows:
        quote = R.quote_from_row(row)
        quote["article_id"] = row["article_id"]
        quote["quote_index"] = row["quote_index"]
        quote["date"] = R._date_text(row["article_date"])
        quote["article_title"] = row["article_title"]
        items.append(quote)
    return _page(items, total, limit, offset)


# -- actors -------------------------------------------------------------------------------------


def list_actors(
    store: Store, *, q: str | None, sort: str, limit: int, offset: int
) -> dict[str, Any]:
    clauses, params = ["code IS NOT NULL"], []
    if q:
        clauses.append(f"(starts_with(code, ?) OR name {ILIKE})")
        params += [q.upper(), like_pattern(q)]
    where = " WHERE " + " AND ".join(clauses)
    grouped = (
        "SELECT code, min(name) AS name, min(country) AS country, min(kind) AS kind,"
        f" count(*) AS mentions, count(DISTINCT article_id) AS articles FROM actors{where}"
        " GROUP BY code"
    )
    total = int(store.scalar(f"SELECT count(*) FROM ({grouped}) t", params))
    rows = store.dicts(
        f"SELECT * FROM ({grouped}) t{order_by(sort, ACTOR_SORTS, 'code')} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    codes = [row["code"] for row in rows]
    names = common_names(store, codes)
    for row in rows:
        row["name"] = names.get(row["code"], row["name"])
    as_source = _count_by(store, "source_code", codes)
    as_target = _count_by(store, "target_code", codes)
    for row in rows:
        row["mentions"] = int(row["mentions"])
        row["articles"] = int(row["articles"])
        row["events_as_source"] = as_source.get(row["code"], 0)
        row["events_as_target"] = as_target.get(row["code"], 0)
    return _page(rows, total, limit, offset)


def common_names(store: Store, codes: list[str]) -> dict[str, str]:
    """The name each code is most often given in the actors table."""
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    _, rows = store.query(
        "SELECT code, name, count(*) AS n FROM actors"
        f" WHERE code IN ({marks}) AND name IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 2",
        codes,
    )
    best: dict[str, str] = {}
    for code, name, _ in rows:
        best.setdefault(code, name)
    return best


def _count_by(store: Store, column: str, codes: list[str]) -> dict[str, int]:
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    # column is one of two fixed names chosen by the caller above
    _, rows = store.query(
        f"SELECT {column}, count(*) FROM events WHERE {column} IN ({marks}) GROUP BY 1", codes
    )
    return {code: int(n) for code, n in rows}


def actor_profile(store: Store, actor: str) -> dict[str, Any]:
    """An actor's mentions, events as source and target by root, and its partners."""
    actor = actor.upper()
    info = store.dicts(
        "SELECT min(name) AS name, min(country) AS country, min(kind) AS kind,"
        " count(*) AS mentions, count(DISTINCT article_id) AS articles"
        " FROM actors WHERE starts_with(coalesce(code, ''), ?) OR country = ?",
        [actor, actor],
    )[0]
    name = common_names(store, [actor]).get(actor)
    if name is None:  # a prefix or a country: the name of its most mentioned code
        _, top = store.query(
            "SELECT name, count(*) FROM actors WHERE (starts_with(coalesce(code, ''), ?)"
            " OR country = ?) AND name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
            [actor, actor],
        )
        name = top[0][0] if top else None
    side_counts = {}
    for side in ("source", "target"):
        _, rows = store.query(
            f"SELECT root, count(*), avg(goldstein) FROM events WHERE {actor_condition(side)}"
            " GROUP BY root ORDER BY root",
            [actor, actor],
        )
        side_counts[side] = [
            {
                "root": root,
                "events": int(n),
                "goldstein_mean": round(g, 3) if g is not None else None,
            }
            for root, n, g in rows
        ]
    partners = store.dicts(
        "SELECT partner, count(*) AS events, avg(goldstein) AS goldstein_mean,"
        " sum(CASE WHEN outgoing THEN 1 ELSE 0 END) AS as_source,"
        " sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS conflict FROM ("
        " SELECT coalesce(target_code, target_country) AS partner, goldstein, quad_class,"
        f" TRUE AS outgoing FROM events WHERE {actor_condition('source')}"
        " UNION ALL"
        " SELECT coalesce(source_code, source_country) AS partner, goldstein, quad_class,"
        f" FALSE AS outgoing FROM events WHERE {actor_condition('target')}"
        ") t WHERE partner IS NOT NULL AND NOT starts_with(partner, ?)"
        " GROUP BY partner ORDER BY events DESC, partner LIMIT 30",
        [actor, actor, actor, actor, actor],
    )
    for row in partners:
        row["events"] = int(row["events"])
        row["as_source"] = int(row["as_source"] or 0)
        row["as_target"] = row["events"] - row["as_source"]
        row["conflict"] = int(row["conflict"] or 0)
        mean = row["goldstein_mean"]
        row["goldstein_mean"] = round(float(mean), 3) if mean is not None else None
    quotes = int(
        store.scalar(
            "SELECT count(*) FROM quotes WHERE starts_with(coalesce(speaker_code, ''), ?)",
            [actor],
        )
    )
    return {
        "ok": True,
        "actor": actor,
        "name": name,
        "country": info["country"],
        "kind": info["kind"],
        "mentions": int(info["mentions"] or 0),
        "articles": int(info["articles"] or 0),
        "quotes": quotes,
        "events_as_source": sum(r["events"] for r in side_counts["source"]),
        "events_as_target": sum(r["events"] for r in side_counts["target"]),
        "roots_as_source": side_counts["source"],
        "roots_as_target": side_counts["target"],
        "partners": partners,
    }


# -- overview -----------------------------------------------------------------------------------


def choose_period(first: dt.date | None, last: dt.date | None) -> str:
    """A period that gives a readable number of bars for the stored date range."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    if days > 3 * 365:
        return "quarter"
    if days > 120:
        return "month"
    if days > 21:
        return "week"
    return "day"


def top_dyads(store: Store, *, limit: int, since: dt.date | None = None) -> list[dict[str, Any]]:
    """The most active undirected country-level dyads (the actor's code when it has no country)."""
    params: list[Any] = []
    since_clause = ""
    if since:
        since_clause = " AND date >= ?"
        params.append(since)
    rows = store.dicts(
        "SELECT least(a, b) AS actor_a, greatest(a, b) AS actor_b, count(*) AS events,"
        " avg(goldstein) AS goldstein_mean,"
        " sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS conflict FROM ("
        " SELECT coalesce(source_country, source_code) AS a,"
        " coalesce(target_country, target_code) AS b, goldstein, quad_class FROM events"
        f" WHERE TRUE{since_clause}) t"
        " WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b"
        " GROUP BY 1, 2 ORDER BY events DESC, actor_a, actor_b LIMIT ?",
        [*params, limit],
    )
    for row in rows:
        row["events"] = int(row["events"])
        row["conflict"] = int(row["conflict"] or 0)
        mean = row["goldstein_mean"]
        row["goldstein_mean"] = round(float(mean), 3) if mean is not None else None
    return rows


def overview(store: Store, *, period: str | None, dyads: int) -> dict[str, Any]:
    counts = {
        table: int(store.scalar(f"SELECT count(*) FROM {table}"))
        for table in ("articles", "events", "quotes", "actors", "event_clusters")
    }
    counts["actor_codes"] = int(
        store.scalar("SELECT count(DISTINCT code) FROM actors WHERE code IS NOT NULL")
    )
    _, span = store.query("SELECT min(date), max(date) FROM events")
    first, last = (R.to_date(v) for v in span[0]) if span else (None, None)
    chosen = period if period in PERIODS else choose_period(first, last)
    # chosen is one of PERIODS: a fixed word, never request text, inside the SQL
    _, rows = store.query(
        f"SELECT CAST(date_trunc('{chosen}', date) AS DATE) AS period, quad_class, count(*)"
        " FROM events WHERE date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    )
    series: dict[str, dict[str, int]] = {}
    for day, quad, n in rows:
        key = R._date_text(day) or ""
        bucket = series.setdefault(key, {"1": 0, "2": 0, "3": 0, "4": 0, "none": 0})
        bucket[str(quad) if quad in (1, 2, 3, 4) else "none"] += int(n)
    _, roots = store.query(
        "SELECT root, count(*) FROM events GROUP BY root ORDER BY 2 DESC, 1 LIMIT 20"
    )
    _, modalities = store.query(
        "SELECT modality, count(*) FROM events GROUP BY modality ORDER BY 2 DESC"
    )
    return {
        "ok": True,
        "counts": counts,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        "period": chosen,
        "events_over_time": [{"period": k, **v} for k, v in series.items()],
        "quad_classes": {str(k): v for k, v in QUAD_NAMES.items()},
        "roots": [{"root": r, "events": int(n)} for r, n in roots],
        "modalities": [{"modality": m, "events": int(n)} for m, n in modalities],
        "top_dyads": top_dyads(store, limit=dyads),
    }


def event_locations(store: Store, *, limit: int) -> list[dict[str, Any]]:
    """Events that carry a location with coordinates (for the map), newest first."""
    import json

    _, rows = store.query(
        "SELECT event_uid, article_id, cameo, quad_class, location FROM events"
        " WHERE location IS NOT NULL ORDER BY date DESC NULLS LAST, event_uid LIMIT ?",
        [limit],
    )
    points = []
    for uid, article_id, cameo, quad, location in rows:
        try:
            place = json.loads(location)
        except ValueError:
            continue
        if not isinstance(place, dict):
            continue
        lat, lon = place.get("lat"), place.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            points.append(
                {
                    "uid": uid,
                    "article_id": article_id,
                    "cameo": cameo,
                    "quad_class": quad,
                    "name": place.get("name"),
                    "lat": lat,
                    "lon": lon,
                }
            )
    return points
