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
# verbs that tell someone else to act ("told Israel to withdraw", "ordered the troops to fire"):
# the action of their infinitive has not happened
DIRECTIVE_LEMMAS = frozenset(
    {"tell", "order", "instruct", "invite", "encourage", "advise", "persuade", "remind", "command"}
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


# verbs that keep someone from an action ("banned women from attending", "prevented the
# troops from entering"): the action did not take place
PREVENTING_LEMMAS = frozenset({"prevent", "stop", "bar", "ban", "keep", "prohibit", "block"})


def _kept_from(trigger: Token) -> Token | None:
    """The verb that keeps the trigger's action from happening ("banned ... from attending")."""
    prep = trigger.head
    if trigger.dep_ != "pcomp" or prep.lower_ != "from" or prep.head.i == prep.i:
        return None
    governor = prep.head
    return governor if governor.lemma_.lower() in PREVENTING_LEMMAS else None


# verbs whose "of" / "for" phrase tells what someone is said to have done ("accused China of
# harassing"): an allegation, not a fact the text asserts
ALLEGING_LEMMAS = frozenset({"accuse", "charge", "blame", "suspect", "indict", "convict"})


def _alleged_by(trigger: Token) -> Token | None:
    """The verb of accusing whose ``of``/``for`` phrase holds the trigger, if any."""
    prep = trigger.head
    if trigger.dep_ != "pcomp" or prep.lower_ not in ("of", "for") or prep.head.i == prep.i:
        return None
    governor = prep.head
    return governor if governor.lemma_.lower() in ALLEGING_LEMMAS else None


def _to_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _asked_for(clause: Token) -> bool:
    """A clause opened by ``for`` ("for Russia to withdraw")."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def _wish_object(verb: Token, clause: Token) -> Token | None:
    """The verb's object noun of wanting ("demand", "call") that stands before the clause."""
    for child in verb.children:
        if (
            child.dep_ in ("dobj", "obj")
            and child.i < clause.i
            and child.pos_ == "NOUN"
            and child.lemma_.lower() in INTENT_LEMMAS
        ):
            return child
    return None


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
    kept_from = _kept_from(trigger)
    if kept_from is not None:
        found.append(ModalityReading("negated", kept_from, kept_from.lower_))
    alleged_by = _alleged_by(trigger)
    if alleged_by is not None:
        found.append(ModalityReading("hypothetical", alleged_by, alleged_by.lower_))
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
            lemma in THREAT_LEMMAS
            or (lemma in INTENT_LEMMAS and head.i != trigger.i)
            or (lemma in DIRECTIVE_LEMMAS and token.dep_ == "xcomp")
        ):
            found.append(ModalityReading("hypothetical", head, head.lower_))
        if token.dep_ == "ccomp" and head.pos_ in ("VERB", "AUX"):
            wish = _wish_object(head, token)
            if wish is not None:
                # "reiterated its demand that Israel ease restrictions", parsed with the clause
                # under the verb: what is demanded, proposed or called for has not happened
                found.append(ModalityReading("hypothetical", wish, wish.lower_))
        if token.dep_ in ("advcl", "conj", "xcomp", "ccomp"):
            mark = _conditional(token) if token is not trigger else ""
            if mark:
                found.append(ModalityReading("conditional", token, mark))
        if (
            token.dep_ == "advcl"
            and (lemma in DIRECTIVE_LEMMAS or lemma in INTENT_LEMMAS)
            and _to_infinitive(token)
            and any(c.dep_ in ("dobj", "dative") for c in head.children)
        ):
            # "demanded parties to the conflict to allow ...", "urged Beijing ... to release",
            # parsed as an adverbial clause: what someone is asked to do has not happened
            found.append(ModalityReading("hypothetical", head, head.lower_))
            break
        if token.dep_ == "advcl" and _asked_for(token):
            # "called for Russia to withdraw", "pushing for the US (to) support ...": what is
            # asked for has not happened
            found.append(ModalityReading("hypothetical", head, "for"))
            break
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
