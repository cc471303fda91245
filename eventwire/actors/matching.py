"""Finding dictionary phrases in a parsed sentence: longest match, left to right, by dict lookups.

Only tokens that can start a phrase are looked at (their form is a one-word key, or it and the
next form begin a longer key). From there a match grows one token at a time while the words so
far begin some key, and the longest key that fits wins, so the work per token is bounded by the
longest phrase, never by the number of entries. Actor phrases (proper names) must look like
names in the text: at least one capitalised or numeric token, and a one-token phrase of at most
three letters (US, EU, UN, AU, PM) must be written in capitals. Agent phrases (common nouns)
match in any case.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from eventwire.actors.lexicon import Lexicon
from eventwire.actors.tokens import DocTokens

if TYPE_CHECKING:
    from spacy.tokens import Span

# Agent words that are titles only when capitalised ("General Aoun", not "the general public").
CAPITALISED_AGENTS = frozenset({"general"})
COMPASS_WORDS = frozenset({"western", "eastern", "northern", "southern", "central"})
NER_LABELS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "country"}


@dataclass
class Piece:
    """A matched stretch of tokens: a dictionary actor, an agent noun, or an unknown NER entity."""

    kind: str  # "actor", "agent", "ner" or "org" (a named organisation holding a country)
    start: int  # token indices into the Doc, end exclusive
    end: int
    index: int = -1  # actor or agent record index (-1 for ner); for "org": the country piece's
    plural: bool = False
    label: str = ""  # NER label for kind "ner"
    agent: int = -1  # for "org": the agent record of a noun inside the name, if any


def _looks_like_name(texts, start: int, end: int) -> bool:
    """Whether the tokens ``start:end`` (``texts`` indexed like the Doc) are written like a name:
    one capitalised or numeric token, and a lone word of three letters in capitals."""
    if not any(texts[k][:1].isupper() or texts[k][:1].isdigit() for k in range(start, end)):
        return False
    return _short_acronym_ok(texts, start, end)


def _short_acronym_ok(texts, start: int, end: int) -> bool:
    if end - start == 1:
        text = texts[start]
        if len(text) <= 3 and text.isalpha() and not text.isupper():
            return False
    return True


class _TokenTexts:
    """``doc[i].text`` by index, for callers without the document's :class:`DocTokens`."""

    def __init__(self, doc) -> None:
        self.doc = doc

    def __getitem__(self, i: int) -> str:
        return self.doc[i].text


@dataclass(frozen=True)
class PhraseIndex:
    """Lookup tables derived from a lexicon's phrase keys, so a match grows token by token
    and stops as soon as no phrase goes on (instead of trying every length down from the
    longest phrase that starts with the word: up to 15 for "the")."""

    first_words: frozenset[str]  # forms that start an actor or agent phrase
    actor_prefixes: frozenset[str]  # every key prefix that ends before one of its spaces
    agent_prefixes: frozenset[str]
    one_word_keys: frozenset[str]  # actor and agent keys of one word
    two_word_starts: frozenset[str]  # the first two words of every longer key

    @classmethod
    def of(cls, lexicon: Lexicon) -> PhraseIndex:
        first = {form for form, n in lexicon.max_len.items() if n}
        first |= {form for form, n in lexicon.agent_max_len.items() if n}
        keys = [*lexicon.phrases, *lexicon.agent_phrases]
        two_words = set()
        for key in keys:
            space = key.find(" ")
            if space != -1:
                second = key.find(" ", space + 1)
                two_words.add(key if second == -1 else key[:second])
        return cls(
            frozenset(first),
            _key_prefixes(lexicon.phrases),
            _key_prefixes(lexicon.agent_phrases),
            frozenset(key for key in keys if " " not in key),
            frozenset(two_words),
        )


def _key_prefixes(keys) -> frozenset[str]:
    """``"a b c"`` -> "a", "a b": the strings a match must pass through to reach a key."""
    out: set[str] = set()
    for key in keys:
        space = key.find(" ")
        while space != -1:
            out.add(key[:space])
            space = key.find(" ", space + 1)
    return frozenset(out)


_INDEXES: dict[int, tuple[Lexicon, dict, dict, PhraseIndex]] = {}
_INDEXES_KEPT = 8  # lexicons in use at once (the bundled one, test coders with user files)


def phrase_index(lexicon: Lexicon) -> PhraseIndex:
    """The :class:`PhraseIndex` of ``lexicon``, built once per lexicon (and again after
    :meth:`Lexicon.index` replaces its length tables)."""
    cached = _INDEXES.get(id(lexicon))
    if (
        cached is not None
        and cached[0] is lexicon
        and cached[1] is lexicon.max_len
        and cached[2] is lexicon.agent_max_len
    ):
        return cached[3]
    index = PhraseIndex.of(lexicon)
    if len(_INDEXES) >= _INDEXES_KEPT:
        del _INDEXES[next(iter(_INDEXES))]
    _INDEXES[id(lexicon)] = (lexicon, lexicon.max_len, lexicon.agent_max_len, index)
    return index


def phrase_starts(forms: list[str], lexicon: Lexicon) -> list[int]:
    """The token indices where an actor or agent phrase can start: the form is a key of one
    word, or it and the next form begin a longer key. Only there can :func:`find_pieces`
    match; at every other token it just moves on by one."""
    index = phrase_index(lexicon)
    first_words, one_word, two_words = (
        index.first_words,
        index.one_word_keys,
        index.two_word_starts,
    )
    last = len(forms) - 1
    return [
        i
        for i, form in enumerate(forms)
        if form in first_words
        and (form in one_word or (i < last and f"{form} {forms[i + 1]}" in two_words))
    ]


def find_pieces(
    sentence: Span,
    forms: list[str],
    lexicon: Lexicon,
    texts=None,
    starts: list[int] | None = None,
) -> list[Piece]:
    """Longest non-overlapping actor/agent matches in one sentence.

    ``forms`` are the normalized token forms of the whole Doc (computed once per document);
    ``texts`` the token texts indexed like the Doc (``DocTokens.texts``) and ``starts`` the
    document's :func:`phrase_starts`, both optional and made per sentence when missing.
    """
    pieces: list[Piece] = []
    end = sentence.end
    if texts is None:
        texts = _TokenTexts(sentence.doc)
    index = phrase_index(lexicon)
    if starts is None:
        first_words = index.first_words
        positions = [k for k in range(sentence.start, end) if forms[k] in first_words]
    else:
        positions = starts[bisect_left(starts, sentence.start) : bisect_left(starts, end)]
    phrases, agent_phrases = lexicon.phrases, lexicon.agent_phrases
    max_len, agent_max_len = lexicon.max_len, lexicon.agent_max_len
    actor_prefixes, agent_prefixes = index.actor_prefixes, index.agent_prefixes
    found_actors: dict[int, tuple[int, int] | None] = {}  # position -> (end, index) or None

    def longest_actor(k: int) -> tuple[int, int] | None:
        if k in found_actors:
            return found_actors[k]
        found = None
        for stop, value in reversed(
            _matches(forms, k, k + min(max_len.get(forms[k], 0), end - k), phrases, actor_prefixes)
        ):
            if _looks_like_name(texts, k, stop):
                found = stop, value
                break
        found_actors[k] = found
        return found

    i = sentence.start  # tokens before i are matched or passed over
    for position in positions:
        if position < i:
            continue
        i = position + 1
        form = forms[position]
        actor = longest_actor(position)
        if form == "the" and i < end:
            # "the West Bank": a match after the article wins over one that includes it
            ahead = longest_actor(i)
            if ahead is not None and (actor is None or ahead[0] >= actor[0]):
                continue
        best: Piece | None = None
        if actor is not None:
            best = Piece("actor", position, actor[0], actor[1])
        limit = position + min(agent_max_len.get(form, 0), end - position)
        if best is None or limit > best.end:
            for stop, found in reversed(
                _matches(forms, position, limit, agent_phrases, agent_prefixes)
            ):
                if best is not None and stop <= best.end:
                    break
                if _short_acronym_ok(texts, position, stop) and (
                    form not in CAPITALISED_AGENTS
                    or stop - position > 1
                    or texts[position][:1].isupper()
                ):
                    best = Piece("agent", position, stop, found[0], plural=bool(found[1]))
                    break
        if best is None:
            continue
        if best.kind == "actor" and best.end - best.start > 1 and forms[best.start] == "the":
            best.start += 1  # mentions never start with the article ("the Kremlin" -> "Kremlin")
        if (
            best.kind == "actor"
            and best.end - best.start == 1
            and form in COMPASS_WORDS
            and best.end < end
            and longest_actor(best.end) is not None
        ):
            continue  # "Western Cambodia": a compass word before a place is not the West
        pieces.append(best)
        i = best.end
    return pieces


def _matches(forms: list[str], start: int, limit: int, table: dict, prefixes: frozenset) -> list:
    """``(end, table[key])`` for every key of ``table`` that the tokens ``start:end`` spell,
    ``end <= limit``, shortest first. The key grows one token at a time while it is the
    beginning of some key."""
    out = []
    if limit <= start:
        return out
    key = forms[start]
    stop = start + 1
    while True:
        value = table.get(key)
        if value is not None:
            out.append((stop, value))
        if stop >= limit:
            return out
        key = key + " " + forms[stop]
        if key not in prefixes and key not in table:
            return out
        stop += 1


def ner_pieces(ents: list[Span], taken: set[int], forms: list[str] | None = None) -> list[Piece]:
    """Named entities (PERSON, ORG, NORP, GPE) that no dictionary piece covers, without "the".

    ``ents`` are the document's entities inside one sentence; ``forms`` (the Doc's normalized
    token forms, optional) spare making Token objects for the words looked at.
    """
    out = []
    for ent in ents:
        if ent.label_ not in NER_LABELS:
            continue
        start, end = ent.start, ent.end
        if forms is not None:
            while start < end and forms[start] in ("the", "a", "an"):
                start += 1
        else:
            while start < end and ent.doc[start].lower_ in ("the", "a", "an"):
                start += 1
        while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS"):
            end -= 1
        # a title or people the dictionaries know opens the entity ("Archbishop Desmond Tutu",
        # "Iraqi Kurds"): the rest of the entity is the unknown name
        while start < end and start in taken and any(i not in taken for i in range(start, end)):
            start += 1
        while start < end and ent.doc[start].is_space:
            start += 1
        while end > start and ent.doc[end - 1].is_space:
            end -= 1
        if start >= end or any(i in taken for i in range(start, end)):
            continue
        end = _before_open_bracket(ent.doc, start, end, forms)
        first = ent.doc[start]
        if end - start == 1 and first.is_sent_start and (first.is_stop or first.pos_ != "PROPN"):
            continue  # "Next," at the start of a sentence is not a name
        if end - start == 1 and first.text.isupper() and len(first.text) > 5:
            continue  # a shouted word ("ATTACKER"), not an acronym
        out.append(Piece("ner", start, end, label=ent.label_))
    return out


def _before_open_bracket(doc, start: int, end: int, forms: list[str] | None = None) -> int:
    """The end of a name that runs into an unclosed bracket: "United Nations Observer Mission in
    Angola (MONUA" stops before "(" (the acronym is a mention of its own). ``forms`` (the Doc's
    token forms, optional) find a name without a bracket without making its Tokens."""
    if forms is not None and "(" not in forms[start + 1 : end]:
        return end
    for i in range(start + 1, end):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i + 1 : end]):
            end = i
            while end > start + 1 and doc[end - 1].is_punct:
                end -= 1
            return end
    return end


def drop_partial_names(pieces: list[Piece], ents: list[Span], lexicon: Lexicon) -> list[Piece]:
    """Drop a dictionary person matched on part of a longer name: "Hassan" in "Omar Hassan
    al-Bashir" is not King Hassan. The NER person goes on to the right of the match with more
    name words (a first name before it, "Vladimir Putin" for PUTIN, is fine; "II" and "Jr" are
    no further name)."""
    people = People(ents)
    if not people:
        return pieces
    kept = []
    for piece in pieces:
        if piece.kind == "actor" and lexicon.actors[piece.index].kind == "person":
            ent = people.containing(piece.start, piece.end)
            if ent is not None:
                after = [t for t in ent.doc[piece.end : ent.end] if t.is_alpha]
                if any(t.lower_ not in ("ii", "iii", "iv", "jr", "sr") for t in after):
                    continue
        kept.append(piece)
    return kept


def label_people(pieces: list[Piece], ents: list[Span]) -> None:
    """Mark dictionary pieces the NER calls a PERSON (many entries carry no dates to tell)."""
    people = People(ents)
    for piece in pieces:
        if piece.kind == "actor" and people.overlaps(piece.start, piece.end):
            piece.label = "PERSON"


class People:
    """The PERSON entities of a sentence, searchable by token position in O(log n).

    Entities from ``doc.ents`` are sorted and never overlap, so the one entity that can contain
    or overlap a token range is found by bisection; other entity lists fall back to a scan.
    """

    def __init__(self, ents: list[Span]) -> None:
        self.ents = [e for e in ents if e.label_ == "PERSON"]
        self.starts = [e.start for e in self.ents]
        self.ordered = all(a.end <= b.start for a, b in pairwise(self.ents))

    def __bool__(self) -> bool:
        return bool(self.ents)

    def _last_starting_before(self, position: int) -> Span | None:
        """The last entity whose start is below ``position`` (entities in order only)."""
        k = bisect_left(self.starts, position)
        return self.ents[k - 1] if k else None

    def containing(self, start: int, end: int) -> Span | None:
        """The first entity with ``e.start <= start`` and ``end < e.end``."""
        if not self.ordered:
            return next((e for e in self.ents if e.start <= start and end < e.end), None)
        ent = self._last_starting_before(start + 1)
        return ent if ent is not None and end < ent.end else None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether an entity has ``e.start < end`` and ``start < e.end``."""
        if not self.ordered:
            return any(e.start < end and start < e.end for e in self.ents)
        ent = self._last_starting_before(end)
        return ent is not None and start < ent.end


def named_organisations(pieces: list[Piece], ents: list[Span], lexicon: Lexicon) -> list[Piece]:
    """Replace the pieces inside an NER organisation name that holds a country word and other
    words ("Nigerian Union of Teachers", "Montenegro Assembly") by one "org" piece: the mention
    is the whole organisation, its country the one named, its sector an agent noun inside it.

    Linear in the sentence (plus a binary search per organisation): pieces from
    :func:`find_pieces` are sorted and do not overlap, so the pieces inside a name are one run
    found by bisection, and only the pieces just before each edge can straddle it. Entities do
    not overlap either, so a replacement never changes the decision for a later organisation and
    all replacements are applied in one pass at the end.
    """
    if not _sorted_and_disjoint(pieces):
        return _named_organisations_general(pieces, ents, lexicon)
    starts = [p.start for p in pieces]
    replacements: list[tuple[int, int, Piece]] = []  # (first piece, end piece, org), in order
    last_end = -1
    for ent in ents:
        if ent.label_ != "ORG":
            continue
        if ent.start < last_end:  # overlapping entities: only the general search is exact
            return _named_organisations_general(pieces, ents, lexicon)
        last_end = ent.end
        start, end = _organisation_bounds(ent)
        first = bisect_left(starts, start)
        if first > 0 and pieces[first - 1].end > start:
            continue  # a piece straddles the start
        stop = first
        while stop < len(pieces) and pieces[stop].end <= end:
            stop += 1
        if stop == first:
            continue  # nothing inside
        if stop < len(pieces) and pieces[stop].start < end:
            continue  # a piece straddles the end
        org = _organisation(pieces[first:stop], start, end, lexicon)
        if org is not None:
            replacements.append((first, stop, org))
    if not replacements:
        return list(pieces)
    out: list[Piece] = []
    done = 0
    for first, stop, org in replacements:
        out.extend(pieces[done:first])
        out.append(org)
        done = stop
    out.extend(pieces[done:])
    return out


def _organisation_bounds(ent: Span) -> tuple[int, int]:
    """The organisation name's tokens: without a leading "the" and trailing punctuation or 's."""
    start = ent.start + (1 if ent.doc[ent.start].lower_ == "the" else 0)
    end = _before_open_bracket(ent.doc, start, ent.end)
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS"):
        end -= 1
    return start, end


def _organisation(inside: list[Piece], start: int, end: int, lexicon: Lexicon) -> Piece | None:
    """The "org" piece for a name covering ``inside``, or None when the name does not qualify."""
    first = inside[0]
    if (
        first.start == start
        and first.kind == "actor"
        and lexicon.actors[first.index].kind != "person"
        and _igo(lexicon, first.index)
        and first.end < end
    ):
        # "United Nations Observer Mission in Angola": a body of an IGO is the IGO
        agents = [p for p in inside if p.kind == "agent"]
        return Piece("org", start, end, first.index, agent=agents[-1].index if agents else -1)
    covered = sum(p.end - p.start for p in inside)
    countries = [
        p
        for p in inside
        if p.kind == "actor" and lexicon.actors[p.index].kind in ("country", "capital")
    ]
    if len(countries) != 1 or covered >= end - start or countries[0].end == end:
        return None  # "Radical French": the name must go on after the country word
    agents = [p for p in inside if p.kind == "agent"]
    return Piece("org", start, end, countries[0].index, agent=agents[-1].index if agents else -1)


def _igo(lexicon: Lexicon, index: int) -> bool:
    codes = lexicon.actors[index].codes
    return bool(codes) and all(code.upper().startswith("IGO") for code, _, _ in codes)


def _sorted_and_disjoint(pieces: list[Piece]) -> bool:
    """Whether ``pieces`` are non-empty, in order and without overlap (as find_pieces gives)."""
    return all(p.start < p.end for p in pieces) and all(
        a.end <= b.start for a, b in pairwise(pieces)
    )


def _named_organisations_general(
    pieces: list[Piece], ents: list[Span], lexicon: Lexicon
) -> list[Piece]:
    """:func:`named_organisations` for overlapping pieces or entities (never produced by the
    pipeline): a scan of all pieces per organisation."""
    for ent in ents:
        if ent.label_ != "ORG":
            continue
        start, end = _organisation_bounds(ent)
        inside = [p for p in pieces if start <= p.start and p.end <= end]
        if not inside or any(p.start < start < p.end or p.start < end < p.end for p in pieces):
            continue
        org = _organisation(inside, start, end, lexicon)
        if org is not None:
            pieces = [p for p in pieces if p not in inside] + [org]
    return sorted(pieces, key=lambda p: p.start)


def token_forms(doc, text: str | None = None) -> list[str]:
    """The normalized form of every token, sliced by the tokens' offsets from ``text`` (the
    article text the Doc was parsed from) or else ``doc.text``: no Token objects are made, which
    is most of the cost of walking a Doc in Python."""
    return DocTokens.of(doc, text).forms
