"""ICTRP XML export parser: own fixtures (quirks, bad records, attacks) and the real corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.model import TrialRecord
from kg.parsers import ictrp_xml
from kg.parsers.base import Rejected

from .conftest import REAL, real_count

FIXTURES = Path(__file__).parent / "fixtures" / "ictrp"
CORPUS = REAL / "ictrp-xml"


def _parse(name: str) -> list[TrialRecord | Rejected]:
    with (FIXTURES / name).open("rb") as stream:
        return list(ictrp_xml.parse(stream, name))


@pytest.fixture(scope="module")
def sample() -> dict[str, TrialRecord]:
    return {r.main_id: r for r in _parse("sample.xml") if isinstance(r, TrialRecord)}


def test_sample_counts_and_positions() -> None:
    results = _parse("sample.xml")
    assert [type(r).__name__ for r in results] == [
        "TrialRecord",
        "TrialRecord",
        "TrialRecord",
        "Rejected",
        "TrialRecord",
    ]
    rejected = results[3]
    assert isinstance(rejected, Rejected)
    assert (rejected.position, rejected.field, rejected.format) == (4, "TrialID", "ictrp-xml")
    last = results[4]
    assert isinstance(last, TrialRecord) and last.provenance.position == 5


def test_ctgov_sourced_record(sample: dict[str, TrialRecord]) -> None:
    rec = sample["NCT09990001"]
    assert (
        rec.scientific_title == "A Fictional Exploratory Study of Examplomab in Refractory Testitis"
    )
    assert rec.registration_date is not None and rec.registration_date.iso() == "2021-05-17"
    assert rec.registration_date.raw == "20210517"
    assert rec.first_enrolment is not None and rec.first_enrolment.iso() == "2021-02-01"
    assert rec.last_refreshed is not None and rec.last_refreshed.iso() == "2021-07-12"
    assert rec.provenance.exported_on is not None
    assert rec.provenance.exported_on.iso() == "2024-06-09"  # MM/DD/YYYY
    assert rec.prospective_registration is False
    assert [p.code for p in rec.phases] == ["early-phase-1"]
    assert rec.design.masking is not None and rec.design.masking.code == "none"
    assert [c.code for c in rec.countries] == ["CN"]
    assert rec.eligibility.min_age is not None and rec.eligibility.min_age.value == Decimal(18)
    assert rec.eligibility.max_age is not None and rec.eligibility.max_age.no_limit
    # all criteria in Inclusion_Criteria, with escaped <br> markup
    assert [(c.kind, c.position, c.text) for c in rec.eligibility.criteria] == [
        ("inclusion", 1, "Testitis confirmed by the fictional criteria."),
        ("inclusion", 2, "Signed consent."),
        ("exclusion", 1, "Pregnancy."),
    ]
    assert [(o.kind, o.measure, o.time_frame) for o in rec.outcomes] == [
        ("primary", "Testitis score", "12 weeks"),
        ("secondary", "Dose of steroids", "12 weeks"),
        ("secondary", "Adverse events", "24 weeks"),
    ]
    assert [(i.value, i.scheme) for i in rec.secondary_ids] == [
        ("EX-TEST-01", None),
        ("U1111-0000-0001", "utn"),
    ]
    assert [c.name for c in rec.contacts] == ["Ada Example, MD", "Bo Sample"]
    assert rec.contacts[1].telephone == "+00 000 0000" and rec.contacts[0].telephone is None
    assert rec.funding_sources == []
    assert rec.extra["Source_Support"] == "Please refer to primary and secondary sponsors"
    assert rec.extra["Internal_Number"] == "90000001"
    assert [o.name for o in rec.secondary_sponsors] == ["Example Science Foundation"]
    assert rec.interventions[0].type is not None and rec.interventions[0].type.code == "drug"
    assert rec.notes == []


def test_euctr_record(sample: dict[str, TrialRecord]) -> None:
    rec = sample["EUCTR2021-000037-14-ES"]
    assert [p.code for p in rec.phases] == ["phase-2", "phase-3"]
    assert rec.eligibility.gender is not None and rec.eligibility.gender.code == "all"
    assert rec.eligibility.min_age is None
    assert rec.recruitment_status is not None and rec.recruitment_status.code == "authorised"
    assert rec.study_type is not None and rec.study_type.code == "interventional"
    assert rec.design.allocation is not None and rec.design.allocation.code == "randomized"
    assert rec.design.masking is not None and rec.design.masking.code == "double"
    assert [c.code for c in rec.countries] == ["ES", "FR", "KR", "TR"]
    assert rec.conditions == ["Fictional fatigue"]
    assert rec.prospective_registration is True
    assert rec.outcomes[0].measure == "Fatigue score" and rec.outcomes[0].time_frame == "Week 12"
    assert [(e.status, e.approval_date_raw) for e in rec.ethics_reviews] == [
        ("Approved", "24/04/2019"),
        ("Approved", "01/01/1900"),
    ]
    assert rec.ethics_reviews[1].approval_date is None
    assert rec.extra["Future_field"] == "kept verbatim"  # unknown elements are never dropped
    assert rec.extra["other_records"] == "Yes"
    assert [n.field for n in rec.notes] == ["Ethics_review_approval_date"]


def test_chictr_record(sample: dict[str, TrialRecord]) -> None:
    rec = sample["ChiCTR2000099999"]
    assert rec.target_size is not None and rec.target_size.total == 100
    assert [p.label for p in rec.target_size.parts] == ["control group", "sepsis group"]
    assert [p.code for p in rec.phases] == ["phase-0"]
    assert rec.registration_date is not None and rec.registration_date.iso() == "2020-02-15"
    assert [c.text for c in rec.eligibility.criteria] == [
        "Aged 18-75",
        "Sepsis by fictional criteria",
        "Pregnancy",
    ]
    assert [o.measure for o in rec.outcomes] == ["28-day mortality", "SOFA score"]
    assert rec.design.intervention_model is not None
    assert rec.design.intervention_model.code == "parallel"


def test_unreadable_values_are_kept_and_noted(sample: dict[str, TrialRecord]) -> None:
    rec = sample["DRKS00099999"]
    assert rec.registration_date is None
    assert rec.eligibility.min_age is not None and rec.eligibility.min_age.raw == "adults"
    assert {(n.field, n.value) for n in rec.notes} == {
        ("Date_registration", "31/02/2021"),
        ("Inclusion_agemin", "adults"),
    }


def test_broken_xml_keeps_records_before_and_after_the_error() -> None:
    results = _parse("broken.xml")
    assert isinstance(results[0], TrialRecord) and results[0].main_id == "NCT09990002"
    assert len(results) == 3
    rejected = results[1]
    assert isinstance(rejected, Rejected)
    assert rejected.position == 2 and "not well-formed" in rejected.reason
    assert isinstance(results[2], TrialRecord) and results[2].main_id == "NCT09990004"
    assert results[2].provenance.position == 3


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_attacks_are_refused(name: str) -> None:
    results = _parse(name)
    assert len(results) == 1
    assert isinstance(results[0], Rejected)
    assert "DTD or entities" in results[0].reason


def test_sniff() -> None:
    assert ictrp_xml.sniff((FIXTURES / "sample.xml").read_bytes()[:65536])
    assert not ictrp_xml.sniff(b"<clinical_study><id_info/></clinical_study>")


def test_present_fields() -> None:
    with (FIXTURES / "sample.xml").open("rb") as stream:
        present = list(ictrp_xml.present_fields(stream, "sample.xml"))
    assert len(present) == 5
    assert "Acronym" not in present[0] and "Scientific_title" in present[0]
    assert "Future_field" in present[1]


def test_field_map_covers_the_documented_elements() -> None:
    documented = {
        "Export_date",
        "Internal_Number",
        "TrialID",
        "Last_Refreshed_on",
        "Public_title",
        "Scientific_title",
        "Acronym",
        "Primary_sponsor",
        "Retrospective_flag",
        "Prospective_registration",
        "Date_registration3",
        "Date_registration",
        "Source_Register",
        "web_address",
        "Recruitment_Status",
        "other_records",
        "Inclusion_agemin",
        "Inclusion_agemax",
        "Inclusion_gender",
        "Date_enrollement",
        "Target_size",
        "Study_type",
        "Study_design",
        "Phase",
        "Countries",
        "Contact_Firstname",
        "Contact_Lastname",
        "Contact_Address",
        "Contact_Email",
        "Contact_Tel",
        "Contact_Affiliation",
        "Inclusion_Criteria",
        "Exclusion_Criteria",
        "Condition",
        "Intervention",
        "Primary_outcome",
        "Secondary_outcome",
        "Secondary_ID",
        "Source_Support",
        "Secondary_Sponsor",
        "Ethics_review_status",
        "Ethics_review_approval_date",
        "Ethics_review_contact_name",
        "Ethics_review_contact_address",
        "Ethics_review_contact_phone",
        "Ethics_review_contact_email",
        "results_yes_no",
        "results_date_posted",
        "results_date_completed",
        "results_url_link",
        "results_summary",
        "results_ipd_plan",
        "results_ipd_description",
        "results_url_protocol",
        "results_date_first_publication",
        "results_baseline_char",
        "results_participant_flow",
        "results_adverse_events",
        "results_outcome_measures",
    }
    assert documented <= set(ictrp_xml.FIELD_MAP) | set(ictrp_xml.IGNORED)
    assert all(reason.strip() for reason in ictrp_xml.IGNORED.values())


@pytest.mark.corpus
def test_real_corpus_parses_without_rejects() -> None:
    files = sorted(CORPUS.glob("*.xml"))
    assert files, f"no real ICTRP XML records at {CORPUS}"
    results: list[TrialRecord | Rejected] = []
    present: set[str] = set()
    for path in files:
        with path.open("rb") as stream:
            results.extend(ictrp_xml.parse(stream, str(path)))
        with path.open("rb") as stream:
            for fields in ictrp_xml.present_fields(stream, str(path)):
                present |= fields
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert rejected == []
    assert len(results) == real_count(95, 8)
    records = [r for r in results if isinstance(r, TrialRecord)]
    assert len({r.main_id for r in records}) == len(results)
    assert all(r.registration_date is not None for r in records)
    # every non-empty source field is mapped or ignored with a reason
    assert present - set(ictrp_xml.FIELD_MAP) - set(ictrp_xml.IGNORED) == set()
