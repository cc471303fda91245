"""Compiling a verb dictionary into rules over dependency parses, and matching them.

A verb block becomes a :class:`BlockRule`: the verb forms it answers to, its default code and its
patterns. Rules are indexed by word form (``told`` and ``tell`` both find the EXPLAIN_VERBAL block),
and each block indexes its patterns by one word the pattern needs ("anchor"), so coding a verb looks
at the few patterns whose anchor occurs in that verb's clause, never at every pattern.

Matching a pattern against a verb token uses two regions of the verb's clause: the tokens before the
verb that depend on it (its subject side) and the tokens after it (its object side), each without
embedded clauses (``ccomp``, ``advcl``, ``relcl``...).
Plain words must occur in order in the region,
``{A B}`` words next to each other, and ``(PREP WORDS)`` a token ``PREP`` with the words inside its
subtree. Markers record where the pattern puts the source and the target.

Synonym blocks put verbs of different meaning together. Two guards keep a pattern to what it was
written for: a pattern of prepositions and particles alone ("- * TO [030]  # HEAD"), and any
pattern of a block of verbs of saying (default 010: "- * &OPPOSITION [110]  # EXPRESS"), applies
only to the verb its comment names, when that verb is in the block. A pattern's bare particle
("- * OFF") is no preposition with an object ("fired ... off its coast"); its last word is no
adjective of another noun ("boost military aid" is no "- * &MILITARY"); and the words of what the
verb's object is told to do ("told Israel to withdraw") start no pattern except inside "(TO ...)".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.events.dictionary import (
    Code,
    Element,
    Pattern,
    VerbBlock,
    VerbDictionary,
    Word,
    load_verb_dictionary,
)
from eventwire.events.view import descends_from

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_ALTERNATIVES = 4000  # a phrase of several large synonym sets is cut at this many spellings

# Dependencies that start another clause: their words are not part of this verb's pattern regions.
CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "punct", "cc", "mark", "meta"}
)


def word_forms(word: Word) -> frozenset[str]:
    """Spellings a dictionary word accepts (plural dictionary words also accept the singular)."""
    text = word.text
    forms = {text}
    if not word.exact:
        if text.endswith("ies") and len(text) > 4:
            forms.add(text[:-3] + "y")
        elif text.endswith("es") and len(text) > 4:
            forms.add(text[:-2])
            forms.add(text[:-1])
        elif text.endswith("s") and len(text) > 3 and not text.endswith("ss"):
            forms.add(text[:-1])
    return frozenset(forms)


Alternative = tuple[frozenset[str], ...]  # consecutive words, each a set of accepted spellings


@dataclass(frozen=True)
class CElement:
    """A compiled pattern element: ``seq`` (alternatives), ``prep`` or ``marker``."""

    kind: str
    alternatives: tuple[Alternative, ...] = ()
    preps: frozenset[str] = frozenset()
    inner: tuple[CElement, ...] = ()
    marker: str = ""
    by_first: dict[str, tuple[Alternative, ...]] = field(default_factory=dict, compare=False)


def _by_first(alternatives: tuple[Alternative, ...]) -> dict[str, tuple[Alternative, ...]]:
    """Spellings indexed by any form of their first word, longest first."""
    index: dict[str, list[Alternative]] = {}
    for alternative in sorted(alternatives, key=len, reverse=True):
        for form in alternative[0]:
            index.setdefault(form, []).append(alternative)
    return {form: tuple(found) for form, found in index.items()}


@dataclass(frozen=True)
class CPattern:
    before: tuple[CElement, ...]
    after: tuple[CElement, ...]
    code: Code
    line: int
    text: str
    anchors: frozenset[str]  # words of which at least one must occur for the pattern to match
    # a pattern of function words only ("- * TO", "- * (FOR)") whose comment names a verb of its
    # block applies to that verb alone (see ``_only_for``); empty: to every verb of the block
    only_for: str = ""


@dataclass
class BlockRule:
    name: str
    code: Code
    line: int
    patterns: list[CPattern] = field(default_factory=list)
    by_anchor: dict[str, list[int]] = field(default_factory=dict)  # word -> pattern indices
    unanchored: list[int] = field(default_factory=list)

    def candidates(self, words: set[str]) -> list[CPattern]:
        """Patterns whose anchor word occurs among ``words`` (plus those with no word at all)."""
        indices = set(self.unanchored)
        for word in words:
            found = self.by_anchor.get(word)
            if found:
                indices.update(found)
        return [self.patterns[i] for i in sorted(indices)]


@dataclass(frozen=True)
class FormRule:
    """A verb form pointing at its block: extra words before/after the verb, its own code."""

    source: str  # the dictionary file's name, for the rule label
    block: BlockRule
    pre: tuple[str, ...]
    post: tuple[str, ...]
    code: Code | None
    line: int
    text: str
    verb: str = ""  # the form's base verb, upper case ("ORDER")


@dataclass
class RuleSet:
    """All compiled rules of one dictionary, indexed by verb spelling (lower case)."""

    path: str
    by_verb: dict[str, list[FormRule]]
    blocks: dict[str, BlockRule]
    transformations: list
    n_patterns: int

    def forms_for(self, token: Token) -> list[FormRule]:
        """Forms answering to the token: its own spelling first (``LEFT``), then its lemma."""
        surface = self.by_verb.get(token.lower_, [])
        lemma = token.lemma_.lower()
        if lemma == token.lower_:
            return surface
        by_lemma = self.by_verb.get(lemma, [])
        if not surface:
            return by_lemma
        return surface + [f for f in by_lemma if f not in surface]


# -- compiling ------------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary
        self.synset_cache: dict[str, tuple[Alternative, ...]] = {}

    def synset(self, name: str) -> tuple[Alternative, ...]:
        if name not in self.synset_cache:
            entries = self.dictionary.synsets.get(name, [])
            self.synset_cache[name] = tuple(
                tuple(word_forms(word) for word in entry) for entry in entries
            )
        return self.synset_cache[name]

    def alternatives(self, element: Element) -> tuple[Alternative, ...]:
        """Spellings of a word/synset/phrase element as sequences of word-form sets."""
        if element.kind == "word":
            result: list[Alternative] = []
            for alternative in element.alternatives:
                if len(alternative) == 1 and isinstance(alternative[0], str):
                    result.extend(self.synset(alternative[0]))
                else:
                    result.append(tuple(word_forms(w) for w in alternative))  # type: ignore[arg-type]
            return tuple(result)
        if element.kind == "phrase":
            parts = [self.alternatives(p) for p in element.parts if p.kind in ("word", "phrase")]
            if not parts or any(not p for p in parts):
                return ()
            combined: list[Alternative] = []
            for combo in product(*parts):
                combined.append(tuple(w for piece in combo for w in piece))
                if len(combined) >= MAX_ALTERNATIVES:
                    break
            return tuple(combined)
        return ()

    def element(self, element: Element) -> CElement | None:
        if element.kind == "marker":
            return CElement(kind="marker", marker=element.marker)
        if element.kind == "prep":
            preps: set[str] = set()
            for alternative in self.alternatives(
                Element(kind="word", alternatives=element.alternatives)
            ):
                if len(alternative) == 1:
                    preps.update(alternative[0])
            inner = tuple(e for e in (self.element(p) for p in element.parts) if e is not None)
            return CElement(kind="prep", preps=frozenset(preps), inner=inner)
        alternatives = self.alternatives(element)
        if element.kind == "phrase":
            markers = [p for p in element.parts if p.kind == "marker"]
            if markers and not alternatives:
                return CElement(kind="marker", marker=markers[0].marker)
        return CElement(kind="seq", alternatives=alternatives, by_first=_by_first(alternatives))

    def pattern(self, pattern: Pattern) -> CPattern:
        before = tuple(e for e in (self.element(x) for x in pattern.before) if e is not None)
        after = tuple(e for e in (self.element(x) for x in pattern.after) if e is not None)
        return CPattern(
            before=before,
            after=after,
            code=pattern.code,
            line=pattern.line,
            text=pattern.text,
            anchors=_anchors(before + after),
        )

    def block(self, block: VerbBlock) -> BlockRule:
        rule = BlockRule(name=block.name, code=block.code, line=block.line)
        verbs = {form.verb[0].upper() for form in block.forms if form.verb}
        for pattern in block.patterns:
            compiled = self.pattern(pattern)
            if pattern.note in verbs and (_function_words_only(compiled) or _saying(block)):
                compiled = replace(compiled, only_for=pattern.note)
            index = len(rule.patterns)
            rule.patterns.append(compiled)
            if compiled.anchors:
                for anchor in compiled.anchors:
                    rule.by_anchor.setdefault(anchor, []).append(index)
            else:
                rule.unanchored.append(index)
        return rule


# prepositions and particles: a pattern made of these alone says more about the one verb it was
# written for than about its synonyms ("HEAD TO" is going somewhere, "ORDER TO" is not)
FUNCTION_WORDS = frozenset(
    [
        "to",
        "for",
        "with",
        "on",
        "in",
        "into",
        "up",
        "down",
        "back",
        "out",
        "off",
        "over",
        "at",
        "from",
        "by",
        "against",
        "about",
        "away",
        "through",
        "under",
        "upon",
        "across",
        "along",
        "around",
        "toward",
        "towards",
        "of",
        "as",
    ]
)


def _element_forms(elements: tuple[CElement, ...]) -> set[str]:
    found: set[str] = set()
    for element in elements:
        if element.kind == "seq":
            for alternative in element.alternatives:
                for forms in alternative:
                    found |= forms
        elif element.kind == "prep":
            found |= element.preps
            found |= _element_forms(element.inner)
    return found


def _saying(block: VerbBlock) -> bool:
    """A block of verbs of saying (default code 010: SAY, TELL, EXPRESS, DESCRIBE, ANNOUNCE...):
    its patterns name what one of them says ("expressed &OPPOSITION" is disapproval, "described
    his rival as ..." is none), so each applies to the verb it was written for."""
    return block.code.forward in ("010", "01")


def _function_words_only(pattern: CPattern) -> bool:
    """Is every word of the pattern a preposition or particle ("- * (TO)", "- * BACK TO")?"""
    forms = _element_forms(pattern.before + pattern.after)
    return bool(forms) and forms <= FUNCTION_WORDS


def _anchors(elements: tuple[CElement, ...]) -> frozenset[str]:
    """The spellings of the first word-bearing element: one of them must be in the clause."""
    for element in elements:
        if element.kind == "seq":
            if not element.alternatives:
                return frozenset({"\x00never"})  # an undefined synonym set matches nothing
            return frozenset(form for alt in element.alternatives for form in alt[0])
        if element.kind == "prep" and element.preps:
            return element.preps
    return frozenset()


def _with_regular_inflections(spellings: tuple[str, ...]) -> list[str]:
    """The form's spellings plus the regular inflections of its base form (``stage`` -> ``stages
    staged staging``), so that a verb is found by its spelling when the small model's lemma is
    wrong ("staged" lemmatised as "stag")."""
    found = list(spellings)
    if not spellings:
        return found
    base = spellings[0]
    if not base.isalpha() or len(base) < 3:
        return found
    if base.endswith("e"):
        extra = [base + "s", base + "d", base[:-1] + "ing"]
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        extra = [base + "es", base + "ed", base + "ing"]
    elif base.endswith("y") and base[-2] not in "aeiou":
        extra = [base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    else:
        extra = [base + "s", base + "ed", base + "ing"]
    for spelling in extra:
        if spelling not in found:
            found.append(spelling)
    return found


def compile_dictionary(dictionary: VerbDictionary) -> RuleSet:
    compiler = _Compiler(dictionary)
    by_verb: dict[str, list[FormRule]] = {}
    blocks: dict[str, BlockRule] = {}
    for block in dictionary.blocks:
        rule = compiler.block(block)
        blocks.setdefault(rule.name, rule)
        for form in block.forms:
            form_rule = FormRule(
                source=Path(dictionary.path).name,
                block=rule,
                pre=form.pre,
                post=form.post,
                code=form.code,
                line=form.line,
                text=form.text,
                verb=form.verb[0].upper() if form.verb else "",
            )
            for spelling in _with_regular_inflections(form.verb):
                forms = by_verb.setdefault(spelling, [])
                if form_rule not in forms:
                    forms.append(form_rule)
    return RuleSet(
        path=dictionary.path,
        by_verb=by_verb,
        blocks=blocks,
        transformations=list(dictionary.transformations),
        n_patterns=dictionary.n_patterns,
    )


@lru_cache(maxsize=8)
def _compiled(path: str, size: int, mtime: float) -> RuleSet:
    return compile_dictionary(load_verb_dictionary(path))


def load_rules(path: str | Path) -> RuleSet:
    """Load and compile a verb dictionary once per process."""
    resolved = Path(path).expanduser().resolve()
    load_verb_dictionary(resolved)  # raises DictionaryError (E201) for a missing or bad file
    stat = resolved.stat()
    return _compiled(str(resolved), stat.st_size, stat.st_mtime)


def combine(rule_sets: list[RuleSet]) -> RuleSet:
    """Several dictionaries as one: later files add verb forms, blocks and transformations, and
    a later file's verb form takes precedence for the default code (its patterns and the earlier
    file's are all tried)."""
    if len(rule_sets) == 1:
        return rule_sets[0]
    by_verb: dict[str, list[FormRule]] = {}
    blocks: dict[str, BlockRule] = {}
    transformations: list = []
    for rules in rule_sets:
        for spelling, forms in rules.by_verb.items():
            # a later file's forms come first: its default code overrides an earlier file's
            by_verb[spelling] = forms + by_verb.get(spelling, [])
        for name, block in rules.blocks.items():
            blocks.setdefault(name, block)
        transformations.extend(rules.transformations)
    return RuleSet(
        path=" + ".join(r.path for r in rule_sets),
        by_verb=by_verb,
        blocks=blocks,
        transformations=transformations,
        n_patterns=sum(r.n_patterns for r in rule_sets),
    )


# -- matching -------------------------------------------------------------------------------------


NAME_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "FAC"})


def spellings(token: Token) -> tuple[str, str]:
    """The spellings a pattern word is matched against: none for a capitalised word of a name of
    several words ("the Security Council" is no &SECURITY, "the Movement for ..." no MOVEMENT;
    a one-word name stays: "celebrated Iftar")."""
    if (
        token.ent_type_ in NAME_ENTITIES
        and token.is_title
        and not token.is_sent_start
        and _in_long_name(token)
    ):
        return "", ""
    return token.lower_, token.lemma_.lower()


def _in_long_name(token: Token) -> bool:
    if token.ent_iob_ == "I":
        return True
    following = token.i + 1
    return (
        token.ent_iob_ == "B"
        and following < len(token.doc)
        and token.doc[following].ent_iob_ == "I"
    )


class Region:
    """Tokens of one side of a clause, with their spellings (lower case and lemma) read once."""

    __slots__ = ("heads", "keys", "others", "tokens")

    def __init__(
        self,
        tokens: list[Token],
        keys: list[tuple[str, str]] | None = None,
        others: frozenset[int] = frozenset(),
        heads: list[int] | None = None,
    ) -> None:
        """``others``: positions of words that tell of someone else's action ("told Israel to
        withdraw"): a pattern's words do not start there, except inside a "(TO ...)" phrase.
        ``heads``: the document's head index per token, if read already (ancestry without
        creating tokens)."""
        self.tokens = tokens
        self.keys = keys if keys is not None else [spellings(t) for t in tokens]
        self.others = others
        self.heads = heads

    def __len__(self) -> int:
        return len(self.tokens)

    def words(self) -> set[str]:
        return {k for pair in self.keys for k in pair}

    def sub(self, positions: list[int]) -> Region:
        return Region(
            [self.tokens[i] for i in positions],
            [self.keys[i] for i in positions],
            heads=self.heads,
        )

    def inside(self, position: int) -> list[int]:
        """Positions after ``position`` of the tokens the token there is an ancestor of."""
        tokens = self.tokens
        heads = self.heads
        if heads is None:
            token = tokens[position]
            return [i for i in range(position + 1, len(tokens)) if token.is_ancestor(tokens[i])]
        ancestor = tokens[position].i
        return [
            i
            for i in range(position + 1, len(tokens))
            if descends_from(heads, tokens[i].i, ancestor)
        ]

    def matches(self, position: int, forms: frozenset[str]) -> bool:
        lower, lemma = self.keys[position]
        return lower in forms or lemma in forms


@dataclass
class Match:
    """A pattern that matched: its score and where its markers point (token positions)."""

    pattern: CPattern | None
    score: float
    markers: list[
        tuple[str, str, Token | None]
    ]  # (marker, side, anchor token) side: before/after/prep


NEARNESS_WEIGHT = 0.001  # breaks ties only: far below one matched word


def match_elements(
    elements: tuple[CElement, ...], region: Region, side: str, first_before: int | None = None
) -> tuple[float, list[tuple[str, str, Token | None]]] | None:
    """Match elements in order within ``region``; returns (score, markers) or None.
    ``first_before``: the first word element must start before that position (inside a
    prepositional phrase: within the preposition's own noun phrase)."""
    position = 0
    score = 0.0
    markers: list[tuple[str, str, Token | None]] = []
    tokens = region.tokens
    for element in elements:
        if element.kind == "marker":
            anchor = tokens[position] if position < len(tokens) else None
            if element.marker != "^":
                markers.append((element.marker, side, anchor))
            score += 0.5
            continue
        if element.kind == "seq":
            found = _find_seq(element, region, position)
            last = side == "after" and element is elements[-1]
            while found is not None and last and _modifies_another(region, *found):
                found = _find_seq(element, region, found[0] + 1)
            if found is None:
                return None
            start, length = found
            if first_before is not None and start >= first_before:
                return None
            first_before = None
            position = start + length
            score += length
            if side == "after":
                # of two patterns that match as much, the one whose words stand nearer the verb
                # ("defended the right of ... to fire", not the "fight" at the clause's end)
                score -= NEARNESS_WEIGHT * start
            continue
        # a prepositional phrase: the preposition, then its inner elements inside its subtree; an
        # infinitive's "to" counts only when words follow it in the pattern ("(TO MEET)")
        words_inside = any(inner.kind == "seq" for inner in element.inner)
        matched = False
        for index in range(position, len(tokens)):
            if not region.matches(index, element.preps):
                continue
            token = tokens[index]
            if token.tag_ == "TO" and token.dep_ == "aux" and not words_inside:
                continue  # "praised Haiti's efforts to improve": an infinitive, no "(TO)" phrase
            if any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children):
                continue  # "called Syria on Monday" is not "called on Syria"
            inside = region.inside(index)
            if not inside and element.inner:
                # a preposition whose object the parser attached elsewhere: use what follows it
                inside = list(range(index + 1, min(index + 4, len(tokens))))
            # "(WITH &WEAPON)" is "with heavy weapons", not "with UN inspectors probing sites
            # for weapons": the phrase's first word stands in the preposition's own noun phrase
            objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
            first_before = (
                sum(1 for i in inside if tokens[i].i <= objects[0].i) if objects else None
            )
            inner = match_elements(element.inner, region.sub(inside), "prep", first_before)
            if inner is None:
                continue
            inner_score, inner_markers = inner
            for marker, _side, anchor in inner_markers:
                markers.append((marker, "prep", anchor if anchor is not None else token))
            score += 1 + inner_score
            position = (inside[-1] if inside else index) + 1
            matched = True
            break
        if not matched:
            return None
    return score, markers


# words that are a verb's particle when written bare in a pattern ("- * OFF", "- * DOWN")
PARTICLES = frozenset({"off", "up", "down", "out", "away", "back"})


def _preposition(token: Token) -> bool:
    """A preposition with an object of its own ("off its east coast"), not a particle."""
    return token.dep_ == "prep" and any(c.dep_ in ("pobj", "pcomp") for c in token.children)


def _modifies_another(region: Region, start: int, length: int) -> bool:
    """Do the matched words end on an adjective of a noun outside them ("military" of "boost
    military aid" is no "- * &MILITARY": the aid is boosted, not the military)?"""
    token = region.tokens[start + length - 1]
    if token.dep_ != "amod" or token.pos_ != "ADJ":
        return False
    head = token.head
    return head.pos_ in ("NOUN", "PROPN") and head.i > token.i


def _find_seq(element: CElement, region: Region, start: int) -> tuple[int, int] | None:
    """The first position at or after ``start`` where one of the spellings begins (the longest)."""
    by_first = element.by_first
    keys = region.keys
    others = region.others
    for index in range(start, len(keys)):
        if index in others:
            continue
        lower, lemma = keys[index]
        candidates = by_first.get(lower, ())
        if lemma != lower:
            candidates = (*candidates, *by_first.get(lemma, ()))
        best = 0
        for alternative in candidates:
            length = len(alternative)
            if length <= best or index + length > len(keys):
                continue
            if length == 1 and lower in PARTICLES and _preposition(region.tokens[index]):
                continue  # "- * OFF" is "fired off a letter", not "fired ... off its coast"
            if all(region.matches(index + k, alternative[k]) for k in range(1, length)):
                best = length
        if best:
            return index, best
    return None
