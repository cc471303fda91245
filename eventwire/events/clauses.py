"""Where the parse puts things around a trigger: the verb that governs it, the phrases beside
it (recipients, topics, places, purposes), the clause it opens, and small tests on actors that
several steps of the events coder share. Functions of tokens and mentions only; no coding here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.doc import ActorMention
from eventwire.events.arguments import (
    LOCATIVE_PREPS,
    OBJECT_CONTROL_LEMMAS,
    ActorIndex,
    object_heads,
    prep_objects,
)
from eventwire.events.codes import cameo_info

if TYPE_CHECKING:
    from spacy.tokens import Token


SAY_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "state",
        "announce",
        "claim",
        "insist",
        "add",
        "declare",
        "report",
        "warn",
        "argue",
        "allege",
        "assert",
        "explain",
        "write",
        "tweet",
        "note",
        "stress",
        "emphasise",
        "emphasize",
        "underline",
        "reiterate",
        "confirm",
        "accuse",
        "charge",
        "complain",
        "suggest",
        "believe",
        "think",
    }
)


FIGHT_NOUNS = frozenset(
    {"war", "offensive", "attack", "assault", "invasion", "operation", "strike", "campaign"}
)


def governing_verb(verb: Token) -> Token | None:
    """The verb whose complement clause ``verb`` heads (``denies [it plans ...]``)."""
    token = verb
    for _ in range(3):
        if token.dep_ not in ("ccomp", "xcomp") or token.head is token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in token.children
        ):
            return token
    return None


def actors_from(anchor: Token, index: ActorIndex) -> list[ActorMention]:
    """Actors at or after a marker's anchor token: its phrase, else the nearest one that follows."""
    found = index.coordinated(anchor)
    if found:
        return found
    sentence = anchor.sent
    for token in sentence[anchor.i - sentence.start :]:
        mention = index.at(token)
        if mention is not None:
            return [mention]
    return []


def own_subjects(verb: Token) -> bool:
    """The coordinated subject is the verb's own, or that of the verb whose infinitive it is
    ("Britain and France agreed to share intelligence"), not an object told to act."""
    if verb.dep_ in ("acl", "relcl", "advcl"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return verb.dep_ != "xcomp"
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() not in OBJECT_CONTROL_LEMMAS
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    )


# roots of actions whose place may stand for their target: visits and meetings ("arrived in
# Beijing"), protests, force, sanctions, coercion, assaults, fights ("airstrikes in Gaza")
PLACED_ROOTS = frozenset({"04", "14", "15", "16", "17", "18", "19", "20"})


def home_ground(verb: Token, code: str | None, source: ActorMention, target: ActorMention) -> bool:
    """Is the target only a place of the source's own country where the verb's (verbal,
    cooperative or conceding) action happens: the object of a preposition of place on the verb?"""
    if code is None or cameo_info(code).root in PLACED_ROOTS:
        return False
    if not source.country or source.country != target.country:
        return False
    token = verb.doc[target.token_start : target.token_end].root
    while token.dep_ in ("compound", "amod", "det") and token.head.i != token.i:
        token = token.head
    return (
        token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS and token.head.head.i == verb.i
    )


def venue(verb: Token, actor: ActorMention) -> bool:
    """Is the actor only where the verb's action takes place ("signed a peace agreement in
    Pretoria", "met at a summit in Bali"): the object of a preposition of place on the verb or
    its object?"""
    token = verb.doc[actor.token_start : actor.token_end].root
    for _ in range(8):
        if token.head.i == token.i:
            return False
        if token.dep_ in ("compound", "amod", "det", "nummod", "poss", "conj", "appos"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of":
            token = token.head.head  # "in the Sea of Japan"
        else:
            break
    if token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE_PREPS:
        return False
    attached = token.head.head
    return attached.i == verb.i or (attached.head.i == verb.i and attached.dep_ in ("dobj", "obj"))


def told_action_positions(verb: Token, region: list[Token]) -> frozenset[int]:
    """Positions (in ``region``) of the infinitive clause of what the verb's object is told,
    ordered or urged to do ("told Israel to withdraw"): the withdrawal is Israel's, not the
    teller's, so the teller's bare pattern words ("- * WITHDRAW", written for "announced a
    withdrawal") do not match there; "(TO WITHDRAW)" patterns still do."""
    if verb.lemma_.lower() not in OBJECT_CONTROL_LEMMAS:
        return frozenset()
    if not any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children):
        return frozenset()
    told: set[int] = set()
    for child in verb.children:
        if child.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            told.update(t.i for t in child.subtree)
    if not told:
        return frozenset()
    return frozenset(position for position, t in enumerate(region) if t.i in told)


def beside_phrase(head: Token, actor: ActorMention) -> bool:
    """Is the actor outside the phrase ``head`` heads proper, reached only through a participle
    or appositive hung on it ("strings attached, Cuba")?"""
    doc = head.doc
    token = doc[actor.token_start : actor.token_end].root
    if head.i in range(actor.token_start, actor.token_end):
        return False
    for _ in range(12):
        if token.head.i == token.i or token.i == head.i:
            return False
        if token.head.i == head.i:
            return token.dep_ in ("acl", "appos", "relcl", "npadvmod")
        token = token.head
    return False


def conjoined_prep_objects(actors: list[ActorMention], heads: list[Token]) -> list[Token]:
    """Objects of prepositions coordinated with the one whose object names ``actors``
    ("sanctions on Iran and on Syria": ``on Syria`` hangs on the first ``on``)."""
    found = []
    for other in heads:
        prep = other.head
        if other.dep_ != "pobj" or prep.dep_ != "conj" or prep.pos_ != "ADP":
            continue
        first = prep.head
        if any(
            m.token_start <= c.i < m.token_end
            for c in first.children
            if c.dep_ == "pobj"
            for m in actors
        ):
            found.append(other)
    return found


RECIPIENT_PREPS = frozenset({"to", "into", "against", "toward", "towards", "for", "with", "on"})


def recipient_phrase(head: Token) -> bool:
    """Is ``head`` the object of a preposition naming whom an action reaches ("to Mali",
    "against Iraq"), not where it happens ("in Moscow")?"""
    return head.dep_ == "pobj" and head.head.lower_ in RECIPIENT_PREPS


def is_topic_phrase(head: Token) -> bool:
    """Is ``head`` the object of an ``on``/``over``/``about`` phrase (what talks are about)?"""
    return head.dep_ == "pobj" and head.head.lower_ in ("on", "over", "about", "regarding")


def nearest_actor(region: list[Token], index: ActorIndex, *, reverse: bool) -> ActorMention | None:
    """The actor (coded, or placed in a country) nearest the verb among a clause side's tokens."""
    for token in reversed(region) if reverse else region:
        mention = index.at(token)
        if mention is not None and (mention.code or mention.country):
            if not reverse and in_place_phrase(token):
                continue  # "reached a consensus ... at a conference in the Middle East": a place
            return mention
    return None


def in_place_phrase(token: Token) -> bool:
    """The word is the object of a preposition of place ("in the Middle East")."""
    head = token
    while head.dep_ in ("compound", "amod", "det", "nummod", "poss") and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def thing_does_infinitive(trigger: Token, index: ActorIndex) -> bool:
    """A ``to`` infinitive complement whose parsed subject is a thing, not an actor ("wants talks
    to curb", "expects the measures to deter"): a purpose, not an action of its own."""
    if trigger.dep_ not in ("ccomp", "xcomp") or trigger.tag_ != "VB":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(
        s.pos_ == "NOUN" and not index.coordinated(s, partners=False) for s in subjects
    )


def purpose_of_noun(trigger: Token) -> Token | None:
    """For an infinitive describing a noun ("talks to curb", "a consensus to exchange"), the verb
    the noun depends on ("wants", "reached"); None otherwise."""
    first = trigger
    while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.tag_ == "VB":
        first = first.head  # "a presence to protect them ... and prevent a war"
    trigger = first
    if trigger.dep_ != "acl" or trigger.tag_ != "VB":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return None
    noun = trigger.head
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    for _ in range(2):
        # "demanded a meeting of the U.N. Security Council to discuss ...": up through the
        # noun phrase the purpose's noun stands in
        if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ in ("dobj", "obj", "pobj"):
            governor = governor.head.head if governor.dep_ == "pobj" else governor.head
    if governor.i == noun.i or governor.pos_ not in ("VERB", "AUX"):
        return None
    return governor


def same_actor(a: ActorMention, b: ActorMention) -> bool:
    if a is b:
        return True
    if a.code and b.code:
        return a.code == b.code
    return a.span == b.span


def actor_key(actor: ActorMention | None) -> str:
    if actor is None:
        return "-"
    return actor.code or (actor.name or actor.text).lower()


def speech_verb(trigger: Token) -> Token | None:
    """The verb of saying whose reported clause holds ``trigger`` (``said that NATO threatens``)."""
    token = trigger
    for _ in range(4):
        if token.head is token:
            return None
        if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in SAY_LEMMAS:
            return token.head
        if token.dep_ not in (
            "conj",
            "xcomp",
            "ccomp",
            "advcl",
            "relcl",
            "acl",
            "pcomp",
            "prep",
            "pobj",
            "dobj",
        ):
            return None
        token = token.head
    return None


MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def time_reference(phrase: str) -> bool:
    words = phrase.lower().split()
    return (
        any(w.isdigit() for w in words)
        or words[-1] in ("ago", "later", "earlier")
        or any(w in MONTHS for w in words)
        or "war" in words
    )


def conditional_clause(verb: Token) -> Token | None:
    """An ``if``/``unless`` clause attached to the verb or its complement, if any."""
    for head in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
        for child in head.children:
            if child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children
            ):
                return child
    return None


def is_conflict(code: str) -> bool:
    quad = cameo_info(code).quad_class
    return quad in (3, 4) or code[:2] == "16"


def is_media(actor: ActorMention | None) -> bool:
    if actor is None or not actor.code:
        return False
    return actor.sector == "MED" or actor.code.endswith("MED") or actor.code[3:6] == "MED"


def identified(actor: ActorMention | None) -> bool:
    """An actor an event can name: coded, or an uncoded person or group the actor layer placed in
    a country ("Ibo elders", "students throughout Indonesia")."""
    return actor is not None and bool(actor.code or actor.country)


OWNER_PRONOUNS = frozenset({"its", "their", "his", "her"})


LOCATION_PREPS = frozenset({"near", "in", "at", "outside", "inside", "around", "on"})


def place_in_phrase(head: Token, mention: ActorMention) -> bool:
    """Is the mention reached from ``head`` only through a preposition of place ("a bomb near
    Basra", "a blast in Kabul")?"""
    token = head.doc[mention.token_start]
    for _ in range(8):
        if token.i == head.i or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ in LOCATION_PREPS and token.head.i == head.i:
            return True
        token = token.head
    return False


def clause_depth(token: Token) -> int:
    """How many clause links separate the verb from the sentence's main verb."""
    depth = 0
    while token.head.i != token.i and depth < 20:
        token = token.head
        depth += 1
    return depth


def purpose_form(verb: Token) -> bool:
    """A ``to`` infinitive or a participle hanging on another word ("to demand", "calling for")."""
    if verb.dep_ not in ("advcl", "acl", "xcomp"):
        return False
    return verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def adversaries_of_purpose(verb: Token, index: ActorIndex) -> list[ActorMention]:
    """Actors a fight named in the verb's "for" phrase is against ("for a war against Iraq")."""
    found: list[ActorMention] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for noun in prep_objects(prep):
            if noun.lemma_.lower() not in FIGHT_NOUNS:
                continue
            for inner in noun.children:
                if inner.dep_ == "prep" and inner.lower_ in ("against", "on", "with"):
                    for head in prep_objects(inner):
                        found.extend(m for m in index.coordinated(head) if identified(m))
    return found


def distinct_coded(actors: list[ActorMention]) -> list[ActorMention]:
    found: list[ActorMention] = []
    for actor in actors:
        if actor.code and all(actor.code != other.code for other in found):
            found.append(actor)
    return found


def has_object(verb: Token) -> bool:
    """Does the verb (or its complement) have an object, coded or not: a noun, a clause
    ("warned that ..."), or the noun a relative clause hangs on ("a demand he rejected")?"""
    if verb.dep_ == "relcl" or object_heads(verb):
        return True
    if any(c.dep_ in ("ccomp", "dobj", "dative") for c in verb.children):
        return True
    return any(object_heads(c) for c in verb.children if c.dep_ == "xcomp")


def plain_statement(code: str | None) -> bool:
    return code is not None and code in ("010", "01")
