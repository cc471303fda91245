"""Who did it and to whom: the verb's clause regions, subjects, objects and the actors they hold.

Everything here reads the one spaCy parse. A verb's source is its subject (``nsubj``), the agent of a
passive (``by the EU``) or, for a verb with no subject of its own, the subject it shares with the verb
that governs it (``Britain condemned and sanctioned``, ``is about to restore``, ``told Russia to
de-escalate`` makes Russia the subject of de-escalate). Its target is the indirect object (``told
Johnson``), the direct object, a prepositional object of the object (``sanctions on Russia``) or of
the verb (``talks with Gondor``), or the subject of a passive. Coordinated phrases give one actor
each (``Britain and France``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.rules import CLAUSE_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.doc import ActorMention

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
# prepositions that place or time an action rather than name whom it is done to
NON_TARGET_PREPS = frozenset(
    {
        "amid", "amidst", "despite", "during", "after", "before", "since", "until", "till", "as",
        "because", "about", "like", "than", "of", "via", "throughout", "per", "following", "except",
    }
)
INHERIT_DEPS = frozenset({"xcomp", "conj", "pcomp", "advcl", "acomp", "prep", "ccomp"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
NP_SEARCH_SKIP = frozenset(
    {"relcl", "ccomp", "advcl", "acl", "punct", "cc", "conj", "parataxis", "appos"}
)


class ActorIndex:
    """Token index -> the actor mention covering it (the longest), built once per document."""

    def __init__(self, actors: list[ActorMention]) -> None:
        self.by_token: dict[int, ActorMention] = {}
        for mention in actors:
            for i in range(mention.token_start, mention.token_end):
                current = self.by_token.get(i)
                if current is None or (mention.token_end - mention.token_start) > (
                    current.token_end - current.token_start
                ):
                    self.by_token[i] = mention

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)

    def in_phrase(self, head: Token) -> ActorMention | None:
        """The actor of a noun phrase: the one covering its head, else the nearest one inside it."""
        found = self.by_token.get(head.i)
        if found is not None:
            return found
        frontier = [head]
        depth = 0
        while frontier and depth < 4:
            following: list[Token] = []
            for token in frontier:
                for child in token.children:
                    if child.dep_ in NP_SEARCH_SKIP:
                        continue
                    mention = self.by_token.get(child.i)
                    if mention is not None:
                        return mention
                    following.append(child)
            frontier = following
            depth += 1
        # an appositive ("the group, Wagner") or a clause the phrase carries ("roads leading into X")
        for child in head.children:
            if child.dep_ in ("appos", "acl"):
                for token in child.subtree:
                    mention = self.by_token.get(token.i)
                    if mention is not None:
                        return mention
        return None

    def coordinated(self, head: Token) -> list[ActorMention]:
        """One actor for each conjunct of the phrase headed by ``head`` (``Britain and France``)."""
        mentions: list[ActorMention] = []
        for token in conjuncts(head):
            mention = self.in_phrase(token)
            if mention is not None and all(mention is not m for m in mentions):
                mentions.append(mention)
        return mentions


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


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def subject_heads(verb: Token) -> list[Token]:
    """The subject of the verb, or the one it shares with its governing verb."""
    token = verb
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            subject = subjects[0]
            if token.dep_ == "relcl" and subject.lower_ in RELATIVE_PRONOUNS:
                return [token.head]
            return [subject]
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [token.head]
        if token.dep_ == "xcomp":
            # object control: "told Russia to de-escalate" -> Russia de-escalates
            objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative", "iobj")]
            if objects:
                return [objects[0]]
        if token.dep_ not in INHERIT_DEPS or token.head is token:
            return []
        if token.dep_ == "ccomp" and token.head.pos_ in ("VERB", "AUX"):
            return []
        token = token.head
    return []


def agent_heads(verb: Token) -> list[Token]:
    """``by X`` of a passive verb."""
    heads = []
    for child in verb.children:
        if child.dep_ == "agent":
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    return heads


def object_heads(verb: Token) -> list[Token]:
    """Candidate target phrase heads in order of preference."""
    datives: list[Token] = []
    objects: list[Token] = []
    object_preps: list[Token] = []
    verb_preps: list[Token] = []
    for child in verb.children:
        if child.dep_ in DATIVE_DEPS:
            if child.pos_ == "ADP":  # "told to Y"
                datives.extend(c for c in child.children if c.dep_ == "pobj")
            else:
                datives.append(child)
        elif child.dep_ in OBJECT_DEPS:
            objects.append(child)
            for grandchild in child.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ not in NON_TARGET_PREPS:
                    object_preps.extend(c for c in grandchild.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ not in NON_TARGET_PREPS:
            verb_preps.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prt":
            continue
    return datives + objects + object_preps + verb_preps


def clause_region(verb: Token, *, before: bool) -> list[Token]:
    """Tokens of the verb's own clause on one side of it (embedded clauses left out)."""
    collected: list[Token] = []
    stack = [c for c in verb.children if (c.i < verb.i) == before and c.dep_ not in CLAUSE_DEPS]
    while stack:
        token = stack.pop()
        collected.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            stack.append(child)
    if before and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        for head in subject_heads(verb):
            collected.extend(t for t in head.subtree if t.dep_ not in CLAUSE_DEPS)
    collected.sort(key=lambda t: t.i)
    return collected
