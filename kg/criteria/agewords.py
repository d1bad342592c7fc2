"""The words of age limits: numbers and units of age, age cues, person words, signs.

Shared by :mod:`age` (the patterns) and :mod:`agelimits` (the limits read after them).
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN

AGE_N = rf"(?:{NUMBER})"
AGE_UNIT = r"(?:years?|yrs?|y|months?|mos?|weeks?|wks?|days?)\b"
OLD = r"(?:\s*[- ]?\s*(?:old|of\s+age))?"
CUE = (
    r"\b(?:ages?d?|age\s+range)\b(?:\s*(?:is|of|was|must\s+be|should\s+be|range|ranging|"
    r"group|limit|at\s+(?:consent|enrolment|enrollment|screening|inclusion)))*\s*[:：]?\s*"
)
PEOPLE = (
    r"\b(?:adults?|patients?|subjects?|participants?|men|women|males?|females?|children|"
    r"individuals|persons|people|volunteers|boys|girls|adolescents|infants|neonates)\b"
)
RANGE_SEP = r"\s*(?:-|–|—|~|to|and|until|through)\s*"
OR_MORE = r"(?:older|over|above|greater|more|elder)"
OR_LESS = r"(?:younger|under|below|less|lower)"
# "less than (<) 40 years": the sign restated in parentheses after the words
CMP = rf"(?:{OP_PATTERN}|older\s+than|younger\s+than)(?:\s*\(\s*[<>≤≥=]{{1,2}}\s*\))?"

CUE_ONLY = re.compile(r"^\s*(?:ages?d?|age\s+range)\b", re.IGNORECASE)


def unit_of(word: str | None) -> str:
    w = (word or "").lower()
    if w.startswith("mo"):
        return "mo"
    if w.startswith("w"):
        return "wk"
    if w.startswith("d"):
        return "d"
    return "a"


def op_words(op: str) -> str:
    """The comparison words of an operator match, without a restated "(<)"."""
    return " ".join(re.sub(r"\s*\(.*\)\s*$", "", op).lower().split())


def plausible(value: float, unit: str) -> bool:
    return 0 < value <= (130 if unit == "a" else 1600)
