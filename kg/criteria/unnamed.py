"""Thresholds on quantities the list does not name: "<noun phrase> > 500 mU/mL".

Round 8 (the heldout7/8 misses: "blood erythropoietin level > 500 mU/mL", "PHA response <
5,000 cpm", "Cobb angle (CA) >40°", "weight loss >5kg"). Where no other threshold read the
value, a comparison followed by a number **and a unit** is a threshold on the noun phrase
right before it. Precision first:

- The unit must be a real one (kg.criteria.measure): a bare number is no threshold (a count,
  a grade, a score: kg.criteria.scores reads those), and a time unit is a period or an age
  (kg.criteria.temporal, kg.criteria.age), never an unnamed quantity.
- The noun phrase is the run of up to four words before the comparison (an abbreviation in
  parentheses between them is skipped: "Cobb angle (CA) >40°"), in the same clause (it stops
  at punctuation, an opening bracket, a list dash, a function word, a verb of the criterion's
  frame: "have", "with", "is", "of", "maintain" …, a sex word: "males<57kg"). No such word, no
  threshold. Nor when its last word is a verb form ("lesions progressed more than 50%"), a
  unit ("1 mmHg = 0.133 kPa") or a frame ("MDRD formula <30 mL/min"). A phrase that holds a
  known quantity is left to kg.criteria.thresholds (its reading, or its refusal, stands).
- The quantity is the phrase normalised: a leading specimen, article or modifier ("blood",
  "serum", "the", "unexplained", "elevated" …) and a trailing "level(s)" / "value(s)" /
  "concentration" dropped, a plural last word made singular ("PHA responses" -> "PHA
  response"), words lower-cased unless they are acronyms or hold digits; a count per day or
  week is a frequency ("reflux more than 3 times a week": reflux frequency > 3 /wk).
- A second comparison in the same unit later in the clause, after "and" / "or" ("PHA response
  >5,000 cpm and <50,000 cpm", "<40,000 cpm when on immunosuppression or <75,000 cpm"), is a
  threshold of the same quantity.
- Written value first, a count per volume after a noun phrase that ends in "cells" ("<50 CD3+
  T cells/cumm") is a threshold on that phrase.
- A percentage in a clause that speaks of a change ("improvement of 3 core parameters … of
  iMACS <20%", "2 parameters deterioration >25%", "lesions progress > 50%") is a relative change,
  not a level: not read (the seed's labels, dev).
- A multiple of a named response ("< 20 fold PHA response") is a threshold without unit on
  "<response> fold" (the gold rules, heldout7); a multiple of the normal is ×ULN (measure).
- Round 12: a flow unit that names oxygen ("> 5 LO2/min") is an oxygen flow, whatever precedes.
- A bare "=" or "*" (a lost sign) is skipped: its direction comes from the quantity's sense,
  unknown here ("small doses of aspirin =325mg / day" is a cap).
- Round 15 (heldout14; the general reading, not one more name): a negative value ("< -6.0 D"); a
  value with its unit and "or more" / "or less" after the phrase is a limit on it ("intraocular
  pressure of 22 mmHg or higher": `>=`); a word may start with digits and a hyphen
  ("25-hydroxyvitamin D"); "is", "are", "must be", "of" between the phrase and the comparison
  are skipped ("axial length is > 26 mm", "ferritin of < 100 ng/mL"), unless the phrase ends in
  a word that names no measured quantity ("a dose of", "an increase of", "use of"); a full name
  restated in parentheses after the phrase is skipped as an abbreviation is ("IOP (intraocular
  pressure) ≥ 22 mm Hg": IOP); phrases listed from the start of a clause before one comparison
  share it, one threshold each ("(false positives, fixation losses and false negatives ≤ 25%"),
  each of at most three words, none of them a function word; a measurement named before how it
  is taken ("bleeding score on full-mouth probing below 10 percent": bleeding score) is the
  quantity when the phrase ends in a measurement noun (score, index, level, pressure …);
  "outside ± N" (or a lost "±" written "+") is two limits, `< -N` and `> N` ("spherical
  refraction outside + 5.0 Diopters").
- Round 16 (heldout15): a count per time is a rate ("/h", "/d", "/wk", days a week): a lost
  "≥" written "=" before it is `>=` ("a responsible caregiver = 4 days/wk", the gold rules'
  frequencies), and the phrase may end in an activity's "-ing" ("tracheal suctioning ≤2/hour");
  a parenthesis listing the numbers a measurement is taken at is skipped as an abbreviation is
  ("pure tone threshold (0.5, 1, 2kHz) ≤ 55dB HL").

>>> t = "Resistant to ESAs or blood erythropoietin level > 500 mU/mL"
>>> [(c.quantity, c.op.value, c.value, c.unit, c.text) for c in unnamed(t, None, [])]
[('erythropoietin', '>', 500, 'mU/mL', 'blood erythropoietin level > 500 mU/mL')]
>>> t = "whose T cells have a PHA response >5,000 cpm and <50,000 cpm"
>>> [(c.quantity, c.op.value, c.value, c.unit) for c in unnamed(t, None, [])]
[('PHA response', '>', 5000, '{counts}/min'), ('PHA response', '<', 50000, '{counts}/min')]
>>> unnamed("symptoms for > 2 weeks", None, []), unnamed("a score > 3", None, [])
([], [])
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, OP_PATTERN, UNIT_PATTERN, number, op_of, ucum
from kg.criteria.model import Constraint, ConstraintType, Op, span_free
from kg.criteria.quantities import find_quantities
from kg.criteria.senses import bare_equals

_TIME = frozenset({"a", "mo", "wk", "d", "h"})
_FREQUENCIES = frozenset({"/d", "/wk"})
_CHANGE = re.compile(
    r"\b(?:improve|deteriorat|progress|increas|decreas|reduc|declin|chang|worsen)\w*", re.I
)
# a number and a unit first (numbers are few), then the comparison that ends right before it
_VALUE_UNIT = re.compile(rf"(?<![\d.,])(?P<a>{NUMBER})(?![\d.,]?\d)\s*(?P<unit>{UNIT_PATTERN})")
_OP_BEFORE = re.compile(rf"(?P<op>{OP_PATTERN})\s*(?P<neg>[-−]\s*)?$")  # round 15: "< -5 D"
_ABBREVIATION = re.compile(
    r"\s*\((?:[A-Za-z][\w+/-]{0,9}|[A-Za-z][a-z-]+(?:\s+[a-z][a-z-]+){1,3}"
    r"|\d[\d.]*(?:\s*,\s*\d[\d.]*)+\s*[A-Za-z]{0,3})\)\s*$"
)  # "(CA)", round 15: "(intraocular pressure)"; round 16: "(0.5, 1, 2kHz)", how it is taken
# round 16: a count per time (a rate of an activity or of days a week): a lost "≥" written "="
# is read ("caregiver = 4 days/wk"), and a phrase may end in "-ing" ("suctioning ≤2/hour")
_RATES = frozenset({"/d", "/wk", "/h", "d/wk"})
# round 15: a measurement, then how it is taken ("bleeding score on full-mouth probing below")
_METHOD = re.compile(r"\s(?:on|by|at|in|using)\s+(?:[\w-]+\s+){0,2}[\w-]+\s*$")
# round 15: a colon between the quantity and its comparison (not a parenthesis: "bilirubin > 25
# µmol / l (> 1.53 mg / dl)" restates, "bradycardia (<50bpm)" defines a condition)
_OPENED = re.compile(r"(?<=\w)\s*:\s*$")
# round 15: a verb or "of" between the quantity and its comparison ("IOP is > 21 mmHg")
_VERB = re.compile(
    r"(?<=\w)\s+(?:(?:is|are|was|were|remains?|must\s+be|should\s+be|to\s+be|of)\s+)+$", re.I
)
# a word that names no measured quantity when "of" or a verb follows it: "a dose of > 2 g"
_GENERIC = frozenset({
    "dose", "doses", "dosage", "use", "history", "total", "duration", "increase", "decrease",
    "reduction", "decline", "rise", "drop", "loss", "gain", "change", "improvement", "period",
    "amount", "intake", "consumption", "minimum", "maximum", "average", "mean", "one", "each",
})  # fmt: skip
_HEADS = frozenset({
    "score", "index", "level", "pressure", "count", "rate", "ratio", "volume", "size", "thickness",
    "length", "depth", "diameter", "percentage", "fraction", "concentration", "density",
})  # fmt: skip
# round 15: phrases listed before the one that reads the value ("false positives, fixation
# losses and …"), each ending in ", " / " and " / " or "
_LISTED = re.compile(
    r"([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,2})(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$"
)
_CLAUSE_START = re.compile(r"(?:^|[(:;.\[]\s*)$")
_OUTSIDE = re.compile(
    rf"\boutside\s*(?:of\s+)?(?:±|\+\s*/\s*-|\+-|\+|plus\s+or\s+minus)\s*(?P<a>{NUMBER})\s*"
    rf"(?P<unit>{UNIT_PATTERN})?",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[(),;:.\[\]]|\s[-–•]\s|\s[-–•]$")
_WORD = re.compile(r"[A-Za-z][\w+'/-]*|\d+-[A-Za-z][\w+'/-]*")  # round 15: "25-hydroxyvitamin"
_STOP = frozenset({
    "a", "an", "the", "with", "without", "of", "and", "or", "to", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "having", "if", "in", "on", "at", "for", "by", "as",
    "than", "that", "which", "who", "whose", "must", "should", "will", "would", "may", "can",
    "not", "no", "any", "all", "patients", "patient", "subjects", "subject", "participants",
    "participant", "people", "persons", "person", "individuals", "from", "after", "before",
    "during", "while", "when", "where", "within", "since", "until", "per", "via", "either",
    "both", "their", "his", "her", "its", "this", "these", "those", "defined", "documented",
    "showing", "shows", "show", "received", "receiving", "require", "requiring",
    "required", "needs", "need", "up", "down", "less", "more", "greater", "higher", "lower",
    "over", "under", "above", "below", "least", "most", "equal", "x", "times", "but", "also",
    "maintain", "keep", "reach", "achieve", "males", "females", "men", "women", "boys", "girls",
    "male", "female", "it", "they", "them", "case", "cases",  # round 15: "in which case it must be"
})  # fmt: skip
_MODIFIERS = frozenset({
    "unexplained", "significant", "elevated", "increased", "decreased", "reduced", "abnormal",
    "persistent",
})  # fmt: skip
# a phrase that ends in one of these names a method or a frame, not a quantity
_FRAMES = frozenset({
    "formula", "method", "equation", "criteria", "criterion", "range", "scale", "definition",
    "unit", "units",
})  # fmt: skip
_LEADING = frozenset({"blood", "serum", "plasma", "the", "total", "a", "an"}) | _MODIFIERS
_TRAILING = frozenset({"level", "levels", "value", "values", "concentration", "concentrations"})
_AGAIN = re.compile(
    rf"(?P<gap>[^.;\d<>≤≥=]{{0,40}}?)\b(?:and|or)\s+(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})"
    rf"(?![\d.,]?\d)\s*(?P<unit>{UNIT_PATTERN})"
)
# "< 20 fold PHA response": a multiple of a named response, a threshold without unit
_FOLD = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s*-?\s*fold\s+(?!(?:the\s+|of\s+)?(?:upper|ULN|"
    r"normal|increase|rise|higher|greater|above|over|elevation)\b)"
    r"(?P<phrase>[A-Za-z][\w+-]*(?:\s+[A-Za-z][\w+-]*){0,2}?\s+responses?)\b",
    re.IGNORECASE,
)
_CELLS = re.compile(
    rf"(?P<op>{OP_PATTERN})\s*(?P<a>{NUMBER})\s+(?P<phrase>(?:[A-Za-z][\w+-]*\s+){{0,3}}cells)"
    rf"\s*(?P<unit>{UNIT_PATTERN})"
)


def _word(word: str) -> str:
    acronym = sum(ch.isupper() for ch in word) > 1 or any(ch.isdigit() for ch in word)
    acronym = acronym or (len(word) == 1 and word.isupper())  # "vitamin D" (round 15)
    return word if acronym else word.lower()


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]  # "branches"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrase(text: str, op_start: int, rate: bool = False) -> tuple[str, int] | None:
    """(normalised quantity, start) of the noun phrase right before a comparison, or None
    (``rate``: the value is a count per time, so the phrase may name an activity)."""
    before = text[max(0, op_start - 80) : op_start]
    abbreviation = _ABBREVIATION.search(before)
    if abbreviation is not None:
        before = before[: abbreviation.start()]
    elif before and not before[-1].isspace() and not before[-1].isalnum():
        return None  # "(≥ 3 …", "x/≥": punctuation right before the sign
    words: list[tuple[int, str]] = []  # (start in ``before``, word)
    end = len(before)
    for m in reversed(list(re.finditer(r"[(\[]?[^\s(\[]+", before))):
        if _CLAUSE.search(before, m.end(), end) or len(words) == 4:
            break
        opening = m.group()[0] in "(["  # "(Cobb angle (CA) >40°)": the phrase starts there
        word = m.group()[1:] if opening else m.group()
        if not _WORD.fullmatch(word) or word.lower() in _STOP:
            break
        words.insert(0, (m.start() + int(opening), word))
        end = m.start()
        if opening:
            break
    kept = [w for _, w in words]
    while kept and kept[0].lower() in _LEADING:
        kept.pop(0)
    while kept and kept[-1].lower() in _TRAILING:
        kept.pop()
    if not kept or find_quantities(" ".join(kept)) or kept[-1].lower() in _FRAMES:
        return None
    verb = kept[-1].lower().endswith("ed") or (kept[-1].lower().endswith("ing") and not rate)
    if verb or ucum(kept[-1]) is not None:
        return None  # "lesions progressed > 50%" (a verb), "1 mmHg = 0.133 kPa" (a unit)
    kept[-1] = _singular(kept[-1])
    start = max(0, op_start - 80) + words[0][0]
    return " ".join(_word(w) for w in kept), start


def measured(text: str, op_start: int, rate: bool = False) -> tuple[str, int] | None:
    """The phrase before a comparison, or before how the measurement is taken."""
    named = _phrase(text, op_start, rate)
    if named is not None:
        return named
    opened = _OPENED.search(text, max(0, op_start - 4), op_start)
    if opened is not None:  # round 15: "lesion size: ≥ 2 cm"
        return _phrase(text, opened.start())
    verb = _VERB.search(text, max(0, op_start - 30), op_start)
    if verb is not None:  # round 15: "axial length is > 26 mm", "ferritin of < 100 ng/mL"
        named = _phrase(text, verb.start())
        generic = named is None or named[0].split()[-1].lower() in _GENERIC
        return None if generic else named
    method = _METHOD.search(text, max(0, op_start - 60), op_start)
    if method is None:
        return None
    named = _phrase(text, method.start())
    if named is None or named[0].split()[-1].lower() not in _HEADS:
        return None
    return named


def _listed(text: str, start: int) -> list[tuple[str, int]]:
    """Phrases listed from a clause start before the phrase at ``start`` (else none)."""
    found: list[tuple[str, int]] = []
    end = start
    while (m := _LISTED.search(text, max(0, end - 60), end)) is not None and len(found) < 5:
        words = m.group(1).split()
        if any(w.lower() in _STOP for w in words) or find_quantities(m.group(1)):
            return []
        found.insert(0, (" ".join(_word(w) for w in words), m.start()))
        end = m.start()
        if _CLAUSE_START.search(text, max(0, end - 3), end):
            return found
    return []


_OR_MORE = re.compile(
    r"\s+or\s+(?P<dir>more|greater|higher|above|over|less|lower|below|fewer|under)\b(?!\s+than)",
    re.IGNORECASE,
)


def _or_more(
    text: str, v: re.Match[str], unit: str, out: list[Constraint], found: list[Constraint]
) -> None:
    """ "<phrase> (of) N unit or more/less": a limit on the phrase (round 15)."""
    end = v.start("unit") + len(v.group("unit").rstrip())
    more = _OR_MORE.match(text, end)
    if more is None or not span_free(out + found, v.start(), more.end()):
        return
    named = measured(text, v.start())
    if named is None or unit in _FREQUENCIES or bare_equals(text, v.start(), v.end()):
        return
    quantity, start = named
    if unit == "%" and _CHANGE.search(re.split(r"[.;]", text[max(0, start - 100) : start])[-1]):
        return
    op = (
        Op.GE
        if more.group("dir").lower() in ("more", "greater", "higher", "above", "over")
        else Op.LE
    )
    found.append(Constraint(ConstraintType.THRESHOLD, start, more.end(), text[start : more.end()],
                            op=op, value=number(v.group("a")), unit=unit,
                            quantity=quantity))  # fmt: skip


def unnamed(text: str, kind: str | None, out: list[Constraint]) -> list[Constraint]:
    """Thresholds on unnamed quantities where no other threshold read the value."""
    found: list[Constraint] = []
    for v in _VALUE_UNIT.finditer(text):
        unit = ucum(v.group("unit"))
        if unit is None or unit in _TIME:
            continue
        m = _OP_BEFORE.search(text, max(0, v.start() - 40), v.start())
        if m is None:  # round 15: "intraocular pressure of 22 mmHg or higher"
            _or_more(text, v, unit, out, found)
            continue
        if not span_free(out + found, m.start(), v.end()):
            continue
        named = measured(text, m.start(), unit in _RATES)
        if "O2" in v.group("unit"):  # round 12: "uses > 5 LO2/min", the unit names the gas
            named = ("oxygen flow", m.start())
        if named is None:
            continue
        quantity, start = named
        if unit == "%" and _CHANGE.search(
            re.split(r"[.;]", text[max(0, start - 100) : m.start()])[-1]
        ):
            continue  # "improvement … of iMACS <20%", "deterioration >25%": a relative change
        if bare_equals(text, m.start(), v.end("a")) and unit not in _RATES:
            continue  # a lost sign on an unknown quantity: its direction is not known
        if unit in _FREQUENCIES:
            quantity += " frequency"  # "reflux more than 3 times a week"
        op = op_of(m.group("op"))
        end = v.start("unit") + len(v.group("unit").rstrip())
        listed = _listed(text, start) if unit != "O2" else []
        first = listed[0][1] if listed else start  # one span: the list and its comparison
        value = -number(v.group("a")) if m.group("neg") else number(v.group("a"))
        for name, _ in [*listed, (quantity, start)]:
            found.append(Constraint(ConstraintType.THRESHOLD, first, end, text[first:end], op=op,
                                    value=value, unit=unit,
                                    quantity=name))  # fmt: skip
        again = _AGAIN.match(text, end)
        while again is not None and ucum(again.group("unit")) == unit:
            if _CLAUSE.search(again.group("gap")) or not span_free(
                out, again.start("op"), again.end()
            ):
                break
            s, e = again.start("op"), again.start("unit") + len(again.group("unit").rstrip())
            found.append(Constraint(ConstraintType.THRESHOLD, s, e, text[s:e],
                                    op=op_of(again.group("op")), value=number(again.group("a")),
                                    unit=unit, quantity=quantity))  # fmt: skip
            again = _AGAIN.match(text, e)
    for m in _OUTSIDE.finditer(text) if "utside" in text else ():
        unit = ucum(m.group("unit")) if m.group("unit") else None
        named = measured(text, m.start())
        if named is None or unit in _TIME or not span_free(out + found, m.start(), m.end()):
            continue
        end = m.end("unit") if m.group("unit") else m.end("a")
        value = number(m.group("a"))
        for op, limit in ((Op.LT, -value), (Op.GT, value)):
            found.append(Constraint(ConstraintType.THRESHOLD, m.start(), end, text[m.start() : end],
                                    op=op, value=limit, unit=unit,
                                    quantity=named[0]))  # fmt: skip
    for m in _CELLS.finditer(text) if "cells" in text else ():
        unit = ucum(m.group("unit"))
        if unit != "/uL" or not span_free(out + found, m.start(), m.end()):
            continue
        if find_quantities(m.group("phrase")):
            continue
        end = m.start("unit") + len(m.group("unit").rstrip())
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), end, text[m.start() : end],
                                op=op_of(m.group("op")), value=number(m.group("a")), unit=unit,
                                quantity=m.group("phrase")))  # fmt: skip
    for m in _FOLD.finditer(text) if "fold" in text.lower() else ():
        if not span_free(out + found, m.start(), m.end()):
            continue
        quantity = " ".join(_word(w) for w in m.group("phrase").split())
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(),
                                op=op_of(m.group("op")), value=number(m.group("a")),
                                quantity=f"{_singular(quantity)} fold"))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
