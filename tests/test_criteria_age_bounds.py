"""An age constraint's bounds in years (kg.criteria.rdf.age_bounds): one predicate per kind
of bound, values converted as trials-open-to-person compares them."""

from __future__ import annotations

import pytest

from kg.criteria.model import Constraint, ConstraintType, Op
from kg.criteria.rdf import age_bounds, constraint_triples


def _bounds(op: Op, value: float, unit: str, value2: float | None = None) -> list[tuple[str, str]]:
    c = Constraint(ConstraintType.AGE, 0, 1, "t", op=op, value=value, value2=value2, unit=unit)
    return [(p.value.rsplit("/", 1)[1], o.value) for _, p, o in age_bounds("<k>", c)]


@pytest.mark.parametrize(
    ("op", "value", "unit", "value2", "expected"),
    [
        (Op.GT, 12, "a", None, [("ageAboveYears", "12.0")]),
        (Op.GE, 18, "a", None, [("ageFromYears", "18.0")]),
        (Op.LT, 75, "a", None, [("ageBelowYears", "75.0")]),
        (Op.LE, 6, "mo", None, [("ageToYears", "0.4999999998")]),
        (Op.EQ, 2, "wk", None, [("ageFromYears", "0.038329911"), ("ageToYears", "0.038329911")]),
        (
            Op.BETWEEN,
            28,
            "d",
            90,
            [("ageFromYears", "0.0766598224"), ("ageToYears", "0.246406572")],
        ),
        (Op.BETWEEN, 18, "a", None, []),  # no upper value: no bound read half
    ],
)
def test_bounds(
    op: Op, value: float, unit: str, value2: float | None, expected: list[tuple[str, str]]
) -> None:
    assert _bounds(op, value, unit, value2) == expected


def test_only_age_constraints_have_bounds() -> None:
    threshold = Constraint(
        ConstraintType.THRESHOLD,
        0,
        10,
        "eGFR >= 30",
        op=Op.GE,
        value=30,
        unit="mL/min",
        quantity="eGFR",
    )
    age = Constraint(ConstraintType.AGE, 0, 15, "aged 18 or over", op=Op.GE, value=18, unit="a")
    triples = constraint_triples("<https://example.org/c>", [threshold, age])
    subjects = {s for s, p, _ in triples if p.value.endswith("Years")}
    assert subjects == {"<https://example.org/c/constraint/2>"}
