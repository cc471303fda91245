"""The event store: DuckDB by default, PostgreSQL for teams. See docs/store.md."""

from eventwire.store.errors import STORE_CODES, StoreError
from eventwire.store.store import DEFAULT_DB, Store, open_store

__all__ = ["DEFAULT_DB", "STORE_CODES", "Store", "StoreError", "open_store"]
