"""ClinicalTrials.gov legacy XML parser: fictional fixtures, an entity bomb, the corpus."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from kg.model import TrialRecord
from kg.parsers import ctgov_json, ctgov_xml
from kg.parsers.base import Rejected

from .conftest import REAL, real_count

FIXTURES = Path(__file__).parent / "fixtures" / "ctgov"
CORPUS = REAL


def parse_file(name: str) -> list[TrialRecord | Rejected]:
    with (FIXTURES / name).open("rb") as stream:
        return list(ctgov_xml.parse(stream, name))


def parse_bytes(data: bytes) -> list[TrialRecord | Rejected]:
    return list(ctgov_xml.parse(io.BytesIO(data), "-"))


def full() -> TrialRecord:
    results = parse_file("study_full.xml")
    assert len(results) == 1 and isinstance(results[0], TrialRecord), results
    return results[0]


def test_header_identification_and_dates() -> None:
    r = full()
    assert (r.main_id, r.register) == ("NCT09000011", "ClinicalTrials.gov")
    assert r.url == "https://clinicaltrials.gov/study/NCT09000011"
    assert r.provenance.source_format == "ctgov-xml"
    assert r.provenance.exported_on is not None
    assert r.provenance.exported_on.iso() == "2018-05-11"
    assert r.provenance.exported_on_raw is not None
    assert r.provenance.exported_on_raw.startswith("ClinicalTrials.gov processed")
    assert [(i.value, i.kind) for i in r.secondary_ids] == [
        ("FIC-XML-1", "Org Study ID"),
        ("2099-000002-22", "Secondary ID"),
    ]
    assert r.secondary_ids[1].scheme == "euctr"
    assert (r.public_title, r.acronym) == ("Fictional Drug Y in Pretend Disorder", "FICTY")
    assert r.first_enrolment is not None
    assert (r.first_enrolment.iso(), r.first_enrolment.status) == ("2015-03", "actual")
    assert r.primary_completion is not None and r.primary_completion.status == "anticipated"
    assert r.completion is not None and r.completion.iso() == "2017-03-12"
    assert r.registration_date is not None and r.registration_date.iso() == "2015-02-20"
    assert r.last_update is not None and r.last_update.iso() == "2018-05-03"
    assert r.brief_summary == "This fictional study gives Drug Y to people with\npretend disorder."
    assert r.notes == []


def test_sponsors_design_size() -> None:
    r = full()
    assert r.primary_sponsor is not None
    assert (r.primary_sponsor.name, r.primary_sponsor.agency_class) == (
        "Fictional Medical Centre",
        "OTHER",
    )
    assert [(o.name, o.agency_class) for o in r.secondary_sponsors] == [
        ("Pretend Biotech", "INDUSTRY")
    ]
    assert r.recruitment_status is not None and r.recruitment_status.code == "completed"
    assert [p.code for p in r.phases] == ["phase-1", "phase-2"]
    assert r.phase_raw == "Phase 1/Phase 2"
    assert r.design.intervention_model is not None
    assert r.design.intervention_model.code == "parallel"
    assert r.design.who_masked == ("participant", "outcomes-assessor")
    assert r.enrolment is not None and (r.enrolment.total, r.enrolment.status) == (42, "actual")
    assert r.extra["oversight_info/has_dmc"] == "Yes"
    assert r.extra["removed_countries"] == "Mexico"


def test_arms_interventions_outcomes() -> None:
    r = full()
    assert [(a.label, a.type, a.intervention_names) for a in r.arms] == [
        ("Drug Y", "Experimental", ("Drug: Drug Y",)),
        ("Control", "Placebo Comparator", ("Drug: Placebo",)),
    ]
    drug = r.interventions[0]
    assert (drug.raw, drug.name, drug.other_names, drug.arm_labels) == (
        "Drug: Drug Y",
        "Drug Y",
        ("FY-5",),
        ("Drug Y",),
    )
    assert [(o.kind, o.measure, o.time_frame) for o in r.outcomes] == [
        ("primary", "Pretend Score", "Week 8"),
        ("secondary", "Side effects", "Week 12"),
    ]


def test_eligibility() -> None:
    e = full().eligibility
    assert [(c.kind, c.position, c.text) for c in e.criteria] == [
        ("inclusion", 1, "Adults with pretend disorder"),
        ("inclusion", 2, "Able to consent"),
        ("exclusion", 1, "Pregnancy"),
    ]
    assert e.min_age is not None and e.min_age.years == Decimal(18)
    assert e.max_age is not None and e.max_age.no_limit
    assert e.gender is not None and e.gender.code == "all"
    assert e.healthy_volunteers is True


def test_people_sites_countries() -> None:
    r = full()
    assert [(c.role, c.name) for c in r.contacts] == [
        ("official", "Bea Example, MD"),
        ("central", "Trial Office"),
        ("site", "Site Coordinator"),
        ("site", "Bea Example, MD"),
    ]
    assert r.contacts[1].telephone == "000-000-0000 ext 7"
    assert r.contacts[3].official_role == "Principal Investigator"
    assert r.contacts[3].affiliation == "Fictional Medical Centre"
    assert [(s.facility, s.city, s.status) for s in r.sites] == [
        ("Fictional Medical Centre", "Durham", "Recruiting"),
        ("Pretend Hospital", "Toronto", None),
    ]
    assert [c.code for c in r.countries] == ["US", "CA"]


def test_references_browse_results() -> None:
    r = full()
    assert [(x.type, x.pmid) for x in r.references] == [
        ("background", "00000002"),
        ("result", None),
    ]
    assert [(m.term, m.id) for m in r.mesh_conditions] == [("Pretend Disorders", None)]
    assert [m.term for m in r.mesh_interventions] == ["Placebos"]
    assert r.results.available is True
    assert r.results.url == "https://clinicaltrials.gov/study/NCT09000011?tab=results"
    assert r.results.date_posted is not None and r.results.date_posted.iso() == "2018-04-02"
    assert r.results.ipd_plan == "No"


def test_entity_bomb_is_refused() -> None:
    results = parse_file("entity_bomb.xml")
    assert len(results) == 1 and isinstance(results[0], Rejected)
    assert results[0].reason == ctgov_xml.REFUSED


def test_external_entity_is_refused() -> None:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE clinical_study [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<clinical_study><id_info><nct_id>NCT1</nct_id></id_info>"
        b"<brief_title>&x;</brief_title></clinical_study>"
    )
    results = parse_bytes(doc)
    assert [getattr(r, "reason", None) for r in results] == [ctgov_xml.REFUSED]


def test_broken_xml_and_missing_id_are_rejected() -> None:
    broken = parse_bytes(b"<clinical_study><brief_title>x</clinical_study>")
    assert isinstance(broken[0], Rejected) and broken[0].reason.startswith("invalid XML")
    no_id = parse_bytes(b"<clinical_study><brief_title>x</brief_title></clinical_study>")
    assert isinstance(no_id[0], Rejected) and no_id[0].field == "id_info/nct_id"
    other = parse_bytes(b"<trials><trial/></trials>")
    assert isinstance(other[0], Rejected) and "no <clinical_study>" in other[0].reason


def test_wrapper_with_several_studies() -> None:
    doc = (
        b"<studies>"
        + b"".join(
            b"<clinical_study><id_info><nct_id>NCT0900002%d</nct_id></id_info></clinical_study>" % i
            for i in range(3)
        )
        + b"</studies>"
    )
    results = parse_bytes(doc)
    assert [getattr(r, "main_id", None) for r in results] == [
        "NCT09000020",
        "NCT09000021",
        "NCT09000022",
    ]
    assert [r.provenance.position for r in results if isinstance(r, TrialRecord)] == [1, 2, 3]
    assert all(r.results.available is False for r in results if isinstance(r, TrialRecord))


def test_estimate_posting_date_is_anticipated() -> None:
    doc = (
        b"<clinical_study><id_info><nct_id>NCT1</nct_id></id_info>"
        b'<last_update_posted type="Estimate">May 3, 2016</last_update_posted></clinical_study>'
    )
    r = parse_bytes(doc)[0]
    assert isinstance(r, TrialRecord)
    assert r.last_update is not None and r.last_update.status == "anticipated"
    assert r.notes == []


def test_sniff() -> None:
    assert ctgov_xml.sniff((FIXTURES / "study_full.xml").read_bytes())
    assert not ctgov_xml.sniff((FIXTURES / "study_full.json").read_bytes())
    assert not ctgov_xml.sniff(b"<?xml version='1.0'?><trials><trial>")


def test_present_fields() -> None:
    with (FIXTURES / "study_full.xml").open("rb") as stream:
        fields = next(ctgov_xml.present_fields(stream, "-"))
    assert {"eligibility/minimum_age", "start_date@type", "@rank"} <= fields
    assert "clinical_results/participant_flow/recruitment_details" in fields
    assert "eligibility" not in fields


def test_same_trial_in_both_formats_gives_same_values() -> None:
    """The legacy XML and the v2 JSON of one fictional trial normalise alike."""
    xml = (
        b"<clinical_study><id_info><nct_id>NCT09000030</nct_id></id_info>"
        b"<sponsors><lead_sponsor><agency>Org</agency><agency_class>U.S. Fed</agency_class>"
        b"</lead_sponsor></sponsors><overall_status>Active, not recruiting</overall_status>"
        b"<phase>Early Phase 1</phase><study_type>Interventional</study_type>"
        b'<start_date type="Anticipated">March 2030</start_date>'
        b'<enrollment type="Anticipated">20</enrollment>'
        b"<arm_group><arm_group_label>A</arm_group_label><arm_group_type>No Intervention"
        b"</arm_group_type></arm_group>"
        b"<intervention><intervention_type>Dietary Supplement</intervention_type>"
        b"<intervention_name>Fish oil</intervention_name></intervention>"
        b"<eligibility><gender>Female</gender><minimum_age>6 Months</minimum_age>"
        b"<maximum_age>N/A</maximum_age></eligibility></clinical_study>"
    )
    json_doc = (
        b'{"protocolSection": {"identificationModule": {"nctId": "NCT09000030"},'
        b'"sponsorCollaboratorsModule": {"leadSponsor": {"name": "Org", "class": "FED"}},'
        b'"statusModule": {"overallStatus": "ACTIVE_NOT_RECRUITING",'
        b'"startDateStruct": {"date": "2030-03", "type": "ESTIMATED"}},'
        b'"designModule": {"studyType": "INTERVENTIONAL", "phases": ["EARLY_PHASE1"],'
        b'"enrollmentInfo": {"count": 20, "type": "ESTIMATED"}},'
        b'"armsInterventionsModule": {"armGroups": [{"label": "A", "type": "NO_INTERVENTION"}],'
        b'"interventions": [{"type": "DIETARY_SUPPLEMENT", "name": "Fish oil"}]},'
        b'"eligibilityModule": {"sex": "FEMALE", "minimumAge": "6 Months"}}}'
    )
    a = parse_bytes(xml)[0]
    b = next(ctgov_json.parse(io.BytesIO(json_doc), "-"))
    assert isinstance(a, TrialRecord) and isinstance(b, TrialRecord)

    def key(r: TrialRecord) -> tuple[object, ...]:
        e = r.eligibility
        return (
            r.primary_sponsor,
            r.recruitment_status and r.recruitment_status.code,
            [p.code for p in r.phases],
            r.study_type and r.study_type.code,
            r.first_enrolment and (r.first_enrolment.iso(), r.first_enrolment.status),
            r.target_size and (r.target_size.total, r.target_size.status),
            [(x.label, x.type) for x in r.arms],
            [(i.raw, i.type and i.type.code) for i in r.interventions],
            e.gender and e.gender.code,
            e.min_age and e.min_age.years,
            e.max_age and e.max_age.no_limit,
        )

    assert key(a) == key(b)
    assert key(a)[0] is not None and key(a)[2] == ["early-phase-1"]


@pytest.mark.corpus
def test_corpus_legacy_xml_records_all_parse() -> None:
    folder = CORPUS / "ctgov-xml"
    if not folder.is_dir():
        pytest.skip(f"corpus folder {folder} is absent (shared/corpus not laid beside the repo)")
    files = sorted(folder.glob("*.xml"))
    assert len(files) == real_count(50, 3)
    for path in files:
        with path.open("rb") as stream:
            results = list(ctgov_xml.parse(stream, str(path)))
        assert len(results) == 1 and isinstance(results[0], TrialRecord), (path, results)
        assert results[0].main_id == path.stem.split("_")[0]
        assert results[0].provenance.exported_on is not None
        assert ctgov_xml.sniff(path.read_bytes()[:65536])
