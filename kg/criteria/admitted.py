"""A length of stay so far as a window since admission: "Hospitalized <48 hours".

Round 13 (heldout11's leftover): a hospital stay shorter than a time ("Hospitalized <48 hours",
"hospital admission < 72 hours", "Hospitalized for up to 36h") is a window on the admission,
`within` that time (the gold: NCT04322396 "Hospitalized <48 hours", `within` 48 h, anchor
admission). Only an upper limit right after the stay word: "hospitalized for at least 3 days"
and "hospitalized within the last year" are the period patterns' (kg.criteria.temporal).

>>> [(c.relation.value, c.value, c.unit, c.anchor.value, c.text) for c in
...  admitted("Hospitalized <48 hours", [])]
[('within', 48, 'h', 'admission', 'Hospitalized <48 hours')]
>>> [(c.relation.value, c.value, c.unit) for c in admitted("Hospitalized for up to 36h", [])]
[('within', 36, 'h')]
>>> admitted("hospitalized for at least 3 days", [])
[]
"""

from __future__ import annotations

import re

from kg.criteria.measure import TIME_UNIT_PATTERN, time_unit
from kg.criteria.model import Anchor, Constraint, ConstraintType, Relation

_STAY = re.compile(
    r"\b(?:hospitali[sz]ed|hospital\s+admission|admitted\s+to\s+(?:the\s+)?hospital)\s*"
    r"(?:for\s+)?(?:<|≤|<=|less\s+than\s+|fewer\s+than\s+|no\s+more\s+than\s+|"
    r"not\s+more\s+than\s+|up\s+to\s+)\s*"
    rf"(?P<n>\d{{1,3}})\s*(?P<unit>{TIME_UNIT_PATTERN})",
    re.IGNORECASE,
)


def admitted(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the stays so far that no temporal in it covers."""
    found: list[Constraint] = []
    for m in _STAY.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        found.append(Constraint(ConstraintType.TEMPORAL, m.start(), m.end(), m.group(),
                                value=int(m.group("n")), unit=time_unit(m.group("unit")),
                                relation=Relation.WITHIN, anchor=Anchor.ADMISSION))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
