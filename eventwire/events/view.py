"""A per-document view of the parse for the event coder: token attributes read once as arrays.

Creating a spaCy ``Token`` costs far more than reading an integer, and the event coder asks the
same questions of the same tokens many times (is it a verb? which clause surrounds this verb?
how is this word spelled?). ``DocumentView`` answers them from arrays read with ``doc.to_array``
once per document, and remembers per-token answers for the rest of the document.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import DEP, HEAD, LOWER, POS, TAG
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ATTRIBUTES = [POS, TAG, DEP, LOWER]


class DocumentView:
    """Arrays of a document's part-of-speech, tag, dependency, lower case and head per token,
    and memos of per-token results (clause regions, spellings) valid for this document only."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        array = doc.to_array(ATTRIBUTES).reshape(len(doc), len(ATTRIBUTES))
        self.pos = array[:, 0]
        self.tag = array[:, 1]
        self.dep = array[:, 2]
        self.lower = array[:, 3]
        # HEAD holds offsets as unsigned integers: read them signed, as absolute indices
        offsets = doc.to_array(HEAD).reshape(len(doc)).astype(numpy.int64)
        self.heads: list[int] = (offsets + numpy.arange(len(doc))).tolist()
        self._strings = doc.vocab.strings
        self._found: dict[tuple, list[int]] = {}
        self._lists: dict[str, list] = {}
        # per-token results the event coder reads many times, for this document only
        self.regions: dict[tuple[int, bool], list[Token]] = {}
        self.spellings: dict[int, tuple[str, str]] = {}
        self.subjects: dict[int, list[Token]] = {}

    # -- structure --------------------------------------------------------------------------------
    @property
    def children(self) -> list[list[int]]:
        """Each token's children (indices, in order: ``Token.children`` without the tokens)."""
        found = self._lists.get("children")
        if found is None:
            found = [[] for _ in self.heads]
            for i, head in enumerate(self.heads):
                if head != i:
                    found[head].append(i)
            self._lists["children"] = found
        return found

    @property
    def dep_ids(self) -> list[int]:
        """Each token's dependency label id (compare with ``string_ids`` of labels)."""
        found = self._lists.get("dep_ids")
        if found is None:
            found = self._lists["dep_ids"] = self.dep.tolist()
        return found

    @property
    def pos_ids(self) -> list[int]:
        """Each token's part-of-speech id (compare with ``get_string_id("VERB")``)."""
        found = self._lists.get("pos_ids")
        if found is None:
            found = self._lists["pos_ids"] = self.pos.tolist()
        return found

    @property
    def lower_ids(self) -> list[int]:
        """Each token's lower-case string id (compare with ``get_string_id("for")``)."""
        found = self._lists.get("lower_ids")
        if found is None:
            found = self._lists["lower_ids"] = self.lower.tolist()
        return found

    # -- candidate tokens -------------------------------------------------------------------------
    def verb_candidates(self, start: int, end: int, skip_deps: frozenset[str]) -> list[int]:
        """Indices in ``start``..``end - 1`` of tokens tagged as verbs (part of speech VERB or a
        VB* tag) whose dependency is not one of ``skip_deps``, in order."""
        key = ("verbs", skip_deps)
        found = self._found.get(key)
        if found is None:
            verb_tags = [t for t in set(self.tag.tolist()) if self._strings[t].startswith("VB")]
            mask = self.pos == get_string_id("VERB")
            for tag in verb_tags:
                mask |= self.tag == tag
            for dep in {get_string_id(d) for d in skip_deps}:
                mask &= self.dep != dep
            found = self._found[key] = numpy.flatnonzero(mask).tolist()
        return found[bisect_left(found, start) : bisect_left(found, end)]

    def noun_candidates(self, start: int, end: int, lower_ids: frozenset[int]) -> list[int]:
        """Indices in ``start``..``end - 1`` of nouns and proper nouns whose lower case is one of
        ``lower_ids`` (from ``string_ids``), in order."""
        key = ("nouns", lower_ids)
        found = self._found.get(key)
        if found is None:
            nouns = (self.pos == get_string_id("NOUN")) | (self.pos == get_string_id("PROPN"))
            lower = self.lower_ids
            found = [i for i in numpy.flatnonzero(nouns).tolist() if lower[i] in lower_ids]
            self._found[key] = found
        return found[bisect_left(found, start) : bisect_left(found, end)]


def descends_from(heads: list[int], descendant: int, ancestor: int) -> bool:
    """``doc[ancestor].is_ancestor(doc[descendant])`` read from the head index of every token,
    without creating tokens."""
    position = descendant
    for _ in range(len(heads)):
        head = heads[position]
        if head == position:
            return False
        if head == ancestor:
            return True
        position = head
    return False


def string_ids(strings: Iterable[str]) -> frozenset[int]:
    """The ids spaCy stores the strings under in token attributes (symbols keep their own)."""
    return frozenset(get_string_id(s) for s in strings)
