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

>>> [(c.op.value, c.value, c.value2, c.unit, c.text) for c in ages("Aged 18-75 years;")]
[('between', 18, 75, 'a', 'Aged 18-75 years')]
>>> [(c.op.value, c.value, c.text) for c in ages("aged 18 years or older, any sex")]
[('>=', 18, 'aged 18 years or older')]
>>> [(c.op.value, c.value) for c in ages("Younger than 8 years old")]
[('<', 8)]
>>> ages("within 5 years of diagnosis")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.criteria.agestrata import strata
from kg.criteria.measure import NUMBER, OP_PATTERN, OPERATORS, number, op_of
from kg.criteria.model import Constraint, ConstraintType, Op

_N = rf"(?:{NUMBER})"
_UNIT = r"(?:years?|yrs?|y|months?|mos?|weeks?|wks?|days?)\b"
_OLD = r"(?:\s*[- ]?\s*(?:old|of\s+age))?"
_CUE = (
    r"\b(?:ages?d?|age\s+range)\b(?:\s*(?:is|of|was|must\s+be|should\s+be|range|ranging|"
    r"group|limit|at\s+(?:consent|enrolment|enrollment|screening|inclusion)))*\s*[:：]?\s*"
)
_PEOPLE = (
    r"\b(?:adults?|patients?|subjects?|participants?|men|women|males?|females?|children|"
    r"individuals|persons|people|volunteers|boys|girls|adolescents|infants|neonates)\b"
)
_RANGE_SEP = r"\s*(?:-|–|—|~|to|and|until|through)\s*"
_OR_MORE = r"(?:older|over|above|greater|more|elder)"
_OR_LESS = r"(?:younger|under|below|less|lower)"
# "less than (<) 40 years": the sign restated in parentheses after the words
_CMP = rf"(?:{OP_PATTERN}|older\s+than|younger\s+than)(?:\s*\(\s*[<>≤≥=]{{1,2}}\s*\))?"

_LOST_RANGE = re.compile(  # lost signs: "= 18 to = 75 years" (after a person word or "old")
    rf"(?:{_CUE})?(?:=|≥|>=|⩾)\s*(?P<a>{_N})\s*(?:{_UNIT})?\s*(?:-|–|to|and)\s*"
    rf"(?:=|≤|<=|⩽)\s*(?P<b>{_N})\s*(?P<unit>years?|yrs?)\b{_OLD}",
    re.IGNORECASE,
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", _LOST_RANGE),
    (
        "range",
        re.compile(
            rf"{_CUE}(?:between\s+|from\s+|[=≥]\s*)?(?P<a>{_N})\s*(?P<unit_a>{_UNIT})?{_RANGE_SEP}"
            rf"(?P<b>{_N})\s*(?P<unit>{_UNIT})?{_OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"\b(?:between\s+)?(?P<a>{_N})\s*(?:{_UNIT})?"
            rf"{_RANGE_SEP}(?P<b>{_N})\s*(?P<unit>{_UNIT})\s*[- ]?\s*(?:old|of\s+age)",
            re.IGNORECASE,
        ),
    ),
    (
        "or-more",
        re.compile(
            rf"(?:{_CUE})?(?P<a>{_N})\s*(?P<unit>{_UNIT})?{_OLD}\s*(?:or|and)\s*"
            rf"(?P<dir>{_OR_MORE}|{_OR_LESS})\b(?!\s+than\b)",  # not "… and younger than 75"
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",
        re.compile(rf"{_CUE}(?P<op>{_CMP})\s*(?P<a>{_N})\s*(?P<unit>{_UNIT})?{_OLD}", re.I),
    ),
    (
        "cmp",
        re.compile(
            rf"(?P<op>{_CMP})\s*(?P<a>{_N})\s*(?P<unit>{_UNIT})\s*[- ]?\s*(?:old|of\s+age)"
            rf"|(?P<op2>older\s+than|younger\s+than)\s*(?P<a2>{_N})\s*(?P<unit2>{_UNIT})?{_OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",  # "over the age of 18", "under the age of 65"
        re.compile(
            rf"\b(?P<op>{_CMP})\s+the\s+age\s+of\s+(?P<a>{_N})\s*(?P<unit>{_UNIT})?{_OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",
        re.compile(
            rf"(?<=[a-z])\s*\(\s*(?P<op>{_CMP})\s*(?P<a>{_N})\s*(?P<unit>years?|yrs?|y)\b{_OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"(?<![\d.])(?P<a>{_N}){_RANGE_SEP}(?P<b>{_N})\s*(?P<unit>years?|yrs?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "plus",  # "age 18+ years", "patients 18+ years old": "N+" is `>=`
        re.compile(
            rf"(?:{_CUE})?(?<![\d.])(?P<a>{_N})\s*\+(?!\s*\d)\s*(?:(?P<unit>years?|yrs?)\b)?{_OLD}",
            re.IGNORECASE,
        ),
    ),
    (
        "cmp",  # "Patients <18 years", "all adult patients =18 years hospitalised"
        re.compile(
            rf"(?P<op>{_CMP})\s*(?P<a>{_N})\s*[- ]?(?P<unit>years?|yrs?)\b"
            r"(?:\s*[- ]?\s*(?:old|of\s+age)"
            r"|(?!\s+(?:of\s+(?!age)|since|after|ago|before|prior|duration|history|from|post|"
            r"following|in\b|with\b|or\s+more\s+of)))",
            re.IGNORECASE,
        ),
    ),
)
_NEEDS_PEOPLE = frozenset({_LOST_RANGE, _PATTERNS[-3][1], _PATTERNS[-1][1]})  # not "plus"
_PEOPLE_BEFORE = re.compile(rf"{_PEOPLE}[\s(,:]*(?:(?:aged?|of)\s+)?$", re.IGNORECASE)
_CUE_ONLY = re.compile(r"^\s*(?:ages?d?|age\s+range)\b", re.IGNORECASE)


def _unit(word: str | None) -> str:
    w = (word or "").lower()
    if w.startswith("mo"):
        return "mo"
    if w.startswith("w"):
        return "wk"
    if w.startswith("d"):
        return "d"
    return "a"


def _words(op: str) -> str:
    """The comparison words of an operator match, without a restated "(<)"."""
    return " ".join(re.sub(r"\s*\(.*\)\s*$", "", op).lower().split())


def _plausible(value: float, unit: str) -> bool:
    return 0 < value <= (130 if unit == "a" else 1600)


def _from(kind: str, m: re.Match[str], text: str) -> Constraint | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    a = groups.get("a") or groups.get("a2")
    if a is None:
        return None
    unit = _unit(groups.get("unit") or groups.get("unit2"))
    value = number(a)
    if not _plausible(value, unit) and not (kind == "range" and value == 0):
        return None  # a range may start at birth: "aged 0 - 24 years"
    start, end = m.start(), m.end()
    while end > start and text[end - 1] in " \t,;:(":
        end -= 1
    while start < end and text[start] in " \t(":
        start += 1
    span = text[start:end]
    if kind == "range":
        if "unit_a" in groups and _unit(groups["unit_a"]) != unit:
            return None  # two units, not one range: two limits (`_two_units`)
        b = number(groups["b"])
        if not _plausible(b, unit) or b <= value:
            return None
        if m.re in _NEEDS_PEOPLE and not _person_or_cue(text, m, span):
            return None
        return Constraint(
            ConstraintType.AGE, start, end, span, op=Op.BETWEEN, value=value, value2=b, unit=unit
        )
    if kind == "or-more":
        if groups.get("unit") is None and not _CUE_ONLY.match(span):
            return None
        if not (_CUE_ONLY.match(span) or re.search(r"old|of\s+age|older|younger", span, re.I)):
            return None
        more = re.match(_OR_MORE, groups["dir"], re.IGNORECASE) is not None
        op = Op.GE if more else Op.LE
        return Constraint(ConstraintType.AGE, start, end, span, op=op, value=value, unit=unit)
    if kind == "plus":  # "age 18+ years": an age cue, or years after a person word
        if not (_CUE_ONLY.match(span) or (groups.get("unit") and _person_or_cue(text, m, span))):
            return None
        return Constraint(ConstraintType.AGE, start, end, span, op=Op.GE, value=value, unit=unit)
    if m.re in _NEEDS_PEOPLE and not _person_or_cue(text, m, span):
        return None
    if _AT_DEATH.search(text, 0, start) is not None:
        return None  # a relative's age at an event: "sudden death under 40 years of age"
    word = _words(groups.get("op") or groups.get("op2") or "")
    op = {"older than": Op.GT, "younger than": Op.LT}.get(word) or op_of(word)
    return Constraint(ConstraintType.AGE, start, end, span, op=op, value=value, unit=unit)


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


_PERSON_OR_AGE = re.compile(rf"{_PEOPLE}|\bage|\bold\b", re.IGNORECASE)
_WHOLE_START = re.compile(rf"\W*(?:between|from|{_CMP})?\s*\d", re.IGNORECASE)
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


def _matches(text: str) -> Iterator[Constraint]:
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
        for m in pattern.finditer(text):
            if kind == "range" and m.groupdict().get("unit_a"):
                yield from _two_units(m, text)
            found = _from(kind, m, text)
            if found is not None:
                yield found


def _two_units(m: re.Match[str], text: str) -> list[Constraint]:
    """'Age 3 months to 17 years': a range with two units is two limits, `>=` and `<=`."""
    low_unit, high_unit = _unit(m.group("unit_a")), _unit(m.group("unit"))
    low, high = number(m.group("a")), number(m.group("b"))
    if low_unit == high_unit or not (_plausible(low, low_unit) and _plausible(high, high_unit)):
        return []
    if not _CUE_ONLY.match(text, m.start()):
        return []
    start, cut, end = m.start(), m.end("unit_a"), m.end("unit")
    between = text[cut : m.start("b")]
    rest = cut + len(between) - len(between.lstrip())  # "to 17 years"
    return [
        Constraint(ConstraintType.AGE, start, cut, text[start:cut], op=Op.GE, value=low,
                   unit=low_unit),
        Constraint(ConstraintType.AGE, rest, end, text[rest:end], op=Op.LE, value=high,
                   unit=high_unit),
    ]  # fmt: skip


_MORE = re.compile(
    rf"^\s*(?:,|and|or)\s*(?P<op>{_CMP})\s*(?P<a>{_N})\s*(?P<unit>{_UNIT})?{_OLD}", re.IGNORECASE
)


def _continued(text: str, after: Constraint) -> Constraint | None:
    """'Age more than 70 yr and less than 40 yr': the second limit shares the age cue."""
    m = _MORE.match(text[after.end :])
    if m is None:
        return None
    word = _words(m.group("op"))
    op = {"older than": Op.GT, "younger than": Op.LT}.get(word) or op_of(word)
    unit = _unit(m.group("unit")) if m.group("unit") else (after.unit or "a")
    value = number(m.group("a"))
    if not _plausible(value, unit):
        return None
    start = after.end + m.start("op")
    end = after.end + m.end()
    return Constraint(
        ConstraintType.AGE, start, end, text[start:end].rstrip(), op=op, value=value, unit=unit
    )


# Every pattern above needs one of these words (an age cue, old/young, or a year unit):
# texts without any skip the seven patterns.
_HINT = re.compile(r"age|old|young|yrs?\b|years?\b|\d\s*y\b", re.IGNORECASE)


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
    if _HINT.search(text) is None:
        return out
    for c in _matches(text):
        if all(c.end <= o.start or c.start >= o.end for o in out):
            out.append(c)
    for c in list(out):
        more = _continued(text, c)
        if more is not None and all(more.end <= o.start or more.start >= o.end for o in out):
            low, high = c.value, more.value
            if (
                c.op is Op.GE and more.op is Op.LE and more.unit == c.unit
                and isinstance(low, int | float) and isinstance(high, int | float) and high > low
            ):  # fmt: skip
                out.remove(c)
                more = Constraint(
                    ConstraintType.AGE, c.start, more.end, text[c.start : more.end],
                    op=Op.BETWEEN, value=low, value2=high, unit=c.unit,
                )  # fmt: skip
            out.append(more)
    out += _strata_after(text, out)
    return sorted(_complements(text, out), key=lambda c: c.start)


_STRATUM = re.compile(
    rf"\s*\(\s*(?P<a>{_N})\s*(?:-|–|to)\s*(?P<b>{_N})\s*(?P<unit>years?|yrs?|months?)\b", re.I
)


def _strata_after(text: str, out: list[Constraint]) -> list[Constraint]:
    """A range in parentheses right after an age is a stratum of it: "Age 3 months to 17 years
    (13-17 years to be capped at 10%)" is also `between` 13 and 17 (the gold's quota rule)."""
    found: list[Constraint] = []
    for c in out:
        m = _STRATUM.match(text, c.end)
        if m is None:
            continue
        low, high, unit = number(m.group("a")), number(m.group("b")), _unit(m.group("unit"))
        if low < high and _plausible(high, unit):
            start, end = m.start("a"), m.end()
            found.append(Constraint(ConstraintType.AGE, start, end, text[start:end],
                                    op=Op.BETWEEN, value=low, value2=high, unit=unit))  # fmt: skip
    return found


_COMPLEMENT = {Op.GT: Op.LE, Op.LT: Op.GE}
_LOST = re.compile(r"(?<![<>≤≥])\s*[=*]\s*\d")


def _complements(text: str, out: list[Constraint]) -> list[Constraint]:
    """A lost sign ("=", "*") on the value of a strict limit in the same criterion is the
    other side of it: "> 55 years of age or, in females * 55 years, …" is `<= 55`."""
    strict = {(c.value, c.unit): c.op for c in out if c.op in _COMPLEMENT}
    done: list[Constraint] = []
    for c in out:
        other = strict.get((c.value, c.unit))
        if c.op is Op.GE and other is not None and _LOST.match(text, c.start):
            c = replace(c, op=_COMPLEMENT[other])
        done.append(c)
    return done
