"""What a running API may do: the database, writes, the token, limits and CORS origins."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_BODY_BYTES = 2_000_000  # a request body larger than this is refused (413)
MAX_CODE_CHARS = 100_000  # the longest text POST /code accepts


@dataclass(frozen=True)
class ApiSettings:
    """Settings of one app. Writes need ``allow_writes`` *and* a non-empty ``token``."""

    db: str = "eventwire.duckdb"
    allow_writes: bool = False
    token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    max_page_size: int = MAX_PAGE_SIZE
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    @property
    def writable(self) -> bool:
        return self.allow_writes and bool(self.token)
