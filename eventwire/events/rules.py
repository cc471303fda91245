"""Compiling a verb dictionary into rules over dependency parses, and matching them.

A verb block becomes a :class:`BlockRule`: the verb forms it answers to, its default code and its
patterns. Rules are indexed by word form (``told`` and ``tell`` both find the EXPLAIN_VERBAL block),
and each block indexes its patterns by one word the pattern needs ("anchor"), so coding a verb looks
at the few patterns whose anchor occurs in that verb's clause, never at every pattern.

Matching a pattern against a verb token uses two regions of the verb's clause: the tokens before the
verb that depend on it (its subject side) and the tokens after it (its object side), each without
embedded clauses (``ccomp``, ``advcl``, ``relcl``...). Plain words must occur in order in the region,
``{A B}`` words next to each other, and ``(PREP WORDS)`` a token ``PREP`` with the words inside its
subtree. Markers record where the pattern puts the source and the target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class CPattern:
    before: tuple[CElement, ...]
    after: tuple[CElement, ...]
    code: Code
    line: int
    text: str
    anchors: frozenset[str]  # words of which at least one must occur for the pattern to match


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

    block: BlockRule
    pre: tuple[str, ...]
    post: tuple[str, ...]
    code: Code | None
    line: int
    text: str


@dataclass
class RuleSet:
    """All compiled rules of one dictionary, indexed by verb spelling (lower case)."""

    path: str
    by_verb: dict[str, list[FormRule]]
    blocks: dict[str, BlockRule]
    transformations: list
    n_patterns: int

    def forms_for(self, token: Token) -> list[FormRule]:
        found = self.by_verb.get(token.lemma_.lower())
        if found is None:
            found = self.by_verb.get(token.lower_, [])
        return found


# -- compiling ---------------------------------------------------------------------------------------


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
            for alternative in self.alternatives(Element(kind="word", alternatives=element.alternatives)):
                if len(alternative) == 1:
                    preps.update(alternative[0])
            inner = tuple(e for e in (self.element(p) for p in element.parts) if e is not None)
            return CElement(kind="prep", preps=frozenset(preps), inner=inner)
        alternatives = self.alternatives(element)
        if element.kind == "phrase":
            markers = [p for p in element.parts if p.kind == "marker"]
            if markers and not alternatives:
                return CElement(kind="marker", marker=markers[0].marker)
        return CElement(kind="seq", alternatives=alternatives)

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
        for pattern in block.patterns:
            compiled = self.pattern(pattern)
            index = len(rule.patterns)
            rule.patterns.append(compiled)
            if compiled.anchors:
                for anchor in compiled.anchors:
                    rule.by_anchor.setdefault(anchor, []).append(index)
            else:
                rule.unanchored.append(index)
        return rule


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


def compile_dictionary(dictionary: VerbDictionary) -> RuleSet:
    compiler = _Compiler(dictionary)
    by_verb: dict[str, list[FormRule]] = {}
    blocks: dict[str, BlockRule] = {}
    for block in dictionary.blocks:
        rule = compiler.block(block)
        blocks.setdefault(rule.name, rule)
        for form in block.forms:
            form_rule = FormRule(
                block=rule, pre=form.pre, post=form.post, code=form.code, line=form.line,
                text=form.text,
            )
            for spelling in form.verb:
                by_verb.setdefault(spelling, []).append(form_rule)
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
    dictionary = load_verb_dictionary(resolved)  # raises DictionaryError for a bad file
    stat = resolved.stat()
    del dictionary
    return _compiled(str(resolved), stat.st_size, stat.st_mtime)


# -- matching ------------------------------------------------------------------------------------------


def token_keys(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _token_matches(token: Token, forms: frozenset[str]) -> bool:
    return token.lower_ in forms or token.lemma_.lower() in forms


@dataclass
class Match:
    """A pattern that matched: its score and where its markers point (token positions)."""

    pattern: CPattern | None
    score: float
    markers: list[tuple[str, str, Token | None]]  # (marker, side, anchor token) side: before/after/prep


def match_elements(
    elements: tuple[CElement, ...], region: list[Token], side: str
) -> tuple[float, list[tuple[str, str, Token | None]]] | None:
    """Match elements in order within ``region``; returns (score, markers) or None."""
    position = 0
    score = 0.0
    markers: list[tuple[str, str, Token | None]] = []
    for element in elements:
        if element.kind == "marker":
            anchor = region[position] if position < len(region) else None
            if element.marker != "^":
                markers.append((element.marker, side, anchor))
            score += 0.5
            continue
        if element.kind == "seq":
            found = _find_seq(element.alternatives, region, position)
            if found is None:
                return None
            start, length = found
            position = start + length
            score += length
            continue
        # a prepositional phrase: the preposition, then its inner elements inside its subtree
        matched = False
        for index in range(position, len(region)):
            token = region[index]
            if not _token_matches(token, element.preps):
                continue
            subtree_region = [t for t in region[index + 1 :] if token.is_ancestor(t)]
            if not subtree_region and element.inner:
                # a preposition whose object the parser attached elsewhere: use what follows it
                subtree_region = region[index + 1 : index + 4]
            inner = match_elements(element.inner, subtree_region, "prep")
            if inner is None:
                continue
            inner_score, inner_markers = inner
            for marker, _side, anchor in inner_markers:
                markers.append((marker, "prep", anchor if anchor is not None else token))
            score += 1 + inner_score
            last = subtree_region[-1] if subtree_region else token
            position = region.index(last) + 1 if last in region else index + 1
            matched = True
            break
        if not matched:
            return None
    return score, markers


def _find_seq(
    alternatives: tuple[Alternative, ...], region: list[Token], start: int
) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for alternative in alternatives:
        length = len(alternative)
        for index in range(start, len(region) - length + 1):
            if best is not None and index > best[0]:
                break
            if all(_token_matches(region[index + k], alternative[k]) for k in range(length)):
                if best is None or index < best[0] or (index == best[0] and length > best[1]):
                    best = (index, length)
                break
    return best
