"""Thresholds without unit on quantities the list does not name: "E/A ratio > 2.0".

Round 15 (the general reading of issue 12's thresholds): where no other threshold read the
value, a comparison sign (`<`, `>`, `≤`, `≥`, `<=`, `>=`; a comparison in words, which counts
episodes and lines as often as it measures, only after a dimensionless name ending in "index",
"ratio", "quotient", "coefficient" or "pH": "Charlson comorbidity index of more than 3"; never a
bare "=" whose direction is lost) and a number with no unit after it (it may be negative: "PHES
≤ -4") is a threshold without unit on the noun phrase right before the comparison, named as
kg.criteria.unnamed names one (its precision rules hold: same clause, no function word, no verb
form, no known quantity). Not when what follows the number is a unit, a time, a multiple, a
slash ("3/min" is a rate kg.criteria.measure does not spell) or another word than a function
word ("> 3750 microns", "< 3 mois": a unit not known), nor when the phrase ends in a word that
names a class, a grade, a stage, a count of something, a statistic or people ("CTCAE grade >=
2", "95% CI > 0.8", "Adults ≥ 18": an age left unread; kg.criteria.scores reads scales), nor
when the phrase is a preposition's complement ("Calgary depression scale for schizophrenia
(CDSS) ≥ 3": the quantity is the longer name), nor when a second value of the clause carries a
unit ("< 21 or > 35 days").

>>> [(c.quantity, c.op.value, c.value, c.unit) for c in unitless("E/A ratio >2.0 at rest", [])]
[('E/A ratio', '>', 2.0, None)]
>>> unitless("greatest dimension >3750 microns", []), unitless("T> 100.5º F", [])
([], [])
>>> unitless("CTCAE grade >= 2", []), unitless("Age > 18", []), unitless("RR >=3/Min", [])
([], [], [])
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of
from kg.criteria.model import Constraint, ConstraintType, span_free
from kg.criteria.quantities import find_quantities
from kg.criteria.unnamed import measured

_SIGN = re.compile(
    rf"(?P<op>[<>]=?|=<|=>|≤|≥|⩽|⩾|(?P<words>{OP_PATTERN}))\s*(?P<neg>[-−]\s*)?(?P<a>{NUMBER})"
    r"(?![\d.,]?\d)"
)
# a comparison in words ("more than 2") counts as often as it measures: only after a phrase that
# ends in a measurement noun of a dimensionless quantity ("Charlson comorbidity index of more
# than 3", "E/A ratio greater than 2")
_DIMENSIONLESS = frozenset({"index", "ratio", "quotient", "coefficient", "ph"})
_AFTER = re.compile(rf"\s*(?:{UNIT_PATTERN}|[%/°º˚×x*^(\[]|times\b|-?fold\b)", re.I)
# a word after the number that is none of these is a unit the extractor does not spell
# ("3750 microns", "3 mois"): not read
_NEXT_WORD = re.compile(r"\s*(?P<w>[^\W\d_]+)")
_FUNCTION = frozenset({
    "and", "or", "in", "at", "on", "for", "with", "without", "if", "of", "the", "than", "by",
    "during", "while", "when", "despite", "after", "before", "as", "under", "is", "are",
})  # fmt: skip
# the phrase is a preposition's complement: the quantity is a longer name not read here
# (round 17: not after "with", which introduces what the person has: "malignant neoplasia …
# with survival rate < 6")
_COMPLEMENT = re.compile(r"\b(?:of|for|in|to|from|on|by)\s+$", re.IGNORECASE)
# a unit after a second value of the clause is the first one's too: not unitless
_SHARED = re.compile(rf"\s*(?:or|and|to|-|–)\s*(?:[<>]=?|≤|≥)?\s*(?:{NUMBER})\s*(?:{UNIT_PATTERN})")
_NOT_LEVELS = frozenset({
    "grade", "grades", "stage", "stages", "class", "classes", "version", "type", "phase", "score",
    "scale", "level", "levels", "group", "n", "number", "point", "points", "item", "items",
    "criterion", "criteria", "cycle", "cycles", "line", "lines", "dose", "doses", "age", "aged",
    "year", "years", "day", "days", "time", "times", "episode", "episodes", "visit", "week",
    "ci", "interval", "p", "value", "values",  # statistics: "95% CI > 0.8", "p < 0.05"
    # people: "Adults ≥ 18", "Children < 12", "infants < 32" are ages or weeks, not levels
    "adult", "child", "children", "infant", "neonate", "newborn", "baby", "babies", "adolescent",
    "teenager", "elderly", "student", "pupil", "smoker", "user", "donor", "recipient", "mother",
    "case", "control", "volunteer",
})  # fmt: skip


def unitless(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the unitless thresholds on unnamed quantities no threshold in it covers."""
    found: list[Constraint] = []
    for m in _SIGN.finditer(text):
        if not span_free(out + found, m.start(), m.end()) or _AFTER.match(text, m.end()):
            continue
        word = _NEXT_WORD.match(text, m.end())
        if word is not None and word.group("w").lower() not in _FUNCTION:
            continue  # "> 3750 microns", "< 3 mois": a unit not known
        named = measured(text, m.start())
        if named is None or len(named[0]) < 2 or named[0].split()[-1].lower() in _NOT_LEVELS:
            continue
        if m.group("words") and (
            named[0].split()[-1].lower() not in _DIMENSIONLESS or m.group("op") in ("=", "*")
        ):
            continue  # words only after a dimensionless name; a bare "=" is a lost sign
        quantity, start = named
        if find_quantities(text[start : m.start()]):
            continue  # "blood pressure of 60-90 beats/min": a known name, its rules decide
        if _COMPLEMENT.search(text, max(0, start - 8), start) or _SHARED.match(text, m.end()):
            continue  # "… scale for schizophrenia (CDSS) ≥ 3"; "< 21 or > 35 days"
        value = -number(m.group("a")) if m.group("neg") else number(m.group("a"))
        found.append(Constraint(ConstraintType.THRESHOLD, start, m.end(), text[start : m.end()],
                                op=op_of(m.group("op")), value=value,
                                quantity=quantity))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
