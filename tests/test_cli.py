"""The `eventwire` command as a user runs it: real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE

EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    result = subprocess.run(
        [*EVENTWIRE, *args], input=stdin, capture_output=True, timeout=300, cwd=cwd
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result


def records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "good.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "latin1.txt").write_bytes("Gen\u00e8ve talks".encode("latin-1"))
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": "NATO warned Russia on Monday.", "date": "2021-12-13"})
        + "\n{broken\n"
        + json.dumps({"no": "text"})
        + "\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed_inputs):
    return run("code", str(mixed_inputs), "--date", "2021-12-13")


def test_code_directory_codes_good_articles_and_names_bad_ones(mixed_run, mixed_inputs):
    assert mixed_run.returncode == 1  # something was skipped
    got = records(mixed_run.stdout)
    assert {r["article"]["id"] for r in got} >= {"j1"}
    assert len(got) == 2
    err = mixed_run.stderr.decode()
    for name, code in [
        ("empty.txt", "E103"),
        ("binary.txt", "E104"),
        ("latin1.txt", "E105"),
        ("feed.jsonl:2", "E106"),
        ("feed.jsonl:3", "E107"),
    ]:
        assert f"[{code}] {mixed_inputs / name}" in err, (name, err)


def test_code_seed_article_to_stdout_is_jsonl():
    result = run("code", str(SEED_ARTICLE), "--date", "2021-12-13")
    assert result.returncode == 0, result.stderr.decode()
    (record,) = records(result.stdout)
    assert record["article"]["date"] == "2021-12-13"
    assert record["events"] and record["quotes"] and record["actors"]


def test_code_stdin_to_output_file(tmp_path: Path):
    out = tmp_path / "coded.jsonl"
    feed = b'{"id": "s1", "text": "The EU imposed sanctions on Russia.", "date": "2021-12-13"}\n'
    result = run("code", "-", "-o", str(out), stdin=feed)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["article"]["id"] == "s1"
    assert not list(tmp_path.glob(".*.part")), "no temporary file left behind"


def test_code_pretty_format():
    result = run("code", str(SEED_ARTICLE), "--format", "pretty", "--date", "2021-12-13")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith("== Putin tells British PM")
    assert "event " in text and "quote " in text and "Borrell" in text


def test_missing_path_exits_nonzero_with_message():
    result = run("code", "/no/such/file.txt")
    assert result.returncode == 3
    assert b"[E101] /no/such/file.txt: no such file or directory" in result.stderr


def test_bad_date_option_is_a_usage_error():
    result = run("code", str(SEED_ARTICLE), "--date", "13/12/2021")
    assert result.returncode == 2
    assert b"YYYY-MM-DD" in result.stderr


def test_output_into_unwritable_place_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("code", str(SEED_ARTICLE), "-o", str(blocker / "out.jsonl"))
    assert result.returncode != 0
    assert b"eventwire:" in result.stderr
