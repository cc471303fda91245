"""Reading verb dictionaries in the PETRARCH-2 "CAMEO 2.0" syntax.

The format is a public one that users maintain, so any file in it can be loaded. A file has three
kinds of content, in any order; ``#`` starts a comment anywhere on a line:

* synonym sets::

      &CURRENCY
      +DOLLAR
      +EURO

  An entry may be several words (``+URBAN_CENTER`` or ``+REVOLUTIONARY MANIFESTO``) or another set
  (``+&TIETYPES``). A trailing ``_`` (``+CASH_``) asks for that exact word, with no inflection.

* verb blocks::

      ---  SLAP   [180]  ---                      block name and its default code
      SLAP {SLAPS SLAPPED SLAPPING}               a verb form, with irregular forms in braces
      +BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN}      a multi-word form; ``+`` marks the verb word
      COMMUNICATE [040]                           a form with its own default code
      - * SANCTIONS                    [163]      a pattern (``*`` is the verb)

  Pattern elements: plain words (matched in the clause: before ``*`` in the subject side, after
  it in
  the object side), ``{A B}`` (words next to each other), ``(PREP WORDS)`` (a prepositional phrase),
  ``&SET`` (any entry of a synonym set), the markers ``$`` (the source is here), ``+`` (the
  target is
  here), ``%`` (a compound actor who is both source and target) and ``^`` (skip a phrase). Codes are
  ``[CODE]``, ``[CODE:REVERSE]`` (a second event from target to source) or ``[---]`` (no event).

* transformations: ``~ a (b . ATTACK) SAY = a b 112`` (an embedded event under an outer verb
  becomes another event). They are parsed and checked here and applied by the coder.

:func:`load_verb_dictionary` parses a file once per process (cached by path, size and modification
time) and raises :class:`~eventwire.errors.DictionaryError` (E201) naming the file and line when the
file cannot be read or parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from eventwire.errors import DictionaryError

MARKERS = frozenset({"$", "+", "%", "^"})
_CODE_RE = re.compile(r"\[([^\[\]]*)\]")
_BLOCK_RE = re.compile(r"^-{3,}\s*(\S+)\s*\[([^\]]*)\][-\s]*$")


@dataclass(frozen=True)
class Word:
    """One dictionary word: ``text`` in lower case; ``exact`` when written with a trailing ``_``."""

    text: str
    exact: bool = False


@dataclass(frozen=True)
class Element:
    """One pattern element.

    ``kind`` is ``word`` (one of ``alternatives``, each a tuple of consecutive words), ``phrase``
    (``parts``: consecutive elements), ``prep`` (a prepositional phrase: ``alternatives`` for the
    preposition, ``parts`` for what follows it, markers included) or ``marker`` (``marker``).
    """

    kind: str
    alternatives: tuple[tuple[Word, ...], ...] = ()
    parts: tuple[Element, ...] = ()
    marker: str = ""


@dataclass(frozen=True)
class Code:
    """A pattern's or block's code: ``forward`` from source to target, ``reverse`` back (or None).

    ``forward`` is None for ``[---]``: a pattern that says "this is not an event".
    """

    forward: str | None
    reverse: str | None = None

    @property
    def is_null(self) -> bool:
        return self.forward is None and self.reverse is None


@dataclass(frozen=True)
class Pattern:
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: Code
    line: int
    text: str
    # the word a trailing comment names ("- * TO [030]  # HEAD"): in PETRARCH-2's files, the
    # verb of the block the pattern was written for
    note: str = ""


@dataclass(frozen=True)
class VerbForm:
    """A verb form: ``verb`` is the inflected word set of the head; ``pre``/``post`` extra words."""

    verb: tuple[str, ...]  # base form first, then irregular forms (lower case)
    pre: tuple[str, ...] = ()
    post: tuple[str, ...] = ()
    code: Code | None = None
    line: int = 0
    text: str = ""


@dataclass
class VerbBlock:
    name: str
    code: Code
    line: int
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Transformation:
    """``~ a (INNER_SOURCE INNER_TARGET INNER_VERB) OUTER_VERB = SOURCE TARGET CODE``."""

    outer_verb: str
    inner_source: str  # "a" (the outer source), "b" (a new actor) or "_" (no source)
    inner_target: str  # "b", "." (any) or "_"
    inner_verb: str  # a verb or block name, or "Q" (any)
    source: str
    target: str
    code: str  # a code, or "Q" (the inner event's code)
    line: int


@dataclass
class VerbDictionary:
    path: str
    synsets: dict[str, list[tuple[Word, ...]]]
    blocks: list[VerbBlock]
    transformations: list[Transformation]
    warnings: list[str] = field(default_factory=list)

    @property
    def n_patterns(self) -> int:
        return sum(len(block.patterns) for block in self.blocks)


# -- parsing --------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.synsets: dict[str, list[tuple[Word, ...]]] = {}
        self.raw_synsets: dict[str, list[tuple[str, int]]] = {}
        self.blocks: list[VerbBlock] = []
        self.transformations: list[Transformation] = []
        self.warnings: list[str] = []

    def fail(self, line_no: int, message: str) -> DictionaryError:
        return DictionaryError(message, code="E201", where=f"{self.path}:{line_no}")

    def parse(self, text: str) -> VerbDictionary:
        current_synset: str | None = None
        lines = text.splitlines()
        for line_no, raw in enumerate(lines, start=1):
            stripped = _strip_comment(raw).strip()
            if not stripped or stripped.startswith("<!--"):
                continue
            if stripped.startswith("~"):
                self.transformations.append(self.parse_transformation(stripped, line_no))
                current_synset = None
                continue
            if stripped.startswith("---"):
                match = _BLOCK_RE.match(stripped)
                if not match:
                    raise self.fail(line_no, f"bad verb block header: {stripped!r}")
                code = self.parse_code(match.group(2), line_no)
                self.blocks.append(VerbBlock(name=match.group(1).upper(), code=code, line=line_no))
                current_synset = None
                continue
            if stripped.startswith("&"):
                name = stripped.split()[0].upper()
                self.raw_synsets.setdefault(name, [])
                current_synset = name
                continue
            if current_synset is not None and stripped.startswith("+"):
                self.raw_synsets[current_synset].append((stripped[1:].strip(), line_no))
                continue
            current_synset = None
            if not self.blocks:
                raise self.fail(
                    line_no, f"line outside any synonym set or verb block: {stripped!r}"
                )
            block = self.blocks[-1]
            if stripped.startswith("-") or (stripped.startswith("*") and "[" in stripped):
                body = stripped[1:] if stripped.startswith("-") else stripped
                if not stripped.startswith("-"):
                    self.warnings.append(f"{self.path}:{line_no}: pattern without leading '-'")
                pattern = self.parse_pattern(body, line_no, stripped)
                note = _comment_word(raw)
                if note:
                    pattern = replace(pattern, note=note)
                block.patterns.append(pattern)
            else:
                block.forms.append(self.parse_form(stripped, line_no))
        if not self.blocks:
            raise self.fail(len(lines), "no verb blocks ('--- NAME [CODE] ---') in the file")
        self.resolve_synsets()
        self.check_synset_references()
        return VerbDictionary(
            path=str(self.path),
            synsets=self.synsets,
            blocks=self.blocks,
            transformations=self.transformations,
            warnings=self.warnings,
        )

    # -- pieces -----------------------------------------------------------------------------------
    def parse_code(self, text: str, line_no: int) -> Code:
        parts = [p.strip() for p in text.split(":")]
        if len(parts) > 2 or not any(parts) or any(" " in p for p in parts):
            raise self.fail(line_no, f"bad code [{text}]")
        forward = None if set(parts[0]) <= {"-"} else parts[0]
        reverse = None
        if len(parts) == 2 and parts[1] and not set(parts[1]) <= {"-"}:
            reverse = parts[1]
        return Code(forward=forward, reverse=reverse)

    def parse_form(self, text: str, line_no: int) -> VerbForm:
        code = None
        codes = _CODE_RE.findall(text)
        if codes:
            code = self.parse_code(codes[-1], line_no)
            text_wo = _CODE_RE.sub(" ", text)
        else:
            text_wo = text
        if text_wo.count("{") != text_wo.count("}"):
            raise self.fail(line_no, f"unbalanced braces in verb form: {text!r}")
        irregular: list[str] = []
        brace = re.search(r"\{([^}]*)\}", text_wo)
        head = text_wo
        if brace:
            head = text_wo[: brace.start()]
            irregular = brace.group(1).split()
        words = head.split()
        if len(words) != 1:
            raise self.fail(line_no, f"a verb form is one word (join words with '_'): {text!r}")
        pre, verb, post = self._split_multiword(words[0])
        forms = [verb]
        for item in irregular:
            _, irregular_verb, _ = self._split_multiword(item)
            if irregular_verb and irregular_verb not in forms:
                forms.append(irregular_verb)
        return VerbForm(
            verb=tuple(forms), pre=pre, post=post, code=code, line=line_no, text=text.strip()
        )

    @staticmethod
    def _split_multiword(word: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
        parts = [p for p in word.split("_") if p]
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        index = marked[0] if marked else 0
        clean = [p.lstrip("+").lower() for p in parts]
        if not clean:
            return (), "", ()
        return tuple(clean[:index]), clean[index], tuple(clean[index + 1 :])

    def parse_pattern(self, body: str, line_no: int, original: str) -> Pattern:
        codes = _CODE_RE.findall(body)
        if not codes:
            raise self.fail(line_no, f"pattern without a [CODE]: {original!r}")
        code = self.parse_code(codes[-1], line_no)
        words_text = _CODE_RE.sub(" ", body)
        tokens = self.tokenize(words_text, line_no)
        if "*" not in tokens:
            raise self.fail(line_no, f"pattern without the verb placeholder '*': {original!r}")
        star = tokens.index("*")
        before = self.parse_elements(tokens[:star], line_no)
        after = self.parse_elements(tokens[star + 1 :], line_no)
        return Pattern(before=before, after=after, code=code, line=line_no, text=original.strip())

    def tokenize(self, text: str, line_no: int) -> list[str]:
        text = text.replace("*", " * ")
        for bracket in "(){}":
            text = text.replace(bracket, f" {bracket} ")
        tokens: list[str] = []
        for raw in text.split():
            if raw in {"*", "(", ")", "{", "}"} or raw in MARKERS:
                tokens.append(raw)
                continue
            # ``SPY_*_DEAL`` and ``IN_$`` join words with underscores
            for piece in re.split(r"_(?=[\$\+%\^])|(?<=[\$\+%\^])_", raw):
                if piece:
                    tokens.append(piece)
        # A stray closing bracket (a typo some published files carry) is dropped with a warning;
        # an opening bracket that is never closed is an error.
        balanced: list[str] = []
        stack: list[str] = []
        for token in tokens:
            if token in "({":
                stack.append(token)
            elif token in ")}":
                if not stack or stack[-1] != {")": "(", "}": "{"}[token]:
                    self.warnings.append(f"{self.path}:{line_no}: stray {token!r} ignored")
                    continue
                stack.pop()
            balanced.append(token)
        if stack:
            raise self.fail(line_no, f"unbalanced brackets in pattern: {text.strip()!r}")
        tokens = balanced
        return tokens

    def parse_elements(self, tokens: list[str], line_no: int) -> tuple[Element, ...]:
        elements: list[Element] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token in ("(", "{"):
                closing = ")" if token == "(" else "}"
                end = self._matching(tokens, index, token, closing)
                inner = self.parse_elements(tokens[index + 1 : end], line_no)
                if token == "{":
                    elements.append(Element(kind="phrase", parts=inner))
                elif inner and inner[0].kind == "word":
                    elements.append(
                        Element(kind="prep", alternatives=inner[0].alternatives, parts=inner[1:])
                    )
                elif inner:
                    elements.append(Element(kind="phrase", parts=inner))
                index = end + 1
                continue
            if token == "*":
                raise self.fail(line_no, "a pattern has one '*'")
            if token in MARKERS:
                elements.append(Element(kind="marker", marker=token))
            elif token.startswith("&"):
                elements.append(Element(kind="word", alternatives=(("&" + token[1:].upper(),),)))
            else:
                elements.append(Element(kind="word", alternatives=(_words(token),)))
            index += 1
        return tuple(elements)

    @staticmethod
    def _matching(tokens: list[str], start: int, opening: str, closing: str) -> int:
        depth = 0
        for index in range(start, len(tokens)):
            if tokens[index] == opening:
                depth += 1
            elif tokens[index] == closing:
                depth -= 1
                if depth == 0:
                    return index
        return len(tokens) - 1

    def parse_transformation(self, text: str, line_no: int) -> Transformation:
        match = re.match(
            r"^~\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s+(\S+)\s*\)\s*(\S+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s*$",
            text,
        )
        if not match:
            raise self.fail(line_no, f"bad transformation: {text!r}")
        _, inner_source, inner_target, inner_verb, outer, source, target, code = match.groups()
        return Transformation(
            outer_verb=outer.upper(),
            inner_source=inner_source,
            inner_target=inner_target,
            inner_verb=inner_verb.upper(),
            source=source,
            target=target,
            code=code,
            line=line_no,
        )

    # -- synonym sets -----------------------------------------------------------------------------
    def resolve_synsets(self) -> None:
        resolving: set[str] = set()

        def resolve(name: str) -> list[tuple[Word, ...]]:
            if name in self.synsets:
                return self.synsets[name]
            if name in resolving:
                return []
            resolving.add(name)
            entries: list[tuple[Word, ...]] = []
            for entry, _line in self.raw_synsets.get(name, []):
                if entry.startswith("&"):
                    entries.extend(resolve(entry.split()[0].upper()))
                else:
                    words = tuple(w for part in entry.split() for w in _words(part))
                    if words:
                        entries.append(words)
            resolving.discard(name)
            self.synsets[name] = entries
            return entries

        for name in self.raw_synsets:
            resolve(name)

    def check_synset_references(self) -> None:
        for block in self.blocks:
            for pattern in block.patterns:
                for name in _synset_names(pattern.before + pattern.after):
                    if name not in self.synsets:
                        self.warnings.append(
                            f"{self.path}:{pattern.line}: synonym set {name} is not defined"
                        )


def _comment_word(line: str) -> str:
    """The first word of a line's comment, upper case ("# HEAD" -> ``HEAD``), or ""."""
    comment = line[len(_strip_comment(line)) :].lstrip("#").split()
    return comment[0].upper() if comment and comment[0].isalpha() else ""


def _strip_comment(line: str) -> str:
    """Cut a ``#`` comment, but not a ``#`` inside a ``[CODE]`` such as ``[###]``."""
    depth = 0
    for index, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "#" and depth == 0:
            return line[:index]
    return line


def _words(token: str) -> tuple[Word, ...]:
    """``URBAN_CENTER`` -> two words; a trailing ``_`` marks the word as exact."""
    words: list[Word] = []
    pieces = token.split("_")
    for index, piece in enumerate(pieces):
        if not piece:
            if words and index == len(pieces) - 1:
                words[-1] = Word(words[-1].text, exact=True)
            continue
        words.append(Word(piece.lower()))
    return tuple(words)


def _synset_names(elements: tuple[Element, ...]) -> list[str]:
    names: list[str] = []
    for element in elements:
        for alternative in element.alternatives:
            for word in alternative:
                if isinstance(word, str) and word.startswith("&"):
                    names.append(word)
        names.extend(_synset_names(element.parts))
    return names


def parse_verb_dictionary(text: str, path: str | Path = "<string>") -> VerbDictionary:
    """Parse dictionary text (no caching); raises DictionaryError (E201) on bad syntax."""
    return _Parser(Path(path)).parse(text)


@lru_cache(maxsize=8)
def _load_cached(path: str, size: int, mtime: float) -> VerbDictionary:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        text = Path(path).read_text(encoding="latin-1")
    return parse_verb_dictionary(text, path)


def load_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Parse a verb dictionary file once per process (cached by path, size and mtime)."""
    resolved = Path(path).expanduser().resolve()
    try:
        stat = resolved.stat()
    except OSError as exc:
        raise DictionaryError(
            f"cannot read verb dictionary: {exc.strerror or exc}", code="E201", where=str(path)
        ) from exc
    if not resolved.is_file():
        raise DictionaryError("verb dictionary is not a file", code="E201", where=str(path))
    return _load_cached(str(resolved), stat.st_size, stat.st_mtime)
