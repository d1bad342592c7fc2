"""Life expectancy written as whether the person will survive: "Unlikely to survive for >48 hours".

Round 13 (heldout11's leftover): a prognosis that the person is unlikely, or not expected, to
survive past a time is a ``life expectancy`` threshold at most that time, as "expected survival
time does not exceed 48 hours" is (the gold: EUCTR2020-001162-12-FR "Unlikely to survive for >48
hours from screening", `<=` 48 h): "for >N", "beyond N", "after N", "past N", "more/longer than
N", "> N" or a bare "for N" give `<=`; "for at least N" gives `<`. "Survival time is not expected
to exceed 48 hours" is `<=` too (the comparison word "exceed" under "not expected to").

>>> [(c.op.value, c.value, c.unit, c.text) for c in survival(
...     "In the opinion of the investigator, unlikely to survive for >48 hours from screening", [])]
[('<=', 48, 'h', 'survive for >48 hours')]
>>> [(c.op.value, c.value, c.unit) for c in survival("not expected to survive beyond 7 days", [])]
[('<=', 7, 'd')]
>>> survival("likely to survive for 48 hours", []), survival("unlikely to survive surgery", [])
([], [])
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.criteria.measure import TIME_UNIT_PATTERN, time_unit
from kg.criteria.model import Constraint, ConstraintType, Op

_SURVIVE = re.compile(
    r"\b(?:unlikely|not\s+(?:be\s+)?(?:expected|likely|anticipated))\s+to\s+"
    r"(?P<span>(?:survive|live)\s*"
    r"(?:(?P<least>for\s+at\s+least\s+|for\s+(?:≥|>=)\s*)"
    r"|(?:for\s+)?(?:>\s*|more\s+than\s+|longer\s+than\s+|beyond\s+|after\s+|past\s+|over\s+)"
    r"|for\s+)"
    rf"(?P<n>\d{{1,3}})\s*(?P<unit>{TIME_UNIT_PATTERN}))",
    re.IGNORECASE,
)
_NOT_EXCEED = re.compile(r"\bnot\s+(?:be\s+)?(?:expected|likely|anticipated)\s+to\s+exceed\b", re.I)


def survival(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the survival prognoses no threshold in it covers, and a "not expected to
    exceed" life expectancy read as `<=`."""
    out = [
        replace(c, op=Op.LE)
        if c.quantity == "life expectancy" and c.op is Op.GT and _NOT_EXCEED.search(c.text)
        else c
        for c in out
    ]
    found: list[Constraint] = []
    for m in _SURVIVE.finditer(text):
        start, end = m.span("span")
        if any(c.start < end and start < c.end for c in out):
            continue
        found.append(Constraint(ConstraintType.THRESHOLD, start, end, m.group("span"),
                                op=Op.LT if m.group("least") else Op.LE,
                                value=int(m.group("n")), unit=time_unit(m.group("unit")),
                                quantity="life expectancy"))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
