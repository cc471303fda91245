"""Who did it and to whom: the verb's clause regions, subjects, objects and the actors they hold.

Everything here reads the one spaCy parse.
A verb's source is its subject (``nsubj``), the agent of a
passive (``by the EU``) or,
for a verb with no subject of its own, the subject it shares with the verb
that governs it (``Britain condemned and sanctioned``, ``is about to restore``, ``told Russia to
de-escalate`` makes Russia the subject of de-escalate). Its target is the indirect object (``told
Johnson``), the direct object, a prepositional object of the object (``sanctions on Russia``) or of
the verb (``talks with Gondor``), or the subject of a passive. Coordinated phrases give one actor
each (``Britain and France``).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.strings import get_string_id

from eventwire.events.rules import CLAUSE_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.doc import ActorMention
    from eventwire.events.view import DocumentView

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
# prepositions that place or time an action rather than name whom it is done to
NON_TARGET_PREPS = frozenset(
    {
        "amid",
        "amidst",
        "despite",
        "during",
        "after",
        "before",
        "since",
        "until",
        "till",
        "as",
        "because",
        "like",
        "than",
        "via",
        "throughout",
        "per",
        "following",
        "except",
    }
)
LOCATIVE_PREPS = frozenset(
    {"at", "in", "inside", "outside", "near", "across", "around", "within", "throughout"}
)
ADDRESS_LEMMAS = frozenset({"tell", "say", "inform", "brief", "address", "speak", "write", "ask"})
INHERIT_DEPS = frozenset({"xcomp", "conj", "pcomp", "advcl", "acomp", "prep", "ccomp"})
# verbs whose object is the subject of their infinitive ("urged Beijing to release")
OBJECT_CONTROL_LEMMAS = frozenset(
    {
        "tell",
        "ask",
        "urge",
        "order",
        "force",
        "allow",
        "permit",
        "persuade",
        "invite",
        "encourage",
        "warn",
        "advise",
        "request",
        "require",
        "instruct",
        "press",
        "pressure",
        "help",
        "want",
        "expect",
        "call",
        "appeal",
        "compel",
        "oblige",
        "push",
        "enable",
        "authorize",
        "authorise",
        "direct",
        "command",
        "beg",
        "challenge",
        "dare",
        "remind",
        "demand",
    }
)
# prepositions inside a noun phrase that name someone the phrase's actor deals with, not the actor
PARTNER_PREPS = frozenset({"with", "against", "on", "into", "toward", "towards", "versus"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# nouns for what someone issues, whose content is the author's act ("issued a declaration
# demanding that ...": the one who issued it demands)
STATEMENT_NOUNS = frozenset(
    {"statement", "declaration", "communique", "communiqué", "letter", "message", "appeal",
     "resolution", "decree", "ultimatum", "note", "report", "memorandum"}
)  # fmt: skip
NP_SEARCH_SKIP = frozenset(
    {"relcl", "ccomp", "advcl", "acl", "punct", "cc", "conj", "parataxis", "appos"}
)


class ActorIndex:
    """Token index -> the actor mention covering it (the longest), built once per document."""

    def __init__(self, actors: list[ActorMention]) -> None:
        self.coded_starts = sorted(m.token_start for m in actors if m.code or m.country)
        self.by_token: dict[int, ActorMention] = {}
        for mention in actors:
            for i in range(mention.token_start, mention.token_end):
                current = self.by_token.get(i)
                if current is None or (mention.token_end - mention.token_start) > (
                    current.token_end - current.token_start
                ):
                    self.by_token[i] = mention

    def has_coded(self, start: int, end: int) -> bool:
        """Is there a coded actor mention starting in tokens ``start``..``end - 1``?"""
        position = bisect_left(self.coded_starts, start)
        return position < len(self.coded_starts) and self.coded_starts[position] < end

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)

    def in_phrase(self, head: Token, *, partners: bool = True) -> ActorMention | None:
        """The actor of a noun phrase: the one covering its head, else the nearest one inside it.

        A coded mention is preferred to an uncoded one (``Soldiers`` in ``Soldiers from Gondor``),
        and of a name and the title before it the more specific code (``Bree Prime Minister``
        BREGOV over ``Romendacil`` BRE).
        """
        found = self.by_token.get(head.i)
        if found is not None and found.code:
            for child in head.children:
                if child.dep_ not in ("compound", "appos") or child.i >= head.i:
                    continue
                modifier = self.by_token.get(child.i)
                if (
                    modifier is not None
                    and modifier.code
                    and modifier.code[:3] == found.code[:3]
                    and len(modifier.code) > len(found.code)
                ):
                    return modifier
            return found
        fallback = found
        frontier = [head]
        depth = 0
        while frontier and depth < 4:
            following: list[Token] = []
            for token in frontier:
                for child in token.children:
                    if child.dep_ in NP_SEARCH_SKIP or child.lower_ == "based":
                        continue  # "a London-based group" is not London
                    if not partners and child.dep_ == "prep" and child.lower_ in PARTNER_PREPS:
                        continue  # subject "talks with the West", "tensions with Ukraine"
                    mention = self.by_token.get(child.i)
                    if mention is not None and mention is not found:
                        if mention.code:
                            return mention
                        fallback = fallback or mention
                    following.append(child)
            frontier = following
            depth += 1
        # an appositive ("the group, Wagner") or a participle the phrase carries ("roads leading
        # into X"), one level deep: not the clauses inside those
        for child in head.children:
            if child.dep_ == "acl" and _infinitival(child):
                continue  # "talks to curb NATO expansion": a purpose, not the phrase's actor
            if child.dep_ in ("appos", "acl"):
                for token in _shallow_subtree(child, skip=("agent",)):
                    mention = self.by_token.get(token.i)
                    if mention is not None and mention.code:
                        return mention
        return fallback

    def coordinated(self, head: Token, *, partners: bool = True) -> list[ActorMention]:
        """One actor for each conjunct of the phrase headed by ``head`` (``Britain and France``,
        ``ties with Mordor, Rohan and Bree`` where the conjuncts hang under the actor found).
        ``partners=False`` (for a subject) leaves out the partners a phrase names ("tensions with
        Ukraine" as a subject is no act of Ukraine's)."""
        mentions: list[ActorMention] = []

        def add(mention: ActorMention | None) -> bool:
            if mention is None or any(mention is m for m in mentions):
                return False
            mentions.append(mention)
            return True

        for token in conjuncts(head):
            mention = self.in_phrase(token, partners=partners)
            if add(mention) and mention is not None:
                # "the ambassadors of Arnor, Osgiliath and Gondor": conjuncts of a word inside
                # the mention that lie outside it
                doc = token.doc
                for inner in doc[mention.token_start : mention.token_end]:
                    for conjunct in conjuncts(inner)[1:]:
                        if conjunct.i != token.i and not (
                            mention.token_start <= conjunct.i < mention.token_end
                        ):
                            add(self.in_phrase(conjunct, partners=partners))
        return mentions


def _infinitival(verb: Token) -> bool:
    """A ``to`` infinitive ("talks to curb"), as opposed to a participle ("roads leading to")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_owner(noun: Token) -> bool:
    """Does the noun name whose it is ("Russia's plan", "a US offer", "the EU's proposal")?"""
    return any(
        child.dep_ in ("poss", "compound", "amod", "nmod")
        and child.i < noun.i
        and (child.pos_ == "PROPN" or (child.pos_ == "ADJ" and child.text[:1].isupper()))
        for child in noun.children
    )


def _shallow_subtree(token: Token, skip: tuple[str, ...] = ()) -> list[Token]:
    """A phrase's tokens without the clauses and participles nested in it (nor the phrases
    labelled ``skip``: the agent of "a ceasefire brokered by Egypt" is no party to it)."""
    result = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in ("relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis", *skip):
            continue
        result.append(child)
        stack.extend(child.children)
    return sorted(result, key=lambda t: t.i)


NOUN_MODIFIER_DEPS = frozenset({"det", "nummod", "amod", "compound", "quantmod", "poss", "case"})


def prep_objects(prep: Token) -> list[Token]:
    """Object heads of a preposition: ``on Russia``, or ``on neighbouring Ukraine`` (a pcomp)."""
    heads: list[Token] = []
    for child in prep.children:
        if child.dep_ == "pobj":
            heads.append(child)
        elif child.dep_ == "pcomp":
            objects = [c for c in child.children if c.dep_ in ("dobj", "pobj")]
            heads.extend(objects or [child])
        elif child.dep_ == "conj" and child.pos_ == "ADP":
            heads.extend(prep_objects(child))  # "sanctions on Iran and on Syria"
    if not heads and prep.dep_ == "prep" and not any(True for _ in prep.children):
        # "granted asylum to five Panamanian army officers holed up in ...": the parser made the
        # preposition's object the subject of the clause that follows it
        for token in prep.doc[prep.i + 1 : prep.i + 8]:
            if token.dep_ in NOUN_MODIFIER_DEPS:
                continue
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
                heads.append(token)
            break
    return heads


def conjuncts(head: Token) -> list[Token]:
    result = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "conj" and child not in result:
                result.append(child)
                stack.append(child)
    return result


STATIVE_PASSIVE_LEMMAS = frozenset({"oppose"})


def is_passive(verb: Token) -> bool:
    """A passive verb; "Israel is opposed to X" (a state of the subject's, with no agent) is not
    one: Israel is the one opposing."""
    if (
        verb.lemma_.lower() in STATIVE_PASSIVE_LEMMAS
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    ):
        return False
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def subject_heads(verb: Token) -> list[Token]:
    """The subject of the verb, or the one it shares with its governing verb."""
    speaker = _participle_speaker(verb)
    if speaker:
        return speaker
    token = verb
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            if token.dep_ == "relcl" and subjects[0].lower_ in RELATIVE_PRONOUNS:
                return [token.head]
            return subjects
        if token.dep_ == "acl" and _infinitival(token):
            # "Moscow wants talks with the West to curb NATO expansion": the purpose is that of
            # the one who wants the talks, the subject of the verb the noun depends on
            noun = token.head
            if _has_owner(noun):
                return [noun]  # "a US offer to host a summit": the offer's owner hosts
            if noun.dep_ in ("dobj", "obj", "pobj", "attr") and noun.head.i != noun.i:
                token = noun.head if noun.dep_ != "pobj" else noun.head.head
                continue
            return []
        if (
            token.dep_ == "acl"
            and token.head.lemma_.lower() in STATEMENT_NOUNS
            and token.head.dep_ in ("dobj", "obj")
            and token.head.head.pos_ in ("VERB", "AUX")
            and not _has_owner(token.head)
        ):
            token = token.head.head  # "X issued a declaration demanding ...": X demands
            continue
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [token.head]
        if (
            token.dep_ == "xcomp" or (token.dep_ == "advcl" and _infinitival(token))
        ) and token.head.lemma_.lower() in OBJECT_CONTROL_LEMMAS:
            # object control: "told Russia to de-escalate" -> Russia de-escalates (the small
            # model often hangs the infinitive as an adverbial clause: "demanded parties ...
            # to allow")
            objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative", "iobj")]
            if objects:
                return [objects[0]]
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            # "warned the West against sending", "banned women from attending", "accused China
            # of harassing", "praised Kenya for hosting": the one the verb is done to is the
            # one acting (not so "responded by attacking": the responder attacks)
            governor = token.head.head
            if token.head.lower_ in OBJECT_PREPS or governor.lemma_.lower() in (
                OBJECT_CONTROL_LEMMAS | PREVENTING_LEMMAS
            ):
                objects = [c for c in governor.children if c.dep_ in ("dobj", "dative")]
                if objects and governor.pos_ in ("VERB", "AUX"):
                    return [objects[0]]
        if token.dep_ not in INHERIT_DEPS or token.head is token:
            return []
        if token.dep_ == "ccomp" and token.head.pos_ in ("VERB", "AUX"):
            return []
        token = token.head
    return []


# prepositions of "V X of / for / from / against doing": X does it
OBJECT_PREPS = frozenset({"of", "for", "from", "against"})
# verbs that keep their object from an action ("barred the opposition from standing")
PREVENTING_LEMMAS = frozenset(
    {"prevent", "stop", "bar", "ban", "keep", "discourage", "prohibit", "block"}
)


SPEAKING_PARTICIPLES = frozenset(
    {"saying", "adding", "stressing", "warning", "insisting", "noting", "arguing", "claiming"}
)


def _participle_speaker(verb: Token) -> list[Token]:
    """The speaker of a participle of saying after a comma (", saying ..."): the subject of the
    clause just before it ("a demand the NATO chief has rejected, saying ..."), which the small
    model often hangs the participle away from (on the sentence's main verb)."""
    if verb.lower_ not in SPEAKING_PARTICIPLES or verb.tag_ != "VBG":
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    if verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return []
    sentence_start = verb.sent.start
    for i in range(verb.i - 2, sentence_start - 1, -1):
        token = verb.doc[i]
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        subjects = [
            c
            for c in token.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS
        ]
        if subjects:
            return subjects
        if token.dep_ not in ("relcl", "acl", "xcomp", "conj"):
            return []  # the nearest verb names no subject of its own: keep the parse's reading
    return []


def agent_heads(verb: Token) -> list[Token]:
    """``by X`` of a passive verb."""
    heads = []
    for child in verb.children:
        if child.dep_ == "agent":
            heads.extend(prep_objects(child))
    return heads


def object_heads(verb: Token) -> list[Token]:
    """Candidate target phrase heads in order of preference."""
    datives: list[Token] = []
    objects: list[Token] = []
    object_preps: list[Token] = []
    verb_preps: list[tuple[str, Token]] = []
    for child in verb.children:
        if child.dep_ in DATIVE_DEPS:
            if child.pos_ == "ADP":  # "told to Y", "sent troops to Syria and to Libya"
                datives.extend(c for c in prep_objects(child) if c.dep_ == "pobj")
            else:
                datives.append(child)
        elif child.dep_ in OBJECT_DEPS:
            objects.append(child)
            for grandchild in child.children:
                if (
                    grandchild.dep_ == "prep"
                    and grandchild.lower_ not in NON_TARGET_PREPS
                    and grandchild.lower_ not in ("of", "about")
                ):
                    object_preps.extend(prep_objects(grandchild))
        elif child.dep_ == "prep" and child.lower_ not in NON_TARGET_PREPS:
            verb_preps.extend((child.lower_, h) for h in prep_objects(child))
        elif child.dep_ == "prt":
            continue
    # "protested in Cairo against the government": whom an action is aimed at ("against", "on",
    # "to") before where it happens ("in", "at")
    verb_preps.sort(key=lambda item: item[0] in LOCATIVE_PREPS)
    if (datives or objects) and verb.lemma_.lower() in ADDRESS_LEMMAS:
        # "told service members at a base in Florida": with an addressee named, the place
        # where one speaks is not the target (but "fired shells at Seoul" is)
        verb_preps = [(p, h) for p, h in verb_preps if p not in LOCATIVE_PREPS]
    return datives + objects + object_preps + [h for _p, h in verb_preps]


def for_clause(token: Token) -> bool:
    """A clause opened by ``for`` ("called for Russia to withdraw", "pushing for the US to
    support"): what someone asks of another, the object of the verb it hangs on."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in token.children
    )


FOR_ID = get_string_id("for")
VERB_POS_IDS = frozenset({get_string_id("VERB"), get_string_id("AUX")})
CLAUSE_DEP_IDS = frozenset(get_string_id(d) for d in CLAUSE_DEPS)
SUBJECT_DEP_IDS = frozenset(get_string_id(d) for d in SUBJECT_DEPS)
ADVCL_ID = get_string_id("advcl")
MARK_ID = get_string_id("mark")
CONJ_ID = get_string_id("conj")


def subjects_in(view: DocumentView, verb: Token) -> list[Token]:
    """``subject_heads`` remembered per verb for the document (read, never changed)."""
    found = view.subjects.get(verb.i)
    if found is None:
        found = view.subjects[verb.i] = subject_heads(verb)
    return found


def clause_region_in(view: DocumentView, verb: Token, *, before: bool) -> list[Token]:
    """Tokens of the verb's own clause on one side of it (embedded clauses left out; the ``for``
    that opens a clause of what is asked stays, so that "called for Russia to ..." is "(FOR)"),
    read from the document's arrays: a token is created only for the tokens of the region."""
    children = view.children
    deps = view.dep_ids
    pos_ids = view.pos_ids
    lower_ids = view.lower_ids
    v = verb.i
    stack = [c for c in children[v] if (c < v) == before and deps[c] not in CLAUSE_DEP_IDS]
    if not before:
        for c in children[v]:
            if c > v and deps[c] == ADVCL_ID:
                # for_clause(c) holds exactly when the clause has such a mark
                stack.extend(
                    m for m in children[c] if deps[m] == MARK_ID and lower_ids[m] == FOR_ID
                )
    collected: list[int] = []
    while stack:
        i = stack.pop()
        collected.append(i)
        for child in children[i]:
            dep = deps[child]
            if dep in CLAUSE_DEP_IDS or (dep == CONJ_ID and pos_ids[child] in VERB_POS_IDS):
                continue
            stack.append(child)
    doc = view.doc
    tokens = [doc[i] for i in collected]
    if before and not any(deps[c] in SUBJECT_DEP_IDS for c in children[v]):
        for head in subjects_in(view, verb):
            # the subject's own phrase: "the group that is believed to be serving X" stops at
            # "the group" (the clause under it is another clause)
            phrase = [head.i]
            for i in phrase:
                phrase.extend(c for c in children[i] if deps[c] not in CLAUSE_DEP_IDS)
            tokens.extend(doc[i] for i in phrase if deps[i] not in CLAUSE_DEP_IDS)
    tokens.sort(key=lambda t: t.i)
    return tokens
