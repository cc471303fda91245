"""Turning matched pieces into actor mentions: country + agent composites, titles + names.

A mention is built from up to three adjacent pieces of one noun phrase:

    owner   [’s] [adjectives]  agent  [person]
    Russia   ’s               President Vladimir Putin      -> RUSGOV (Putin's code on the date)
    British                   Prime Minister                -> GBR + GOV
    EU                        foreign policy chief Josep Borrell -> IGOEUREEC (Borrell's code)
    US                        intelligence                  -> USA + SPY
    agent of [the] owner:     President of Russia           -> RUS + GOV

The owner is a dictionary country, region, organisation or IGO, or an unknown NER organisation or
group; the agent is an agent-dictionary noun; the person a dictionary person or an NER PERSON.
A person's own date-valid code wins over the composite. An agent with neither owner nor person is
kept only when it heads its noun phrase ("the prime minister said"), for coreference.
Unknown NER entities keep ``code`` None and take a country from their noun phrase when one is
written there ("Russia's private military company Wagner").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from eventwire.actors.codes import (
    SECTORS,
    UNIONS,
    choose_code,
    country_of,
    is_country_code,
    is_igo_code,
    is_null_code,
    sector_of,
)
from eventwire.actors.lexicon import Lexicon, normalize
from eventwire.actors.matching import NER_LABELS, Piece
from eventwire.actors.tokens import DocTokens
from eventwire.doc import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_ROLES = frozenset(
    {
        "activist",
        "adviser",
        "advisor",
        "aide",
        "ambassador",
        "attorney",
        "bishop",
        "candidate",
        "chair",
        "chairman",
        "chairwoman",
        "chancellor",
        "chief",
        "cleric",
        "commander",
        "coordinator",
        "counsel",
        "deputy",
        "dictator",
        "diplomat",
        "director",
        "emir",
        "envoy",
        "fighter",
        "general",
        "governor",
        "head",
        "imam",
        "insurgent",
        "journalist",
        "judge",
        "king",
        "lawmaker",
        "leader",
        "mayor",
        "militant",
        "minister",
        "monarch",
        "negotiator",
        "officer",
        "official",
        "pm",
        "pope",
        "premier",
        "president",
        "prince",
        "princess",
        "prosecutor",
        "protester",
        "protestor",
        "queen",
        "rabbi",
        "rapporteur",
        "rebel",
        "representative",
        "ruler",
        "secretary",
        "senator",
        "separatist",
        "sheikh",
        "soldier",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    }
)
# Sectors whose bare agent nouns are kept as actors ("the government", "police", "rebels");
# other bare nouns ("people", "schools") are kept only as plural subjects ("protesters marched").
POLITICAL_SECTORS = frozenset(
    {"GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "SPY", "PTY", "INS", "UAF", "SEP", "IGO"}
)
# Sectors a bare agent noun of unknown country takes from the one country its sentence names
# ("Shona rebels" in a sentence about Mozambique's government): the domestic sectors. Government
# and military nouns are left alone ("the government accused Russia" is not Russia's government).
DOMESTIC_SECTORS = frozenset(
    {"REB", "OPP", "CVL", "COP", "JUD", "LEG", "EDU", "LAB", "BUS", "MED", "HLH", "REL", "AGR"}
    | {"CRM", "PTY", "REF", "UAF", "RAD", "ELI", "INS", "SEP"}
    | {"MUS", "CHR", "JEW", "HIN", "BUD"}  # religious groups: "Islamic fundamentalists"
)
# "pro-Iranian Hizbollah", "anti-Syria journalist": a country word after these prefixes names
# the side taken, not the owner.
STANCE_PREFIXES = frozenset({"pro", "anti"})
# Titles of heads of state or government.
HEAD_ROLES = frozenset(
    {"president", "prime minister", "premier", "king", "queen", "leader", "chancellor", "emir"}
    | {"monarch", "sultan", "ruler", "head of state", "head of government", "pm", "prince"}
)
# Conjunctions between two agent nouns that share one owner ("Israeli helicopters and tanks").
SHARED_OWNER_GAPS = (["and"], ["or"], [","], [",", "and"])
# Words before a title that make its holder a former office-holder (CAMEO ELI).
FORMER = frozenset({"former", "ousted", "exiled", "deposed", "ex", "ex-", "toppled", "overthrown"})
# "Vietnamese-led forces", "US-backed militias": the owner leads the agent.
LED = frozenset({"led", "backed", "dominated", "controlled", "sponsored", "allied"})
# Where a plural agent noun of any sector is an actor on its own: "refugees fled", "aid to
# refugees", "arrested students", "staged by students".
BARE_PLURAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})  # finite verbs end a noun phrase
# Compass words between an agent and its place ("a village in western Cambodia").
COMPASS = frozenset(
    {"western", "eastern", "northern", "southern", "central", "north", "south", "east", "west"}
    | {"northeastern", "northwestern", "southeastern", "southwestern", "northwest", "southwest"}
)
PLACE_GAP_POS = frozenset({"ADP", "DET", "ADJ", "PROPN"})
TITLED_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "jr", "jr.", "sr", "sr."})
GAP_POS = {"ADJ", "NOUN", "PROPN", "PART", "PUNCT", "NUM"}
GAP_TAGS = {"POS", "JJ", "JJR", "JJS", "HYPH"}  # allowed between owner and agent: ’s, adjectives


@dataclass
class Draft:
    """A mention under construction, with what coreference needs to know about it."""

    start: int
    end: int
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    kind: str | None
    rule: str
    role: str | None = None  # the agent noun ("prime minister"), for "the prime minister" later
    bare_agent: bool = False
    extra: dict = field(default_factory=dict)

    def to_mention(self, doc: Doc, tokens: DocTokens | None = None) -> ActorMention:
        """The mention; ``tokens`` (the Doc's tables) spare making the Span."""
        if tokens is not None and tokens.doc is doc and self.start < self.end:
            text = tokens.span_text(self.start, self.end)
            start_char, end_char = tokens.char_span(self.start, self.end)
        else:
            span = doc[self.start : self.end]
            text, start_char, end_char = span.text, span.start_char, span.end_char
        return ActorMention(
            text=text,
            span=(start_char, end_char),
            code=self.code,
            country=self.country,
            sector=self.sector,
            name=self.name,
            kind=self.kind,
            rule=self.rule,
            token_start=self.start,
            token_end=self.end,
        )


class Composer:
    """Builds :class:`Draft` mentions for one sentence from its pieces."""

    def __init__(self, lexicon: Lexicon, day: date | None, tokens: DocTokens | None = None) -> None:
        """``tokens``: the tables of the Doc being coded, read instead of making Token and Span
        objects (optional: without them every text comes from the Doc)."""
        self.lexicon = lexicon
        self.day = day
        self.tokens = tokens
        self._sentence: Span | None = None  # the last sentence looked up (see sentence_at)

    def enter(self, sentence: Span) -> None:
        """Note the sentence the next :meth:`compose` call codes (spares finding it again)."""
        self._sentence = sentence

    def _tables(self, doc: Doc) -> DocTokens | None:
        tokens = self.tokens
        return tokens if tokens is not None and tokens.doc is doc else None

    def _text(self, doc: Doc, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        tokens = self._tables(doc)
        return tokens.span_text(start, end) if tokens is not None else _text(doc, start, end)

    def _key(self, doc: Doc, start: int, end: int) -> str:
        """The lexicon key of the tokens ``start:end``: their normalized forms joined by spaces."""
        tokens = self._tables(doc)
        if tokens is not None:
            return " ".join(tokens.forms[start:end])
        return " ".join(normalize(t.text) for t in doc[start:end])

    def sentence_at(self, doc: Doc, i: int) -> Span:
        """The sentence holding token ``i``. Finding it walks the sentence, so the last one found
        is reused: all pieces of one :meth:`compose` call share it, keeping the work linear."""
        sentence = self._sentence
        if sentence is None or sentence.doc is not doc or not sentence.start <= i < sentence.end:
            sentence = self._sentence = doc[i].sent
        return sentence

    # -- piece properties ----------------------------------------------------------------------
    def actor_code(self, piece: Piece) -> str | None:
        """The entry's code on the article date. When no block covers the date and there is no
        undated block, a person gets the country of their latest block + ELI (a former
        office-holder), anything else its latest code."""
        record = self.lexicon.actors[piece.index]
        code = choose_code(record.codes, self.day)
        if code is None and self.day is not None and record.codes:
            code = choose_code(record.codes, None)
            if code is not None and record.kind == "person" and not is_igo_code(code):
                code = _base(code) + "ELI"
        return None if is_null_code(code) else code

    def is_person(self, piece: Piece) -> bool:
        if piece.kind == "ner":
            return piece.label == "PERSON"
        if piece.kind != "actor":
            return False
        kind = self.lexicon.actors[piece.index].kind
        return kind == "person" or (kind == "organisation" and piece.label == "PERSON")

    def is_owner(self, piece: Piece) -> bool:
        if piece.kind == "ner":
            return piece.label in ("ORG", "NORP", "GPE")
        return piece.kind == "actor" and not self.is_person(piece)

    # -- building ----------------------------------------------------------------------------
    def compose(self, doc: Doc, pieces: list[Piece]) -> list[Draft]:
        drafts: list[Draft] = []
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            owner = agent = person = None
            consumed = 1
            if self._after_stance(doc, piece):
                i += 1  # "pro-Russian separatists": the separatists are not Russia's
                continue
            if self.is_owner(piece):
                owner = piece
                nxt = pieces[i + 1] if i + 1 < len(pieces) else None
                if nxt is not None and self._people_after(doc, piece, nxt):
                    # "Iraqi Kurds", "Bosnian Serbs": a people living in the owner's country
                    after = pieces[i + 2] if i + 2 < len(pieces) else None
                    if (
                        after is not None
                        and after.kind == "agent"
                        and after.start == nxt.end
                        and self._noun_ending(doc, after)
                    ):
                        agent, consumed = after, 3  # "Turkish Kurd refugees"
                    else:
                        drafts.append(self._people(doc, piece, nxt))
                        i += 2
                        continue
                elif nxt is not None and nxt.kind == "agent" and self._joinable(doc, piece, nxt):
                    agent = nxt
                    consumed = 2
                    after = pieces[i + 2] if i + 2 < len(pieces) else None
                    if after is not None and after.start == nxt.end and self.is_person(after):
                        person = after
                        consumed = 3
                    elif not self._noun_ending(doc, nxt):
                        agent, consumed = None, 1
                elif (
                    nxt is not None
                    and nxt.kind == "actor"
                    and self.is_person(nxt)
                    and self._possessive_or_adjacent(doc, piece, nxt)
                ):
                    person = nxt  # "Russia's President Vladimir Putin", "British Boris Johnson"
                    consumed = 2
                elif self._coordinated_owner(doc, pieces, i):
                    # "Hungarian and Romanian officials": the first owner shares the agent
                    agent = pieces[i + 2]
                    draft = self._draft(doc, owner, None, None)
                    if draft is not None:
                        shared = self._draft(doc, owner, agent, None)
                        if shared is not None and shared.code is not None:
                            shared.start, shared.end = draft.start, draft.end
                            shared.name = draft.name
                            draft = shared
                        drafts.append(draft)
                    i += 1
                    continue
            elif piece.kind == "agent":
                agent = piece
                nxt = pieces[i + 1] if i + 1 < len(pieces) else None
                if nxt is not None and nxt.start == piece.end and self.is_person(nxt):
                    person = nxt
                    consumed = 2
                elif nxt is not None and self.is_owner(nxt) and self._of_link(doc, piece, nxt):
                    owner = nxt
                    consumed = 2
            elif piece.kind == "org":
                drafts.append(self._organisation(doc, piece))
                i += 1
                continue
            else:
                person = piece
            if person is not None and owner is None:
                nxt = pieces[i + consumed] if i + consumed < len(pieces) else None
                if nxt is not None and self._country_piece(nxt) and self._of_link(doc, person, nxt):
                    owner = nxt  # "King Hassan of Morocco", "President Kagame of Rwanda"
                    consumed += 1
            draft = self._draft(doc, owner, agent, person)
            if draft is not None:
                if agent is not None and consumed == 3 and person is None:
                    draft.start = owner.start  # the people between owner and agent
                self._former(doc, draft)
                drafts.append(draft)
            i += consumed
            if agent is not None and owner is not None and owner.start > agent.start:
                i = self._listed_owners(doc, pieces, i, owner, agent, drafts)
        self._fill_context(doc, drafts)
        self._shared_owner(doc, drafts)
        self._apposition(doc, drafts)
        self._residence(doc, drafts)
        self._sentence_country(doc, drafts)
        return drafts

    # -- stances, shared owners ----------------------------------------------------------------
    def _after_stance(self, doc: Doc, piece: Piece) -> bool:
        """A country, government or organisation written after "pro-" / "anti-" ("pro-Iranian",
        "anti-Syria", "pro-Kremlin", "anti-NATO")."""
        if piece.kind not in ("actor", "ner") or piece.start < 2:
            return False
        if piece.kind == "actor" and self.is_person(piece):
            return False
        if piece.kind == "ner" and piece.label not in ("NORP", "GPE", "ORG"):
            return False
        return doc[piece.start - 1].text == "-" and doc[piece.start - 2].lower_ in STANCE_PREFIXES

    @staticmethod
    def _shared_owner(doc: Doc, drafts: list[Draft]) -> None:
        """ "Israeli helicopters and tanks", "Serbian police and soldiers": a bare agent noun
        coordinated with an owner + agent mention of the same sector group shares its owner."""
        for previous, draft in pairwise(drafts):
            if not draft.bare_agent or draft.code is not None or draft.country is not None:
                continue
            agent_code = draft.extra.get("agent_code")
            if not agent_code or previous.code is None or previous.rule != "agent":
                continue
            base = _base(previous.code)
            if not is_country_code(base) or sector_of(previous.code) != agent_code[:3]:
                continue
            if [t.lower_ for t in doc[previous.end : draft.start]] not in SHARED_OWNER_GAPS:
                continue
            head = doc[draft.start : draft.end].root
            if head.dep_ != "conj" or head.head.i != doc[previous.start : previous.end].root.i:
                continue
            draft.code = base + agent_code
            draft.country, draft.sector = country_of(draft.code), sector_of(draft.code)
            draft.rule, draft.bare_agent = "agent", False
            draft.extra["owner_from"] = "coordination"

    # -- peoples, residence, former office-holders ---------------------------------------------
    def _is_people(self, doc: Doc, piece: Piece) -> bool:
        """A plural name of a people: "Palestinians", "Serbs", "Kurds" (NER NORP, plural)."""
        last = doc[piece.end - 1]
        if not last.text.endswith("s") or (last.ent_type_ != "NORP" and last.tag_ != "NNPS"):
            return False
        if piece.kind == "ner":
            return piece.label == "NORP"
        if piece.kind != "actor":
            return False
        record = self.lexicon.actors[piece.index]
        return record.kind in ("country", "group") and last.lower_ != record.name.lower()

    def _people_after(self, doc: Doc, owner: Piece, nxt: Piece) -> bool:
        """ "Iraqi Kurds": a country adjective right before a people (plural, or singular before
        an agent noun: "Turkish Kurd refugees")."""
        if nxt.start != owner.end or not self._country_piece(owner):
            return False
        if doc[owner.end - 1].ent_type_ != "NORP" and doc[owner.end - 1].tag_ != "JJ":
            return False
        if self._is_people(doc, nxt):
            return True
        return nxt.kind == "ner" and nxt.label == "NORP" and doc[nxt.end - 1].tag_ == "NNP"

    def _people(self, doc: Doc, owner: Piece, people: Piece) -> Draft:
        code = self.actor_code(owner)
        code = _base(code) + "CVL" if code and is_country_code(_base(code)) else None
        text = self._text(doc, owner.start, people.end)
        draft = self._make(owner.start, people.end, code, text, "group", "agent", None)
        draft.extra["people"] = True
        return draft

    @staticmethod
    def _apposition(doc: Doc, drafts: list[Draft]) -> None:
        """ "Salaheddine Sidhoum, Algeria's leading human rights activist, ...": an unknown
        person takes the sector (and, lacking one, the country) of the title in apposition."""
        for position, person in enumerate(drafts):
            if person.kind != "person" or person.code is not None or person.sector is not None:
                continue
            title = next((d for d in drafts[position + 1 :] if d.kind == "person"), None)
            if title is None or not title.sector or title.extra.get("named"):
                continue
            if person.end >= len(doc) or doc[person.end].text != ",":
                continue
            if title.start - person.end > 7 or any(
                t.tag_ in FINITE or (t.is_punct and t.tag_ != "HYPH")
                for t in doc[person.end + 1 : title.start]
            ):
                continue
            after = doc[title.end] if title.end < len(doc) else None
            if after is not None and not after.is_punct:
                continue
            person.sector = title.sector
            person.role = person.role or title.role
            if person.country is None:
                person.country = title.country
        for first, second in pairwise(drafts):
            if _titled_name(doc, first, second):
                _take_office(second, first)
            elif _igo_title_after(doc, first, second):
                _take_office(first, second)

    def _former(self, doc: Doc, draft: Draft) -> None:
        """ "former President X", "ousted president Y": an office-holder no longer in office is
        ELI (CAMEO: elites, former officials), with the country the title gives."""
        if draft.sector not in TITLED_SECTORS or draft.kind != "person":
            return
        sentence_start = self.sentence_at(doc, draft.start).start
        for i in range(draft.start - 1, max(sentence_start, draft.start - 3) - 1, -1):
            word = doc[i].lower_
            if word in FORMER:
                draft.sector = "ELI"
                if draft.code and not is_igo_code(draft.code):
                    draft.code = _base(draft.code) + "ELI"
                return
            if doc[i].pos_ not in ("ADJ", "PROPN", "PUNCT") or doc[i].text in (",", ";"):
                return

    def _residence(self, doc: Doc, drafts: list[Draft]) -> None:
        """CAMEO codes an ethnic group by the country it lives in: "ethnic Albanians in south
        Serbia" -> SRB, "Albanians of southern Serbia" -> SRB. Residence is a place written right
        after the group (in, of, living in, operating in); for "ethnic X" without one, the
        country the rest of the sentence names most often."""
        for draft in drafts:
            ethnic = draft.start > 0 and doc[draft.start - 1].lower_ == "ethnic"
            if not ethnic and not draft.extra.get("people"):
                continue
            home = self._place_after(doc, draft, drafts)
            if home is None and ethnic:
                counts: dict[str, int] = {}
                for other in drafts:
                    other_ethnic = other.start > 0 and doc[other.start - 1].lower_ == "ethnic"
                    if other.country and other.country != draft.country and not other_ethnic:
                        counts[other.country] = counts.get(other.country, 0) + 1
                if counts:
                    home = max(counts, key=lambda c: counts[c])  # ties: the first named
            if home is None or home == draft.country or not is_country_code(home):
                continue
            draft.extra["ethnicity"] = draft.country
            draft.country = home
            if draft.code is not None:
                draft.code = home + (draft.sector or "")

    @staticmethod
    def _place_after(doc: Doc, draft: Draft, drafts: list[Draft]) -> str | None:
        for other in drafts:
            if other.start < draft.end or other.start > draft.end + 5 or not other.country:
                continue
            if doc[other.end - 1].tag_ not in ("NNP", "NNPS"):
                continue  # "Israeli-occupied": an adjective, not the place
            between = doc[draft.end : other.start]
            words = [t.lower_ for t in between]
            if not words or not ({"in", "of"} & set(words)):
                return None
            if all(t.pos_ in PLACE_GAP_POS or t.tag_ in ("VBG", "VBN") for t in between):
                return other.country
            return None
        return None

    def _listed_owners(
        self, doc: Doc, pieces: list[Piece], i: int, owner: Piece, agent: Piece, drafts: list
    ) -> int:
        """ "ambassadors of Arnor, Osgiliath and Gondor": each further listed owner gets its own
        mention (its own words) with the shared agent (OSGGOV, GONGOV). Returns the next index."""
        previous = owner
        while i < len(pieces) and self.is_owner(pieces[i]):
            between = [t.lower_ for t in doc[previous.end : pieces[i].start]]
            if between not in ([","], ["and"], [",", "and"], ["or"], [",", "or"]):
                break
            shared = self._draft(doc, pieces[i], agent, None)
            if shared is None:
                break
            shared.start, shared.end = pieces[i].start, pieces[i].end
            shared.name = self._text(doc, pieces[i].start, pieces[i].end)
            drafts.append(shared)
            previous = pieces[i]
            i += 1
        return i

    @staticmethod
    def _sentence_country(doc: Doc, drafts: list[Draft]) -> None:
        """When every coded mention of a sentence is of one country, a titled unknown person or
        a group of unknown origin ("President Dos Santos", "Shona rebels") takes it, and so does
        a bare domestic agent ("opposition groups", "students"). Government and military nouns
        only take it from a country named as a place ("troops in Kashmir")."""
        countries = {d.country for d in drafts if d.country and is_country_code(d.country)}
        if len(countries) != 1:
            return
        (country,) = countries
        places_only = all(
            _is_place(doc, d) for d in drafts if d.country == country and d.kind == "country"
        ) and not any(d.country == country and d.kind != "country" for d in drafts)
        # "President Mitterand welcomed South African leader de Klerk": when only another head of
        # state or government gives the country, a named leader beside him is seldom of it
        givers = [d for d in drafts if d.country == country]
        leaders_only = all(d.kind == "person" and d.role in HEAD_ROLES for d in givers)
        for draft in drafts:
            if draft.code is not None or draft.country is not None or not draft.sector:
                continue
            if leaders_only and _is_named(draft) and draft.role in HEAD_ROLES:
                continue
            if (
                not draft.bare_agent
                or draft.sector in DOMESTIC_SECTORS
                or (places_only and draft.sector in ("GOV", "MIL"))
            ):
                draft.country = country
                draft.extra["country_from"] = "sentence"

    def _fill_context(self, doc: Doc, drafts: list[Draft]) -> None:
        countries: dict[int, str] = {}
        for draft in drafts:
            if draft.country and draft.kind != "person" and "context" not in draft.extra:
                for i in range(draft.start, draft.end):
                    countries[i] = draft.country
        for draft in drafts:
            piece = draft.extra.pop("context", None)
            if piece is not None and countries:
                sentence = self.sentence_at(doc, piece.start)
                draft.country = context_country(doc, piece, countries, sentence)

    def _joinable(self, doc: Doc, owner: Piece, agent: Piece) -> bool:
        """The owner modifies the agent noun: adjacent, or separated by up to three adjectives,
        a possessive 's, or nouns of the same noun phrase ("Turkish Kurd refugees", "French
        paper workers": the owner's head is then below the agent noun in the parse)."""
        gap = doc[owner.end : agent.start]
        if len(gap) > 3:
            return False
        if len(gap) == 2 and gap[0].text in ("-", "\u2013") and gap[1].lower_ in LED:
            return True  # "Vietnamese-led forces"
        if all(t.tag_ in GAP_TAGS or t.text in ("'s", "\u2019s") for t in gap):
            return True
        head = doc[agent.end - 1]
        return all(t.pos_ in GAP_POS for t in gap) and head.is_ancestor(
            doc[owner.start : owner.end].root
        )

    def _country_piece(self, piece: Piece) -> bool:
        if piece.kind != "actor":
            return False
        kind = self.lexicon.actors[piece.index].kind
        return kind in ("country", "capital")

    def _coordinated_owner(self, doc: Doc, pieces: list[Piece], i: int) -> bool:
        """owner (and|,) owner agent: "US and British forces"."""
        if i + 2 >= len(pieces):
            return False
        first, second, agent = pieces[i], pieces[i + 1], pieces[i + 2]
        if second.start - first.end != 1:
            return False  # one word between them, at most
        between = [t.lower_ for t in doc[first.end : second.start]]
        return (
            between in (["and"], [","], ["or"])
            and self.is_owner(second)
            and agent.kind == "agent"
            and self._joinable(doc, second, agent)
            and self._noun_ending(doc, agent)
        )

    @staticmethod
    def _possessive_or_adjacent(doc: Doc, owner: Piece, person: Piece) -> bool:
        """ "British Boris Johnson", "Russia's Putin", "Jordan's visiting King Abdullah"."""
        gap = doc[owner.end : person.start]
        if len(gap) == 0 or (len(gap) == 1 and gap[0].tag_ == "POS"):
            return True
        return (
            len(gap) <= 3
            and gap[0].tag_ == "POS"
            and all(t.tag_ in ("JJ", "VBG", "VBN") for t in gap[1:])
        )

    def _title(self, doc: Doc, piece: Piece):
        """The agent a dictionary person phrase starts with ("Prime Minister Boris Johnson" ->
        prime minister), so "the prime minister" can refer back to it."""
        tokens = self._tables(doc)
        if tokens is not None:
            forms = tokens.forms[piece.start : piece.end]
        else:
            forms = [normalize(t.text) for t in doc[piece.start : piece.end]]
        for length in range(len(forms) - 1, 0, -1):
            found = self.lexicon.agent_phrases.get(" ".join(forms[:length]))
            if found is not None:
                return self.lexicon.agents[found[0]]
        return None

    def _title_role(self, doc: Doc, piece: Piece) -> str | None:
        title = self._title(doc, piece)
        return title.phrase if title is not None else None

    @staticmethod
    def _noun_ending(doc: Doc, piece: Piece) -> bool:
        return doc[piece.end - 1].pos_ in ("NOUN", "PROPN")

    @staticmethod
    def _heads_phrase(doc: Doc, piece: Piece) -> bool:
        last: Token = doc[piece.end - 1]
        return last.pos_ in ("NOUN", "PROPN") and last.dep_ not in ("compound", "amod", "nmod")

    def _of_link(self, doc: Doc, agent: Piece, owner: Piece) -> bool:
        """ "President of Russia"; for groups also "rebels in Darfur", "students throughout
        Indonesia", "soldiers from Chad"; for places and people of a place "a village in X";
        for any agent "based in X"."""
        between = [t.lower_ for t in doc[agent.end : owner.start] if t.lower_ not in COMPASS]
        if between in (["of"], ["of", "the"]):
            return True
        if between[-1:] == ["the"]:
            between = between[:-1]
        sector = self.lexicon.agents[agent.index].code[:3] if agent.kind == "agent" else None
        if sector == "MIL" and between != ["from"]:
            return False  # "soldiers from Chad" are Chad's; "forces in Lebanon" seldom
        if sector is not None and between in (["based", "in"], ["headquartered", "in"]):
            return True  # "a terror group based in Trinidad"
        if sector == "CVL" and between in (["in"], ["near"], ["outside"], ["around"]):
            return True  # "a village in western Cambodia", "villages near Macedonia"
        return agent.plural and between in (["in"], ["from"], ["throughout"], ["across"])

    def _draft(
        self, doc: Doc, owner: Piece | None, agent: Piece | None, person: Piece | None
    ) -> Draft | None:
        pieces = [p for p in (owner, agent, person) if p is not None]
        start, end = min(p.start for p in pieces), max(p.end for p in pieces)
        agent_record = self.lexicon.agents[agent.index] if agent is not None else None
        role = agent_record.phrase if agent_record is not None else None
        owner_code = self.actor_code(owner) if owner is not None and owner.kind == "actor" else None

        composite = None
        if owner_code is not None and agent_record is not None:
            if is_igo_code(owner_code):
                composite = owner_code if agent_record.prefix else owner_code + agent_record.code
            elif sector_of(owner_code) is None:
                if agent_record.prefix:
                    composite = agent_record.code + owner_code
                else:
                    composite = owner_code + agent_record.code
            else:
                composite = owner_code  # an already specific code (RUSGOV for the Kremlin)

        if person is not None:
            person_code = None
            if person.kind == "actor":
                person_code = self.actor_code(person)
            elif agent_record is not None:
                known = self.lexicon.surnames.get(self._key(doc, person.end - 1, person.end))
                if known is not None:  # "President Mugabe": a title and a known surname
                    person = Piece("actor", person.start, person.end, known)
                    person_code = self.actor_code(person)
            if person_code and owner_code and person.kind == "actor" and owner.start < person.start:
                # "EU foreign policy chief Josep Borrell": the office the text names wins
                for block_code, _, _ in self.lexicon.actors[person.index].codes:
                    if block_code.startswith(owner_code) and not person_code.startswith(owner_code):
                        person_code = block_code
                        break
            title = agent_record
            if title is None and person.kind == "actor":
                title = self._title(doc, person)  # "President Reagan" as one dictionary phrase
            if person_code and title is not None:
                person_code = _titled(person_code, title.code)
            if (
                person_code
                and owner_code
                and owner is not None
                and owner.start > person.start
                and not is_igo_code(person_code)
                and sector_of(owner_code) is None
                and _base(person_code) != owner_code
            ):
                # "King Hassan of Morocco": the country the text states wins over the entry's
                person_code = owner_code + (sector_of(person_code) or "")
            code = person_code or composite or (owner_code if owner_code else None)
            rule = "dictionary" if person.kind == "actor" else ("agent" if composite else "ner")
            if owner is not None or agent is not None:
                rule = rule if rule != "dictionary" else "dictionary+title"
            name = self._name(doc, person)
            if role is None and person.kind == "actor":
                role = self._title_role(doc, person)
            draft = self._make(start, end, code, name, "person", rule, role)
            draft.extra["named"] = True  # a person's name is written (not only a title)
            if draft.sector is None and is_igo_code(code):
                draft.sector = "GOV"  # an official of an international organisation
            if code is None:
                draft.country = self._owner_country(doc, owner)
                draft.sector = agent_record.code[:3] if agent_record else None
                if draft.country is None:
                    draft.extra["context"] = person
            return draft

        if agent is not None and owner is not None:
            kind = self._agent_kind(agent)
            if composite is not None:
                return self._make(
                    start, end, composite, self._text(doc, start, end), kind, "agent", role
                )
            draft = self._make(start, end, None, self._text(doc, start, end), kind, "agent", role)
            draft.country = self._owner_country(doc, owner)
            draft.sector = agent_record.code[:3] if agent_record else None
            return draft

        if agent is not None:
            if not self._heads_phrase(doc, agent):
                return None
            if agent_record.code[:3] == "HRI" and not agent_record.prefix:
                # "a human rights group protested": a rights group of no stated country is a
                # non-governmental organisation (CAMEO NGO + HRI)
                return self._make(
                    start,
                    end,
                    "NGO" + agent_record.code,
                    self._text(doc, start, end),
                    self._agent_kind(agent),
                    "agent",
                    role,
                )
            if agent_record.code[:3] not in POLITICAL_SECTORS and not (
                agent.plural and doc[agent.end - 1].dep_ in BARE_PLURAL_DEPS
            ):
                return None  # "the hospital": not an actor without more context
            draft = self._make(
                start,
                end,
                None,
                self._text(doc, start, end),
                self._agent_kind(agent),
                "agent",
                role,
            )
            draft.sector = agent_record.code[:3] if agent_record else None
            draft.bare_agent = True
            draft.extra["agent_code"] = agent_record.code if agent_record else None
            return draft

        assert owner is not None
        return self._single(doc, owner)

    def _organisation(self, doc: Doc, piece: Piece) -> Draft:
        """A named organisation holding a country word: country + the sector of a noun inside."""
        country_code = self.actor_code(Piece("actor", piece.start, piece.end, piece.index))
        agent = self.lexicon.agents[piece.agent] if piece.agent >= 0 else None
        code = None
        if is_igo_code(country_code):
            code = country_code  # "United Nations Observer Mission in Angola" is the UN
            if agent is not None and not agent.prefix and sector_of(country_code) is None:
                code += agent.code
        elif country_code is not None and agent is not None and not agent.prefix:
            code = _base(country_code) + agent.code
        draft = self._make(
            piece.start,
            piece.end,
            code,
            self._text(doc, piece.start, piece.end),
            "igo" if is_igo_code(code) else "organisation",
            "agent" if code else "ner",
            agent.phrase if agent else None,
        )
        if code is None:
            draft.country = country_of(country_code)
        return draft

    def _single(self, doc: Doc, piece: Piece) -> Draft:
        if piece.kind == "ner":
            draft = self._make(
                piece.start,
                piece.end,
                None,
                self._text(doc, piece.start, piece.end),
                NER_LABELS[piece.label],
                "ner",
                None,
            )
            country = None
            if piece.label == "GPE":
                country = self.lexicon.towns.get(self._key(doc, piece.start, piece.end))
            if country is not None:
                # a town the dictionaries lack but the gazetteer knows ("Cizre" -> TUR)
                draft.country = country
                draft.sector = "CVL" if _suffers(doc, piece) else None
                return draft
            draft.extra["context"] = piece
            return draft
        record = self.lexicon.actors[piece.index]
        code = self.actor_code(piece)
        kind = record.kind
        if kind == "capital":
            if code is not None and _acts(doc, piece):
                code += "GOV"
                draft = self._make(
                    piece.start, piece.end, code, record.name, "country", "metonym", None
                )
                return draft
            kind = "country"
        if kind in ("country", "group") and code is not None and is_country_code(_base(code)):
            if self._is_people(doc, piece) and sector_of(code) in (None, "CVL"):
                code = _base(code)
                # "Palestinians", "Serbs": the people of a country are its civilians
                draft = self._make(
                    piece.start,
                    piece.end,
                    code + "CVL",
                    self._name(doc, piece),
                    "group",
                    "dictionary",
                    None,
                )
                draft.extra["people"] = True
                return draft
            if sector_of(code) is None and self._city_place(doc, piece, record):
                # "curfew in Cizre", "shelled Juba": a town or city (not a capital, which stands
                # for its country) that does not act is its population (CVL), as PLOVER and
                # ICEWS code places that suffer events
                return self._make(
                    piece.start,
                    piece.end,
                    _base(code) + "CVL",
                    self._text(doc, piece.start, piece.end),
                    "country",
                    "dictionary",
                    None,
                )
        if is_igo_code(code) and kind != "person":
            kind = "igo"
        elif kind == "organisation" and code is not None and is_country_code(code):
            kind = "country"
        role = None
        if kind == "person":
            title = self._title(doc, piece)
            if title is not None:
                role = title.phrase
                if code is not None:
                    code = _titled(code, title.code)
        return self._make(
            piece.start, piece.end, code, self._name(doc, piece), kind, "dictionary", role
        )

    def _city_place(self, doc: Doc, piece: Piece, record) -> bool:
        text = self._text(doc, piece.start, piece.end)
        if record.kind == "capital" or text.lower() == record.name.lower():
            return False  # a capital stands for its country; the country's own name
        key = self._key(doc, piece.start, piece.end)
        if self.lexicon.towns.get(key) != country_of(choose_code(record.codes, None)):
            return False  # not a town of the entry's country ("Trinidad" of Trinidad and Tobago)
        return _suffers(doc, piece)

    def _make(
        self,
        start: int,
        end: int,
        code: str | None,
        name: str | None,
        kind: str | None,
        rule: str,
        role: str | None,
    ) -> Draft:
        return Draft(
            start=start,
            end=end,
            code=code,
            country=country_of(code),
            sector=sector_of(code),
            name=name,
            kind=kind,
            rule=rule,
            role=role,
        )

    def _agent_kind(self, agent: Piece) -> str:
        if agent.plural:
            return "group"
        phrase = self.lexicon.agents[agent.index].phrase
        return "person" if phrase.split()[-1] in PERSON_ROLES else "organisation"

    def _name(self, doc: Doc, piece: Piece) -> str:
        text = self._text(doc, piece.start, piece.end)
        if piece.kind != "actor":
            return text
        name = self.lexicon.actors[piece.index].name
        return text if text.lower() == name.lower() else name

    def _owner_country(self, doc: Doc, owner: Piece | None) -> str | None:
        if owner is None:
            return None
        if owner.kind == "actor":
            return country_of(self.actor_code(owner))
        return None


def article_country(drafts: list[Draft]) -> None:
    """A titled person the dictionaries do not know and whose sentence names no country
    ("Finance Minister Jane Doe said") takes the article's dominant country: the country of at
    least three coded mentions and of at least half of all coded national mentions. Recorded
    in ``extra["country_from"]``."""
    counts: dict[str, int] = {}
    for draft in drafts:
        if draft.code is not None and draft.country and is_country_code(draft.country):
            counts[draft.country] = counts.get(draft.country, 0) + 1
    if not counts:
        return
    country = max(counts, key=lambda c: counts[c])
    if counts[country] < 3 or 2 * counts[country] < sum(counts.values()):
        return
    for draft in drafts:
        if (
            draft.kind == "person"
            and draft.code is None
            and draft.country is None
            and draft.sector
            and draft.extra.get("named")
        ):
            draft.country = country
            draft.extra["country_from"] = "article"


def context_country(
    doc: Doc, piece: Piece, countries: dict[int, str], sentence: Span | None = None
) -> str | None:
    """A country written in the entity's own noun phrase, to the left ("Russia's private
    military company Wagner", "Ukrainian rebel leader X") or in an apposition to the right
    ("Wagner, a Russian mercenary group"). ``countries`` maps token index -> country;
    ``sentence`` is the piece's sentence when the caller has it."""
    sentence = sentence if sentence is not None else doc[piece.start].sent
    for i in range(piece.start - 1, max(sentence.start, piece.start - 7) - 1, -1):
        token = doc[i]
        if i in countries:
            return countries[i]
        if token.pos_ in ("VERB", "AUX", "ADP", "CCONJ") or (
            token.is_punct and token.text not in ("-", "\u2013")
        ):
            break
    right = piece.end
    if right < sentence.end and doc[right].text == ",":
        for i in range(right + 1, min(sentence.end, right + 6)):
            token = doc[i]
            if i in countries:
                return countries[i]
            if token.pos_ in ("VERB", "AUX") or token.is_punct:
                break
    return None


LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "around",
        "outside",
        "inside",
        "across",
        "from",
        "to",
        "into",
        "through",
        "throughout",
        "within",
        "toward",
        "towards",
        "via",
        "over",
        "between",
        "of",
    }
)


def _acts(doc: Doc, piece: Piece) -> bool:
    """Whether a capital's mention is an actor (subject, object, agent, possessor) rather than a
    place ("in Moscow") or a modifier ("Moscow talks")."""
    token = doc[piece.start : piece.end].root
    if token.text.isupper() and len(token.text) > 3 and token.is_sent_start:
        return False  # a dateline ("MOSCOW (Reuters) -")
    if token.dep_ == "pobj":
        return token.head.lower_ not in LOCATIVE
    return token.dep_ in ACTING_DEPS


def _suffers(doc: Doc, piece: Piece) -> bool:
    """A place named where something happens to it: "curfew in X", "shelled X" (not "from X",
    an origin, nor "of X")."""
    if doc[piece.start].ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    token = doc[piece.start : piece.end].root
    if token.dep_ == "pobj":
        return token.head.lower_ in LOCATIVE and token.head.lower_ not in ("of", "from")
    return token.dep_ in ("dobj", "nsubjpass")


def _is_place(doc: Doc, draft: Draft) -> bool:
    """A country mention that names a place or modifies a noun ("in Kashmir", "Serbian
    cities"), not one that acts (subject, object, possessor)."""
    token = doc[draft.start : draft.end].root
    if token.dep_ == "pobj":
        return token.head.lower_ in LOCATIVE
    return token.dep_ not in ACTING_DEPS


ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent", "appos", "ROOT"})


def _is_named(draft: Draft) -> bool:
    """A person mention that writes a name (not only a title such as "the emir")."""
    return draft.kind == "person" and (
        draft.extra.get("named", False) or draft.rule in ("dictionary", "ner", "dictionary+title")
    )


def _take_office(person: Draft, title: Draft) -> None:
    person.code, person.country, person.sector = title.code, title.country, title.sector
    person.role = title.role or person.role
    person.extra["apposition"] = True


def _titled_name(doc: Doc, title: Draft, person: Draft) -> bool:
    """ "Qatar's emir, Sheikh Hamad bin Khalifa al-Thani": a name the dictionaries lack, in
    apposition after a coded title without a name, is the title's holder."""
    if title.kind != "person" or title.code is None or _is_named(title):
        return False
    if person.code is not None or not _is_named(person):
        return False
    gap = doc[title.end : person.start]
    return (
        0 < len(gap) <= 3
        and gap[0].text == ","
        and all(t.pos_ in ("PROPN", "NOUN") for t in gap[1:])
    )


def _igo_title_after(doc: Doc, person: Draft, title: Draft) -> bool:
    """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator, ...": a named person in
    apposition with the title of an office in an international organisation acts for it (the
    office the text names wins over the person's national code, as CAMEO coders read it)."""
    if not _is_named(person) or is_igo_code(person.code):
        return False
    if not is_igo_code(title.code) or title.rule != "agent" or _is_named(title):
        return False
    gap = [t.lower_ for t in doc[person.end : title.start]]
    if gap not in ([","], [",", "the"], [",", "a"]):
        return False
    return title.end >= len(doc) or doc[title.end].is_punct or doc[title.end].is_sent_end


def _titled(person_code: str, agent_code: str) -> str:
    """The title written in the text outranks the dictionary's dates: "President Reagan" is
    USAGOV whatever the article date. IGO officials keep their IGO code."""
    if is_igo_code(person_code) or sector_of(person_code) == agent_code[:3]:
        return person_code
    if agent_code[:3] not in {"GOV", "MIL", "JUD", "LEG", "ELI", "OPP", "REB", "COP", "SPY"}:
        return person_code
    return _base(person_code) + agent_code


def _base(code: str) -> str:
    """The country part of a national code: RUS of RUSGOV, SCGSRB of SCGSRBLEG."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    base = chunks[0]
    if base in UNIONS and len(chunks) > 1 and chunks[1] not in SECTORS:
        base += chunks[1]
    return base


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text
