"""GDELT 2.0 event and mention files from the store.

Events file: one row per event *cluster* (GDELT's rows are de-duplicated events), the 61 columns of
the GDELT 2.0 event table, tab-separated, no header, in GDELT's order. eventwire fills:

- GLOBALEVENTID (a stable integer from the cluster id), SQLDATE, MonthYear, Year, FractionDate
  (from the first report's article date);
- Actor1/Actor2 Code, Name, CountryCode, KnownGroupCode (IGO codes such as NATO, IGOEUREEC),
  Type1Code (the CAMEO sector: GOV, MIL, ...);
- IsRootEvent (1 when the representative report lies in the first three sentences: headline and
  lead), EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale;
- NumMentions, NumSources, NumArticles (over the whole store, see the de-duplication rule);
- Actor1Geo_*, Actor2Geo_*, ActionGeo_* from the event's ``source_location``,
  ``target_location`` and ``location`` (the places stage): Type, FullName, CountryCode (FIPS),
  ADM1Code, Lat, Long, FeatureID (GeoNames id);
- DATEADDED (when the article was stored, YYYYMMDDHHMMSS), SOURCEURL (the representative's URL,
  else its article id).

Left blank: Actor EthnicCode, Religion1Code, Religion2Code, Type2Code, Type3Code, AvgTone, the
ADM2Code columns, and every geo column of an event without that location.

Mentions file (GDELT 2.0 mentions table, 16 columns): one row per event report: GLOBALEVENTID,
EventTimeDate, MentionTimeDate, MentionType (1 = web), MentionSourceName, MentionIdentifier (URL
or article id), SentenceID (1-based, as GDELT), Actor1CharOffset, Actor2CharOffset,
ActionCharOffset (character offsets into the article text; -1 when there is no such actor),
InRawText (1), Confidence (0-100), MentionDocLen (characters), MentionDocTone and
MentionDocTranslationInfo blank, Extras (``article_id=...;event_uid=...;sentences=...``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

EVENT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *[
        f"Actor{n}{name}"
        for n in (1, 2)
        for name in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ],
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *[
        f"{who}Geo_{name}"
        for who in ("Actor1", "Actor2", "Action")
        for name in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ],
    "DATEADDED",
    "SOURCEURL",
]
MENTION_COLUMNS = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]
assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16

KNOWN_GROUP_PREFIXES = ("IGO", "NGO", "MNC", "NATO")


def global_event_id(cluster_id: str) -> int:
    """A stable positive integer (< 2**53, safe in any JSON or spreadsheet) from a cluster id."""
    return int(cluster_id[:13], 16)


def _date_parts(day: dt.date | None) -> list[Any]:
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction:.4f}"]


def _actor(prefix: str, row: dict[str, Any]) -> list[Any]:
    code = row[f"{prefix}_code"] or ""
    name = row[f"{prefix}_name"] or row[f"{prefix}_text"] or ""
    group = code if code.startswith(KNOWN_GROUP_PREFIXES) else ""
    return [
        code,
        name.upper(),
        row[f"{prefix}_country"] or "",
        group,
        "",
        "",
        "",
        row[f"{prefix}_sector"] or "",
        "",
        "",
    ]


def _geo(location: str | None) -> list[Any]:
    """The 8 GDELT geo columns from a place record (the places stage's JSON), else blanks.

    Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1). CountryCode is
    FIPS 10-4 (GDELT's), ADM1Code is FIPS + the first-level code, FeatureID the GeoNames id.
    """
    blank: list[Any] = [""] * 8
    if not location:
        return blank
    try:
        place = json.loads(location)
    except ValueError:
        return blank
    if not isinstance(place, dict):
        return blank
    feature = place.get("feature")
    in_us = place.get("country") == "USA"
    if feature == "country":
        geo_type: Any = 1
    elif feature == "admin1":
        geo_type = 2 if in_us else 5
    elif place.get("lat") is not None:
        geo_type = 3 if in_us else 4
    else:
        geo_type = ""
    fips = place.get("fips") or ""
    admin1 = place.get("admin1") or ""
    lat, lon = place.get("lat"), place.get("lon")
    return [
        geo_type,
        place.get("name") or "",
        fips,
        f"{fips}{admin1}" if fips and admin1 else fips,
        "",
        "" if lat is None else lat,
        "" if lon is None else lon,
        place.get("geonameid") or "",
    ]


def _stamp(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d000000")
    return ""


def _to_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


EVENT_SQL = (
    "SELECT c.cluster_id, c.first_date, c.num_mentions, c.num_sources, c.num_articles,"
    " e.*, a.url AS article_url, a.coded_at"
    " FROM event_clusters c"
    " JOIN events e ON e.event_uid = c.representative_uid"
    " JOIN articles a ON a.article_id = e.article_id"
    " ORDER BY c.first_date, c.cluster_id"
)

MENTION_SQL = (
    "SELECT m.cluster_id, c.first_date, e.*, a.url AS article_url, a.source AS news_source,"
    " a.date AS article_date, a.coded_at, length(a.text) AS doc_len"
    " FROM cluster_members m"
    " JOIN event_clusters c ON c.cluster_id = m.cluster_id"
    " JOIN events e ON e.event_uid = m.event_uid"
    " JOIN articles a ON a.article_id = e.article_id"
    " ORDER BY c.first_date, m.cluster_id, e.event_uid"
)


def event_rows(store: Any) -> Iterator[list[Any]]:
    if store.clusters_stale():
        store.update_clusters()
    for row in store.dicts(EVENT_SQL):
        cameo = row["cameo"] or ""
        yield [
            global_event_id(row["cluster_id"]),
            *_date_parts(_to_date(row["first_date"])),
            *_actor("source", row),
            *_actor("target", row),
            1 if row["sentence_index"] is not None and row["sentence_index"] < 3 else 0,
            cameo,
            cameo[:3],
            row["root"] or cameo[:2],
            row["quad_class"] if row["quad_class"] is not None else "",
            row["goldstein"] if row["goldstein"] is not None else "",
            row["num_mentions"],
            row["num_sources"],
            row["num_articles"],
            "",
            *_geo(row.get("source_location")),
            *_geo(row.get("target_location")),
            *_geo(row.get("location")),
            _stamp(row["coded_at"]),
            row["article_url"] or row["article_id"],
        ]


def mention_rows(store: Any) -> Iterator[list[Any]]:
    from eventwire.analysis.dedup import news_source

    if store.clusters_stale():
        store.update_clusters()
    for row in store.dicts(MENTION_SQL):
        event_day = _to_date(row["first_date"])
        mention_day = _to_date(row["article_date"])
        confidence = row["confidence"]
        yield [
            global_event_id(row["cluster_id"]),
            event_day.strftime("%Y%m%d000000") if event_day else "",
            mention_day.strftime("%Y%m%d000000") if mention_day else "",
            1,
            news_source(row["news_source"], row["article_url"]),
            row["article_url"] or row["article_id"],
            row["sentence_index"] + 1,
            row["source_start"] if row["source_start"] is not None else -1,
            row["target_start"] if row["target_start"] is not None else -1,
            row["start_char"],
            1,
            round(confidence * 100) if confidence is not None else "",
            row["doc_len"],
            "",
            "",
            f"article_id={row['article_id']};event_uid={row['event_uid']};"
            f"sentences={','.join(str(i) for i in json.loads(row['sentence_indices']))}",
        ]
