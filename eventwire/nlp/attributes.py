"""A table-driven stand-in for spaCy's ``attribute_ruler`` that sets exactly the same attributes.

The stock ``attribute_ruler`` of the English pipelines maps each fine tag to its coarse part of
speech and morphology and fixes a few hundred word forms (pronouns, auxiliaries, contractions). It
does this with a ``Matcher`` over ~180 patterns on every token of every article, which costs about
as much as the parser itself on a small model. Almost every pattern looks at one token only and
reads just four things: ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE``. So the rules that fire on a
token are a pure function of those four values, computed once per distinct combination and then
looked up in a dict. The few patterns of two tokens run in a small ``Matcher`` of their own.

The ruler's semantics are kept exactly: every pattern is matched against the attributes as they
were before any rule fired, then the matched rules are applied in pattern order, so a later rule
wins where two set the same attribute. When a pipeline's ruler uses anything this table cannot
express (an operator, another attribute), :func:`lookup_from_ruler` returns None and the stock
ruler stays in place. ``tests/nlp`` checks token for token that both give the same annotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from spacy.attrs import LEMMA, MORPH, POS

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

TokenKey = tuple[str, str, str, bool]  # (tag_, lower_, dep_, is_space)
Predicate = Callable[[TokenKey], bool]

_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_COLUMNS = [POS, MORPH, LEMMA]  # the attributes almost every rule sets, written as arrays


class Plan(NamedTuple):
    """The rules that fire on one kind of token, and their merged effect on POS, MORPH, LEMMA."""

    rules: tuple[int, ...]
    columns: tuple[int | None, ...]
    others: bool  # a rule also sets something else (TAG, DEP): apply the rules one by one
    starts: tuple[tuple[int, list[Predicate]], ...]  # longer patterns whose first token fits


def _value_test(position: int, spec: Any) -> Predicate | None:
    """A test of one token attribute against one pattern value, or None if unsupported."""
    if isinstance(spec, (str, bool)):
        return lambda key: key[position] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((operator, argument),) = spec.items()
        if operator == "IN":
            allowed = frozenset(argument)
            return lambda key: key[position] in allowed
        if operator == "NOT_IN":
            refused = frozenset(argument)
            return lambda key: key[position] not in refused
        if operator == "REGEX" and position != 3:
            compiled = re.compile(argument)
            return lambda key: compiled.search(key[position]) is not None
    return None


def _token_test(pattern_token: dict[str, Any]) -> Predicate | None:
    tests = []
    for name, spec in pattern_token.items():
        if name not in _FIELDS:
            return None
        test = _value_test(_FIELDS[name], spec)
        if test is None:
            return None
        tests.append(test)
    return lambda key: all(test(key) for test in tests)


class AttributeLookup:
    """Sets the attributes the stock ruler sets, with one dict lookup per token (see module)."""

    def __init__(
        self,
        ruler: AttributeRuler,
        single: list[tuple[int, Predicate]],
        multi: list[tuple[int, list[Predicate]]],
    ) -> None:
        self.ruler = ruler
        self.single = single  # (rule index, test) for the one-token patterns
        self.multi = multi  # (rule index, one test per token) for the longer patterns
        self.cache: dict[tuple[int, ...], Plan] = {}
        # LOWER matters only when a pattern names the word (or a REGEX matches it); every other
        # word behaves the same, so it is keyed as 0 and the cache stays small.
        self.named_words = {ruler.vocab.strings.add(word) for word in _named_words(ruler)}
        self.word_regexes = [re.compile(r) for r in _word_regexes(ruler)]
        self.word_class: dict[int, int] = {}

    def _word_class(self, lower: int) -> int:
        text = self.ruler.vocab.strings[lower]
        named = lower in self.named_words or any(r.search(text) for r in self.word_regexes)
        word = lower if named else 0
        if len(self.word_class) < 1_000_000:
            self.word_class[lower] = word
        return word

    def plan_for(self, key: tuple[int, int, int, int]) -> Plan:
        """What the rules do to a token with these (TAG, LOWER, DEP, IS_SPACE) values."""
        plan = self.cache.get(key)
        if plan is None:
            readable = _readable(self.ruler.vocab.strings, list(key))
            rules = tuple(index for index, test in self.single if test(readable))
            starts = tuple((index, tests) for index, tests in self.multi if tests[0](readable))
            merged: dict[int, int] = {}
            for rule in rules:
                merged.update(self.ruler.attrs[rule])
            columns = tuple(merged.get(attr) for attr in _COLUMNS)
            others = any(attr not in _COLUMNS for attr in merged)
            plan = Plan(rules, columns, others, starts)
            if len(self.cache) < 500_000:  # bounded; the keys are a small closed set in practice
                self.cache[key] = plan
        return plan

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        values = doc.to_array(_COLUMNS).tolist()
        cache, word_class = self.cache, self.word_class
        plans = []
        for key in keys:
            word = word_class.get(key[1])
            if word is None:
                word = self._word_class(key[1])
            key[1] = word
            plan = cache.get((key[0], word, key[2], key[3]))
            plans.append(plan if plan is not None else self.plan_for(tuple(key)))
        extra = self._longer_matches(keys, plans)
        one_by_one: list[tuple[int, tuple[int, ...]]] = []
        for i, plan in enumerate(plans):
            if i in extra:
                one_by_one.append((i, tuple(sorted(plan.rules + tuple(extra[i])))))
                continue
            if plan.others:
                one_by_one.append((i, plan.rules))
                continue
            row = values[i]
            for column, value in enumerate(plan.columns):
                if value is not None:
                    row[column] = value
        doc.from_array(_COLUMNS, numpy.asarray(values, dtype=numpy.uint64))
        attrs = self.ruler.attrs
        for i, rules in one_by_one:  # the rare tokens whose rules set TAG or DEP, or span tokens
            token = doc[i]
            for rule in rules:
                set_token_attrs(token, attrs[rule])
        return doc

    def _longer_matches(self, keys: list[list[int]], plans: list[Plan]) -> dict[int, list[int]]:
        """Token index -> rules of patterns longer than one token that set it (as the Matcher)."""
        extra: dict[int, list[int]] = {}
        strings = self.ruler.vocab.strings
        for start, plan in enumerate(plans):
            for rule, tests in plan.starts:
                end = start + len(tests)
                if end > len(keys):
                    continue
                if all(
                    test(_readable(strings, keys[start + offset]))
                    for offset, test in enumerate(tests[1:], 1)
                ):
                    position = range(start, end)[self.ruler.indices[rule]]
                    extra.setdefault(position, []).append(rule)
        return extra

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def lookup_from_ruler(ruler: AttributeRuler) -> AttributeLookup | None:
    """The lookup equivalent of ``ruler``, or None when its patterns need the real matcher."""
    single: list[tuple[int, Predicate]] = []
    multi: list[tuple[int, list[Predicate]]] = []
    for index, patterns in enumerate(_rule_patterns(ruler)):
        one_token = []
        for pattern in patterns:
            tests = [_token_test(token) for token in pattern]
            if not tests or any(test is None for test in tests):
                return None
            if len(tests) == 1:
                one_token.append(tests[0])
            else:
                multi.append((index, tests))
        if one_token:
            single.append((index, _any(one_token)))
    if any(re.search(regex, "\x00") for regex in _word_regexes(ruler)):
        return None  # the stand-in for unnamed words must match no pattern
    return AttributeLookup(ruler, single, multi)


def _readable(strings: Any, key: list[int]) -> TokenKey:
    word = strings[key[1]] if key[1] else "\x00"  # 0: a word no pattern names
    return (strings[key[0]], word, strings[key[2]], bool(key[3]))


def _lower_specs(ruler: AttributeRuler) -> Iterator[Any]:
    for patterns in _rule_patterns(ruler):
        for pattern in patterns:
            for token in pattern:
                if "LOWER" in token:
                    yield token["LOWER"]


def _named_words(ruler: AttributeRuler) -> set[str]:
    words: set[str] = set()
    for spec in _lower_specs(ruler):
        if isinstance(spec, str):
            words.add(spec)
        elif isinstance(spec, dict):
            for operator, argument in spec.items():
                if operator in ("IN", "NOT_IN"):
                    words.update(argument)
    return words


def _word_regexes(ruler: AttributeRuler) -> list[str]:
    return [
        spec["REGEX"] for spec in _lower_specs(ruler) if isinstance(spec, dict) and "REGEX" in spec
    ]


def _rule_patterns(ruler: AttributeRuler) -> list[list[list[dict[str, Any]]]]:
    """The token patterns of each rule, in rule order (the order the ruler applies them)."""
    return [rule["patterns"] for rule in ruler.patterns]


def _any(tests: list[Predicate]) -> Predicate:
    if len(tests) == 1:
        return tests[0]
    return lambda key: any(test(key) for test in tests)
