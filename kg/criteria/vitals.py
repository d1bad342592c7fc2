"""Ranges of vital signs: "outside the range of 40-100 beats/min", "90/60 to 170/90 mm Hg".

Round 14 (heldout13; the gold rules, "Added for heldout13"):
- *Outside a range.* Quantities named before "outside (of) the (normal) range (of)" and the
  ranges after it, taken in order ("resting heart rate and resting blood pressure outside the
  range of 40-100 beats/min and 90/60 to 170/90 mm Hg respectively"), are two limits each: `<`
  the low end and `>` the high end, whatever the criterion's kind (the words say which values
  are meant). A heart rate without a unit is per minute (as "HR < 60").
- *Blood pressure ranges.* A range of systolic/diastolic pairs ("90/60 to 170/90 mm Hg", after
  a pressure word or with the unit) is a systolic and a diastolic limit at each end: outside the
  range `<` and `>`, else `between` ("BP between 90/60 and 140/90 mmHg": systolic between 90
  and 140, diastolic between 60 and 90), as a pair "160/100" is two thresholds.
The thresholds read before on those words ("blood pressure between 40 and 100 /min": the
heart rate's range given to the pressure) give way.

>>> t = "pulse and blood pressure outside the range of 40-100 beats/min and 90/60 to 170/90 mm Hg"
>>> [(c.quantity, c.op.value, c.value, c.unit) for c in vital_ranges(t, [])]
[('heart rate', '<', 40, '/min'), ('heart rate', '>', 100, '/min'),
 ('systolic blood pressure', '<', 90, 'mm[Hg]'), ('diastolic blood pressure', '<', 60, 'mm[Hg]'),
 ('systolic blood pressure', '>', 170, 'mm[Hg]'), ('diastolic blood pressure', '>', 90, 'mm[Hg]')]
>>> [(c.quantity, c.op.value, c.value, c.value2) for c in vital_ranges(
...     "Blood pressure between 90/60 and 140/90 mmHg", [])]
[('systolic blood pressure', 'between', 90, 140), ('diastolic blood pressure', 'between', 60, 90)]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, UNIT_PATTERN, number, ucum
from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.quantities import find_quantities

_OUTSIDE = re.compile(
    r"\boutside\s+(?:of\s+)?(?:the\s+|a\s+)?(?:normal\s+|following\s+|acceptable\s+)?ranges?"
    r"\s*(?:of\s+|:\s*)?",
    re.IGNORECASE,
)
_PAIRS = (
    r"(?P<s1>\d{2,3})\s*/\s*(?P<d1>\d{2,3})\s*(?:-|–|to|and)\s*(?P<s2>\d{2,3})\s*/\s*(?P<d2>\d{2,3})"
    r"\s*(?P<punit>mm\s*Hg|mmHg)?(?![\d/])"
)
_RANGE = re.compile(
    rf"(?:between\s+|from\s+)?(?:{_PAIRS}"
    rf"|(?P<a>{NUMBER})\s*(?:{UNIT_PATTERN})?\s*(?:-|–|to|and)\s*(?P<b>{NUMBER})"
    rf"\s*(?P<unit>{UNIT_PATTERN})?)",
    re.IGNORECASE,
)
_JOIN = re.compile(r"\s*(?:,|;|and|,\s*and)\s*", re.IGNORECASE)
_PRESSURE = re.compile(r"(?:blood\s+pressure|\bBP)\W*(?:between\s+|from\s+|of\s+)?$", re.I)
_CLAUSE = re.compile(r"[.;:]\s")
_BP = ("systolic blood pressure", "diastolic blood pressure")


def _pairs(text: str, m: re.Match[str], outside: bool) -> list[Constraint]:
    """A systolic and a diastolic limit at each end of a range of pairs."""
    s1, d1, s2, d2 = (int(m.group(g)) for g in ("s1", "d1", "s2", "d2"))
    if not (s1 > d1 and s2 > d2 and s1 < s2 and d1 < d2):
        return []
    start, end = m.start("s1"), m.end("punit") if m.group("punit") else m.end("d2")
    span = text[start:end]

    def one(quantity: str, op: Op, value: int, value2: int | None = None) -> Constraint:
        return Constraint(ConstraintType.THRESHOLD, start, end, span, op=op, value=value,
                          value2=value2, unit="mm[Hg]", quantity=quantity)  # fmt: skip

    if outside:
        return [one(_BP[0], Op.LT, s1), one(_BP[1], Op.LT, d1),
                one(_BP[0], Op.GT, s2), one(_BP[1], Op.GT, d2)]  # fmt: skip
    return [one(_BP[0], Op.BETWEEN, s1, s2), one(_BP[1], Op.BETWEEN, d1, d2)]


def _outside(text: str, m: re.Match[str]) -> tuple[int, list[Constraint]]:
    """The limits of the quantities before "outside the range of" (start of the first name)."""
    before = text[: m.start()]
    cut = list(_CLAUSE.finditer(before))
    lo = cut[-1].end() if cut else 0
    names = [(n, q) for n, q in find_quantities(before[lo:])]
    ranges: list[re.Match[str]] = []
    pos = m.end()
    while len(ranges) < 4:
        r = _RANGE.match(text, pos)
        if r is None:
            break
        ranges.append(r)
        join = _JOIN.match(text, r.end())
        if join is None:
            break
        pos = join.end()
    if not names or not ranges or len(names) not in (1, len(ranges)):
        return -1, []
    out: list[Constraint] = []
    for i, r in enumerate(ranges):
        name = names[min(i, len(names) - 1)][0]
        if r.group("s1") is not None:
            if "pressure" in name:
                out += _pairs(text, r, True)
            continue
        unit = ucum(r.group("unit")) if r.group("unit") else None
        if unit is None and name == "heart rate":
            unit = "/min"
        if "pressure" in name and unit not in (None, "mm[Hg]"):
            continue
        low, high = number(r.group("a")), number(r.group("b"))
        if low >= high:
            continue
        start, end = r.start("a"), r.end()
        while text[end - 1] in " ,;":
            end -= 1
        for op, value in ((Op.LT, low), (Op.GT, high)):
            out.append(Constraint(ConstraintType.THRESHOLD, start, end, text[start:end], op=op,
                                  value=value, unit=unit, quantity=name))  # fmt: skip
    return lo + names[0][1].start(), out


def vital_ranges(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the limits of vital-sign ranges (see the module doc) in place of what was
    read on their words before."""
    found: list[Constraint] = []
    regions: list[tuple[int, int]] = []
    for m in _OUTSIDE.finditer(text):
        start, limits = _outside(text, m)
        if limits:
            found += limits
            regions.append((start, max(c.end for c in limits)))
    for m in re.finditer(_PAIRS, text, re.IGNORECASE):
        if any(s <= m.start() < e for s, e in regions):
            continue
        lead = text[max(0, m.start() - 30) : m.start()]
        if m.group("punit") is None and _PRESSURE.search(lead) is None:
            continue
        limits = _pairs(text, m, False)
        if limits:
            found += limits
            regions.append((m.start(), limits[0].end))
    if not found:
        return out
    kept = [c for c in out if all(c.end <= s or c.start >= e for s, e in regions)]
    return sorted(kept + found, key=lambda c: c.start)
