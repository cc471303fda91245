"""Speech cues: the words that introduce reported speech, and what each one reports.

A cue is found on the dependency parse of one sentence: a verb of saying whose lemma is in
:data:`SPEECH_VERBS` (said, told, warned, added, insisted...), or the preposition "according to".
For each cue we record its subject token (the speaker, possibly found through a conjoined or
participial head: "denies ... and says", "rejected it, saying", "quoted him as saying") and the
tokens of what was reported:

- the clausal complement (``ccomp``): "said (that) Moscow wants talks", "warned Britain that ...",
  also when the parser hangs it on a noun ("said in a statement that ...");
- a directive complement (``xcomp``) of tell/urge/ask/warn: "told Russia to de-escalate";
- a characterisation: "called the plan “short-sighted”", "accused the West of “stoking tensions”";
- "warn/tell X of/about Y": the object of the preposition (with a trailing "if ..." condition);
- the direct object of emphasis verbs (reiterated, stressed, denied...);
- the governing clause when the cue is a trailing parenthetical ("..., he said", parsed as
  parataxis), or when the speaker block before a trailing cue was misparsed ("..., the CEO of X,
  Oleg Siyenko, has told TASS"), and for "according to X" (the clause it modifies).

Cognition verbs (believe, think, hope) are not cues, and negated speech ("did not say", "declined
to say") reports nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# fmt: off
SPEECH_VERBS = frozenset(
    (
    "accuse", "acknowledge", "add", "admit", "agree", "allege", "announce", "answer", "argue",
    "ask", "assert", "assess", "assure", "boast", "brand", "call", "caution", "claim", "comment",
    "complain", "concede", "conclude", "confirm", "contend", "counter", "declare", "demand",
    "deny", "describe", "disclose", "dispute", "dub", "emphasise", "emphasize", "estimate",
    "explain", "indicate", "insist", "joke", "label", "lament", "maintain", "mention", "note",
    "observe", "pledge", "post", "predict", "proclaim", "promise", "propose", "quip", "reaffirm",
    "recall", "recommend", "reiterate", "remark", "repeat", "reply", "report", "respond", "retort",
    "reveal", "say", "speak", "state", "stress", "suggest", "tell", "testify", "tweet", "underline",
    "underscore", "urge", "vow", "warn", "write",
    )
)
# fmt: on
# verbs that report speech with a direct object ("reiterated the importance of ...")
# fmt: off
OBJECT_CUES = frozenset(
    (
    "acknowledge", "admit", "announce", "confirm", "demand", "deny", "emphasise", "emphasize",
    "predict", "propose", "reaffirm", "recommend", "reiterate", "reject", "repeat", "stress",
    "underline", "underscore",
    )
)
# fmt: on
# verbs that report a characterisation: "called the plan “short-sighted”"
DESCRIPTIVE_CUES = frozenset(["call", "describe", "brand", "label", "accuse", "dub"])
# verbs that report a directive with an object and a to-infinitive ("told Russia to ...")
DIRECTIVE_CUES = frozenset(["tell", "urge", "ask", "warn", "call", "caution", "advise"])
# verbs reporting a topic with a preposition ("warned Moscow of ...", "told Putin of ...")
TOPIC_PREPOSITIONS = {
    "warn": {"of", "about", "against"},
    "tell": {"of", "about"},
    "speak": {"of", "about"},
}
MAX_SPEAKER_BLOCKS = 3  # "the CEO of X, Oleg Siyenko," before a trailing cue
MAX_BLOCK_TOKENS = 12
CIRCUMSTANCE_MARKS = frozenset(["as", "while", "because", "since", "after", "before", "when"])
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp",)


@dataclass
class Cue:
    """A speech cue in one sentence and the tokens of what it reports."""

    tokens: list[Token]  # the cue words ("said"; "according", "to")
    subject: Token | None  # head token of the speaker phrase
    content: list[Token] = field(default_factory=list)  # reported tokens (may be empty)
    rule: str = ""
    speaker_bounds: tuple[int, int] | None = None  # token range the speaker phrase must stay in

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


def _own_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not c.is_punct]
    return subjects[-1] if subjects else None


def find_subject(verb: Token, sentence_start: int | None = None) -> Token | None:
    """The grammatical subject of ``verb``, looking through conjunction, participles ("saying"),
    and relative clauses ("Putin, who said ..."). ``sentence_start`` (the first token index of
    the verb's sentence) saves a walk over the sentence to find it."""
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "dep", "pcomp", "ccomp"):
        # "Peskov said ..., adding that ...", "the NATO chief has rejected it, saying ...": the
        # speaker is the subject of the nearest speech verb to the left, else of the nearest finite
        # verb (the parser often attaches the participle too high or too low)
        first = _sentence_start(verb, sentence_start)
        earlier = list(reversed(list(verb.doc[first : verb.i])))
        for wanted in (is_speech_verb, lambda t: t.pos_ in ("VERB", "AUX")):
            for token in earlier:
                if wanted(token) and token.tag_ != "VBG":
                    subject = _own_subject(token)
                    if subject is not None:
                        return subject
    seen = 0
    current = verb
    while seen < 4:
        seen += 1
        subject = _own_subject(current)
        if subject is not None and subject.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
            return current.head  # "Putin, who said ...": the relative pronoun's antecedent
        if subject is not None:
            return subject
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return None  # "he was told", "it was said": the speaker is elsewhere
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head
        if current.dep_ in ("conj", "advcl", "xcomp") and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ != "VBG":
                return None
            current = current.head
            continue
        return None
    return None


def is_negated(verb: Token) -> bool:
    """ "did not say", "declined to say", "refused to comment": nothing was reported."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def _sentence_start(token: Token, known: int | None) -> int:
    """The first token index of ``token``'s sentence: ``known`` when the caller has it (finding
    it from the token walks back over the sentence, quadratic when done for every cue)."""
    return known if known is not None else token.sent.start


def _strip_that(tokens: list[Token], sentence_start: int | None = None) -> list[Token]:
    """Drop the complementiser ("said that ...") and edge punctuation from a reported clause.
    ``sentence_start``: the first token index of the clause's sentence, when known."""
    for n, token in enumerate(tokens[:4]):
        if token.lower_ == "that" and token.dep_ == "mark":
            if n and all(t.pos_ in ("ADV", "PUNCT") for t in tokens[:n]):
                tokens = tokens[n:]  # "(said) earlier that ..."
            break
    if len(tokens) > 2 and tokens[0].pos_ in ("ADV", "CCONJ") and tokens[1].text == ",":
        tokens = tokens[2:]  # "Besides, ...", "However, ..."
    while tokens and (
        (tokens[0].lower_ == "that" and tokens[0].dep_ == "mark")
        or (tokens[0].dep_ == "cc" and tokens[0].i == _sentence_start(tokens[0], sentence_start))
        or (tokens[0].lower_ == "to" and tokens[0].dep_ in ("aux", "mark"))
    ):
        tokens = tokens[1:]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _without_circumstance(head: Token) -> list[Token]:
    """A to-infinitive's subtree without trailing circumstantial clauses ("..., as Moscow
    seeks")."""
    dropped: set[int] = set()
    for child in head.children:
        if (
            child.dep_ == "advcl"
            and child.i > head.i
            and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in child.children)
        ):
            dropped.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in dropped]


def _with_condition(verb: Token, tokens: list[Token], sentence_start: int) -> list[Token]:
    """Add the verb's trailing condition ("warned of consequences if it invades")."""
    if not tokens:
        return tokens
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and child.i > tokens[-1].i
            and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children)
        ):
            tokens = list(verb.doc[tokens[0].i : child.right_edge.i + 1])
    return _strip_that(tokens, sentence_start)


def _first_word(token: Token) -> Token:
    """The first non-punctuation token of ``token``'s subtree."""
    return next((t for t in token.subtree if not (t.is_punct or t.is_space)), token)


def _without_nested_cues(head: Token, tokens: list[Token], sentence_start: int) -> list[Token]:
    """Cut a reported clause before a participle cue of the same speaker ("..., adding that")."""
    for token in tokens:
        if (
            token.i > head.i
            and token.tag_ == "VBG"
            and token.dep_ in ("advcl", "xcomp", "conj")
            and is_speech_verb(token)
        ):
            cut = _first_word(token).i
            return _strip_that([t for t in tokens if t.i < cut], sentence_start)
    return tokens


def _misattached_that_clause(verb: Token, sentence_start: int) -> list[Token]:
    """ "said in a statement that ...", "told X in a phone call that ...": the parser hangs the
    complement clause on the noun as a relative clause; a complementiser *mark* "that" whose verb
    has its own subject gives it away (in a true relative clause "that" is the subject or
    object)."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        for token in child.subtree:
            if token.lower_ == "that" and token.dep_ == "mark":
                clause = token.head
                if clause.dep_ in ("acl", "relcl") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in clause.children
                ):
                    clause_tokens = list(verb.doc[token.i : clause.right_edge.i + 1])
                    return _strip_that(clause_tokens, sentence_start)
    return []


def _set_off(clause: Token, verb: Token) -> bool:
    """A clause before its cue is reported speech only when punctuation sets it off:
    "“We will win,” she said", "Talks failed, officials said" (not "READ MORE: X explained")."""
    between = verb.doc[clause.right_edge.i + 1 : verb.i]
    return any(t.text in (",", "–", "—") or t.is_quote for t in between) or any(
        t.is_quote for t in (clause.right_edge, clause.left_edge)
    )


def _content_of(verb: Token, sentence_start: int | None = None) -> tuple[list[Token], str]:
    """What ``verb`` reports and the rule that found it. ``sentence_start`` (the first token
    index of the verb's sentence) keeps the work per cue independent of the sentence length."""
    sentence_start = _sentence_start(verb, sentence_start)
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    for child in list(children):
        if child.dep_ == "advmod" and child.i > verb.i:
            # "said earlier that ...": the parser may hang the clause on the adverb
            children.extend(c for c in child.children if c.dep_ in CONTENT_DEPS)
    for child in children:
        if child.dep_ in CONTENT_DEPS and (child.i > verb.i or _set_off(child, verb)):
            tokens = _subtree(child)
            if tokens and tokens[0].lower_ == "to" and child.i > verb.i:
                tokens = _without_circumstance(child)
            stripped = _strip_that(tokens, sentence_start)
            return _without_nested_cues(child, stripped, sentence_start), "ccomp"
    misattached = _misattached_that_clause(verb, sentence_start)
    if misattached:
        return _without_nested_cues(misattached[0], misattached, sentence_start), "ccomp"
    if lemma in DIRECTIVE_CUES:
        for child in children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                return _strip_that(_without_circumstance(child), sentence_start), "directive"
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
    if lemma in DESCRIPTIVE_CUES and obj is not None:
        # "called the plan “short-sighted”", "described the market as “resilient”",
        # "accused the West of “stoking tensions”": the object and its predicate
        complement = [
            c
            for c in children
            if c.i > obj.i
            and (
                c.dep_ in ("oprd", "xcomp", "ccomp")
                or (c.dep_ == "prep" and c.lower_ in ("as", "of"))
            )
        ]
        if not complement and obj.n_rights:
            complement = [c for c in obj.rights if c.dep_ in ("oprd", "amod", "appos", "prep")]
        if complement:
            last = max(t.right_edge.i for t in complement)
            described = list(verb.doc[obj.left_edge.i : last + 1])
            return _strip_that(described, sentence_start), "descriptive"
    for child in children:
        if (
            child.dep_ == "prep"
            and child.i > verb.i
            and child.lower_ in TOPIC_PREPOSITIONS.get(lemma, ())
        ):
            return _with_condition(verb, _subtree(child)[1:], sentence_start), "topic"
    if lemma in OBJECT_CUES and obj is not None:
        return _strip_that(_subtree(obj), sentence_start), "object"
    # a trailing parenthetical cue: "Russia will not back down, he said." parsed with the cue as a
    # parataxis (or ccomp) dependent of the reported clause's verb
    first = _first_word(verb)
    before = verb.doc[first.i - 1] if first.i > sentence_start else None
    if (
        verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < verb.i
        and before is not None
        and before.text in (",", "–", "—", "-")
    ):
        cue_part = {t.i for t in verb.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in cue_part and t.i < first.i]
        return _strip_that(tokens, sentence_start), "parenthetical"
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
    while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    if head.i in phrase:
        head = sentence.root
    clause = [t for t in head.subtree if t.i not in phrase and sentence.start <= t.i < sentence.end]
    if head.i == sentence.root.i:
        clause = [t for t in sentence if t.i not in phrase]
    # keep the larger contiguous stretch (the phrase may sit mid-clause)
    clause = _longest_run(clause)
    return Cue(
        tokens=[token, nxt],
        subject=speaker,
        content=_strip_that(clause, sentence.start),
        rule="according_to",
    )


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


def _quoted_as_saying(token: Token) -> tuple[Token | None, Token] | None:
    """(speaker, quoting verb) for "... quoted X as saying" / "X was quoted as saying"."""
    if token.tag_ != "VBG" or token.head.lower_ != "as":
        return None
    verb = token.head.head
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    speaker = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return speaker, verb


_SPEECH_LEMMA: dict[int, bool] = {}  # lemma id -> lemma_.lower() in SPEECH_VERBS (a closed set)


def speech_candidates(doc: Doc) -> list[int]:
    """Indices of the only tokens :func:`find_cues` acts on ("according" and speech verbs), read
    for the whole document as one array instead of token by token in every sentence."""
    from spacy.attrs import LEMMA, LOWER, POS
    from spacy.parts_of_speech import AUX, VERB

    if not len(doc):
        return []
    strings = doc.vocab.strings
    according = strings.add("according")
    speech_lemma = _SPEECH_LEMMA
    found = []
    for i, (lower, pos, lemma) in enumerate(doc.to_array([LOWER, POS, LEMMA]).tolist()):
        if lower == according:
            found.append(i)
        elif pos in (VERB, AUX):
            speech = speech_lemma.get(lemma)
            if speech is None:
                speech = strings[lemma].lower() in SPEECH_VERBS
                if len(speech_lemma) < 1_000_000:
                    speech_lemma[lemma] = speech
            if speech:
                found.append(i)
    return found


def find_cues(sentence: Span, candidates: list[int] | None = None) -> list[Cue]:
    """Every speech cue in one sentence, in order. ``candidates`` (:func:`speech_candidates` of
    the sentence's document) lets it skip the tokens that cannot be a cue."""
    cues: list[Cue] = []
    tokens: Iterable[Token] = sentence
    if candidates is not None:
        doc = sentence.doc
        low = bisect.bisect_left(candidates, sentence.start)
        high = bisect.bisect_left(candidates, sentence.end)
        tokens = [doc[i] for i in candidates[low:high]]
    for token in tokens:
        if token.lower_ == "according":
            cue = _according_to(token, sentence)
            if cue is not None:
                cues.append(cue)
            continue
        if not is_speech_verb(token) or is_negated(token):
            continue
        if (
            token.tag_ == "VBG"
            and token.lemma_.lower() == "report"
            and any(c.lower_ in ("from", "in", "at") for c in token.children)
        ):
            continue  # "Qais Azimy, reporting from Kabul, said": where the reporter is
        if token.lemma_.lower() == "call" and not any(
            c.lower_ in ("on", "for", "upon") or c.dep_ in ("oprd", "dobj") for c in token.children
        ):
            continue  # "called on X to ...", "called for ...", "called X “...”" report speech
        quoting = _quoted_as_saying(token)
        if quoting is not None:
            # "the press service quoted him as saying", "Peskov was quoted as saying": the speaker
            # is the one quoted, and what was said hangs on the quoting verb
            speaker, quoting_verb = quoting
            inside = sentence.start <= quoting_verb.i < sentence.end
            content, rule = _content_of(quoting_verb, sentence.start if inside else None)
            cues.append(Cue(tokens=[token], subject=speaker, content=content, rule="quoted_as"))
            continue
        content, rule = _content_of(token, sentence.start)
        cue_tokens = [token]
        particle = next((c for c in token.children if c.dep_ == "prt"), None)
        if particle is not None and particle.i == token.i + 1:
            cue_tokens.append(particle)  # "pointed out"
        subject = find_subject(token, sentence.start)
        if subject is None:
            trailing = _trailing_attribution(token, sentence)
            if trailing is not None:
                subject, content, bounds = trailing
                cues.append(Cue(cue_tokens, subject, content, "trailing", speaker_bounds=bounds))
                continue
        cues.append(Cue(tokens=cue_tokens, subject=subject, content=content, rule=rule))
    return cues


def _trailing_attribution(
    verb: Token, sentence: Span
) -> tuple[Token, list[Token], tuple[int, int]] | None:
    """ "Rosatom was commissioned to ..., the CEO of Uralvagonzavod, Oleg Siyenko, has told TASS.":
    the parser often hangs the speaker on the reported clause as an apposition and leaves the cue
    without a subject. Read the comma-separated blocks before the cue instead: the blocks without a
    verb are the speaker (its first block the head phrase), what precedes them was reported."""
    doc = verb.doc
    i = verb.i - 1
    while i > sentence.start and doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].i < verb.i:
        i -= 1
    if i <= sentence.start or doc[i].text != ",":
        return None
    end = i  # the comma before the cue
    start = end
    for _ in range(MAX_SPEAKER_BLOCKS):
        comma = next((k for k in range(start - 1, sentence.start, -1) if doc[k].text == ","), None)
        if comma is None:
            break
        block = doc[comma + 1 : start]
        participle = bool(block) and block[0].tag_ == "VBG"  # ", reporting from Kabul,"
        verbs = [t for t in block if t.pos_ in ("VERB", "AUX")]
        if not block or len(block) > MAX_BLOCK_TOKENS or (verbs and not participle):
            break
        if not participle and not any(t.pos_ in ("PROPN", "NOUN") for t in block):
            break
        start = comma
    if start == end:
        return None
    content = _strip_that(list(doc[sentence.start : start]), sentence.start)
    if len(content) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    first_block = doc[
        start + 1 : next((k for k in range(start + 1, end) if doc[k].text == ","), end)
    ]
    return first_block.root, content, (start + 1, end)
