"""The PETRARCH unit-test scorer on hand-made cases whose right score is known."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate.petrarch import GoldRecord, read_gold, score_records


def record(id_, category, gold):
    return GoldRecord(id=id_, category=category, date=None, text="", gold=gold)


def test_perfect_prediction_scores_one():
    records = [record("A", "X", [("ARN", "GON", "050")]), record("B", "X", [])]
    total, exact, n, categories = score_records({"A": [("ARN", "GON", "050")], "B": []}, records)
    assert (total.tp, total.fp, total.fn) == (1, 0, 0)
    assert total.f1 == 1.0 and exact == n == 2
    assert categories["X"]["exact"] == 2


def test_partial_prediction_counts_each_triple_once():
    records = [
        record("A", "DEMO", [("ARN", "GON", "050"), ("GON", "ARN", "050")]),
        record("B", "VERB", [("ETH", "LBY", "057")]),
        record("C", "VERB", []),
    ]
    predicted = {
        "A": [("ARN", "GON", "050"), ("ARN", "GON", "050")],  # one right, one duplicate (fp)
        "B": [("ETH", "LBY", "040")],  # wrong code: a fp and a fn
        "C": [("ETH", "LBY", "010")],  # an event where there is none: fp
    }
    total, exact, n, categories = score_records(predicted, records)
    assert (total.tp, total.fp, total.fn) == (1, 3, 2)
    assert total.precision == pytest.approx(1 / 4)
    assert total.recall == pytest.approx(1 / 3)
    assert total.f1 == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    assert exact == 0 and n == 3
    assert (categories["VERB"]["prf"].fp, categories["VERB"]["records"]) == (2, 2)


def test_a_record_with_no_prediction_is_all_misses():
    total, exact, _, _ = score_records({}, [record("A", "X", [("ARN", "GON", "050")])])
    assert (total.tp, total.fp, total.fn, exact) == (0, 0, 1, 0)


def test_read_gold_skips_null_gold_and_normalises_dates(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [
        {
            "id": "A",
            "category": "DEMO",
            "date": "19950101",
            "text": "t",
            "gold_universalpetrarch_v2": [["ARN", "GON", "050"]],
        },
        {
            "id": "B",
            "category": "DEMO",
            "date": "19950101",
            "text": "t",
            "gold_universalpetrarch_v2": None,
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (only,) = read_gold(path)
    assert (only.id, only.date, only.gold) == ("A", "1995-01-01", [("ARN", "GON", "050")])
