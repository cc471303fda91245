"""Charts of dyad timelines: real PNG and SVG files, written atomically."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.analysis.plot import plot_timeline
from eventwire.analysis.timeline import Period, Timeline
from eventwire.store.errors import ExportError


def _timeline() -> Timeline:
    periods = [Period(period=date(2021, 10, 4 + 7 * i), events=i, verbal_conflict=i, tension=i)
               for i in range(4)]  # fmt: skip
    periods[-1].alert = "rise"
    return Timeline("RUS", "UKR", "week", "clusters", False, periods)


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_chart_files(tmp_path, suffix, magic):
    path = plot_timeline(_timeline(), tmp_path / f"chart{suffix}")
    data = path.read_bytes()
    assert data.startswith(magic)
    assert len(data) > 5_000
    if suffix == ".svg":
        assert b"tension index" in data
    assert [p.name for p in tmp_path.iterdir()] == [f"chart{suffix}"]  # no temporary left


def test_unknown_chart_format(tmp_path):
    with pytest.raises(ExportError) as caught:
        plot_timeline(_timeline(), tmp_path / "chart.pdf")
    assert caught.value.code == "E542"
