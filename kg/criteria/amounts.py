"""Amounts named after their value: drinks a day, angles of a joint's movement.

Round 14 (heldout13; the gold rules, "Added for heldout13"):
- *Drinks.* A comparison and a count of drinks or alcohol units per day or week ("More than
  three standard alcoholic drinks per day", "> 14 units of alcohol per week") is a frequency
  (as "reflux more than 3 times a week", heldout8): `alcoholic drinks` / `alcohol units` in `/d`
  or `/wk`; a number word up to twenty counts.
- *Angles.* A comparison and an angle in degrees before a joint's movement ("≥ 20 degrees
  gravity minimized wrist extension": `wrist extension >= 20 deg`), or after it ("knee flexion
  of at least 90°"), is a threshold named by the joint and the movement (the movement alone when
  no joint is named). An angle without a comparison ("90 degs shoulder elevation") sets the
  posture of a task: not read.
Where another threshold already read the value, it stays.

>>> t = "More than three standard alcoholic drinks per day"
>>> [(c.quantity, c.op.value, c.value, c.unit, c.text) for c in amounts(t, [])]
[('alcoholic drinks', '>', 3, '/d', 'More than three standard alcoholic drinks per day')]
>>> t = "≥ 20 degrees gravity minimized wrist extension while holding a cylinder"
>>> [(c.quantity, c.op.value, c.value, c.unit) for c in amounts(t, [])]
[('wrist extension', '>=', 20, 'deg')]
>>> amounts("90 degs shoulder elevation, 160-180O elbow extension", [])
[]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, number, op_of
from kg.criteria.model import Constraint, ConstraintType, span_free

_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty",
)  # fmt: skip
_WORDS = {w: i + 1 for i, w in enumerate(_NUMBER_WORDS)}
_COUNT = rf"(?:{NUMBER}|\b(?:{'|'.join(_WORDS)})\b)"
_DRINKS = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<n>{_COUNT})\s+(?:standard\s+)?(?:alcoholic\s+)?"
    r"(?:(?P<drinks>drinks?)(?:\s+of\s+alcohol)?|(?P<units>units?)\s+of\s+alcohol|alcohol\s+(?P<u2>units?))"
    r"(?:\s+(?:of\s+)?alcohol)?\s*(?:/|per|a|each)\s*(?P<per>day|d|week|wk)\b",
    re.IGNORECASE,
)
_JOINT = r"(?:wrist|elbow|shoulder|knee|hip|ankle|finger|thumb|neck|trunk|spine|cervical|lumbar)"
_MOVE = (
    r"(?:flexion|extension|abduction|adduction|rotation|dorsiflexion|plantar\s*flexion"
    r"|elevation|supination|pronation|deviation)"
)
_DEGREES = r"(?:°|º|degrees?\b|degs?\b)"
_ANGLE_FIRST = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<n>{NUMBER})\s*{_DEGREES}\s*(?:of\s+)?"
    rf"(?:(?:active|passive|gravity|minimi[sz]ed|eliminated|assisted|resisted|-)\s*){{0,3}}"
    rf"(?P<name>(?:(?P<joint>{_JOINT})\s+)?{_MOVE})\b",
    re.IGNORECASE,
)
_ANGLE_AFTER = re.compile(
    rf"\b(?P<name>(?:(?P<joint>{_JOINT})\s+)?{_MOVE})\s+(?:of\s+|range\s+of\s+|is\s+)?"
    rf"(?P<op>{OP_PATTERN})\s*(?P<n>{NUMBER})\s*{_DEGREES}",
    re.IGNORECASE,
)
_DEGREE_WORDS = ("°", "º", "deg", "DEG", "Deg")


def _count(word: str) -> int | float:
    return _WORDS.get(word.lower()) or number(word)


def amounts(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the drinks and angles (see the module doc) no threshold in it covers."""
    drinks = "rink" in text or ("nit" in text and "lcohol" in text)  # cheap tests first
    angles = any(w in text for w in _DEGREE_WORDS)
    if not (drinks or angles):
        return out
    found: list[Constraint] = []
    for m in _DRINKS.finditer(text) if drinks else ():
        quantity = "alcoholic drinks" if m.group("drinks") else "alcohol units"
        unit = "/d" if m.group("per").lower().startswith("d") else "/wk"
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(),
                                op=op_of(m.group("op")), value=_count(m.group("n")), unit=unit,
                                quantity=quantity))  # fmt: skip
    for pattern in (_ANGLE_FIRST, _ANGLE_AFTER) if angles else ():
        for m in pattern.finditer(text):
            name = " ".join(m.group("name").lower().split())
            found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(),
                                    op=op_of(m.group("op")), value=number(m.group("n")),
                                    unit="deg", quantity=name))  # fmt: skip
    found = [f for f in found if span_free(out, f.start, f.end)]
    return sorted(out + found, key=lambda c: c.start) if found else out
