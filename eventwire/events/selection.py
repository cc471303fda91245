"""Choosing among candidate events once a sentence's verbs are coded: reciprocal and one-sided
actions, the content of demands and accusations (no event of its own), intentions inside other
intentions, protests and their aims, the dictionary's ``~`` transformations, and merging the
events of an article that report the same action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.doc import Event
from eventwire.events.arguments import ActorIndex, is_passive, subject_heads
from eventwire.events.clauses import (
    SAY_LEMMAS,
    actor_key,
    adversaries_of_purpose,
    clause_depth,
    identified,
    is_media,
    plain_statement,
    purpose_form,
    same_actor,
    speech_verb,
)
from eventwire.events.codes import cameo_info
from eventwire.events.rules import RuleSet

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.coder import Candidate

# roots of actions coordinated actors do together: intent to cooperate, consult, diplomatic and
# material cooperation
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})


# other codes done together: break off relations, a truce both declare
RECIPROCAL_CODES = frozenset({"161", "0871"})


# verbs of fighting each other ("India and Pakistan clashed"), unlike "X and Y attacked"
RECIPROCAL_FIGHT_LEMMAS = frozenset({"clash", "fight", "battle", "skirmish"})


def reciprocal(verb: Token, code: str | None) -> bool:
    """Is the action one that coordinated actors do with each other?"""
    if code is None:
        return False
    if cameo_info(code).root in RECIPROCAL_ROOTS or code in RECIPROCAL_CODES:
        return True
    return cameo_info(code).root == "19" and verb.lemma_.lower() in RECIPROCAL_FIGHT_LEMMAS


OBLIGING_MODALS = frozenset({"must", "should", "ought", "could", "might", "may"})


def obliged(governor: Token) -> bool:
    """Does the word of commitment stand under a modal ("must be ready to", "should be willing
    to")? Then nobody has committed to anything."""
    for word in (governor, governor.head):
        if any(c.dep_ == "aux" and c.lower_ in OBLIGING_MODALS for c in word.children):
            return True
    return False


def demanded_in_statement(trigger: Token, by_trigger: dict[int, list[Candidate]]) -> bool:
    """Is the trigger inside what a statement says someone must do (a statement coded as a
    demand, see :func:`demand_in_statement`)?"""
    token = trigger
    for _ in range(4):
        if token.head.i == token.i or token.dep_ not in ("xcomp", "acomp", "ccomp", "conj"):
            return False
        token = token.head
        if any("demand_of" in c.extra for c in by_trigger.get(token.i, [])):
            return True
    return False


def content_of(governor: Token, trigger: Token, by_trigger: dict[int, list[Candidate]]) -> bool:
    """Is the trigger's clause what a verb with an event of its own says is wanted, alleged or
    prevented: the governor of its modality is that verb, the verb above its ``of`` / ``from``
    phrase, or the noun of wanting it carries ("reiterated its demand that Israel ease ...")?"""
    for verb in (trigger.head, trigger.head.head):
        if by_trigger.get(verb.i) and (
            governor.i == verb.i or (governor.head.i == verb.i and governor.pos_ == "NOUN")
        ):
            return True
    return False


def lend_target(complement: Candidate, governing: list[Candidate]) -> None:
    """ "UNITA refused to allow United Nations planes to land": the refusal is aimed at whom the
    refused action concerns. A governing event of the same source with no target of its own
    takes the target of its complement (the rule says so)."""
    target = complement.target
    if not identified(target) or complement.source is None:
        return
    for event in governing:
        if (
            event.target is None
            and event.source is not None
            and same_actor(event.source, complement.source)
            and not same_actor(event.source, target)  # type: ignore[arg-type]
            and not plain_statement(event.code)
        ):
            event.target = target
            event.extra["no_object"] = False
            event.rule = f"{event.rule} (target: that of its complement)"


def note_fallbacks(candidate: Candidate) -> None:
    """Say in the rule which actor came from the verb's neighbourhood rather than its parse."""
    for role in ("source", "target"):
        actor = getattr(candidate, role)
        if candidate.extra.get(f"{role}_fallback") and actor is not None:
            note = f" ({role}: nearest actor, no {role} in the parse)"
            if note not in candidate.rule:
                candidate.rule += note


OBLIGATION_MODALS = {"must": "100", "should": "020", "ought": "020"}


def demand_in_statement(candidate: Candidate, index: ActorIndex) -> None:
    """ "Russia said Sudan must return the helicopter": a statement that another actor must act
    is a demand on that actor (100; "should": an appeal, 020)."""
    if not plain_statement(candidate.code) or "demand_of" in candidate.extra:
        return
    for clause in candidate.trigger.children:
        if clause.dep_ != "ccomp":
            continue
        modal = next(
            (
                c.lower_
                for c in clause.children
                if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS
            ),
            None,
        )
        if modal is None:
            continue
        for head in subject_heads(clause):
            for actor in index.coordinated(head):
                if actor.code and candidate.source and not same_actor(actor, candidate.source):
                    candidate.extra["demand_of"] = candidate.code
                    candidate.code = OBLIGATION_MODALS[modal]
                    candidate.target = actor
                    candidate.rule = f"demand ({modal} in what was said) of {candidate.rule}"
                    return


def talk_to_press(candidate: Candidate) -> bool:
    """A statement or request between an actor and the press (root 01 or 02)."""
    if cameo_info(candidate.code).root not in ("01", "02"):
        return False
    return is_media(candidate.source) or is_media(candidate.target)


# roots of actions whose target a passive names without saying who acted ("was accused of",
# "was killed", "were arrested", "was sanctioned"): disapprove, sanction, coerce, assault, fight,
# mass violence
AGENTLESS_PASSIVE_ROOTS = frozenset({"08", "09", "11", "16", "17", "18", "19", "20"})


def agentless_passive(candidate: Candidate) -> bool:
    """An asserted passive material-conflict action whose subject is an actor and whose agent is
    none ("three soldiers were killed", "the journalist has been arrested") or no actor ("killed
    by a roadside bomb"). Called for candidates with no source only."""
    return (
        candidate.modality == "asserted"
        and is_passive(candidate.trigger)
        and identified(candidate.target)
        and cameo_info(candidate.code).root in AGENTLESS_PASSIVE_ROOTS
    )


def one_sided_action(candidate: Candidate) -> bool:
    """An asserted or reported action whose object is no actor ("demanded immediate elections",
    "agreed on Wednesday that ..."): an event with no target. Plain statements and verbs of
    saying are not actions of their own (their content is coded where it is an event)."""
    if cameo_info(candidate.code).root == "01" or plain_statement(candidate.code):
        return False
    return candidate.trigger.lemma_.lower() not in SAY_LEMMAS


def main_one_sided(
    kept: list[Candidate], one_sided: list[Candidate], index: ActorIndex
) -> list[Candidate]:
    """One-sided actions of the sentence's main clause, unless an event between two actors stands
    as high in the sentence: "Papandreou demanded immediate elections after a court cleared him"
    is a demand by Papandreou; "students staged demonstrations to demand reforms by the
    government" keeps the demonstrations (aimed at the one the demand is made of). The verbs of
    side clauses with no target are not events of their own."""
    if not one_sided:
        return []
    depth = min(clause_depth(c.trigger) for c in one_sided)
    two_sided = [c for c in kept if c.target is not None and cameo_info(c.code).root != "01"]
    if any(clause_depth(c.trigger) <= depth for c in two_sided):
        return []
    chosen = [c for c in one_sided if clause_depth(c.trigger) == depth]
    trigger = chosen[0].trigger
    chosen = [c for c in chosen if c.trigger.i == trigger.i]
    if cameo_info(chosen[0].code).root == "14":
        # a protest is aimed at whom its purpose clause ("to demand ... from X") addresses
        for other in two_sided:
            if other.trigger.dep_ == "advcl" and other.trigger.head.i == trigger.i:
                for candidate in chosen:
                    if candidate.source is not None and same_actor(candidate.source, other.source):
                        candidate.target = other.target
                        candidate.rule = f"{candidate.rule} (aimed at the target of its purpose)"
                break
    if cameo_info(chosen[0].code).root == "15":
        # "mobilized army reservists for a possible war against Iraq": forces readied for a fight
        # are aimed at the one the fight is against
        adversaries = adversaries_of_purpose(trigger, index)
        for candidate in chosen:
            if candidate.target is None and adversaries:
                candidate.target = adversaries[0]
                candidate.rule = f"{candidate.rule} (aimed at the adversary of its purpose)"
    return chosen


PROTEST_NOUNS = frozenset(
    {"protest", "demonstration", "strike", "rally", "march", "riot", "boycott", "sit-in", "walkout"}
)


AIM_ROOTS = frozenset({"02", "10", "11"})  # appeals, demands, disapproval


def without_protest_aims(candidates: list[Candidate]) -> list[Candidate]:
    """ "students staged demonstrations to demand reforms", "Kurds demonstrated calling for
    independence", "a demonstration calling for his removal": the demand is what the protest is
    for, told by the protest itself; the protest is the event (it takes the demand's target, see
    :func:`main_one_sided`), the demand is no second event of its own."""
    protests = {c.trigger.i: c for c in candidates if cameo_info(c.code).root == "14"}
    kept = []
    for candidate in candidates:
        trigger = candidate.trigger
        if cameo_info(candidate.code).root in AIM_ROOTS and purpose_form(trigger):
            head = trigger.head
            protest = protests.get(head.i) or protests.get(head.head.i)
            if protest is not None and (
                candidate.source is None
                or protest.source is None
                or same_actor(candidate.source, protest.source)
            ):
                continue
            if protest is None and head.lemma_.lower() in PROTEST_NOUNS:
                continue
        kept.append(candidate)
    return kept


def without_enclosing_intents(candidates: list[Candidate]) -> list[Candidate]:
    """ "willing to send material to help defend Saudi Arabia": two announced actions of the same
    source on the same target, one the complement of the other ("help" -> "defend"), are one
    intention; the more specific (the complement) stands for it."""
    intents = [c for c in candidates if "intent_of" in c.extra]
    if len(intents) < 2:
        return candidates
    enclosing: set[int] = set()
    for outer in intents:
        for inner in intents:
            if (
                inner is not outer
                and inner.trigger.dep_ == "xcomp"
                and inner.trigger.head.i == outer.trigger.i
                and inner.source is not None
                and outer.source is not None
                and same_actor(inner.source, outer.source)
                and inner.target is not None
                and outer.target is not None
                and same_actor(inner.target, outer.target)
            ):
                enclosing.add(id(outer))
    return [c for c in candidates if id(c) not in enclosing]


def is_statement(candidate: Candidate) -> bool:
    """A speaker's statement may stand without a target ("the Kremlin said that ..."), when it
    was made ("Allow me to say" is not a statement of its own)."""
    trigger = candidate.trigger
    if candidate.modality != "asserted":
        return False
    return cameo_info(candidate.code).root == "01" and any(
        c.dep_ in ("ccomp", "parataxis") for c in trigger.children
    )


def names_for(token: Token, rules: RuleSet) -> set[str]:
    names = {token.lemma_.upper(), token.text.upper()}
    for form in rules.forms_for(token):
        names.add(form.block.name)
    return names


def apply_transformations(rules: RuleSet, candidates: list[Candidate]) -> list[Candidate]:
    """``~ a (b . ATTACK) SAY = a b 112``: the speaker accuses the embedded event's source."""
    if not rules.transformations:
        return candidates
    result = list(candidates)
    for inner in candidates:
        outer_verb = speech_verb(inner.trigger) or (
            inner.trigger.head if inner.trigger.dep_ == "xcomp" else None
        )
        if outer_verb is None:
            continue
        outers = [c for c in candidates if c.trigger is outer_verb and c.source is not None]
        if not outers:
            continue
        outer = outers[0]
        outer_names = names_for(outer_verb, rules)
        inner_names = names_for(inner.trigger, rules)
        for rule in rules.transformations:
            if rule.outer_verb not in outer_names:
                continue
            if rule.inner_verb != "Q" and rule.inner_verb not in inner_names:
                continue
            same_source = inner.source is not None and same_actor(inner.source, outer.source)
            if rule.inner_source == "a" and not same_source:
                continue
            if rule.inner_source == "b" and same_source:
                continue
            if rule.inner_source == "_" and inner.source is not None and not same_source:
                continue
            roles = {
                "a": outer.source,
                "b": inner.source if rule.inner_source == "b" else inner.target,
            }
            source = roles.get(rule.source)
            target = roles.get(rule.target)
            if source is None or target is None or same_actor(source, target):
                continue
            if not source.code or not target.code:
                continue
            code = inner.code if rule.code == "Q" else rule.code
            result = [c for c in result if c is not outer]
            result.append(
                Candidate(
                    outer_verb,
                    source,
                    target,
                    code,
                    f"{rules.path.rsplit('/', 1)[-1]}:{rule.line} transformation",
                    outer.modality,
                    outer.governor,
                    pattern_matched=True,
                )
            )
            break
    return result


def merge_events(events: list[Event]) -> list[Event]:
    """One event per (source, target, code, modality, quoted) in an article, with all its
    sentences (bare statements with no target are not merged)."""
    merged: dict[tuple, Event] = {}
    kept: list[Event] = []
    for event in events:
        if event.target is None:
            kept.append(event)  # a bare statement is not the same as another bare statement
            continue
        key = (
            actor_key(event.source),
            actor_key(event.target),
            event.cameo,
            event.modality,
            event.quoted,
        )
        first = merged.get(key)
        if first is None:
            merged[key] = event
            continue
        if event.sentence_index not in first.sentence_indices:
            first.sentence_indices.append(event.sentence_index)
        first.confidence = max(first.confidence, event.confidence)
    return sorted([*merged.values(), *kept], key=lambda e: (e.sentence_index, e.span))
