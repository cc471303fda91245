"""Store access for a threaded server: one connection per request, one writer at a time.

The API's endpoints are plain functions that FastAPI runs in a thread pool (a dependency and the
endpoint may run on different threads). A connection must serve one request at a time, so each
request borrows a :class:`Store` from a pool and gives it back when the response is done. On
DuckDB a pooled store is a cursor on the one open database (``cursor()`` is a new connection to
the same instance); on PostgreSQL it is a connection of its own. Writes (``POST /ingest``) take a
lock so that one runs at a time.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any

from eventwire.store.backend import DuckDBBackend, is_postgres_url, open_backend
from eventwire.store.errors import StoreError
from eventwire.store.store import Store, open_store


class StoreProvider:
    """Opens the store once and hands each thread its own :class:`Store` on it."""

    def __init__(self, location: str, *, writable: bool) -> None:
        self.location = location
        self.writable = writable
        self.write_lock = threading.Lock()
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._readers: list[Store] = []
        self._readers_lock = threading.Lock()
        if not writable and not is_postgres_url(location) and location != ":memory:":
            from pathlib import Path

            if not Path(location).is_file():
                raise StoreError(
                    "no database here yet; create it with `eventwire ingest ... --db PATH`",
                    code="E502",
                    where=location,
                )
        self.main = open_store(location, read_only=not writable)
        try:
            self.main.scalar("SELECT count(*) FROM articles WHERE FALSE")
        except StoreError:
            self.main.close()
            raise StoreError(
                "not an eventwire database (it has no articles table); "
                "fill it with `eventwire ingest ... --db`",
                code="E502",
                where=location,
            ) from None

    @property
    def kind(self) -> str:
        return self.main.kind

    def _new_reader(self) -> Store:
        backend: Any
        if isinstance(self.main.backend, DuckDBBackend):
            backend = self.main.backend.reader()
        else:
            backend = open_backend(self.location)
        reader = Store(backend, read_only=True)
        with self._readers_lock:
            self._readers.append(reader)
        return reader

    def acquire(self) -> Store:
        """A store no other request is using (reused from the pool, else opened)."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._new_reader()

    def release(self, store: Store) -> None:
        self._idle.put(store)

    @contextlib.contextmanager
    def borrow(self) -> Iterator[Store]:
        store = self.acquire()
        try:
            yield store
        finally:
            self.release(store)

    def writer(self) -> Store:
        """The store to write through; hold :attr:`write_lock` while using it."""
        return self.main

    def close(self) -> None:
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        self.main.close()
