"""The coding pipeline: parse each article once, then run the stages over the same Document.

Stages are callables ``stage(document) -> None`` that read the parse and earlier layers and add
their own. Each declares what it ``requires`` and ``assigns`` (layer names); :class:`Pipeline`
checks the order when it is built. A stage that raises on one article records the error in that
article's ``errors`` list; the batch goes on.

    actors  (requires doc)                 assigns actors
    quotes  (requires doc, actors)         assigns quotes
    events  (requires doc, actors, quotes) assigns events
    places  (requires doc, actors, events) assigns places (and each event's location)
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from eventwire.doc import Article, Document
from eventwire.errors import EventwireError
from eventwire.ingest.readers import MAX_CHARS
from eventwire.nlp import BATCH_SIZE, load_nlp

if TYPE_CHECKING:
    from spacy.language import Language


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, document: Document) -> None: ...


@dataclass
class Config:
    """Everything that changes how articles are coded. One value object, no loose keyword sprawl."""

    date: str | None = None  # date for articles that carry none (YYYY-MM-DD)
    model: str | None = None  # spaCy package to prefer
    actor_dictionaries: list[Path] = field(default_factory=list)  # user additions and overrides
    verb_dictionary: Path | None = None  # a CAMEO verb file in PETRARCH-2 syntax
    batch_size: int = BATCH_SIZE  # articles per nlp.pipe batch (32 measured fastest here)
    # Speed settings. fast_nlp swaps in components that give the same annotations with less work
    # and multiplies with numpy's BLAS (see eventwire.nlp); None follows EVENTWIRE_FAST_NLP (on
    # unless set to 0; EVENTWIRE_NUMPY_GEMM=0 keeps thinc's blis alone).
    fast_nlp: bool | None = None
    # The longest article to code (characters); spaCy's own limit is raised to match.
    max_chars: int = MAX_CHARS


class Pipeline:
    """Build once, code many articles. ``Pipeline().code(text)`` for one text."""

    def __init__(self, config: Config | None = None, *, stages: list[Stage] | None = None) -> None:
        self.config = config or Config()
        self.nlp: Language = load_nlp(self.config.model, fast=self.config.fast_nlp)
        self.nlp.max_length = max(self.nlp.max_length, self.config.max_chars)
        self.stages: list[Stage] = stages if stages is not None else self._default_stages()
        self._check_order()

    def _default_stages(self) -> list[Stage]:
        from eventwire.actors import ActorCoder
        from eventwire.events import EventCoder
        from eventwire.places import PlaceResolver
        from eventwire.quotes import QuoteExtractor

        actors = ActorCoder(self.nlp, dictionaries=self.config.actor_dictionaries)
        return [
            actors,
            QuoteExtractor(self.nlp),
            EventCoder(self.nlp, verbs=self.config.verb_dictionary, discards=actors.discarded),
            PlaceResolver(self.nlp),
        ]

    def _check_order(self) -> None:
        available = {"doc"}
        for stage in self.stages:
            missing = [name for name in stage.requires if name not in available]
            if missing:
                raise EventwireError(
                    f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                    f"order is {[s.name for s in self.stages]}",
                    code="E402",
                )
            available.update(stage.assigns)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Parse the articles in batches (``nlp.pipe``) and run every stage on each."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.config.batch_size):
            article.date = article.date or self.config.date  # the date used is the one recorded
            document = Document(article=article, doc=doc, date=article.date)
            self.run_stages(document)
            yield document

    def run_stages(self, document: Document) -> None:
        for stage in self.stages:
            started = time.perf_counter()
            try:
                stage(document)
            except Exception as exc:  # one bad article never stops the batch
                document.add_error(
                    "E401", f"stage {stage.name} failed: {type(exc).__name__}: {exc}"
                )
            document.timings[stage.name] = time.perf_counter() - started

    def code(self, text: str, *, date: str | None = None, **fields: str | None) -> Document:
        """Code one text. ``fields`` are optional Article fields (id, title, url, source).

        Raises :class:`~eventwire.errors.InputError` for text that cannot be coded (empty, not a
        string, a bad date).
        """
        from eventwire.ingest.readers import article_from_json

        given = {"text": text, "date": date, **fields}
        article = article_from_json({k: v for k, v in given.items() if v is not None}, "<text>")
        return next(self.code_articles([article]))
