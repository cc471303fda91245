"""Is a named place somewhere things happen, or does the name stand for someone acting?

"Moscow said", "Washington warned", "Kyiv's bid to join NATO", "sanctions on Russia": the name is
an actor (a government metonym or a country acting). "in Mariupol", "on Ukraine's border",
"shelled Kharkiv", "the territory of Ukraine": it is a place. The decision reads the dependency
arc that ties the name into its clause; an actor mention that an earlier stage coded as a
metonym settles it too. Only ``place`` mentions can become event locations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.places.lexicon import (
    ACTOR_NOUNS,
    ATTACK_WORDS,
    GEO_NOUNS,
    LOCATIVE_PREPS,
    MOTION_VERBS,
    NON_AGENT_VERBS,
    PLACE_VERBS,
    SETTING_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE = "place"
ACTOR = "actor"
NEIGHBOURING = frozenset({"neighbouring", "neighboring"})

# Reasons strong enough for a place to stand as its sentence's location when nothing in the
# parse attaches one to the event itself.
STRONG_PLACE_REASONS = frozenset(
    {"poss-geo", "subject-passive", "object-of-place-verb", "prep:on-attack", "prep:of-geo"}
)


def is_strong_place(reason: str) -> bool:
    return reason in STRONG_PLACE_REASONS or (reason.startswith("prep:") and reason != "prep:by")


def anchor(token: Token) -> Token:
    """The token whose arc says what a name does: climb compounds, appositions and conjuncts
    that hang off another name ("Paris, Texas", "Ukraine and Moldova")."""
    seen = 0
    while seen < 6 and token.head.i != token.i:
        name_part = token.dep_ in ("compound", "flat", "npadvmod") and token.head.pos_ == "PROPN"
        conjunct = token.dep_ in ("conj", "appos")  # "the allies and Ukraine": as the first
        neighbouring = token.dep_ == "dobj" and token.head.lower_ in NEIGHBOURING
        if not (name_part or conjunct or neighbouring):
            break
        token = token.head
        seen += 1
    return token


def is_attack(governor: Token) -> bool:
    """An attack word, or a verb whose object is one ("planning an offensive on ...")."""
    if governor.lemma_.lower() in ATTACK_WORDS or governor.lower_ in ATTACK_WORDS:
        return True
    return any(
        child.dep_ == "dobj" and (child.lower_ in ATTACK_WORDS or child.lemma_ in ATTACK_WORDS)
        for child in governor.children
    )


def _from_to(to_prep: Token) -> bool:
    governor = to_prep.head
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in governor.children):
        return True
    return governor.dep_ == "pobj" and governor.head.lower_ == "from"


def role_of(token: Token) -> tuple[str, str]:
    """``(role, reason)`` for the name whose head word is ``token``."""
    token = anchor(token)
    dep = token.dep_
    head = token.head
    head_lemma = head.lemma_.lower()
    if dep == "poss":
        if head_lemma in GEO_NOUNS or head.lower_ in GEO_NOUNS:
            return PLACE, "poss-geo"
        return ACTOR, "poss"
    if dep in ("compound", "amod", "nmod"):
        if head_lemma in ACTOR_NOUNS or head.lower_ in ACTOR_NOUNS:
            return ACTOR, "modifier"
        if head.dep_ == "nsubj" and head.head.lemma_.lower() not in NON_AGENT_VERBS:
            return ACTOR, "modifier-of-subject"  # "Washington state sued"
        if head_lemma in GEO_NOUNS or head_lemma in SETTING_NOUNS:
            return PLACE, "modifier-geo"
        if head.dep_ in ("nsubjpass", "poss") or head.head.dep_ == "agent":
            return ACTOR, "modifier-of-subject"
        return PLACE, "modifier"
    if dep in ("nsubj", "csubj"):
        if head_lemma in NON_AGENT_VERBS:
            return PLACE, "subject-of-state"
        return ACTOR, "subject"
    if dep == "nsubjpass":
        if head_lemma in PLACE_VERBS:
            return PLACE, "subject-passive"
        return ACTOR, "subject-passive"
    if dep == "dobj":
        if head_lemma in PLACE_VERBS:
            return PLACE, "object-of-place-verb"
        return ACTOR, "object"
    if dep in ("pobj", "pcomp"):
        prep = head.lower_
        governor = head.head
        gov_lemma = governor.lemma_.lower()
        if head.dep_ == "agent":
            return ACTOR, "agent"
        if prep == "by":
            return ACTOR, "agent"
        if prep in ("from", "of") and (gov_lemma in ACTOR_NOUNS or governor.lower_ in ACTOR_NOUNS):
            return ACTOR, f"origin:{prep}"  # "warships from Britain", "the president of Russia"
        if prep in LOCATIVE_PREPS:
            return PLACE, f"prep:{prep}"
        if prep in ("on", "upon"):
            if is_attack(governor):
                return PLACE, "prep:on-attack"
            if gov_lemma in SETTING_NOUNS:
                return PLACE, "prep:on"
            return ACTOR, "prep:on"
        if prep == "to" and _from_to(head):
            return PLACE, "prep:from-to"  # "from Tbilisi to Baku"
        if prep in ("to", "for") and (gov_lemma in MOTION_VERBS or gov_lemma in SETTING_NOUNS):
            return PLACE, f"prep:{prep}-motion"
        if prep == "of" and (gov_lemma in GEO_NOUNS or governor.lower_ in GEO_NOUNS):
            return PLACE, "prep:of-geo"
        if prep == "over" and gov_lemma in ("fly", "flight", "shoot", "down", "crash", "airspace"):
            return PLACE, "prep:over"
        return ACTOR, f"prep:{prep}"
    if dep == "attr":
        return PLACE, "attribute"
    return PLACE, dep or "root"
