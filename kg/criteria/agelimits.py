"""Age limits read after the patterns of :mod:`age`, from the limits found there.

- A range with two units is two limits ("Age 3 months to 17 years": `>= 3 mo`, `<= 17 a`).
- A second limit on one age cue ("Age more than 70 yr and less than 40 yr"); a lower and an
  upper inclusive limit ("Age ≥ 18 and ≤ 65") are one `between`.
- A range in parentheses right after an age is a stratum of it ("(13-17 years to be capped
  at 10%)").
- A lost sign on the value of a strict limit in the same criterion is its complement ("> 55
  years of age or, in females * 55 years" is `<= 55`).
- Round 11: the age between two limits, either way round, signs lost or not ("80 years = age
  = 14years", "18 ≤ age ≤ 65 years") is one `between` (read before the patterns).
- Round 14 (heldout13): a strict sign before a range binds its first value ("> 18-75 years of
  age" is `> 18` and `<= 75`: the range's end is inclusive, as "a-b" is); "≥ 18-75" stays a
  `between`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.criteria.agewords import (
    AGE_N,
    AGE_UNIT,
    CMP,
    CUE_ONLY,
    OLD,
    op_words,
    plausible,
    unit_of,
)
from kg.criteria.measure import number, op_of
from kg.criteria.model import Constraint, ConstraintType, Op, span_free
from kg.criteria.screen import may_contain


def two_units(m: re.Match[str], text: str) -> list[Constraint]:
    """'Age 3 months to 17 years': a range with two units is two limits, `>=` and `<=`."""
    low_unit, high_unit = unit_of(m.group("unit_a")), unit_of(m.group("unit"))
    low, high = number(m.group("a")), number(m.group("b"))
    if low_unit == high_unit or not (plausible(low, low_unit) and plausible(high, high_unit)):
        return []
    if not CUE_ONLY.match(text, m.start()):
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
    rf"^\s*(?:,|and|or)\s*(?P<op>{CMP})\s*(?P<a>{AGE_N})\s*(?P<unit>{AGE_UNIT})?{OLD}",
    re.IGNORECASE,
)


def _continued(text: str, after: Constraint) -> Constraint | None:
    """'Age more than 70 yr and less than 40 yr': the second limit shares the age cue."""
    m = _MORE.match(text[after.end :])
    if m is None:
        return None
    word = op_words(m.group("op"))
    op = {"older than": Op.GT, "younger than": Op.LT}.get(word) or op_of(word)
    unit = unit_of(m.group("unit")) if m.group("unit") else (after.unit or "a")
    value = number(m.group("a"))
    if not plausible(value, unit):
        return None
    start = after.end + m.start("op")
    end = after.end + m.end()
    return Constraint(
        ConstraintType.AGE, start, end, text[start:end].rstrip(), op=op, value=value, unit=unit
    )


def second_limits(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the second limit after each (merged into a `between` when it closes an
    inclusive lower limit)."""
    out = list(out)
    for c in list(out):
        more = _continued(text, c)
        if more is not None and span_free(out, more.start, more.end):
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
    return out


_STRATUM = re.compile(
    rf"\s*\(\s*(?P<a>{AGE_N})\s*(?:-|–|to)\s*(?P<b>{AGE_N})\s*(?P<unit>years?|yrs?|months?)\b",
    re.I,
)


def strata_after(text: str, out: list[Constraint]) -> list[Constraint]:
    """A range in parentheses right after an age is a stratum of it: "Age 3 months to 17 years
    (13-17 years to be capped at 10%)" is also `between` 13 and 17 (the gold's quota rule)."""
    found: list[Constraint] = []
    for c in out:
        m = _STRATUM.match(text, c.end)
        if m is None:
            continue
        low, high, unit = number(m.group("a")), number(m.group("b")), unit_of(m.group("unit"))
        if low < high and plausible(high, unit):
            start, end = m.start("a"), m.end()
            found.append(Constraint(ConstraintType.AGE, start, end, text[start:end],
                                    op=Op.BETWEEN, value=low, value2=high, unit=unit))  # fmt: skip
    return found


_COMPLEMENT = {Op.GT: Op.LE, Op.LT: Op.GE}
_LOST = re.compile(r"(?<![<>≤≥])\s*[=*]\s*\d")


def complements(text: str, out: list[Constraint]) -> list[Constraint]:
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


_SIGN = r"(?:[=≤≥<>]|<=|>=)"
_SANDWICH_WORDS = ("age",)  # a word every _SANDWICH match holds (kg.criteria.screen)
_SANDWICH = re.compile(
    rf"(?<![\d.])(?P<x>{AGE_N})\s*(?P<unit_x>years?|yrs?)?\s*{_SIGN}\s*ages?\s*{_SIGN}\s*"
    rf"(?P<y>{AGE_N})\s*(?P<unit>years?|yrs?)?(?:\s*old)?",
    re.IGNORECASE,
)


def sandwiched(text: str) -> list[Constraint]:
    """ "80 years = age = 14years": `between` 14 and 80 (the lower number, the higher)."""
    out: list[Constraint] = []
    if not may_contain(text, _SANDWICH_WORDS):  # every match holds "age" (kg.criteria.screen)
        return out
    for m in _SANDWICH.finditer(text):
        if not (m.group("unit") or m.group("unit_x")):
            continue
        low, high = sorted((number(m.group("x")), number(m.group("y"))))
        if low >= high or not plausible(high, "a"):
            continue
        out.append(Constraint(ConstraintType.AGE, m.start(), m.end(), m.group(), op=Op.BETWEEN,
                              value=low, value2=high, unit="a"))  # fmt: skip
    return out


_STRICT_BEFORE = re.compile(r"(?:>|<|\b(?:more|greater|older|over|above)(?:\s+than)?)\s*$", re.I)


def signed_ranges(text: str, out: list[Constraint]) -> list[Constraint]:
    """A `between` right after a strict sign: `> a` and `<= b` (see the module doc)."""
    done: list[Constraint] = []
    for c in out:
        sign = _STRICT_BEFORE.search(text, max(0, c.start - 14), c.start)
        if c.op is not Op.BETWEEN or sign is None or not text[c.start].isdigit():
            done.append(c)
            continue
        cut = c.start + len(str(c.value))
        high = text.find(str(c.value2), cut, c.end)
        if sign.group().lstrip()[:1] == "<" or text[c.start : cut] != str(c.value) or high < 0:
            done.append(c)  # "< 18-75": no reading
            continue
        done.append(replace(c, start=sign.start(), end=cut, text=text[sign.start() : cut],
                            op=Op.GT, value2=None))  # fmt: skip
        done.append(replace(c, start=high, text=text[high : c.end], op=Op.LE,
                            value=c.value2, value2=None))  # fmt: skip
    return done
