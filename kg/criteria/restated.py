"""A threshold's limits said again after it (kg.criteria.thresholds reads the first).

- A second comparison of the same quantity ("SBP <100 mmHg at screening or <95 mmHg at
  randomisation", "= 36.6 °C armpit, = 37.2 °C oral"; round 12: "PaO2/FiO2 >100, but <200 mm
  Hg", the unit after the second value belonging to both): :func:`again`.
- The same limits restated in another unit ("CRP >10mg/dL (or >100mg/L)", "(i.e., =76.7
  pmol/L and =590 pmol/L)"), or a second limit in parentheses in the same unit ("(up to 5
  times ULN in presence of liver metastases)", round 11): :func:`restated`.
- A lost-sign pair "=650 pg/mL and =5000 pg/mL" is a range: :func:`to_range`.
- Round 11: a quantity coordinated after a threshold with a value in the same unit and no
  comparison of its own shares the comparison ("alanine aminotransferase above 4 × ULN or
  direct bilirubin 4 × ULN": bilirubin `> 4 ×ULN`): :func:`elided`.
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of, ucum
from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.senses import bare_equals as _bare_equals

_AGAIN = re.compile(  # a second comparison of the same quantity: "… or <95 mmHg", "…, = 37.2 °C"
    rf"^(?P<gap>[^.;\d<>≤≥=*]{{0,30}}?)(?:\b(?:or|and)\s*|(?P<comma>,\s*(?:or\s+|but\s+)?))"
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})(?:\s*(?P<unit>{UNIT_PATTERN}))?"
)


def again(text: str, stop: int, unit: str | None) -> tuple[Op, float, str | None, int, int] | None:
    """A second comparison of the quantity just read (op, value, unit, start, end), or None."""
    m = _AGAIN.match(text[stop:])
    if m is None or (m.group("comma") is not None and m.group("unit") is None):
        return None
    found = ucum(m.group("unit")) if m.group("unit") else unit
    if found != unit and unit is not None:
        return None
    return op_of(m.group("op")), number(m.group("a")), found, stop + m.start("op"), stop + m.end()


# the same limits again in another unit: "(i.e., =76.7 pmol/L and =590 pmol/L)"
_RESTATED = re.compile(
    rf"\s*[(\[]\s*(?P<word>(?:i\.\s*e\.|that\s+is|or|equivalent\s+to)\s*,?\s*)?"
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s*(?P<unit>{UNIT_PATTERN})"
    rf"(?:\s*and\s*(?P<op2>{OP_PATTERN})\s*(?P<b>{NUMBER})\s*(?P<unit2>{UNIT_PATTERN}))?",
    re.IGNORECASE,
)


def to_range(out: list[Constraint], count: int, value2: float, stop: int, text: str) -> None:
    """The last ``count`` thresholds become ranges up to value2 ending at stop."""
    for i in range(len(out) - count, len(out)):
        c = out[i]
        out[i] = Constraint(
            ConstraintType.THRESHOLD, c.start, stop, text[c.start : stop], op=Op.BETWEEN,
            value=c.value, value2=value2, unit=c.unit, quantity=c.quantity,
        )  # fmt: skip


def restated(out: list[Constraint], count: int, stop: int, text: str, kind: str | None) -> None:
    """The last ``count`` thresholds restated in another unit right after them."""
    m = _RESTATED.match(text, stop)
    if m is None:
        return
    unit = ucum(m.group("unit"))
    if unit is None or (m.group("unit2") is not None and ucum(m.group("unit2")) != unit):
        return
    value = number(m.group("a"))
    if m.group("word") is None and any(
        c.unit != unit or c.value == value for c in out[len(out) - count :]
    ):
        return  # "(<= 5 x ULN if liver metastases)": a second limit in the same unit
    start, end = m.start("op"), m.end()
    first = op_of(m.group("op"))
    for c in out[len(out) - count :]:
        op: Op | None
        if m.group("b") is not None and c.op is Op.BETWEEN:
            op, value2 = Op.BETWEEN, number(m.group("b"))
        elif m.group("b") is None and c.op is not Op.BETWEEN:
            op, value2 = (c.op if _bare_equals(text, start, end) else first), None
        else:
            continue
        out.append(
            Constraint(
                ConstraintType.THRESHOLD, start, end, text[start:end], op=op,
                value=value, value2=value2, unit=unit, quantity=c.quantity,
            )
        )  # fmt: skip


_COORDINATED = re.compile(r"\s*(?:,\s*)?(?:and/or|or|and)\s+", re.IGNORECASE)
_BARE_VALUE = re.compile(rf"\s*(?P<a>{NUMBER})\s*(?P<unit>{UNIT_PATTERN})")


def elided(
    text: str, out: list[Constraint], names: list[tuple[str, re.Match[str]]]
) -> list[Constraint]:
    """Thresholds of quantities named after a threshold ("… or direct bilirubin 4 × ULN")
    whose comparison is elided: the earlier one's, when the unit is the same."""
    found: list[Constraint] = []
    for c in out:
        joined = _COORDINATED.match(text, c.end)
        if joined is None or c.op is None or c.op is Op.BETWEEN:
            continue
        named = [(n, m) for n, m in names if m.start() == joined.end()]
        if not named:
            continue
        name, m = named[0]
        value = _BARE_VALUE.match(text, m.end())
        if value is None or ucum(value.group("unit")) != c.unit or c.unit is None:
            continue
        if any(o.start < value.end() and m.start() < o.end for o in out + found):
            continue
        found.append(
            Constraint(
                ConstraintType.THRESHOLD, m.start(), value.end(), text[m.start() : value.end()],
                op=c.op, value=number(value.group("a")), unit=c.unit, quantity=name,
            )
        )  # fmt: skip
    return out + found
