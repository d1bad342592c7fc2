"""A length of stay so far as a window since admission: "Hospitalized <48 hours".

Round 13 (heldout11's leftover): a hospital stay shorter than a time ("Hospitalized <48 hours",
"hospital admission < 72 hours", "Hospitalized for up to 36h") is a window on the admission,
`within` that time (the gold: NCT04322396 "Hospitalized <48 hours", `within` 48 h, anchor
admission). Only an upper limit right after the stay word: "hospitalized for at least 3 days"
and "hospitalized within the last year" are the period patterns' (kg.criteria.temporal).
Round 15 (heldout14): an expected stay is a future window on the admission ("Expected hospital
stay for < 5 days": `within` 5 d, as heldout12's ICU stay), and "at latest on the second day
after hospital admission" is `within` 2 d, admission.
Round 16 (heldout15): a length of the current stay "at least" a time is anchored on the
admission ("ICU length of stay ≥ 3 days": `at least` 3 d, admission; heldout7's length of care).

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
from dataclasses import replace

from kg.criteria.measure import TIME_UNIT_PATTERN, time_unit
from kg.criteria.model import Anchor, Constraint, ConstraintType, Relation

_STAY = re.compile(
    r"\b(?:hospitali[sz]ed|hospital\s+admission|admitted\s+to\s+(?:the\s+)?hospital"
    r"|(?:(?:expected|anticipated|planned)\s+)?(?:hospital|ICU)\s+stay(?:\s+of)?)\s*"
    r"(?:for\s+)?(?:<|≤|<=|less\s+than\s+|fewer\s+than\s+|no\s+more\s+than\s+|"
    r"not\s+more\s+than\s+|up\s+to\s+)\s*"
    rf"(?P<n>\d{{1,3}})\s*(?P<unit>{TIME_UNIT_PATTERN})",
    re.IGNORECASE,
)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
# round 15: "randomized at latest on the second day after hospital admission": within 2 d
_LATEST = re.compile(
    r"\bat\s+(?:the\s+)?latest\s+(?:on|by)\s+(?:the\s+)?"
    r"(?P<n>first|second|third|fourth|fifth|sixth|seventh|\d{1,2}(?:st|nd|rd|th))\s+"
    r"(?P<unit>day|week)\s+(?:after|following|of)\s+(?:the\s+)?(?:hospital\s+)?"
    r"(?:admission|hospitali[sz]ation)",
    re.IGNORECASE,
)


_LENGTH = re.compile(
    r"\b(?:ICU|hospital|intensive\s+care(?:\s+unit)?)\s+(?:length\s+of\s+)?stay\s*"
    r"(?:of\s+|is\s+|:\s*)?$",
    re.IGNORECASE,
)


def admitted(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the stays so far that no temporal in it covers."""
    out = [
        replace(c, anchor=Anchor.ADMISSION)
        if c.relation is Relation.AT_LEAST and _LENGTH.search(text, max(0, c.start - 40), c.start)
        else c
        for c in out
    ]  # round 16: "ICU length of stay ≥ 3 days"
    found: list[Constraint] = []
    for m in _STAY.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        found.append(Constraint(ConstraintType.TEMPORAL, m.start(), m.end(), m.group(),
                                value=int(m.group("n")), unit=time_unit(m.group("unit")),
                                relation=Relation.WITHIN, anchor=Anchor.ADMISSION))  # fmt: skip
    for m in _LATEST.finditer(text) if "atest" in text else ():
        if any(c.start < m.end() and m.start() < c.end for c in out + found):
            continue
        n = m.group("n").lower()
        found.append(Constraint(ConstraintType.TEMPORAL, m.start(), m.end(), m.group(),
                                value=_ORDINALS.get(n) or int(n[:-2]),
                                unit=time_unit(m.group("unit")), relation=Relation.WITHIN,
                                anchor=Anchor.ADMISSION))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
