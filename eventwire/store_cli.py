"""The store's commands: ingest, events, timeline, plot timeline, export, sql.

``register(cli)`` adds them to the ``eventwire`` command group. Every command takes ``--db``: a
DuckDB file (default ``./eventwire.duckdb``, or ``$EVENTWIRE_DB``) or a ``postgresql://`` URL.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from eventwire.cli_options import coding_options, engine_options, option_group

DB_HELP = "DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or ./eventwire.duckdb)."


def _db_option(func: Any) -> Any:
    return click.option("--db", envvar="EVENTWIRE_DB", default="eventwire.duckdb", help=DB_HELP)(
        func
    )


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _open(db: str, *, read_only: bool = False) -> Any:
    from eventwire.store import open_store
    from eventwire.store.backend import is_postgres_url
    from eventwire.store.errors import StoreError

    if read_only and not is_postgres_url(db) and db != ":memory:" and not Path(db).exists():
        raise StoreError(
            "no database here yet; create it with `eventwire ingest ... --db PATH`",
            code="E502",
            where=db,
        )
    return open_store(db, read_only=read_only)


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "json":
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            click.echo(json.dumps(record, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


# -- ingest ------------------------------------------------------------------------------------


def ingest_with_progress(
    items: Any,
    store: Any,
    pipeline: Any,
    *,
    inputs: list[str],
    problems: Any,
    show: bool,
    batch_size: int = 25,
    processes: int = 1,
    verbose: bool = False,
    coder: Any = None,
) -> Any:
    """Run :func:`eventwire.store.ingest.ingest` with a progress bar (rate and ETA) on stderr."""
    from eventwire.cli import _progress
    from eventwire.store.ingest import ingest

    with _progress(None, show) as bar:
        state: dict[str, Any] = {"task": None, "done": 0, "started": time.perf_counter()}

        def on_start(total: int, unchanged: int) -> None:
            state["task"] = bar.add_task("coding", total=total, rate="")
            state["started"] = time.perf_counter()
            if verbose or not show:
                click.echo(
                    f"eventwire: {total:,} articles to code, {unchanged:,} already stored",
                    err=True,
                )

        def on_progress(n: int) -> None:
            state["done"] += n
            rate = state["done"] / max(time.perf_counter() - state["started"], 1e-9)
            bar.update(state["task"], advance=n, rate=f"{rate:.1f} articles/s")

        def on_batch(stored: int) -> None:
            if verbose:
                click.echo(f"eventwire: committed {stored:,} articles", err=True)

        return ingest(
            items,
            store,
            pipeline,
            inputs=inputs,
            batch_size=batch_size,
            processes=processes,
            coder=coder,
            on_problem=problems,
            on_start=on_start,
            on_progress=on_progress,
            on_batch=on_batch,
        )


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@coding_options
@engine_options
@_db_option
@click.option("--batch-size", type=click.IntRange(min=1), default=25, show_default=True)
@click.option("--fetch-articles", is_flag=True, help="Fetch feed items that carry only a summary.")
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Allow URLs on loopback and private networks (refused by default).",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None, help="Seconds per URL.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Largest download.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a tty).")
@click.option("--verbose", is_flag=True, help="Print a line after every committed batch.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's summary as JSON.")
def ingest_command(
    inputs: tuple[str, ...],
    db: str,
    date: str | None,
    actor_files: tuple[Path, ...],
    verbs: Path | None,
    batch_size: int,
    processes: int,
    engine: str,
    scheduler: str | None,
    workers: int,
    shards: Path | None,
    fetch_articles: bool,
    allow_private_urls: bool,
    timeout: float | None,
    max_bytes: int | None,
    max_chars: int | None,
    progress: bool | None,
    verbose: bool,
    as_json: bool,
) -> None:
    """Code articles, feeds, OPML lists and URLs into the database; skip what is stored.

    Example: eventwire ingest articles/ feeds.opml https://example.org/rss.xml news.jsonl

    With --engine dask (JSONL or Parquet files), the new articles are coded on a Dask cluster.
    """
    from eventwire.cli import EXIT_NOTHING, EXIT_SKIPPED, Problems
    from eventwire.doc import Article
    from eventwire.ingest.readers import MAX_CHARS, normalise_date
    from eventwire.store.ingest import iter_inputs

    if date is not None:
        try:
            date = normalise_date(date, "--date")
        except Exception as exc:
            raise click.BadParameter(str(exc)) from None
    store = _open(db)  # fail early on a database that cannot be opened
    problems = Problems()
    try:
        from eventwire.pipeline import Config, Pipeline

        pipeline = Pipeline(
            Config(
                date=date,
                actor_dictionaries=list(actor_files),
                verb_dictionary=verbs,
                max_chars=max_chars or MAX_CHARS,
            )
        )

        def dated(items: Any) -> Any:
            for item in items:
                if date and isinstance(item, Article) and item.date is None:
                    item.date = date
                yield item

        coder = None
        if engine == "dask":
            from eventwire.engine.dask_engine import dask_coder, read_inputs

            items = dated(read_inputs(inputs))
            coder = dask_coder(pipeline.config, scheduler=scheduler, workers=workers, shards=shards)
        else:
            items = dated(
                iter_inputs(
                    inputs,
                    fetch_articles=fetch_articles,
                    allow_private_urls=allow_private_urls,
                    timeout=timeout,
                    max_bytes=max_bytes,
                    max_chars=max_chars,
                )
            )
        show = progress if progress is not None else sys.stderr.isatty()
        result = ingest_with_progress(
            items,
            store,
            pipeline,
            inputs=list(inputs),
            batch_size=batch_size,
            processes=processes,
            problems=problems,
            show=show,
            verbose=verbose,
            coder=coder,
        )
        if as_json:
            click.echo(json.dumps(result.to_dict(), indent=2))
        else:
            if result.summary.articles:
                click.echo(result.summary.render(), err=True)
            click.echo(result.render(), err=True)
    finally:
        store.close()
    if result.added + result.replaced + result.unchanged == 0:
        click.echo("eventwire: no article could be ingested", err=True)
        sys.exit(EXIT_NOTHING)
    if problems.count:
        sys.exit(EXIT_SKIPPED)


# -- events ------------------------------------------------------------------------------------


def events_query(
    *,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    root: str | None = None,
    cameo: str | None = None,
    modality: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
) -> tuple[str, list[Any]]:
    """The SELECT behind `eventwire events`; every value a parameter."""

    from eventwire.store.filters import actor_condition as side

    where, params = ["1 = 1"], []
    if actor:
        where.append(f"({side('source')} OR {side('target')})")
        params += [actor, actor, actor, actor]
    if source:
        where.append(side("source"))
        params += [source, source]
    if target:
        where.append(side("target"))
        params += [target, target]
    if root:
        where.append("root = ?")
        params.append(root.zfill(2))
    if cameo:
        where.append("starts_with(cameo, ?)")
        params.append(cameo)
    if modality:
        where.append("modality = ?")
        params.append(modality)
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    sql = (
        "SELECT date, coalesce(source_code, source_country, source_text) AS source, cameo,"
        " coalesce(target_code, target_country, target_text) AS target, plover_type AS plover,"
        " modality, trigger, article_id, sentence_index AS sent"
        f" FROM events WHERE {' AND '.join(where)}"
        " ORDER BY date, article_id, event_index LIMIT ?"
    )
    return sql, [*params, limit]


@click.command("events")
@_db_option
@click.option("--actor", help="Actor on either side: a CAMEO code prefix or a country (RUS).")
@click.option("--source", help="Source actor (code prefix or country).")
@click.option("--target", help="Target actor (code prefix or country).")
@click.option("--root", help="CAMEO root code (13 = threaten).")
@click.option("--cameo", help="CAMEO code prefix (163).")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "hypothetical", "conditional", "negated", "denied"]),
)
@click.option("--since", callback=_parse_date, help="First date (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Last date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def events_command(db: str, fmt: str, **filters: Any) -> None:
    """List stored events as a table.

    Example: eventwire events --actor RUS --root 13 --since 2021-12-01
    """
    sql, params = events_query(**filters)
    with _open(db, read_only=True) as store:
        columns, rows = store.query(sql, params)
    _print_rows(columns, rows, fmt)


# -- timeline and plot ---------------------------------------------------------------------------


def _timeline_options(func: Any) -> Any:
    options = [
        click.argument("actor_a"),
        click.argument("actor_b"),
        _db_option,
        click.option(
            "--freq",
            type=click.Choice(["day", "week", "month", "quarter", "year"]),
            default="week",
            show_default=True,
        ),
        click.option(
            "--reports", is_flag=True, help="Count every report, not de-duplicated clusters."
        ),
        click.option("--directed", is_flag=True, help="Only ACTOR_A -> ACTOR_B."),
        click.option("--since", callback=_parse_date, help="First date (YYYY-MM-DD)."),
        click.option("--until", callback=_parse_date, help="Last date (YYYY-MM-DD)."),
        click.option(
            "--window",
            type=click.IntRange(min=2),
            default=8,
            show_default=True,
            help="Periods in the rolling window of the alerts.",
        ),
        click.option(
            "--threshold",
            type=click.FloatRange(min=0.1),
            default=2.0,
            show_default=True,
            help="z-score that raises an alert.",
        ),
    ]
    return option_group(*options)(func)


def _timeline(db: str, actor_a: str, actor_b: str, **kw: Any) -> Any:
    from eventwire.analysis.timeline import dyad_timeline

    with _open(db) as store:
        return dyad_timeline(
            store,
            actor_a.upper(),
            actor_b.upper(),
            freq=kw["freq"],
            count="reports" if kw["reports"] else "clusters",
            directed=kw["directed"],
            since=kw["since"],
            until=kw["until"],
            window=kw["window"],
            threshold=kw["threshold"],
        )


@click.command("timeline")
@_timeline_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def timeline_command(db: str, actor_a: str, actor_b: str, fmt: str, **kw: Any) -> None:
    """Events between two actors per period: counts, Goldstein, conflict share, tension, alerts.

    Example: eventwire timeline RUS GBR --freq week
    """
    timeline = _timeline(db, actor_a, actor_b, **kw)
    if fmt == "json":
        click.echo(json.dumps(timeline.to_dict(), indent=2))
        return
    columns = [
        "period",
        "events",
        "goldstein_sum",
        "goldstein_mean",
        "conflict_share",
        "tension",
        "z",
        "alert",
    ]
    rows = []
    for p in timeline.periods:
        d = p.to_dict()
        rows.append(tuple(d[c] for c in columns))
    if not rows:
        click.echo(f"no events between {actor_a} and {actor_b} in the store", err=True)
        return
    _print_rows(columns, rows, fmt)
    if fmt == "table" and timeline.alerts:
        click.echo(
            f"{len(timeline.alerts)} alert(s): "
            + ", ".join(f"{p.period} ({p.alert}, z={p.z:.1f})" for p in timeline.alerts)
        )


@click.group("plot")
def plot_group() -> None:
    """Charts from the store."""


@plot_group.command("timeline")
@_timeline_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Chart file: .png or .svg.",
)
def plot_timeline_command(db: str, actor_a: str, actor_b: str, output: Path, **kw: Any) -> None:
    """Draw a dyad timeline (counts by quad class, tension index, alerts) as PNG or SVG.

    Example: eventwire plot timeline RUS UKR -o rus-ukr.png
    """
    from eventwire.analysis.plot import plot_timeline

    timeline = _timeline(db, actor_a, actor_b, **kw)
    if not timeline.periods:
        click.echo(f"no events between {actor_a} and {actor_b} in the store", err=True)
        sys.exit(3)
    plot_timeline(timeline, output)
    click.echo(f"chart written to {output}", err=True)


# -- export and sql -----------------------------------------------------------------------------


@click.command("export")
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gdelt", "csv", "parquet", "plover", "jsonl"]),
    required=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--table",
    default="events",
    show_default=True,
    help="Table for csv and parquet (events, articles, actors, quotes, ...).",
)
def export_command(db: str, fmt: str, output: Path, table: str) -> None:
    """Export the store: GDELT 2.0 events + mentions, CSV, Parquet, PLOVER JSONL, full JSONL.

    Example: eventwire export --format gdelt -o events.tsv
    """
    from eventwire.export import export

    with _open(db) as store:
        written = export(store, fmt, output, table=table)
    for path, count in written["files"].items():
        click.echo(f"{count:,} rows written to {path}", err=True)


@click.command("sql")
@click.argument("query")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def sql_command(query: str, db: str, fmt: str) -> None:
    """Run a read-only SQL query on the store and print the result.

    Example: eventwire sql "select root, count(*) from events group by 1"
    """
    with _open(db, read_only=True) as store:
        if store.kind == "postgresql":
            store.backend.execute("SET default_transaction_read_only = on")
        columns, rows = store.query(query)
    _print_rows(columns, rows, fmt)


def register(cli: click.Group) -> None:
    """Add the store's commands to the ``eventwire`` group."""
    for command in (
        ingest_command,
        events_command,
        timeline_command,
        plot_group,
        export_command,
        sql_command,
    ):
        cli.add_command(command)
