"""The periods the temporal extractor reads (kg.criteria.temporal), each pattern with its
relation: windows ("within 6 months", "in the past 2 years", "< 4 days before Visit 1", "72
hours or less", a bare period before a trial event) and durations ("at least 4 weeks", "12
months of amenorrhea", "for 3 months", "48h after sedation's cessation"); ranges of time after
an event ("between 2 and 4 months post injury"); and the words each pattern needs
(kg.criteria.screen).

>>> sorted({r.value for r, p in PATTERNS if p.search("in the past 2 years")})
['within']
"""

from __future__ import annotations

import re

from kg.criteria.measure import NUMBER, TIME_UNIT_PATTERN
from kg.criteria.model import Relation
from kg.criteria.screen import lower_case

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24, "a": 1, "an": 1,
}  # fmt: skip
# a number word may repeat its digits: "within the previous twelve (12) months"
_N = (
    rf"(?:{NUMBER}|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|"
    rf"twenty-four)(?:\s*\(\d+\))?)"
)
_RECENT = r"(?:the\s+)?(?:last|past|previous|prior|preceding|recent)"
PATTERNS: tuple[tuple[Relation, re.Pattern[str]], ...] = (
    (
        Relation.WITHIN,  # round 16: "recent (1 week) thoracic surgery": how recent, restated
        re.compile(
            rf"\brecent(?:ly)?\s*\(\s*(?:<\s*|≤\s*)?(?P<a>{_N})\s*"
            rf"(?P<unit>{TIME_UNIT_PATTERN})\s*\)",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.WITHIN,
        re.compile(
            rf"\b(?:within|w/in)\s+(?:(?:{_RECENT}|the\s+(?:next|coming))\s+)?"
            rf"(?:(?:the\s+)?(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})"
            rf"|(?:a|one|the\s+(?:last|past|previous|preceding))\s+(?P<unit1>year|month|week|day)\b)"
            rf"|\b(?:in|during|over)\s+the\s+(?:next|coming)\s+(?P<a2>{_N})\s*"
            rf"(?P<unit2>{TIME_UNIT_PATTERN})",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.WITHIN,
        re.compile(
            rf"\b(?:in|during|over|for)\s+{_RECENT}\s+(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})"
            rf"|\b(?:in|during|over)\s+(?:the\s+)?(?:last|past|previous|preceding)\s+"
            rf"(?P<unit1>year|month|week|day)\b"
            rf"|(?:\b(?:less\s+than|fewer\s+than|up\s+to|no\s+more\s+than|within)|<=?|≤|⩽"
            rf"|(?<![<>/≤≥=])(?<![<>/]\s)(?<!\bfor\s)(?<!\bfor)=)\s*(?P<a2>{_N})"
            rf"\s*(?P<unit2>{TIME_UNIT_PATTERN})\s*(?=(?:before|prior|preceding|since|after|of|"
            rf"from|ago|pre\b|post\b))",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.WITHIN,  # a period before an event without a cue word: "during the 6 months
        # prior to", "for 3 months before", "in the 4 weeks preceding", "previous 30 days";
        # round 17: "(the 180 days before the index date)", "in the 12 months pre-index";
        # round 18: a hyphen between number and unit ("in the two-months prior to")
        re.compile(
            rf"(?:\b(?:in|during|over|for)\s+(?:the\s+)?|(?<=\()the\s+)(?P<a>{_N})(?:\s*|-)"
            rf"(?P<unit>{TIME_UNIT_PATTERN})"
            rf"(?=\s*(?:\([^()]{{0,25}}\)\s*)?(?:before|prior|preceding|ago|until|pre-))"
            rf"|\b(?:last|past|previous|prior|preceding|recent)\s+(?P<a2>{_N})\s*"
            rf"(?P<unit2>{TIME_UNIT_PATTERN})",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.WITHIN,  # "72 hours or less", "14 days or fewer"; round 14: "a maximum of 10 days"
        re.compile(
            rf"(?<![\w.])(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})\s+or\s+(?:less|fewer|shorter)\b"
            rf"|\b(?:a\s+)?maximum\s+(?:period\s+|duration\s+)?of\s+(?P<a2>{_N})\s*"
            rf"(?P<unit2>{TIME_UNIT_PATTERN})",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.AT_LEAST,
        re.compile(
            rf"(?:\b(?:at\s+least|(?:a\s+)?minimum\s+period\s+of|a\s+minimum\s+of|minimum(?:\s+of)?|no\s+less\s+than|"
            rf"not\s+less\s+than|more\s+than|greater\s+than|longer\s+than|over)|>=?|≥"
            rf"|(?<=\bfor\s)=|(?<=\bfor)=)\s*"
            rf"(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})"
            rf"|\b(?P<a2>{_N})\s*(?P<unit2>{TIME_UNIT_PATTERN})\s+or\s+(?:more|longer)\b",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.AT_LEAST,  # a required history: "12 months of spontaneous amenorrhea"
        re.compile(
            rf"\b(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})\s+of\s+"
            rf"(?:(?:spontaneous|consecutive|continuous|natural)\s+)*(?:amenorrh(?:o)?ea|no\s+menses)",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.WITHIN,  # a bare period before a trial event: "received X 12 weeks prior to
        # screening" (a stop, washout or discontinuation before it is left alone: see _STOPPED)
        re.compile(
            rf"(?<![\w.<>=≤≥])(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})"
            rf"(?=\s+(?:prior\s+to|before|preceding)\s+(?:the\s+)?"
            rf"(?:(?:patient|subject|participant)s?'?s?\s+)?(?:screening|randomi[sz]|enrol|"
            rf"inclusion|baseline|study\s+(?:start|entry)|first\s+dose|consent|registration|"
            rf"admission|research))",  # round 15: "3 months prior to research"
            re.IGNORECASE,
        ),
    ),
    (
        Relation.AT_LEAST,  # a duration: "stable for 3 months", "remain inpatient for 15 days"
        re.compile(
            rf"\bfor\s+(?:a\s+period\s+of\s+|the\s+)?(?P<a>{_N})\s*(?P<unit>{TIME_UNIT_PATTERN})"
            rf"(?!\s*(?:before|prior|preceding|after|following|of|from|ago|until|post))",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.AT_LEAST,  # a time after an event at which a state must hold: "no response to
        # simple command 48h after sedation's cessation" (not after "than", "until", "for", …)
        re.compile(
            rf"(?<![\w.<>=≤≥/\-–])(?<!\bthan\s)(?<!\buntil\s)(?<!\bto\s)(?<!\band\s)(?<!\bor\s)"
            rf"(?<!\bfor\s)(?<!\bthrough\s)(?<!\bduring\s)(?<!\bup\s)(?<!\bin\s)(?<!\bthe\s)"
            rf"(?<!\bfirst\s)(?<!\blast\s)"
            rf"(?P<a>{NUMBER})\s*(?P<unit>{TIME_UNIT_PATTERN})(?=\s+after\b)",
            re.IGNORECASE,
        ),
    ),
)
# a range of time after an event: "between 2 and 4 months post injury", "between 7 days (…) and
# 30 days after the coma": `at least` the first value, `within` the second
RANGE = re.compile(
    rf"\bbetween\s+(?P<a>{NUMBER})\s*(?P<unit_a>{TIME_UNIT_PATTERN})?\s*(?:\([^()]{{0,80}}\)\s*)?"
    rf"(?:and|to|-)\s*(?P<b>(?P<bn>{NUMBER})\s*(?P<unit>{TIME_UNIT_PATTERN}))"
    rf"(?=\s*(?:after|post|since|following|from|of)\b)",
    re.IGNORECASE,
)
BARE_BEFORE = PATTERNS[-3][1]  # "received X 12 weeks prior to screening"
FOR_DURATION = PATTERNS[-2][1]  # "stable for 3 months", "remain inpatient for 15 days"
BARE_AFTER = PATTERNS[-1][1]  # "48h after sedation's cessation"

# a word every match of each of PATTERNS holds, in its order (kg.criteria.screen)
_RECENT_WORDS = ("last", "past", "previous", "prior", "preceding", "recent")
NEEDS: tuple[tuple[str, ...], ...] = (
    ("recent",),
    ("within", "w/in", "next", "coming"),
    (*_RECENT_WORDS, "less", "fewer", "up", "more", "within", "<", "≤", "⩽", "="),
    ("before", "prior", "preceding", "ago", "until", "last", "past", "previous", "recent", "pre-"),
    ("less", "fewer", "shorter", "maximum"),  # "maximum": main's round 14 ("a maximum of 10 days")
    ("least", "minimum", "less", "more", "greater", "longer", "over", ">", "≥", "="),
    ("amenorrh", "menses"),
    ("prior", "before", "preceding"),
    ("for",),
    ("after",),
)
assert len(NEEDS) == len(PATTERNS)
LOWER = tuple(lower_case(p) for _, p in PATTERNS)  # for a lower-cased ASCII text
