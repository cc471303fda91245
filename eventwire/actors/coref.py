"""Actor coreference by explainable rules: later short mentions point to the full earlier one.

Each rule records itself in ``rule`` (``coref:<how>``) and the chosen antecedent's index:

- ``coref:name``: a later mention of the same dictionary person ("Putin" after "Vladimir Putin").
- ``coref:surname``: a one-word name that is the last word of an earlier person's name
  ("Johnson" after "Boris Johnson"), whether or not the dictionaries know it.
- ``coref:role``: "the prime minister" / "the president" after an actor introduced with that
  title ("British Prime Minister Boris Johnson").
- ``coref:pronoun``: "he" / "she" as the subject of a verb -> the nearest earlier person mention
  within the two previous sentences, preferring one that was itself a subject.
- ``coref:anaphor``: "the alliance" -> NATO, "the bloc" -> the EU, "the grouping" /
  "the organisation" -> the nearest earlier IGO.

The antecedent is always the first (fullest) mention of the chain, so every coreferent mention
carries the code, country, sector and name of the full one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from eventwire.actors.compose import Draft
from eventwire.actors.tokens import DocTokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

PRONOUNS = {"he", "she"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# anaphoric noun -> IGO short names (country field) it may refer to; empty: any IGO
ANAPHORS: dict[str, tuple[str, ...]] = {
    "alliance": ("NATO",),
    "bloc": ("EU",),
    "union": ("EU",),
    "grouping": (),
    "organisation": (),
    "organization": (),
}
PRONOUN_WINDOW = 2  # sentences back
CANDIDATE_WORDS = frozenset(PRONOUNS) | frozenset(ANAPHORS)


def _root(doc: Doc, draft: Draft):
    span = doc[draft.start : draft.end]
    return span.root


def _is_subject(doc: Doc, draft: Draft) -> bool:
    return _root(doc, draft).dep_ in SUBJECT_DEPS


def candidates(doc: Doc, drafts: list[Draft], forms: list[str] | None = None) -> list[Draft]:
    """Pronoun and anaphor mentions that coreference may resolve (dropped if it does not).
    ``forms`` (the lower-cased token texts, see ``token_forms``) lets only the tokens that can be
    candidates be looked at."""
    taken = {i for d in drafts for i in range(d.start, d.end)}
    out: list[Draft] = []
    if forms is None:
        positions = range(len(doc))
    else:
        positions = [i for i, form in enumerate(forms) if form in CANDIDATE_WORDS]
    for i in positions:
        if i in taken:
            continue
        token = doc[i]
        lower = token.lower_
        if lower in PRONOUNS and token.dep_ in SUBJECT_DEPS:
            out.append(_candidate(token.i, token.i + 1, "pronoun"))
        elif lower in ANAPHORS and token.pos_ == "NOUN":
            start = token.i
            if start > 0 and doc[start - 1].lower_ == "the":
                out.append(_candidate(start - 1, token.i + 1, "anaphor", noun=lower))
    return out


def _candidate(start: int, end: int, how: str, **extra) -> Draft:
    draft = Draft(start, end, None, None, None, None, None, rule=f"coref:{how}")
    draft.extra.update({"candidate": how, **extra})
    return draft


def resolve(
    doc: Doc,
    drafts: list[Draft],
    tokens: DocTokens | None = None,
    sentence_starts: list[int] | None = None,
) -> list[Draft]:
    """Resolve in text order; returns the drafts to keep, with ``extra["antecedent"]`` set to
    the antecedent Draft (the first of its chain). ``tokens`` (the Doc's tables) spare making
    Spans for mention texts; ``sentence_starts`` (the first token of every sentence) spare
    walking the sentences again."""
    if tokens is not None and tokens.doc is not doc:
        tokens = None
    kept: list[Draft] = []
    people = _KeptPeople(doc)  # the named people among ``kept``, for pronouns
    if sentence_starts is None:
        sentence_starts = [sent.start for sent in doc.sents]
    for draft in drafts:
        how = draft.extra.get("candidate")
        antecedent: Draft | None = None
        if how == "pronoun":
            antecedent = _pronoun(draft, people, sentence_starts)
        elif how == "anaphor":
            antecedent = _anaphor(draft, kept)
        elif (
            draft.bare_agent
            and draft.role
            and draft.start > 0
            and doc[draft.start - 1].lower_ == "the"
        ):
            antecedent = _role(draft, kept)
            how = "role"
        elif draft.kind == "person":
            antecedent, how = _name(doc, draft, kept, tokens)
        if antecedent is None:
            if how in ("pronoun", "anaphor"):
                continue  # unresolved pronouns and anaphors are not actors
            if draft.bare_agent:
                _possessor(doc, draft, kept)
            kept.append(draft)
            people.add(draft)
            continue
        root = antecedent.extra.get("antecedent", antecedent)
        draft.extra["antecedent"] = root
        draft.rule = f"coref:{how}"
        draft.code, draft.country, draft.sector = root.code, root.country, root.sector
        draft.name, draft.kind = root.name, root.kind
        if draft.role is None:
            draft.role = root.role
        kept.append(draft)
        people.add(draft)
    return kept


def _possessor(doc: Doc, draft: Draft, earlier: list[Draft]) -> None:
    """ "the grouping's top diplomats": an agent owned by a mention resolved by coreference
    (which composition could not see) takes that mention's code + the agent's sector. The
    mention keeps its own words ("top diplomats"); the owner stays a mention of its own."""
    if not earlier or draft.start < 2 or doc[draft.start - 1].tag_ != "POS":
        return
    owner = earlier[-1]
    agent_code = draft.extra.get("agent_code")
    if owner.end != draft.start - 1 or owner.code is None or not agent_code:
        return
    if owner.kind not in ("igo", "country") or not owner.rule.startswith("coref"):
        return
    draft.code = owner.code + agent_code
    draft.country = owner.country
    draft.rule = "agent"
    draft.bare_agent = False


class _KeptPeople:
    """The kept person mentions with a code or name, in text order, each with the latest subject
    among them so far: the antecedent of a pronoun is found by bisection, not by a scan of every
    earlier mention (quadratic in a long sentence full of names and pronouns)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.drafts: list[Draft] = []
        self.starts: list[int] = []  # kept drafts come in text order, so these are sorted
        self.last_subject: list[int] = []  # position of the latest subject up to each draft
        self.ordered = True  # False if drafts came out of text order: then scan

    def add(self, draft: Draft) -> None:
        if draft.kind != "person" or (draft.code is None and not draft.name):
            return
        if self.starts and draft.start < self.starts[-1]:
            self.ordered = False
        latest = self.last_subject[-1] if self.last_subject else -1
        if _is_subject(self.doc, draft):
            latest = len(self.drafts)
        self.drafts.append(draft)
        self.starts.append(draft.start)
        self.last_subject.append(latest)

    def latest(self, start: int, end: int) -> Draft | None:
        """The last subject starting in [start, end), else the last person there, else None."""
        if not self.ordered:
            found = [d for d in self.drafts if start <= d.start < end]
            subjects = [d for d in found if _is_subject(self.doc, d)]
            return (subjects or found or [None])[-1]
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if lo >= hi:
            return None
        subject = self.last_subject[hi - 1]
        return self.drafts[subject if subject >= lo else hi - 1]


def _pronoun(draft: Draft, people: _KeptPeople, sentence_starts: list[int]) -> Draft | None:
    position = bisect_right(sentence_starts, draft.start) - 1
    window_start = sentence_starts[max(0, position - PRONOUN_WINDOW)]
    return people.latest(window_start, draft.start)


def _anaphor(draft: Draft, earlier: list[Draft]) -> Draft | None:
    wanted = ANAPHORS[draft.extra["noun"]]
    for previous in reversed(earlier):
        if previous.kind != "igo" or previous.country is None:
            continue
        if not wanted or previous.country in wanted:
            return previous
    return None


def _role(draft: Draft, earlier: list[Draft]) -> Draft | None:
    for previous in reversed(earlier):
        if previous.role == draft.role and not previous.bare_agent and previous.code is not None:
            return previous
    return None


def _name(
    doc: Doc, draft: Draft, earlier: list[Draft], tokens: DocTokens | None = None
) -> tuple[Draft | None, str]:
    if tokens is not None:
        text = tokens.span_text(draft.start, draft.end)
    else:
        text = doc[draft.start : draft.end].text
    words = text.split()
    # a one-word proper noun may be the surname of an earlier named person
    surname = len(words) == 1 and doc[draft.start].pos_ == "PROPN"
    for previous in earlier:
        if previous.kind != "person" or previous.name is None or previous.extra.get("antecedent"):
            continue
        if (
            draft.name
            and previous.name == draft.name
            and draft.rule.startswith("dictionary")
            and (draft.end - draft.start) <= (previous.end - previous.start)
        ):
            return previous, "name"
        if (
            surname
            and previous.extra.get("named")
            and previous.name.split()[-1:] == words[:1]
            and previous.name != text
        ):
            return previous, "surname"
    return None, ""
