"""The token texts, normalized forms and character offsets of one parsed document, made once.

Walking a spaCy ``Doc`` in Python creates a ``Token`` object per access (``doc[i]``, ``doc[a:b]``,
``span.text``), which is most of the cost of a dictionary stage. The actor stage reads the
tokens' offsets once with ``Doc.to_array`` and slices everything else from the article text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LENGTH

from eventwire.actors.lexicon import normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Characters whose lower case is not one character of its own: "İ" lowers to two characters and
# "Σ" to "ς" or "σ" by its neighbours. A text without them lowers character by character, so the
# lower-cased text can be sliced by the tokens' offsets.
_CONTEXTUAL_LOWER = ("\u0130", "\u03a3")


class TokenTexts:
    """``texts[i] == doc[i].text``, sliced from the text when asked (most are never read)."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    def __getitem__(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def __len__(self) -> int:
        return len(self.starts)


@dataclass(frozen=True)
class DocTokens:
    """Per-token strings of ``doc``, indexed like the Doc: ``texts[i] == doc[i].text`` and
    ``forms[i] == normalize(doc[i].text)``; ``starts``/``ends`` are character offsets."""

    doc: Doc
    text: str
    forms: list[str]
    starts: list[int]
    ends: list[int]

    @property
    def texts(self) -> TokenTexts:
        return TokenTexts(self.text, self.starts, self.ends)

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> DocTokens:
        """The tables of ``doc``, sliced from ``text`` (the article text the Doc was parsed from,
        which saves building ``doc.text``) when its length fits the Doc, else from ``doc.text``."""
        if not len(doc):
            return cls(doc, doc.text, [], [], [])
        last = doc[-1]
        if text is None or len(text) != last.idx + len(last.text_with_ws):
            text = doc.text
        offsets = doc.to_array([IDX, LENGTH])
        starts = offsets[:, 0].tolist()
        ends = (offsets[:, 0] + offsets[:, 1]).tolist()
        if any(char in text for char in _CONTEXTUAL_LOWER):
            pairs = zip(starts, ends, strict=True)
            forms = [normalize(text[start:end]) for start, end in pairs]
        else:
            lowered = normalize(text)
            forms = [lowered[start:end] for start, end in zip(starts, ends, strict=True)]
        return cls(doc, text, forms, starts, ends)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the Span."""
        if end <= start:
            return ""
        return self.text[self.starts[start] : self.ends[end - 1]]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """``(start_char, end_char)`` of the tokens ``start:end`` (non-empty)."""
        return self.starts[start], self.ends[end - 1]
