"""The compiled actor lookup: token sequences -> dictionary entries, built once, loaded fast.

Dictionary phrases are tokenized with the same spaCy tokenizer that parses articles, lowercased and
joined by spaces into keys (``"russia 's"``, ``"u.s."``). Matching an article is then a dict lookup
per token position and candidate length (at most the longest phrase starting with that token), so
the cost does not grow with the size of the dictionaries, and loading is a single ``json.loads``
of a gzipped file (no matcher to build).

The compiled file (``eventwire/data/actors.lexicon.json.gz``) records its format version, the spaCy
version whose tokenizer made the keys, and each source file's name and SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.actors.codes import choose_code, is_country_code, is_null_code
from eventwire.actors.dictionary import (
    ActorEntry,
    AgentEntry,
    read_actor_file,
    read_agent_file,
    read_discard_file,
)
from eventwire.errors import DictionaryError

FORMAT = "eventwire-actor-lexicon"
FORMAT_VERSION = 2
CAPITALS_FILE = "actors.capitals.txt"  # entries of this file are capitals (kind "capital")

Tokenize = Callable[[Iterable[str]], Iterable[list[str]]]
CodeBlock = tuple[str, "int | None", "int | None"]

_SMALL_WORDS = {"of", "the", "and", "for", "de", "del", "al", "el", "la", "du", "von", "van", "in"}


def normalize(token_text: str) -> str:
    """The form both dictionary keys and article tokens are compared in."""
    return token_text.lower().replace("\u2019", "'").replace("\u2018", "'")


def canonical_name(words: tuple[str, ...], code: str | None) -> str:
    """``("VLADIMIR", "PUTIN")`` -> "Vladimir Putin"; acronyms of organisations stay upper case."""
    if len(words) == 1 and len(words[0]) <= 5 and code and code[:3] in ("IGO", "NGO", "IMG", "MNC"):
        return words[0]
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            out.append(lower)
        elif not any(v in lower for v in "aeiouy") and len(word) <= 4:
            out.append(word.upper())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


@dataclass
class ActorRecord:
    """A compiled actor entry: canonical name, code blocks (dates as ordinals) and a kind hint."""

    name: str
    codes: list[tuple[str, int | None, int | None]]
    kind: str  # person, country, organisation (igo and group are decided from the code)
    source: str = ""

    def to_json(self) -> list:
        return [self.name, [list(block) for block in self.codes], self.kind, self.source]

    @classmethod
    def from_json(cls, row: list) -> ActorRecord:
        return cls(row[0], [tuple(block) for block in row[1]], row[2], row[3])


@dataclass
class AgentRecord:
    code: str  # e.g. GOV, MILSPY
    prefix: bool  # IGO~ style
    phrase: str  # canonical singular form, lower case ("prime minister")
    source: str = ""

    def to_json(self) -> list:
        return [self.code, self.prefix, self.phrase, self.source]

    @classmethod
    def from_json(cls, row: list) -> AgentRecord:
        return cls(row[0], bool(row[1]), row[2], row[3])


@dataclass
class Lexicon:
    """Everything the actor coder looks up. Build with :func:`build_lexicon` or :meth:`load`."""

    actors: list[ActorRecord] = field(default_factory=list)
    phrases: dict[str, int] = field(default_factory=dict)  # key -> index into actors
    agents: list[AgentRecord] = field(default_factory=list)
    agent_phrases: dict[str, list[int]] = field(default_factory=dict)  # key -> [agent, plural]
    discards: dict[str, bool] = field(default_factory=dict)  # key -> story level
    sources: list[dict] = field(default_factory=list)
    spacy_version: str = ""
    surnames: dict[str, int] = field(default_factory=dict)  # unambiguous person surname -> actor
    # key -> ISO-3 of a town or city: dictionary phrases the gazetteer confirms as a town of their
    # entry's country ("tel aviv" under Israel), and gazetteer towns of one country ("cizre")
    towns: dict[str, str] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase
    agent_max_len: dict[str, int] = field(default_factory=dict)

    # -- lookup ---------------------------------------------------------------------------------
    def index(self) -> None:
        """Recompute the first-token length tables (after loading or merging)."""
        self.max_len = _first_token_lengths(self.phrases)
        self.agent_max_len = _first_token_lengths(self.agent_phrases)

    # -- merging --------------------------------------------------------------------------------
    def extended(self, other: Lexicon) -> Lexicon:
        """A new lexicon: this one with ``other``'s phrases added, overriding equal phrases."""
        offset = len(self.actors)
        agent_offset = len(self.agents)
        merged = Lexicon(
            actors=self.actors + other.actors,
            phrases=dict(self.phrases),
            agents=self.agents + other.agents,
            agent_phrases=dict(self.agent_phrases),
            discards={**self.discards, **other.discards},
            surnames={**self.surnames, **{k: v + offset for k, v in other.surnames.items()}},
            towns={**self.towns, **other.towns},
            sources=self.sources + other.sources,
            spacy_version=self.spacy_version or other.spacy_version,
        )
        merged.phrases.update({key: value + offset for key, value in other.phrases.items()})
        merged.agent_phrases.update(
            {key: [value[0] + agent_offset, value[1]] for key, value in other.agent_phrases.items()}
        )
        merged.index()
        return merged

    def reindex_surnames(self) -> None:
        _add_surnames(self)

    # -- persistence ----------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "spacy": self.spacy_version,
            "sources": self.sources,
            "actors": [record.to_json() for record in self.actors],
            "phrases": self.phrases,
            "agents": [record.to_json() for record in self.agents],
            "agent_phrases": self.agent_phrases,
            "discards": self.discards,
            "surnames": self.surnames,
            "towns": self.towns,
        }

    def save(self, path: Path) -> None:
        data = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # mtime=0 keeps the gzip bytes identical for identical content (reproducible builds)
        with open(path, "wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
            gz.write(data.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        try:
            with gzip.open(path, "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError) as exc:
            raise DictionaryError(
                f"cannot read compiled lexicon: {exc}", code="E201", where=str(path)
            ) from exc
        if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
            raise DictionaryError(
                f"compiled lexicon has format {data.get('format')} v{data.get('version')}, "
                f"expected {FORMAT} v{FORMAT_VERSION}; run `python -m eventwire.actors.compile`",
                code="E201",
                where=str(path),
            )
        lexicon = cls(
            actors=[ActorRecord.from_json(row) for row in data["actors"]],
            phrases=data["phrases"],
            agents=[AgentRecord.from_json(row) for row in data["agents"]],
            agent_phrases=data["agent_phrases"],
            discards=data["discards"],
            surnames=data.get("surnames", {}),
            towns=data.get("towns", {}),
            sources=data["sources"],
            spacy_version=data.get("spacy", ""),
        )
        lexicon.index()
        return lexicon


def _first_token_lengths(keys: Iterable[str]) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for key in keys:
        tokens = key.split(" ")
        if lengths.get(tokens[0], 0) < len(tokens):
            lengths[tokens[0]] = len(tokens)
    return lengths


def _kind_hint(entry: ActorEntry) -> str:
    codes = [span.code for span in entry.codes if not is_null_code(span.code)]
    blocks = [
        (s.code, s.start.toordinal() if s.start else None, s.end.toordinal() if s.end else None)
        for s in entry.codes
    ]
    if codes and is_country_code(choose_code(blocks, None)):
        return "country"
    if any(span.dated for span in entry.codes) and any(len(code) > 3 for code in codes):
        return "organisation" if _names_a_body(entry.phrases[0]) else "person"
    return "organisation"


# Nouns that make a dated entry a body, not an office-holder: the Phoenix files date groups too
# (ISLAMIC_STATE_OF_IRAQ_AND_THE_LEVANT >2013, PALESTINIAN_AUTHORITY >1994, SPLA).
BODY_WORDS = frozenset(
    {"army", "front", "group", "movement", "party", "brigade", "brigades", "forces", "state"}
    | {"organization", "organisation", "council", "union", "league", "committee", "alliance"}
    | {"association", "congress", "ministry", "agency", "commission", "court", "authority"}
    | {"assembly", "tribunal", "coalition", "militia", "federation", "government"}
)
# First words of a title phrase naming a person ("GENERAL_SECRETARY_OF_THE_COMMUNIST_PARTY").
TITLE_WORDS = frozenset(
    {"general", "secretary", "sec.", "chairman", "chairwoman", "president", "head", "leader"}
    | {"minister", "chief", "deputy", "vice", "speaker", "prime"}
)


def _names_a_body(phrase: tuple[str, ...]) -> bool:
    words = [word.lower() for part in phrase for word in part.split("-")]
    return bool(words) and words[0] not in TITLE_WORDS and any(w in BODY_WORDS for w in words)


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build_lexicon(
    tokenize: Tokenize,
    *,
    actor_files: Iterable[Path] = (),
    agent_files: Iterable[Path] = (),
    discard_files: Iterable[Path] = (),
    strict: bool = True,
    spacy_version: str = "",
    warnings: list[str] | None = None,
) -> Lexicon:
    """Parse dictionary files and key their phrases with ``tokenize`` (a batch tokenizer).

    Within one file the first entry for a phrase wins; a later file overrides earlier ones, so
    user dictionaries listed after the defaults replace their entries.
    """
    lexicon = Lexicon(spacy_version=spacy_version)
    for path in actor_files:
        result = read_actor_file(path, strict=strict)
        if warnings is not None:
            warnings.extend(result.warnings)
        _add_actor_file(lexicon, Path(path), result.entries, tokenize)
    for path in agent_files:
        result = read_agent_file(path, strict=strict)
        if warnings is not None:
            warnings.extend(result.warnings)
        _add_agent_file(lexicon, Path(path), result.entries, tokenize)
    for path in discard_files:
        result = read_discard_file(path, strict=strict)
        if warnings is not None:
            warnings.extend(result.warnings)
        keys = _keys(tokenize, [" ".join(entry.phrase) for entry in result.entries])
        for key, entry in zip(keys, result.entries, strict=True):
            if key:
                lexicon.discards.setdefault(key, entry.story_level)
        lexicon.sources.append(_source(Path(path), "discards", len(result.entries)))
    _add_surnames(lexicon)
    lexicon.index()
    return lexicon


def _add_surnames(lexicon: Lexicon) -> None:
    """Index people by the last word of their canonical name, when only one person has it, so
    that a title and a surname ("President Mugabe") find the entry."""
    lexicon.surnames = {}
    owners: dict[str, set[int]] = {}
    for key, index in lexicon.phrases.items():
        record = lexicon.actors[index]
        words = key.split(" ")
        if record.kind != "person" or len(words) < 2 or record.name.lower() != key:
            continue
        owners.setdefault(words[-1], set()).add(index)
    for surname, indices in owners.items():
        if len(indices) == 1 and surname not in lexicon.phrases and len(surname) > 2:
            lexicon.surnames[surname] = next(iter(indices))


def _keys(tokenize: Tokenize, phrases: list[str]) -> list[str]:
    return [" ".join(normalize(t) for t in tokens) for tokens in tokenize(phrases)]


def _source(path: Path, kind: str, count: int) -> dict:
    return {"file": path.name, "kind": kind, "sha256": file_digest(path), "entries": count}


def without_parentheses(phrase: tuple[str, ...]) -> tuple[str, ...] | None:
    """The phrase without its parenthesised words (an acronym or a gloss: ``IRISH_REPUBLICAN_
    ARMY_(IRA)``, ``CONGO_(KINSHASA)``), which news text seldom writes; None when it has none or
    nothing would be left."""
    if not any("(" in word for word in phrase):
        return None
    kept: list[str] = []
    depth = 0
    for word in phrase:
        opened = word.count("(")
        closed = word.count(")")
        if depth == 0 and not opened:
            kept.append(word)
        depth = max(0, depth + opened - closed)
    return tuple(kept) if kept and len(kept) < len(phrase) else None


def _add_actor_file(
    lexicon: Lexicon, path: Path, entries: list[ActorEntry], tokenize: Tokenize
) -> None:
    texts: list[str] = []
    owners: list[int] = []
    for entry in entries:
        codes = [
            (
                span.code.upper(),
                span.start.toordinal() if span.start else None,
                span.end.toordinal() if span.end else None,
            )
            for span in entry.codes
        ]
        first_code = next((c for c, _, _ in codes if not is_null_code(c)), None)
        kind = "capital" if path.name == CAPITALS_FILE else _kind_hint(entry)
        record = ActorRecord(
            name=canonical_name(entry.phrases[0], first_code),
            codes=codes,
            kind=kind,
            source=f"{path.name}:{entry.line}",
        )
        lexicon.actors.append(record)
        for phrase in entry.phrases:
            texts.append(" ".join(phrase))
            owners.append(len(lexicon.actors) - 1)
            bare = without_parentheses(phrase)
            if bare:  # "LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)" is written without "(LTTE)"
                texts.append(" ".join(bare))
                owners.append(len(lexicon.actors) - 1)
        if kind == "country":
            # plural demonyms name the people (RUSSIANS, TURKS): country + CVL (civilians)
            people = ActorRecord(
                name=record.name,
                codes=[(c + "CVL" if is_country_code(c) else c, s, e) for c, s, e in codes],
                kind="group",
                source=record.source,
            )
            plurals = [
                phrase[0] + "S"
                for phrase in entry.phrases
                if len(phrase) == 1 and not phrase[0].upper().endswith(("S", "X", "SH", "CH"))
            ]
            if plurals:
                lexicon.actors.append(people)
                for plural in plurals:
                    texts.append(plural)
                    owners.append(len(lexicon.actors) - 1)
    seen: set[str] = set()
    for key, owner in zip(_keys(tokenize, texts), owners, strict=True):
        if key and key not in seen:
            seen.add(key)
            lexicon.phrases[key] = owner
    lexicon.sources.append(_source(path, "actors", len(entries)))


def _add_agent_file(
    lexicon: Lexicon, path: Path, entries: list[AgentEntry], tokenize: Tokenize
) -> None:
    texts: list[str] = []
    owners: list[tuple[int, int]] = []
    for entry in entries:
        record = AgentRecord(
            code=entry.code.upper(),
            prefix=entry.prefix,
            phrase=" ".join(entry.forms[0]).lower(),
            source=f"{path.name}:{entry.line}",
        )
        lexicon.agents.append(record)
        index = len(lexicon.agents) - 1
        for form in entry.forms:
            texts.append(" ".join(form))
            last = form[-1].upper()
            plural = int(
                last.endswith("MEN")
                or (last.endswith("S") and not last.endswith(("SS", "US", "IS")))
            )
            owners.append((index, plural))
        for form in entry.plural_forms:
            texts.append(" ".join(form))
            owners.append((index, 1))
    seen: set[str] = set()
    for key, (index, plural) in zip(_keys(tokenize, texts), owners, strict=True):
        if key and key not in seen:
            seen.add(key)
            lexicon.agent_phrases[key] = [index, plural]
    lexicon.sources.append(_source(path, "agents", len(entries)))
