"""Thresholds written value first, and blood pressure pairs.

- *Value first*: "≥10% body surface area", "> 50% carotid stenosis" ("≥50% lesion" too),
  "on minimal 2 l/min O2" (an oxygen flow that sets the conditions of a measurement),
  ">10 mg of daily prednisone" (round 8: "≤10 mg daily prednisone" is in mg too), "less than
  500 neutrophils/mm3", "* 5 red blood cells per high power field": a comparison and a value
  with its unit, then (within two words) a quantity that is written this way (areas,
  stenoses, cell counts, doses, pressures, 6MWD), where no other threshold read that value.
  The vessel or the drug named after the value stays a condition or treatment mention: the
  threshold's span is the value.
- *Blood pressure pairs*: "BP > 160/100 mm Hg" is a systolic and a diastolic threshold (with
  the unit, or after a pressure word), in place of one read from the first number.
- *Sides*: "Blood Pressure =135 systolic or =85 diastolic": each value names its pressure.
- Round 11: a range written before one of those quantities ("0 to 0.5 gram/dl serum
  monoclonal protein": `between` 0 and 0.5 g/dL) and a value whose comparison follows the
  quantity ("On 40% oxygen (or greater)": `>=`); oxygen in % is the inspired fraction, FiO2.

>>> [(c.quantity, c.op.value, c.value, c.unit) for c in pressures("BP > 160/100 mm Hg", [])]
[('systolic blood pressure', '>', 160, 'mm[Hg]'), ('diastolic blood pressure', '>', 100, 'mm[Hg]')]
>>> t = "> 50% carotid stenosis"
>>> [(c.quantity, c.value, c.text) for c in value_first(t, None, [], frozenset({"stenosis"}))]
[('stenosis', 50, '> 50%')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of, ucum
from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.quantities import find_quantities
from kg.criteria.senses import bare_equals, lost_sign, unit_ok

# "BP > 160/100 mm Hg": a systolic and a diastolic threshold
_PAIR = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>\d{{2,3}})\s*/\s*(?P<b>\d{{2,3}})\s*(?P<unit>mm\s*Hg|mmHg)?"
    r"(?![\d/])",
    re.IGNORECASE,
)
_PRESSURE_WORD = re.compile(r"(?:blood\s+pressure|\bBP|hypertension|SBP\s*/\s*DBP)\W*$", re.I)


_SLASH = re.compile(r"\d\s*/\s*\d")


def pressures(text: str, out: list[Constraint]) -> list[Constraint]:
    """Blood pressure pairs "a/b mm Hg" (after a pressure word or with the unit) as two
    thresholds, in place of a single one read from the first number."""
    pairs: list[Constraint] = []
    if _SLASH.search(text) is None:  # cheap test first
        return out
    for m in _PAIR.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not (70 <= a <= 260 and 40 <= b <= 160 and a > b):
            continue
        if m.group("unit") is None and not _PRESSURE_WORD.search(text, max(0, m.start() - 40),
                                                                 m.start()):  # fmt: skip
            continue
        op = op_of(m.group("op"))
        end = m.end() if m.group("unit") else m.end("b")
        pairs += [
            Constraint(ConstraintType.THRESHOLD, m.start(), m.end("a"),
                       text[m.start() : m.end("a")], op=op, value=a, unit="mm[Hg]",
                       quantity="systolic blood pressure"),
            Constraint(ConstraintType.THRESHOLD, m.start("b"), end, text[m.start("b") : end],
                       op=op, value=b, unit="mm[Hg]", quantity="diastolic blood pressure"),
        ]  # fmt: skip
    if not pairs:
        return out
    kept = [c for c in out if all(c.end <= p.start or c.start >= p.end for p in pairs)]
    return kept + pairs


# a value before its quantity: "≥10% body surface area", "> 50% carotid stenosis",
# ">10 mg of daily prednisone", "less than 500 neutrophils/mm3", "* 5 red blood cells per HPF"
_FIRST = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s*(?P<unit>{UNIT_PATTERN})?\s*"
    r"(?:(?:of|the|a|daily|oral|systemic|total|significant)\s+)*"
)
VALUE_FIRST = frozenset({
    "BSA", "stenosis", "lymphocytes", "ANC", "platelets", "WBC", "red blood cells", "CD4",
    "eosinophils", "systolic blood pressure", "diastolic blood pressure", "6MWD", "oxygen flow",
    "monoclonal protein",
})  # fmt: skip
# round 11: a range first ("0 to 0.5 gram/dl serum monoclonal protein"), or the comparison
# after the quantity ("40% oxygen (or greater)")
_RANGE_FIRST = re.compile(
    rf"(?<![\d.,])(?:between\s+)?(?P<a>{NUMBER})\s*(?:to|-|–)\s*(?P<b>{NUMBER})\s*"
    rf"(?P<unit>{UNIT_PATTERN})\s+"
)
_OR_AFTER = re.compile(
    r"\s*\(?\s*or\s+(?P<dir>greater|more|higher|above|less|lower|below|fewer)\b\s*\)?",
    re.IGNORECASE,
)
_VALUE_ONLY = re.compile(rf"(?<![\d.,<>≤≥=*])(?P<a>{NUMBER})\s*(?P<unit>{UNIT_PATTERN})\s+")
_NEAR = re.compile(r"(?:[A-Za-z-]+\s+){0,2}")  # "> 50% peripheral arterial stenosis"
_LESION = re.compile(r"(?:\w+\s+)?(?:lesions?|narrowing|occlusion)\b", re.IGNORECASE)
_LESION_ANY = re.compile(r"%\s*(?:\w+\s+)?(?:lesions?|narrowing|occlusion)\b", re.IGNORECASE)
_AFTER_UNIT = re.compile(rf"\s*(?P<unit>{UNIT_PATTERN})")
_DAILY = re.compile(r"mg\s+daily\s*", re.IGNORECASE)


def value_first(
    text: str, kind: str | None, out: list[Constraint], present: frozenset[str] = frozenset()
) -> list[Constraint]:
    """Thresholds written value first, where no other threshold read that value."""
    found: list[Constraint] = []
    if not any(n in VALUE_FIRST or n.endswith(" dose") for n in present) and (
        _LESION_ANY.search(text) is None
    ):
        return out  # none of the names written value first (``present``: the text's quantities)
    for m in _FIRST.finditer(text):
        if any(c.start <= m.start("a") < c.end for c in out):
            continue
        unit = ucum(m.group("unit")) if m.group("unit") else None
        rest = text[m.end() : m.end() + 50]
        names = [(n, q) for n, q in find_quantities(rest) if _NEAR.fullmatch(rest[: q.start()])]
        if names and (names[0][0] in VALUE_FIRST or names[0][0].endswith(" dose")):
            name, q = names[0]
            after = _AFTER_UNIT.match(rest, q.end())
            if unit is None and after is not None:
                unit = ucum(after.group("unit"))
            end = m.end() + (after.end() if after is not None else q.end())
        elif unit == "%" and not text[m.end("unit") : m.end()].strip() and _LESION.match(rest):
            name, end = "stenosis", m.end()
        else:
            continue
        if unit == "mg/d" and name.endswith(" dose") and _DAILY.fullmatch(m.group("unit")):
            unit = "mg"  # "≤10 mg daily prednisone": "daily" goes with the drug (gold rules)
        if unit is None or not unit_ok(name, unit):
            continue
        if name == "stenosis" or name.endswith(" dose"):  # the drug, the vessel: mentions
            end = m.start("unit") + len(m.group("unit").rstrip()) if m.group("unit") else m.end("a")
        op = op_of(m.group("op"))
        if bare_equals(text, m.start(), m.end("a")):
            op = lost_sign(op, name, unit, kind)
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), end, text[m.start() : end],
                                op=op, value=number(m.group("a")), unit=unit,
                                quantity=name))  # fmt: skip
    return _ranges_and_ors_first(text, out + found)


def _first_name(text: str, end: int) -> tuple[str, re.Match[str]] | None:
    """The value-first quantity named within two words after ``end``."""
    rest = text[end : end + 50]
    names = [(n, q) for n, q in find_quantities(rest) if _NEAR.fullmatch(rest[: q.start()])]
    return names[0] if names and names[0][0] in VALUE_FIRST else None


def _ranges_and_ors_first(text: str, out: list[Constraint]) -> list[Constraint]:
    """ "0 to 0.5 gram/dl serum monoclonal protein", "40% oxygen (or greater)" (round 11)."""
    found: list[Constraint] = []
    for m in [*_RANGE_FIRST.finditer(text), *_VALUE_ONLY.finditer(text)]:
        if any(c.start < m.end("unit") and m.start() < c.end for c in out + found):
            continue
        unit, named = ucum(m.group("unit")), _first_name(text, m.end())
        if named is None:
            continue
        name, q = named
        end = m.end() + q.end()
        if name == "oxygen flow" and unit == "%":
            name = "FiO2"  # "40% oxygen": the inspired fraction
        if unit is None or not unit_ok(name, unit):
            continue
        if "b" in m.groupdict():
            low, high = number(m.group("a")), number(m.group("b"))
            if high <= low:
                continue
            op, value2 = Op.BETWEEN, high
        else:
            after = _OR_AFTER.match(text, end)
            if after is None:
                continue
            low, value2, end = number(m.group("a")), None, after.end()
            op = (
                Op.GE
                if after.group("dir").lower() in ("greater", "more", "higher", "above")
                else Op.LE
            )
        if name in ("FiO2", "oxygen flow"):  # oxygen given is a treatment mention: the value
            end = m.start("unit") + len(m.group("unit").rstrip())
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), end, text[m.start() : end],
                                op=op, value=low, value2=value2, unit=unit,
                                quantity=name))  # fmt: skip
    return out + found


_SIDE = re.compile(r"\s*(?:mm\s*Hg\s*)?(?:\(\s*)?(?P<side>systolic|diastolic)\b", re.IGNORECASE)


def systolic_or_diastolic(text: str, out: list[Constraint]) -> list[Constraint]:
    """ "Blood pressure =135 systolic or =85 diastolic": each value names its pressure."""
    renamed: list[Constraint] = []
    for c in out:
        side = _SIDE.match(text, c.end) if c.quantity == "blood pressure" else None
        if side is not None:
            c = replace(c, quantity=f"{side.group('side').lower()} blood pressure")
        renamed.append(c)
    return renamed
