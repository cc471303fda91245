"""Nominal events carried by light verbs: "organized a general strike", "held a rally".

The verb dictionary already says what many nouns mean after a light verb: its blocks of ``stage``,
``launch``, ``begin``, ``conduct``, ``impose``... hold patterns such as ``- * {HUNGER STRIKE}
[142]`` or ``- * RALLY [141]``. This module indexes those noun patterns once per rule set, by the
noun's head word, with the code most of them give. A light verb whose own block has no pattern for
its object (``organized`` is COORDINATE, whose patterns know no strike) then takes its code from
the noun it governs, so that a strike is a strike whichever light verb announces it. The index is
read from the loaded dictionaries, so a user's own verb file brings its own nouns; eventwire's
event-noun table (``data/nouns.eventwire.txt``) fills in nouns the patterns do not name.

:class:`EventNouns` finds nouns that name an action standing alone ("the EU's sanctions on
Russia", "an attack on Kyiv by Russian forces", "talks between Israel and Lebanon"): the source is
the noun's ``by`` phrase or its possessor/adjective, the target its ``on``/``against``/``with``/
``to`` phrase, and ``between A and B`` makes the parties act on each other. Its modality is read
from the words above it (:func:`noun_modality`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.events.view import DocumentView, string_ids

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.events.dictionary import Code
    from eventwire.events.rules import Alternative, FormRule, RuleSet

# Verbs that say little of their own and let their object name the action.
LIGHT_VERBS = frozenset(
    {
        "stage",
        "hold",
        "launch",
        "begin",
        "start",
        "organize",
        "organise",
        "conduct",
        "mount",
        "impose",
        "declare",
        "continue",
        "resume",
        "undertake",
        "carry",
        "announce",
        "call",
        "lead",
        "make",
        "join",
        "renew",
        "intensify",
        "step",
        # aspectual verbs: completing, speeding up or finishing an action reports the action
        "complete",
        "finish",
        "speed",
        "accelerate",
        "expand",
        "escalate",
    }
)
# particle verbs that still let their object name the action ("speeded up the pullout", "stepped
# up attacks", "carried out an air strike"); other particles change the verb ("called off")
LIGHT_PARTICLE_VERBS = frozenset({("speed", "up"), ("step", "up"), ("carry", "out")})
# Light verbs whose blocks' noun patterns are read into the index (the ones that start or carry
# out an action: ending, calling off or joining an action says something else about the noun).
INDEX_VERBS = frozenset(
    {"stage", "launch", "begin", "start", "organize", "conduct", "mount", "impose", "undertake"}
)


@dataclass(frozen=True)
class NounEntry:
    words: Alternative  # consecutive words, each a set of accepted spellings; the last is the head
    code: Code
    rule: str


class NounIndex:
    """Noun phrases of the light verbs' patterns -> the code most of those patterns give."""

    def __init__(self, rules: RuleSet, table: EventNouns | None = None) -> None:
        votes: dict[Alternative, Counter] = {}
        examples: dict[tuple[Alternative, str], tuple[Code, str]] = {}
        seen_blocks: set[int] = set()
        for lemma in sorted(INDEX_VERBS):
            forms: list[FormRule] = rules.by_verb.get(lemma, [])
            for form in forms:
                block = form.block
                if id(block) in seen_blocks:
                    continue
                seen_blocks.add(id(block))
                for pattern in block.patterns:
                    if pattern.before or len(pattern.after) != 1:
                        continue  # "- * NOUN": the verb, then the noun only
                    (noun,) = pattern.after
                    if noun.kind != "seq":
                        continue
                    code = pattern.code
                    if code.is_null or code.forward is None:
                        continue
                    rule = f"{form.source}:{pattern.line} {block.name}: {pattern.text}"
                    for alternative in noun.alternatives:
                        votes.setdefault(alternative, Counter())[code.forward] += 1
                        examples.setdefault((alternative, code.forward), (code, rule))
        self.by_head: dict[str, list[NounEntry]] = {}
        for alternative, counter in votes.items():
            best, count = counter.most_common(1)[0]
            if count * 2 < sum(counter.values()):
                continue  # the patterns disagree on what the noun means
            code, rule = examples[(alternative, best)]
            entry = NounEntry(alternative, code, rule)
            for form in alternative[-1]:
                self.by_head.setdefault(form, []).append(entry)
        if table is not None:
            # eventwire's event nouns fill in what the light verbs' patterns do not name
            # ("renewed negotiations"); the dictionary's own reading comes first
            from eventwire.events.dictionary import Code

            for words, (code_text, line) in table.table.items():
                alternative = tuple(frozenset({w}) for w in words)
                entries = self.by_head.setdefault(words[-1], [])
                if any(e.words == alternative for e in entries):
                    continue
                rule = f"{table.path.name}:{line} noun '{' '.join(words)}'"
                entries.append(NounEntry(alternative, Code(code_text), rule))
        for entries in self.by_head.values():
            entries.sort(key=lambda e: -len(e.words))

    def __len__(self) -> int:
        return len(self.by_head)

    def lookup(self, noun: Token) -> NounEntry | None:
        """The longest indexed phrase ending in ``noun`` ("general strike" before "strike")."""
        candidates = self.by_head.get(noun.lower_, []) or self.by_head.get(noun.lemma_.lower(), [])
        doc = noun.doc
        for entry in candidates:
            start = noun.i - len(entry.words) + 1
            if start < noun.sent.start:
                continue
            if all(
                doc[start + k].lower_ in words or doc[start + k].lemma_.lower() in words
                for k, words in enumerate(entry.words[:-1])
            ):
                return entry
        return None

    def for_light_verb(self, verb: Token) -> tuple[NounEntry, Token] | None:
        """The noun event a light verb carries: its direct object (``staged a hunger strike``),
        looked up in the index; None for other verbs or nouns the index does not know."""
        if verb.lemma_.lower() not in LIGHT_VERBS:
            return None
        lemma = verb.lemma_.lower()
        if any(
            c.dep_ == "prt" and (lemma, c.lower_) not in LIGHT_PARTICLE_VERBS for c in verb.children
        ):
            return None  # "called off a strike", "carried out": the particle changes the verb
        for child in verb.children:
            if child.dep_ in ("dobj", "obj") and child.pos_ in ("NOUN", "PROPN"):
                entry = self.lookup(child)
                if entry is not None:
                    return entry, child
        return None


# -- nouns standing alone ------------------------------------------------------------------------

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_NOUNS = DATA_DIR / "nouns.eventwire.txt"
TARGET_PREPS = frozenset({"on", "against", "with", "to", "into", "toward", "towards", "at"})
# words above a noun that make the action it names unreal: planned, feared, threatened, demanded,
# discussed, prevented... (a threatened attack is never an asserted attack)
UNREAL_LEMMAS = frozenset(
    {
        "threaten",
        "threat",
        "warn",
        "warning",
        "plan",
        "prepare",
        "fear",
        "consider",
        "propose",
        "proposal",
        "want",
        "seek",
        "demand",
        "call",
        "urge",
        "discuss",
        "debate",
        "weigh",
        "mull",
        "avoid",
        "prevent",
        "deter",
        "risk",
        "prospect",
        "possibility",
        "oppose",
        "reject",
        "refuse",
        "block",
        "postpone",
        "delay",
        "cancel",
        "need",
        "hope",
        "expect",
        "push",
        "press",
        "offer",
        "invite",
        "invitation",
        "agree",
        "promise",
        "vow",
        "pledge",
    }
)
DENIAL_LEMMAS = frozenset({"deny", "denial", "dismiss"})
UNREAL_MODIFIERS = frozenset(
    {
        "possible",
        "potential",
        "planned",
        "proposed",
        "threatened",
        "future",
        "imminent",
        "looming",
        "feared",
        "expected",
        "hypothetical",
        "would-be",
        "prospective",
    }
)
MODALS = frozenset({"could", "would", "may", "might", "will", "should", "must", "shall", "can"})


@dataclass
class NounEvent:
    """An action named by a noun, with the phrases that hold its actors."""

    noun: Token
    code: str
    rule: str
    source_heads: list[Token]
    target_heads: list[Token]
    between: list[Token]  # "talks between A and B": the parties act on each other
    modality: str


def load_event_nouns(path: Path) -> dict[tuple[str, ...], tuple[str, int]]:
    """``noun<TAB>code`` lines -> {words: (code, line)} (``#`` starts a comment)."""
    table: dict[tuple[str, ...], tuple[str, int]] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        noun, _, code = line.partition("\t")
        words = tuple(noun.lower().split())
        if words and code.strip():
            table[words] = (code.strip(), number)
    return table


class EventNouns:
    """Nouns that name an action by themselves, found in a sentence by dictionary lookup."""

    def __init__(self, path: Path = DEFAULT_NOUNS) -> None:
        self.path = path
        self.table = load_event_nouns(path)
        self.by_head: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(self.table, key=len, reverse=True):
            self.by_head.setdefault(words[-1], []).append(words)
        self.head_ids = string_ids(self.by_head)

    def entry(self, noun: Token) -> tuple[tuple[str, ...], str, int] | None:
        doc = noun.doc
        for words in self.by_head.get(noun.lower_, ()):
            start = noun.i - len(words) + 1
            if start < noun.sent.start:
                continue
            if all(doc[start + k].lower_ == w for k, w in enumerate(words[:-1])):
                code, line = self.table[words]
                return words, code, line
        return None

    def in_sentence(self, sentence: Span, view: DocumentView | None = None) -> list[NounEvent]:
        """The noun events of the sentence; ``view`` (the document's arrays, when the caller has
        them) finds the candidate nouns without creating a token per word."""
        doc = sentence.doc
        view = view if view is not None and view.doc is doc else DocumentView(doc)
        found: list[NounEvent] = []
        for i in view.noun_candidates(sentence.start, sentence.end, self.head_ids):
            token = doc[i]
            entry = self.entry(token)
            if entry is None:
                continue
            words, code, line = entry
            event = self._roles(token, code, f"{self.path.name}:{line} noun '{' '.join(words)}'")
            if event is not None:
                found.append(event)
        return found

    @staticmethod
    def _roles(noun: Token, code: str, rule: str) -> NounEvent | None:
        sources: list[Token] = []
        targets: list[Token] = []
        between: list[Token] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                sources.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                targets.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ == "between":
                between.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
                sources.append(child)
        if not targets and not between:
            return None  # an action with no one it is done to or with: too vague on its own
        return NounEvent(noun, code, rule, sources, targets, between, noun_modality(noun))


def noun_modality(noun: Token) -> str:
    """Is the action a noun names real? ``planned``/``possible`` before it, or a word of planning,
    fearing, threatening or preventing above it, make it hypothetical; a denial denies it; a
    negated or modal verb above it, or an ``if`` clause, makes it unreal too."""
    if any(c.lower_ in UNREAL_MODIFIERS for c in noun.children if c.dep_ in ("amod", "compound")):
        return "hypothetical"
    token = noun
    for _ in range(8):
        if token.head.i == token.i:
            break
        token = token.head
        lemma = token.lemma_.lower()
        if lemma in DENIAL_LEMMAS:
            return "denied"
        if lemma in UNREAL_LEMMAS:
            return "hypothetical"
        for child in token.children:
            if child.dep_ == "neg":
                return "negated"
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return "hypothetical"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return "conditional"
    return "asserted"
