"""Issue 10, point 7: the smaller guards of the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from kg.cli import main

from .conftest import EXAMPLES

RUN = CliRunner()


@pytest.mark.parametrize("base", ["http://x/a> <b/", "http://x/../", "../id/", "ftp://x/", "x"])
def test_a_bad_base_is_a_usage_error(base: str) -> None:
    result = RUN.invoke(main, ["convert", str(EXAMPLES), "-o", "-", "--base", base])
    assert result.exit_code == 2 and "--base" in result.stderr


def test_a_good_base_is_used() -> None:
    result = RUN.invoke(
        main, ["convert", str(EXAMPLES), "-o", "-", "--base", "https://e.example/kg/"]
    )
    assert result.exit_code == 0 and b"<https://e.example/kg/trial/" in result.stdout_bytes


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", "sNaN"])
def test_decimal_parameters_refuse_non_numbers(value: str) -> None:
    args = ["query", "trials-open-to-person", "--param", f"age={value}", "--param", "sex=female"]
    result = RUN.invoke(main, [*args, "--data", str(EXAMPLES)])
    assert result.exit_code == 2 and "not a valid decimal" in result.stderr


def test_a_repeated_param_is_a_usage_error() -> None:
    args = ["query", "trials-by-condition", "--param", "condition=a", "--param", "condition=b"]
    result = RUN.invoke(main, [*args, "--data", str(EXAMPLES)])
    assert result.exit_code == 2 and "more than once" in result.stderr


def test_non_strings_are_not_conditions(tmp_path: Path) -> None:
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT09770040"},
             "conditionsModule": {"conditions": [1, None, {}, True, "Asthma"]}}}  # fmt: skip
    path = tmp_path / "s.json"
    path.write_text(json.dumps(study))
    result = RUN.invoke(main, ["convert", str(path), "-o", "-"])
    assert result.exit_code == 0
    reported = [
        line for line in result.stdout_bytes.decode().splitlines() if "reportedText" in line
    ]
    assert [line.split('"')[1] for line in reported] == ["Asthma"]


def test_a_locked_store_is_not_a_data_problem(tmp_path: Path) -> None:
    holder = Store(str(tmp_path / "st"))  # another process would hold the lock the same way
    result = RUN.invoke(main, ["load", str(EXAMPLES), "--store", str(tmp_path / "st")])
    assert result.exit_code == 2 and "another process" in result.stderr
    del holder


def test_an_unparseable_url_is_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("TrialID,Public title,web address\r\nNCT09770041,T,http://[bad\r\n")
    result = RUN.invoke(main, ["convert", str(path), "-o", "-"])
    assert result.exit_code == 0 and "1 converted" in result.stderr
    assert b'"http://[bad"^^<http://www.w3.org/2001/XMLSchema#anyURI>' in result.stdout_bytes
