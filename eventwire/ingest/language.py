"""Is this article in English? A cheap, explainable check before any parsing.

eventwire's model and dictionaries are English; coding another language gives confident nonsense, so
such articles are skipped with a note (E114) instead. The check looks at the letters (the share in
Latin script) and at English function words, which make up about a third of any English running text
and almost none of French, German, Spanish, Russian or Arabic text. Texts in another
script are refused from ``MIN_LETTERS`` letters on; Latin-script texts under ``MIN_WORDS`` words are
let through, as there is too little evidence to refuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 20
MIN_LETTERS = 40  # enough letters to judge the script
MIN_LATIN_SHARE = 0.6
MIN_FUNCTION_SHARE = 0.10
SAMPLE_CHARS = 20_000

FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "might",
        "more",
        "most",
        "must",
        "no",
        "not",
        "of",
        "on",
        "or",
        "other",
        "our",
        "out",
        "over",
        "said",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "under",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class LanguageGuess:
    english: bool
    latin_share: float  # share of letters in Latin script
    function_share: float  # share of words that are English function words
    words: int

    def describe(self) -> str:
        return (
            f"{self.latin_share:.0%} of letters in Latin script, "
            f"{self.function_share:.0%} English function words over {self.words} words"
        )


def guess_english(text: str) -> LanguageGuess:
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250")  # Basic Latin through Latin Extended-B
    latin_share = latin / len(letters) if letters else 1.0
    words = [w.lower() for w in _WORD.findall(sample)]
    function_share = sum(1 for w in words if w in FUNCTION_WORDS) / len(words) if words else 0.0
    latin_ok = len(letters) < MIN_LETTERS or latin_share >= MIN_LATIN_SHARE
    english = latin_ok and (len(words) < MIN_WORDS or function_share >= MIN_FUNCTION_SHARE)
    return LanguageGuess(english, latin_share, function_share, len(words))
