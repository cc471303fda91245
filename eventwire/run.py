"""The coding job behind `eventwire code` and the demo: inputs in, records out, a summary back.

Kept apart from the CLI so that programs can run the same job: ``run_job(inputs, writer)``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.analysis.summary import Summary
from eventwire.doc import Article, Document
from eventwire.errors import EventwireError, InputError
from eventwire.pipeline import Pipeline

Problem = Callable[[EventwireError], None]


def only_articles(
    results: Iterable[Article | InputError], on_problem: Problem
) -> Iterator[Article]:
    """Pass articles on; report each problem through ``on_problem`` and go on."""
    for item in results:
        if isinstance(item, InputError):
            on_problem(item)
        else:
            yield item


class AtomicWriter:
    """Write to ``path`` through a temporary file in the same folder, renamed into place on success.

    A run that fails half way never leaves a half-written file under the final name.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        except OSError as exc:
            raise EventwireError(
                f"cannot write output: {exc.strerror or exc}", code="E113", where=str(path)
            ) from None
        self._tmp = Path(tmp)
        self.handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        self.handle.write(text)

    def commit(self) -> None:
        self.handle.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        self.handle.close()
        self._tmp.unlink(missing_ok=True)


def record_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def render_pretty(document: Document) -> str:
    """A human-readable view of one coded article."""
    article = document.article
    lines = [f"== {article.title or article.id}  [{article.id}]  {document.date or 'no date'}"]
    if article.path:
        lines.append(f"   from {article.path}")
    record = document.to_dict()
    if record["actors"]:
        seen: dict[str, int] = {}
        for actor in record["actors"]:
            label = f"{actor['text']} ({actor['code'] or '?'})"
            seen[label] = seen.get(label, 0) + 1
        lines.append(
            "actors: " + ", ".join(k + (f" x{n}" if n > 1 else "") for k, n in seen.items())
        )
    for event in record["events"]:
        source = (event["source"] or {}).get("code") or (event["source"] or {}).get("text") or "-"
        target = (event["target"] or {}).get("code") or (event["target"] or {}).get("text") or "-"
        flags = [event["modality"]] + (["quoted"] if event["quoted"] else [])
        lines.append(
            f"event  s{event['sentence_index']:<3} {source:>10} -> {target:<10} "
            f"{event['cameo']:<5} {event['plover']['type'] or '':<14} {event['text']!r} "
            f"({', '.join(flags)}; {event['rule']})"
        )
    for quote in record["quotes"]:
        speaker = quote["speaker"] or {}
        who = speaker.get("name") or speaker.get("text") or "?"
        code = speaker.get("code") or "-"
        text = quote["text"] if len(quote["text"]) < 90 else quote["text"][:87] + "..."
        lines.append(
            f"quote  s{quote['sentence_index']:<3} {quote['kind']:<8} {who} ({code}): {text!r}"
        )
    for error in record["errors"]:
        lines.append(f"error  {error['code']} {error['message']}")
    return "\n".join(lines) + "\n\n"


def run_job(
    articles: Iterable[Article],
    pipeline: Pipeline,
    write: Callable[[Document], None],
    *,
    summary: Summary | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Code every article, hand each coded document to ``write``, and return the summary."""
    summary = summary or Summary()
    started = time.perf_counter()
    for document in pipeline.code_articles(articles):
        write(document)
        summary.add(document.to_dict())
        if progress is not None:
            progress(1)
    summary.seconds += time.perf_counter() - started
    return summary


def stderr_problem(error: EventwireError) -> None:
    print(f"eventwire: skipped {error}", file=sys.stderr)
