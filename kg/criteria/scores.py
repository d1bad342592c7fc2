"""Thresholds on scores the quantity list does not name: "score 3 or more on the RPQ".

Questionnaire and scale scores are thresholds without a unit (the gold rules, "Added for
heldout6"). Where no known quantity (kg.criteria.quantities) read the value, the word
"score(s)" followed closely by a comparison ("score > 1", "scores of 19 or higher", "a score of
more than 3") is one, and a second value right after it ("… for boys and 20 or higher for
girls") is another. Its quantity is the scale named before the word ("VTE score < 4": VTE;
"Patient cough score": cough), else the one named after it ("… on the self-reported SDQ Total
Difficulties scale": SDQ total difficulties; "of the HAMD17 scale": HAMD17), else "score".
A value with a unit ("score ≥ 10 %") is not a score.

Round 8 (the heldout8 misses): ranges and lists of scores, as the gold labels them: "score 0 to
4" and "score 3 or 4" are `between` (inclusive), "score of 0 or 1" is `<= 1` (as "ECOG 0 or
1"); "scale" is read like "score" ("Bristol Stool Shape Scale 6 or higher": `>= 6`), but not
a scale's own range ("on a scale of 0 to 10"); an ordinal "level" in Roman numerals ("GMFCS
level III-IV": `between` 3 and 4). The scale's abbreviation in parentheses right before the
word is its name ("Gross Motor Function Classification System (GMFCS) level III-IV": GMFCS),
and a scale named after "according to" ("score 3 or 4 according to 6-grade scale").

Round 12 (heldout11): a grade, class or stage in Roman numerals after a named scale is one
("ASA grade I-III": ASA `between` 1 and 3; "CKD stage IV or greater": `CKD stage >= 4`, a stage
only with a comparison, so "stage I or II cancer" is none; "Class III or IV … heart failure"
lists classes); "IIIB" is class III; "score must be >5" compares; a scale's abbreviation right
before the parenthesis the word opens names it ("K10 (scores 20-29)": K10).

Round 15 (heldout14): a range of levels or stages with the scale named after it in capitals
("levels 5 - 7 in the Global Deterioration Scale") is `between` on that name.

Round 17 (heldout16): the abbreviation in parentheses names the score across "total" /
"global" / "overall" / "summary" ("… for DSM-5 (CAPS-5) total score ≥28": CAPS-5).

>>> t = "patients who score 3 or more on the RPQ"
>>> [(c.quantity, c.op.value, c.value) for c in unnamed_scores(t, None, [])]
[('RPQ', '>=', 3)]
>>> t = "(scores of 19 or higher for boys and 20 or higher for girls) on the SDQ Total Difficulties"
>>> [(c.quantity, c.value, c.text) for c in unnamed_scores(t, None, [])]
[('SDQ total difficulties', 19, 'scores of 19 or higher'),
 ('SDQ total difficulties', 20, '20 or higher')]
>>> [(c.quantity, c.op.value, c.value) for c in unnamed_scores("VTE score <4", None, [])]
[('VTE', '<', 4)]
>>> t = "classified at Gross Motor Function Classification System (GMFCS) level III-IV"
>>> [(c.quantity, c.op.value, c.value, c.value2) for c in unnamed_scores(t, None, [])]
[('GMFCS', 'between', 3, 4)]
>>> [(c.quantity, c.op.value, c.value) for c in unnamed_scores("CKD stage IV or greater", None, [])]
[('CKD stage', '>=', 4)]
>>> unnamed_scores("adequately treated stage I or II cancer", None, [])
[]
>>> unnamed_scores("rated on a scale of 0 to 10", None, [])
[]
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of
from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.senses import bare_equals, lost_sign

_MORE = ("more", "greater", "higher", "above", "over")
_DIR = r"more|greater|higher|above|over|less|lower|below|fewer|under"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
_R = r"\b(?-i:IV|VI|V|I{1,3})(?-i:[A-C](?![a-z]))?\b"  # "IIIB" is class III (round 12)
_N = rf"(?:{NUMBER}(?![\d.,]?\d)|{_R})"
_SCORE = re.compile(
    rf"\b(?:(?P<word>scores?|scales?)|(?P<level>levels?|grades?|class(?:es)?|stages?)"
    rf"(?=\s+{_R}))\s*(?:of\s+|(?:must|should)\s+be\s+)?"
    rf"(?:(?P<op>{OP_PATTERN})\s*(?P<a>{_N})(?!\s*(?:{UNIT_PATTERN}))"
    rf"|(?P<ma>{_N})\s*(?:points?\s+)?(?:or|and)\s+(?P<dir>{_DIR})\b"
    rf"|(?P<ra>{_N})\s*(?:-|–|to)\s*(?P<rb>{_N})(?!\s*(?:{UNIT_PATTERN}))"
    rf"|(?P<la>{_N})\s*or\s*(?P<lb>{_N})(?!\s*(?:{UNIT_PATTERN}|[-–]|or\b)))",
    re.IGNORECASE,
)
_SECOND = re.compile(
    rf"\s*(?:points?\s+)?(?:for\s+\w+\s+)?(?:and|or|,)\s*(?P<b>{NUMBER})\s*(?:points?\s+)?or\s+"
    rf"(?P<dir>{_DIR})\b",
    re.IGNORECASE,
)
_STOP = frozenset({
    "a", "an", "the", "with", "has", "have", "had", "must", "who", "by", "as", "on", "and", "or",
    "of", "in", "at", "patient", "patients", "subject", "subjects", "combined", "if", "any",
    "their", "his", "her", "is", "are", "was", "were", "be", "than", "defined", "total", "for",
    "to", "will",
})  # fmt: skip
_CLAUSE = re.compile(r"[(),;:.\[\]]")
_AFTER = re.compile(
    r"\b(?:on|of|in)\s+the\s+(?:[\w-]+-(?:reported|rated)\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\b(?![\w-])"
    r"|\baccording\s+to\s+(?:the\s+|a\s+)?(?P<scale>(?:[\w-]+\s+){0,3}?(?:scale|score|index))\b"
)
# a scale's abbreviation in parentheses right before "level"/"score": "… System (GMFCS) level"
# (round 17: "total" / "global" / "overall" between them: "… for DSM-5 (CAPS-5) total score ≥28")
_ABBREVIATION = re.compile(
    r"\((?P<abbr>[A-Z][A-Za-z0-9-]{1,9})\)\s*(?i:(?:total|global|overall|summary)\s+)?$"
)
# a scale's abbreviation right before a parenthesis that opens with the word (round 12)
_OPENED = re.compile(r"\b(?P<abbr>(?-i:[A-Z][A-Z0-9-]{0,8}[A-Z0-9]))\s*\(\s*$")
_GENERIC = frozenset({"scale", "supplement", "questionnaire", "score", "inventory", "index"})


def _words(words: list[str]) -> str:
    """Acronyms and names with digits kept, other words lower-cased; a trailing "scale" /
    "supplement" dropped."""
    while words and words[-1].lower() in _GENERIC:
        words = words[:-1]
    return " ".join(_word(w) for w in words)


def _word(w: str) -> str:
    return w if sum(ch.isupper() for ch in w) > 1 or any(ch.isdigit() for ch in w) else w.lower()


def _value(text: str) -> int | float:
    return _ROMAN.get(text.rstrip("ABC")) or number(text)


def _name(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 60) : start]
    abbreviation = _ABBREVIATION.search(before)
    if abbreviation is not None:
        return abbreviation.group("abbr")
    opened = _OPENED.search(before)
    if opened is not None:  # "K10 (scores 20-29)": the scale the parenthesis explains
        return opened.group("abbr")
    cut = list(_CLAUSE.finditer(before))
    if cut:
        before = before[cut[-1].end() :]
    words: list[str] = []
    for word in reversed(before.split()):
        if word.lower() in _STOP or not re.fullmatch(r"[A-Za-z][\w'-]*", word) or len(words) == 4:
            break
        words.insert(0, word)
    if words:
        return _words(words)
    after = _AFTER.search(text, end, min(len(text), end + 120))
    if after is not None and not re.search(r"[.;]\s", text[end : after.start()]):
        if after.group("scale") is not None:  # "according to 6-grade scale": the scale's name
            return " ".join(_word(w) for w in after.group("scale").split())
        return _words(after.group("name").split()) or "score"
    return "score"


# round 15 (heldout14): a range of levels or stages in a scale named after it, in capitals
# ("levels 5 - 7 in the Global Deterioration Scale": `between` 5 and 7, the scale's name)
_NAMED_AFTER = re.compile(
    r"\b(?:levels?|stages?)\s+(?P<a>\d{1,2})\s*(?:-|–|to)\s*(?P<b>\d{1,2})\s+(?:in|on|of)\s+"
    r"(?:the\s+)?(?P<name>(?:[A-Z][\w'-]*\s+){1,5}(?:Scale|Score|Index|Inventory|System))\b"
)


def unnamed_scores(text: str, kind: str | None, out: list[Constraint]) -> list[Constraint]:
    """Score thresholds where no other threshold read the value (see the module doc)."""
    found: list[Constraint] = []
    for m in _SCORE.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        value2: int | float | None = None
        scale = (m.group("word") or "").lower().startswith("scale")
        if scale and m.group("op") is None and m.group("ma") is None:
            continue  # "on a scale of 0 to 10" defines the scale
        if m.group("op") is not None:
            op, value = op_of(m.group("op")), _value(m.group("a"))
            if bare_equals(text, m.start("op"), m.end("a")):
                op = lost_sign(op, "score", None, kind)
        elif m.group("ma") is not None:
            op = Op.GE if m.group("dir").lower() in _MORE else Op.LE
            value = _value(m.group("ma"))
        else:  # "score 0 to 4", "level III-IV", "score 3 or 4"; "0 or 1" is "<= 1" (as ECOG)
            pair = ("ra", "rb") if m.group("ra") else ("la", "lb")
            low, high = m.group(pair[0]), m.group(pair[1])
            value, value2 = _value(low), _value(high)
            if value2 <= value:
                continue
            op = Op.BETWEEN
            if value == 0 and m.group("la") is not None:
                op, value, value2 = Op.LE, value2, None
        if value > 1000:
            continue
        level = (m.group("level") or "").lower()
        if level[:5] in ("grade", "class", "stage") and m.group("la") is not None:
            continue  # "Class III or IV congestive heart failure" names classes
        if level.startswith("stage") and m.group("op") is None and m.group("ma") is None:
            continue  # "stage I-II cancer" names stages ("CKD stage IV or greater" compares)
        name = _name(text, m.start(), m.end())
        if level[:5] in ("grade", "class", "stage"):
            if sum(ch.isupper() for ch in name) < 2:
                continue  # only a named scale's ("ASA grade"), not "heart failure grade III-IV"
            if level.startswith("stage"):
                name = f"{name} stage"  # "CKD stage IV or greater": CKD stage
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(), op=op,
                                value=value, value2=value2, quantity=name))  # fmt: skip
        second = _SECOND.match(text, m.end())
        if second is not None and m.group("dir") is not None:
            op2 = Op.GE if second.group("dir").lower() in _MORE else Op.LE
            start = second.start("b")
            found.append(Constraint(ConstraintType.THRESHOLD, start, second.end(),
                                    text[start : second.end()], op=op2,
                                    value=number(second.group("b")), quantity=name))  # fmt: skip
    for m in _NAMED_AFTER.finditer(text) if "evel" in text or "tage" in text else ():
        if any(c.start < m.end() and m.start() < c.end for c in out + found):
            continue
        low, high = int(m.group("a")), int(m.group("b"))
        if low < high:
            found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(),
                                    op=Op.BETWEEN, value=low, value2=high,
                                    quantity=" ".join(m.group("name").split())))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
