"""The coding job behind `eventwire code` and the demo: records in, written out, a summary back.

Kept apart from the CLI so that programs can run the same job: ``run_job(records, write)``.
"""

from __future__ import annotations

import json
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eventwire.analysis.summary import Summary
from eventwire.doc import Article
from eventwire.errors import EventwireError, InputError

Problem = Callable[[EventwireError], None]
Record = dict[str, Any]


def only_articles(
    results: Iterable[Article | InputError], on_problem: Problem
) -> Iterator[Article]:
    """Pass articles on; report each problem through ``on_problem`` and go on."""
    for item in results:
        if isinstance(item, InputError):
            on_problem(item)
        else:
            yield item


def record_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def render_pretty(record: Record) -> str:
    """A human-readable view of one coded article record."""
    article = record["article"]
    lines = [
        f"== {article['title'] or article['id']}  [{article['id']}]  {article['date'] or 'no date'}"
    ]
    if article["path"]:
        lines.append(f"   from {article['path']}")
    if record["actors"]:
        seen: dict[str, int] = {}
        for actor in record["actors"]:
            label = f"{actor['text']} ({actor['code'] or '?'})"
            seen[label] = seen.get(label, 0) + 1
        labels = [k + (f" x{n}" if n > 1 else "") for k, n in seen.items()]
        lines += textwrap.wrap(
            "actors: " + ", ".join(labels), width=100, subsequent_indent="        "
        )
    for event in record["events"]:
        source = _label(event["source"])
        target = _label(event["target"])
        flags = [event["modality"]] + (["quoted"] if event["quoted"] else [])
        lines.append(
            f"event  s{event['sentence_index']:<3} {source:>10} -> {target:<10} "
            f"{event['cameo']:<5} {event['plover']['type'] or '':<14} {event['text']!r} "
            f"({', '.join(flags)}; {_short(event['rule'], 48)})"
        )
    for quote in record["quotes"]:
        speaker = quote["speaker"] or {}
        who = speaker.get("name") or speaker.get("text") or "?"
        text = _short(quote["text"], 80)
        lines.append(
            f"quote  s{quote['sentence_index']:<3} {quote['kind']:<8} "
            f"{who} ({speaker.get('code') or '-'}): {text!r}"
        )
    for error in record["errors"]:
        lines.append(f"error  {error['code']} {error['message']}")
    return "\n".join(lines) + "\n\n"


def _short(text: str, width: int) -> str:
    """One line of at most ``width`` characters (the full text stays in the JSON record)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(ref: dict[str, Any] | None) -> str:
    if not ref:
        return "-"
    return str(ref.get("code") or ref.get("text") or "-")


def run_job(
    records: Iterable[Record],
    write: Callable[[Record], None],
    *,
    summary: Summary | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Hand each coded record to ``write`` and return the summary of them all."""
    summary = summary or Summary()
    started = time.perf_counter()
    for record in records:
        write(record)
        summary.add(record)
        if progress is not None:
            progress(1)
    summary.seconds += time.perf_counter() - started
    return summary


def stderr_problem(error: EventwireError) -> None:
    print(f"eventwire: skipped {error}", file=sys.stderr)
