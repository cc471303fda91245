"""The ``places`` stage: resolve place mentions, then locate every event and its actors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.doc import Place
from eventwire.places.disambiguate import build_context, choose, qualified_pairs
from eventwire.places.gazetteer import Entry, Gazetteer, load_gazetteer
from eventwire.places.locate import PlaceIndex, locate_actor, locate_event
from eventwire.places.mentions import Mention, find_mentions
from eventwire.places.roles import ACTOR, PLACE, is_strong_place, role_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from eventwire.doc import ActorMention, Document


class PlaceResolver:
    """Fills ``document.places`` and each event's ``location`` and actor locations.

    Reads the parse and the actor and event layers; re-parses nothing. Data is the bundled
    gazetteer (loaded once per process, offline).
    """

    name = "places"
    requires = ("doc", "actors", "events")
    assigns = ("places",)

    def __init__(self, nlp: Language | None = None, *, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()

    def __call__(self, document: Document) -> None:
        doc = document.doc
        if doc is None:
            return
        text = _text_of(doc, document.article.text)
        document.places = self.resolve(doc, document.actors, text)
        index = PlaceIndex(document.places, text)
        for event in document.events:
            try:
                event.location = locate_event(doc, event, index)
                event.source_location = locate_actor(doc, event.source, index)
                event.target_location = locate_actor(doc, event.target, index)
            except Exception as exc:  # one bad sentence never stops the article
                document.add_error(
                    "E401", f"places: {type(exc).__name__}: {exc}", event.sentence_index
                )

    def resolve(self, doc: Doc, actors: list[ActorMention], text: str | None = None) -> list[Place]:
        """Every place mention in ``doc``, resolved and given its role (``text``: the article's,
        when the caller has it)."""
        gazetteer = self.gazetteer
        mentions = find_mentions(doc, gazetteer, actors, text)
        named = {i for m in mentions for i in range(m.start, m.end)}
        # Actors whose country comes from a place name itself ("Paris" coded FRA) would vote for
        # their own reading; only the others speak for the article.
        actor_countries = [
            a.country
            for a in actors
            if a.country and not any(i in named for i in range(a.token_start, a.token_end))
        ]
        context = build_context(mentions, actor_countries, gazetteer)
        settled = qualified_pairs(doc, mentions)
        metonyms = _metonym_tokens(actors)
        sentence_of = _sentence_starts(doc)
        places: list[Place] = []
        for k, mention in enumerate(mentions):
            if k in settled and settled[k] is None:
                continue  # qualified by a state or country it is not in: a place we lack
            choice = choose(mention, context, settled.get(k) or _state_named(doc, mention))
            entry = choice.entry
            span = doc[mention.start : mention.end]
            role, reason = role_of(span.root)
            if any(i in metonyms for i in range(mention.start, mention.end)) and not (
                role == PLACE and is_strong_place(reason)
            ):  # the actor stage's metonym mark, unless the parse plainly puts a place here
                role, reason = ACTOR, "metonym-actor"
            if role == ACTOR and entry.feature in ("capital", "city"):
                reason = f"metonym:{reason}"
            country = gazetteer.countries.get(entry.cc)
            places.append(
                Place(
                    text=span.text,
                    span=(span.start_char, span.end_char),
                    name=entry.name,
                    country=country.iso3 if country else None,
                    fips=country.fips if country else None,
                    admin1=entry.admin1 or None,
                    lat=entry.lat,
                    lon=entry.lon,
                    geonameid=entry.geonameid,
                    feature=entry.feature,
                    confidence=choice.confidence,
                    rule=f"{mention.source}:{choice.how};{role}:{reason}",
                    role=role,
                    sentence_index=sentence_of(mention.start),
                    token_start=mention.start,
                    token_end=mention.end,
                )
            )
        return places


def _text_of(doc: Doc, text: str | None) -> str:
    """The parsed text: the article's when it is the one parsed (no rebuild from the tokens)."""
    if text is not None and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def _state_named(doc: Doc, mention: Mention) -> Entry | None:
    """ "Washington state", "New York state": the first-level division, said outright."""
    if mention.end < len(doc) and doc[mention.end].lower_ == "state":
        states = [e for e in mention.entries if e.feature == "admin1"]
        if len(states) == 1:
            return states[0]
    return None


def _metonym_tokens(actors: list[ActorMention]) -> set[int]:
    tokens: set[int] = set()
    for actor in actors:
        if actor.rule == "metonym":
            tokens.update(range(actor.token_start, actor.token_end))
    return tokens


def _sentence_starts(doc: Doc):
    starts = [sent.start for sent in doc.sents]

    def sentence_of(token_index: int) -> int:
        low, high = 0, len(starts) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if starts[mid] <= token_index:
                low = mid
            else:
                high = mid - 1
        return low

    return sentence_of
