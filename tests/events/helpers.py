"""Hand-made actor layers for event tests: mark given phrases as coded actors in a parsed text."""

from __future__ import annotations

import re

from eventwire.doc import ActorMention, Article, Document


def mention(doc, start: int, end: int, code: str) -> ActorMention:
    span = doc.char_span(start, end, alignment_mode="expand")
    return ActorMention(
        text=doc.text[span.start_char : span.end_char],
        span=(span.start_char, span.end_char),
        code=code,
        country=code[:3],
        sector=code[3:6] or None,
        name=span.text,
        token_start=span.start,
        token_end=span.end,
    )


def document_with_actors(nlp, text: str, actors: dict[str, str], article_id: str = "") -> Document:
    """Parse ``text`` and add an actor mention for every whole-word occurrence of each phrase."""
    doc = nlp(text)
    document = Document(article=Article(text=text, id=article_id), doc=doc)
    mentions = []
    for phrase, code in actors.items():
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text):
            mentions.append(mention(doc, match.start(), match.end(), code))
    mentions.sort(key=lambda m: m.span)
    # keep the longest of overlapping mentions
    kept: list[ActorMention] = []
    for m in mentions:
        if kept and m.span[0] < kept[-1].span[1]:
            if m.span[1] - m.span[0] > kept[-1].span[1] - kept[-1].span[0]:
                kept[-1] = m
            continue
        kept.append(m)
    document.actors = kept
    return document


def triples(document: Document, *, modality: bool = False) -> list[tuple]:
    """(source code, target code, CAMEO code) of each event in order, with its modality too when
    ``modality`` is set."""
    return [
        (e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
        + ((e.modality,) if modality else ())
        for e in document.events
    ]


def coded_triples(nlp, coder, text: str, actors: dict[str, str]) -> list[tuple]:
    """Code ``text`` with the given actors marked; (source code, target code, CAMEO) per event."""
    document = document_with_actors(nlp, text, actors)
    coder(document)
    return triples(document)
