"""Who said it: the speaker phrase of a cue and the named actor it refers to.

The speaker phrase is the cue subject's noun phrase without appositions and relative clauses
("Jens Stoltenberg, NATO's secretary general, said" -> "Jens Stoltenberg"). It is resolved, in
order:

1. the actor mention covering the phrase's head (the actors stage has already resolved role nouns
   and pronouns it could, copying the antecedent's name and code onto the mention), unless it is a
   bare role noun ("a spokesman") or a "he"/"she" linked to something that is not a person;
2. a named person in the phrase or in an apposition ("a Kremlin spokesman, Dmitry Peskov, said"),
   then an institution in the phrase ("the Kremlin said" -> RUSGOV; "a spokesman for the European
   Commission"); a person who only possesses the head ("Mr Foley's parents") is not the speaker;
3. for a pronoun or a definite role noun ("he", "the prime minister") still unresolved: the
   nearest preceding person (preferring grammatical subjects) within the last few sentences; for a
   role noun only a person carrying that title ("Prime Minister Rachel Adams");
4. a PERSON name in the phrase or apposition; a bare surname takes the full name introduced
   earlier ("Titov said" -> Vladimir Titov).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.doc import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.doc import Document

EXCLUDED_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "parataxis"})
PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it", "we"})
ROLE_NOUNS = frozenset(
    [
        "minister",
        "president",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "leader",
        "secretary",
        "chancellor",
        "premier",
        "ambassador",
        "envoy",
        "official",
        "diplomat",
        "general",
        "commander",
        "head",
        "chairman",
        "chairwoman",
        "chair",
        "governor",
        "mayor",
        "senator",
        "lawmaker",
        "king",
        "queen",
        "prince",
        "director",
        "negotiator",
        "adviser",
        "advisor",
    ]
)
LOOKBACK_SENTENCES = 4
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE"})


class ActorIndex:
    """The document's actor mentions looked up by token, built once per document.

    Every lookup a speaker needs (the mention covering a token, the mentions overlapping a token
    range, a mention's position in ``document.actors``) would otherwise scan all mentions: once
    per quote, which is quadratic in the length of a long sentence or article. Answers are the
    same as the scans', in the same order.
    """

    def __init__(self, document: Document) -> None:
        self.actors = document.actors
        self._covering: dict[int, list[int]] = {}  # token index -> mention positions, in order
        self._empty: list[int] = []  # mentions without tokens (overlap is then strict)
        self._position: dict[int, int] = {}  # id(mention) -> first position
        self.context_words: dict[tuple[int, int], set[str]] = {}  # see _context_words
        for position, mention in enumerate(self.actors):
            self._position.setdefault(id(mention), position)
            if mention.token_start >= mention.token_end:
                self._empty.append(position)
            for i in range(mention.token_start, mention.token_end):
                self._covering.setdefault(i, []).append(position)

    def covering(self, token: Token) -> ActorMention | None:
        """The longest mention covering ``token`` (the first of equal length), as
        :meth:`Document.actor_for_token` gives."""
        best: ActorMention | None = None
        for position in self._covering.get(token.i, ()):
            mention = self.actors[position]
            if best is None or (mention.token_end - mention.token_start) > (
                best.token_end - best.token_start
            ):
                best = mention
        return best

    def overlapping(self, lo: int, hi: int) -> list[ActorMention]:
        """The mentions with ``token_start < hi`` and ``token_end > lo``, in document order."""
        found = {p for i in range(lo, hi) for p in self._covering.get(i, ())}
        found.update(
            p for p in self._empty if lo < self.actors[p].token_start < hi
        )  # an empty mention at k overlaps when lo < k < hi
        return [self.actors[p] for p in sorted(found)]

    def position(self, mention: ActorMention | None) -> int | None:
        """The index of ``mention`` (by identity) in ``document.actors``."""
        return None if mention is None else self._position.get(id(mention))


@dataclass
class Speaker:
    """The in-text speaker mention and the actor it resolves to."""

    mention: ActorMention
    name: str | None
    code: str | None


def speaker_tokens(subject: Token) -> list[Token]:
    """The subject's noun phrase without appositions, relative clauses and edge punctuation."""
    kept: list[Token] = []

    def visit(token: Token) -> None:
        kept.append(token)
        for child in token.children:
            if child.dep_ not in EXCLUDED_DEPS:
                visit(child)

    visit(subject)
    # a comma or bracket ends the phrase ("Stoltenberg, NATO's chief"); a hyphen does not
    kept = [t for t in kept if t.i == subject.i or t.text not in (",", ";", "(", ")")]

    kept.sort(key=lambda t: t.i)
    # keep the contiguous run around the head
    run = [subject]
    by_index = {t.i: t for t in kept}
    i = subject.i - 1
    while i in by_index:
        run.insert(0, by_index[i])
        i -= 1
    i = subject.i + 1
    while i in by_index:
        run.append(by_index[i])
        i += 1
    while run and (run[0].is_punct or run[0].is_space) and run[0].i != subject.i:
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].is_space) and run[-1].i != subject.i:
        run.pop()
    return run


def _appositions(subject: Token) -> list[Token]:
    tokens: list[Token] = []
    for child in subject.children:
        if child.dep_ == "appos":
            tokens.extend(child.subtree)
    return tokens


def _actors_in(actors: ActorIndex, tokens: list[Token]) -> list[ActorMention]:
    if not tokens:
        return []
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    return actors.overlapping(lo, hi)


def _is_person(mention: ActorMention) -> bool:
    return (mention.kind or "").lower() == "person"


def _head_dep(document: Document, start: int, end: int) -> str:
    """The dependency label of a token span's syntactic head (the token whose head lies outside)."""
    doc = document.doc
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token.dep_
    return ""


def _preceding_candidates(
    document: Document, before: int, want_person: bool
) -> list[tuple[int, int, str | None, str | None, ActorMention | None]]:
    """(token_start, token_end, name, code, mention) of persons (or non-persons) before a token."""
    doc = document.doc
    sentence_starts = [s.start for s in doc.sents if s.start <= before]
    window_start = (
        sentence_starts[-LOOKBACK_SENTENCES] if len(sentence_starts) >= LOOKBACK_SENTENCES else 0
    )
    found = []
    covered: set[int] = set()
    for mention in document.actors:
        if (
            window_start <= mention.token_start
            and mention.token_end <= before
            and _is_person(mention) == want_person
            and mention.kind is not None
            and not _is_generic(mention)
        ):
            found.append(
                (mention.token_start, mention.token_end, mention.name, mention.code, mention)
            )
            covered.update(range(mention.token_start, mention.token_end))
    labels = ("PERSON",) if want_person else ("ORG",)
    for ent in doc.ents:
        if (
            ent.label_ in labels
            and window_start <= ent.start
            and ent.end <= before
            and not covered.intersection(range(ent.start, ent.end))
        ):
            found.append((ent.start, ent.end, ent.text, None, None))
    return found


def _context_words(
    document: Document, start: int, end: int, actors: ActorIndex | None = None
) -> set[str]:
    """The words of a candidate's own noun phrase and appositions, which carry its title:
    "Prime Minister Rachel Adams", "Rachel Adams, the prime minister", "the minister, Rachel
    Adams". Kept in ``actors`` (one per document) when given: every role noun asks again."""
    if actors is None:
        return _phrase_words(document, start, end)
    words = actors.context_words.get((start, end))
    if words is None:
        words = actors.context_words[start, end] = _phrase_words(document, start, end)
    return words


def _phrase_words(document: Document, start: int, end: int) -> set[str]:
    head = document.doc[start:end].root
    tokens = [*speaker_tokens(head), *_appositions(head)]
    if head.dep_ == "appos":
        tokens.extend(speaker_tokens(head.head))
    return {t.lower_ for t in tokens}


def nearest_preceding(
    document: Document,
    token: Token,
    want_person: bool,
    role_words: list[str] | None = None,
    actors: ActorIndex | None = None,
) -> tuple[str | None, str | None, ActorMention | None] | None:
    """The nearest earlier person (or group), preferring subjects of their sentence. With
    ``role_words`` ("prime", "minister"), only a candidate carrying that title nearby."""
    candidates = _preceding_candidates(document, token.i, want_person)
    if role_words:
        wanted = set(role_words)
        candidates = [
            c for c in candidates if wanted <= _context_words(document, c[0], c[1], actors)
        ]
    if not candidates:
        return None
    doc = document.doc

    def rank(item: tuple[int, int, str | None, str | None, ActorMention | None]) -> tuple:
        start, end = item[0], item[1]
        sentence_start = doc[start].sent.start
        is_subject = _head_dep(document, start, end) in ("nsubj", "nsubjpass") or any(
            t.dep_ == "compound" and t.head.dep_ in ("nsubj", "nsubjpass") for t in doc[start:end]
        )
        return (sentence_start, is_subject, start)

    best = max(candidates, key=rank)
    return best[2], best[3], best[4]


def _possessor(document: Document, mention: ActorMention) -> bool:
    """Whether a mention is a possessive modifier ("Russia's" in "Russia's foreign minister")."""
    return _head_dep(document, mention.token_start, mention.token_end) == "poss"


def _is_generic(mention: ActorMention | None) -> bool:
    """A role or group noun the actors stage did not tie to anyone ("a spokesman", "officials",
    "the NATO chief"); an institution with a code ("the British government") is not generic."""
    return (
        mention is not None
        and mention.rule == "agent"
        and mention.antecedent is None
        and (mention.code is None or (mention.kind or "") in ("person", "group"))
    )


def _entity_name(
    document: Document, tokens: list[Token], head: Token, labels: set[str]
) -> str | None:
    doc = document.doc
    for token in tokens:
        if token.ent_type_ in labels:
            ent = next(e for e in doc.ents if e.start <= token.i < e.end)
            # a person's name anywhere; an organisation's only when it is the phrase's head
            if ent.label_ == "PERSON" or ent.start <= head.i < ent.end:
                return ent.text
    return None


def resolve_speaker(
    document: Document,
    subject: Token,
    within: tuple[int, int] | None = None,
    actors: ActorIndex | None = None,
) -> Speaker:
    """The speaker mention for a cue subject, resolved to a named actor where possible.
    ``within`` (token start, end) bounds the phrase when the parse is not to be trusted;
    ``actors`` is the document's :class:`ActorIndex` (built here when not given)."""
    actors = actors if actors is not None else ActorIndex(document)
    text = document.article.text
    phrase = speaker_tokens(subject)
    if within is not None:
        phrase = [t for t in phrase if within[0] <= t.i < within[1]] or [subject]
    start_char = phrase[0].idx
    end_char = phrase[-1].idx + len(phrase[-1].text)
    appositions = _appositions(subject)
    in_phrase = _actors_in(actors, phrase)
    in_appos = _actors_in(actors, appositions)

    resolved: ActorMention | None = actors.covering(subject)
    if (
        resolved is not None
        and subject.lower_ in PERSON_PRONOUNS
        and resolved.kind is not None
        and not _is_person(resolved)
    ):
        resolved = None  # "he" is a person, whatever an upstream resolver linked it to
    if resolved is None or _is_generic(resolved):
        # a named person in the phrase or its apposition beats a bare role noun
        # then an organisation the role belongs to ("a spokesman for the European Commission")
        # a person who only possesses the head is not the speaker ("Mr Foley's parents")
        candidates = [
            m for m in in_phrase + in_appos if not _is_generic(m) and not _possessor(document, m)
        ]
        persons = [m for m in candidates if _is_person(m)]
        named = [m for m in candidates if m in in_phrase and not _is_person(m)]
        pool = persons or named or ([] if resolved is not None else in_appos)
        if pool:
            resolved = max(pool, key=lambda m: (m.code is not None, m.token_end - m.token_start))

    name: str | None = None
    code: str | None = None
    if resolved is not None:
        name, code = resolved.name or resolved.text, resolved.code
    appos_person = _entity_name(document, appositions, subject, {"PERSON"})
    if (resolved is None or _is_generic(resolved)) and appos_person:
        name = appos_person  # "a Kremlin spokesman, Dmitry Peskov, said"
    lower = subject.lower_
    unresolved = resolved is None or (
        resolved.name is None and resolved.code is None and resolved.antecedent is None
    )
    if (unresolved or _is_generic(resolved)) and not appos_person:
        found = None
        if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
            if unresolved:
                found = nearest_preceding(document, subject, want_person=lower in PERSON_PRONOUNS)
        elif (
            subject.lemma_.lower() in ROLE_NOUNS and subject.tag_ == "NN" and _is_definite(subject)
        ):
            role_words = [t.lower_ for t in phrase if t.dep_ not in ("det", "poss", "case")]
            found = nearest_preceding(
                document, subject, want_person=True, role_words=role_words, actors=actors
            )
        if found is not None:
            name, code, resolved = found[0], found[1], found[2] or resolved
    if name is None:
        name = _entity_name(document, [*phrase, *appositions], subject, set(NAME_ENTITIES))
    if code is None and subject.pos_ == "PROPN" and (name is None or " " not in name):
        # a bare surname ("Titov said") names the person introduced in full earlier
        full = _earlier_full_name(document, subject)
        if full is not None:
            name, code, resolved = full[0], full[1], full[2] or resolved

    mention = ActorMention(
        text=text[start_char:end_char],
        span=(start_char, end_char),
        code=code,
        country=resolved.country if resolved is not None else None,
        sector=resolved.sector if resolved is not None else None,
        name=name,
        kind=resolved.kind if resolved is not None else None,
        rule="speaker",
        antecedent=actors.position(resolved),
        token_start=phrase[0].i,
        token_end=phrase[-1].i + 1,
    )
    return Speaker(mention=mention, name=name, code=code)


def _earlier_full_name(
    document: Document, surname: Token
) -> tuple[str | None, str | None, ActorMention | None] | None:
    """The latest earlier person whose name ends with ``surname`` and is longer than it."""
    doc = document.doc
    candidates = [
        (m.token_start, m.name, m.code, m)
        for m in document.actors
        if _is_person(m) and m.token_end <= surname.i and m.name
    ] + [
        (e.start, e.text, None, None)
        for e in doc.ents
        if e.label_ == "PERSON" and e.end <= surname.i
    ]
    for _, name, code, mention in sorted(candidates, key=lambda c: -c[0]):
        words = (name or "").split()
        if len(words) > 1 and words[-1].lower() == surname.lower_:
            return name, code, mention
    return None


def _is_definite(token: Token) -> bool:
    children = list(token.children)
    named = any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in children)
    return not named and any(c.lower_ == "the" and c.dep_ == "det" for c in children)


def speaker_from_tokens(
    document: Document, start: int, end: int, actors: ActorIndex | None = None
) -> Speaker | None:
    """A speaker given as a bare token range (the name after a dash in a press release)."""
    doc = document.doc
    span = doc[start:end]
    heads = [t for t in span if not (start <= t.head.i < end) or t.head.i == t.i]
    if not heads:
        return None
    return resolve_speaker(document, heads[0], within=(start, end), actors=actors)
