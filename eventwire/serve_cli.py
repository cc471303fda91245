"""``eventwire serve``: the API and the dashboard over a store, with uvicorn.

Read-only by default. ``--allow-writes`` enables ``POST /ingest`` for clients that send
``Authorization: Bearer $EVENTWIRE_TOKEN``; the server refuses to start with writes allowed and no
token. CORS stays off unless ``--cors-origin`` names the origins allowed to call the API.
"""

from __future__ import annotations

import os
from typing import Any

import click

from eventwire.api.settings import MAX_BODY_BYTES, MAX_PAGE_SIZE


@click.command("serve")
@click.option(
    "--db",
    envvar="EVENTWIRE_DB",
    default="eventwire.duckdb",
    help="DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or ./eventwire.duckdb).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-writes",
    is_flag=True,
    help="Enable POST /ingest (needs the token in $EVENTWIRE_TOKEN).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="An origin allowed to call the API from a browser (repeat; CORS is off without it).",
)
@click.option(
    "--max-body",
    default=MAX_BODY_BYTES,
    show_default=True,
    type=click.IntRange(1_000, 200_000_000),
    help="Largest request body in bytes.",
)
@click.option(
    "--max-page",
    default=MAX_PAGE_SIZE,
    show_default=True,
    type=click.IntRange(1, MAX_PAGE_SIZE),
    help="Largest page size a client may ask for.",
)
@click.option("--log-level", default="info", show_default=True, help="uvicorn's log level.")
def serve_command(
    db: str,
    host: str,
    port: int,
    allow_writes: bool,
    cors_origins: tuple[str, ...],
    max_body: int,
    max_page: int,
    log_level: str,
) -> None:
    """Serve the API (OpenAPI at /openapi.json) and the dashboard at http://HOST:PORT/.

    Example: eventwire serve --db eventwire.duckdb --port 8000
    """
    import uvicorn

    from eventwire.api import ApiSettings, create_app
    from eventwire.api.db import StoreProvider

    token = os.environ.get("EVENTWIRE_TOKEN") or None
    if allow_writes and not token:
        raise click.UsageError("--allow-writes needs a token: set EVENTWIRE_TOKEN")
    settings = ApiSettings(
        db=db,
        allow_writes=allow_writes,
        token=token,
        max_body_bytes=max_body,
        max_page_size=max_page,
        cors_origins=cors_origins,
    )
    provider = StoreProvider(db, writable=settings.writable)  # fail here, not on first request
    app: Any = create_app(settings, provider=provider)
    mode = "read-write (POST /ingest with the token)" if settings.writable else "read-only"
    click.echo(f"eventwire: serving {db} ({mode}) at http://{host}:{port}/", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
    finally:
        provider.close()


def register(cli: click.Group) -> None:
    """Add ``serve`` to the ``eventwire`` command group."""
    cli.add_command(serve_command)
