"""Round 17 (heldout16): values written before, around or after what they measure where the
other threshold readings find no name.

- *Counts per period*, value first: a comparison (or a range) and a number, then a noun
  phrase of at most three words, then "per / a / each / /" and a month, week, day or year,
  is a rate on the phrase as written, with the unit per period (`/mo`, `/wk`, `/d`, `/a`):
  "6 to 14 headache days per month" is `headache days between 6 and 14 /mo`, "more than 1
  attack per month" `attack > 1 /mo` (the gold rules' frequencies, heldout8). Not when the
  phrase is "times" or "days" alone (kg.criteria.measure spells those as units), nor a dose
  form ("2 tablets a day": a dose).
- *A percentage before a noun*: a comparison word or sign, a number and "%", then one noun that
  names no people, time, change or certainty, followed by "of" (what it is a share of), is a
  threshold on that noun in % ("minimum 50% overlap of the … line":
  `overlap >= 50 %`; "> 50% stenosis" and other known names are read by
  kg.criteria.valuefirst).
- *Modifiers sharing a head*: "Maximum tumor, or tumor bed, diameter < 5 cm" is one threshold
  for each modifier coordinated before the head the threshold names (`tumor diameter`,
  `tumor bed diameter`), as quantities joined by "or" share one comparison (the rules).
- *A minimum score on a named scale*: "(A) minimum / maximum score of N for … of the … (ABBR)
  scale" is `ABBR >= N` (`<=` for a maximum), without unit (heldout6's scale scores).
- *Dose limits in parentheses*: a comparison and a mass in parentheses right after "dose"
  ("other than approved daily dose (<5 mg or >10 mg)") is a dose threshold, one for each
  comparison joined by "or" / "and" / "," (heldout8's doses).

>>> [(c.quantity, c.op.value, c.value, c.value2, c.unit) for c in
...  counts("Self-reported 6 to 14 headache days per month", [])]
[('headache days', 'between', 6, 14, '/mo')]
>>> [(c.quantity, c.op.value, c.value, c.unit) for c in counts("minimum 50% overlap of it", [])]
[('overlap', '>=', 50, '%')]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, number, op_of
from kg.criteria.model import Constraint, Op, span_free, threshold_at

_PERIOD = {"month": "/mo", "week": "/wk", "day": "/d", "year": "/a"}
_COUNT = re.compile(
    rf"(?:(?P<op>{OP_PATTERN})\s*)?(?<![\d.,])(?P<a>{NUMBER})"
    rf"(?:\s*(?:to|-|–)\s*(?P<b>{NUMBER}))?\s+"
    r"(?P<noun>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s+"
    r"(?:per|a|an|each|/)\s*(?P<per>month|week|day|year)s?\b",
    re.IGNORECASE,
)
# a phrase that is only a unit or a time, and words no counted phrase holds (dose forms,
# function words)
# what every count per period holds, looked for before the whole pattern (cost)
_PER_PERIOD = re.compile(r"(?:per|an?|each|/)\s*(?:month|week|day|year)s?\b", re.IGNORECASE)
_ALONE = frozenset({"times", "time", "days", "day", "weeks", "months", "years", "hours"})
_NOT_COUNTED = frozenset({
    "tablets", "tablet", "capsules", "capsule", "doses", "dose", "mg", "g", "ml", "units",
    "puffs", "sachets", "of", "the", "or", "and", "in", "on", "at", "for", "with", "than",
})  # fmt: skip
_PERCENT_NOUN = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s*%\s+(?P<noun>[a-z]{{4,}})(?=\s+of\s)"
)
_NOT_A_QUANTITY = re.compile(
    r"^(?:of|the|and|or|in|at|for|with|than|from|to|patients?|subjects?|participants?|people|"
    r"cases?|days?|weeks?|months?|years?|time|times|chance|probability|likelihood|"
    r"improve\w*|reduc\w*|decreas\w*|increas\w*|declin\w*|chang\w*|progress\w*|worsen\w*|"
    r"deteriorat\w*|loss|gain|drop|rise|response|relief|predicted|above|below|over|under|"
    r"certainty|confidence|efficacy|effectiveness|accuracy|sensitivity|specificity|\w+ive|\w+ly|"
    r"adherence|compliance|completion|attendance)$",
    re.IGNORECASE,
)
_SHARED_HEAD = re.compile(
    r"(?i:(?:maximum|minimum|maximal|minimal|mean|average|largest|total)\s+)?(?P<a>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?),?\s+or\s+(?P<b>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)"
    r"\s*,\s*$"
)
_STATISTIC = frozenset({"maximum", "minimum", "maximal", "minimal", "mean", "average", "total"})
_SCALE_MINIMUM = re.compile(
    rf"\b(?P<span>(?:an?\s+)?(?P<dir>minimum|maximum)\s+score\s+of\s+(?P<a>{NUMBER}))"
    r"\s+(?:for|on|in)\b[^.;]{0,120}?\((?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\)\s+scale\b",
    re.IGNORECASE,
)
_DOSE_LIMITS = re.compile(
    rf"\bdos(?:e|es|age)\s*\(\s*(?P<op>[<>]=?|≤|≥)\s*(?P<a>{NUMBER})\s*(?P<unit>mg|g|mcg|µg)\b"
    rf"(?:\s*(?:or|and|,)\s*(?P<op2>[<>]=?|≤|≥)\s*(?P<b>{NUMBER})\s*(?P<unit2>mg|g|mcg|µg)\b)?",
)
_UG = {"mcg": "ug", "µg": "ug"}


def _counts(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _COUNT.finditer(text):
        if m.group("op") is None and m.group("b") is None:
            continue  # "2 visits a week": no comparison
        words = m.group("noun").split()
        if m.group("noun").lower() in _ALONE or any(w.lower() in _NOT_COUNTED for w in words):
            continue
        start, end = m.start(), m.end()
        if not span_free(out + found, start, end):
            continue
        unit = _PERIOD[m.group("per").lower()]
        a = number(m.group("a"))
        if m.group("b") is not None:
            b = number(m.group("b"))
            if b <= a:
                continue
            fields: dict[str, object] = {"op": Op.BETWEEN, "value": a, "value2": b}
        else:
            fields = {"op": op_of(m.group("op")), "value": a}
        found.append(threshold_at(text, start, end, unit=unit, quantity=" ".join(words), **fields))
    return found


def _percent_nouns(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _PERCENT_NOUN.finditer(text):
        noun = m.group("noun")
        if _NOT_A_QUANTITY.match(noun) or not span_free(out + found, m.start(), m.end()):
            continue
        found.append(
            threshold_at(text, m.start(), m.end(), op=op_of(m.group("op")),
                       value=number(m.group("a")), unit="%", quantity=noun.lower())
        )  # fmt: skip
    return found


def _shared_heads(text: str, out: list[Constraint]) -> list[Constraint]:
    """Each threshold whose quantity is one word at its span's start, after "A, or B," ."""
    result: list[Constraint] = []
    for c in out:
        head = c.quantity or ""
        m = None
        if " " not in head and text[c.start : c.start + len(head)].lower() == head.lower():
            m = _SHARED_HEAD.search(text, max(0, c.start - 60), c.start)
            m = m if m is not None and m.group("a").lower() not in _STATISTIC else None
        if m is None:
            result.append(c)
            continue
        for group in ("a", "b"):
            start = m.start(group)
            result.append(
                threshold_at(text, start, c.end, op=c.op, value=c.value, value2=c.value2,
                           unit=c.unit, quantity=f"{m.group(group)} {head}")
            )  # fmt: skip
    return result


def _scale_minimums(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _SCALE_MINIMUM.finditer(text):
        if not span_free(out, m.start("span"), m.end("span")):
            continue
        op = Op.GE if m.group("dir").lower() == "minimum" else Op.LE
        found.append(
            threshold_at(text, m.start("span"), m.end("span"), op=op,
                       value=number(m.group("a")), quantity=m.group("abbr"))
        )  # fmt: skip
    return found


def _dose_limits(text: str, out: list[Constraint]) -> list[Constraint]:
    found: list[Constraint] = []
    for m in _DOSE_LIMITS.finditer(text):
        for op, a, unit in (("op", "a", "unit"), ("op2", "b", "unit2")):
            if m.group(op) is None or not span_free(out, m.start(op), m.end(unit)):
                continue
            found.append(
                threshold_at(text, m.start(op), m.end(unit), op=op_of(m.group(op)),
                           value=number(m.group(a)),
                           unit=_UG.get(m.group(unit), m.group(unit)), quantity="dose")
            )  # fmt: skip
    return found


def counts(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the round-17 readings no threshold in it covers (module docstring)."""
    if " or " in text and "," in text:
        out = _shared_heads(text, out)
    found: list[Constraint] = []
    if _PER_PERIOD.search(text) is not None:
        found += _counts(text, out)
    if "%" in text:
        found += _percent_nouns(text, out + found)
    if "core" in text:
        found += _scale_minimums(text, out + found)
    if "dos" in text and "(" in text:
        found += _dose_limits(text, out + found)
    return sorted(out + found, key=lambda c: c.start) if found else out
