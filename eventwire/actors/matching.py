"""Finding dictionary phrases in a parsed sentence: longest match, left to right, by dict lookups.

At each token the candidate lengths run from the longest phrase that starts with that token's
form down to one, so the work per token is bounded by the longest phrase, never by the number of
entries. Actor phrases (proper names) must look like names in the text: at least one capitalised
or numeric token, and a one-token phrase of at most three letters (US, EU, UN, AU, PM) must be
written in capitals. Agent phrases (common nouns) match in any case.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LENGTH

from eventwire.actors.lexicon import Lexicon, normalize

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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


def _looks_like_name(tokens: list[Token]) -> bool:
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return False
    if len(tokens) == 1:
        text = tokens[0].text
        if len(text) <= 3 and text.isalpha() and not text.isupper():
            return False
    return True


def _short_acronym_ok(tokens: list[Token]) -> bool:
    if len(tokens) == 1:
        text = tokens[0].text
        if len(text) <= 3 and text.isalpha() and not text.isupper():
            return False
    return True


def find_pieces(sentence: Span, forms: list[str], lexicon: Lexicon) -> list[Piece]:
    """Longest non-overlapping actor/agent matches in one sentence.

    ``forms`` are the normalized token forms of the whole Doc (computed once per document).
    """
    pieces: list[Piece] = []
    doc = sentence.doc
    i = sentence.start
    end = sentence.end
    phrases, agent_phrases = lexicon.phrases, lexicon.agent_phrases
    while i < end:
        form = forms[i]
        if form == "the" and i + 1 < end:
            # "the West Bank": a match after the article wins over one that includes it
            ahead = _longest_actor(doc, forms, i + 1, end, lexicon)
            with_article = _longest_actor(doc, forms, i, end, lexicon)
            if ahead is not None and (with_article is None or ahead.end >= with_article.end):
                i += 1
                continue
        best: Piece | None = None
        longest = min(lexicon.max_len.get(form, 0), end - i)
        for length in range(longest, 0, -1):
            key = " ".join(forms[i : i + length]) if length > 1 else form
            index = phrases.get(key)
            if index is not None and _looks_like_name(list(doc[i : i + length])):
                best = Piece("actor", i, i + length, index)
                break
        longest_agent = min(lexicon.agent_max_len.get(form, 0), end - i)
        if best is None or longest_agent > best.end - best.start:
            for length in range(longest_agent, 0, -1):
                if best is not None and length <= best.end - best.start:
                    break
                key = " ".join(forms[i : i + length]) if length > 1 else form
                found = agent_phrases.get(key)
                if (
                    found is not None
                    and _short_acronym_ok(list(doc[i : i + length]))
                    and (key not in CAPITALISED_AGENTS or doc[i].text[:1].isupper())
                ):
                    best = Piece("agent", i, i + length, found[0], plural=bool(found[1]))
                    break
        if best is None:
            i += 1
            continue
        if best.kind == "actor" and best.end - best.start > 1 and forms[best.start] == "the":
            best.start += 1  # mentions never start with the article ("the Kremlin" -> "Kremlin")
        if best.kind == "actor" and best.end - best.start == 1 and form in COMPASS_WORDS:
            after = _longest_actor(doc, forms, best.end, end, lexicon) if best.end < end else None
            if after is not None:
                i += 1  # "Western Cambodia": a compass word before a place is not the West
                continue
        pieces.append(best)
        i = best.end
    return pieces


def _longest_actor(doc, forms: list[str], i: int, end: int, lexicon: Lexicon) -> Piece | None:
    for length in range(min(lexicon.max_len.get(forms[i], 0), end - i), 0, -1):
        key = " ".join(forms[i : i + length])
        index = lexicon.phrases.get(key)
        if index is not None and _looks_like_name(list(doc[i : i + length])):
            return Piece("actor", i, i + length, index)
    return None


def ner_pieces(ents: list[Span], taken: set[int]) -> list[Piece]:
    """Named entities (PERSON, ORG, NORP, GPE) that no dictionary piece covers, without "the".

    ``ents`` are the document's entities inside one sentence.
    """
    out = []
    for ent in ents:
        if ent.label_ not in NER_LABELS:
            continue
        start, end = ent.start, ent.end
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
        end = _before_open_bracket(ent.doc, start, end)
        first = ent.doc[start]
        if end - start == 1 and first.is_sent_start and (first.is_stop or first.pos_ != "PROPN"):
            continue  # "Next," at the start of a sentence is not a name
        if end - start == 1 and first.text.isupper() and len(first.text) > 5:
            continue  # a shouted word ("ATTACKER"), not an acronym
        out.append(Piece("ner", start, end, label=ent.label_))
    return out


def _before_open_bracket(doc, start: int, end: int) -> int:
    """The end of a name that runs into an unclosed bracket: "United Nations Observer Mission in
    Angola (MONUA" stops before "(" (the acronym is a mention of its own)."""
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
    if not len(doc):
        return []
    last = doc[-1]
    if text is None or len(text) != last.idx + len(last.text_with_ws):
        text = doc.text
    offsets = doc.to_array([IDX, LENGTH]).tolist()
    return [normalize(text[start : start + length]) for start, length in offsets]
