"""Finding place-name mentions in a parse: named entities first, then gazetteer hits.

A mention is a token range whose text the gazetteer knows. Four ways in, from most to least
trusted: a spaCy GPE/LOC/FAC entity (any English spelling the gazetteer lists; only main and
curated names for LOC/FAC); a several-word country, region or sea name the model split or missed
("the Strait of" + "Hormuz"); a one- or two-word entity of another label that is exactly a
country, capital or city of 100,000 people, or any gazetteer city where the parse puts a place
(the small English model calls "Kyiv" a person and "Mariupol" an organisation); a capitalised
name outside any entity that is a country, state, region, capital or city of half a million, or
any city in a place position ("fled Rafah"). Each way is a dict lookup per token n-gram; nothing
loops over the gazetteer.

Names that only look like places are dropped here: a name followed or preceded by another
capitalised name ("Jordan Peterson", "Paris Hilton", "Tropical Storm Florence"), part of an
organisation's name ("Kansas City Chiefs"), a first or last name of a person named in the
article ("Michael Jordan ... Jordan said"), a demonym ("Russian"), seats of institutions ("White
House"), and a one-word person the actor dictionaries know by that very name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.places.gazetteer import Entry, Gazetteer, name_key
from eventwire.places.lexicon import (
    DIRECTION_WORDS,
    NOT_PLACES,
    PLACE_SUFFIXES,
    POSSESSIVE_TOKENS,
)
from eventwire.places.roles import PLACE, is_strong_place, role_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.doc import ActorMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives place names by mistake ("Kyiv" PERSON, "Mariupol" ORG, "Aleppo"
# NORP, "Kursk" PRODUCT): a name under one of them counts when it is a well-known place, or when
# the parse puts it where a place goes.
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
MAX_NGRAM = 6  # "Port-au-Prince" is five tokens
BIG_CITY = 500_000  # a city named outside any entity must be this big to count
KNOWN_CITY = 100_000  # ... and this big when the model calls its name an ORG or PERSON
MAJOR_FEATURES = frozenset({"country", "admin1", "capital", "region", "water", "continent"})
SPANNING_FEATURES = frozenset({"country", "admin1", "region", "water", "continent"})
NAME_POS = ("PROPN", "NOUN", "ADJ")  # parts of speech a name outside any entity may have


@dataclass
class Mention:
    """A token range ``[start, end)`` naming a place, with every gazetteer entry it may be."""

    start: int
    end: int
    source: str  # ner, ner-org, ner-person, gazetteer
    entries: list[Entry] = field(default_factory=list)


def _strip(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and doc[end - 1].text in POSSESSIVE_TOKENS:
        end -= 1
    return start, end


class Words:
    """Each token's text, lower form and part of speech, read once per document as arrays, so the
    scans over every token below touch no ``Token`` object."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        from spacy.attrs import IDX, LENGTH, LOWER, POS
        from spacy.parts_of_speech import IDS

        self.text = doc.text if text is None else text
        rows = doc.to_array([IDX, LENGTH, LOWER, POS]).tolist() if len(doc) else []
        self.starts = [row[0] for row in rows]
        self.ends = [row[0] + row[1] for row in rows]
        self.lowers = [row[2] for row in rows]
        self.pos = [row[3] for row in rows]
        whole = self.text
        self.words = [whole[start:end] for start, end in zip(self.starts, self.ends, strict=True)]
        self.capitalised = [word[:1].isupper() for word in self.words]
        self.the = doc.vocab.strings.add("the")
        self.name_pos = frozenset(IDS[name] for name in NAME_POS)

    def span_text(self, start: int, end: int) -> str:
        """The words of tokens ``[start, end)`` as written, without a possessive ending."""
        if end <= start:
            return ""
        text = self.text[self.starts[start] : self.ends[end - 1]]
        for mark in ("'s", "’s"):
            if text.endswith(mark):
                text = text[: -len(mark)]
        return text


def _longest_matches(
    words: Words, start: int, end: int, gazetteer: Gazetteer, main_only: bool = False
) -> list[tuple[int, int, list[Entry]]]:
    """Greedy longest gazetteer matches inside ``[start, end)``, left to right."""
    found = []
    i = start
    while i < end:
        for n in range(min(MAX_NGRAM, end - i), 0, -1):
            text = words.span_text(i, i + n)
            if name_key(text) in NOT_PLACES:
                continue
            entries = gazetteer.lookup(text)
            if main_only:
                entries = [e for e in entries if gazetteer.is_main_name(text, e)]
            if entries:
                found.append((i, i + n, entries))
                i += n
                break
        else:
            i += 1
    return found


def _plain(token: Token) -> bool:
    """A word that can sit in a place entity beside the name: "eastern", "Oblast", ","."""
    return not _is_capitalised(token) or token.lower_ in DIRECTION_WORDS


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _person_like(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """A place name glued to another capitalised name is part of a person's or thing's name."""
    if end < len(doc):
        nxt = doc[end]
        if (
            _is_capitalised(nxt)
            and nxt.pos_ == "PROPN"
            and nxt.lower_ not in PLACE_SUFFIXES
            and not gazetteer.has_key(name_key(nxt.text))
        ):
            return True
    if start > 0:
        prev = doc[start - 1]
        if (
            _is_capitalised(prev)
            and prev.pos_ == "PROPN"
            and not prev.is_sent_start
            and prev.ent_type_ not in PLACE_LABELS
            and prev.lower_ not in DIRECTION_WORDS
            and not gazetteer.has_key(name_key(prev.text))
        ):
            return True
    return False


def _at_place(token: Token) -> bool:
    """The parse puts the name where a place goes: "in Rafah", "fled Kherson"."""
    role, reason = role_of(token)
    return role == PLACE and is_strong_place(reason)


def _in_locative_phrase(token: Token) -> bool:
    """Said as a place ("in Jordan", "visited Sydney", "Sydney, Australia"), so not the person."""
    if _at_place(token):
        return True
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == ","
        and doc[token.i + 2].ent_type_ in PLACE_LABELS
    )


class EntityIndex:
    """Each token's entity (start, end, label), computed once: ``doc.ents`` rebuilds its list on
    every access, far too slow to call per n-gram."""

    def __init__(self, doc: Doc) -> None:
        self.ents = list(doc.ents)
        self.of_token: dict[int, Span] = {}
        for ent in self.ents:
            for k in range(ent.start, ent.end):
                self.of_token[k] = ent

    def handled(self, start: int, end: int) -> bool:
        """Exactly one entity, or inside one place entity: the entity pass reads it whole."""
        ent = self.of_token.get(start)
        if ent is None or end > ent.end:
            return False
        return (ent.start == start and ent.end == end) or ent.label_ in PLACE_LABELS

    def inside_a_name(self, start: int, end: int) -> bool:
        """Part of a longer organisation or person name ("Kansas City Chiefs")."""
        for k in (start, end - 1):
            ent = self.of_token.get(k)
            if (
                ent is not None
                and ent.label_ not in PLACE_LABELS
                and (ent.start < start or ent.end > end)
            ):
                return True
        return False


def _names_across_entities(
    words: Words, gazetteer: Gazetteer, entities: EntityIndex
) -> list[tuple[int, int, list[Entry]]]:
    """Several-word names of countries, regions and seas that the model split or missed
    ("the Strait of" LOC + "Hormuz" PERSON): main or curated names only."""
    found = []
    capitalised, lowers, the = words.capitalised, words.lowers, words.the
    n_tokens = len(capitalised)
    i = 0
    first_words = gazetteer.first_words
    while i < n_tokens:
        if not capitalised[i] or lowers[i] == the or name_key(words.words[i]) not in first_words:
            i += 1
            continue
        for n in range(min(MAX_NGRAM + 1, n_tokens - i), 1, -1):
            if not capitalised[i + n - 1]:
                continue  # a name ends with a name word, not "'s" or "of"
            text = words.span_text(i, i + n)
            if not gazetteer.has_key(name_key(text)):  # one dict access before anything else
                continue
            if entities.handled(i, i + n) or entities.inside_a_name(i, i + n):
                continue  # the entity pass handles it, or it is part of an organisation's name
            entries = [
                e
                for e in gazetteer.lookup(text)
                if e.feature in SPANNING_FEATURES and gazetteer.is_main_name(text, e)
            ]
            if entries:
                found.append((i, i + n, entries))
                i += n
                break
        else:
            i += 1
    return found


def _person_names(ents: list[Span], actors: list[ActorMention]) -> tuple[set[str], set[int]]:
    """Name words of people in the article, and the tokens actor mentions mark as people."""
    words: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.lower_ for t in ent if t.text not in POSSESSIVE_TOKENS)
    tokens: set[int] = set()
    for actor in actors:  # a person the dictionaries know by exactly this name
        if actor.kind == "person" and actor.rule == "dictionary" and " " not in actor.text:
            tokens.update(range(actor.token_start, actor.token_end))
    return words, tokens


def find_mentions(
    doc: Doc,
    gazetteer: Gazetteer,
    actors: list[ActorMention] | None = None,
    text: str | None = None,
) -> list[Mention]:
    """Every place-name mention in ``doc``, sorted by position, people and demonyms left out.
    ``text`` is the document's text when the caller has it (``doc.text`` rebuilds it)."""
    entities = EntityIndex(doc)
    words = Words(doc, text)
    person_words, person_tokens = _person_names(entities.ents, actors or [])
    demonyms = gazetteer.demonyms
    mentions: list[Mention] = []
    covered: set[int] = set()

    def keep(start: int, end: int, source: str, entries: list[Entry]) -> None:
        text_key = name_key(words.span_text(start, end))
        if text_key in demonyms or any(i in person_tokens for i in range(start, end)):
            return
        if _person_like(doc, start, end, gazetteer):
            return
        if (
            end - start == 1
            and doc[start].lower_ in person_words
            and not _in_locative_phrase(doc[start])
        ):
            return
        mentions.append(Mention(start, end, source, entries))

    spanning = _names_across_entities(words, gazetteer, entities)
    for start, end, entries in spanning:
        keep(start, end, "gazetteer", entries)
        covered.update(range(start, end))

    for ent in entities.ents:
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        covered.update(range(ent.start, ent.end))
        start, end = _strip(ent)
        if start >= end:
            continue
        main_only = ent.label_ != "GPE"  # alternate spellings only where the model saw a GPE
        whole = gazetteer.lookup(words.span_text(start, end)) if ent.label_ in PLACE_LABELS else []
        if whole and start > ent.start and any(e.name.startswith("The ") for e in whole):
            keep(ent.start, end, "ner", whole)  # "The Hague": the article is part of the name
        elif ent.label_ in PLACE_LABELS:
            for m_start, m_end, entries in _longest_matches(
                words, start, end, gazetteer, main_only
            ):
                rest = [*doc[start:m_start], *doc[m_end:end]]
                if all(_plain(t) for t in rest):  # not "Union" inside "the Soviet Union"
                    keep(m_start, m_end, "ner", entries)
        elif ent.label_ in OTHER_LABELS and end - start <= 2:
            text = words.span_text(start, end)
            entries = [e for e in gazetteer.lookup(text) if gazetteer.is_main_name(text, e)]
            if name_key(text) in NOT_PLACES:
                entries = []
            if not _at_place(doc[start:end].root):
                entries = [
                    e for e in entries if e.feature in MAJOR_FEATURES or e.population >= KNOWN_CITY
                ]
            if entries:
                keep(start, end, f"ner-{ent.label_.lower()}", entries)

    i = 0
    n_tokens = len(doc)
    capitalised, pos, name_pos = words.capitalised, words.pos, words.name_pos
    while i < n_tokens:
        if i in covered or not capitalised[i] or pos[i] not in name_pos:
            i += 1
            continue
        matched = False
        for n in range(min(MAX_NGRAM, n_tokens - i), 0, -1):
            if any((i + k) in covered for k in range(n)):
                continue
            text = words.span_text(i, i + n)
            key = name_key(text)
            if key in NOT_PLACES or not gazetteer.has_key(key):
                continue
            known = [e for e in gazetteer.lookup(text) if gazetteer.is_main_name(text, e)]
            entries = [e for e in known if e.feature in MAJOR_FEATURES or e.population >= BIG_CITY]
            if not entries and known and _at_place(doc[i + n - 1]):
                entries = known  # any city where the parse puts a place: "fled Rafah"
            if entries:
                keep(i, i + n, "gazetteer", entries)
                i += n
                matched = True
                break
        if not matched:
            i += 1
    mentions.sort(key=lambda m: m.start)
    return mentions
