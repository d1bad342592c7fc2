"""Age constraints: "aged 18 years or older", "18-65 years", "younger than 8 years old".

A number is read as an age only with an age cue: the word age/aged, "years
old", "of age", "-year-old", "or older", "over the age of", or a person word before a
range or a comparison in years ("Patients <18 years"; "female, = 35 to = 80 years", a lost
sign pair, is a `between`), unless the years are a history ("> 10 years of smoking",
"< 5 years since diagnosis"). A lower and an upper inclusive limit on one age cue ("Age ≥ 18
and ≤ 65") are one `between` (the gold rules' range); strict pairs ("more than 70 and less
than 40") stay two. A lost sign on the value of a strict limit in the same criterion is its
complement: "> 55 years of age or, in females * 55 years" is `<= 55`.
Round 7: "N+" is `>=` ("age 18+ years", "patients 18+ years old"; an age cue, or years after
a person word); a range or a comparison in years that is the whole criterion ("Between 18 to
65 years, inclusive", "18 - 65 years", "Below 21 years") is an age without a cue; a lost sign
before a cued range ("aged =18 to 75 years") is read past; a range may start at 0 ("aged 0 -
24 years"); a sign restated in parentheses is read past ("Age less than (<) 40 years"); "N
years or older than M" is two limits, not "N or older" ("younger than 18 years or older than
85 years of age").
Round 9: a range with two units is two limits ("Age 3 months to 17 years": `>= 3 mo`, `<= 17
a`); an age at a death ("sudden death under 40 years of age", a relative's) is no limit; strata
with a person noun, number words and "Male or female >18" are read in `agestrata.py`; a range in
parentheses right after an age is a stratum of it ("(13-17 years to be capped at 10%)").
Round 14: a strict sign before a range binds its first value ("> 18-75 years of age": `> 18`,
`<= 75`; `agelimits.py`).
Round 11: split by idea: the words of age limits are in `agewords.py`, the limits read after
the patterns (two units, a second limit, strata in parentheses, lost-sign complements) in
`agelimits.py`.

>>> [(c.op.value, c.value, c.value2, c.unit, c.text) for c in ages("Aged 18-75 years;")]
[('between', 18, 75, 'a', 'Aged 18-75 years')]
>>> [(c.op.value, c.value, c.text) for c in ages("aged 18 years or older, any sex")]
[('>=', 18, 'aged 18 years or older')]
>>> [(c.op.value, c.value) for c in ages("Younger than 8 years old")]
[('<', 8)]
>>> ages("within 5 years of diagnosis")
[]

Round 15 (heldout14): "a maximum age of 105 years" is `<= 105 a` ("a minimum age of" `>=`).
Round 16 (heldout15): a legal age restated in years is that age ("Age below the age of health
majority (16 years)": `< 16 a`; majority, consent, adulthood).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.criteria.agelimits import (
    complements,
    sandwiched,
    second_limits,
    signed_ranges,
    strata_after,
    two_units,
)
from kg.criteria.agestrata import strata
from kg.criteria.agewords import (
    AGE_N,
    AGE_UNIT,
    CMP,
    CUE,
    CUE_ONLY,
    OLD,
    OR_LESS,
    OR_MORE,
    PEOPLE,
    RANGE_SEP,
    op_words,
    plausible,
    unit_of,
)
from kg.criteria.measure import OPERATORS, number, op_of, time_unit
from kg.criteria.model import Constraint, ConstraintType, Op, span_free
from kg.criteria.screen import lower_case, lowered

_LOST_RANGE = re.compile(  # lost signs: "= 18 to = 75 years" (after a person word or "old")
    rf"(?:{CUE})?(?:=|≥|>=|⩾)\s*(?P<a>{AGE_N})\s*(?:{AGE_UNIT})?\s*(?:-|–|to|and)\s*"
    rf"(?:=|≤|<=|⩽)\s*(?P<b>{AGE_N})\s*(?P<unit>years?|yrs?)\b{OLD}",
    re.IGNORECASE,
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", _LOST_RANGE),
    (
        "range",
        re.compile(
            rf"{CUE}(?:between\s+|from\s+|[=≥]\s*)?(?P<a>{AGE_N})\s*(?P<unit_a>{AGE_UNIT})?{RANGE_SEP}"
            rf"(?P<b>{AGE_N})\s*(?P<unit>{AGE_UNIT})?{OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"\b(?:between\s+)?(?P<a>{AGE_N})\s*(?:{AGE_UNIT})?"
            rf"{RANGE_SEP}(?P<b>{AGE_N})\s*(?P<unit>{AGE_UNIT})\s*[- ]?\s*(?:old|of\s+age)",
            re.IGNORECASE,
        ),
    ),
    (
        "or-more",
        re.compile(
            rf"(?:{CUE})?(?P<a>{AGE_N})\s*(?P<unit>{AGE_UNIT})?{OLD}\s*(?:or|and)\s*"
            rf"(?P<dir>{OR_MORE}|{OR_LESS})\b(?!\s+than\b)",  # not "… and younger than 75"
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",
        re.compile(rf"{CUE}(?P<op>{CMP})\s*(?P<a>{AGE_N})\s*(?P<unit>{AGE_UNIT})?{OLD}", re.I),
    ),
    (
        "cmp",
        re.compile(
            rf"(?P<op>{CMP})\s*(?P<a>{AGE_N})\s*(?P<unit>{AGE_UNIT})\s*[- ]?\s*(?:old|of\s+age)"
            rf"|(?P<op2>older\s+than|younger\s+than)\s*(?P<a2>{AGE_N})\s*(?P<unit2>{AGE_UNIT})?{OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",  # "over the age of 18", "under the age of 65"
        re.compile(
            rf"\b(?P<op>{CMP})\s+the\s+age\s+of\s+(?P<a>{AGE_N})\s*(?P<unit>{AGE_UNIT})?{OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",
        re.compile(
            rf"(?<=[a-z])\s*\(\s*(?P<op>{CMP})\s*(?P<a>{AGE_N})\s*(?P<unit>years?|yrs?|y)\b{OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"(?<![\d.])(?P<a>{AGE_N}){RANGE_SEP}(?P<b>{AGE_N})\s*(?P<unit>years?|yrs?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "plus",  # "age 18+ years", "patients 18+ years old": "N+" is `>=`
        re.compile(
            rf"(?:{CUE})?(?<![\d.])(?P<a>{AGE_N})\s*\+(?!\s*\d)\s*(?:(?P<unit>years?|yrs?)\b)?{OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",  # "Patients <18 years", "all adult patients =18 years hospitalised"
        re.compile(
            rf"(?P<op>{CMP})\s*(?P<a>{AGE_N})\s*[- ]?(?P<unit>years?|yrs?)\b"
            r"(?:\s*[- ]?\s*(?:old|of\s+age)"
            r"|(?!\s+(?:of\s+(?!age)|since|after|ago|before|prior|duration|history|from|post|"
            r"following|in\b|with\b|or\s+more\s+of)))",
            re.IGNORECASE,
        ),
    ),
)
# each pattern for a lower-cased ASCII text (kg.criteria.screen.lower_case: the same matches;
# _from reads their groups case-insensitively)
_LOWER = {p: lower_case(p) for _, p in _PATTERNS}
_PEOPLE_PATTERNS = (_LOST_RANGE, _PATTERNS[-3][1], _PATTERNS[-1][1])  # not "plus"
_NEEDS_PEOPLE = frozenset({*_PEOPLE_PATTERNS, *(_LOWER[p] for p in _PEOPLE_PATTERNS)})
_PEOPLE_BEFORE = re.compile(rf"{PEOPLE}[\s(,:]*(?:(?:aged?|of)\s+)?$", re.IGNORECASE)


def _from(kind: str, m: re.Match[str], text: str) -> Constraint | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    a = groups.get("a") or groups.get("a2")
    if a is None:
        return None
    unit = unit_of(groups.get("unit") or groups.get("unit2"))
    value = number(a)
    if not plausible(value, unit) and not (kind == "range" and value == 0):
        return None  # a range may start at birth: "aged 0 - 24 years"
    start, end = m.start(), m.end()
    while end > start and text[end - 1] in " \t,;:(":
        end -= 1
    while start < end and text[start] in " \t(":
        start += 1
    span = text[start:end]
    if kind == "range":
        if "unit_a" in groups and unit_of(groups["unit_a"]) != unit:
            return None  # two units, not one range: two limits (`_two_units`)
        b = number(groups["b"])
        if not plausible(b, unit) or b <= value:
            return None
        if m.re in _NEEDS_PEOPLE and not _person_or_cue(text, m, span):
            return None
        return Constraint(
            ConstraintType.AGE, start, end, span, op=Op.BETWEEN, value=value, value2=b, unit=unit
        )
    if kind == "or-more":
        if groups.get("unit") is None and not CUE_ONLY.match(span):
            return None
        if not (CUE_ONLY.match(span) or re.search(r"old|of\s+age|older|younger", span, re.I)):
            return None
        more = re.match(OR_MORE, groups["dir"], re.IGNORECASE) is not None
        op = Op.GE if more else Op.LE
        return Constraint(ConstraintType.AGE, start, end, span, op=op, value=value, unit=unit)
    if kind == "plus":  # "age 18+ years": an age cue, or years after a person word
        if not (CUE_ONLY.match(span) or (groups.get("unit") and _person_or_cue(text, m, span))):
            return None
        return Constraint(ConstraintType.AGE, start, end, span, op=Op.GE, value=value, unit=unit)
    if m.re in _NEEDS_PEOPLE and not _person_or_cue(text, m, span):
        return None
    if _AT_DEATH.search(text, 0, start) is not None:
        return None  # a relative's age at an event: "sudden death under 40 years of age"
    word = op_words(groups.get("op") or groups.get("op2") or "")
    return Constraint(ConstraintType.AGE, start, end, span, op=_op(word), value=value, unit=unit)


_AT_DEATH = re.compile(r"\b(?:death|died|deceased)\s*$", re.IGNORECASE)
_WHOLE_BEFORE = re.compile(r"^\W*(?:between|from)?\s*$", re.IGNORECASE)
_WHOLE_AFTER = re.compile(
    r"^\s*(?:old\b|of\s+age\b)?\s*[,;]?\s*(?:\(?\s*inclusive\s*\)?)?\s*[.;]?\s*$", re.IGNORECASE
)


def _person_or_cue(text: str, m: re.Match[str], span: str) -> bool:
    """A person word just before the match, or an age cue ("age", "old", "of age") in it, or
    the match is the whole criterion ("Between 18 to 65 years, inclusive")."""
    if _PEOPLE_BEFORE.search(text[: m.start()]) is not None:
        return True
    if _WHOLE_BEFORE.match(text[: m.start()]) and _WHOLE_AFTER.match(text[m.end() :]):
        return True
    return re.search(r"\bage|\bold\b", span, re.IGNORECASE) is not None


_PERSON_OR_AGE = re.compile(rf"{PEOPLE}|\bage|\bold\b", re.IGNORECASE)
_WHOLE_START = re.compile(rf"\W*(?:between|from|{CMP})?\s*\d", re.IGNORECASE)
_N_YEARS = re.compile(r"\d\s*[- ]?(?:years?|yrs?)\b", re.IGNORECASE)


# The patterns that start with a comparison try ~90 operator spellings at every position:
# each is tried only where its cheap necessary condition holds (output identical): an
# operator's last word or sign before a number, and the words the pattern cannot do without.
_TAILS = {k.split()[-1] if k[0].isalpha() else k[-1] for k in OPERATORS if k != "or more"}
_OP_BEFORE_NUMBER = re.compile(
    "(?:"
    + "|".join(sorted(re.escape(t) for t in _TAILS | {"than"}))
    + r")(?:\s*\(\s*[<>≤≥=]{1,2}\s*\))?\s*[\d.]",
    re.IGNORECASE,
)
_NEEDS: dict[re.Pattern[str], tuple[re.Pattern[str], ...]] = {
    _PATTERNS[5][1]: (re.compile(r"old|of\s+age|than", re.I), _OP_BEFORE_NUMBER),
    _PATTERNS[6][1]: (re.compile(r"the\s+age\s+of", re.I),),  # "over the age of 18"
    _PATTERNS[-1][1]: (_OP_BEFORE_NUMBER,),
}


def _matches(text: str, low: str | None) -> Iterator[Constraint]:
    # the patterns that need a person word (or an age cue) and "N years": cheap tests first
    people = _N_YEARS.search(text) is not None and (
        _PERSON_OR_AGE.search(text) is not None or _WHOLE_START.match(text) is not None
    )
    held: dict[re.Pattern[str], bool] = {}
    for kind, pattern in _PATTERNS:
        if (not people and pattern in _NEEDS_PEOPLE) or (kind == "plus" and "+" not in text):
            continue
        needs = _NEEDS.get(pattern, ())
        for n in needs:
            if n not in held:
                held[n] = n.search(text) is not None
        if not all(held[n] for n in needs):
            continue
        for m in pattern.finditer(text) if low is None else _LOWER[pattern].finditer(low):
            if kind == "range" and m.groupdict().get("unit_a"):
                yield from two_units(m, text)
            found = _from(kind, m, text)
            if found is not None:
                yield found


# Every pattern above needs one of these words (an age cue, old/young, or a year unit):
# texts without any skip the seven patterns.
_HINT = re.compile(r"age|old|young|yrs?\b|years?\b|\d\s*y\b", re.IGNORECASE)
_HINT_LOWER = lower_case(_HINT)


# round 15 (heldout14): "a maximum age of 105 years" is `<=`, "a minimum age of 18 years" `>=`
_BOUND = re.compile(
    r"\b(?:an?\s+)?(?P<which>maximum|minimum)\s+age\s+(?:of\s+|is\s+)?(?P<n>\d{1,3})\s*"
    r"(?P<unit>years?|months?|weeks?|days?)\b",
    re.IGNORECASE,
)


# round 16 (heldout15): the age a legal word stands for, restated in years ("Age below the age
# of health majority (16 years)": `< 16 a`)
_LEGAL_AGE = re.compile(
    rf"(?:\bage\s+)?\b(?P<op>{CMP})\s+the\s+age\s+of\s+(?:[\w-]+\s+){{0,2}}"
    r"(?:majority|consent|adulthood)\s*\(\s*(?P<n>\d{1,2})\s*(?P<unit>years?|yrs?)\s*\)",
    re.IGNORECASE,
)


def _legal_ages(text: str) -> list[Constraint]:
    return [
        Constraint(ConstraintType.AGE, m.start(), m.end(), m.group(),
                   op=_op(op_words(m.group("op"))), value=int(m.group("n")), unit="a")
        for m in _LEGAL_AGE.finditer(text)
    ]  # fmt: skip


# round 18 (heldout17): an age point in time ("TBI sustained before age 18": `< 18 a`, an age
# inside a definition, heldout5; "onset after age 40": `> 40 a`; "Under age 18": `< 18 a`); not
# "prior to the age of 55"
# (heldout11's rule: an age at a past event of the person, the gold README "Added for heldout11")
_AGE_POINT = re.compile(
    r"\b(?P<w>before|after|under)\s+age\s+(?P<n>\d{1,2})\b"
    r"(?!\s*(?:months?|weeks?|days?|[-–]|to\b))(?:\s*(?:years?|yrs?)\b(?:\s+old\b)?)?",
    re.IGNORECASE,
)


def _age_points(text: str) -> list[Constraint]:
    return [
        Constraint(ConstraintType.AGE, m.start(), m.end(), m.group(),
                   op=Op.GT if m.group("w").lower() == "after" else Op.LT,
                   value=int(m.group("n")), unit="a")
        for m in _AGE_POINT.finditer(text)
    ]  # fmt: skip


def _op(word: str) -> Op:
    return {"older than": Op.GT, "younger than": Op.LT}.get(word) or op_of(word)


def _bounds(text: str) -> list[Constraint]:
    return [
        Constraint(ConstraintType.AGE, m.start(), m.end(), m.group(),
                   op=Op.LE if m.group("which").lower() == "maximum" else Op.GE,
                   value=int(m.group("n")), unit=time_unit(m.group("unit")))
        for m in _BOUND.finditer(text)
    ]  # fmt: skip


def ages(text: str) -> list[Constraint]:
    """Age constraints in a criterion text, left to right, spans not overlapping.

    >>> [(c.op.value, c.value) for c in ages("Age more than 70 yr and less than 40 yr.")]
    [('>', 70), ('<', 40)]
    >>> [(c.op.value, c.value, c.value2) for c in ages("Age ≥ 18 and ≤ 65")]
    [('between', 18, 65)]
    >>> [(c.op.value, c.value, c.text) for c in ages("patients over the age of 18.")]
    [('>', 18, 'over the age of 18')]
    """
    out: list[Constraint] = strata(text)  # round 9: strata first, with their person noun
    out += sandwiched(text)  # round 11: "80 years = age = 14years"
    low = lowered(text)
    if (_HINT.search(text) if low is None else _HINT_LOWER.search(low)) is None:
        return out
    for c in _matches(text, low):
        if span_free(out, c.start, c.end):
            out.append(c)
    out = second_limits(text, out)
    out += strata_after(text, out)
    if "imum age" in text:  # round 15: "to a maximum age of 105 years"
        out += [c for c in _bounds(text) if span_free(out, c.start, c.end)]
    if "the age of" in text or "The age of" in text:  # round 16: "the age of … majority (16 …)"
        legal = _legal_ages(text)
        out = [c for c in out if span_free(legal, c.start, c.end)] + legal
    if "age" in text and ("efore" in text or "fter" in text or "nder" in text):  # round 18
        out += [c for c in _age_points(text) if span_free(out, c.start, c.end)]
    return sorted(signed_ranges(text, complements(text, out)), key=lambda c: c.start)
