"""Reading CAMEO actor, agent and discard dictionaries in the PETRARCH/TABARI text format.

Actor files (``Phoenix.Countries.actors.txt``, ``PETR.Validate.actors.txt``...) hold entries::

    VLADIMIR_PUTIN_  # comment
    +PUTIN_                          <- a synonym of the entry above
    +PRESIDENT_PUTIN_
        [RUSELI 700101-990809]       <- code blocks, on the entry line or on indented lines
        [RUSGOV >080508]
        [RUSELI]                     <- an undated code: used when no dated block applies

Words of a phrase are joined by ``_`` or spaces; a trailing ``_`` (TABARI's "whole word" mark) is
ignored, because eventwire always matches whole tokens. ``#`` starts a comment; ``<!-- ... -->``
blocks are comments too.

Dates in code blocks are ``YYMMDD`` or ``YYYYMMDD``: ``>D`` (from D on), ``<D`` (before D),
``D1-D2`` (from D1 to D2, both included). Century rule for six digits: ``YY <= 30`` means 20YY,
otherwise 19YY (the files use 1931-1999 and 2000-2014 that way).

Agent files (``Phoenix.agents.txt``) hold nouns that add a sector to a country::

    !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES     <- substitution set
    FOREIGN_!MINIST! [~GOV]        <- expands to the four forms; ~GOV: country code + GOV
    TROOP [~MIL]                   <- a regular plural (TROOPS) is added
    POLICE {} [~COP]               <- {}: no plural form
    THIEF {THIEVES} [~CRM]         <- irregular plural(s)
    PEACEKEEPING_TROOPS {} [IGO~]  <- IGO~: IGO + country code

Discard files list phrases whose sentence (or, with a leading ``+``, whole story) is not coded.

Every problem raises :class:`~eventwire.errors.DictionaryError` (code E201) naming the file and
line, unless ``strict=False``: then the offending block or entry is skipped and a warning (with
file and line) is collected on the result, which is how the bundled Phoenix files (with a few
typos such as ``9008223``) are compiled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from eventwire.errors import DictionaryError

CENTURY_PIVOT = 30  # six-digit years 00..30 are 2000..2030, 31..99 are 1931..1999

_SUBSTITUTION = re.compile(r"^\s*(![A-Z0-9_]+!)\s*=\s*(.+)$", re.IGNORECASE)
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_DATE_RANGE = re.compile(r"^(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})$")
_DATE_BOUND = re.compile(r"^([<>])\s*(\d{6}|\d{8})$")
_CODE = re.compile(r"^[A-Za-z0-9~/+#\-]+$")


@dataclass(frozen=True)
class CodeSpan:
    """One CAMEO code with the dates (both included) it is valid for; None means open."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    """A dictionary actor: its phrases (first one canonical) and its code blocks."""

    phrases: list[tuple[str, ...]]
    codes: list[CodeSpan]
    comment: str = ""
    source: str = ""
    line: int = 0


@dataclass
class AgentEntry:
    """An agent noun phrase (all its singular and plural forms) and the code it adds."""

    forms: list[tuple[str, ...]]
    plural_forms: list[tuple[str, ...]]
    code: str  # the agent code without ~, e.g. GOV, MILSPY
    prefix: bool = False  # True for "IGO~" (agent code before the country code)
    comment: str = ""
    source: str = ""
    line: int = 0


@dataclass
class DiscardEntry:
    phrase: tuple[str, ...]
    story_level: bool
    source: str = ""
    line: int = 0


@dataclass
class ParseResult:
    """Entries read from one file, with the warnings of a lenient (``strict=False``) read."""

    entries: list
    warnings: list[str] = field(default_factory=list)


# -- low-level helpers ---------------------------------------------------------------------------
class _Reader:
    """Shared line handling: comments, HTML comment blocks, errors or warnings with file:line."""

    def __init__(self, path: Path, strict: bool) -> None:
        self.path = Path(path)
        self.strict = strict
        self.warnings: list[str] = []

    def lines(self) -> list[tuple[int, str, str]]:
        """(line number, content without comment, comment) for each meaningful line."""
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise DictionaryError(
                f"cannot read dictionary: {exc}", code="E201", where=str(self.path)
            ) from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        if "\x00" in text:
            raise DictionaryError(
                "file is binary, not a dictionary", code="E201", where=str(self.path)
            )
        out = []
        in_html_comment = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_html_comment:
                if "-->" in line:
                    in_html_comment = False
                continue
            stripped = line.strip()
            if stripped.startswith("<!"):  # <!-- ... --> (also written <! -- ... -->)
                in_html_comment = "-->" not in stripped
                continue
            content, comment = _split_comment(line)
            if content.strip():
                out.append((number, content.rstrip(), comment))
        return out

    def problem(self, line: int, message: str) -> None:
        where = f"{self.path}:{line}"
        if self.strict:
            raise DictionaryError(message, code="E201", where=where)
        self.warnings.append(f"{where}: {message}")


def _split_comment(line: str) -> tuple[str, str]:
    """Split at the first ``#`` outside square brackets (codes such as ``[###]`` keep theirs)."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "#" and depth == 0:
            return line[:i], line[i + 1 :].strip()
    return line, ""


def phrase_words(text: str) -> tuple[str, ...]:
    """``ST._PETERSBURG_`` -> ("ST.", "PETERSBURG"): words split at ``_`` and whitespace."""
    return tuple(word for word in re.split(r"[_\s]+", text.strip()) if word)


def parse_day(digits: str) -> date:
    """``YYMMDD`` (century rule: YY <= 30 is 20YY) or ``YYYYMMDD`` to a date."""
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= CENTURY_PIVOT else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        raise ValueError(f"date {digits!r} is neither YYMMDD nor YYYYMMDD")
    return date(year, month, day)


def parse_code_block(content: str) -> CodeSpan:
    """``RUSGOV >080508``, ``RUSGOV 991231-080507``, ``HOB < 950601``, ``RUSELI`` -> CodeSpan."""
    content = content.strip()
    if not content:
        raise ValueError("empty code block []")
    parts = content.split(None, 1)
    code = parts[0]
    if not _CODE.match(code):
        raise ValueError(f"bad code {code!r}")
    if len(parts) == 1:
        return CodeSpan(code)
    rest = parts[1].strip()
    bound = _DATE_BOUND.match(rest)
    if bound:
        day = parse_day(bound.group(2))
        if bound.group(1) == ">":
            return CodeSpan(code, start=day)
        return CodeSpan(code, end=day - timedelta(days=1))
    dates = _DATE_RANGE.match(rest)
    if dates:
        start, end = parse_day(dates.group(1)), parse_day(dates.group(2))
        if end < start:
            raise ValueError(f"date range {rest!r} ends before it starts")
        return CodeSpan(code, start=start, end=end)
    raise ValueError(f"bad date restriction {rest!r} (expected >YYMMDD, <YYMMDD or YYMMDD-YYMMDD)")


def _pop_brackets(reader: _Reader, number: int, content: str) -> tuple[str, list[str]]:
    """Remove the ``[...]`` blocks from a line; return the rest and the block contents."""
    blocks = _BRACKET.findall(content)
    rest = _BRACKET.sub(" ", content)
    if "[" in rest or "]" in rest:
        reader.problem(number, f"unbalanced square bracket in {content.strip()!r}")
        rest = rest.replace("[", " ").replace("]", " ")
    return rest, blocks


# -- actors --------------------------------------------------------------------------------------
def read_actor_file(path: Path | str, *, strict: bool = True) -> ParseResult:
    """Read an actor dictionary into :class:`ActorEntry` items (in file order)."""
    reader = _Reader(Path(path), strict)
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None

    def close(entry: ActorEntry | None) -> None:
        if entry is None:
            return
        if entry.codes:
            entries.append(entry)
        else:
            reader.problem(entry.line, f"entry {' '.join(entry.phrases[0])!r} has no [CODE] block")

    for number, content, comment in reader.lines():
        rest, blocks = _pop_brackets(reader, number, content)
        codes = []
        for block in blocks:
            try:
                codes.append(parse_code_block(block))
            except ValueError as exc:
                reader.problem(number, str(exc))
        words = phrase_words(rest)
        if words and words[0].startswith("+"):
            first = words[0][1:]
            words = ((first,) if first else ()) + words[1:]
            if current is None:
                reader.problem(number, "synonym line '+...' before any entry")
                continue
            if words:
                current.phrases.append(words)
            current.codes.extend(codes)
        elif words:
            close(current)
            current = ActorEntry(
                phrases=[words], codes=codes, comment=comment, source=reader.path.name, line=number
            )
        elif codes:
            if current is None:
                reader.problem(number, "code block before any entry")
                continue
            current.codes.extend(codes)
        else:
            reader.problem(number, f"cannot read line {content.strip()!r}")
    close(current)
    return ParseResult(entries, reader.warnings)


# -- agents --------------------------------------------------------------------------------------
def plural_of(words: tuple[str, ...]) -> tuple[str, ...]:
    """Regular English plural of the last word (MINISTER -> MINISTERS, ARMY -> ARMIES)."""
    last = words[-1]
    upper = last.upper()
    if upper.endswith(("S", "X", "Z", "CH", "SH")):
        plural = last + "ES"
    elif upper.endswith("Y") and len(upper) > 1 and upper[-2] not in "AEIOU":
        plural = last[:-1] + "IES"
    else:
        plural = last + "S"
    return (*words[:-1], plural)


def read_agent_file(path: Path | str, *, strict: bool = True) -> ParseResult:
    """Read an agent dictionary into :class:`AgentEntry` items, expanding ``!SETS!``."""
    reader = _Reader(Path(path), strict)
    substitutions: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for number, content, comment in reader.lines():
        definition = _SUBSTITUTION.match(content)
        if definition:
            values = [v.strip() for v in definition.group(2).split(",") if v.strip()]
            substitutions[definition.group(1).upper()] = values
            continue
        rest, blocks = _pop_brackets(reader, number, content)
        if len(blocks) != 1:
            reader.problem(
                number, f"agent line needs exactly one [~CODE] block: {content.strip()!r}"
            )
            continue
        raw_code = blocks[0].strip()
        if raw_code.count("~") != 1 or not _CODE.match(raw_code):
            reader.problem(number, f"bad agent code [{raw_code}] (expected [~XXX] or [XXX~])")
            continue
        prefix = raw_code.endswith("~")
        code = raw_code.replace("~", "")
        explicit_plural: list[str] | None = None
        brace = re.search(r"\{([^{}]*)\}", rest)
        if brace:
            explicit_plural = [p for p in re.split(r"[,\s]+", brace.group(1)) if p]
            rest = rest[: brace.start()] + " " + rest[brace.end() :]
        if "{" in rest or "}" in rest:
            reader.problem(number, f"unbalanced brace in {content.strip()!r}")
            continue
        phrase = rest.strip().lstrip("+")
        if not phrase_words(phrase):
            reader.problem(number, "agent line has no phrase")
            continue
        expanded = _expand(phrase, substitutions)
        if expanded is None:
            reader.problem(number, f"unknown substitution set in {phrase!r}")
            continue
        forms = [phrase_words(p) for p in expanded]
        plurals: list[tuple[str, ...]] = []
        substituted = len(expanded) > 1 or "!" in phrase
        if explicit_plural is not None:
            plurals = [phrase_words(p) for p in explicit_plural]
        elif not substituted:
            plurals = [plural_of(form) for form in forms]
        entries.append(
            AgentEntry(
                forms=forms,
                plural_forms=plurals,
                code=code,
                prefix=prefix,
                comment=comment,
                source=reader.path.name,
                line=number,
            )
        )
    return ParseResult(entries, reader.warnings)


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str] | None:
    match = re.search(r"![A-Z0-9_]+!", phrase, re.IGNORECASE)
    if not match:
        return [phrase]
    values = substitutions.get(match.group(0).upper())
    if values is None:
        return None
    out: list[str] = []
    for value in values:
        expanded = _expand(phrase[: match.start()] + value + phrase[match.end() :], substitutions)
        if expanded is None:
            return None
        out.extend(expanded)
    return out


# -- discards ------------------------------------------------------------------------------------
def read_discard_file(path: Path | str, *, strict: bool = True) -> ParseResult:
    """Read a discard list: phrases whose sentence (``+``: whole story) is not coded."""
    reader = _Reader(Path(path), strict)
    entries: list[DiscardEntry] = []
    for number, content, _comment in reader.lines():
        text = content.strip()
        story = text.startswith("+")
        words = phrase_words(text.lstrip("+"))
        if not words:
            reader.problem(number, "discard line has no phrase")
            continue
        entries.append(DiscardEntry(words, story, reader.path.name, number))
    return ParseResult(entries, reader.warnings)
