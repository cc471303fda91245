"""The `eventwire` command. Each command is a thin shell around one library call.

Exit codes: 0 everything coded; 1 some inputs were skipped (each named on stderr); 2 bad usage;
3 nothing could be done (no readable article, no model); 70 an internal error (a bug: please report
it with the message; set EVENTWIRE_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from eventwire.cli_options import coding_options, engine_options
from eventwire.errors import EventwireError

EXIT_SKIPPED = 1
EXIT_NOTHING = 3
EXIT_INTERNAL = 70


class Problems:
    """Collects skipped inputs and prints each one as it happens."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: EventwireError) -> None:
        self.count += 1
        click.echo(f"eventwire: skipped {error}", err=True)


def _config(
    date: str | None,
    actors: tuple[Path, ...],
    verbs: Path | None,
    max_chars: int | None = None,
) -> Any:
    from eventwire.ingest.readers import MAX_CHARS
    from eventwire.pipeline import Config

    return Config(
        date=date,
        actor_dictionaries=list(actors),
        verb_dictionary=verbs,
        max_chars=max_chars or MAX_CHARS,
    )


def _progress(total: int | None, enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=False,
    )


def _code_with_progress(
    records: Iterable[Any],
    write: Callable[[Any], None],
    total: int | None,
    show: bool,
) -> Any:
    import time

    from eventwire.run import run_job

    with _progress(total, show) as bar:
        task = bar.add_task("coding", total=total, rate="")
        started = time.perf_counter()
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=n, rate=f"{rate:.1f} articles/s")

        return run_job(records, write, progress=tick)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def cli() -> None:
    """eventwire: who did what to whom, and who said what, from news text."""


@cli.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here, not stdout.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "pretty"]), default="jsonl", show_default=True
)
@coding_options
@engine_options
@click.option("--summary/--no-summary", default=False, help="Print a summary to stderr at the end.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: on a terminal).",
)
def code_command(
    inputs: tuple[str, ...],
    output: Path | None,
    fmt: str,
    date: str | None,
    actor_files: tuple[Path, ...],
    verbs: Path | None,
    max_chars: int | None,
    processes: int,
    engine: str,
    scheduler: str | None,
    workers: int,
    shards: Path | None,
    summary: bool,
    progress: bool | None,
) -> None:
    """Code articles (.txt, .html, .jsonl, folders, or - for JSONL on stdin) into records.

    Example: eventwire code ../shared/corpus/seed-article.txt --format pretty
    """
    from eventwire.engine import code_records
    from eventwire.files import AtomicWriter
    from eventwire.ingest.readers import MAX_CHARS, iter_articles
    from eventwire.run import only_articles, record_json, render_pretty

    problems = Problems()
    config = _config(date, actor_files, verbs, max_chars)
    if engine == "dask":
        records = _dask_records(inputs, config, scheduler, workers, shards, problems)
    else:
        articles = only_articles(iter_articles(inputs, max_chars=max_chars or MAX_CHARS), problems)
        records = code_records(articles, config, processes=processes)
    render = render_pretty if fmt == "pretty" else record_json
    writer = AtomicWriter(output) if output else None

    def write(record: Any) -> None:
        text = render(record)
        if writer:
            writer.write(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()

    show = progress if progress is not None else (writer is not None and sys.stderr.isatty())
    try:
        stats = _code_with_progress(records, write, None, show)
    except BaseException:
        if writer:
            writer.abort()
        raise
    if writer:
        writer.commit()
    stats.skipped = problems.count
    if summary:
        click.echo(stats.render(), err=True)
    if stats.articles == 0:
        click.echo("eventwire: no article could be coded", err=True)
        sys.exit(EXIT_NOTHING)
    if problems.count:
        sys.exit(EXIT_SKIPPED)


def _dask_records(
    inputs: tuple[str, ...],
    config: Any,
    scheduler: str | None,
    workers: int,
    shards: Path | None,
    problems: Problems,
) -> Iterable[Any]:
    from eventwire.engine.dask_engine import code_with_dask, shard_folder

    with shard_folder(shards) as out_dir:
        for item in code_with_dask(inputs, out_dir, config, scheduler=scheduler, workers=workers):
            if isinstance(item, EventwireError):
                problems(item)
            else:
                yield item


@cli.command("demo")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=300,
    show_default=True,
    help="How many demo articles to code (plus the seed article).",
)
@click.option(
    "--db",
    envvar="EVENTWIRE_DB",
    default="eventwire.duckdb",
    show_default=True,
    help="DuckDB file or postgresql:// URL to store the coded articles in.",
)
@click.option(
    "--processes",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0: one per CPU core).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo_command(limit: int, db: str, processes: int, as_json: bool) -> None:
    """Code the demo corpus and the seed article into the database; print a summary from it.

    Articles already stored (same text, same coding versions) are not coded again.

    Example: eventwire demo --limit 100
    """
    import itertools

    from eventwire.demo import demo_articles, find_wheel
    from eventwire.ingest.readers import iter_articles
    from eventwire.pipeline import Config, Pipeline
    from eventwire.store import open_store
    from eventwire.store.summary import summary_from_store
    from eventwire.store_cli import ingest_with_progress

    problems = Problems()
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed-article.txt"
    first: list[Any] = []
    if seed.is_file():
        first = list(iter_articles([seed]))
        for article in first:
            if not isinstance(article, EventwireError):
                article.date = article.date or "2021-12-13"
    items = itertools.chain(first, demo_articles(limit, find_wheel()))
    store = open_store(db)
    try:
        result = ingest_with_progress(
            items,
            store,
            Pipeline(Config()),
            inputs=["demo"],
            processes=processes,
            problems=problems,
            show=True,
        )
        summary = summary_from_store(store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps({"run": result.to_dict(), "store": summary.to_dict()}, indent=2))
    else:
        click.echo(result.render())
        click.echo(f"\nin the database {db}:\n")
        click.echo(summary.render())


@cli.group("eval")
def eval_group() -> None:
    """Score eventwire on gold sets."""


def _print_report(report: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    from eventwire.evaluate.table import render_report

    click.echo(render_report(report))


@eval_group.command("petrarch-unit")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_petrarch(as_json: bool) -> None:
    """PETRARCH-2's 284 unit-test records, coded with that fictional world's dictionaries.

    Example: eventwire eval petrarch-unit --json
    """
    from eventwire.evaluate.petrarch import evaluate_petrarch_unit

    _print_report(evaluate_petrarch_unit(), as_json)


@eval_group.command("plover")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_plover(as_json: bool) -> None:
    """The 322 English PLOVER gold records: event types and (source, target, type) triples.

    Example: eventwire eval plover
    """
    from eventwire.evaluate.plover import evaluate_plover

    _print_report(evaluate_plover(), as_json)


@eval_group.command("plover-actors")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_plover_actors(as_json: bool) -> None:
    """The PLOVER gold records' source and target actors: country and sector accuracy.

    Example: eventwire eval plover-actors
    """
    from eventwire.evaluate.plover_actors import evaluate

    _print_report(evaluate(), as_json)


@eval_group.command("places")
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold file (default: the set in eval/places).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_places(gold: Path | None, as_json: bool) -> None:
    """Place resolution and event locations against the gold set.

    Example: eventwire eval places
    """
    from eventwire.evaluate.places import evaluate_places

    _print_report(evaluate_places(gold), as_json)


@eval_group.command("quotes")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_quotes(directory: Path, as_json: bool) -> None:
    """Quote extraction against gold in brat standoff (NAME.txt + NAME.ann).

    Example: eventwire eval quotes eval/quotes
    """
    from eventwire.evaluate.quotes import evaluate_quotes

    _print_report(evaluate_quotes(directory), as_json)


from eventwire.store_cli import register  # noqa: E402

register(cli)
from eventwire.serve_cli import register as register_serve  # noqa: E402

register_serve(cli)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that output files and transactions are cleaned up
    (a BaseException, so no ``except Exception`` on the way swallows it)."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every error into a one-line message and an exit code."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        status = cli.main(args=argv, prog_name="eventwire", standalone_mode=False)
        if isinstance(status, int) and status:
            sys.exit(status)
    except click.exceptions.Abort:
        click.echo("eventwire: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except EventwireError as exc:
        click.echo(f"eventwire: {exc}", err=True)
        sys.exit(EXIT_NOTHING)
    except KeyboardInterrupt:
        click.echo("eventwire: interrupted", err=True)
        sys.exit(130)
    except Terminated:
        click.echo("eventwire: terminated", err=True)
        sys.exit(143)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        click.echo(
            f"eventwire: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; set EVENTWIRE_DEBUG=1 to see the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
