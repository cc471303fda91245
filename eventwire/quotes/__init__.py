"""Quotations: direct, indirect and mixed reported speech, with speakers resolved to actors.

``QuoteExtractor(nlp)`` is the pipeline stage (``requires=("doc", "actors")``,
``assigns=("quotes",)``).
:mod:`~eventwire.quotes.marks` finds quoted passages by their marks, :mod:`~eventwire.quotes.cues`
finds speech cues on the parse, :mod:`~eventwire.quotes.speakers` resolves who spoke, and
:mod:`~eventwire.quotes.extractor` joins them.
"""

from eventwire.quotes.extractor import QuoteExtractor
from eventwire.quotes.marks import QuoteSegment, find_quote_segments

__all__ = ["QuoteExtractor", "QuoteSegment", "find_quote_segments"]
