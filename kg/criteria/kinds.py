"""Round 17 (heldout16): what a mention is by the words around it (kg.criteria.mentions).

- *"anti-<disease>"*, after one lower-case word at most ("systemic anti-cancer therapy"), names
  a drug class ("anti-cancer therapy", "anti-tuberculosis drugs"), not the disease; an
  antibody or a test for a virus ("anti-hepatitis C virus") stays what it was. The "therapy"
  that "therapy with" cut off is taken back ("anti-cancer therapy with the exceptions").
- *A listed surgery*: a bare "surgery" that is an item of a list ("disease, surgery, or",
  "(chemo, radiation, surgery)") is the person's surgery; alone or after "of" / "after" ("at
  the time of surgery or within 30 days of surgery") it is the trial's procedure or a time
  point, no mention.
- *Names of bodies*: a disease word right after "Classification / College / Society /
  Association / Academy / Federation / Manual of (in, for)" or "Criteria in" is in a name (the
  gold rules, heldout8: "International Classification of Headache Disorders", "Response
  Evaluation Criteria in Solid Tumors", "American College of Rheumatology"); "Criteria for
  Fibromyalgia" names the diagnosis.
- *A drug word leading a participle* ("agents specifically targeting T-cell co-stimulation"):
  the drug word's length, for the relative clause reading of kg.criteria.mentions.

>>> anti_class("anti-cancer"), anti_class("anti-hepatitis C virus")
(True, False)
>>> t = "caused by disease, surgery, or trauma; at the time of surgery"
>>> listed_surgery(t, 19, 26), listed_surgery(t, t.rindex("surgery"), len(t))
(True, False)
"""

from __future__ import annotations

import re

_ANTI = re.compile(
    r"(?:[a-z]+\s+)?anti-(?!.*\b(?:antibod(?:y|ies)|positive|negative|virus|antigen)\b)",
    re.IGNORECASE,
)
_HEAD_AFTER = re.compile(r"\s+(?:therapy|therapies|treatments?)\b", re.IGNORECASE)
_SURGERY = re.compile(r"surger(?:y|ies)", re.IGNORECASE)
_LIST_BEFORE = re.compile(r"(?:,|\b(?:or|and))\s*$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"\s*(?:,\s*\w|(?:or|and)\b)", re.IGNORECASE)
_TIME_POINT = re.compile(
    r"\b(?:of|after|before|to|at|from|since|until|following)\s+$", re.IGNORECASE
)
_NAME_WORDS = re.compile(
    r"Classification|College|Society|Association|Academy|Federation|Manual|Criteria"
)
_NAME_BEFORE = re.compile(
    r"\b(?:(?:Classification|College|Society|Association|Academy|Federation|Manual)\s+"
    r"(?:of|in|for)|Criteria\s+in)\s+(?:the\s+)?$"
)
# tried only on a phrase starting as a drug word does (cost)
_DRUG_LEAD_START = frozenset({"dr", "Dr", "DR", "me", "Me", "ME", "ag", "Ag", "AG"})
_DRUG_LEAD = re.compile(
    r"(?:drugs?|meds|medications?|medicines?|agents?)(?=\s+\w+ing\b|\s+\w+ly\s)", re.I
)


def anti_class(phrase: str) -> bool:
    """The phrase (read as a condition) is an "anti-<disease>" drug class."""
    return _ANTI.match(phrase) is not None


def head_after(text: str, end: int) -> int:
    """The end of a "therapy" / "treatment" right after ``end``, else 0."""
    m = _HEAD_AFTER.match(text, end)
    return 0 if m is None else m.end()


def listed_surgery(text: str, start: int, end: int) -> bool:
    """A bare "surgery" listed with other items, not after "of" / "after" (a time point)."""
    return (
        _SURGERY.fullmatch(text, start, end) is not None
        and _TIME_POINT.search(text, max(0, start - 12), start) is None
        and (
            _LIST_BEFORE.search(text, max(0, start - 6), start) is not None
            or _LIST_AFTER.match(text, end) is not None
        )
    )


def may_name(text: str) -> bool:
    """The text holds a word a name of a body needs (a cheap test before :func:`in_a_name`)."""
    return _NAME_WORDS.search(text) is not None


def in_a_name(text: str, start: int) -> bool:
    """The phrase at ``start`` follows "Classification of", "Criteria in", … (a name's part)."""
    return _NAME_BEFORE.search(text, max(0, start - 40), start) is not None


def drug_lead(phrase: str) -> int:
    """The length of a drug word leading a participle ("agents specifically …"), else 0."""
    if phrase[:2] not in _DRUG_LEAD_START:
        return 0
    m = _DRUG_LEAD.match(phrase)
    return 0 if m is None else m.end()
