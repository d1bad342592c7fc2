"""Ranges on quantities the list does not name: "axial length of 22-26 mm".

Round 15 (the general reading of issue 12's thresholds, not one more name): where no other
threshold read it, a range "<n>-<m> <unit>" ("n to m", "between n and m", a unit after each
value or after the second only) right after a noun phrase ("of", "between", "from" or a colon
between them) is a `between` threshold on that phrase, named as kg.criteria.unnamed names one
(its precision rules hold: a real unit, never a time unit, so no age nor period; a phrase that
holds a known quantity is left to kg.criteria.thresholds; a measurement named before how it is
taken). The second value must be the larger.

>>> [(c.quantity, c.op.value, c.value, c.value2, c.unit, c.text)
...  for c in unnamed_ranges("Axial length of 22-26 mm in the study eye", [])]
[('axial length', 'between', 22, 26, 'mm', 'Axial length of 22-26 mm')]
>>> unnamed_ranges("aged 18-65 years", []), unnamed_ranges("received 10-20 mg daily", [])
([], [])
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, UNIT_PATTERN, number, ucum
from kg.criteria.model import Constraint, ConstraintType, Op, span_free
from kg.criteria.quantities import find_quantities
from kg.criteria.unnamed import measured

_TIME = frozenset({"a", "mo", "wk", "d", "h"})
_HINT = re.compile(r"\d\s*[^\s\d]{0,12}\s*(?:-|–|to|and)\s*\d")
_LEAD = re.compile(r"(?:\b(?:of|between|from)\s+|:\s*)$", re.IGNORECASE)  # before the range
_RANGE = re.compile(
    rf"(?<![\d.,/])(?P<a>{NUMBER})\s*(?P<unit_a>{UNIT_PATTERN})?"
    rf"\s*(?:-|–|to|and)\s*(?P<b>{NUMBER})(?![\d.,]?\d)\s*(?P<unit>{UNIT_PATTERN})",
    re.IGNORECASE,
)


def unnamed_ranges(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the ranges on unnamed quantities no constraint in it covers."""
    found: list[Constraint] = []
    if _HINT.search(text) is None:  # cheap first: two numbers around a range word
        return out
    for m in _RANGE.finditer(text):
        unit = ucum(m.group("unit"))
        if unit is None or unit in _TIME or not span_free(out + found, m.start(), m.end()):
            continue
        if m.group("unit_a") and ucum(m.group("unit_a")) != unit:
            continue
        low, high = number(m.group("a")), number(m.group("b"))
        if not low < high:
            continue
        lead = _LEAD.search(text, max(0, m.start() - 10), m.start())
        named = measured(text, lead.start() if lead else m.start())
        if named is None:
            continue
        quantity, start = named
        if find_quantities(text[start : m.start()]):
            continue  # "blood pressure of 60-90 beats/min": a known name, its rules decide
        end = m.start("unit") + len(m.group("unit").rstrip())
        found.append(Constraint(ConstraintType.THRESHOLD, start, end, text[start:end],
                                op=Op.BETWEEN, value=low, value2=high, unit=unit,
                                quantity=quantity))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
