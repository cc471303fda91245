"""Stated intentions: "X will provide aid", "X agreed to withdraw", "X plans to invade".

CAMEO codes an announced future action as the intention, not the action: cooperation becomes
"express intent to ..." (root 03) and conflict a threat (root 13). :func:`intent_code` maps a code
to that counterpart, following the parallel numbering of the CAMEO 1.1b3 codebook (04 consult ->
036 intent to meet or negotiate, 073 humanitarian aid -> 0333 intent to provide it, 163 sanctions
-> 1312 threaten with sanctions, 19 fight -> 1384 threaten conventional attack, ...). Verbal codes
(01-02, 09-13) have no such counterpart and stay as they are.

An action is an intention when its verb carries ``will``/``shall`` (or ``would`` inside reported
speech: "Iraq said it would allow..."), or is the complement of a verb of commitment (``agree to``,
``pledge to``, ``offer to``, ``plan to``, ``is ready to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "'ll", "shall"})
COMMITMENT_LEMMAS = frozenset(
    {
        "agree",
        "offer",
        "pledge",
        "promise",
        "vow",
        "commit",
        "plan",
        "intend",
        "decide",
        "prepare",
        "ready",
        "willing",
        "prepared",
        "readiness",
        "willingness",
        "aim",
        "resolve",
        "undertake",
        "propose",
        "seek",
        "want",
        "expect",
        "announce",
    }
)

_EXACT = {
    # material cooperation -> intent to cooperate materially
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    # aid -> intent to provide aid
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    # yield -> intent to yield
    "081": "0351",
    "0811": "0351",
    "0812": "0351",
    "0813": "0351",
    "0814": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "084": "0353",
    "0841": "0353",
    "0842": "0353",
    "085": "0354",
    "086": "0355",
    "0861": "0355",
    "0862": "0355",
    "0863": "0355",
    "087": "0356",
    "0871": "0356",
    "0872": "0356",
    "0873": "0356",
    "0874": "0356",
    "057": "030",
    # reduce relations -> threaten non-force
    "161": "1313",
    "162": "1311",
    "1621": "1311",
    "1622": "1311",
    "1623": "1311",
    "163": "1312",
    # coercion
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "175": "137",
    # force
    "191": "1381",
    "192": "1382",
    "204": "1385",
    "2041": "1385",
    "2042": "1385",
}
_BY_ROOT = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "14": "133",
    "15": "138",
    "16": "131",
    "17": "130",
    "18": "1383",
    "19": "1384",
    "20": "1383",
}


_REJECT_EXACT = {
    "036": "125",
    "038": "126",
    "039": "126",
    "037": "127",
    "081": "1241",
    "082": "1242",
    "084": "1243",
    "0841": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
    "0871": "1246",
    "0872": "1246",
    "0873": "1246",
    "0874": "1246",
    "061": "1211",
    "062": "1212",
    "071": "1221",
    "072": "1222",
    "073": "1223",
    "074": "1224",
}
_REJECT_BY_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}


def refusal_code(code: str) -> str | None:
    """The "reject" (12) counterpart of a cooperative code: what "will not meet" or "would not
    accept" codes (a negated intention to cooperate is a refusal)."""
    if code in _REJECT_EXACT:
        return _REJECT_EXACT[code]
    return _REJECT_BY_ROOT.get(code[:2]) if len(code) >= 2 and code[:2].isdigit() else None


def intent_code(code: str) -> str | None:
    """The "intent to" (03) or "threaten" (13) counterpart of a code, or None when there is none."""
    if code in _EXACT:
        return _EXACT[code]
    return _BY_ROOT.get(code[:2]) if len(code) >= 2 and code[:2].isdigit() else None


def future_aux(trigger: Token, *, in_speech: bool) -> str:
    """``will``/``shall`` on the verb (``would`` too inside reported speech), else ''."""
    for child in trigger.children:
        if child.dep_ != "aux":
            continue
        word = child.lower_
        if word in FUTURE_AUX:
            return word
        if in_speech and word in ("would", "'d"):
            return word
    return ""


def commitment_governor(trigger: Token) -> Token | None:
    """The verb or adjective of commitment whose complement the trigger is (``agreed to X``)."""
    token = trigger
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acl", "pcomp", "advcl") or token.head is token:
            return None
        if token.dep_ == "advcl" and (
            any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            or any(c.dep_ == "mark" and c.lower_ != "to" for c in token.children)
        ):
            return None  # "announced ... after a jet shot down": a clause of its own, no purpose
        head = token.head
        if head.lemma_.lower() in COMMITMENT_LEMMAS:
            return head
        token = head
    return None
