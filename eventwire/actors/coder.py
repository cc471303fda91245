"""The actor coding stage: dictionary mentions, composites, NER unknowns and coreference.

    coder = ActorCoder(nlp)                                  # bundled Phoenix + eventwire lexicon
    coder = ActorCoder(nlp, dictionaries=[Path("mine.actors.txt")])   # add / override entries
    coder = ActorCoder(nlp, dictionaries=[...], agents=[...], include_default=False)  # only these
    coder(document)                                          # fills document.actors

The bundled lexicon loads once per process. User files are read strictly (a bad line raises
DictionaryError E201 naming file and line) and keyed with the pipeline's own tokenizer.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.codes import to_date
from eventwire.actors.compile import COMPILED
from eventwire.actors.compose import Composer, Draft, article_country
from eventwire.actors.coref import candidates, resolve
from eventwire.actors.lexicon import Lexicon, build_lexicon
from eventwire.actors.matching import (
    drop_partial_names,
    find_pieces,
    label_people,
    named_organisations,
    ner_pieces,
    phrase_index,
    phrase_starts,
)
from eventwire.actors.tokens import DocTokens
from eventwire.doc import Document
from eventwire.errors import DictionaryError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span


@lru_cache(maxsize=2)
def default_lexicon(path: Path = COMPILED) -> Lexicon:
    """The compiled bundled lexicon, loaded once per process."""
    if not Path(path).exists():
        raise DictionaryError(
            "compiled actor lexicon is missing; run `python -m eventwire.actors.compile`",
            code="E201",
            where=str(path),
        )
    return Lexicon.load(Path(path))


def _paths(values) -> list[Path]:
    if values is None:
        return []
    if isinstance(values, str | Path):
        return [Path(values)]
    return [Path(v) for v in values]


class ActorCoder:
    """Pipeline stage ``actors``: fills ``document.actors`` sorted by span."""

    name = "actors"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("actors",)

    def __init__(
        self,
        nlp: Language,
        *,
        dictionaries: list[Path] | None = None,
        agents: list[Path] | None = None,
        include_default: bool = True,
        discards: list[Path] | None = None,
    ) -> None:
        self.nlp = nlp
        base = default_lexicon() if include_default else Lexicon()
        actor_files, agent_files = _paths(dictionaries), _paths(agents)
        discard_files = _paths(discards)
        if actor_files or agent_files or discard_files:
            for path in actor_files + agent_files + discard_files:
                if not path.is_file():
                    raise DictionaryError("dictionary file not found", code="E201", where=str(path))
            tokenizer = nlp.tokenizer

            def tokenize(texts):
                return ([t.text for t in doc] for doc in tokenizer.pipe(texts))

            user = build_lexicon(
                tokenize,
                actor_files=actor_files,
                agent_files=agent_files,
                discard_files=discard_files,
                strict=True,
            )
            base = base.extended(user) if include_default else user
        self.lexicon = base
        phrase_index(base)  # built now, with the lexicon, rather than on the first article
        self._discard_max_len: dict[str, int] | None = None
        self._discard_lexicon: Lexicon | None = None
        self._discard_cache: tuple | None = None  # (doc, forms, discard starts) of the last Doc

    def discarded(self, sentence: Span) -> str | None:
        """The discard-list phrase found in ``sentence`` (PETRARCH's rule: such sentences, e.g.
        about sport, are not coded for events), or None. The actor layer itself is not filtered.

        Called per sentence (by the events stage): the document's token forms and the positions
        of discard phrases' first words are made once per Doc (by the actor stage when it coded
        the same Doc, else on the first call) and kept for the last Doc seen, so a sentence
        without such a word costs two bisections.
        """
        if not self.lexicon.discards:
            return None
        doc = sentence.doc
        cached = self._discard_cache
        if cached is None or cached[0] is not doc or cached[2] is None:
            forms = cached[1] if cached is not None and cached[0] is doc else None
            cached = self._remember_discard_starts(doc, forms or DocTokens.of(doc).forms, True)
        _, forms, starts = cached
        end = sentence.end
        first = bisect_left(starts, sentence.start)
        for i in starts[first : bisect_left(starts, end, first)]:
            for length in range(min(self._discard_max_len.get(forms[i], 0), end - i), 0, -1):
                key = " ".join(forms[i : i + length])
                if key in self.lexicon.discards:
                    return key
        return None

    def _remember_discard_starts(self, doc, forms: list[str], find: bool) -> tuple:
        """Keep ``(doc, forms, positions of discard phrases' first words)`` for
        :meth:`discarded`; the positions are None until ``find`` is asked for."""
        if not find:
            self._discard_cache = (doc, forms, None)
            return self._discard_cache
        if self._discard_max_len is None or self._discard_lexicon is not self.lexicon:
            lengths: dict[str, int] = {}
            for key in self.lexicon.discards:
                first, length = key.split(" ")[0], key.count(" ") + 1
                lengths[first] = max(lengths.get(first, 0), length)
            self._discard_max_len, self._discard_lexicon = lengths, self.lexicon
        lengths = self._discard_max_len
        cached = (doc, forms, [i for i, form in enumerate(forms) if lengths.get(form)])
        self._discard_cache = cached  # one tuple: a reader sees a consistent entry
        return cached

    def __call__(self, document: Document) -> None:
        doc = document.doc
        if doc is None:
            document.actors = []
            return
        tokens = DocTokens.of(doc, document.article.text if document.article else None)
        forms = tokens.forms
        composer = Composer(self.lexicon, to_date(document.date), tokens)
        starts = phrase_starts(forms, self.lexicon)
        texts = tokens.texts
        drafts: list[Draft] = []
        sentence_starts: list[int] = []
        entities = list(doc.ents)  # sorted by start: a sentence's entities are one slice
        entity_starts = [e.start for e in entities]
        for index, sentence in enumerate(doc.sents):
            sentence_starts.append(sentence.start)
            try:
                pieces = find_pieces(sentence, forms, self.lexicon, texts, starts)
                first = bisect_left(entity_starts, sentence.start)
                inside = entities[first : bisect_left(entity_starts, sentence.end, first)]
                if not pieces and not inside:
                    continue  # nothing to compose
                pieces = drop_partial_names(pieces, inside, self.lexicon)
                label_people(pieces, inside)
                pieces = named_organisations(pieces, inside, self.lexicon)
                # after the organisations: "Asia-Pacific Economic Cooperation" is one piece, and
                # no NER remainder "-Pacific Economic Cooperation" is left beside it
                taken = {i for p in pieces for i in range(p.start, p.end)}
                pieces = sorted(pieces + ner_pieces(inside, taken, forms), key=lambda p: p.start)
                composer.enter(sentence)
                drafts.extend(composer.compose(doc, pieces))
            except Exception as exc:  # one bad sentence never stops the article
                document.add_error(
                    "E401", f"actor coding failed: {type(exc).__name__}: {exc}", index
                )
        try:
            drafts.extend(candidates(doc, drafts, forms))
            drafts.sort(key=lambda d: (d.start, -d.end))
            drafts = resolve(doc, drafts, tokens, sentence_starts)
            article_country(drafts)
        except Exception as exc:
            document.add_error("E401", f"actor coreference failed: {type(exc).__name__}: {exc}")
            drafts = [d for d in drafts if "candidate" not in d.extra]
        mentions = [draft.to_mention(doc, tokens) for draft in drafts]
        position = {id(draft): i for i, draft in enumerate(drafts)}
        for draft, mention in zip(drafts, mentions, strict=True):
            antecedent = draft.extra.get("antecedent")
            if antecedent is not None and id(antecedent) in position:
                mention.antecedent = position[id(antecedent)]
        document.actors = mentions
        if self.lexicon.discards:
            self._remember_discard_starts(doc, forms, False)  # for discarded() on this Doc
