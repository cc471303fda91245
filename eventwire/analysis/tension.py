"""The tension index of a dyad and the alerts raised when it jumps.

For each period of a dyad timeline with ``n`` events (clusters by default) whose Goldstein values
sum to ``G`` (an event without a Goldstein value counts as 0):

    tension = ln(1 + n) * ( -G / (n + 1) )

``-G / (n + 1)`` is the mean Goldstein value, sign flipped so that hostility is positive, and shrunk
towards 0 when there are few events (one event at -10 gives 5, ten give 9.1); ``ln(1 + n)`` lets a
busy period weigh more than a quiet one with the same mean, without letting volume alone dominate.
Cooperation gives negative values; an empty period gives 0.

An alert marks a period whose tension lies at least ``threshold`` standard deviations from the
mean of the ``window`` periods before it (a rolling z-score; at least ``min_periods`` earlier
periods are needed, and the standard deviation is floored at ``min_std`` so that a flat history
does not turn every small change into an alert).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 8
THRESHOLD = 2.0
MIN_PERIODS = 4
MIN_STD = 1.0


def tension(events: int, goldstein_sum: float | None) -> float:
    """The tension index of one period (see the module docstring)."""
    if events <= 0:
        return 0.0
    return math.log1p(events) * (-(goldstein_sum or 0.0) / (events + 1))


@dataclass(frozen=True)
class Alert:
    index: int  # position in the series
    z: float
    direction: str  # "rise" or "fall"


def rolling_z(
    values: Sequence[float],
    *,
    window: int = WINDOW,
    min_periods: int = MIN_PERIODS,
    min_std: float = MIN_STD,
) -> list[float | None]:
    """z-score of each value against the ``window`` values before it (None while too few)."""
    scores: list[float | None] = []
    for i, value in enumerate(values):
        history = values[max(0, i - window) : i]
        if len(history) < min_periods:
            scores.append(None)
            continue
        mean = sum(history) / len(history)
        std = math.sqrt(sum((v - mean) ** 2 for v in history) / len(history))
        scores.append((value - mean) / max(std, min_std))
    return scores


def alerts(
    values: Sequence[float],
    *,
    window: int = WINDOW,
    threshold: float = THRESHOLD,
    min_periods: int = MIN_PERIODS,
    min_std: float = MIN_STD,
) -> list[Alert]:
    """The periods whose rolling z-score reaches ``threshold`` in either direction."""
    found = []
    scores = rolling_z(values, window=window, min_periods=min_periods, min_std=min_std)
    for i, z in enumerate(scores):
        if z is not None and abs(z) >= threshold:
            found.append(Alert(index=i, z=z, direction="rise" if z > 0 else "fall"))
    return found
