"""Age strata inside a criterion, read with the person noun the gold spans keep (round 9).

- A person noun for the young (children, infants, neonates, babies, toddlers, adolescents)
  directly before a sign and a number of months or years is an age: "infants <12 months",
  "children > 5years".
- The same noun before "N-<M unit" is two limits, `>= N` and `< M`, on one span: "children
  1-<3 years".
- A small number word in a comparison with "years of age" or "years old" is an age: "under
  three years of age".
- A criterion that is only sex words and a sign before a bare two-digit number is an age in
  years: "Male or female >18".

>>> [(c.op.value, c.value, c.unit, c.text) for c in strata("children 1-<3 years: treat")]
[('>=', 1, 'a', 'children 1-<3 years'), ('<', 3, 'a', 'children 1-<3 years')]
>>> [(c.op.value, c.value, c.unit) for c in strata("Male or female >18")]
[('>', 18, 'a')]
>>> strata("children with a CD4 count <500 cells")
[]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, number
from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.screen import any_in, lowered

_YOUNG = r"\b(?:children|child|infants?|neonates?|babies|baby|toddlers?|adolescents?)"
_UNIT = r"(?P<unit>years?|yrs?|months?|mos?)\b"
_SIGN = {"<": Op.LT, ">": Op.GT, "<=": Op.LE, ">=": Op.GE, "≤": Op.LE, "≥": Op.GE}
_BAND = re.compile(
    rf"{_YOUNG}\s+(?:aged\s+)?(?P<a>{NUMBER})\s*-\s*<\s*(?P<b>{NUMBER})\s*{_UNIT}", re.I
)
_CMP = re.compile(
    rf"{_YOUNG}\s+(?:aged\s+)?(?P<op><=|>=|[<>≤≥])\s*(?P<a>{NUMBER})\s*{_UNIT}", re.IGNORECASE
)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORDS = {w: i for i, w in enumerate((*_NUMBER_WORDS, "eleven", "twelve"), start=1)}
WORD_AGE = re.compile(
    rf"\b(?P<op>under|over|younger\s+than|older\s+than|below|above)\s+"
    rf"(?P<a>{'|'.join(_WORDS)})\s+(?P<unit>years?|months?)\s+(?:of\s+age|old)\b",
    re.IGNORECASE,
)
WORD_AGE_UNITS = ("year", "month")  # a word every match of WORD_AGE holds
_YOUNG_WORDS = ("child", "infant", "neonate", "bab", "toddler", "adolescent")  # of _YOUNG
_SIGNS = ("<", ">", "≤", "≥")
_WORD_OPS = {"under": Op.LT, "below": Op.LT, "younger than": Op.LT}
_SEX_ONLY = re.compile(
    r"^\W*(?:males?|females?|men|women)(?:\s*(?:or|and|/)\s*(?:males?|females?|men|women))?"
    r"\s*(?P<op><=|>=|[<>≤≥])\s*(?P<a>\d{2})\s*\W*$",
    re.IGNORECASE,
)


def _unit(word: str) -> str:
    return "mo" if word.lower().startswith("mo") else "a"


def _age(m: re.Match[str], op: Op, value: int | float, unit: str) -> Constraint:
    start = m.start("op") if m.re is _SEX_ONLY else m.start()
    return Constraint(
        ConstraintType.AGE, start, m.end(), m.string[start : m.end()], op=op, value=value,
        unit=unit,
    )  # fmt: skip


def strata(text: str) -> list[Constraint]:
    """The age strata of a criterion text, left to right."""
    out: list[Constraint] = []
    lowered_text = lowered(text)  # the words each pattern needs first (kg.criteria.screen)
    young = any_in(lowered_text, _YOUNG_WORDS)
    for m in _BAND.finditer(text) if young and any_in(lowered_text, ("<",)) else ():
        low, high, unit = number(m.group("a")), number(m.group("b")), _unit(m.group("unit"))
        if high > low:
            out += [_age(m, Op.GE, low, unit), _age(m, Op.LT, high, unit)]
    for m in _CMP.finditer(text) if young and any_in(lowered_text, _SIGNS) else ():
        out.append(_age(m, _SIGN[m.group("op")], number(m.group("a")), _unit(m.group("unit"))))
    for m in WORD_AGE.finditer(text) if any_in(lowered_text, WORD_AGE_UNITS) else ():
        op = _WORD_OPS.get(" ".join(m.group("op").lower().split()), Op.GT)
        out.append(_age(m, op, _WORDS[m.group("a").lower()], _unit(m.group("unit"))))
    whole = _SEX_ONLY.match(text)
    if whole is not None and int(whole.group("a")) > 0:
        out.append(_age(whole, _SIGN[whole.group("op")], int(whole.group("a")), "a"))
    return sorted(out, key=lambda c: c.start)
