"""The event coding stage: verbs in the parse -> CAMEO/PLOVER events between coded actors.

For each verb of a sentence that holds a coded actor, whose spelling a dictionary verb form answers
to, the coder:

1. checks the form's extra words (``BREAK_DOWN`` needs ``down``);
2. matches the candidate patterns of the verb's block (indexed by their anchor word) against the
   verb's clause and keeps the most specific match; with no match, the block's (or form's) own code
   applies, which the dictionary states explicitly. A ``[---]`` code means "no event". A verb
   no dictionary form knows gives no event: there is no fallback code. ``rule`` names the file,
   line and pattern (or verb form) that fired;
3. finds the source and target actors (markers of the pattern first, then subject/object with
   passives, control verbs and coordination, see :mod:`eventwire.events.arguments`). An event needs
   a coded source and a coded target, except a statement (the speaker alone) and an action on no
   one ("Russia attacked."); coordinated actors with no object act on each other;
4. reads the modality (:mod:`eventwire.events.modality`). A threatened action is coded as the
   threat (13): the threat verb's own event stands for it, or the action is recoded. Announced
   actions become intentions (``will provide aid`` -> 0333, ``will attack`` -> 1384), announced
   refusals rejections (``would not meet`` -> 125), see :mod:`eventwire.events.intent`. Other
   non-asserted actions keep their code with the modality (never ``asserted``);
5. marks events inside reported speech (a ``ccomp`` of a verb of saying, or a span from the
   quotes layer) ``quoted`` and keeps the speaker's statement event; "X said Y must..." is X's
   demand on Y (100); the dictionary's ``~`` transformations apply (``a says b attacked`` -> ``a``
   accuses ``b``).

Beyond verbs:

* a light verb ("organized a general strike", "renewed negotiations") whose own block has no
  pattern for its object takes the code of the action noun it carries
  (:class:`eventwire.events.nominal.NounIndex`: the light verbs' noun patterns of the dictionary,
  then eventwire's event-noun table);
* a noun standing alone names an event between the actors of its own phrase ("the EU's
  sanctions on Russia", "talks between Israel and Lebanon"), with a modality read from the words
  above it (a feared or planned attack is never asserted), see
  :class:`eventwire.events.nominal.EventNouns`.

Actors: an uncoded actor the actor layer placed in a country ("Ibo elders") may act or be acted
on. An action whose object is no actor ("attacked the town") is a one-sided event (no target, lower
confidence), kept for the sentence's main clause only, unless an event between two actors stands
as high in the sentence. When the parse gives a verb no subject or no object actor, the nearest
actor on that side of the verb within its clause stands in (``rule`` says so; lower confidence).
An infinitive of purpose ("wants talks with the West to curb NATO expansion") is no event of its
own when the verb it depends on has one; nor is what is demanded, alleged or prevented ("demanded
that Hamas renounce ...", "accused China of harassing ...", "banned women from attending ..."), nor
the demand a protest is staged for ("staged demonstrations to demand reforms"). Coordinated actors
act on each other only in actions done together (talks, agreements, cooperation, clashes):
"Britain and France imposed sanctions" is no sanction of Britain's on France.

Events of an article that repeat the same action (same source, target, code, modality) are merged,
keeping every sentence index. Event ids hash the article id, sentence, trigger offset, code and
actors. A sentence that raises is recorded in ``document.errors`` (E401); the article goes on.

This module holds the steps above; the phrases and clauses they look at are found by
:mod:`eventwire.events.clauses` and :mod:`eventwire.events.arguments`, and the choices among a
sentence's candidate events (one-sided, reciprocal, content of a demand, transformations, merging)
are made by :mod:`eventwire.events.selection`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.doc import ActorMention, Event
from eventwire.events.arguments import (
    ActorIndex,
    agent_heads,
    clause_region_in,
    for_clause,
    is_passive,
    object_heads,
    prep_objects,
    subjects_in,
)
from eventwire.events.clauses import (
    OWNER_PRONOUNS,
    actor_key,
    actors_from,
    beside_phrase,
    conditional_clause,
    conjoined_prep_objects,
    distinct_coded,
    governing_verb,
    has_object,
    home_ground,
    identified,
    is_conflict,
    is_topic_phrase,
    nearest_actor,
    own_subjects,
    place_in_phrase,
    plain_statement,
    purpose_of_noun,
    recipient_phrase,
    same_actor,
    speech_verb,
    thing_does_infinitive,
    time_reference,
    told_action_positions,
    venue,
)
from eventwire.events.codes import cameo_info, plover_for
from eventwire.events.dictionary import Code
from eventwire.events.intent import (
    commitment_governor,
    future_aux,
    intent_code,
    refusal_code,
)
from eventwire.events.modality import THREAT_LEMMAS, read_modality
from eventwire.events.nominal import EventNouns, NounEvent, NounIndex
from eventwire.events.rules import (
    FormRule,
    Match,
    Region,
    RuleSet,
    combine,
    load_rules,
    match_elements,
    spellings,
)
from eventwire.events.selection import (
    agentless_passive,
    apply_transformations,
    content_of,
    demand_in_statement,
    demanded_in_statement,
    is_statement,
    lend_target,
    main_one_sided,
    merge_events,
    note_fallbacks,
    obliged,
    one_sided_action,
    reciprocal,
    talk_to_press,
    without_enclosing_intents,
    without_protest_aims,
)
from eventwire.events.view import DocumentView

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from eventwire.doc import Document

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_VERBS = (DATA_DIR / "verbs.CAMEO.2.0.txt", DATA_DIR / "verbs.eventwire.txt")
NOT_A_TRIGGER_DEPS = frozenset({"prep", "amod", "compound", "case", "mark", "aux", "auxpass"})
COMPLAINT_PREPS = frozenset({"over", "about", "against"})
MIRROR_NOTE = " (mirror: "  # the rule of the reverse event of a "[042:043]" code
COORDINATED_NOTE = " (coordinated actors, each to the other)"
MAX_COMPOUND = 4  # "Gondor and Osgiliath" act on each other; a list of ten countries does not
MATERIAL_CONFLICT_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
FORCE_ROOTS = frozenset({"15", "18", "19", "20"})


_NOUN_INDEXES: dict[str, NounIndex] = {}


def _noun_index(rules: RuleSet, table: EventNouns) -> NounIndex:
    """The noun index of a rule set, built once per process (rule sets are cached too)."""
    key = rules.path
    if key not in _NOUN_INDEXES:
        _NOUN_INDEXES[key] = NounIndex(rules, table)
    return _NOUN_INDEXES[key]


_EVENT_NOUNS: list[EventNouns] = []


def _event_nouns() -> EventNouns:
    """eventwire's table of event nouns, read once per process."""
    if not _EVENT_NOUNS:
        _EVENT_NOUNS.append(EventNouns())
    return _EVENT_NOUNS[0]


def default_verbs_paths() -> list[Path]:
    """The default verb dictionaries: ``$EVENTWIRE_VERBS``, else PETRARCH-2's CAMEO 2.0 verbs (a
    copy in ``eventwire/data``) followed by eventwire's additions in the same syntax."""
    import os

    env = os.environ.get("EVENTWIRE_VERBS")
    if env:
        return [Path(env)]
    return list(DEFAULT_VERBS)


@dataclass
class Candidate:
    """An event before modality filtering and merging."""

    trigger: Token
    source: ActorMention | None
    target: ActorMention | None
    code: str
    rule: str
    modality: str
    governor: Token | None
    quoted: bool = False
    pattern_matched: bool = False
    extra: dict = field(default_factory=dict)


class EventCoder:
    """Pipeline stage filling ``document.events``.

    ``verbs`` is a verb dictionary file in the CAMEO 2.0 syntax (default: CAMEO.2.0.txt plus
    eventwire's additions).
    """

    name = "events"
    requires = ("doc", "actors")
    assigns = ("events",)

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        verbs: Path | str | None = None,
        intents: bool = True,
        discards: Callable[[Span], str | None] | None = None,
    ) -> None:
        """``intents=False`` codes announced actions ("will meet") as the action itself, the
        convention of the PETRARCH validation records, instead of CAMEO's "intent to" codes.
        ``discards`` (e.g. ``ActorCoder.discarded``) names a phrase that marks a sentence as not
        to be coded (sport, natural disasters: PETRARCH's discard list), or returns None."""
        self.nlp = nlp
        self.intents = intents
        self.discards = discards
        paths = [Path(verbs)] if verbs is not None else default_verbs_paths()
        self.rules: RuleSet = combine([load_rules(path) for path in paths])
        self.verbs_paths = paths
        self.event_nouns = _event_nouns()
        self.nouns = _noun_index(self.rules, self.event_nouns)
        self._view: DocumentView | None = None

    def _view_of(self, doc: Doc) -> DocumentView:
        """The array view of the document being coded (built once per document)."""
        view = self._view
        if view is None or view.doc is not doc:
            view = self._view = DocumentView(doc)
        return view

    def _clause_region(self, verb: Token, *, before: bool) -> list[Token]:
        """``clause_region`` remembered per verb and side for the document (read, never changed)."""
        view = self._view_of(verb.doc)
        key = (verb.i, before)
        region = view.regions.get(key)
        if region is None:
            region = view.regions[key] = clause_region_in(view, verb, before=before)
        return region

    def _subjects(self, verb: Token) -> list[Token]:
        """``subject_heads`` remembered per verb for the document (read, never changed)."""
        return subjects_in(self._view_of(verb.doc), verb)

    def _region(self, tokens: list[Token], others: frozenset[int] = frozenset()) -> Region:
        """A ``Region`` whose spellings and ancestry are read from the document's view."""
        if not tokens:
            return Region(tokens, others=others)
        view = self._view_of(tokens[0].doc)
        known = view.spellings
        keys = []
        for token in tokens:
            key = known.get(token.i)
            if key is None:
                key = known[token.i] = spellings(token)
            keys.append(key)
        return Region(tokens, keys, others=others, heads=view.heads)

    # -- the stage --------------------------------------------------------------------------------
    def __call__(self, document: Document) -> None:
        if document.doc is None:
            return
        index = ActorIndex(document.actors)
        quote_spans = [q.span for q in document.quotes]
        events: list[Event] = []
        self._view = DocumentView(document.doc)
        for sentence_index, sentence in enumerate(document.doc.sents):
            if not index.has_coded(sentence.start, sentence.end):
                continue  # no coded actor, no event: the sentence is not looked at further
            if self._discarded(sentence):
                continue
            try:
                candidates = self.code_sentence(sentence, index)
            except Exception as exc:  # one bad sentence never stops the article
                document.add_error(
                    "E401", f"events: {type(exc).__name__}: {exc}", sentence_index=sentence_index
                )
                continue
            for candidate in candidates:
                events.append(
                    self._to_event(document, sentence, sentence_index, candidate, quote_spans)
                )
        self._view = None  # the document is not kept alive by the stage
        document.events = merge_events(events)

    def _discarded(self, sentence: Span) -> bool:
        """A discard phrase of a topic (sport, entertainment, disasters) in the sentence. The
        list's time references ("1991", "years ago", "World War Two") are ignored: news mentions
        the past for context all the time, next to the current event it reports."""
        if self.discards is None:
            return False
        phrase = self.discards(sentence)
        return bool(phrase) and not time_reference(phrase)

    # -- one sentence -----------------------------------------------------------------------------
    def code_sentence(self, sentence: Span, index: ActorIndex) -> list[Candidate]:
        candidates: list[Candidate] = []
        by_trigger: dict[int, list[Candidate]] = {}
        doc = sentence.doc
        view = self._view_of(doc)
        # verbs (part of speech or tag) only; not "according to", "a proposed deal", "the
        # London-based group" (NOT_A_TRIGGER_DEPS)
        for i in view.verb_candidates(sentence.start, sentence.end, NOT_A_TRIGGER_DEPS):
            token = doc[i]
            if token.tag_ != "VBG" and any(c.dep_ in ("det", "poss") for c in token.children):
                continue  # "its fisheries dispute": a noun the tagger took for a verb
            if token.lemma_ == "go" and any(c.dep_ == "xcomp" for c in token.children):
                continue  # "is going to be decided": a future, not a movement
            forms = self.rules.forms_for(token)
            if not forms and self.nouns.for_light_verb(token) is None:
                continue  # no dictionary verb, and no light verb carrying a known action noun
            found = self.code_verb(token, forms, index)
            if found:
                by_trigger[token.i] = found
                candidates.extend(found)
        noun_triggers: set[int] = set()
        for noun_event in self.event_nouns.in_sentence(sentence, view):
            found = self._noun_candidates(noun_event, index, by_trigger)
            if found:
                noun_triggers.add(noun_event.noun.i)
                candidates.extend(found)
        if noun_triggers:
            # "new sanctions on Russia by the EU took effect": the verb tells of the sanctions;
            # it is no act of the EU's on no one
            candidates = [
                c
                for c in candidates
                if c.target is not None
                or not any(h.i in noun_triggers for h in self._subjects(c.trigger))
            ]
        return self._resolve(candidates, by_trigger, index)

    def _noun_candidates(
        self, event: NounEvent, index: ActorIndex, by_trigger: dict[int, list[Candidate]]
    ) -> list[Candidate]:
        """Events named by a noun standing alone: "the EU's sanctions on Russia", "an attack on
        Kyiv by Russian forces", "talks between Israel and Lebanon". Both sides must be actors;
        the noun's modality comes from the words above it (a planned attack is no attack)."""
        noun = event.noun
        governor = noun.head
        root = cameo_info(event.code).root
        if governor.i != noun.i and any(
            cameo_info(c.code).root == root for c in by_trigger.get(governor.i, [])
        ):
            return []  # "imposed sanctions on Russia": the verb's pattern codes it already
        sources = [m for h in event.source_heads for m in index.coordinated(h, partners=False)]
        if (
            not sources
            and noun.dep_ in ("dobj", "obj")
            and governor.pos_ == "VERB"
            and not self.rules.forms_for(governor)
        ):
            # "Israel and Lebanon renewed negotiations with ...": a verb the dictionary does not
            # know carries the noun's action, done by its subject
            sources = [
                m for h in self._subjects(governor) for m in index.coordinated(h, partners=False)
            ]
        targets = [m for h in event.target_heads for m in index.coordinated(h)]
        parties = [m for h in event.between for m in index.coordinated(h)]
        pairs: list[tuple[ActorMention, ActorMention]]
        if sources:
            pairs = [(s, t) for s in sources for t in targets + parties]
        else:
            pairs = [(a, b) for a in parties for b in parties if a is not b]
        candidates = []
        for source, target in pairs:
            if not (identified(source) and identified(target)) or same_actor(source, target):
                continue
            candidates.append(
                Candidate(
                    noun,
                    source,
                    target,
                    event.code,
                    event.rule,
                    event.modality,
                    None,
                    pattern_matched=True,
                    extra={"nominal": True},
                )
            )
        return candidates

    def code_verb(self, verb: Token, forms: list[FormRule], index: ActorIndex) -> list[Candidate]:
        usable = [f for f in forms if _form_fits(verb, f)]
        if not usable:
            if forms:
                return []
            return self._code_light_verb(verb, index)  # "renewed negotiations"
        usable.sort(key=lambda f: -(len(f.pre) + len(f.post)))
        best_len = len(usable[0].pre) + len(usable[0].post)
        usable = [f for f in usable if len(f.pre) + len(f.post) == best_len]
        before = self._region(self._clause_region(verb, before=True))
        after_tokens = self._clause_region(verb, before=False)
        after = self._region(after_tokens, others=told_action_positions(verb, after_tokens))
        words = before.words() | after.words()
        best: Match | None = None
        best_form: FormRule = usable[0]
        for form in usable:
            for pattern in form.block.candidates(words):
                if pattern.only_for and pattern.only_for != form.verb:
                    continue  # "- * TO [030]  # HEAD" was not written for "ordered ... to"
                before_match = match_elements(pattern.before, before, "before")
                if before_match is None:
                    continue
                after_match = match_elements(pattern.after, after, "after")
                if after_match is None:
                    continue
                score = before_match[0] + after_match[0]
                if (
                    best is None
                    or score > best.score
                    or (
                        score == best.score
                        and best.pattern is not None
                        and pattern.line < best.pattern.line
                    )
                ):
                    best = Match(pattern, score, before_match[1] + after_match[1])
                    best_form = form
        if best is not None and best.pattern is not None:
            code = best.pattern.code
            pattern = best.pattern
            rule = f"{best_form.source}:{pattern.line} {best_form.block.name}: {pattern.text}"
            markers = best.markers
            matched = True
        else:
            # a later file's "[---]" block adds patterns only: the verb's own code in an earlier
            # file stays in force ("reiterated that ..." keeps CAMEO.2.0.txt's 010)
            form = next((f for f in usable if not _form_code(f).is_null), usable[0])
            code = _form_code(form)
            line = form.line if form.code is not None else form.block.line
            rule = f"{form.source}:{line} {form.block.name}: {form.text} (verb default)"
            markers = []
            matched = False
            nominal = self.nouns.for_light_verb(verb)
            if nominal is not None:
                # "organized a general strike": the light verb's object names the action
                entry, noun = nominal
                code = entry.code
                rule = f"nominal '{noun.text}' after light verb '{verb.text}': {entry.rule}"
                matched = True
        if code.is_null:
            return []
        if not matched and any(c.dep_ == "oprd" for c in verb.children):
            return []  # "called Iran a state sponsor of terrorism" names; it is no phone call
        return self._code_with(verb, code, rule, markers, matched, index)

    def _code_light_verb(self, verb: Token, index: ActorIndex) -> list[Candidate]:
        """A light verb no dictionary lists ("renewed negotiations", "intensified its
        offensive"), coded by the action noun it carries."""
        nominal = self.nouns.for_light_verb(verb)
        if nominal is None:
            return []
        entry, noun = nominal
        rule = f"nominal '{noun.text}' after light verb '{verb.text}': {entry.rule}"
        return self._code_with(verb, entry.code, rule, [], True, index)

    def _code_with(
        self,
        verb: Token,
        code: Code,
        rule: str,
        markers: list,
        matched: bool,
        index: ActorIndex,
    ) -> list[Candidate]:
        """Candidates of a verb whose code is known: its actors, coordination, modality."""
        fallbacks: dict[str, bool] = {}
        sources, targets, compound = self._arguments(verb, markers, index, code.forward, fallbacks)
        reading = read_modality(verb)
        candidates: list[Candidate] = []
        coded_sources = distinct_coded(sources)
        if (
            not compound
            and (
                not any(identified(t) for t in targets)
                or fallbacks.get("target_fallback")
                or all(venue(verb, t) for t in targets)
            )
            and 1 < len(coded_sources) <= MAX_COMPOUND
            and not plain_statement(code.forward)
            and reciprocal(verb, code.forward)
            and own_subjects(verb)
        ):
            # "Gondor and Osgiliath postponed their meeting": coordinated actors with no one
            # else to act on act on each other, when the action is one done together (talks,
            # agreements, cooperation, clashes); "Britain and France imposed sanctions" is no
            # sanction of Britain's on France
            compound = coded_sources
            rule = f"{rule}{COORDINATED_NOTE}"
        no_object = (
            not targets
            and not compound
            and not is_passive(verb)
            and verb.dep_ not in ("acl", "amod")
            and not has_object(verb)
        )
        if compound:
            pairs = [(a, b) for a in compound for b in compound if a is not b]
        else:
            pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
        for source, target in pairs:
            if (
                source is not None
                and target is not None
                and not compound
                and home_ground(verb, code.forward, source, target)
            ):
                # "Hizbollah declared a ceasefire in south Lebanon", "will welcome him in
                # Jerusalem": a place of the actor's own country where it says, agrees or yields
                # something is where it happens, no party to it
                target = None
            if source is not None and target is not None and same_actor(source, target):
                if len(pairs) > 1 or compound:
                    continue
                # "the Serbs completed their withdrawal from a Bosnian town": an action on
                # the actor's own ground is an action with no other party (one-sided)
                target = None
            if code.forward is not None:
                candidates.append(
                    Candidate(
                        verb,
                        source,
                        target,
                        code.forward,
                        rule,
                        reading.modality,
                        reading.governor,
                        pattern_matched=matched,
                        extra={"no_object": no_object, **fallbacks},
                    )
                )
            if code.reverse is not None and target is not None and not compound:
                candidates.append(
                    Candidate(
                        verb,
                        target,
                        source,
                        code.reverse,
                        f"{rule}{MIRROR_NOTE}{code.reverse}, the target's side of the action)",
                        reading.modality,
                        reading.governor,
                        pattern_matched=matched,
                        extra={"mirror": True, **fallbacks},
                    )
                )
        return candidates

    def _arguments(
        self,
        verb: Token,
        markers: list,
        index: ActorIndex,
        code_hint: str | None = None,
        fallbacks: dict[str, bool] | None = None,
    ) -> tuple[list[ActorMention], list[ActorMention], list[ActorMention]]:
        passive = is_passive(verb)
        subject_actors: list[ActorMention] = []
        for head in self._subjects(verb):
            subject_actors.extend(index.coordinated(head, partners=False))
        pronouns = [h for h in self._subjects(verb) if h.pos_ == "PRON"]
        if not subject_actors and pronouns and pronouns[0].lower_ not in ("that", "which"):
            # "Russia denies it plans to invade", "Moscow says it will respond": a pronoun subject
            # of a reported clause is the speaker's
            governor = governing_verb(pronouns[0].head)
            if governor is not None:
                subject_actors = [m for h in self._subjects(governor) for m in index.coordinated(h)]
        if not any(identified(m) for m in subject_actors):
            # "the Serbs said their forces had completed their withdrawal": a subject owned by a
            # pronoun ("their forces", "its troops") in a reported clause is the speaker's
            owned = [
                h
                for h in self._subjects(verb)
                if h.pos_ != "PRON"
                and any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in h.children)
            ]
            governor = governing_verb(verb) if owned else None
            if governor is not None:
                speakers = [m for h in self._subjects(governor) for m in index.coordinated(h)]
                if any(identified(m) for m in speakers):
                    subject_actors = [m for m in speakers if identified(m)]
        if not subject_actors and verb.dep_ == "relcl":
            # "a meeting of the G7 in which the grouping's diplomats warned": the phrase the
            # clause describes names the actor when the subject itself is not coded
            subject_actors = index.coordinated(verb.head)
        if passive:
            agents: list[ActorMention] = []
            for head in agent_heads(verb):
                # "killed by a roadside bomb near Basra": a place inside the agent phrase of a
                # thing is not the one who acted
                agents.extend(m for m in index.coordinated(head) if not place_in_phrase(head, m))
            default_sources, subject_targets = agents, subject_actors
        else:
            default_sources, subject_targets = subject_actors, []
        object_actors: list[ActorMention] = []
        heads = object_heads(verb)
        # "threatens to invade Ukraine", "agreed to cooperate with Kyiv": the complement's object
        heads += [h for c in verb.children if c.dep_ == "xcomp" for h in object_heads(c)]
        if code_hint is not None and code_hint[:2] == "11":
            # "complained to the United Nations over Israeli air raids": a complaint is aimed at
            # what it is about, not at whom it is told to
            about = [
                h
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in COMPLAINT_PREPS
                for h in prep_objects(c)
            ]
            heads = about + [h for h in heads if h not in about]
        topics = False
        if code_hint is not None and code_hint[:2] == "04":
            # "renewed negotiations on an Israeli troop pullback": talks are about a topic and
            # with a partner; the topic is no target
            topics = any(is_topic_phrase(h) for h in heads)
            heads = [h for h in heads if not is_topic_phrase(h)]
        weak: list[ActorMention] = []
        for head in heads:
            if passive and head.head.dep_ == "agent":
                continue
            found = index.coordinated(head)
            if not found:
                continue
            if not weak and all(beside_phrase(head, m) for m in found):
                # "with strings attached, Cuba": an actor reached only through a participle or
                # appositive beside the phrase stands in when no later phrase names one itself
                weak = found
                continue
            if not object_actors:
                object_actors = found
            if any(identified(m) for m in object_actors):
                object_actors = object_actors + [
                    m
                    for other in conjoined_prep_objects(object_actors, heads)
                    for m in index.coordinated(other)
                    if all(m is not o for o in object_actors)
                ]
                break
            if any(identified(m) for m in found) and recipient_phrase(head):
                # "sent troops to Mali", "offered its troops to Lebanon's president": an object
                # no one can name (uncoded "troops") is what is sent; the one it goes to is named
                object_actors = found
                break
        if not any(identified(m) for m in object_actors) and weak:
            object_actors = weak
        if (
            not object_actors
            and not subject_targets
            and verb.lemma_.lower() in THREAT_LEMMAS
            and conditional_clause(verb) is not None
        ):
            # "threatened to stop talks if the United States goes ahead": the threat is aimed at
            # the one whose action is the condition
            for head in self._subjects(conditional_clause(verb)):
                object_actors.extend(index.coordinated(head))
        if not object_actors and not subject_targets and not plain_statement(code_hint):
            # "Arnor believes Dagolath can cope", "Gollum allowed that Mordor isn't...": a verb
            # with a clause for object is directed at that clause's subject. A plain statement
            # ("the Kremlin said that NATO...", 010) is not: it has an addressee only when told.
            for clause in verb.children:
                if clause.dep_ != "ccomp" and not for_clause(clause):
                    continue
                for head in self._subjects(clause):
                    if head.pos_ != "PRON":
                        object_actors.extend(index.coordinated(head))
                if object_actors:
                    break
        if fallbacks is not None and not passive and verb.dep_ not in ("amod", "compound"):
            # the small model misattaches phrases: with no subject or object actor in the parse,
            # the nearest actor on that side of the verb within its own clause stands in (and the
            # event says so, with a lower confidence)
            if (
                not default_sources
                and not any(h.pos_ == "PRON" for h in self._subjects(verb))
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            ):
                region = self._clause_region(verb, before=True)
                nearest = nearest_actor(region, index, reverse=True)
                if nearest is not None:
                    default_sources = [nearest]
                    fallbacks["source_fallback"] = True
            if not object_actors and not subject_targets and has_object(verb) and not topics:
                region = self._clause_region(verb, before=False)
                nearest = nearest_actor(region, index, reverse=False)
                if nearest is not None and all(nearest is not s for s in default_sources):
                    object_actors = [nearest]
                    fallbacks["target_fallback"] = True
        default_targets = subject_targets or object_actors
        sources: list[ActorMention] | None = None
        targets: list[ActorMention] | None = None
        compound: list[ActorMention] = []
        for marker, side, anchor in markers:
            if side == "before":
                actors = subject_actors
            else:
                actors = actors_from(anchor, index) if anchor is not None else []
            if marker == "$" and actors:
                sources = actors
            elif marker == "+" and actors:
                targets = actors
            elif marker == "%" and len(actors) > 1:
                compound = actors
        if sources is None:
            sources = default_sources
        if targets is None:
            targets = [t for t in default_targets if all(t is not s for s in sources)]
        return sources, targets, compound

    # -- reported speech, threats, transformations ------------------------------------------------
    def _resolve(
        self,
        candidates: list[Candidate],
        by_trigger: dict[int, list[Candidate]],
        index: ActorIndex,
    ) -> list[Candidate]:
        kept: list[Candidate] = []
        one_sided: list[Candidate] = []
        replaced: set[int] = set()
        for candidate in candidates:
            trigger = candidate.trigger
            speech = speech_verb(trigger)
            if speech is not None:
                candidate.quoted = True
            if speech is not None and not candidate.extra.get("nominal"):
                reading = read_modality(trigger, stop=speech)
                candidate.modality = reading.modality
                candidate.governor = reading.governor
            root = cameo_info(candidate.code).root
            governor = candidate.governor
            if (
                candidate.modality == "hypothetical"
                and root in MATERIAL_CONFLICT_ROOTS
                and governor is not None
                and governor.lemma_.lower() in THREAT_LEMMAS
            ):
                own = by_trigger.get(governor.i)
                if own:
                    # the threat verb's own event stands for the threatened action; a bare
                    # "threaten" (130) of force is a threat of force (138)
                    for event in own:
                        if event.code == "130" and root in FORCE_ROOTS:
                            event.code = "138"
                            event.rule = f"{event.rule}; threat of force ({candidate.code})"
                    continue
                threat = "138" if root in FORCE_ROOTS else "130"
                governor_subjects = [
                    m for h in self._subjects(governor) for m in index.coordinated(h)
                ]
                candidate.extra["threat_of"] = candidate.code
                candidate.code = threat
                candidate.rule = f"threat of {candidate.rule}"
                candidate.modality = "asserted"
                candidate.trigger = governor
                if governor_subjects:
                    candidate.source = governor_subjects[0]
            intent_governor = self._as_intent(candidate, speech) if self.intents else None
            if "intent_of" in candidate.extra and candidate.extra.get("mirror"):
                # "Iran signalled its willingness to hold talks with Washington": the intention
                # is the speaker's; the other side's part in the talks is not yet an event
                continue
            if intent_governor is not None and intent_governor.i != trigger.i:
                own = by_trigger.get(intent_governor.i, [])
                if any(not _base_rule(e.rule).endswith("(verb default)") for e in own):
                    continue  # "agreed to a ceasefire": the governor's pattern codes the intent
                if candidate.target is not None or not any(e.target is not None for e in own):
                    # "agreed to provide aid": the aid says more; but "offered troops to X to
                    # help him": the offer names whom it is made to, the help no one we can name
                    replaced.update(id(e) for e in own)
            noun_of = purpose_of_noun(trigger)
            if noun_of is not None and by_trigger.get(noun_of.i):
                own = by_trigger[noun_of.i]
                if (
                    intent_governor is not None
                    and intent_governor.pos_ == "NOUN"
                    and all(_base_rule(e.rule).endswith("(verb default)") for e in own)
                ):
                    # "signalled their readiness to impose new measures": the readiness is the
                    # intention, and the verb it hangs on, coded by its default alone, says less
                    replaced.update(id(e) for e in own)
                else:
                    # "reached a consensus to exchange information", "wants talks to curb NATO
                    # expansion": the verb the noun hangs on codes the event; the purpose is
                    # not a second event of its own
                    continue
            if thing_does_infinitive(trigger, index) and by_trigger.get(trigger.head.i):
                # "wants talks with the West to curb NATO expansion" (parsed with "talks" as the
                # subject of "curb"): the purpose of what is wanted; "wants" codes the event
                continue
            if (
                candidate.modality != "asserted"
                and (trigger.dep_ == "xcomp" or for_clause(trigger))
                and by_trigger.get(trigger.head.i)
            ):
                # "agreed to cooperate", "urged X to respond", "plans to invade": the governing
                # verb's event codes the intention; the complement is not a second event
                lend_target(candidate, by_trigger[trigger.head.i])
                continue
            if (
                candidate.modality in ("hypothetical", "negated")
                and trigger.dep_ in ("ccomp", "pcomp")
                and candidate.governor is not None
                and content_of(candidate.governor, trigger, by_trigger)
            ):
                # "demanded that the United States match ...", "proposed that the talks resume",
                # "accused China of harassing", "barred women from attending": what is demanded,
                # alleged or prevented is the content of the governing verb's event
                continue
            if candidate.modality != "asserted" and demanded_in_statement(trigger, by_trigger):
                # "said that the US must be ready to mediate": the statement is a demand on the
                # US (100); what is demanded is its content, no event of its own
                continue
            if candidate.source is None and agentless_passive(candidate):
                # "a journalist was killed in a car bomb": who acted is unsaid, the one acted on
                # is named; a one-sided event with a target and no source
                candidate.rule = f"{candidate.rule} (passive, no agent)"
                one_sided.append(candidate)
                continue
            if not identified(candidate.source):
                continue  # an event needs a source coded, or at least placed in a country
            if talk_to_press(candidate):
                continue  # "told CNN", "CNN asked the government for comment": not an event
            if candidate.target is not None and not identified(candidate.target):
                # "attacked the town", "demanded the removal of the president": the action is
                # there, its target is no actor we can name: a one-sided event
                candidate.extra["target_not_coded"] = True
                candidate.target = None
            demand_in_statement(candidate, index)
            if candidate.target is None and cameo_info(candidate.code).root == "04":
                continue  # "the cabinet met", "talks were held": a consultation with no one named
            if candidate.target is None and not (
                is_statement(candidate)  # a statement ("the Kremlin said that ..."),
                or candidate.extra.get("no_object")  # or an action on no one ("agreed to resign")
            ):
                if one_sided_action(candidate):
                    one_sided.append(candidate)  # an action whose object is not an actor
                continue
            kept.append(candidate)
        for candidate in kept + one_sided:
            note_fallbacks(candidate)
        kept = [c for c in kept if id(c) not in replaced]
        kept.extend(main_one_sided(kept, [c for c in one_sided if id(c) not in replaced], index))
        kept = without_protest_aims(kept)
        kept = without_enclosing_intents(kept)
        return apply_transformations(self.rules, kept)

    @staticmethod
    def _as_intent(candidate: Candidate, speech: Token | None) -> Token | None:
        """Recode an announced action as the intention (03) or threat (13); returns the verb of
        commitment it hangs on (or the trigger itself for ``will``), None when not an intent."""
        trigger = candidate.trigger
        if (
            candidate.modality == "negated"
            and candidate.governor is not None
            and candidate.governor.i == trigger.i
            and future_aux(trigger, in_speech=speech is not None)
        ):
            # "will not accept", "said it would not meet": the refusal is what happened
            refusal = refusal_code(candidate.code)
            if refusal is None:
                return None
            candidate.extra["refusal_of"] = candidate.code
            candidate.rule = f"refusal ({candidate.code} -> {refusal}) of {candidate.rule}"
            candidate.code = refusal
            candidate.modality = "asserted"
            return trigger
        if candidate.modality not in ("asserted", "hypothetical") or "threat_of" in candidate.extra:
            return None
        governor = commitment_governor(trigger)
        if candidate.modality == "hypothetical":
            cause = candidate.governor
            own_modal = cause is not None and cause.i == trigger.i
            if own_modal and future_aux(trigger, in_speech=speech is not None):
                pass  # "said they would boycott": future in reported speech
            elif own_modal and conditional_clause(trigger) and is_conflict(candidate.code):
                pass  # "may halt mediation if cooperation founders": a conditional threat
            elif governor is None or cause is None or cause.i != governor.i:
                return None  # a modal (could, may) or a fear: not a commitment
        elif governor is None and not future_aux(trigger, in_speech=speech is not None):
            return None
        if governor is not None and obliged(governor):
            return None  # "the US must be ready to mediate": what someone ought to do, no intent
        new_code = intent_code(candidate.code)
        if new_code is None:
            return None
        candidate.extra["intent_of"] = candidate.code
        candidate.rule = f"intent ({candidate.code} -> {new_code}) of {candidate.rule}"
        candidate.code = new_code
        candidate.modality = "asserted"
        return governor if governor is not None else trigger

    # -- output -----------------------------------------------------------------------------------
    def _to_event(
        self,
        document: Document,
        sentence: Span,
        sentence_index: int,
        candidate: Candidate,
        quote_spans: list[tuple[int, int]],
    ) -> Event:
        trigger = candidate.trigger
        start = trigger.idx
        end = trigger.idx + len(trigger.text)
        for child in trigger.children:  # include a particle: "slapped ... on" stays the verb only
            if child.dep_ == "prt" and child.i == trigger.i + 1:
                end = child.idx + len(child.text)
        quoted = candidate.quoted or any(s <= start and end <= e for s, e in quote_spans)
        info = cameo_info(candidate.code)
        plover = plover_for(candidate.code)
        confidence = 0.5
        if candidate.pattern_matched:
            confidence += 0.2
        if candidate.source is not None and candidate.source.code:
            confidence += 0.1
        if candidate.target is not None and candidate.target.code:
            confidence += 0.1
        if candidate.extra.get("source_fallback") or candidate.extra.get("target_fallback"):
            confidence -= 0.15  # an actor taken from the verb's neighbourhood, not its parse
        if candidate.extra.get("target_not_coded"):
            confidence -= 0.1  # a one-sided event: the object was not an actor
        if candidate.modality != "asserted":
            confidence -= 0.2
        key = (
            f"{document.article.id}:{sentence_index}:{start}:{candidate.code}:"
            f"{actor_key(candidate.source)}:{actor_key(candidate.target)}"
        )
        return Event(
            sentence_index=sentence_index,
            # A slice of the article text (the same string as sentence.text, which joins every
            # token in Python: per event that made long sentences quadratic).
            sentence=document.article.text[sentence.start_char : sentence.end_char],
            span=(start, end),
            source=candidate.source,
            target=candidate.target,
            cameo=candidate.code,
            root=info.root,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            plover_type=plover.type if plover else None,
            plover_mode=plover.mode if plover else None,
            modality=candidate.modality,  # type: ignore[arg-type]
            quoted=quoted,
            confidence=max(0.05, min(1.0, confidence)),
            rule=candidate.rule,
            id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
            sentence_indices=[sentence_index],
        )


# -- helpers --------------------------------------------------------------------------------------


def _form_code(form: FormRule) -> Code:
    return form.code if form.code is not None else form.block.code


def _base_rule(rule: str) -> str:
    """The rule of an event without the notes that it is the mirror of another or one of
    coordinated actors acting on each other."""
    return rule.split(MIRROR_NOTE, 1)[0].removesuffix(COORDINATED_NOTE)


def _form_fits(verb: Token, form: FormRule) -> bool:
    """A multi-word form's extra words stand next to the verb (``broke down``, ``took note``)."""
    if form.post:
        following = [t for t in verb.doc[verb.i + 1 : verb.i + 2 + 2 * len(form.post)]]
        position = 0
        for word in form.post:
            while (
                position < len(following)
                and following[position].lower_ != word
                and (following[position].lemma_.lower() != word)
            ):
                position += 1
            if position >= len(following):
                return False
            position += 1
    if form.pre:
        preceding = [t for t in verb.doc[max(0, verb.i - 2 * len(form.pre) - 1) : verb.i]]
        words = {t.lower_ for t in preceding} | {t.lemma_.lower() for t in preceding}
        if not all(word in words for word in form.pre):
            return False
    return True
