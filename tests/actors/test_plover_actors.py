"""The PLOVER gold-record scorer for actors (gold read from the shared folder at test time)."""

from __future__ import annotations

from eventwire.evaluate.plover_actors import evaluate


def test_plover_actor_scorer_on_first_records(nlp):
    report = evaluate(limit=40, nlp=nlp)
    metrics = report.metrics
    assert report.name == "plover_actors" and metrics["records"] == 40
    assert metrics["gold_actors"] >= 60
    assert metrics["country_accuracy"] >= 0.75  # 0.87 on all 322 records
    assert all(row["gold"] for row in report.rows)
