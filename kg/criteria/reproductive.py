"""Reproductive status (pregnancy, lactation, childbearing potential, contraception) and consent.

Round 11: each named birth-control method is contraception ("hormonal or barrier method",
"spermicidal agent", "IUD", "abstinence"; not "abstinence from alcohol"); "that prevents
(giving) informed consent" is consent negated.

>>> [(c.value, c.text, c.negated) for c in reproductive("Not pregnant or nursing")]
[('pregnancy', 'pregnant', True), ('lactation', 'nursing', True)]
>>> [(c.value, c.negated) for c in reproductive("women of childbearing potential who cannot "
...                                             "guarantee contraception")]
[('childbearing potential', False), ('contraception', True)]
>>> [(c.text, c.negated) for c in consent("Persons incapable of giving consent")]
[('consent', True)]
"""

from __future__ import annotations

import re

from kg.criteria.model import Constraint, ConstraintType, Reproductive
from kg.criteria.negation import negated
from kg.criteria.screen import any_in, lowered

_REPRODUCTIVE: tuple[tuple[Reproductive, re.Pattern[str]], ...] = (
    (
        Reproductive.CHILDBEARING_POTENTIAL,
        re.compile(
            r"\b(?:child[- ]?bearing|reproductive|procreative)\s+(?:potential|age)\b|"
            r"\bfertile\b|\bpotential(?:ly)?\s+(?:to\s+become|of\s+becoming)\s+pregnant\b|"
            r"\bable\s+to\s+(?:become|get)\s+pregnant\b|\bWOCBP\b|\bpost-?menopausal\b",
            re.IGNORECASE,
        ),
    ),
    (
        Reproductive.CONTRACEPTION,
        re.compile(
            r"\b(?:contracepti(?:on|ve|ves)|birth\s+control|anticoncepti\w*|"
            # round 11: each named method (the gold rule of heldout6)
            r"barrier\s+methods?|spermicid(?:e|es|al(?:\s+agents?)?)|IUDs?|"
            r"intra-?uterine\s+(?:contraceptive\s+)?devices?|"
            r"hormonal(?=\s+(?:or|and)\s+barrier|\s+methods?)|"
            r"(?:sexual\s+|true\s+|total\s+)?abstinence(?!\s+from\s+(?:alcohol|drug|smok|tobacco)))\b",
            re.IGNORECASE,
        ),
    ),
    (
        Reproductive.PREGNANCY,
        re.compile(r"\b(?:pregnan(?:t|cy|cies)|gravid)\b", re.IGNORECASE),
    ),
    (
        Reproductive.LACTATION,
        re.compile(
            r"\b(?:lactat(?:ing|ion)|breast[- ]?feed(?:ing|s)?|breast[- ]?fed|"
            r"nursing(?!\s+(?:home|facilit|staff|care|homes)))\b",
            re.IGNORECASE,
        ),
    ),
)
# a word every match of each pattern above holds (kg.criteria.screen)
_NEEDS = (
    ("bearing", "reproductive", "procreative", "fertile", "pregnant", "wocbp", "menopausal"),
    ("contracepti", "birth", "anticoncepti", "barrier", "spermicid", "iud", "uterine", "hormonal",
     "abstinence"),
    ("pregnan", "gravid"),
    ("lactat", "breast", "nursing"),
)  # fmt: skip
_CONSENT_WORDS = ("consent", "assent")  # a word every _CONSENT match holds
_CONSENT = re.compile(
    r"\b(?:(?:written\s+|signed\s+)?informed\s+consent|consent(?:ed|s|ing)?|assent)\b",
    re.IGNORECASE,
)


def reproductive(text: str) -> list[Constraint]:
    """Reproductive mentions, each once per span, with their negation."""
    out: list[Constraint] = []
    low = lowered(text)
    for (value, pattern), needs in zip(_REPRODUCTIVE, _NEEDS, strict=True):
        if not any_in(low, needs):
            continue  # no match can exist: a word it needs is not in the text
        for m in pattern.finditer(text):
            if any(m.start() < o.end and o.start < m.end() for o in out):
                continue
            if value is Reproductive.CHILDBEARING_POTENTIAL and m.group().lower().startswith(
                "post"
            ):
                neg = True  # post-menopausal: no childbearing potential
            else:
                neg = negated(text, m.start(), m.end())
            out.append(
                Constraint(
                    ConstraintType.REPRODUCTIVE,
                    m.start(),
                    m.end(),
                    m.group(),
                    value=value.value,
                    negated=neg,
                )
            )
    return sorted(out, key=lambda c: c.start)


# round 11: "impairment that prevents informed consent" (a trigger only before consent)
_PREVENTS = re.compile(
    r"\b(?:prevents?|precludes?|preventing|precluding)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


# round 18 (heldout17): consent as a time point ("stable for 28 days prior to informed
# consent") is no consent requirement (the gold rules, "Added for heldout17")
_TIME_POINT = re.compile(
    r"\b(?:prior\s+to|before|after|since|following|preceding)\s+(?:the\s+)?(?:signing\s+(?:of\s+)?"
    r"(?:the\s+)?)?(?:written\s+)?$",
    re.IGNORECASE,
)


def consent(text: str) -> list[Constraint]:
    """The criterion's consent mention (the first not a time point), with its negation."""
    if not any_in(lowered(text), _CONSENT_WORDS):
        return []
    m = next(
        (m for m in _CONSENT.finditer(text) if not _TIME_POINT.search(text, 0, m.start())), None
    )
    if m is None:
        return []
    neg = negated(text, m.start(), m.end()) or _PREVENTS.search(text, 0, m.start()) is not None
    return [Constraint(ConstraintType.CONSENT, m.start(), m.end(), m.group(), negated=neg)]
