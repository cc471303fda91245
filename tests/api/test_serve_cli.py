"""``eventwire serve`` as a user runs it: a real uvicorn process on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _get(url: str, **kwargs) -> tuple[int, dict]:
    request = urllib.request.Request(url, **kwargs)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def _wait(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve stopped: {process.stderr.read()}")
        try:
            _get(f"http://127.0.0.1:{port}/health")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("serve did not answer within 60 s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_serve_is_read_only_by_default(coded_db):
    port = _free_port()
    process = _serve("--db", str(coded_db), "--port", str(port))
    try:
        _wait(process, port)
        status, health = _get(f"http://127.0.0.1:{port}/health")
        assert status == 200 and health["writable"] is False
        status, page = _get(f"http://127.0.0.1:{port}/events?actor=RUS&limit=5")
        assert status == 200 and page["total"] > 0 and len(page["items"]) == 5
        status, error = _get(f"http://127.0.0.1:{port}/ingest", data=b'{"text": "x"}')
        assert status == 403 and error == {**error, "ok": False, "status": 403}
    finally:
        _stop(process)


def test_serve_refuses_writes_without_a_token_and_a_missing_database(tmp_path):
    env = {"EVENTWIRE_TOKEN": ""}
    refused = _serve("--db", str(tmp_path / "x.duckdb"), "--allow-writes", env=env)
    _, err = refused.communicate(timeout=60)
    assert refused.returncode != 0 and "EVENTWIRE_TOKEN" in err
    missing = _serve("--db", str(tmp_path / "missing.duckdb"))
    _, err = missing.communicate(timeout=60)
    assert missing.returncode != 0 and "missing.duckdb" in err and "Traceback" not in err
    assert not (tmp_path / "missing.duckdb").exists()  # read-only: nothing created
    import duckdb

    duckdb.connect(str(tmp_path / "other.duckdb")).close()  # a database, but not eventwire's
    other = _serve("--db", str(tmp_path / "other.duckdb"))
    _, err = other.communicate(timeout=60)
    assert other.returncode != 0 and "not an eventwire database" in err
