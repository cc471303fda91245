"""The one document model every stage reads and extends.

An :class:`Article` owns the text, which never changes. The NLP stage parses it once into a spaCy
``Doc`` (sentences and tokens, each token with its character offset). Later stages add layers to the
:class:`Document`: actor mentions, events, quotes and errors. Every layer item points back into
``article.text`` by a character span ``(start, end)``, so ``article.text[start:end]`` is always the
item's ``text`` (a test checks this for every span of every record).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Span_ = tuple[int, int]
Modality = Literal["asserted", "hypothetical", "conditional", "negated", "denied"]
QuoteKind = Literal["direct", "indirect", "mixed"]


def article_id_for(text: str) -> str:
    """A stable id for an article without one: the first 16 hex digits of the text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article as read from a file, a JSONL line or a web page."""

    text: str
    id: str = ""
    title: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None
    path: str | None = None  # file it came from (with ":LINE" for JSONL)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id_for(self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ActorMention:
    """A mention of an actor in the text, coded in the CAMEO actor scheme where possible.

    ``code`` is the full CAMEO code valid on the article's date (``RUSGOV``, ``IGOWSTNAT``), or None
    for a person or organisation the dictionaries do not know. ``rule`` says how it was found
    (``dictionary``, ``agent``, ``metonym``, ``ner``, ``coref``), and ``antecedent`` is the index in
    ``Document.actors`` of the earlier mention a coreferent one was resolved to.
    """

    text: str
    span: Span_
    code: str | None = None
    country: str | None = None  # ISO-3 (or an IGO/region code such as NATO, EUR, WST)
    sector: str | None = None  # GOV, MIL, REB, OPP, SPY, BUS, ...
    name: str | None = None  # canonical name
    kind: str | None = None  # person, organisation, country, igo, group
    rule: str = "dictionary"
    antecedent: int | None = None
    token_start: int = 0  # token indices into Document.doc, not serialised
    token_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "kind": self.kind,
            "rule": self.rule,
            "antecedent": self.antecedent,
        }

    def ref(self) -> dict[str, Any]:
        """The short form used for an event's source or target and a quote's speaker."""
        return {
            "text": self.text,
            "span": list(self.span),
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
        }


@dataclass
class Place:
    """A place named in the text, resolved against the offline gazetteer (see docs/places.md).

    ``country`` is ISO-3 and ``fips`` the FIPS 10-4 country code (GDELT's ``*Geo_CountryCode``);
    ``admin1`` is the GeoNames first-level code (a US state's postal code). ``feature`` is
    ``country``, ``admin1``, ``capital``, ``city``, ``region``, ``water`` or ``continent``. ``role``
    is ``place`` (somewhere things happen) or ``actor`` (the name stands for a government or a
    country acting: "Moscow said"); only ``place`` mentions become event locations. On an event's
    ``location``, ``phrase``/``phrase_span`` give the words that attach it ("on Ukraine's border").
    """

    text: str
    span: Span_
    name: str
    country: str | None = None
    fips: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str = "city"
    confidence: float = 0.5
    rule: str = ""
    role: str = "place"
    sentence_index: int = 0
    phrase: str | None = None
    phrase_span: Span_ | None = None
    token_start: int = 0  # token indices into Document.doc, not serialised
    token_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "name": self.name,
            "country": self.country,
            "fips": self.fips,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "role": self.role,
            "sentence_index": self.sentence_index,
            "phrase": self.phrase,
            "phrase_span": list(self.phrase_span) if self.phrase_span else None,
        }


@dataclass
class Event:
    """Source actor -> action -> target actor, coded in CAMEO and PLOVER, with its evidence."""

    sentence_index: int
    sentence: str
    span: Span_  # the words that carry the action (the trigger)
    source: ActorMention | None
    target: ActorMention | None
    cameo: str
    root: str
    goldstein: float | None
    quad_class: int | None
    plover_type: str | None = None
    plover_mode: str | None = None
    modality: Modality = "asserted"
    quoted: bool = False
    confidence: float = 0.5
    rule: str = ""
    id: str = ""
    sentence_indices: list[int] = field(default_factory=list)  # all sentences reporting it (merged)
    location: Place | None = None  # where the action happened (places stage)
    source_location: Place | None = None  # where the text puts the source actor
    target_location: Place | None = None  # where the text puts the target actor

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentence_index": self.sentence_index,
            "sentence_indices": self.sentence_indices or [self.sentence_index],
            "sentence": self.sentence,
            "span": list(self.span),
            "text": None,  # filled by Document.to_dict from the article text
            "source": self.source.ref() if self.source else None,
            "target": self.target.ref() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "modality": self.modality,
            "quoted": self.quoted,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "location": self.location.to_dict() if self.location else None,
            "source_location": self.source_location.to_dict() if self.source_location else None,
            "target_location": self.target_location.to_dict() if self.target_location else None,
        }


@dataclass
class Quote:
    """Reported speech: what was said (``span``), the cue word(s) and who said it."""

    text: str
    span: Span_
    kind: QuoteKind
    cue: str | None = None
    cue_span: Span_ | None = None
    speaker: ActorMention | None = None  # the in-text speaker mention, resolved where possible
    speaker_name: str | None = None  # the named actor the speaker resolves to
    speaker_code: str | None = None
    sentence_index: int = 0
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        speaker = None
        if self.speaker is not None:
            speaker = {
                "text": self.speaker.text,
                "span": list(self.speaker.span),
                "name": self.speaker_name or self.speaker.name,
                "code": self.speaker_code or self.speaker.code,
            }
        return {
            "text": self.text,
            "span": list(self.span),
            "kind": self.kind,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "speaker": speaker,
            "sentence_index": self.sentence_index,
            "rule": self.rule,
        }


@dataclass
class Document:
    """An article with its parse and every layer the stages added."""

    article: Article
    doc: Doc | None = None  # the spaCy parse of article.text (one per article)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    date: str | None = None  # the date used for date-aware coding (article date or --date)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, not serialised

    # -- helpers every stage uses -------------------------------------------------------------
    @property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents) if self.doc is not None else []

    def char_span(self, start: int, end: int) -> Span_:
        return (start, end)

    def actor_for_token(self, token: Token) -> ActorMention | None:
        """The actor mention that covers ``token``, if any (the longest one)."""
        best: ActorMention | None = None
        for mention in self.actors:
            if not mention.token_start <= token.i < mention.token_end:
                continue
            if best is None or (mention.token_end - mention.token_start) > (
                best.token_end - best.token_start
            ):
                best = mention
        return best

    def add_error(self, code: str, message: str, sentence_index: int | None = None) -> None:
        self.errors.append({"code": code, "message": message, "sentence_index": sentence_index})

    # -- output ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        text = self.article.text
        events = []
        for event in self.events:
            record = event.to_dict()
            record["text"] = text[event.span[0] : event.span[1]]
            events.append(record)
        return {
            "article": self.article.to_dict(),
            "actors": [m.to_dict() for m in self.actors],
            "events": events,
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "errors": list(self.errors),
        }
