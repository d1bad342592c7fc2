"""Eligibility criteria as data: typed constraints with their source spans.

One module per constraint family: :mod:`age`, :mod:`sex`, :mod:`thresholds`
(on :mod:`quantities`), :mod:`temporal`, :mod:`mentions` (conditions and
treatments, with :mod:`negation`) and :mod:`reproductive` (and consent).
Numbers are read once: an age span is not read again as a threshold, nor a
threshold (life expectancy > 3 months) as a temporal constraint.

>>> text = "Aged 18 years or older with dermatomyositis"
>>> [(c.type.value, c.text) for c in extract(text)]
[('age', 'Aged 18 years or older'), ('condition', 'dermatomyositis')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kg.criteria.abbreviations import Definition, bare_uses, definitions, used
from kg.criteria.age import ages
from kg.criteria.agestrata import WORD_AGE, WORD_AGE_UNITS
from kg.criteria.mentions import LinkFunction, mentions
from kg.criteria.model import Constraint, ConstraintType, span_free
from kg.criteria.quantities import disorder_length
from kg.criteria.reproductive import consent, reproductive
from kg.criteria.screen import may_contain
from kg.criteria.sex import sexes
from kg.criteria.temporal import temporal
from kg.criteria.thresholds import thresholds
from kg.model import TrialRecord

_DIGIT = re.compile(r"\d")
_VALUE_HINT = re.compile(
    r"\d|ULN|[Uu]pper\s+limit|institutional\s+normal|above\s+(?:the\s+)?reference\s+range|\b(?:I{1,3}|IV)\b"
    r"|\b[Dd]rinks?\b"
)  # a number, "> ULN", "above institutional normal", "above reference range", "III-IV"; round
# 14: "more than four drinks per day" (a number word)


def _disorder(c: Constraint) -> int:
    """Characters at a threshold's start naming a disorder ("hypokalaemia"), left to mentions."""
    return disorder_length(c.text) if c.type is ConstraintType.THRESHOLD else 0


def _free(found: list[Constraint], taken: list[Constraint]) -> list[Constraint]:
    return [c for c in found if span_free(taken, c.start, c.end)]


def extract(
    text: str,
    linker: LinkFunction | None = None,
    kind: str | None = None,
    defined: tuple[Definition, ...] = (),
) -> list[Constraint]:
    """Every constraint of one criterion text, in text order (then by type).

    ``defined``: the abbreviations the trial defines (:mod:`abbreviations`), read as
    mentions where the text uses them bare. Criteria repeat (one EU-CTR trial per member
    state, shared templates): the constraints of the last texts are kept (immutable), so a
    repeat costs a lookup."""
    return extract_used(text, linker, kind, used(text, defined) if defined else ())


def extract_used(
    text: str,
    linker: LinkFunction | None,
    kind: str | None,
    defined_here: tuple[Definition, ...],
) -> list[Constraint]:
    """:func:`extract` with the trial's abbreviations already filtered to those the text uses
    (:func:`~kg.criteria.abbreviations.used`; the mapping filters them once, for its cache
    key too)."""
    return list(_extract(text, linker, kind, defined_here))


@lru_cache(maxsize=8192)
def _extract(
    text: str, linker: LinkFunction | None, kind: str | None, defined: tuple[Definition, ...] = ()
) -> tuple[Constraint, ...]:
    numeric: list[Constraint] = []
    digit = _DIGIT.search(text) is not None
    if digit or (may_contain(text, WORD_AGE_UNITS) and WORD_AGE.search(text) is not None):
        numeric = ages(text)  # ages need a number
    if digit or _VALUE_HINT.search(text) is not None:  # (a digit is a value hint)
        numeric += _free(thresholds(text, kind), numeric)
    numeric += _free(temporal(text), numeric)
    status = reproductive(text) + consent(text)
    taken = [(c.start + _disorder(c), c.end) for c in numeric + status]
    found = numeric + sexes(text) + status + mentions(text, linker, taken)
    if defined:
        found += bare_uses(text, found, defined)
    return tuple(sorted(found, key=lambda c: (c.start, c.end, c.type.value)))


def criterion_rows(record: TrialRecord, linker: LinkFunction | None = None) -> list[dict[str, Any]]:
    """One ``trialkg criteria --json`` object per criterion of a record.

    >>> from kg.model import Criterion, Provenance
    >>> r = TrialRecord("NCT1", Provenance("t", "t", 1))
    >>> r.eligibility.criteria = [Criterion("exclusion", 1, "Pregnancy")]
    >>> criterion_rows(r)[0]["constraints"][0]["type"]
    'reproductive'
    """
    defined = definitions(record, linker) if record.eligibility.criteria else ()
    return [
        {
            "trial_id": record.main_id,
            "kind": c.kind,
            "ordinal": c.position,
            "text": c.text,
            "constraints": [k.as_json() for k in extract(c.text, linker, c.kind, defined)],
        }
        for c in record.eligibility.criteria
    ]


__all__ = [
    "Constraint", "ConstraintType", "LinkFunction", "criterion_rows", "extract", "extract_used",
]  # fmt: skip
