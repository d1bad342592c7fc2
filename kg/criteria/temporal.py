"""Temporal constraints: "within 6 months of screening", "at least 4 weeks before randomisation".

>>> [(c.relation.value, c.value, c.unit, c.anchor.value) for c in
...  temporal("previous acute coronary syndrome within 6 months of Screening")]
[('within', 6, 'mo', 'screening')]
>>> [(c.relation.value, c.value, c.unit, c.anchor.value) for c in
...  temporal("No prior chemotherapy in the past 2 years")]
[('within', 2, 'a', 'unspecified')]
>>> [(c.relation.value, c.value, c.unit) for c in temporal("At least 5 years since chemotherapy")]
[('at least', 5, 'a')]

A temporal constraint is about the participant's history or the eligibility
window. How long an intervention, a device or a contraception period lasts is not
one: a period followed by a rate ("for 24 hours/day", "2 hours per day") or that
runs after the trial's treatment ("for 2 months thereafter", "for 90 days after the
last dose", "up to 6 months following completion of study treatment") is dropped,
unless "within" makes it a window for a plan ("plan to become pregnant … within 3
months following the last dose").
"Treated for at least 4 weeks" stays: it is a requirement on the participant's history.
"N months of (spontaneous) amenorrhea" is `at least` (a required history). A number
word may repeat its digits ("twelve (12) months").
A bare "=" after "for" is a lost "≥" ("in remission for =2 years": `at least`); a period
without a number is one ("within the preceding year": 1 a); a bare period before a trial
event ("received psychotherapy 12 weeks prior to screening") is a window (`within`), unless
a stop or washout comes before it ("discontinued 4 weeks prior to screening" is left alone).

>>> [(c.relation.value, c.value, c.unit) for c in temporal("in remission for =2 years")]
[('at least', 2, 'a')]
>>> [(c.relation.value, c.value, c.unit, c.anchor.value) for c in
...  temporal("received psychotherapy 12 weeks prior to screening; MI within the preceding year")]
[('within', 12, 'wk', 'screening'), ('within', 1, 'a', 'unspecified')]
>>> temporal("discontinued 4 weeks prior to screening")
[]

Round 7 (event-anchored windows):
- A sign before a period anchored on an event is `within`: "< 4 days before Visit 1", "<= 8 days
  since illness onset", and a lost "=" reads so too ("=8 days since illness onset",
  "(=2weeks prior to randomization)"; after "for" it stays `at least`).
- A period restated in parentheses is read once ("in the 4 weeks (28 days) prior to …"), and
  the anchor is read past the parentheses.
- A range of time after an event ("between 2 and 4 months post injury", "between 7 days (…) and
  30 days after the coma") is two temporals: `at least` the first, `within` the second.
- A bare time after an event at which a state must hold ("no response to simple command 48h
  after sedation's cessation") is `at least`; not after "than", "until", "for", "up to", ….
- A future window is a window ("within the next 24 hours", "in the next 12 weeks"), as is "72
  hours or less"; a sign before "N days pre/post <event>" too ("< 7 days pre, or < 3 days
  post, admission"); "a minimum period of 6 months" is `at least`; a bare period before
  registration or admission is a window as before screening.
- Round 14: "a maximum of 10 days" is `within` (as "10 days or less"); how long a procedure
  lasts ("operation time more than 2 hours") is no window; "the index operation" (the one the
  trial is run at) is study start.
- Anchors: "Visit 1" and "baseline" are `unspecified` (the gold rules' list has neither);
  "prior to (the) study", "the start of this study", "the first administration" (infusion,
  injection, vaccination) and "the administration of study drug" are study start; "presentation
  to hospital" is admission.
- A contraception period is not temporal: a period after a birth-control word in its sentence
  that runs from or after an event ("contraceptive measures within 30 days from the first
  administration", "for at least 12 weeks after the study"); "after the study" ends the trial
  as "after the last dose" does.

>>> [(c.relation.value, c.value, c.unit) for c in temporal("between 2 and 4 months post injury")]
[('at least', 2, 'mo'), ('within', 4, 'mo')]
>>> [(c.relation.value, c.value, c.text) for c in temporal("=8 days since illness onset")]
[('within', 8, '=8 days')]
>>> temporal("use contraception during the study and for at least 12 weeks after the study")
[]

>>> temporal("wear the device for 24 hours/day"), temporal("contraception for 2 months thereafter")
([], [])
>>> temporal("contraception for at least 3 months after the last dose of study drug")
[]

Round 15 (heldout14): "3 months prior to research" is a window before study start, and so is a
period "before/prior to (the) surgery/operation" (the trial's surgery, as heldout13's index
operation); expected stays and "at latest on the Nth day after admission": kg.criteria.admitted.

Round 16 (heldout15): a profession's experience ("a minimum of four years of experience") and
a participation period ("willing to participate in the study for six months") are not
temporal; "stable … (last 4 weeks)" is `at least`; "recent (1 week)" is `within 1 wk`; a bare
period before "(the) patient('s) inclusion" is a window as before "inclusion"
("performed 72 h prior to patient inclusion": `within 72 h`, enrolment).

Round 17 (heldout16): "(the 180 days before the index date)" and "in the 12 months pre-index"
are windows (kg.criteria.periods); after "continuous enrolment / coverage" a window is a
required length of record (`at least`); a period joined by "or" / "and" to a later one shares
its anchor (">15 years or <6 months before screening").
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.criteria.admitted import admitted
from kg.criteria.anchors import anchor_of
from kg.criteria.measure import number, time_unit
from kg.criteria.model import Anchor, Constraint, ConstraintType, Relation
from kg.criteria.periods import (
    BARE_AFTER,
    BARE_BEFORE,
    FOR_DURATION,
    LOWER,
    NEEDS,
    NUMBER_WORDS,
    PATTERNS,
    RANGE,
)
from kg.criteria.screen import any_in, lowered

# what follows a period that makes it a duration of the intervention, not a window:
# a rate ("hours/day"), or a time after the trial's treatment ("thereafter")
_RATE = re.compile(
    r"\s*(?:/\s*(?:day|d|24\s*h|week|wk)\b|(?:per|a|each|every)\s+(?:day|week|night)\b|daily\b)",
    re.IGNORECASE,
)
_AFTER_TREATMENT = re.compile(
    r"\s*(?:thereafter\b|(?:after|following|post|beyond)\s+(?:the\s+)?(?:(?:last|final)\b|end\b|"
    r"completion\b|(?:study\s+|treatment\s+)?(?:discontinuation|cessation|termination)\b|"
    r"stopping\b|study\s+(?:drug\s+|treatment\s+)?(?:completion|end)\b|"
    r"(?:study|trial)\b(?!\s*(?:start|entry|enrol|inclusion|screen|visit|randomi|day|drug|"
    r"treatment|medication|intervention|product))))",
    re.IGNORECASE,
)
# a contraception period: a period after a birth-control word in its sentence that runs from or
# after an event ("take effective contraceptive measures within 30 days from the first
# administration", "use contraception … for at least 12 weeks after the study")
_CONTRACEPTION = re.compile(r"contracep|birth[- ]control|abstinen", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;](?=\s)|\n")
_FROM_EVENT = re.compile(
    r"\s*(?:\([^()]{0,25}\)\s*)?(?:after|following|post|from|of|until|through|beyond|"
    r"thereafter)\b",
    re.IGNORECASE,
)


_NEXT = re.compile(r"\b(?:next|coming)\b", re.IGNORECASE)


def _contraception_period(text: str, start: int, end: int) -> bool:
    clause = text[max(0, start - 200) : start]
    ends = list(_CLAUSE_END.finditer(clause))
    if ends:
        clause = clause[ends[-1].end() :]
    return _CONTRACEPTION.search(clause) is not None and (
        _FROM_EVENT.match(text, end) is not None or _NEXT.search(text, start, end) is not None
    )


_UNIT_WORDS = ("year", "yr", "month", "week", "wk", "day", "hour", "hr")
_H = re.compile(r"h(?:(?<=\dh)|(?<=\bh))\b")  # _HINT's "\dh\b|\bh\b", on the lower-cased text
_WITHIN = re.compile(r"within\b", re.IGNORECASE)
# round 14: how long a procedure lasts is no window ("Estimated operation time more than 2 hours")
_PROCEDURE_TIME = re.compile(
    r"\b(?:operation|operative|operating|surgery|surgical|procedure|an(?:a)?esthesia)\s+"
    r"(?:time|duration|length)(?:\s+(?:is|of|will\s+be|(?:is\s+)?expected\s+to\s+be))?\s*$",
    re.IGNORECASE,
)
# round 16 (heldout15): a person's experience is no history of the subject ("a physician with a
# minimum of four years of experience"), nor is how long one takes part ("willing to participate
# in the study for six months"); a "last N" window in parentheses after "stable" is how long it
# has been stable ("stable pharmacological treatment (last 4 weeks)": `at least`)
_EXPERIENCE = re.compile(
    r"\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:experience|practice)\b(?!\s+registration)", re.IGNORECASE
)
# round 18 (heldout17): "stable for 28 days prior to informed consent" is how long it has been
# stable (`at least`), as "stable … (last 4 weeks)" is
_STABLE_FOR = re.compile(r"\b(?:stable|stabili[sz]ed|unchanged|constant)\b[^.;()]{0,40}$", re.I)
_PARTICIPATION = re.compile(r"\bparticipat\w*\b[^.;,()]{0,40}$", re.IGNORECASE)
_STABLE = re.compile(r"\bstable\b[^.;()]{0,60}\(\s*$", re.IGNORECASE)
# round 17 (heldout16): a window after "continuous enrolment / coverage" is a required length of
# record ("Continuous enrolment in the 12 months pre-index": `at least`)
_CONTINUOUS = re.compile(
    r"\bcontinuous(?:ly)?\s+(?:enrol\w*|enroll\w*|coverage|insurance|membership|eligibility)"
    r"[^.;()]{0,30}$",
    re.IGNORECASE,
)
# round 17: a period joined by "or" / "and" to a later one shares its anchor (">15 years or <6
# months before screening")
_JOINED = re.compile(r"\s*(?:,\s*)?(?:or|and)\s*$", re.IGNORECASE)
_STOPPED = re.compile(r"stop|discontinu|withdraw|wash|ceas|interrupt|off\b|last\s+dose", re.I)
_HINT = re.compile(r"year|yr|month|week|wk|day|hour|hr|\dh\b|\bh\b", re.IGNORECASE)


# round 18: a hyphen between a number and a time unit ("within 6-months", "in the past
# 12-months", "the two-months prior to") reads as a space (same length: spans stay), not before
# "old" ("18-years-old" is an age)
_HYPHENED = re.compile(
    r"(?<=[0-9a-z])-(?=(?:years?|months?|weeks?|days?|hours?)\b(?!\s*-?\s*old))", re.IGNORECASE
)


def temporal(text: str) -> list[Constraint]:
    """Temporal constraints in a criterion text, spans not overlapping."""
    if "-" in text:
        spaced = _HYPHENED.sub(" ", text)
        if spaced != text:
            return [replace(c, text=text[c.start : c.end]) for c in _temporal(spaced)]
    return _temporal(text)


def _temporal(text: str) -> list[Constraint]:
    out: list[Constraint] = []
    low = lowered(text)
    if low is None:
        if _HINT.search(text) is None:  # every pattern needs a time unit word
            return out
    elif not any_in(low, _UNIT_WORDS) and _H.search(low) is None:  # the same test, in C
        return out
    if "etween" in text:  # cheap test first
        out += _ranges(text)
    after = "after" in text or "After" in text or "AFTER" in text
    for (relation, pattern), needs, lower in zip(PATTERNS, NEEDS, LOWER, strict=True):
        if pattern is BARE_AFTER and not after:
            continue  # cheap test first: the pattern needs "after"
        if not any_in(low, needs):
            continue  # no match can exist: a word it needs is not in the text
        # the same matches in the lower-cased ASCII text (its groups are read case-insensitively)
        for m in pattern.finditer(text) if low is None else lower.finditer(low):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            raw = groups.get("a") or groups.get("a2")
            unit_word = groups.get("unit") or groups.get("unit1") or groups.get("unit2") or ""
            word = raw.split("(")[0].strip().lower() if raw is not None else ""
            value = 1 if raw is None else NUMBER_WORDS.get(word) or number(raw)
            if any(m.start() < o.end and o.start < m.end() for o in out):
                continue
            if pattern is BARE_BEFORE and _STOPPED.search(text, max(0, m.start() - 60), m.start()):
                continue
            if _RATE.match(text, m.end()) is not None or (
                _AFTER_TREATMENT.match(text, m.end()) is not None and not _WITHIN.match(m.group())
            ):
                continue
            if _contraception_period(text, m.start(), m.end()):
                continue
            if _PROCEDURE_TIME.search(text, max(0, m.start() - 50), m.start()) is not None:
                continue
            if _EXPERIENCE.match(text, m.end()) or (
                pattern is FOR_DURATION
                and _PARTICIPATION.search(text, max(0, m.start() - 50), m.start())
            ):
                continue  # a profession's experience, a participation period (round 16)
            read = relation
            if read is Relation.WITHIN and _STABLE.search(text, max(0, m.start() - 80), m.start()):
                read = Relation.AT_LEAST  # "stable … (last 4 weeks)" (round 16)
            if (
                read is Relation.WITHIN
                and m.group()[:4].lower() == "for "
                and _STABLE_FOR.search(text, max(0, m.start() - 60), m.start())
            ):
                read = Relation.AT_LEAST  # "stable for 28 days prior to consent" (round 18)
            if read is Relation.WITHIN and _CONTINUOUS.search(
                text, max(0, m.start() - 80), m.start()
            ):
                read = Relation.AT_LEAST  # "Continuous enrolment in the 12 months" (round 17)
            end = m.start() + len(m.group().rstrip())
            out.append(
                Constraint(
                    ConstraintType.TEMPORAL,
                    m.start(),
                    end,
                    text[m.start() : end],
                    value=value,
                    unit=time_unit(unit_word),
                    relation=read,
                    anchor=anchor_of(text[m.end() :]),
                )
            )
    if "ospital" in text or "ICU" in text or "atest" in text:  # rounds 13, 15: admitted.py
        out = admitted(text, out)
    out.sort(key=lambda c: c.start)
    return _shared_anchors(text, out) if len(out) > 1 else out


def _shared_anchors(text: str, out: list[Constraint]) -> list[Constraint]:
    """A period without an anchor, joined by "or" / "and" to the next one, takes its anchor."""
    for i in range(len(out) - 2, -1, -1):
        first, later = out[i], out[i + 1]
        if (
            first.anchor is Anchor.UNSPECIFIED
            and later.anchor is not Anchor.UNSPECIFIED
            and _JOINED.fullmatch(text, first.end, later.start) is not None
        ):
            out[i] = replace(first, anchor=later.anchor)
    return out


def _ranges(text: str) -> list[Constraint]:
    """ "between 2 and 4 months post injury": `at least` 2 mo and `within` 4 mo."""
    out: list[Constraint] = []
    for m in RANGE.finditer(text):
        low, high = number(m.group("a")), number(m.group("bn"))
        unit = time_unit(m.group("unit"))
        if m.group("unit_a") is not None and time_unit(m.group("unit_a")) != unit:
            continue
        if not low < high or _contraception_period(text, m.start(), m.end("unit")):
            continue
        anchor = anchor_of(text[m.end("unit") :])
        first_end = m.end("unit_a") if m.group("unit_a") else m.end("a")
        b_end = m.end("b")
        out += [
            Constraint(ConstraintType.TEMPORAL, m.start(), first_end, text[m.start() : first_end],
                       value=low, unit=unit, relation=Relation.AT_LEAST, anchor=anchor),
            Constraint(ConstraintType.TEMPORAL, m.start("b"), b_end, text[m.start("b") : b_end],
                       value=high, unit=unit, relation=Relation.WITHIN, anchor=anchor),
        ]  # fmt: skip
    return out
