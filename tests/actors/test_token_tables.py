"""The per-document tables the actor stage reads instead of spaCy Token objects give what the
Doc gives, and the shortcuts built on them (phrase prefixes, candidate positions, the cached
discard check) find exactly what a plain search finds."""

from __future__ import annotations

from eventwire.actors import ActorCoder
from eventwire.actors.lexicon import normalize
from eventwire.actors.matching import _matches, find_pieces, phrase_index, phrase_starts
from eventwire.actors.tokens import DocTokens
from eventwire.doc import Article, Document

# curly quotes, a dotted capital I (lower-cases to two characters), a capital sigma (its lower
# case depends on the next letter), blank lines and runs of spaces
AWKWARD = (
    "İSTANBUL \u2018talks\u2019 resumed.\n\n"
    "ΣΟΦΙΑ’s  mayor met the U.N.  envoy in the West Bank on Monday.\n"
    "Prime Minister Boris Johnson said: \u201cWe will act.\u201d"
)


def assert_tables_match(doc, text) -> None:
    tokens = DocTokens.of(doc, text)
    assert len(tokens.forms) == len(doc)
    for token in doc:
        assert tokens.texts[token.i] == token.text
        assert tokens.forms[token.i] == normalize(token.text)
        assert tokens.char_span(token.i, token.i + 1) == (token.idx, token.idx + len(token))
    for span in [*doc.sents, *doc.ents, doc[2:7]]:
        assert tokens.span_text(span.start, span.end) == span.text
        assert tokens.char_span(span.start, span.end) == (span.start_char, span.end_char)
    assert tokens.span_text(3, 3) == ""


def test_tables_give_the_docs_texts_forms_and_offsets(nlp, seed_document):
    assert_tables_match(seed_document.doc, seed_document.article.text)
    assert_tables_match(nlp(AWKWARD), AWKWARD)
    plain = "NATO warned Russia on Monday."
    assert_tables_match(nlp(plain), None)  # without the article text: from doc.text
    assert_tables_match(nlp(plain), plain + " and more")  # a text of another length is not used


def test_phrase_walk_finds_every_key_a_length_by_length_search_finds(seed_document, coder):
    lexicon, forms = coder.lexicon, DocTokens.of(seed_document.doc).forms
    index = phrase_index(lexicon)
    walks = [
        (lexicon.phrases, lexicon.max_len, index.actor_prefixes),
        (lexicon.agent_phrases, lexicon.agent_max_len, index.agent_prefixes),
    ]
    found = 0
    for start in range(len(forms)):
        for table, lengths, prefixes in walks:
            limit = start + min(lengths.get(forms[start], 0), len(forms) - start)
            expected = [
                (stop, table[" ".join(forms[start:stop])])
                for stop in range(start + 1, limit + 1)
                if " ".join(forms[start:stop]) in table
            ]
            assert _matches(forms, start, limit, table, prefixes) == expected
            found += len(expected)
    assert found > 50  # the seed article is full of names and titles


def test_candidate_positions_hold_every_match(seed_document, coder):
    doc, lexicon = seed_document.doc, coder.lexicon
    tokens = DocTokens.of(doc, seed_document.article.text)
    starts = phrase_starts(tokens.forms, lexicon)
    assert 0 < len(starts) < len(doc)
    pieces = 0
    for sentence in doc.sents:
        fast = find_pieces(sentence, tokens.forms, lexicon, tokens.texts, starts)
        plain = find_pieces(sentence, tokens.forms, lexicon)  # every token looked at
        assert fast == plain, sentence.text
        # a piece starts at a candidate position, or one token after it ("the Kremlin")
        assert all(p.start in starts or p.start - 1 in starts for p in fast)
        pieces += len(fast)
    assert pieces > 30


def test_discard_check_follows_the_document_it_is_asked_about(nlp, coder):
    sport = nlp("Manchester United won the match.\nThe army attacked rebels.")
    war = nlp("Rebels shelled the town.\nFans of Manchester United cheered.")
    fresh = ActorCoder(nlp)  # no document seen yet: nothing cached
    expected = {id(doc): [fresh.discarded(s) for s in doc.sents] for doc in (sport, war)}
    assert expected[id(sport)] == ["manchester united", None]
    assert expected[id(war)] == [None, "manchester united"]
    for doc in (sport, war, sport):  # the cache moves from Doc to Doc
        assert [coder.discarded(s) for s in doc.sents] == expected[id(doc)]
    text = "Manchester United won the match.\nThe army attacked rebels."
    document = Document(article=Article(text=text), doc=nlp(text))
    coder(document)  # the actor stage leaves this Doc's forms for the events stage
    assert [coder.discarded(s) for s in document.doc.sents] == ["manchester united", None]
    assert [coder.discarded(s) for s in war.sents] == expected[id(war)]
