"""Tension index, alerts and dyad timelines from a store (both backends)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from eventwire.analysis.tension import alerts, rolling_z, tension
from eventwire.analysis.timeline import dyad_timeline, next_period, period_start
from tests.store.helpers import Spec, make_record

VERSIONS = {"eventwire": "test"}


def test_tension_formula():
    assert tension(0, 0.0) == 0.0
    assert tension(1, -10.0) == pytest.approx(math.log(2) * 5)
    assert tension(10, -100.0) == pytest.approx(math.log(11) * 100 / 11)
    assert tension(4, 8.0) < 0  # cooperation
    assert tension(3, None) == 0.0


def test_rolling_z_and_alerts():
    calm = [1.0, 1.2, 0.8, 1.0, 1.1, 0.9]
    values = [*calm, 9.0, 1.0]
    scores = rolling_z(values, window=6, min_periods=4)
    assert scores[:4] == [None] * 4
    assert scores[6] > 5
    found = alerts(values, window=6, min_periods=4, threshold=2.0)
    # the return to calm is no alert: the spike itself widens the window's spread
    assert [(a.index, a.direction) for a in found] == [(6, "rise")]
    drop = alerts([5.0, 5.2, 4.8, 5.0, 5.1, 4.9, -3.0], window=6)
    assert [(a.index, a.direction) for a in drop] == [(6, "fall")]
    # a flat history: the std floor keeps a tiny change from raising an alert
    assert alerts([1.0] * 6 + [1.5], window=6) == []


def test_periods():
    assert period_start(date(2021, 12, 15), "week") == date(2021, 12, 13)  # a Monday
    assert period_start(date(2021, 11, 15), "quarter") == date(2021, 10, 1)
    assert next_period(date(2021, 12, 1), "month") == date(2022, 1, 1)
    assert next_period(date(2021, 10, 1), "quarter") == date(2022, 1, 1)


SENTENCES = [
    "Russia threatened Ukraine with troops at the border.",
    "Russia attacked Ukraine near the border town.",
    "Russia held talks with Ukraine in Minsk.",
    "Ukraine criticised Russia over the gas price.",
]


def _records():
    """Eight calm weeks of talks, then a week of threats and attacks from many outlets."""
    records = []
    for week in range(8):
        day = date(2021, 10, 4).toordinal() + 7 * week
        records.append(
            make_record(
                f"calm-{week}",
                date.fromordinal(day).isoformat(),
                SENTENCES,
                [Spec("Russia", "held talks", "Ukraine", "040", sentence=2)],
            )
        )
    for i in range(6):
        records.append(make_record(
            f"crisis-{i}", f"2021-11-{29 + i % 2}", SENTENCES,
            [Spec("Russia", "threatened", "Ukraine", "130"),
             Spec("Russia", "attacked", "Ukraine", "190", sentence=1),
             Spec("Ukraine", "criticised", "Russia", "111", sentence=3)],
            source=f"Outlet {i}",
        ))  # fmt: skip
    return records


def test_dyad_timeline_counts_clusters_and_alerts(store):
    store.write_records(_records(), versions=VERSIONS, stamp="s")
    timeline = dyad_timeline(store, "RUS", "UKR", freq="week", window=6, min_periods=4)
    weeks = [p.period for p in timeline.periods]
    assert weeks[0] == date(2021, 10, 4) and weeks[-1] == date(2021, 11, 29)
    assert len(weeks) == 9  # no gaps
    calm, crisis = timeline.periods[0], timeline.periods[-1]
    assert calm.events == 1 and calm.verbal_cooperation == 1 and calm.tension < 0
    # six articles report the same three happenings: three clusters, not eighteen reports
    assert crisis.events == 3
    assert crisis.conflict_share == 1.0
    assert crisis.goldstein_sum == pytest.approx(-4.4 - 10.0 - 2.0)
    assert crisis.tension == pytest.approx(tension(3, -16.4))
    assert [p.period for p in timeline.alerts] == [date(2021, 11, 29)]
    assert crisis.alert == "rise"

    reports = dyad_timeline(store, "RUS", "UKR", freq="week", count="reports")
    assert reports.periods[-1].events == 18
    directed = dyad_timeline(store, "RUS", "UKR", freq="week", count="reports", directed=True)
    assert directed.periods[-1].events == 12  # Ukraine -> Russia criticism left out
    reverse = dyad_timeline(store, "UKR", "RUS", freq="month", directed=True)
    assert [(p.period, p.events) for p in reverse.periods] == [(date(2021, 11, 1), 1)]


def test_timeline_bounds_and_codes(store):
    store.write_records(_records(), versions=VERSIONS, stamp="s")
    bounded = dyad_timeline(store, "RUS", "UKR", freq="week", since=date(2021, 11, 1),
                            until=date(2021, 11, 30))  # fmt: skip
    assert [p.period for p in bounded.periods] == [
        date(2021, 11, 1), date(2021, 11, 8), date(2021, 11, 15), date(2021, 11, 22),
        date(2021, 11, 29),
    ]  # fmt: skip
    assert dyad_timeline(store, "RUS", "GBR").periods == []
    as_dict = bounded.to_dict()
    assert as_dict["periods"][0]["period"] == "2021-11-01"


def test_timeline_refreshes_stale_clusters(store):
    store.write_records(_records()[:2], versions=VERSIONS, stamp="s")
    assert store.clusters_stale()
    assert len(dyad_timeline(store, "RUS", "UKR").periods) == 2
    assert not store.clusters_stale()
