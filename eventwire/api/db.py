"""Store access for a threaded server: one connection per worker thread, one writer at a time.

The API's endpoints are plain functions that FastAPI runs in a thread pool. A DuckDB connection
must not be shared between threads, so each thread gets its own cursor on the one open database
(DuckDB's ``cursor()`` is a new connection to the same instance); on PostgreSQL each thread opens
its own connection. Writes (``POST /ingest``) take a lock so that one runs at a time.
"""

from __future__ import annotations

import threading
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
        self._local = threading.local()
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

    @property
    def kind(self) -> str:
        return self.main.kind

    def store(self) -> Store:
        """The calling thread's store (opened on first use)."""
        found = getattr(self._local, "store", None)
        if found is not None:
            return found
        backend: Any
        if isinstance(self.main.backend, DuckDBBackend):
            backend = self.main.backend.reader()
        else:
            backend = open_backend(self.location)
        found = Store(backend, read_only=True)
        self._local.store = found
        with self._readers_lock:
            self._readers.append(found)
        return found

    def writer(self) -> Store:
        """The store to write through; hold :attr:`write_lock` while using it."""
        return self.main

    def close(self) -> None:
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        self.main.close()
