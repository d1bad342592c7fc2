"""Gestational age written as an ordinal week: "at or beyond the 10th week of gestation".

Round 12 (the heldout11 misses): a limit on the week of a pregnancy spelt as an ordinal is a
threshold on ``gestational age`` in weeks, as "≥37 weeks gestation" is (the gold rules, "Added
for heldout11"): "at or beyond/after" is `>=`, "at or before" `<=`, "before"/"prior to" `<`,
"after"/"beyond" `>`. A week of something else ("the 2nd week of treatment") is not one.

>>> [(c.op.value, c.value, c.unit) for c in gestational_weeks(
...     "deaths of a normal fetus at or beyond the 10th week of gestation, or before the 34th week "
...     "of pregnancy", [])]
[('>=', 10, 'wk'), ('<', 34, 'wk')]
>>> gestational_weeks("from the 2nd week of treatment", [])
[]
"""

from __future__ import annotations

import re

from kg.criteria.model import Constraint, ConstraintType, Op

_OPS = {
    "at or beyond": Op.GE, "at or after": Op.GE, "at or before": Op.LE, "before": Op.LT,
    "prior to": Op.LT, "after": Op.GT, "beyond": Op.GT,
}  # fmt: skip
_WEEK = re.compile(
    r"\b(?P<op>at\s+or\s+(?:beyond|after|before)|before|prior\s+to|after|beyond)\s+(?:the\s+)?"
    r"(?P<n>\d{1,2})(?:st|nd|rd|th)\s+week\s+of\s+(?:gestation|pregnancy)\b",
    re.IGNORECASE,
)


def gestational_weeks(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the ordinal gestational weeks no threshold in it covers."""
    found: list[Constraint] = []
    for m in _WEEK.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        op = _OPS[" ".join(m.group("op").lower().split())]
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(), op=op,
                                value=int(m.group("n")), unit="wk",
                                quantity="gestational age"))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
