"""Crash safety: kills at several points of an ingest, a read-only database, a full disk, and
output files that are never left half-written under their final name.

The kills are real (SIGKILL to a running `eventwire ingest`); the full disk is simulated by making
writes fail with ENOSPC; the read-only database is a file the ingest process may not write (the
process runs as an unprivileged user when the tests run as root, since root ignores permissions).
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.store import open_store
from eventwire.store.ingest import ingest, iter_inputs
from tests.reliability.helpers import EVENTWIRE, ROOT, run_cli
from tests.store.test_ingest import write_articles

pytestmark = pytest.mark.slow

ARTICLES = 12
BATCH = 4


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("EVENTWIRE_DEBUG", None)
    return env


def _ingest_command(folder: Path, db: Path) -> list[str]:
    return [
        *EVENTWIRE, "ingest", str(folder), "--db", str(db), "--batch-size", str(BATCH),
        "--verbose", "--no-progress", "--json",
    ]  # fmt: skip


def _kill_when(folder: Path, db: Path, marker: str | None, delay: float) -> None:
    """Start an ingest, wait for ``marker`` on stderr (None: do not wait), sleep ``delay``,
    SIGKILL it."""
    process = subprocess.Popen(
        _ingest_command(folder, db), cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        if marker is not None:
            deadline = time.monotonic() + 120
            for line in process.stderr:
                if marker in line:
                    break
                assert time.monotonic() < deadline, f"never saw {marker!r}"
        time.sleep(delay)
        assert process.poll() is None, "the ingest ended before the kill: nothing was tested"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def _check_store(db: Path) -> int:
    """The store opens, holds whole batches only, and every stored article has all its rows."""
    if not db.exists():
        return 0
    with open_store(db) as store:
        articles = store.count("articles")
        assert articles % BATCH == 0 or articles == ARTICLES, articles
        orphans = store.scalar(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles)"
        )
        assert orphans == 0
        return articles


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles")
    write_articles(path, ARTICLES)
    return path


@pytest.fixture(scope="module")
def expected_events(folder, pipeline) -> int:
    from eventwire.ingest.readers import iter_articles

    return sum(len(d.events) for d in pipeline.code_articles(iter_articles([folder])))


# (marker on stderr to wait for, extra delay): during start-up (model loading, schema creation);
# once the inputs are read; right after a batch is committed; a moment later (inside the next
# batch's coding or its commit).
KILL_POINTS = [
    ("start-up", None, 1.0),  # imports, model and dictionaries take longer than this
    ("inputs read", "articles to code", 0.0),
    ("after a commit", "committed", 0.0),
    ("during the next batch", "committed", 0.15),
]


@pytest.mark.parametrize(("label", "marker", "delay"), KILL_POINTS, ids=[k[0] for k in KILL_POINTS])
def test_a_kill_at_any_point_leaves_a_store_that_resumes(
    folder, expected_events, tmp_path, label, marker, delay
):
    db = tmp_path / "store.duckdb"
    _kill_when(folder, db, marker, delay)
    stored = _check_store(db)
    assert stored < ARTICLES or label == "during the next batch"
    rerun = subprocess.run(
        _ingest_command(folder, db), cwd=ROOT, env=_env(), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert "Traceback" not in rerun.stderr
    assert rerun.returncode == 0, rerun.stderr
    result = json.loads(rerun.stdout)
    assert result["added"] + result["unchanged"] + result["replaced"] == ARTICLES
    with open_store(db) as store:
        assert store.count("articles") == ARTICLES
        assert store.count("events") == expected_events  # nothing lost, nothing doubled
        assert not store.clusters_stale()


# -- a read-only database and a full disk --------------------------------------------------------


@pytest.fixture
def open_dir():
    """A folder any user can enter (pytest's own temporary root is private to its owner)."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="eventwire-reliability-"))
    os.chmod(path, 0o755)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir():
            os.chmod(sub, 0o755)
    shutil.rmtree(path, ignore_errors=True)


def _unprivileged() -> list[str]:
    """A command prefix that drops root (root ignores file permissions); empty when not root."""
    if os.geteuid() != 0:
        return []
    import shutil

    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture(scope="module")
def filled_db(folder, pipeline, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("filled") / "store.duckdb"
    with open_store(db) as store:
        ingest(iter_inputs([folder]), store, pipeline, batch_size=BATCH)
    return db


def test_a_read_only_database_is_a_clear_error_and_stays_intact(filled_db, open_dir):
    import shutil

    db = open_dir / "store.duckdb"
    shutil.copy(filled_db, db)
    os.chmod(db, 0o444)
    before = db.read_bytes()
    article = open_dir / "new.txt"
    article.write_text("NATO warned Russia on Monday over its troops near Ukraine.\n")
    result = subprocess.run(
        [*_unprivileged(), *EVENTWIRE, "ingest", str(article), "--db", str(db), "--no-progress"],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    assert result.returncode == 3, result.stderr
    assert "[E502]" in result.stderr and str(db) in result.stderr
    assert db.read_bytes() == before
    with open_store(db, read_only=True) as store:
        assert store.count("articles") == ARTICLES


def _unprivileged_ingest(open_dir: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """Ingest one short article into ``db`` as an unprivileged user."""
    article = open_dir / "a.txt"
    article.write_text("NATO warned Russia on Monday over its troops near Ukraine.\n")
    return subprocess.run(
        [*_unprivileged(), *EVENTWIRE, "ingest", str(article), "--db", str(db), "--no-progress"],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _ingest_into_a_read_only_folder(open_dir: Path) -> subprocess.CompletedProcess[str]:
    folder = open_dir / "locked"
    folder.mkdir()
    os.chmod(folder, 0o555)
    result = _unprivileged_ingest(open_dir, folder / "new.duckdb")
    assert "Traceback" not in result.stderr
    assert result.returncode == 3, result.stderr
    assert str(folder / "new.duckdb") in result.stderr
    assert list(folder.iterdir()) == []
    return result


def test_a_read_only_directory_is_a_clear_error(open_dir):
    _ingest_into_a_read_only_folder(open_dir)


def test_a_read_only_directory_is_reported_as_unwritable(open_dir):
    result = _ingest_into_a_read_only_folder(open_dir)
    assert "[E502]" in result.stderr and "another process" not in result.stderr


def test_a_database_in_a_folder_that_cannot_be_entered_is_a_clear_error(open_dir):
    folder = open_dir / "private"
    folder.mkdir()
    os.chmod(folder, 0o700)
    result = _unprivileged_ingest(open_dir, folder / "store.duckdb")
    assert result.returncode == 3, result.stderr
    assert "[E502]" in result.stderr


class _FullDisk:
    """A DuckDB connection whose INSERTs fail with "No space left on device" after ``allowed``."""

    def __init__(self, conn, allowed: int) -> None:
        self._conn = conn
        self.allowed = allowed

    def execute(self, sql, *args, **kwargs):
        if sql.lstrip().upper().startswith("INSERT INTO ARTICLES"):
            if self.allowed <= 0:
                raise duckdb.IOException(
                    f"Could not write file: {os.strerror(errno.ENOSPC)} (errno {errno.ENOSPC})"
                )
            self.allowed -= 1
        return self._conn.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_full_disk_mid_ingest_keeps_every_committed_batch(folder, pipeline, tmp_path):
    from eventwire.errors import EventwireError

    db = tmp_path / "full.duckdb"
    store = open_store(db)
    store.backend.conn = _FullDisk(store.backend.conn, allowed=1)  # the second batch fails
    with pytest.raises(EventwireError) as caught:
        ingest(iter_inputs([folder]), store, pipeline, batch_size=BATCH)
    assert "No space left on device" in str(caught.value)
    store.backend.conn = store.backend.conn._conn
    assert store.count("articles") == BATCH  # the first batch, whole; the second rolled back
    store.close()
    with open_store(db) as again:  # space is back: the next run stores the rest
        result = ingest(iter_inputs([folder]), again, pipeline, batch_size=BATCH)
        assert result.unchanged == BATCH and result.added == ARTICLES - BATCH
        assert again.count("articles") == ARTICLES


# -- output files: never half-written under the final name ---------------------------------------


class _FailingFile:
    """A file object whose writes fail with ENOSPC after ``budget`` characters."""

    def __init__(self, handle, budget: int) -> None:
        self._handle = handle
        self.budget = budget

    def write(self, text):
        self.budget -= len(text)
        if self.budget < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._handle.write(text)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


def _old_content(path: Path) -> bytes:
    path.write_bytes(b'{"old": "results"}\n')
    return path.read_bytes()


def test_code_output_on_a_full_disk_is_a_clear_error_and_no_partial_file(
    folder, tmp_path, monkeypatch, pipeline
):
    import eventwire.engine.local as local
    from eventwire import cli, files

    monkeypatch.setattr(local, "Pipeline", lambda config: pipeline)  # reuse the loaded model
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        files.os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k), 3000)
    )
    out = tmp_path / "coded.jsonl"
    old = _old_content(out)
    with pytest.raises(SystemExit) as exited:
        cli.main(["code", str(folder), "-o", str(out)])
    assert exited.value.code == 3
    assert out.read_bytes() == old  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coded.jsonl"]  # no .part left


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_code_output_killed_mid_run_never_replaces_the_file(folder, tmp_path, how):
    out = tmp_path / "coded.jsonl"
    old = _old_content(out)
    process = subprocess.Popen(
        [*EVENTWIRE, "code", str(folder), str(folder), str(folder), "-o", str(out), "--progress"],
        cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(getattr(signal, how))
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr
    assert out.read_bytes() == old
    left = sorted(p.name for p in tmp_path.iterdir())
    if how == "SIGKILL":  # nothing can clean up after SIGKILL: only a hidden .part may remain
        assert all(name == "coded.jsonl" or name.endswith(".part") for name in left)
    else:
        assert left == ["coded.jsonl"]
        assert process.returncode == {"SIGTERM": 143, "SIGINT": 130}[how]


def test_export_on_a_full_disk_leaves_no_file(filled_db, tmp_path, monkeypatch):
    out = tmp_path / "events.jsonl"
    real_open = Path.open

    def failing_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        return _FailingFile(handle, 2000) if self.name.endswith(".part") else handle

    monkeypatch.setattr(Path, "open", failing_open)
    from eventwire.errors import EventwireError
    from eventwire.export import export

    with open_store(filled_db, read_only=True) as store, pytest.raises(EventwireError) as caught:
        export(store, "jsonl", out)
    assert caught.value.code == "E541"
    assert list(tmp_path.iterdir()) == []


def test_export_killed_mid_write_never_leaves_the_final_name(filled_db, tmp_path):
    out = tmp_path / "events.csv"
    result = run_cli("export", "--db", str(filled_db), "--format", "csv", "-o", str(out))
    assert result.returncode == 0
    complete = out.read_bytes()
    out.unlink()
    # kill exports at increasing delays: the final name holds either nothing or the whole file
    for delay in (0.5, 1.0, 1.5, 2.0, 3.0):
        process = subprocess.Popen(
            [*EVENTWIRE, "export", "--db", str(filled_db), "--format", "csv", "-o", str(out)],
            cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert not out.exists() or out.read_bytes() == complete
        if out.exists():
            out.unlink()
    assert sys.platform != "win32"
