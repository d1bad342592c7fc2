"""Typed constraints read from one eligibility criterion.

A constraint keeps the exact character span (``start``, ``end``) of the
criterion text it was read from, so ``text == criterion_text[start:end]``.
Polarity is the criterion's: an exclusion criterion "age < 18" gives the
constraint ``age < 18`` on that exclusion criterion, never ``age >= 18``.

>>> c = Constraint(ConstraintType.AGE, 0, 15, "aged 18 or over", op=Op.GE, value=18, unit="a")
>>> c.as_json()["op"], c.as_json()["end"]
('>=', 15)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any


class ConstraintType(StrEnum):
    """The constraint families (one extractor module each)."""

    AGE = "age"
    SEX = "sex"
    THRESHOLD = "threshold"
    TEMPORAL = "temporal"
    CONDITION = "condition"
    TREATMENT = "treatment"
    REPRODUCTIVE = "reproductive"
    CONSENT = "consent"


class Op(StrEnum):
    """Comparison of a quantity with a value (``between``: value to value2, inclusive)."""

    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    EQ = "="
    BETWEEN = "between"


class Relation(StrEnum):
    """How a period relates to its anchor: inside it, or at least that long before it."""

    WITHIN = "within"
    AT_LEAST = "at least"


class Anchor(StrEnum):
    """The event a temporal constraint counts from."""

    ENROLMENT = "enrolment"
    SCREENING = "screening"
    RANDOMISATION = "randomisation"
    DIAGNOSIS = "diagnosis"
    ADMISSION = "admission"
    STUDY_START = "study start"
    UNSPECIFIED = "unspecified"


class Reproductive(StrEnum):
    PREGNANCY = "pregnancy"
    LACTATION = "lactation"
    CHILDBEARING_POTENTIAL = "childbearing potential"
    CONTRACEPTION = "contraception"


MENTION_TYPES = frozenset(
    {
        ConstraintType.CONDITION,
        ConstraintType.TREATMENT,
        ConstraintType.REPRODUCTIVE,
        ConstraintType.CONSENT,
    }
)


@dataclass(frozen=True, slots=True)
class Constraint:
    """One typed constraint with its source span in the criterion text."""

    type: ConstraintType
    start: int
    end: int
    text: str
    op: Op | None = None
    value: float | int | str | None = None  # a number; sex and reproductive: a keyword
    value2: float | int | None = None
    unit: str | None = None  # UCUM
    quantity: str | None = None  # threshold: normalised short name
    relation: Relation | None = None
    anchor: Anchor | None = None
    negated: bool | None = None  # mentions, reproductive, consent
    concept: str | None = None  # linked concept CURIE (mesh:D...)
    concept_label: str | None = None
    concept_iri: str | None = None
    exact: bool | None = None  # the link is skos:exactMatch (else closeMatch)

    def as_json(self) -> dict[str, Any]:
        """The constraint as the ``trialkg criteria --json`` object (fields that apply)."""
        out: dict[str, Any] = {"type": self.type.value}
        for name in ("op", "value", "value2", "unit", "quantity", "relation", "anchor"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.value if isinstance(value, Enum) else value
        out["text"] = self.text
        if self.negated is not None:
            out["negated"] = self.negated
        if self.concept is not None:
            out["concept"] = self.concept
            out["concept_label"] = self.concept_label
        out["start"] = self.start
        out["end"] = self.end
        return out


def span_free(found: Sequence[Constraint], start: int, end: int) -> bool:
    """No constraint in ``found`` overlaps the span ``[start, end)``.

    >>> taken = [Constraint(ConstraintType.AGE, 0, 6, "age 18")]
    >>> span_free(taken, 6, 10), span_free(taken, 5, 10)
    (True, False)
    """
    return all(c.end <= start or c.start >= end for c in found)


def threshold_at(text: str, start: int, end: int, **fields: Any) -> Constraint:
    """A threshold read from ``text[start:end]``, its other fields as given."""
    return Constraint(ConstraintType.THRESHOLD, start, end, text[start:end], **fields)
