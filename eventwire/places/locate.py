"""Where an event happened, and where the text puts its actors.

Event location, in order of trust:

1. ``attached`` (confidence x1.0): a place tied to the trigger by the parse: a locative
   preposition on the trigger or on its object ("clashed in Minsk", "planning an offensive on
   Ukraine"), a place inside a setting noun so attached ("at a summit in Geneva", "deployment on
   Ukraine's border"), the object of a place verb ("shelled Kharkiv"), or the passive subject
   ("Mariupol was shelled").
2. ``sentence`` (x0.6): the nearest place mention of the trigger's sentence whose role is a place.
3. none. Never the article's first place, and never a name that stands for an actor ("Moscow
   said").

Actor location: the place an actor mention is itself ("Moscow" as a metonym, "Ukraine"), else a
place hanging off the actor's head ("protesters in Minsk", "the mayor of Kharkiv", "Kyiv's mayor").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.places.lexicon import (
    ATTACK_WORDS,
    GEO_NOUNS,
    LOCATIVE_PREPS,
    MOTION_VERBS,
    PLACE_VERBS,
    SETTING_NOUNS,
)
from eventwire.places.roles import NEIGHBOURING, PLACE, is_attack, is_strong_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.doc import ActorMention, Event, Place

SENTENCE_FACTOR = 0.6
BUILD_UP = frozenset({"build", "buildup", "build-up", "up"})  # "build-up" may be three tokens
SPEECH_VERBS = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "write"})
MAX_DEPTH = 3
NOUN_CHILD_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "xcomp", "acomp"})


class PlaceIndex:
    """Token index -> place mention, for the parse-walking rules below."""

    def __init__(self, places: list[Place], text: str | None = None) -> None:
        self.places = places
        self.text = text  # the article text (``doc.text`` rebuilds it from the tokens per call)
        self.by_token: dict[int, Place] = {}
        for place in places:
            for i in range(place.token_start, place.token_end):
                self.by_token[i] = place

    def at(self, token: Token) -> Place | None:
        return self.by_token.get(token.i)


def _phrase(doc: Doc, first: Token, place: Place, text: str | None) -> tuple[str, tuple[int, int]]:
    """The words from the attaching word to the place or the noun it sits in ("on Ukraine's
    border", "at a summit in Geneva"), never running past that noun phrase."""
    start = min(first.idx, place.span[0])
    end = place.span[1]
    if first.dep_ == "prep":
        for pobj in first.children:
            if pobj.dep_ == "pobj":
                end = max(end, pobj.idx + len(pobj.text))
    return (doc.text if text is None else text)[start:end], (start, end)


def _place_in_noun(noun: Token, index: PlaceIndex) -> Place | None:
    """A place named by or inside a noun phrase: "Mariupol", "Ukraine's border"."""
    place = index.at(noun)
    if place is not None:
        return place
    for child in noun.children:
        if child.dep_ in NOUN_CHILD_DEPS:
            place = index.at(child)
            if place is not None and place.role == PLACE:
                return place
    return None


def _locative(prep: Token, governor: Token) -> bool:
    word = prep.lower_
    lemma = governor.lemma_.lower()
    if word in LOCATIVE_PREPS:
        return True
    if word == "of" and (lemma in GEO_NOUNS or governor.lower_ in GEO_NOUNS):
        return True  # "off the coast of Taiwan", "the outskirts of Kyiv"
    if word in ("on", "upon"):
        return True  # the object must still be a place or a geo/setting noun (checked by caller)
    return word in ("to", "for") and lemma in MOTION_VERBS


def _objects(prep: Token) -> list[Token]:
    """A preposition's objects; "on neighbouring Ukraine" is parsed as a verb with an object."""
    found = []
    for child in prep.children:
        if child.dep_ == "pobj":
            found.append(child)
        elif child.dep_ == "pcomp" and child.lower_ in NEIGHBOURING:
            found.extend(c for c in child.children if c.dep_ == "dobj")
    return found


def _search(
    node: Token, index: PlaceIndex, depth: int, *, preps_only: bool = False
) -> tuple[Place, str, Token] | None:
    """Breadth-first over the trigger's preposition and object arcs, nearest first.

    Objects are entered only when they name a setting or an attack ("planning an offensive on
    Ukraine"), not any noun ("showed crowds in Tehran" says where the crowds were)."""
    deeper: list[tuple[Token, Token | None]] = []  # (node, the preposition that led there)
    for child in node.children:
        if preps_only and child.dep_ != "prep":
            continue
        if child.dep_ == "prep" and _locative(child, node):
            for pobj in _objects(child):
                place = index.at(pobj)
                direct_on = child.lower_ in ("on", "upon")
                if place is not None:
                    if place.role == PLACE and (not direct_on or is_attack(node)):
                        return place, f"prep:{child.lower_}", child
                    continue
                lemma = pobj.lemma_.lower()
                if lemma in GEO_NOUNS or lemma in SETTING_NOUNS or pobj.lower_ in GEO_NOUNS:
                    place = _place_in_noun(pobj, index)
                    if place is not None:
                        return place, f"prep:{child.lower_}+{pobj.lower_}", child
                    deeper.append((pobj, child))
        elif child.dep_ in OBJECT_DEPS:
            place = index.at(child)
            if place is not None:
                if place.role == PLACE and node.lemma_.lower() in PLACE_VERBS:
                    return place, "object", child
                continue
            lemma = child.lemma_.lower()
            if (
                child.dep_ == "xcomp"
                or lemma in SETTING_NOUNS
                or lemma in ATTACK_WORDS
                or node.lemma_ in MOTION_VERBS
            ):
                deeper.append((child, None))
        elif child.dep_ == "acl" and node.lemma_.lower() in SETTING_NOUNS:
            deeper.append((child, None))  # "talks hosted in Beijing"
        elif child.dep_ == "nsubjpass":
            place = index.at(child)
            if place is not None and place.role == PLACE:
                return place, "passive-subject", child
    if depth < MAX_DEPTH:
        for nxt, led_by in deeper:
            found = _search(nxt, index, depth + 1)
            if found is not None:
                place, how, first = found
                return place, how, led_by if led_by is not None else first
    return None


def _subject_place(root: Token, index: PlaceIndex) -> tuple[Place, str, Token] | None:
    """ "Protesters in Minsk clashed": the place the subject is said to be in."""
    for child in root.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for prep in child.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "near", "inside", "outside"):
                continue
            for pobj in _objects(prep):
                place = index.at(pobj)
                if place is not None and place.role == PLACE:
                    return place, f"subject-prep:{prep.lower_}", prep
    return None


def _belongs_to_a_noun_event(place_token: Token, trigger: Token) -> bool:
    """On the way up to its verb the place hangs off a noun naming another happening (a
    build-up, an attack), and that noun is not itself the trigger's setting: "told Putin of his
    concern at the build-up on Ukraine's border" locates the build-up, not the telling; "injured
    in a fire near Odessa" and "blocked it at a meeting in Brussels" locate the trigger too."""
    token = place_token
    noun_event = False
    for _ in range(10):
        if token.head.i == token.i or token.i == trigger.i:
            return False
        if token.dep_ == "pobj" and noun_event and token.head.lower_ not in LOCATIVE_PREPS:
            return True  # the happening hangs off a non-locative link ("concern ... of")
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("acl", "amod"):
            return False
        words = {token.lemma_.lower(), token.lower_}
        if token.i != trigger.i and words & (SETTING_NOUNS | ATTACK_WORDS | BUILD_UP):
            noun_event = True
    return False


def _clause_verb(token: Token) -> Token:
    """The verb of the clause ``token`` is in; a participle on a noun ("talks hosted in
    Beijing") belongs to the noun's clause."""
    while token.head.i != token.i and (
        token.pos_ not in ("VERB", "AUX") or token.dep_ in ("acl", "amod")
    ):
        token = token.head
    return token


def _path_deps(lower: Token, upper: Token) -> list[str]:
    deps = []
    while lower.i != upper.i and lower.head.i != lower.i:
        deps.append(lower.dep_)
        lower = lower.head
    return deps


def _clause_covers(place_token: Token, trigger: Token) -> bool:
    """The place sits in the trigger's clause, in its infinitive complement ("agreed to restore
    ties at talks in Beijing"), or in a clause that contains it ("In Kyiv, Russia attacked"), but
    not in a clause of another action ("accused Russia of occupying Abkhazia"), a conjoined one
    ("invaded Ukraine and imposed"), or a reporting clause ("officials in Tbilisi said")."""
    verb = _clause_verb(place_token)
    if verb.i == trigger.i:
        return True
    if trigger.is_ancestor(verb):
        return all(dep in ("xcomp", "prep", "pobj", "dobj") for dep in _path_deps(verb, trigger))
    if verb.is_ancestor(trigger):
        return verb.lemma_.lower() not in SPEECH_VERBS and "conj" not in _path_deps(trigger, verb)
    return False


def _trigger_root(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def locate_event(doc: Doc, event: Event, index: PlaceIndex) -> Place | None:
    """The event's location (a copy of a place mention with the rule and phrase), or None."""
    root = _trigger_root(doc, event)
    if root is None:
        return None
    found = _search(root, index, 0)
    if found is None and root.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        found = _search(root.head, index, 1)
    if found is None and root.dep_ in ("xcomp", "conj") and root.head.pos_ == "VERB":
        # "met in Vienna and agreed ...": a setting shared by the conjoined verbs, not the
        # object of the first ("invaded Ukraine and imposed sanctions").
        found = _search(root.head, index, 1, preps_only=True)
    if found is None:
        found = _subject_place(root, index)
    if found is not None:
        place, how, first = found
        phrase, phrase_span = _phrase(doc, first, place, index.text)
        return replace(
            place,
            rule=f"attached:{how}|{place.rule}",
            phrase=phrase,
            phrase_span=phrase_span,
        )
    sentence = root.sent
    nearest: Place | None = None
    distance = 10**9
    for place in index.places:
        if place.role != PLACE or not sentence.start <= place.token_start < sentence.end:
            continue
        if not is_strong_place(place.rule.rsplit(";place:", 1)[-1]):
            continue
        if not _clause_covers(doc[place.token_start], root):
            continue
        token = doc[place.token_end - 1]
        if token.dep_ in ("appos", "npadvmod") and index.at(token.head) is not None:
            continue  # "Athens, Georgia": the town, not its state
        if place.rule.endswith(";place:prep:from"):
            continue  # "refugees from Syria": where someone came from, not where this happened
        if _belongs_to_a_noun_event(doc[place.token_start], root):
            continue  # "told Putin of his concern at the build-up on Ukraine's border"
        gap = abs(place.token_start - root.i)
        if gap < distance:
            nearest, distance = place, gap
    if nearest is None:
        return None
    return replace(
        nearest,
        rule=f"sentence|{nearest.rule}",
        confidence=nearest.confidence * SENTENCE_FACTOR,
    )


def locate_actor(doc: Doc, actor: ActorMention | None, index: PlaceIndex) -> Place | None:
    """Where the text puts ``actor``: the place it names, or one attached to its head word."""
    if actor is None or doc is None:
        return None
    span = doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    for token in span:
        place = index.at(token)
        if place is not None:
            return replace(place, rule=f"actor:named|{place.rule}")
    head = span.root
    for child in head.children:
        if child.dep_ in NOUN_CHILD_DEPS:
            place = index.at(child)
            if place is not None:
                return replace(place, rule=f"actor:modifier|{place.rule}")
        if child.dep_ == "prep" and child.lower_ in ("in", "from", "of", "at", "near"):
            for pobj in child.children:
                place = index.at(pobj) if pobj.dep_ == "pobj" else None
                if place is not None:
                    return replace(place, rule=f"actor:prep:{child.lower_}|{place.rule}")
    return None
