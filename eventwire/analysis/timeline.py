"""Dyad timelines: events per period between two actors, Goldstein, conflict share, tension.

An actor is given as a CAMEO code prefix or a country: ``RUS`` matches ``RUS``, ``RUSGOV``,
``RUSMIL`` and any actor whose country is RUS; ``IGOEUREEC`` matches the EU. By default both
directions count (A -> B and B -> A); ``directed=True`` keeps A -> B only.

By default the unit is the event *cluster* (reports of the same happening count once, see
:mod:`eventwire.analysis.dedup`), dated by its first report; ``count="reports"`` counts every
event row instead. The aggregation runs in the database (one GROUP BY query), so a timeline over
millions of events stays fast; empty periods are filled with zeros before the tension index and
the alerts are computed (:mod:`eventwire.analysis.tension`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from eventwire.analysis import tension as T
from eventwire.errors import EventwireError
from eventwire.store.filters import actor_condition

FREQUENCIES = ("day", "week", "month", "quarter", "year")
COUNTS = ("clusters", "reports")


@dataclass
class Period:
    period: dt.date
    events: int = 0
    goldstein_sum: float = 0.0
    goldstein_mean: float | None = None
    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    conflict_share: float | None = None  # (quad 3 + quad 4) / events
    tension: float = 0.0
    z: float | None = None
    alert: str | None = None  # "rise" / "fall" when the tension jumped

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["period"] = self.period.isoformat()
        for key in ("goldstein_sum", "goldstein_mean", "conflict_share", "tension", "z"):
            if out[key] is not None:
                out[key] = round(out[key], 4)
        return out


@dataclass
class Timeline:
    actor_a: str
    actor_b: str
    freq: str
    count: str
    directed: bool
    periods: list[Period] = field(default_factory=list)

    @property
    def alerts(self) -> list[Period]:
        return [p for p in self.periods if p.alert]

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_a": self.actor_a,
            "actor_b": self.actor_b,
            "freq": self.freq,
            "count": self.count,
            "directed": self.directed,
            "periods": [p.to_dict() for p in self.periods],
        }


def next_period(day: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return day + dt.timedelta(days=1)
    if freq == "week":
        return day + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    total = day.year * 12 + (day.month - 1) + months
    return dt.date(total // 12, total % 12 + 1, 1)


def period_start(day: dt.date, freq: str) -> dt.date:
    """The start of the period holding ``day`` (weeks start on Monday, as date_trunc does)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _actor_condition(side: str, table: str) -> str:
    return actor_condition(side, f"{side}_key" if table == "event_clusters" else None)


def timeline_query(
    a: str,
    b: str,
    *,
    freq: str,
    count: str,
    directed: bool,
    since: dt.date | None,
    until: dt.date | None,
) -> tuple[str, list[Any]]:
    """The GROUP BY query behind a timeline, with its parameters."""
    if freq not in FREQUENCIES:
        raise EventwireError(
            f"unknown frequency {freq!r}; use one of {', '.join(FREQUENCIES)}", code="E506"
        )
    if count not in COUNTS:
        raise EventwireError(f"unknown count {count!r}; use clusters or reports", code="E506")
    table, date_col = (
        ("event_clusters", "first_date") if count == "clusters" else ("events", "date")
    )
    forward = f"({_actor_condition('source', table)} AND {_actor_condition('target', table)})"
    params: list[Any] = [a, a, b, b]
    where = forward
    if not directed:
        where = f"({forward} OR ({_actor_condition('source', table)} AND "
        where += f"{_actor_condition('target', table)}))"
        params += [b, b, a, a]
    where += f" AND {date_col} IS NOT NULL"
    if since is not None:
        where += f" AND {date_col} >= ?"
        params.append(since)
    if until is not None:
        where += f" AND {date_col} <= ?"
        params.append(until)
    # freq is one of FREQUENCIES (checked above), never user text inside the SQL.
    sql = (
        f"SELECT CAST(date_trunc('{freq}', {date_col}) AS DATE) AS period, count(*) AS n,"
        " sum(goldstein) AS g_sum, avg(goldstein) AS g_mean,"
        " sum(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END) AS q1,"
        " sum(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END) AS q2,"
        " sum(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END) AS q3,"
        " sum(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) AS q4"
        f" FROM {table} WHERE {where} GROUP BY 1 ORDER BY 1"
    )
    return sql, params


def dyad_timeline(
    store: Any,
    a: str,
    b: str,
    *,
    freq: str = "week",
    count: str = "clusters",
    directed: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    window: int = T.WINDOW,
    threshold: float = T.THRESHOLD,
    min_periods: int = T.MIN_PERIODS,
) -> Timeline:
    """The timeline of the dyad ``a``-``b`` from a store (see the module docstring)."""
    if count == "clusters" and store.clusters_stale():
        store.update_clusters()
    sql, params = timeline_query(
        a, b, freq=freq, count=count, directed=directed, since=since, until=until
    )
    _, rows = store.query(sql, params)
    found: dict[dt.date, Period] = {}
    for period, n, g_sum, g_mean, q1, q2, q3, q4 in rows:
        day = _as_date(period)
        n = int(n)
        conflict = int(q3 or 0) + int(q4 or 0)
        found[day] = Period(
            period=day,
            events=n,
            goldstein_sum=float(g_sum or 0.0),
            goldstein_mean=float(g_mean) if g_mean is not None else None,
            verbal_cooperation=int(q1 or 0),
            material_cooperation=int(q2 or 0),
            verbal_conflict=int(q3 or 0),
            material_conflict=int(q4 or 0),
            conflict_share=conflict / n if n else None,
        )
    timeline = Timeline(actor_a=a, actor_b=b, freq=freq, count=count, directed=directed)
    if not found:
        return timeline
    first = period_start(since, freq) if since else min(found)
    last = period_start(until, freq) if until else max(found)
    day = first
    while day <= last:
        timeline.periods.append(found.get(day) or Period(period=day))
        day = next_period(day, freq)
    for p in timeline.periods:
        p.tension = T.tension(p.events, p.goldstein_sum)
    scores = T.rolling_z(
        [p.tension for p in timeline.periods], window=window, min_periods=min_periods
    )
    for p, z in zip(timeline.periods, scores, strict=True):
        p.z = z
        if z is not None and abs(z) >= threshold:
            p.alert = "rise" if z > 0 else "fall"
    return timeline
