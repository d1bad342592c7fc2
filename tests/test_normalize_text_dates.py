"""Text clean-up and dates, value by value (formats.md §6)."""

from __future__ import annotations

import pytest

from kg.model import Precision
from kg.normalize import Unrecognised
from kg.normalize.dates import parse_date
from kg.normalize.text import clean, clean_line, split_multi


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   \n\t ", None),
        ("\t", None),
        ("Title" + " " * 400, "Title"),
        ("value\n    ", "value"),
        ("a&amp;lt;br&amp;gt;b", "a\nb"),
        ("a&lt;br&gt;b", "a\nb"),
        ("a\r<br>b", "a\nb"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("a<br/>b<BR />c", "a\nb\nc"),
        ("<p>Cerebral perfusion</p><br>", "Cerebral perfusion"),
        ("x &#x2F; y", "x / y"),
        ("one  \ntwo   ", "one\ntwo"),
        ("\n\n\npara one\n\n\n\n\npara two\n\n", "para one\n\npara two"),
        ("≥ 18 years • ok", "≥ 18 years • ok"),
        ("a < b and c > d", "a < b and c > d"),
    ],
)
def test_clean(raw: str | None, expected: str | None) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  The   First\n Affiliated  Hospital ", "The First Affiliated Hospital"),
        ("&#x20;", None),
        ("Wenfeng Tan,<br>PhD", "Wenfeng Tan, PhD"),
    ],
)
def test_clean_line(raw: str, expected: str | None) -> None:
    assert clean_line(raw) == expected


@pytest.mark.parametrize(
    ("raw", "separators", "expected"),
    [
        ("France;France", ";", ["France"]),
        ("Apolipoprotein A1;serum amyloid A;", ";", ["Apolipoprotein A1", "serum amyloid A"]),
        (
            "U1111-1296-5487;2022-003405-30;NCT05697861",
            ";",
            ["U1111-1296-5487", "2022-003405-30", "NCT05697861"],
        ),
        ("<br>A<br>B;A<br>", ";", ["A", "B"]),
        ("A&lt;br&gt;B", ";", ["A", "B"]),
        ("Japan,Asia(except Japan)", ",", ["Japan", "Asia(except Japan)"]),
        ("a;b,c", ";,", ["a", "b", "c"]),
        (";;", ";", []),
        (None, ";", []),
    ],
)
def test_split_multi(raw: str | None, separators: str, expected: list[str]) -> None:
    assert split_multi(raw, separators) == expected


@pytest.mark.parametrize(
    ("raw", "iso", "precision"),
    [
        ("17/05/2021", "2021-05-17", Precision.DAY),
        ("2021-05-17", "2021-05-17", Precision.DAY),
        ("17-05-2021", "2021-05-17", Precision.DAY),
        ("2020/02/01", "2020-02-01", Precision.DAY),
        ("20210517", "2021-05-17", Precision.DAY),
        ("12 July 2021", "2021-07-12", Precision.DAY),
        ("February 1, 2021", "2021-02-01", Precision.DAY),
        ("March 12, 2015", "2015-03-12", Precision.DAY),
        ("February 2021", "2021-02", Precision.MONTH),
        ("December 2019", "2019-12", Precision.MONTH),
        ("2019-12", "2019-12", Precision.MONTH),
        ("2019", "2019", Precision.YEAR),
        ("2021-05-17T00:00:00", "2021-05-17", Precision.DAY),
        ("Sept 2020", "2020-09", Precision.MONTH),
        ("  17/05/2021 \n    ", "2021-05-17", Precision.DAY),
        ("29/02/2020", "2020-02-29", Precision.DAY),
    ],
)
def test_parse_date(raw: str, iso: str, precision: Precision) -> None:
    parsed = parse_date(raw)
    assert parsed is not None
    assert (parsed.iso(), parsed.precision) == (iso, precision)
    assert parsed.raw == raw.strip()


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("06/09/2024 16:01:13", "2024-06-09"), ("4/7/2020 10:40:56 AM", "2020-04-07")],
)
def test_export_date_is_month_first(raw: str, iso: str) -> None:
    parsed = parse_date(raw, day_first=False)
    assert parsed is not None and parsed.iso() == iso


@pytest.mark.parametrize("raw", [None, "", "  ", "\t"])
def test_empty_date(raw: str | None) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    "raw",
    ["31/02/2021", "29/02/2021", "2021-13-01", "32/01/2020", "soon", "Febtember 2021", "0000"],
)
def test_bad_date(raw: str) -> None:
    with pytest.raises(Unrecognised):
        parse_date(raw)
