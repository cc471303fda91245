"""The store's commands end to end: ingest, events, timeline, plot, export, sql, bad databases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.store.pgtemp import free_port
from tests.store.test_ingest import ROOT, write_articles


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("articles")
    write_articles(folder, 8)
    db = tmp_path_factory.mktemp("db") / "events.duckdb"
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--db", str(db), "--date", "2021-12-13", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "8 articles added" in result.output
    return db


def test_events_table_and_filters(filled_db):
    runner = CliRunner()
    everything = runner.invoke(cli, ["events", "--db", str(filled_db), "--format", "json"])
    assert everything.exit_code == 0, everything.output
    rows = [json.loads(line) for line in everything.output.splitlines()]
    assert rows and all(r["date"] == "2021-12-13" for r in rows)
    russia = runner.invoke(
        cli, ["events", "--db", str(filled_db), "--actor", "RUS", "--format", "json"]
    )
    russian = [json.loads(line) for line in russia.output.splitlines()]
    assert russian and len(russian) < len(rows)
    assert all("RUS" in (r["source"] or "") + (r["target"] or "") for r in russian)
    table = runner.invoke(cli, ["events", "--db", str(filled_db), "--limit", "3"])
    assert "cameo" in table.output


def test_timeline_plot_export_and_sql(filled_db, tmp_path):
    runner = CliRunner()
    pair = runner.invoke(cli, ["sql", "select source_country a, target_country b from events "
                               "where source_country <> target_country limit 1",
                               "--db", str(filled_db), "--format", "json"])  # fmt: skip
    dyad = json.loads(pair.output)
    a, b = dyad["a"], dyad["b"]
    timeline = runner.invoke(cli, ["timeline", a, b, "--db", str(filled_db),
                                   "--freq", "month", "--format", "json"])  # fmt: skip
    assert timeline.exit_code == 0, timeline.output
    data = json.loads(timeline.output)
    assert data["periods"][0]["period"] == "2021-12-01"
    assert data["periods"][0]["events"] >= 1

    chart = tmp_path / "dyad.svg"
    plotted = runner.invoke(cli, ["plot", "timeline", a, b, "--db", str(filled_db),
                                  "-o", str(chart), "--freq", "day"])  # fmt: skip
    assert plotted.exit_code == 0, plotted.output
    assert chart.read_bytes().startswith(b"<?xml")

    out = tmp_path / "events.tsv"
    exported = runner.invoke(cli, ["export", "--db", str(filled_db), "--format", "gdelt",
                                   "-o", str(out)])  # fmt: skip
    assert exported.exit_code == 0, exported.output
    assert out.exists() and (tmp_path / "events.mentions.tsv").exists()

    sql = runner.invoke(cli, ["sql", "select count(*) as n from articles", "--db", str(filled_db),
                              "--format", "json"])  # fmt: skip
    assert json.loads(sql.output) == {"n": 8}
    write = runner.invoke(cli, ["sql", "delete from articles", "--db", str(filled_db)])
    assert write.exit_code != 0
    again = runner.invoke(cli, ["sql", "select count(*) as n from articles", "--db",
                                str(filled_db), "--format", "csv"])  # fmt: skip
    assert again.output.splitlines() == ["n", "8"]


def test_bad_databases_are_clear_errors(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    folder = tmp_path / "articles"
    write_articles(folder, 1)
    for db, code in [
        (str(blocker / "events.duckdb"), "E502"),
        (f"postgresql://postgres@127.0.0.1:{free_port()}/events", "E504"),
        ("sqlite:///x.db", "E501"),
    ]:
        run = subprocess.run(
            [sys.executable, "-m", "eventwire.cli", "ingest", str(folder), "--db", db],
            capture_output=True, text=True, timeout=120, cwd=ROOT,
        )  # fmt: skip
        assert run.returncode == 3, run.stderr
        assert f"[{code}]" in run.stderr
        assert "Traceback" not in run.stderr
