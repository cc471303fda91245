"""Charts of dyad timelines with matplotlib: PNG or SVG, chosen by the file's suffix.

Top panel: events per period stacked by quad class (verbal and material cooperation and conflict).
Bottom panel: the tension index, with its alerts marked. Written atomically (temporary file, then
renamed), so a failed plot never leaves a broken image under the final name.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.analysis.timeline import Timeline
from eventwire.files import write_atomic
from eventwire.store.errors import ExportError

FORMATS = {".png": "png", ".svg": "svg"}
QUAD_COLOURS = {
    "verbal_cooperation": "#8fbc8f",
    "material_cooperation": "#2e8b57",
    "verbal_conflict": "#f4a460",
    "material_conflict": "#b22222",
}


def plot_timeline(timeline: Timeline, output: Path, *, title: str | None = None) -> Path:
    """Draw ``timeline`` into ``output`` (.png or .svg). Returns the path written."""
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise ExportError(
            f"charts are written as .png or .svg, not {output.suffix or '(no suffix)'!r}",
            code="E542",
            where=str(output),
        )
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    days = [p.period for p in timeline.periods]
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    try:
        width = {"day": 0.8, "week": 5, "month": 25, "quarter": 75, "year": 300}[timeline.freq]
        base = [0] * len(days)
        for name, colour in QUAD_COLOURS.items():
            values = [getattr(p, name) for p in timeline.periods]
            top.bar(
                days, values, width=width, bottom=base, color=colour, label=name.replace("_", " ")
            )
            base = [b + v for b, v in zip(base, values, strict=True)]
        unit = "event clusters" if timeline.count == "clusters" else "event reports"
        top.set_ylabel(f"{unit} per {timeline.freq}")
        top.legend(loc="upper left", fontsize="small", frameon=False)
        arrow = "→" if timeline.directed else "↔"
        top.set_title(title or f"{timeline.actor_a} {arrow} {timeline.actor_b}")
        bottom.plot(days, [p.tension for p in timeline.periods], color="#333333", marker=".")
        bottom.axhline(0, color="#999999", linewidth=0.8)
        rises = [p for p in timeline.periods if p.alert == "rise"]
        falls = [p for p in timeline.periods if p.alert == "fall"]
        if rises:
            bottom.scatter(
                [p.period for p in rises],
                [p.tension for p in rises],
                color="#b22222",
                zorder=3,
                label="alert: rise",
            )
        if falls:
            bottom.scatter(
                [p.period for p in falls],
                [p.tension for p in falls],
                color="#2e8b57",
                zorder=3,
                label="alert: fall",
            )
        if rises or falls:
            bottom.legend(loc="upper left", fontsize="small", frameon=False)
        bottom.set_ylabel("tension index")
        figure.autofmt_xdate()
        figure.tight_layout()
        write_atomic(
            output,
            lambda tmp: figure.savefig(tmp, format=fmt),
            error=lambda exc: ExportError(
                f"cannot write the chart: {exc.strerror or exc}", code="E541", where=str(output)
            ),
        )
    finally:
        plt.close(figure)
    return output
