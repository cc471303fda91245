"""Writing files so that a failure never leaves a half-written file under the final name.

Everything eventwire writes for a user (``code -o``, exports, charts) goes to a temporary file in
the same folder, which is renamed onto the final name only once it is complete. The rename is atomic
on POSIX file systems, so a reader sees the old file or the new one, never part of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from eventwire.errors import EventwireError

ErrorFactory = Callable[[OSError], EventwireError]


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_beside(path: Path) -> tuple[int, Path]:
    """Create ``.NAME.XXXX.part`` in ``path``'s folder (made if missing); return its fd and path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    return fd, Path(tmp)


def publish(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the permissions a new file would have (mkstemp makes it private), then rename
    it onto ``path``."""
    os.chmod(tmp, 0o666 & ~current_umask())
    os.replace(tmp, path)


def write_atomic(path: Path, write: Callable[[Path], None], *, error: ErrorFactory) -> None:
    """Call ``write(tmp)`` to fill a temporary file, then publish it as ``path``.

    An OSError (a full disk, a read-only folder) becomes ``error(exc)``; on any failure the
    temporary file is removed and ``path`` is left as it was.
    """
    tmp: Path | None = None
    try:
        fd, tmp = temporary_beside(path)
        os.close(fd)
        write(tmp)
        publish(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise error(exc) from None
    except BaseException:
        _remove(tmp)
        raise


class AtomicWriter:
    """A text file written piece by piece, published as ``path`` by :meth:`commit`."""

    def __init__(self, path: Path, *, error: ErrorFactory | None = None) -> None:
        self.path = path
        self._error = error or self._default_error
        try:
            fd, self._tmp = temporary_beside(path)
        except OSError as exc:
            raise self._error(exc) from None
        self.handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        try:
            self.handle.write(text)
        except OSError as exc:  # a full disk (ENOSPC), a quota, an I/O error
            raise self._error(exc) from None

    def commit(self) -> None:
        try:
            self.handle.close()
            publish(self._tmp, self.path)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from None

    def abort(self) -> None:
        """Drop the temporary file; never raises (closing may fail again on a full disk)."""
        with contextlib.suppress(OSError):
            self.handle.close()
        _remove(self._tmp)

    def _default_error(self, exc: OSError) -> EventwireError:
        return EventwireError(
            f"cannot write output: {exc.strerror or exc}", code="E113", where=str(self.path)
        )


def _remove(tmp: Path | None) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
