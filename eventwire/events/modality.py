"""Is the action asserted, or only negated, denied, conditional or hypothetical?

Read from the parse around the trigger and up its chain of governing words:

* negated: the trigger carries a negation (``did not attack``, ``never attacked``);
* denied: a governing verb of denial (``denies it plans to invade``);
* conditional: the trigger's clause, or one governing it, opens with ``if``/``unless``;
* hypothetical: a modal on the trigger (``could``, ``may``, ``might``, ``would``, ``should``) or a
  governing word of intention, threat, fear or plan (``threatens to``, ``is planning``,
  ``readiness to
  impose``, ``fearing an invasion``).

The strongest reading wins (denied > negated > conditional > hypothetical). The governing word is
returned too, so that the coder can code a threat as the threat (CAMEO 13) rather than as the
attack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATIONS = frozenset({"not", "n't", "never", "no"})
MODALS = frozenset({"could", "may", "might", "would", "should", "can", "ca", "must", "shall"})
DENIAL_LEMMAS = frozenset({"deny", "refute", "dismiss", "rule", "disavow", "reject"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
THREAT_LEMMAS = frozenset({"threaten", "warn", "vow", "menace"})
INTENT_LEMMAS = frozenset(
    {
        "plan",
        "intend",
        "want",
        "seek",
        "prepare",
        "consider",
        "propose",
        "aim",
        "hope",
        "expect",
        "wish",
        "try",
        "attempt",
        "fear",
        "mull",
        "contemplate",
        "weigh",
        "plot",
        "ready",
        "readiness",
        "willingness",
        "able",
        "likely",
        "possible",
        "prospect",
        "intention",
        "threat",
        "risk",
        "pledge",
        "promise",
        "offer",
        "decide",
        "agree",
        "ask",
        "urge",
        "call",
        "demand",
        "request",
        "need",
        "push",
        "press",
        "allow",
        "refuse",
        "decline",
        "fail",
        "possibility",
        "potential",
        "signal",
        "believe",
        "assess",
        "suspect",
        "claim",
        "allege",
    }
)
# words through which modality passes down to the trigger
GOVERNING_DEPS = frozenset(
    {"xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "dobj", "conj", "prep"}
)
MAX_DEPTH = 4


@dataclass(frozen=True)
class ModalityReading:
    modality: str  # asserted | hypothetical | conditional | negated | denied
    governor: Token | None = None  # the word that made it so (a threat verb, a denial...)
    cue: str = ""


def _negated(token: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det"))
        for c in token.children
    )


def _modal(token: Token) -> str:
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return child.lower_
    return ""


def _conditional(token: Token) -> str:
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in CONDITION_MARKS:
            return child.lower_
    return ""


def read_modality(trigger: Token, stop: Token | None = None) -> ModalityReading:
    """The modality of the action whose trigger is ``trigger``.

    ``stop`` is a governing verb of reported speech above which nothing is inherited (what the
    Kremlin says NATO does is asserted by the Kremlin; ``quoted`` tells the rest).
    """
    found: list[ModalityReading] = []
    if _negated(trigger):
        found.append(ModalityReading("negated", trigger, "not"))
    mark = _conditional(trigger)
    if mark:
        found.append(ModalityReading("conditional", trigger, mark))
    modal = _modal(trigger)
    if modal:
        found.append(ModalityReading("hypothetical", trigger, modal))
    token = trigger
    for _ in range(MAX_DEPTH):
        if token.dep_ not in GOVERNING_DEPS or token.head is token:
            break
        head = token.head
        if stop is not None and head is stop:
            break
        lemma = head.lemma_.lower()
        if token.dep_ == "conj":
            # a coordinated verb shares its governor's modal, not its meaning ("denies X and says")
            if _modal(head) and not _modal(token):
                found.append(ModalityReading("hypothetical", head, _modal(head)))
        elif lemma in DENIAL_LEMMAS and head.pos_ == "VERB" and token.dep_ in ("ccomp", "xcomp"):
            if lemma != "rule" or any(c.lower_ == "out" for c in head.children):
                found.append(ModalityReading("denied", head, head.lower_))
        elif token.dep_ != "advcl" and (
            lemma in THREAT_LEMMAS or (lemma in INTENT_LEMMAS and head.i != trigger.i)
        ):
            found.append(ModalityReading("hypothetical", head, head.lower_))
        if token.dep_ in ("advcl", "conj", "xcomp", "ccomp"):
            mark = _conditional(token) if token is not trigger else ""
            if mark:
                found.append(ModalityReading("conditional", token, mark))
        if token.dep_ == "advcl" and not _conditional(token):
            break  # "after X imposed sanctions, Y called...": an adverbial clause is its own fact
        if head.pos_ in ("VERB", "AUX"):
            if _conditional(head):
                found.append(ModalityReading("conditional", head, _conditional(head)))
            if token.dep_ in ("xcomp", "conj") and _negated(head) and lemma not in DENIAL_LEMMAS:
                found.append(ModalityReading("negated", head, "not"))
            if token.dep_ in ("xcomp",) and _modal(head):
                found.append(ModalityReading("hypothetical", head, _modal(head)))
        token = head
    if not found:
        return ModalityReading("asserted")
    order = {"denied": 0, "negated": 1, "conditional": 2, "hypothetical": 3}
    return min(found, key=lambda reading: order[reading.modality])
