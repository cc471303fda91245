"""Rendering a :class:`~eventwire.evaluate.Report` as a plain-text table for the terminal."""

from __future__ import annotations

from typing import Any

from eventwire.evaluate import Report


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_fmt(v)}" for k, v in value.items())
    return str(value)


def render_report(report: Report) -> str:
    lines = [report.name, "=" * len(report.name)]
    width = max((len(k) for k in report.metrics), default=0)
    for key, value in report.metrics.items():
        lines.append(f"{key:<{width}}  {_fmt(value)}")
    if report.rows:
        columns = list(report.rows[0].keys())
        widths = {c: max(len(c), *(len(_fmt(r.get(c, ""))) for r in report.rows)) for c in columns}
        lines.append("")
        lines.append("  ".join(f"{c:<{widths[c]}}" for c in columns))
        lines.append("  ".join("-" * widths[c] for c in columns))
        for row in report.rows:
            lines.append("  ".join(f"{_fmt(row.get(c, '')):<{widths[c]}}" for c in columns))
    for note in report.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)
