"""Helpers of the reliability tests: running the real command, checking every span of a record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]

# A plain English news paragraph, long enough for the language check to judge it.
GOOD_TEXT = (
    "Russia warned Ukraine on Monday that any move to join NATO would be a provocation.\n"
    "The Kremlin said President Vladimir Putin would meet Joe Biden in Geneva to discuss the "
    "crisis, and NATO said it was ready for talks with Moscow."
)


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m eventwire.cli ARGS`` as a user runs it; never a traceback on stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("EVENTWIRE_DEBUG", None)
    result = subprocess.run(
        [*EVENTWIRE, *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=cwd or ROOT,
        env=env,
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def records(stdout: bytes) -> list[dict[str, Any]]:
    """JSONL records; split at ``\\n`` only (a record may hold U+2028 or U+0085 raw)."""
    return [json.loads(line) for line in stdout.decode("utf-8").split("\n") if line.strip()]


def span_problems(record: dict[str, Any]) -> list[str]:
    """Every span of a record whose slice of the article text is not the stated text."""
    text = record["article"]["text"]
    problems: list[str] = []

    def check(kind: str, item: dict[str, Any] | None, key: str = "span", name: str = "text"):
        if not item or item.get(key) is None:
            return
        start, end = item[key]
        if not (0 <= start <= end <= len(text)):
            problems.append(f"{kind}: span {start}-{end} outside the text")
        elif name is not None and text[start:end] != item[name]:
            problems.append(f"{kind}: {text[start:end]!r} != {item[name]!r}")

    for actor in record["actors"]:
        check("actor", actor)
    for event in record["events"]:
        check("event trigger", event, name="text" if "text" in event else None)
        check("event source", event.get("source"))
        check("event target", event.get("target"))
        location = event.get("location")
        check("event location", location)
        check("event location phrase", location, key="phrase_span", name="phrase")
        if event.get("sentence") is not None and event.get("span"):
            start, end = event["span"]
            if text[start:end] not in event["sentence"]:
                problems.append(f"event: trigger {text[start:end]!r} not in its sentence")
    for quote in record["quotes"]:
        check("quote", quote)
        check("quote speaker", quote.get("speaker"))
        if quote.get("cue_span") and quote.get("cue"):
            check("quote cue", quote, key="cue_span", name="cue")
    for place in record.get("places") or []:
        check("place", place)
        check("place phrase", place, key="phrase_span", name="phrase")
    return problems


def skipped_lines(stderr: bytes) -> list[str]:
    return [line for line in stderr.decode("utf-8", "replace").splitlines() if "skipped" in line]
