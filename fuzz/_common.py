"""Shared set-up of the fuzz harnesses: the rules every reader must keep on any input.

A reader given arbitrary bytes returns articles or eventwire errors; it never raises anything
else, and every article it returns has non-empty text within the length limit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MAX_CHARS = 20_000  # small, so the length check is reached often


def check_results(results: Iterable[object]) -> None:
    """Every result is an Article with sane text or an EventwireError with a code."""
    from eventwire.doc import Article
    from eventwire.errors import EventwireError

    for item in results:
        if isinstance(item, EventwireError):
            assert item.code and item.code[0] == "E", item
            str(item)  # the message can be printed
        else:
            assert isinstance(item, Article), type(item)
            assert item.text and item.text == item.text.strip(), repr(item.text[:80])
            assert item.id


def run(test_one: Callable[[bytes], None], instrumented: Callable[[], None]) -> None:
    """Start atheris with ``argv`` (libFuzzer flags such as -max_total_time=20)."""
    import atheris

    with atheris.instrument_imports(include=["eventwire"]):
        instrumented()
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()
