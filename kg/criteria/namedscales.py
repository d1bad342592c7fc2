"""Scores on a scale named around the value: the value before the scale it is on, and the stages
of a scale named after two people.

Round 16 (heldout15; the gold rules: scale scores are thresholds without a unit, "Added for
heldout6"):
- A comparison and a value before "on (the) <scale>" is a threshold on that scale ("> 11 on
  Geriatric Depression Scale Short Form, GDS-15", "< 23 on Montreal Cognitive Assessment,
  MoCA"): the scale is a run of capitalised words ending in a scale word (Scale, Assessment,
  Inventory, Questionnaire, Index, Score, Test, Examination), words after it kept while
  capitalised ("Short Form"), or an abbreviation alone ("≥ 10 on the PHQ-9"); an abbreviation
  after a comma or in parentheses right after is the quantity ("GDS-15", "MoCA"), else the
  name. A value with a unit is no score.
- A stage, grade or score range (or comparison) after two capitalised names joined by "&" or
  "and" ("Hoehn \\& Yahr stage 2 - 3.5", CT.gov's escaped "&" too) is a threshold on that
  eponymous scale, named "<first> and <second>" (`between` 2 and 3.5).

>>> t = "severe depression (> 11 on Geriatric Depression Scale Short Form, GDS-15)"
>>> [(c.quantity, c.op.value, c.value, c.text) for c in named_scales(t, [])]
[('GDS-15', '>', 11, '> 11 on Geriatric Depression Scale Short Form, GDS-15')]
>>> t = "< 23 on Montreal Cognitive Assessment"
>>> [(c.quantity, c.op.value, c.value) for c in named_scales(t, [])]
[('Montreal Cognitive Assessment', '<', 23)]
>>> t = "Parkinson's Disease (Hoehn \\\\& Yahr stage 2 - 3.5)"
>>> [(c.quantity, c.op.value, c.value, c.value2) for c in named_scales(t, [])]
[('Hoehn and Yahr', 'between', 2, 3.5)]
>>> [(c.quantity, c.op.value, c.value) for c in named_scales("score ≥ 10 on the PHQ-9", [])]
[('PHQ-9', '>=', 10)]
>>> named_scales("pain > 3 on a scale of 0 to 10", []), named_scales("> 5 mg on the Day 1", [])
([], [])
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of
from kg.criteria.model import Constraint, ConstraintType, Op

_CAP = r"[A-Z][\w'-]*"
_ON_SCALE = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})(?![\d.,]?\d)(?!\s*(?:{UNIT_PATTERN}))"
    rf"\s+(?:points?\s+)?on\s+(?:the\s+)?"
    rf"(?P<name>(?:{_CAP}\s+){{0,5}}(?:Scale|Assessment|Inventory|Questionnaire|Index|Score|Test"
    rf"|Examination)(?:\s+{_CAP}){{0,3}}|[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*(?:-\d+)?)\b(?!-)"
    r"(?:\s*(?:,\s*|\(\s*)(?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\b(?![ \t]+[a-z]))?"
)
_EPONYM = re.compile(
    rf"\b(?P<first>[A-Z][a-z]+)\s*(?:\\?&|and)\s*(?P<second>[A-Z][a-z]+)\s+"
    r"(?i:stages?|grades?|scores?|class(?:es)?)\s*(?:of\s+)?"
    rf"(?:(?P<a>{NUMBER})\s*(?:-|–|to)\s*(?P<b>{NUMBER})|(?P<op>{OP_PATTERN})\s*(?P<n>{NUMBER}))"
    r"(?![\d.,]?\d)"
)


def named_scales(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the scale scores of the module doc that no threshold in it covers."""
    found: list[Constraint] = []
    for m in _ON_SCALE.finditer(text) if " on " in text else ():
        if any(c.start < m.end() and m.start() < c.end for c in out + found):
            continue
        quantity = m.group("abbr") or " ".join(m.group("name").split())
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(),
                                op=op_of(m.group("op")), value=number(m.group("a")),
                                quantity=quantity))  # fmt: skip
    for m in _EPONYM.finditer(text) if "&" in text or "and" in text else ():
        if any(c.start < m.end() and m.start() < c.end for c in out + found):
            continue
        quantity = f"{m.group('first')} and {m.group('second')}"
        if m.group("op") is not None:
            op, value, value2 = op_of(m.group("op")), number(m.group("n")), None
        else:
            op, value, value2 = Op.BETWEEN, number(m.group("a")), number(m.group("b"))
            if value2 <= value:
                continue
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(), op=op,
                                value=value, value2=value2, quantity=quantity))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
