"""eventwire: auditable political event data from news text.

    >>> import eventwire
    >>> doc = eventwire.code("Putin told Boris Johnson ...", date="2021-12-13")
    >>> doc.to_dict()["events"]

``code`` codes one text with a pipeline built once per process; ``Pipeline`` gives full control.
"""

from __future__ import annotations

from functools import lru_cache

from eventwire.doc import ActorMention, Article, Document, Event, Quote
from eventwire.errors import EventwireError, InputError
from eventwire.pipeline import Config, Pipeline

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline with default settings, built on first use and kept for the process."""
    return Pipeline()


def code(
    text: str,
    *,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    pipeline: Pipeline | None = None,
) -> Document:
    """Code one article's text. Returns the :class:`Document` (``.to_dict()`` gives the record).

    Raises :class:`InputError` for text that cannot be coded (empty, not a string, a bad date).
    """
    return (pipeline or default_pipeline()).code(
        text, date=date, id=id, title=title, url=url, source=source
    )


__all__ = [
    "ActorMention",
    "Article",
    "Config",
    "Document",
    "Event",
    "EventwireError",
    "InputError",
    "Pipeline",
    "Quote",
    "__version__",
    "code",
    "default_pipeline",
]
