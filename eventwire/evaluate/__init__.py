"""Scoring eventwire against gold sets: shared metrics and the report shape every scorer returns.

Each scorer (``petrarch``, ``plover``, ``quotes``) is a plain function returning a :class:`Report`;
``eventwire eval NAME`` prints its table, or its JSON with ``--json``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def match_multisets(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> PRF:
    """Score two bags of items: each gold item can be matched by one predicted item at most."""
    remaining: dict[Hashable, int] = {}
    for item in gold:
        remaining[item] = remaining.get(item, 0) + 1
    n_gold = sum(remaining.values())
    tp = fp = 0
    for item in predicted:
        if remaining.get(item, 0) > 0:
            remaining[item] -= 1
            tp += 1
        else:
            fp += 1
    return PRF(tp=tp, fp=fp, fn=n_gold - tp)


@dataclass
class Report:
    """What a scorer returns: headline metrics, breakdown rows, and notes on the setting."""

    name: str
    metrics: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)  # e.g. one per category
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "metrics": self.metrics, "rows": self.rows, "notes": self.notes}
