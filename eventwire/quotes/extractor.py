"""The quotes stage: reported speech with its cue and its speaker resolved to an actor.

Two sources of evidence are combined on the one parse in ``document.doc``:

- quotation marks (:mod:`eventwire.quotes.marks`), found on the raw text so that unbalanced or
  exotic marks never depend on the tokenizer;
- speech cues on the dependency parse (:mod:`eventwire.quotes.cues`), each with its subject and the
  clause it reports.

A cue whose reported clause overlaps quoted passages takes them in: the content is then the union
(so a quote running over several sentences or paragraphs is one record), and its ``kind`` is
``direct`` when every word of the content is inside quotation marks, ``mixed`` when some are
("He “reiterated the importance of ...”"), ``indirect`` when none are.

Quoted passages no cue reached are attributed by layout, in this order: a cue right after the
closing mark ("“...,” said X", also read on the raw characters when the tokenizer glued the verb to
a mark); a cue right before the opening mark ("X said: “...”"); a dash and a name after the quote
(press releases); a colon ending the previous paragraph (a block quote); a short name and a colon
opening the sentence ("Berlin: “...”", headlines); a bare quote sentence or paragraph continuing
the previous speaker. What is left is a scare quote or a title (short, no cue): it is not output,
unless it is a long bare sentence, kept as an unattributed direct quote.

Finally "he"/"she" speakers in a run of quotes take the person quoted just before.

Direct quote spans are the content *without* the quotation marks (and without a trailing comma).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.doc import Quote
from eventwire.quotes.cues import Cue, find_cues, speech_candidates
from eventwire.quotes.marks import QuoteSegment, find_quote_segments, top_level
from eventwire.quotes.speakers import (
    PERSON_PRONOUNS,
    ActorIndex,
    Speaker,
    resolve_speaker,
    speaker_from_tokens,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from eventwire.doc import Document

WORD = re.compile(r"\w+")
DASHES = "–—―-"
MIN_UNATTRIBUTED_WORDS = 8  # an uncued quote this long and with a verb is speech, not a scare quote
MIN_INDIRECT_WORDS = 2
WEAK_CUES = frozenset(("suggest", "indicate", "estimate", "assess", "conclude", "show"))
MAX_CUE_DISTANCE = 8  # tokens between a closing mark and the cue after it
MAX_LEAD_DISTANCE = 5  # tokens between a cue and the opening mark after it
INVERTED_CUE = re.compile(
    r"[\s,.?!:;\u2013\u2014-]{0,4}(said|says|added|adds|told|asked|asks|wrote|explained|insisted|"
    r"warned|continued|replied|recalled)\s+(?=[A-Z])"
)
MAX_LABEL_TOKENS = 4  # "EU foreign policy chief:" before a headline quote
CONTINUATION_PARAGRAPHS = 2  # how far back a bare quote paragraph looks for its speaker
CONTINUATION_SENTENCES = 4  # ... and in sentences (articles without paragraph breaks)


@dataclass
class _Context:
    document: Document
    text: str
    segments: list[QuoteSegment]
    used: set[int]
    token_starts: list[int]
    sentences: list[Span]
    paragraph_starts: list[int]
    actors: ActorIndex = field(init=False)  # built once: lookups per quote stay cheap
    sentence_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.actors = ActorIndex(self.document)
        self.sentence_starts = [s.start for s in self.sentences]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or next after) character ``char``."""
        index = bisect.bisect_right(self.token_starts, char) - 1
        return max(index, 0)

    def sentence_of(self, char: int) -> int:
        index = self.token_at(char)
        return max(bisect.bisect_right(self.sentence_starts, index) - 1, 0)

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1


class QuoteExtractor:
    """Fills ``document.quotes``. ``QuoteExtractor(nlp)(document)``; never raises on one
    sentence."""

    name = "quotes"
    requires = ("doc", "actors")
    assigns = ("quotes",)

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp  # kept for the stage interface; the stage reads the existing parse only

    def __call__(self, document: Document) -> None:
        doc = document.doc
        if doc is None:
            return
        text = document.article.text
        try:
            segments = top_level(find_quote_segments(text))
        except Exception as exc:  # never lose the article over quotation marks
            document.add_error("E401", f"quotes: quotation marks: {type(exc).__name__}: {exc}")
            segments = []
        context = _Context(
            document=document,
            text=text,
            segments=segments,
            used=set(),
            token_starts=_token_starts(doc),
            sentences=list(doc.sents),
            paragraph_starts=[0] + [m.end() for m in re.finditer("\n", text)],
        )
        quotes: list[Quote] = []
        cues_by_sentence: list[list[Cue]] = []
        candidates = speech_candidates(doc)
        for index, sentence in enumerate(context.sentences):
            try:
                cues = find_cues(sentence, candidates)
                cues_by_sentence.append(cues)
                for cue in cues:
                    quote = _quote_from_cue(context, cue, index)
                    if quote is not None:
                        quotes.append(quote)
            except Exception as exc:
                cues_by_sentence.append([])
                document.add_error(
                    "E401", f"quotes: sentence {index}: {type(exc).__name__}: {exc}", index
                )
        for number, segment in enumerate(segments):
            if number in context.used:
                continue
            try:
                quote = _quote_from_layout(context, segment, cues_by_sentence, quotes)
            except Exception as exc:
                sentence_index = context.sentence_of(segment.start)
                document.add_error(
                    "E401",
                    f"quotes: quote at {segment.start}: {type(exc).__name__}: {exc}",
                    sentence_index,
                )
                continue
            if quote is not None:
                quotes.append(quote)
                quotes.sort(key=lambda q: q.span)
        quotes = _dedupe(quotes)
        try:
            _carry_pronoun_speakers(context, quotes)
        except Exception as exc:
            document.add_error("E401", f"quotes: pronoun speakers: {type(exc).__name__}: {exc}")
        document.quotes = quotes


# -- quotes found from a cue ----------------------------------------------------------------------


def _inside(segment: QuoteSegment, char: int) -> bool:
    return segment.outer_start < char < segment.outer_end


def _quote_from_cue(context: _Context, cue: Cue, sentence_index: int) -> Quote | None:
    text = context.text
    head_char = cue.start_char
    container = next((s for s in context.segments if _inside(s, head_char)), None)
    subject = cue.subject
    cue_opens_quote = False
    if container is not None:
        # speech reported inside a quotation is part of that quotation, unless the quotation starts
        # with the cue and its subject stands outside ("He “reiterated the importance ...”")
        if subject is None or _inside(container, subject.idx):
            return None
        if text[container.start : head_char].strip():
            return None
        cue_opens_quote = True
    if not cue.content:
        return None
    start = cue.content[0].idx
    end = cue.content[-1].idx + len(cue.content[-1].text)
    if start >= end:
        return None
    same_side = [
        (n, s)
        for n, s in enumerate(context.segments)
        if s.outer_start < end
        and s.outer_end > start
        and ((s.outer_start >= cue.end_char) == (start >= cue.end_char) or s is container)
    ]
    kind = "indirect"
    if same_side and start < cue.start_char:
        # “...,” Al Jazeera's Qais Azimy, reporting from Kabul, said: a quotation closed by a
        # comma ends the content; what follows up to the cue is the speaker, whatever the parse
        last = max((s for _, s in same_side), key=lambda s: s.outer_end)
        closing = (
            text[last.end : last.outer_end] + text[last.outer_end : cue.start_char].lstrip()[:1]
        )
        if "," in closing and end > last.outer_end:
            end = last.end
    if same_side:
        seg_start = min(s.start for _, s in same_side)
        seg_end = max(s.end for _, s in same_side)
        if cue_opens_quote:
            seg_start = max(seg_start, cue.end_char)
        outside_words = _word_outside(text, start, end, [s for _, s in same_side])
        new_start, new_end = min(start, seg_start), max(end, seg_end)
        if cue_opens_quote:
            new_start = max(new_start, cue.end_char)
            while new_start < new_end and text[new_start].isspace():
                new_start += 1
        start, end = new_start, new_end
        kind = "mixed" if outside_words or cue_opens_quote else "direct"
        if kind == "direct":
            start, end = seg_start, seg_end
        context.used.update(n for n, _ in same_side)
    else:
        words = len(WORD.findall(text, start, end))
        if cue.subject is None or words < MIN_INDIRECT_WORDS:
            return None
        if cue.rule == "object" and words < 4:
            return None
    if (
        kind == "indirect"
        and cue.head.lemma_.lower() in WEAK_CUES
        and not _can_speak(context, subject)
    ):
        return None  # "initial estimations suggest that ...", "figures indicate ..."
    speaker = None
    if subject is not None and not (start <= subject.idx < end):
        speaker = resolve_speaker(
            context.document, subject, within=cue.speaker_bounds, actors=context.actors
        )
    return _make_quote(context, start, end, kind, cue, speaker, sentence_index, f"cue:{cue.rule}")


def _token_starts(doc: Doc) -> list[int]:
    """Every token's character offset, read as one array."""
    from spacy.attrs import IDX

    return doc.to_array([IDX]).tolist() if len(doc) else []


def _word_outside(text: str, start: int, end: int, segments: list[QuoteSegment]) -> bool:
    """Whether a word of ``text[start:end]`` starts outside every segment's marks (a word search
    once, then one bisection per word over the segments' merged extents)."""
    merged: list[list[int]] = []
    for low, high in sorted((s.outer_start, s.outer_end) for s in segments):
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    lows = [low for low, _ in merged]
    for match in WORD.finditer(text, start, end):
        at = match.start()
        k = bisect.bisect_right(lows, at) - 1
        if k < 0 or at >= merged[k][1]:
            return True
    return False


def _can_speak(context: _Context, subject: Token | None) -> bool:
    """Whether a subject can be a speaker: a person, an organisation, a pronoun or a name."""
    if subject is None:
        return False
    return (
        subject.pos_ in ("PRON", "PROPN")
        or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or context.actors.covering(subject) is not None
    )


def _make_quote(
    context: _Context,
    start: int,
    end: int,
    kind: str,
    cue: Cue | _RawCue | None,
    speaker: Speaker | None,
    sentence_index: int,
    rule: str,
) -> Quote:
    text = context.text
    cue_span = (cue.start_char, cue.end_char) if cue is not None else None
    return Quote(
        text=text[start:end],
        span=(start, end),
        kind=kind,  # type: ignore[arg-type]
        cue=text[cue_span[0] : cue_span[1]] if cue_span else None,
        cue_span=cue_span,
        speaker=speaker.mention if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_code=speaker.code if speaker else None,
        sentence_index=sentence_index,
        rule=rule,
    )


# -- quoted passages attributed by layout ---------------------------------------------------------


def _quote_from_layout(
    context: _Context,
    segment: QuoteSegment,
    cues_by_sentence: list[list[Cue]],
    quotes: list[Quote],
) -> Quote | None:
    doc = context.document.doc
    text = context.text
    first_sentence = context.sentence_of(segment.outer_start)
    last_sentence = context.sentence_of(max(segment.outer_end - 1, segment.outer_start))

    def direct(cue: Cue | _RawCue | None, speaker: Speaker | None, rule: str) -> Quote:
        return _make_quote(
            context, segment.start, segment.end, "direct", cue, speaker, first_sentence, rule
        )

    def from_cue(cue: Cue, rule: str) -> Quote:
        speaker = (
            resolve_speaker(context.document, cue.subject, actors=context.actors)
            if cue.subject
            else None
        )
        return direct(cue, speaker, rule)

    # 1. a cue right after the closing mark: “...,” said X / “...,” X said
    after = [
        c
        for c in cues_by_sentence[last_sentence]
        if c.start_char >= segment.outer_end and c.subject is not None
    ]
    if after:
        cue = after[0]
        between = doc[context.token_at(segment.outer_end) : cue.head.i]
        words = [t for t in between if not (t.is_punct or t.is_space)]
        subject_part = {t.i for t in cue.subject.subtree} if cue.subject else set()
        if len(words) <= MAX_CUE_DISTANCE and all(
            t.i in subject_part or t.pos_ in ("ADV", "ADP", "NUM", "PROPN") for t in words
        ):
            return from_cue(cue, "layout:cue_after")
    # 1b. "...,” said Name" on the raw text, when the parser missed the verb (glued tokens)
    inverted = _inverted_cue(context, segment)
    if inverted is not None:
        raw_cue, speaker = inverted
        return direct(raw_cue, speaker, "layout:said_name")
    # 2. a cue right before the opening mark: X said: “...” / X told reporters “...”
    before = [
        c
        for c in cues_by_sentence[first_sentence]
        if c.end_char <= segment.outer_start and c.subject is not None
    ]
    if before:
        cue = before[-1]
        between = doc[cue.tokens[-1].i + 1 : context.token_at(segment.outer_start)]
        words = [t for t in between if not (t.is_punct or t.is_space)]
        # "said: “", "said, “", "said “", "told reporters: “" -- not "explains her Oscars ‘...’"
        introduced = not words or text[cue.end_char : segment.outer_start].rstrip()[-1:] in ":,"
        if (
            introduced
            and len(words) <= MAX_LEAD_DISTANCE
            and not any(t.pos_ == "VERB" for t in words)
        ):
            return from_cue(cue, "layout:cue_before")
    paragraph = context.paragraph_of(segment.outer_start)
    starts_paragraph = not text[context.paragraph_starts[paragraph] : segment.outer_start].strip()
    sentence_start = context.sentences[first_sentence].start_char
    starts_sentence = starts_paragraph or not text[sentence_start : segment.outer_start].strip()
    # 3. press release: “...” – Name, role
    dash_speaker = _dash_speaker(context, segment) if starts_sentence else None
    if dash_speaker is not None:
        return direct(None, dash_speaker, "layout:dash")
    # 4. block quote after a paragraph ending in a colon: X said:\n“...”
    if starts_paragraph and paragraph > 0:
        previous_end = context.paragraph_starts[paragraph] - 1
        previous_text = text[context.paragraph_starts[paragraph - 1] : previous_end].rstrip()
        if previous_text.endswith(":"):
            sentence = context.sentence_of(
                context.paragraph_starts[paragraph - 1] + len(previous_text) - 1
            )
            lead = [c for c in cues_by_sentence[sentence] if c.subject is not None]
            if lead:
                return from_cue(lead[-1], "layout:colon")
    # 5. a headline or caption layout: Name: “...”
    label = _label_speaker(context, segment, first_sentence)
    if label is not None:
        return direct(None, label, "layout:label")
    # 6. a bare quote sentence or paragraph continues the previous speaker
    last = context.sentences[last_sentence]
    tail = text[segment.outer_end : last.end_char].strip()
    bare = starts_sentence and not WORD.search(tail)  # nothing but punctuation after the quote
    if bare:
        previous = _previous_speaker_quote(context, segment, quotes)
        if previous is not None:
            return _make_quote(
                context,
                segment.start,
                segment.end,
                "direct",
                None,
                Speaker(previous.speaker, previous.speaker_name, previous.speaker_code),  # type: ignore[arg-type]
                first_sentence,
                "layout:continuation",
            )
    # 7. a long, sentence-like quote with no cue is still speech; short ones are scare quotes
    words = WORD.findall(text, segment.start, segment.end)
    if len(words) >= MIN_UNATTRIBUTED_WORDS and bare:
        tokens = doc[context.token_at(segment.start) : context.token_at(segment.end - 1) + 1]
        if any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return direct(None, None, "layout:unattributed")
    return None


def _previous_speaker_quote(
    context: _Context, segment: QuoteSegment, quotes: list[Quote]
) -> Quote | None:
    paragraph = context.paragraph_of(segment.outer_start)
    sentence = context.sentence_of(segment.outer_start)
    candidates = [
        q
        for q in quotes
        if q.speaker is not None
        and q.span[1] <= segment.outer_start
        and paragraph - context.paragraph_of(q.span[1] - 1) <= CONTINUATION_PARAGRAPHS
        and sentence - context.sentence_of(q.span[1] - 1) <= CONTINUATION_SENTENCES
    ]
    if not candidates:
        return None
    # the latest quote; of quotes ending together, the one whose cue comes last (the outer source:
    # 'He “reiterated ...”, the statement said.' is continued by the statement)
    return max(candidates, key=lambda q: (q.span[1], q.cue_span[1] if q.cue_span else 0))


@dataclass
class _RawCue:
    """A cue found on the raw text rather than the parse."""

    start_char: int
    end_char: int


def _inverted_cue(context: _Context, segment: QuoteSegment) -> tuple[_RawCue, Speaker] | None:
    """ "...,” said Spicer." / "...?"?said Spicer": a verb of saying right after the closing mark
    and a name after it, read on the characters (the parser glues "?said" into one token)."""
    if segment.close_mark is None:
        return None
    match = INVERTED_CUE.match(context.text, segment.close_mark + 1)
    if match is None:
        return None
    doc = context.document.doc
    start = context.token_at(match.end())
    if doc[start].idx < match.end():
        start += 1
    end = start
    while end < len(doc) and not (
        doc[end].is_punct or doc[end].is_space or doc[end].pos_ == "VERB"
    ):
        end += 1
    if end == start or end - start > MAX_LABEL_TOKENS + 2:
        return None
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in doc[start:end]):
        return None
    speaker = speaker_from_tokens(context.document, start, end, context.actors)
    if speaker is None:
        return None
    return _RawCue(match.start(1), match.end(1)), speaker


def _label_speaker(context: _Context, segment: QuoteSegment, sentence_index: int) -> Speaker | None:
    """ "Zelensky: “We will fight”": a short name and a colon open the sentence."""
    doc = context.document.doc
    sentence = context.sentences[sentence_index]
    lead = [
        t for t in doc[sentence.start : context.token_at(segment.outer_start)] if not t.is_space
    ]
    if len(lead) < 2 or lead[-1].text != ":" or len(lead) > MAX_LABEL_TOKENS + 1:
        return None
    words = lead[:-1]
    if any(t.pos_ in ("VERB", "AUX") for t in words) or not any(t.pos_ == "PROPN" for t in words):
        return None
    return speaker_from_tokens(context.document, words[0].i, words[-1].i + 1, context.actors)


def _dash_speaker(context: _Context, segment: QuoteSegment) -> Speaker | None:
    """The name after a dash that follows the closing mark: “...” – Jane Doe, minister."""
    if segment.close_mark is None:
        return None
    text = context.text
    i = segment.close_mark + 1
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    while i < line_end and (text[i].isspace() or text[i] in ",."):
        i += 1
    if i >= line_end or text[i] not in DASHES:
        return None
    i += 1
    if i >= line_end or not text[i].isspace():
        return None  # "...",-releasing: a dash glued to a word is not the press-release layout
    while i < line_end and (text[i].isspace() or text[i] in DASHES):
        i += 1
    if i >= line_end or not text[i].isupper():
        return None
    doc = context.document.doc
    start = context.token_at(i)
    end = start
    while end < len(doc) and doc[end].idx < line_end and doc[end].text not in (",", ";", "(", "."):
        end += 1
    if end == start or not any(t.pos_ in ("PROPN", "NOUN") for t in doc[start:end]):
        return None
    return speaker_from_tokens(context.document, start, end, context.actors)


def _named_person(context: _Context, quote: Quote) -> bool:
    """Whether a quote's speaker is a named person (an actor of kind person, or a PERSON name)."""
    speaker = quote.speaker
    if speaker is None or speaker.text.lower() in PERSON_PRONOUNS or not quote.speaker_name:
        return False
    if (speaker.kind or "") == "person":
        return True
    doc = context.document.doc
    return any(t.ent_type_ == "PERSON" for t in doc[speaker.token_start : speaker.token_end])


def _carry_pronoun_speakers(context: _Context, quotes: list[Quote]) -> None:
    """ "“...,” Titov said. “...,” he said.": in a run of quotes, "he"/"she" is the person quoted
    just before, which is a better guess than the nearest person mentioned (who may be inside the
    quotation). Applies when that earlier speaker is a named person at most a few sentences back."""
    for index, quote in enumerate(quotes):
        speaker = quote.speaker
        if speaker is None or speaker.text.lower() not in PERSON_PRONOUNS:
            continue
        sentence = context.sentence_of(speaker.span[0])
        earlier = [
            q
            for q in quotes[:index]
            if q.speaker is not None
            and q.speaker.span[1] <= speaker.span[0]
            and sentence - context.sentence_of(q.speaker.span[0]) <= CONTINUATION_SENTENCES - 1
        ]
        if not earlier:
            continue
        previous = max(earlier, key=lambda q: q.speaker.span[0])  # type: ignore[union-attr]
        if not _named_person(context, previous) or previous.speaker is None:
            continue
        quote.speaker_name, quote.speaker_code = previous.speaker_name, previous.speaker_code
        for name in ("name", "code", "country", "sector", "kind", "antecedent"):
            setattr(speaker, name, getattr(previous.speaker, name))


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen: set[tuple] = set()
    kept = []
    for quote in sorted(quotes, key=lambda q: (q.span, q.cue_span or (0, 0))):
        key = (quote.span, quote.speaker.span if quote.speaker else None)
        if key in seen:
            continue
        seen.add(key)
        kept.append(quote)
    return kept
