"""Speech cues: the words that introduce reported speech, and what each one reports.

A cue is found on the dependency parse of one sentence: a verb of saying whose lemma is in
:data:`SPEECH_VERBS` (said, told, warned, added, insisted...), or the preposition "according to".
For each cue we record its subject token (the speaker, possibly found through a conjoined or
participial head: "denies ... and says", "rejected it, saying") and the tokens of what was reported:

- the clausal complement (``ccomp``): "said (that) Moscow wants talks", "warned Britain that ...";
- a directive complement (``xcomp``) of tell/urge/ask/warn: "told Russia to de-escalate";
- "warn/tell X of/about Y": the object of the preposition;
- the direct object of emphasis verbs (reiterated, stressed, denied...) when it is long or quoted;
- the governing clause when the cue is a trailing parenthetical ("..., he said", parsed as parataxis)
  and for "according to X" (the clause it modifies, minus the phrase).

Cognition verbs (believe, think, hope) are not cues: they report no speech.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SPEECH_VERBS = frozenset(
    """
    say tell warn add insist claim state announce note stress emphasise emphasize argue explain
    confirm deny write report suggest assert declare acknowledge admit reply respond answer recall
    predict promise vow pledge urge reiterate underline underscore caution allege concede
    comment complain observe remark reveal tweet post ask demand accuse assure maintain contend
    repeat indicate disclose testify describe mention proclaim retort counter agree estimate
    conclude assess call quip joke boast lament concede propose recommend
    """.split()
)
# verbs that report speech with a direct object ("reiterated the importance of ...")
OBJECT_CUES = frozenset(
    """
    reiterate stress emphasise emphasize underline underscore deny confirm announce repeat reject
    demand propose recommend acknowledge admit predict promise pledge vow describe
    """.split()
)
# verbs that report a directive with an object and a to-infinitive ("told Russia to ...")
DIRECTIVE_CUES = frozenset("tell urge ask warn call caution advise order instruct".split())
# verbs reporting a topic with a preposition ("warned Moscow of ...", "told Putin of ...")
TOPIC_PREPOSITIONS = {"warn": {"of", "about", "against"}, "tell": {"of", "about"}, "speak": set()}
CIRCUMSTANCE_MARKS = frozenset("as while because since after before when".split())
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp",)


@dataclass
class Cue:
    """A speech cue in one sentence and the tokens of what it reports."""

    tokens: list[Token]  # the cue words ("said"; "according", "to")
    subject: Token | None  # head token of the speaker phrase
    content: list[Token] = field(default_factory=list)  # reported tokens (may be empty)
    rule: str = ""

    @property
    def head(self) -> Token:
        return self.tokens[0]

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def find_subject(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, looking through conjunction, participles ("saying"),
    and relative clauses ("Putin, who said ...")."""
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "dep", "pcomp"):
        # "the NATO chief has rejected it, saying ...": the speaker is the subject of the nearest
        # finite verb to the left (the parser often attaches the participle too high)
        for token in reversed(list(verb.doc[verb.sent.start : verb.i])):
            if token.pos_ in ("VERB", "AUX"):
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
    seen = 0
    current = verb
    while seen < 4:
        seen += 1
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "nsubjpass" and current.lemma_ in ("tell", "quote", "report"):
                return None  # "he was told" / "was quoted as saying": the speaker is elsewhere
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head
        if current.dep_ in ("conj", "advcl", "xcomp") and current.head is not current:
            if current.dep_ == "advcl" and current.tag_ != "VBG":
                return None
            current = current.head
            continue
        return None
    return None


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def _strip_that(tokens: list[Token]) -> list[Token]:
    """Drop the complementiser ("said that ...") and edge punctuation from a reported clause."""
    while tokens and (
        (tokens[0].lower_ == "that" and tokens[0].dep_ == "mark")
        or (tokens[0].lower_ == "to" and tokens[0].dep_ in ("aux", "mark"))
    ):
        tokens = tokens[1:]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _without_circumstance(head: Token) -> list[Token]:
    """A to-infinitive's subtree without trailing circumstantial clauses ("..., as Moscow seeks")."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ == "advcl" and child.i > head.i:
            if any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in child.children):
                dropped.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in dropped]


def _with_condition(verb: Token, tokens: list[Token]) -> list[Token]:
    """Add the verb's trailing condition ("warned of consequences if it invades")."""
    if not tokens:
        return tokens
    for child in verb.children:
        if child.dep_ == "advcl" and child.i > tokens[-1].i:
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children):
                last = child.right_edge.i
                tokens = list(verb.doc[tokens[0].i : last + 1])
    return _strip_that(tokens)


def _content_of(verb: Token) -> tuple[list[Token], str]:
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    for child in children:
        if child.dep_ in CONTENT_DEPS and child.i > verb.i - 40:
            tokens = _subtree(child)
            if tokens and tokens[0].lower_ == "to" and child.i > verb.i:
                tokens = _without_circumstance(child)
            return _strip_that(tokens), "ccomp"
    if lemma in DIRECTIVE_CUES:
        for child in children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                return _strip_that(_without_circumstance(child)), "directive"
    for child in children:
        if (
            child.dep_ == "prep"
            and child.i > verb.i
            and child.lower_ in TOPIC_PREPOSITIONS.get(lemma, ())
        ):
            return _with_condition(verb, _subtree(child)[1:]), "topic"
    if lemma in OBJECT_CUES:
        for child in children:
            if child.dep_ == "dobj" and child.i > verb.i:
                tokens = _strip_that(_subtree(child))
                return tokens, "object"
    # a trailing parenthetical cue: "Russia will not back down, he said." parsed with the cue as a
    # parataxis (or ccomp) dependent of the reported clause's verb
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > verb.sent.start else None
    if (
        verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < verb.i
        and before is not None
        and before.text in (",", "–", "—", "-")
    ):
        cue_part = {t.i for t in verb.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in cue_part and t.i < verb.left_edge.i]
        return _strip_that(tokens), "parenthetical"
    return [], "bare"


def _according_to(token: Token, sentence: Span) -> Cue | None:
    """ "according to X": the speaker is X, the content the clause the phrase modifies."""
    nxt = token.nbor(1) if token.i + 1 < sentence.end else None
    if nxt is None or nxt.lower_ != "to":
        return None
    speaker = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    phrase = {token.i, nxt.i}
    if speaker is not None:
        phrase.update(t.i for t in speaker.subtree)
    head = token.head
    while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    if head.i in phrase:
        head = sentence.root
    clause = [t for t in head.subtree if t.i not in phrase and sentence.start <= t.i < sentence.end]
    if head is sentence.root:
        clause = [t for t in sentence if t.i not in phrase]
    # keep the larger contiguous stretch (the phrase may sit mid-clause)
    clause = _longest_run(clause)
    return Cue(tokens=[token, nxt], subject=speaker, content=_strip_that(clause), rule="according_to")


def _longest_run(tokens: list[Token]) -> list[Token]:
    best: list[Token] = []
    run: list[Token] = []
    for token in tokens:
        if run and token.i != run[-1].i + 1:
            if len(run) > len(best):
                best = run
            run = []
        run.append(token)
    if len(run) > len(best):
        best = run
    return best


def find_cues(sentence: Span) -> list[Cue]:
    """Every speech cue in one sentence, in order."""
    cues: list[Cue] = []
    for token in sentence:
        if token.lower_ == "according":
            cue = _according_to(token, sentence)
            if cue is not None:
                cues.append(cue)
            continue
        if not is_speech_verb(token):
            continue
        if token.lemma_.lower() == "call" and not any(
            c.lower_ in ("on", "for", "upon") for c in token.children
        ):
            continue  # only "called on X to ..." / "called for ..." report speech
        content, rule = _content_of(token)
        cue_tokens = [token]
        particle = next((c for c in token.children if c.dep_ == "prt"), None)
        if particle is not None and particle.i == token.i + 1:
            cue_tokens.append(particle)  # "pointed out"
        cues.append(Cue(tokens=cue_tokens, subject=find_subject(token), content=content, rule=rule))
    return cues
