"""Command-line options shared by several commands (kept apart so any command module can import
them without importing the whole CLI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from eventwire.errors import InputError


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from eventwire.ingest.readers import normalise_date

    try:
        return normalise_date(value, "--date")
    except InputError as exc:
        raise click.BadParameter(exc.message) from None


def option_group(*options: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """One decorator applying several click options and arguments, in the order listed."""

    def apply(command: Any) -> Any:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


def coding_options(command: Any) -> Any:
    """The options that say how articles are coded, shared by `code` and `ingest`:
    --date, --actors, --verbs, --max-chars and --processes."""
    options = [
        click.option(
            "--date", callback=_date, help="Date (YYYY-MM-DD) for articles that carry none."
        ),
        click.option(
            "--actors",
            "actor_files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Extra actor dictionary (PETRARCH format); repeatable. "
            "Its entries win over the defaults.",
        ),
        click.option(
            "--verbs",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="CAMEO verb dictionary in PETRARCH-2 syntax, instead of the default.",
        ),
        click.option(
            "--max-chars",
            type=click.IntRange(min=1),
            default=None,
            help="Longest article to code, in characters (default 1,000,000).",
        ),
        click.option(
            "--processes",
            type=click.IntRange(min=0),
            default=1,
            show_default=True,
            help="Worker processes for coding (0: one per CPU core).",
        ),
    ]
    return option_group(*options)(command)


def engine_options(command: Any) -> Any:
    """Where coding runs, shared by `code` and `ingest`: --engine, --scheduler, --workers and
    --shards."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(["local", "dask"]),
            default="local",
            show_default=True,
            help="local: this machine's processes; dask: a Dask cluster (JSONL or Parquet inputs).",
        ),
        click.option(
            "--scheduler",
            help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=2,
            show_default=True,
            help="Workers of the LocalCluster (--engine dask without --scheduler).",
        ),
        click.option(
            "--shards",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder for the Dask engine's Parquet shards (default: a temporary folder).",
        ),
    ]
    return option_group(*options)(command)
