"""Thresholds on measured quantities: "ALT <= 2.5 x ULN", "eGFR < 45 mL/min/1.73 m2".

A threshold is a known quantity (kg.criteria.quantities) followed, in the same
clause and without another number in between, by a comparison and a value
(with its unit), a range ("ECOG 0-1") or "N or more". Quantities joined by
"or", "and", "/" or "," share the comparison.

>>> [(c.quantity, c.op.value, c.value, c.unit) for c in thresholds("ALT or AST > 2.5 x ULN")]
[('ALT', '>', 2.5, '×ULN'), ('AST', '>', 2.5, '×ULN')]
>>> [(c.quantity, c.op.value, c.value, c.value2) for c in thresholds("ECOG performance status 0-1")]
[('ECOG', 'between', 0, 1)]
>>> [(c.quantity, c.value, c.unit) for c in thresholds("Life expectancy of at least 12 weeks")]
[('life expectancy', 12, 'wk')]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of, ucum
from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.quantities import find_quantities

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}  # classes: NYHA III-IV, Child-Pugh
_N = rf"(?:{NUMBER}|\b(?:IV|V|I{{1,3}})\b)"
_VALUE = re.compile(
    rf"^(?P<gap>[^.;\d]{{0,45}}?)"
    rf"(?:(?P<op>{OP_PATTERN})\s*(?P<a>{_N}|(?=ULN\b|upper\s+limit))"
    rf"(?:\s*(?:-|–|to)\s*(?P<b>{_N}))?"
    rf"|(?:between\s+|from\s+)?(?P<ra>{_N})\s*(?P<runit>{UNIT_PATTERN})?\s*(?:-|–|to|and)\s*"
    rf"(?P<rb>{_N})"
    rf"|(?P<ma>{_N})\s*(?P<munit>{UNIT_PATTERN})?\s*or\s+(?P<dir>more|greater|higher|above|over|"
    rf"less|lower|below|fewer|under)"
    rf"|(?P<la>{_N})(?:\s*,\s*{_N})*\s*,?\s*or\s+(?P<lb>{_N})(?![\d.]))"
    rf"(?:\s*(?P<unit>{UNIT_PATTERN}))?",
)
_JOIN = re.compile(r"^[\s(),]*(?:or|and|/|,|and/or)?[\s(),]*$", re.IGNORECASE)
_GAP_OK = re.compile(r"^[^.;\n]*$")


def _number(text: str) -> int | float:
    return _ROMAN.get(text) or number(text)


def _parse(text: str, end: int) -> tuple[Op, float, float | None, str | None, int] | None:
    m = _VALUE.match(text[end:])
    if m is None or not _GAP_OK.match(m.group("gap")):
        return None
    if len(m.group("gap").split()) > 6:
        return None
    unit_text = m.group("unit") or m.group("munit") or m.group("runit")
    unit = ucum(unit_text) if unit_text else None
    stop = end + m.end()
    if m.group("op") is not None:
        if m.group("b") is not None:
            return Op.BETWEEN, _number(m.group("a")), _number(m.group("b")), unit, stop
        value = _number(m.group("a")) if m.group("a") else 1  # "> ULN": 1 x ULN
        return op_of(m.group("op")), value, None, unit, stop
    if m.group("ra") is not None:
        return Op.BETWEEN, _number(m.group("ra")), _number(m.group("rb")), unit, stop
    if m.group("la") is not None:  # "ECOG 0 or 1": the listed scores, from the lowest up
        low, high = _number(m.group("la")), _number(m.group("lb"))
        return (Op.LE, high, None, unit, stop) if low == 0 else (Op.BETWEEN, low, high, unit, stop)
    more = m.group("dir").lower() in ("more", "greater", "higher", "above", "over")
    return (Op.GE if more else Op.LE), _number(m.group("ma")), None, unit, stop


def thresholds(text: str) -> list[Constraint]:
    """Threshold constraints in a criterion text."""
    found = find_quantities(text)
    out: list[Constraint] = []
    pending: list[tuple[str, re.Match[str]]] = []
    for i, (name, m) in enumerate(found):
        pending.append((name, m))
        nxt = found[i + 1][1] if i + 1 < len(found) else None
        if nxt is not None and _JOIN.match(text[m.end() : nxt.start()]):
            continue  # "ALT or AST ...": share what follows the last one
        parsed = _parse(text, m.end())
        if parsed is not None:
            op, value, value2, unit, stop = parsed
            if op is Op.BETWEEN and value2 is not None and value2 <= value:
                pending = []
                continue
            while stop > m.end() and text[stop - 1] in " ,;(":
                stop -= 1
            named: dict[str, re.Match[str]] = {}
            for qname, qm in pending:
                named.setdefault(qname, qm)  # "aspartate aminotransferase (AST)": once
            for qname, qm in named.items():
                out.append(
                    Constraint(
                        ConstraintType.THRESHOLD,
                        qm.start(),
                        stop,
                        text[qm.start() : stop],
                        op=op,
                        value=value,
                        value2=value2,
                        unit=unit,
                        quantity=qname,
                    )
                )
        pending = []
    return out
