"""Round 18 (heldout17): threshold forms read as families, not as the one string a set shows.

- *Roman ranges of a named class or stage*: an acronym, "(functional) class" or "stage", an
  optional "of", and two Roman numerals joined by "-", "–" or "to" is a `between` range of that
  class ("WHO class of II-IV": `WHO functional class between 2 and 4`; "CKD stage III–IV":
  `CKD stage between 3 and 4`), and after a name the quantity list knows or a capitalised
  eponym of two words or more ("Hoehn and Yahr stage II-III": `Hoehn and Yahr`; "WHO FC
  II-III"). Grades stay no values (round 6: CTCAE grades).
- *A value whose name follows in brackets*: a comparison, a number and a unit, then the name in
  parentheses ("> 200 mmHg (systolic)", "< 60 mL/min (eGFR)") is a threshold on that name:
  "systolic" / "diastolic" are the blood pressures, any other name must be a known quantity.
- *Counts per field or volume*: a comparison, a number and a counted noun of at most three
  words, then "/" or "per" and a high-power field or a microlitre / cubic millimetre
  ("≥ 15 eosinophils/high powered field", "< 200 cells/mm3") is a count in `/[HPF]` or `/uL`,
  named as a known quantity when the noun is one, else as the noun (singular) with "count".
- *Doses of named drugs*: after "dose" / "dosage" (within 40 characters, same clause), a
  comparison, a mass and a drug word ("at least 0.5 mg budesonide or 440 mcg fluticasone") is
  `<drug> dose`, a second mass and drug after "or" / "and" sharing the comparison (the gold
  rules' doses, heldout8).
- *Durations of a state named as a measure*: post-traumatic amnesia (PTA) or loss of
  consciousness (LOC), perhaps "of" / "lasting", a number of hours, minutes or days "or
  more" / "or less" (or a comparison or "longer than" before the number) is a threshold on the
  state's duration (`post-traumatic amnesia duration >= 24 h`), not a temporal window.

>>> [(c.quantity, c.op.value, c.value, c.value2) for c in families("a WHO class of II-IV", [])]
[('WHO functional class', 'between', 2, 4)]
>>> [(c.quantity, c.op.value, c.value, c.unit) for c in families("(> 200 mmHg (systolic))", [])]
[('systolic blood pressure', '>', 200, 'mm[Hg]')]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, number, op_of, time_unit, ucum
from kg.criteria.model import Constraint, Op, span_free, threshold_at
from kg.criteria.quantities import find_quantities

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
_R = r"(?:VI|V|IV|III|II|I)"
_ROMAN_RANGE = re.compile(
    rf"\b(?P<name>(?-i:[A-Z][A-Z0-9-]{{1,6}}))\s+(?:functional\s+)?(?P<what>class|stage)\s+"
    rf"(?:of\s+)?(?P<a>(?-i:{_R}))\s*(?:-|–|to)\s*(?P<b>(?-i:{_R}))\b",
    re.IGNORECASE,
)
_CLASS_NAMES = {"WHO": "WHO functional class"}
# a Roman range after a class word whose name the quantity list knows ("Hoehn and Yahr stage
# II-III", "WHO FC II-III")
_ROMAN_AFTER = re.compile(
    rf"(?:(?:functional\s+)?(?:class|stage)|\b(?-i:FC))\s+(?:of\s+)?(?P<a>(?-i:{_R}))\s*(?:-|–|to)\s*"
    rf"(?P<b>(?-i:{_R}))\b",
    re.IGNORECASE,
)
_WHO_FC = re.compile(r"\bWHO\s*$")
_EPONYM = re.compile(r"(?-i:[A-Z][\w'-]*(?:\s+(?:and|&)\s+[A-Z][\w'-]*|\s+[A-Z][\w'-]*){1,3})\s*$")
_UNIT = r"mm\s*Hg|mmHg|mL/min(?:/1\.73\s*m2)?|mg/dL|g/dL|mmol/L|µmol/L|umol/L|%|kg/m2|bpm"
_BRACKET_NAME = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s*(?P<unit>{_UNIT})\s*"
    r"\(\s*(?P<name>[A-Za-z][\w -]{1,30}?)\s*\)"
)
# (a Greek mu "μl" matches "[µu]l" case-insensitively: any other field is per microlitre)
_FIELD = {"hpf": "/[HPF]", "high": "/[HPF]", "mm3": "/uL", "mm³": "/uL", "µl": "/uL", "ul": "/uL",
          "microliter": "/uL", "microlitre": "/uL", "cumm": "/uL"}  # fmt: skip
_PER_FIELD = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s+"
    r"(?P<noun>[A-Za-z][\w+-]*(?:\s+[A-Za-z][\w+-]*){0,2}?)\s*(?:/|\bper\s+)\s*"
    r"(?P<field>hpf|high[- ]power(?:ed)?\s+fields?|mm3|mm³|[µu]l|microlit(?:er|re)|cumm)\b",
    re.IGNORECASE,
)
_MASS = r"mg|g|mcg|µg|ug"
_UG = {"mcg": "ug", "µg": "ug"}
_DOSES = re.compile(
    rf"\bdos(?:e|es|age)\b[^.;()]{{0,40}}?(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s*(?P<unit>{_MASS})\s+"
    rf"(?P<drug>[a-z]{{5,}})\b(?:\s*(?:or|and|,)\s*(?P<b>{NUMBER})\s*(?P<unit2>{_MASS})\s+(?P<drug2>[a-z]{{5,}})\b)?"
)
_NOT_DRUGS = frozenset({"daily", "orally", "total", "tablet", "tablets", "capsules", "each",
                        "every", "twice", "once", "weekly", "equivalent"})  # fmt: skip
_STATES = {"pta": "post-traumatic amnesia", "post-traumatic amnesia": "post-traumatic amnesia",
           "posttraumatic amnesia": "post-traumatic amnesia", "loc": "loss of consciousness",
           "loss of consciousness": "loss of consciousness"}  # fmt: skip
_DURATION = re.compile(
    r"\b(?P<name>(?-i:PTA|LOC)|post-?traumatic\s+amnesia|loss\s+of\s+consciousness)"
    r"(?:\s*\((?-i:PTA|LOC)\))?(?:\s+(?:of|lasting|for|duration(?:\s+of)?))?\s*"
    rf"(?:(?P<op>{OP_PATTERN})\s*|(?P<cmp>longer|shorter)\s+than\s+)?(?P<a>{NUMBER})\s*(?P<unit>hours?|hrs?|minutes?|mins?|days?)\b"
    r"(?:\s+or\s+(?P<dir>more|longer|greater|less|shorter|fewer))?",
    re.IGNORECASE,
)


def _roman_ranges(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _ROMAN_RANGE.finditer(text):
        a, b = _ROMAN[m.group("a")], _ROMAN[m.group("b")]
        if b <= a or not span_free(out, m.start(), m.end()):
            continue
        name = m.group("name")
        quantity = _CLASS_NAMES.get(name, f"{name} {m.group('what').lower()}")
        found.append(threshold_at(text, m.start(), m.end(), op=Op.BETWEEN, value=a, value2=b,
                                unit=None, quantity=quantity))  # fmt: skip
    for m in _ROMAN_AFTER.finditer(text):
        a, b = _ROMAN[m.group("a")], _ROMAN[m.group("b")]
        if b <= a or not span_free(out + found, m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        if _WHO_FC.search(before):
            name, start = "WHO functional class", m.start() - len(before) + before.rindex("WHO")
        else:
            known = [(n, q) for n, q in find_quantities(before) if not before[q.end() :].strip()]
            eponym = _EPONYM.search(before)
            if known:
                name, start = known[-1][0], m.start() - len(before) + known[-1][1].start()
            elif eponym is not None and eponym.group().strip():
                name = " ".join(eponym.group().replace("&", "and").split())
                start = m.start() - len(before) + eponym.start()
            else:
                continue
        found.append(threshold_at(text, start, m.end(), op=Op.BETWEEN, value=a, value2=b,
                                unit=None, quantity=name))  # fmt: skip
    return found


def _bracket_names(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _BRACKET_NAME.finditer(text):
        name = m.group("name").strip()
        if name.lower() in ("systolic", "diastolic"):
            quantity = f"{name.lower()} blood pressure"
        else:
            known = find_quantities(name)
            if len(known) != 1 or known[0][1].group() != name:
                continue
            quantity = known[0][0]
        if not span_free(out, m.start(), m.end()):
            continue
        found.append(threshold_at(text, m.start(), m.end(), op=op_of(m.group("op")),
                                value=number(m.group("a")), unit=ucum(m.group("unit")),
                                quantity=quantity))  # fmt: skip
    return found


def _per_field(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _PER_FIELD.finditer(text):
        if not span_free(out + found, m.start(), m.end()):
            continue
        noun = m.group("noun")
        known = find_quantities(noun)
        quantity = known[-1][0] if known else f"{noun.lower().removesuffix('s')} count"
        field = m.group("field").lower().split()[0].split("-")[0]
        found.append(threshold_at(text, m.start(), m.end(), op=op_of(m.group("op")),
                                value=number(m.group("a")), unit=_FIELD.get(field, "/uL"),
                                quantity=quantity))  # fmt: skip
    return found


def _doses(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _DOSES.finditer(text):
        op = op_of(m.group("op"))
        for a, unit, drug in (("a", "unit", "drug"), ("b", "unit2", "drug2")):
            if m.group(a) is None or m.group(drug) in _NOT_DRUGS:
                continue
            start = m.start("op") if a == "a" else m.start(a)
            if not span_free(out + found, start, m.end(drug)):
                continue
            unit_ = _UG.get(m.group(unit), m.group(unit))
            found.append(threshold_at(text, start, m.end(unit), op=op, value=number(m.group(a)),
                                    unit=unit_, quantity=f"{m.group(drug)} dose"))  # fmt: skip
    return found


_AFTER = {"more": Op.GE, "longer": Op.GE, "greater": Op.GE, "less": Op.LE, "shorter": Op.LE,
          "fewer": Op.LE}  # fmt: skip


def _durations(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _DURATION.finditer(text):
        if m.group("op") is not None:
            op = op_of(m.group("op"))
        elif m.group("cmp") is not None:
            op = Op.GT if m.group("cmp").lower() == "longer" else Op.LT
        elif m.group("dir") is not None:
            op = _AFTER[m.group("dir").lower()]
        else:
            continue
        if not span_free(out, m.start(), m.end()):
            continue
        state = _STATES[re.sub(r"\s+", " ", m.group("name").lower())]
        word = m.group("unit")
        unit = "min" if word.lower().startswith("min") else time_unit(word)
        found.append(threshold_at(text, m.start(), m.end(), op=op, value=number(m.group("a")),
                                unit=unit, quantity=f"{state} duration"))  # fmt: skip
    return found


def families(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the round-18 readings no threshold in it covers (module docstring)."""
    found: list[Constraint] = []
    if "lass" in text or "tage" in text or "FC" in text:
        found += _roman_ranges(text, out)
    if "(" in text:
        found += _bracket_names(text, out + found)
    if "/" in text or "per " in text:
        found += _per_field(text, out + found)
    if "dos" in text:
        found += _doses(text, out + found)
    if any(w in text for w in ("PTA", "LOC", "mnesia", "onsciousness")):
        found += _durations(text, out + found)
    return sorted(out + found, key=lambda c: c.start) if found else out
