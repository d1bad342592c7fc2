"""Reproductive status (pregnancy, lactation, childbearing potential, contraception) and consent.

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
            r"\b(?:contracepti(?:on|ve|ves)|birth\s+control|anticoncepti\w*)\b", re.IGNORECASE
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
_CONSENT = re.compile(
    r"\b(?:(?:written\s+|signed\s+)?informed\s+consent|consent(?:ed|s|ing)?|assent)\b",
    re.IGNORECASE,
)


def reproductive(text: str) -> list[Constraint]:
    """Reproductive mentions, each once per span, with their negation."""
    out: list[Constraint] = []
    for value, pattern in _REPRODUCTIVE:
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


def consent(text: str) -> list[Constraint]:
    """The criterion's consent mention (the first), with its negation."""
    m = _CONSENT.search(text)
    if m is None:
        return []
    neg = negated(text, m.start(), m.end())
    return [Constraint(ConstraintType.CONSENT, m.start(), m.end(), m.group(), negated=neg)]
