"""Ages and sample sizes, value by value (formats.md §6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.model import SamplePart
from kg.normalize.ages import parse_age
from kg.normalize.sizes import sample_size


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("18 Years", "18", "a"),
        ("18 years", "18", "a"),
        ("6 Months", "6", "mo"),
        ("18", "18", "a"),
        ("0", "0", "a"),
        ("0.1", "0.1", "a"),
        (">= 20age old", "20", "a"),
        ("<= 85age old", "85", "a"),
        ("16years-old", "16", "a"),
        ("1years-old", "1", "a"),
        ("60(Year)", "60", "a"),
        ("65+", "65", "a"),
        ("18 Years and older", "18", "a"),
        ("2 Weeks", "2", "wk"),
        ("28 Days", "28", "d"),
        ("1 Year", "1", "a"),
        ("12 Hours", "12", "h"),
        (" 18 Years\n    ", "18", "a"),
    ],
)
def test_age_quantity(raw: str, value: str, unit: str) -> None:
    age = parse_age(raw)
    assert age is not None
    assert (age.value, age.unit, age.no_limit) == (Decimal(value), unit, False)


@pytest.mark.parametrize(
    "raw",
    ["N/A", "None", "no limit", "No limit", "no maximum age", "Not applicable", "Not stated"],
)
def test_age_no_limit(raw: str) -> None:
    age = parse_age(raw)
    assert age is not None
    assert age.no_limit and age.value is None and age.raw == raw


@pytest.mark.parametrize("raw", [None, "", "\t", "&#x09;", "  \n "])
def test_age_empty(raw: str | None) -> None:
    assert parse_age(raw) is None


@pytest.mark.parametrize("raw", ["??", "adults", "18 parsecs"])
def test_age_unreadable_kept(raw: str) -> None:
    age = parse_age(raw)
    assert age is not None
    assert (age.raw, age.value, age.unit, age.no_limit) == (raw, None, None, False)


def test_age_in_years_is_comparable() -> None:
    months, years = parse_age("6 Months"), parse_age("0.5")
    assert months is not None and years is not None
    assert months.years == years.years == Decimal("0.5")


@pytest.mark.parametrize(
    ("raw", "total", "parts"),
    [
        ("20", 20, ()),
        ("0", 0, ()),
        ("1,000", 1000, ()),
        ("control group:50;sepsis group:50;", 100, (("control group", 50), ("sepsis group", 50))),
        ("Group A:79;Group B:79;", 158, (("Group A", 79), ("Group B", 79))),
        ("Case series:100;", 100, (("Case series", 100),)),
        ("about a hundred", None, ()),
        ("A:10;B:many;", None, ()),
    ],
)
def test_sample_size(raw: str, total: int | None, parts: tuple[tuple[str, int], ...]) -> None:
    size = sample_size(raw)
    assert size is not None
    assert size.raw == raw
    assert size.total == total
    assert size.parts == tuple(SamplePart(label, n) for label, n in parts)


def test_sample_size_empty() -> None:
    assert sample_size(None) is None
    assert sample_size("  ") is None
