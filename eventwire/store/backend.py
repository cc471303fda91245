"""Two database backends behind one small interface: DuckDB (embedded, the default) and PostgreSQL.

Everything above this module writes portable SQL with ``?`` placeholders; the PostgreSQL backend
turns them into psycopg's ``%s``. Values always travel as parameters, never inside the SQL text.
Each backend opens one connection in autocommit mode and wraps writes in :meth:`transaction`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from eventwire.store.errors import StoreError

Row = tuple[Any, ...]
MULTIROW = 500
_VALUES = re.compile(r"^(INSERT INTO \w+ \([^)]*\) VALUES )(\(.*\))$", re.DOTALL)


def is_postgres_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class Backend:
    """What the store needs from a database: run SQL, run many rows, transactions, fetch rows."""

    name = "abstract"
    location = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def lock_for_migration(self) -> None:
        """Serialise schema migrations between processes (inside a transaction)."""

    def close(self) -> None:
        raise NotImplementedError

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        _, rows = self.query(sql, params)
        return rows[0][0] if rows else None


class DuckDBBackend(Backend):
    """An embedded DuckDB file. One writing process at a time (DuckDB locks the file)."""

    name = "duckdb"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.location = str(path)
        self._duckdb = duckdb
        if self.location != ":memory:":
            target = Path(self.location)
            try:  # is_dir() raises PermissionError inside a folder the user may not enter
                is_dir = target.is_dir()
            except OSError as exc:
                raise StoreError(
                    f"cannot reach the database file: {exc.strerror or exc}",
                    code="E502",
                    where=self.location,
                ) from None
            if is_dir:
                raise StoreError(
                    "is a directory, not a database file", code="E502", where=self.location
                )
            if not read_only:
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(
                        f"cannot create the database folder: {exc.strerror or exc}",
                        code="E502",
                        where=self.location,
                    ) from None
        try:
            self.conn = duckdb.connect(
                self.location, read_only=read_only, config={"autoinstall_known_extensions": False}
            )
        except duckdb.IOException as exc:
            text = str(exc)
            # "Could not set lock on file ...: Permission denied" is a folder or file the user
            # may not write, not a lock held by another process ("Conflicting lock is held")
            if "lock" in text.lower() and "permission denied" not in text.lower():
                raise StoreError(
                    "the database is in use by another process (DuckDB allows one writer; "
                    "wait for it, or use PostgreSQL for shared access)",
                    code="E503",
                    where=self.location,
                ) from None
            raise StoreError(
                f"cannot create or write the database file: {_first_line(text)}",
                code="E502",
                where=self.location,
            ) from None
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the database: {_first_line(str(exc))}",
                code="E502",
                where=self.location,
            ) from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self.conn.execute(sql, list(params))
        except self._duckdb.Error as exc:
            raise _sql_error(exc, sql, self.location) from None

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Many rows. ``INSERT ... VALUES (...)`` goes as multi-row statements of up to
        :data:`MULTIROW` rows: in DuckDB one statement per row costs a few milliseconds each."""
        if not rows:
            return
        match = _VALUES.match(sql)
        try:
            if match is None:
                self.conn.executemany(sql, [list(r) for r in rows])
                return
            head, group = match.group(1), match.group(2)
            if group.replace("?", "").replace(",", "").replace(" ", "") == "()" and self._arrow(
                head, rows
            ):
                return
            for start in range(0, len(rows), MULTIROW):
                chunk = rows[start : start + MULTIROW]
                statement = head + ", ".join([group] * len(chunk))
                self.conn.execute(statement, [value for row in chunk for value in row])
        except self._duckdb.Error as exc:
            raise _sql_error(exc, sql, self.location) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        try:
            cursor = self.conn.execute(sql, list(params))
            rows = cursor.fetchall()
        except self._duckdb.Error as exc:
            raise _sql_error(exc, sql, self.location) from None
        columns = [d[0] for d in cursor.description or []]
        return columns, rows

    def _arrow(self, head: str, rows: Sequence[Sequence[Any]]) -> bool:
        """Insert through an Arrow table (DuckDB scans it in bulk); False if Arrow cannot."""
        try:
            import pyarrow as pa
        except ImportError:
            return False
        columns = list(zip(*rows, strict=True))
        try:
            table = pa.table({f"c{i}": pa.array(values) for i, values in enumerate(columns)})
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return False
        self.conn.register("eventwire_rows", table)
        try:
            self.conn.execute(head.replace(" VALUES ", " SELECT * FROM eventwire_rows"))
        finally:
            self.conn.unregister("eventwire_rows")
        return True

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            with contextlib.suppress(Exception):
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except self._duckdb.Error as exc:
            raise _sql_error(exc, "COMMIT", self.location) from None

    def reader(self) -> DuckDBBackend:
        """A second connection to the same database for a reader thread (same process)."""
        clone = object.__new__(DuckDBBackend)
        clone.location = self.location
        clone._duckdb = self._duckdb
        clone.conn = self.conn.cursor()
        return clone

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


class PostgresBackend(Backend):
    """A PostgreSQL database reached by a ``postgresql://`` URL (psycopg 3)."""

    name = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "PostgreSQL support needs psycopg: pip install 'psycopg[binary]'",
                code="E504",
                where=redact_url(url),
            ) from None
        self._psycopg = psycopg
        self.location = redact_url(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL: {_first_line(str(exc)) or type(exc).__name__}",
                code="E504",
                where=self.location,
            ) from None

    @staticmethod
    def _sql(sql: str) -> str:
        return re.sub(r"\?", "%s", sql.replace("%", "%%"))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self.conn.execute(self._sql(sql), list(params))
        except self._psycopg.Error as exc:
            raise _sql_error(exc, sql, self.location) from None

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self.conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), [list(r) for r in rows])
        except self._psycopg.Error as exc:
            raise _sql_error(exc, sql, self.location) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        try:
            with self.conn.cursor() as cursor:
                cursor.execute(self._sql(sql), list(params))
                columns = [d.name for d in cursor.description or []]
                rows = cursor.fetchall() if cursor.description else []
        except self._psycopg.Error as exc:
            raise _sql_error(exc, sql, self.location) from None
        return columns, [tuple(r) for r in rows]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                yield
        except self._psycopg.Error as exc:
            raise _sql_error(exc, "COMMIT", self.location) from None

    def lock_for_migration(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", [0x45564E54])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _sql_error(exc: Exception, sql: str, where: str) -> StoreError:
    statement = " ".join(sql.split())[:80]
    return StoreError(
        f"SQL failed: {_first_line(str(exc))} (in: {statement})", code="E506", where=where
    )


def open_backend(location: str | Path, *, read_only: bool = False) -> Backend:
    """A backend for a DuckDB file path (or ``:memory:``) or a ``postgresql://`` URL."""
    text = str(location)
    if is_postgres_url(text):
        return PostgresBackend(text)
    if "://" in text:
        raise StoreError(
            "not a database eventwire can use: give a file path (DuckDB) or a "
            "postgresql://user@host/dbname URL",
            code="E501",
            where=text,
        )
    return DuckDBBackend(text, read_only=read_only)
