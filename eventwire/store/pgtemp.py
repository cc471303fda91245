"""A throwaway PostgreSQL server on loopback, for tests and benchmarks.

``TempPostgres().start()`` runs ``initdb`` (trust authentication, user ``postgres``) in a fresh
temporary folder and ``pg_ctl start`` on 127.0.0.1 and a free port, and returns the URL;
``stop()`` shuts it down and removes the folder. Run as root, the server runs as the ``postgres``
system user (PostgreSQL refuses to run as root). The binaries are found in ``$PG_BIN``, on the
PATH, or in ``/usr/lib/postgresql/<version>/bin`` (Debian's ``postgresql`` package).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (the message says why)."""


def find_bin_dir() -> Path | None:
    if os.environ.get("PG_BIN") and (Path(os.environ["PG_BIN"]) / "initdb").exists():
        return Path(os.environ["PG_BIN"])
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TempPostgres:
    """One temporary PostgreSQL cluster. ``fast`` turns fsync off (tests; not for benchmarks)."""

    def __init__(self, *, fast: bool = True) -> None:
        self.fast = fast
        self.bin_dir = find_bin_dir()
        self.base: Path | None = None
        self.port = 0
        self._as_user: list[str] = []

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        try:
            subprocess.run(
                [*self._as_user, *args], check=True, capture_output=True, text=True, timeout=120
            )
        except subprocess.CalledProcessError as exc:
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed: {(exc.stderr or exc.stdout).strip()[-500:]}"
            ) from None
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"{Path(args[0]).name} could not run: {exc}") from None

    def start(self) -> str:
        if self.bin_dir is None:
            raise PostgresUnavailable(
                "PostgreSQL is not installed (no initdb on PATH, in $PG_BIN or in "
                "/usr/lib/postgresql/*/bin); install it with .ci/postgres.sh"
            )
        self.base = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "running as root and there is no 'postgres' user"
                ) from None
            os.chown(self.base, user.pw_uid, user.pw_gid)
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PostgresUnavailable("running as root and 'runuser' is missing")
            self._as_user = [runuser, "-u", "postgres", "--"]
        data = self.base / "data"
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.port = free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base}"
        if self.fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.base / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return self.url

    def create_database(self, name: str) -> str:
        """A fresh database on this server; returns its URL."""
        import psycopg

        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"not a plain database name: {name!r}")
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.base is None:
            return
        if self.bin_dir is not None and (self.base / "data" / "postmaster.pid").exists():
            with contextlib.suppress(PostgresUnavailable):
                self._run(
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.base / "data"),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                )
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = None

    def __enter__(self) -> TempPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
