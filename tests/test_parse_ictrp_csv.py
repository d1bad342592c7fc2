"""ICTRP CSV parser: the three CSV variants on own fixtures, bad rows, and the real corpus."""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, cast

import pytest

from kg.model import TrialRecord
from kg.parsers import ictrp_csv
from kg.parsers._ictrp_fields import canonical
from kg.parsers.base import InputError, Rejected

from .conftest import REAL, real_count

FIXTURES = Path(__file__).parent / "fixtures" / "ictrp"
CORPUS = REAL / "ictrp-csv"


def _parse(name: str) -> list[TrialRecord | Rejected]:
    with (FIXTURES / name).open("rb") as stream:
        return list(ictrp_csv.parse(stream, name))


def _records(name: str) -> list[TrialRecord]:
    results = _parse(name)
    assert all(isinstance(r, TrialRecord) for r in results), results
    return [r for r in results if isinstance(r, TrialRecord)]


def test_covid_list_variant() -> None:
    chictr, nct = _records("covid40.csv")
    assert chictr.main_id == "ChiCTR2000088888"
    assert chictr.public_title == "Fictional study of tea in cough"
    assert chictr.scientific_title == "Fictional study of tea in cough"
    assert chictr.provenance.exported_on is not None
    assert chictr.provenance.exported_on.iso() == "2020-04-07"
    assert chictr.target_size is not None and chictr.target_size.total == 158
    assert [p.code for p in chictr.phases] == ["phase-2", "phase-3"]
    assert chictr.eligibility.gender is not None and chictr.eligibility.gender.code == "all"
    assert [c.text for c in chictr.eligibility.criteria] == [
        "Aged 18 or over",
        "Cough for 3 days",
        "Allergy to tea",
    ]
    assert chictr.conditions == ["Cough"]
    assert [c.name for c in chictr.contacts] == ["Li Example", "Wang Sample"]
    assert chictr.contacts[1].email == "wang@example.org"
    assert chictr.prospective_registration is True
    assert chictr.extra["Bridging_flag"] == "False"

    assert nct.study_type is not None and nct.study_type.code == "observational"
    assert nct.design.observational_model is not None
    assert nct.design.observational_model.code == "cohort"
    assert nct.first_enrolment is not None and nct.first_enrolment.iso() == "2020-04"
    assert [c.code for c in nct.countries] == ["JP", None, "AU", None]
    assert [(c.kind, c.text) for c in nct.eligibility.criteria] == [
        ("inclusion", "Adults"),
        ("exclusion", "Children"),
    ]
    assert nct.eligibility.min_age is not None and nct.eligibility.min_age.unit == "mo"
    assert nct.extra["Bridged_type"] == "parent"


def test_search_portal_variant() -> None:
    [rec] = _records("portal58.csv")
    assert rec.main_id == "JPRN-jRCTs031200041"
    assert rec.eligibility.min_age is not None and rec.eligibility.min_age.value == Decimal(20)
    assert rec.eligibility.max_age is not None and rec.eligibility.max_age.value == Decimal(85)
    assert rec.first_enrolment is not None and rec.first_enrolment.iso() == "2020-02-01"
    assert [p.code for p in rec.phases] == ["phase-3"]
    assert [i.scheme for i in rec.secondary_ids] == ["jrct", "clinicaltrials"]
    assert [o.name for o in rec.funding_sources] == ["Example Agency", "Example Foundation"]
    assert [o.name for o in rec.secondary_sponsors] == ["Example Co., Ltd."]
    assert rec.ethics_reviews[0].approval_date is not None
    assert rec.ethics_reviews[0].contact_name == "ethics@example.org"
    assert rec.results.available is True
    assert rec.results.date_posted is not None and rec.results.date_posted.iso() == "2023-02-09"
    assert rec.results.summary == "Fictional summary."
    assert rec.results.ipd_plan == "No"
    assert rec.prospective_registration is True
    assert [(o.kind, o.measure) for o in rec.outcomes] == [("secondary", "Safety")]


def test_weekly_headerless_variant() -> None:
    first, second = _records("weekly63.csv")
    assert first.main_id == "ISRCTN99999999"
    assert first.last_refreshed is not None and first.last_refreshed.iso() == "2024-04-15"
    assert [(c.role, c.name) for c in first.contacts] == [
        ("public", "Ada Example"),
        ("scientific", "Bo Sample"),
    ]
    assert [c.code for c in first.countries] == ["GB"]
    assert first.related_records == ["ISRCTN99999998"]
    assert first.target_size is not None and first.target_size.status == "actual"
    assert first.enrolment is not None and first.enrolment.total == 118
    assert first.results.available is False
    assert first.eligibility.max_age is not None and first.eligibility.max_age.no_limit
    assert [p.code for p in first.phases] == ["not-applicable"]
    assert second.eligibility.gender is not None and second.eligibility.gender.code == "female"
    assert second.eligibility.min_age is not None and second.eligibility.min_age.unit == "d"


def test_broken_rows_are_rejected_and_the_rest_goes_on() -> None:
    results = _parse("broken.csv")
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["TrialRecord", "Rejected", "Rejected", "Rejected"]
    too_many, no_id, unclosed = results[1:]
    assert isinstance(too_many, Rejected) and too_many.position == 2
    assert "line 3" in too_many.reason and "4 fields" in too_many.reason
    assert isinstance(no_id, Rejected) and no_id.field == "TrialID" and "line 4" in no_id.reason
    assert isinstance(unclosed, Rejected) and unclosed.position == 4


def test_headerless_file_with_wrong_width_is_an_input_error() -> None:
    import io

    with pytest.raises(InputError):
        list(ictrp_csv.parse(io.BytesIO(b"NCT1,two,three\n"), "odd.csv"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("covid40.csv", True), ("portal58.csv", True), ("weekly63.csv", True), ("sample.xml", False)],
)
def test_sniff(name: str, expected: bool) -> None:
    assert ictrp_csv.sniff((FIXTURES / name).read_bytes()[:65536]) is expected


def test_every_portal_column_is_mapped() -> None:
    with (FIXTURES / "portal58.csv").open(encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    assert len(header) == 58
    unmapped = [c for c in header if canonical(c) not in ictrp_csv.FIELD_MAP]
    assert unmapped == []


def test_present_fields() -> None:
    with (FIXTURES / "weekly63.csv").open("rb") as stream:
        first = next(ictrp_csv.present_fields(stream, "weekly63.csv"))
    assert {"TrialID", "Public_Contact_Firstname", "children"} <= first
    assert "Acronym" not in first and "Secondary_ID" not in first


@pytest.mark.corpus
def test_real_corpus_parses_without_rejects() -> None:
    files = sorted(CORPUS.glob("*.csv*"))
    assert files, f"no real ICTRP CSV records at {CORPUS}"
    results: list[TrialRecord | Rejected] = []
    present: set[str] = set()
    for path in files:
        with _open(path) as stream:
            results.extend(ictrp_csv.parse(stream, str(path)))
        with _open(path) as stream:
            for fields in ictrp_csv.present_fields(stream, str(path)):
                present |= fields
    assert [r for r in results if isinstance(r, Rejected)] == []
    assert len(results) == real_count(927, 10)
    records = [r for r in results if isinstance(r, TrialRecord)]
    parted = sum(1 for r in records if r.target_size and r.target_size.parts)
    assert parted > real_count(100, 0)
    assert present - set(ictrp_csv.FIELD_MAP) - set(ictrp_csv.IGNORED) == set()


def _open(path: Path) -> BinaryIO:
    return cast(BinaryIO, gzip.open(path) if path.suffix == ".gz" else path.open("rb"))
