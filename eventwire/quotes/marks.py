"""Finding quoted passages by their quotation marks, robust to messy typography.

Works on the characters of ``article.text`` (no parse needed) and returns :class:`QuoteSegment`s:
the content between an opening and a closing mark, as character offsets, without the marks.

What it handles:

- every common mark: straight ``"`` and ``'``, curly “ ” ‘ ’, low „ ‚, guillemets « » ‹ › (also
  the reversed » « order); marks of one *family* pair with each other (“…", „…“ and "…" all close);
- apostrophes versus single quotes: a ’ or ' between two letters (Russia’s, don't) is an
  apostrophe, and a closing single mark only closes when a single quote is open (so "the allies'
  plan" is safe); a straight " between two letters is a mangled apostrophe (haven"t);
- nesting: a single-quoted phrase inside a double-quoted passage is an inner segment (depth 1),
  not a quote of its own;
- quotes over several paragraphs: an opening mark that starts a sentence and is not closed by the
  end of its paragraph, followed by a paragraph that starts with an opening mark of the same
  family, continues there (the news convention); the segment then has one piece per paragraph;
- unbalanced marks: a stray closing mark is ignored; an opening mark never closed yields an
  *unclosed* segment running to the end of the paragraph (or to the next mark of its family), so
  one odd mark never swallows or loses the other quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OPEN, CLOSE = "open", "close"

# character -> family. Marks of one family pair with each other.
FAMILY = {
    "“": "double",
    "”": "double",
    '"': "double",
    "„": "double",
    "‟": "double",
    "«": "guillemet",
    "»": "guillemet",
    "‹": "single_guillemet",
    "›": "single_guillemet",
    "‘": "single",
    "’": "single",
    "'": "single",
    "‚": "single",
}
QUOTE_CHARS = frozenset(FAMILY)
MIN_RUNNING_WORDS = 3  # a quote running on into the next paragraph has at least this many words
OPENING_CONTEXT = set(" \t\n([{<–—-/") | QUOTE_CHARS


@dataclass
class QuoteSegment:
    """One quoted passage. ``start``/``end`` bound the content without marks (may cover several
    paragraphs; ``pieces`` then holds one ``(start, end)`` per paragraph)."""

    start: int
    end: int
    family: str
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when never closed
    depth: int = 0  # 0 for a top-level passage, 1+ when inside another quote
    pieces: list[tuple[int, int]] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    @property
    def outer_start(self) -> int:
        return self.open_mark

    @property
    def outer_end(self) -> int:
        return (self.close_mark + 1) if self.close_mark is not None else self.end


def _is_word(char: str) -> bool:
    return char.isalnum()


def _classify(char: str, prev: str, nxt: str, open_families: list[str]) -> str | None:
    """OPEN, CLOSE or None (an apostrophe or a mark that cannot be placed)."""
    family = FAMILY[char]
    is_open = family in open_families
    low_open = False
    if char in "“" and is_open:
        low_open = True  # „…“ (German layout) or a mistyped closing mark
    if char in "’'‘" and _is_word(prev) and _is_word(nxt):
        return None  # apostrophe inside a word: Russia’s, don't
    if char in "„‚":
        return OPEN if not _is_word(prev) else None
    if char in "«‹":
        if is_open and not _is_word(nxt) and prev not in " \t\n":
            return CLOSE  # reversed »…« layout
        return OPEN
    if char in "»›":
        if is_open:
            return CLOSE
        return OPEN if prev in " \t\n" or not prev else None
    if char == "“":
        if low_open and prev not in " \t\n" and not _is_word(nxt):
            return CLOSE
        return OPEN
    if char == "”":
        if is_open:
            return CLOSE
        if (not prev or prev in OPENING_CONTEXT) and (_is_word(nxt) or nxt in "‘'"):
            return OPEN  # ” used as an opening mark
        return None  # stray closing mark
    if char == '"':
        if _is_word(prev) and _is_word(nxt):
            return None  # a mangled apostrophe: haven"t
        if (not prev or prev in OPENING_CONTEXT) and nxt not in " \t\n":
            return OPEN
        if prev not in " \t\n" and (not nxt or not _is_word(nxt)):
            return CLOSE if is_open else None
        return CLOSE if is_open else OPEN
    # single marks: ‘ ’ '
    if char == "‘":
        if is_open and prev not in " \t\n" and not _is_word(nxt):
            return CLOSE  # mistyped closing mark
        return OPEN if (_is_word(nxt) or nxt in '“"') else None
    # ’ and '
    if (not prev or prev in OPENING_CONTEXT) and _is_word(nxt):
        # ’90s, 'em are apostrophes; an opening quote otherwise. An unclosed single is dropped.
        return OPEN
    if is_open and prev not in " \t\n" and not _is_word(nxt):
        return CLOSE
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its newline."""
    spans = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _opens_sentence(text: str, paragraph_start: int, mark: int) -> bool:
    """Whether an opening mark starts a sentence (paragraph start, or after . : ? ! and a space).
    Only such a mark may open a quote that runs on into the next paragraph; an unclosed mark in
    mid-sentence is a typo ("her position “untenable.")."""
    before = text[paragraph_start:mark].rstrip()
    return not before or before[-1] in ".:?!" or before[-1] in QUOTE_CHARS


def _first_mark(text: str, start: int, end: int) -> str | None:
    """The quote mark a paragraph starts with (after whitespace), if any."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    return text[i] if i < end and text[i] in QUOTE_CHARS else None


@dataclass
class _Open:
    family: str
    mark: int
    content_start: int
    pieces: list[tuple[int, int]] = field(default_factory=list)


def find_quote_segments(text: str) -> list[QuoteSegment]:
    """All quoted passages in ``text``, top-level and nested, sorted by start. Never raises on
    unbalanced marks."""
    segments: list[QuoteSegment] = []
    paragraphs = _paragraphs(text)
    carried: _Open | None = None  # a quote running on from the previous paragraph

    for p_index, (p_start, p_end) in enumerate(paragraphs):
        stack: list[_Open] = []
        skip_mark_at: int | None = None
        if carried is not None:
            # the continuing paragraph starts with an opening mark: skip it, resume the quote
            i = p_start
            while i < p_end and text[i].isspace():
                i += 1
            skip_mark_at = i
            carried.content_start = i + 1
            stack.append(carried)
            carried = None

        for i in range(p_start, p_end):
            char = text[i]
            if char not in QUOTE_CHARS or i == skip_mark_at:
                continue
            prev = text[i - 1] if i > p_start else ""
            nxt = text[i + 1] if i + 1 < p_end else ""
            role = _classify(char, prev, nxt, [o.family for o in stack])
            if role == OPEN:
                family = FAMILY[char]
                if stack and stack[-1].family == family and family != "single":
                    # same family cannot nest: the previous opening mark was never closed
                    _emit_unclosed(text, stack.pop(), i, len(stack), segments)
                stack.append(_Open(family, i, i + 1))
            elif role == CLOSE:
                family = FAMILY[char]
                where = next(
                    (k for k in range(len(stack) - 1, -1, -1) if stack[k].family == family), None
                )
                if where is None:
                    continue  # stray closing mark: ignore it, keep the rest
                for inner in stack[where + 1 :]:
                    if inner.family != "single":
                        _emit_unclosed(text, inner, i, where + 1, segments)
                opened = stack[where]
                del stack[where:]
                start, end = _trim(text, opened.content_start, i)
                pieces = [*opened.pieces, (start, end)] if end > start else list(opened.pieces)
                if pieces:
                    segments.append(
                        QuoteSegment(
                            start=pieces[0][0],
                            end=pieces[-1][1],
                            family=family,
                            open_mark=opened.mark,
                            close_mark=i,
                            depth=where,
                            pieces=pieces,
                        )
                    )

        # paragraph end: carry a top-level quote into the next paragraph, or close it unclosed
        if stack:
            bottom = stack[0]
            following = next(
                ((s, e) for s, e in paragraphs[p_index + 1 :] if text[s:e].strip()), None
            )
            next_mark = _first_mark(text, *following) if following else None
            continues = (
                bottom.family != "single"
                and _opens_sentence(text, p_start, bottom.mark)
                and (
                    bool(bottom.pieces)
                    or len(text[bottom.content_start : p_end].split()) >= MIN_RUNNING_WORDS
                )
                and next_mark is not None
                and FAMILY[next_mark] == bottom.family
                and not any(o.family == bottom.family for o in stack[1:])
            )
            if continues:
                start, end = _trim(text, bottom.content_start, p_end)
                if end > start:
                    bottom.pieces.append((start, end))
                carried = bottom
                for inner in stack[1:]:
                    if inner.family != "single":
                        _emit_unclosed(text, inner, p_end, 1, segments)
            else:
                for depth, opened in enumerate(stack):
                    if opened.family != "single":
                        _emit_unclosed(text, opened, p_end, depth, segments)
    if carried is not None:  # text ended inside a continued quote
        _emit_unclosed(text, carried, len(text), 0, segments)
    segments.sort(key=lambda s: (s.start, -s.end))
    return segments


def _emit_unclosed(
    text: str, opened: _Open, end: int, depth: int, segments: list[QuoteSegment]
) -> None:
    start, stop = _trim(text, opened.content_start, end)
    pieces = [*opened.pieces, (start, stop)] if stop > start else list(opened.pieces)
    if not pieces:
        return
    segments.append(
        QuoteSegment(
            start=pieces[0][0],
            end=pieces[-1][1],
            family=opened.family,
            open_mark=opened.mark,
            close_mark=None,
            depth=depth,
            pieces=pieces,
        )
    )


def top_level(segments: list[QuoteSegment]) -> list[QuoteSegment]:
    """Segments not inside another segment."""
    return [s for s in segments if s.depth == 0]
