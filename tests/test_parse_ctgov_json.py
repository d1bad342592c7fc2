"""ClinicalTrials.gov API v2 JSON parser: fictional fixtures, the seed trial, the corpus."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.model import TrialRecord
from kg.parsers import ctgov_json
from kg.parsers._json_stream import StreamError, members
from kg.parsers.base import Rejected

from .conftest import REAL, real_count

FIXTURES = Path(__file__).parent / "fixtures" / "ctgov"
CORPUS = REAL


def parse_file(name: str) -> list[TrialRecord | Rejected]:
    with (FIXTURES / name).open("rb") as stream:
        return list(ctgov_json.parse(stream, name))


def parse_bytes(data: bytes) -> list[TrialRecord | Rejected]:
    return list(ctgov_json.parse(io.BytesIO(data), "-"))


def only_record(results: list[TrialRecord | Rejected]) -> TrialRecord:
    assert len(results) == 1, results
    record = results[0]
    assert isinstance(record, TrialRecord), record
    return record


def corpus_dir(name: str) -> Path:
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"corpus folder {folder} is absent (shared/corpus not laid beside the repo)")
    return folder


def test_full_study_identification_and_status() -> None:
    r = only_record(parse_file("study_full.json"))
    assert r.main_id == "NCT09000001"
    assert r.register == "ClinicalTrials.gov"
    assert r.url == "https://clinicaltrials.gov/study/NCT09000001"
    assert r.provenance.source_format == "ctgov-json"
    assert r.provenance.exported_on is not None
    assert r.provenance.exported_on.iso() == "2024-02-01"
    assert r.public_title == "Fictional Drug X in Imaginary Disease"
    assert r.scientific_title is not None and r.scientific_title.startswith("A Randomised")
    assert r.acronym == "FICTX"
    ids = {(i.value, i.kind, i.issuer) for i in r.secondary_ids}
    assert ("FIC-001", "OTHER_GRANT", "Fictional University Hospital") in ids
    assert ("FIC-LOCAL-7", "OTHER", "Fictional Ethics Board") in ids
    assert ("NCT09000000", "NCT alias", None) in ids
    eudract = next(i for i in r.secondary_ids if i.value == "2099-000001-11")
    assert eudract.scheme == "euctr"
    assert r.recruitment_status is not None and r.recruitment_status.code == "terminated"
    assert r.why_stopped == "Sponsor decision (fictional)"
    assert r.extra["statusModule.lastKnownStatus"] == "RECRUITING"
    assert r.first_enrolment is not None
    assert (r.first_enrolment.iso(), r.first_enrolment.status) == ("2021-02-01", "actual")
    assert r.completion is not None
    assert (r.completion.iso(), r.completion.status) == ("2024-12", "anticipated")
    assert r.registration_date is not None and r.registration_date.iso() == "2021-01-15"
    assert r.last_update is not None and r.last_update.iso() == "2024-01-12"
    assert r.notes == []


def test_full_study_sponsors_design_and_people() -> None:
    r = only_record(parse_file("study_full.json"))
    assert r.primary_sponsor is not None
    assert (r.primary_sponsor.name, r.primary_sponsor.agency_class) == (
        "Fictional University Hospital",
        "OTHER",
    )
    assert [o.name for o in r.secondary_sponsors] == ["Imaginary Pharma Ltd"]
    assert r.extra["oversightModule.oversightHasDmc"] == "Yes"
    assert r.study_type is not None and r.study_type.code == "interventional"
    assert [p.code for p in r.phases] == ["phase-2", "phase-3"]
    assert r.phase_raw == "PHASE2/PHASE3"
    assert r.design.allocation is not None and r.design.allocation.code == "randomized"
    assert r.design.masking is not None and r.design.masking.code == "double"
    assert r.design.who_masked == ("participant", "investigator")
    assert r.design.extra["maskingDescription"] == "Identical capsules."
    assert r.enrolment is not None and (r.enrolment.total, r.enrolment.status) == (120, "actual")
    assert r.target_size is None
    roles = [(c.role, c.name) for c in r.contacts]
    assert roles == [
        ("responsible", "Ada Example"),
        ("central", "Study Desk"),
        ("official", "Ada Example, MD"),
        ("site", "Site Nurse"),
    ]
    central = r.contacts[1]
    assert (central.telephone, central.email) == ("+00 000 0000 ext 12", "desk@example.org")
    assert r.contacts[2].official_role == "Principal Investigator"
    assert [c.code for c in r.countries] == ["CN", "FR"]
    assert r.sites[0].latitude == pytest.approx(32.06)
    assert r.sites[0].status == "Recruiting"


def test_full_study_arms_outcomes_eligibility_results() -> None:
    r = only_record(parse_file("study_full.json"))
    assert [(a.label, a.type) for a in r.arms] == [
        ("Drug X", "Experimental"),
        ("Placebo", "Placebo Comparator"),
    ]
    first = r.interventions[0]
    assert (first.raw, first.name) == ("Drug: Drug X", "Drug X")
    assert first.type is not None and first.type.code == "drug"
    assert first.other_names == ("FX-10", "Examplomab")
    assert r.interventions[2].raw == "Dietary Supplement: Fish oil"
    assert [(o.kind, o.position, o.measure) for o in r.outcomes] == [
        ("primary", 1, "Change in Fictional Score"),
        ("secondary", 1, "Adverse events"),
        ("secondary", 2, "Quality of life"),
        ("other", 1, "Biomarker level"),
    ]
    assert r.brief_summary is not None and "Drug X >= 10 mg" in r.brief_summary
    e = r.eligibility
    assert [(c.kind, c.text) for c in e.criteria] == [
        ("inclusion", "Adults aged 18 to 75"),
        ("inclusion", "Imaginary disease for at least 6 months"),
        ("exclusion", "Pregnancy"),
        ("exclusion", "Prior Drug X"),
    ]
    assert e.min_age is not None and e.min_age.years == Decimal(18)
    assert e.max_age is not None and e.max_age.years == Decimal(75)
    assert e.gender is not None and e.gender.code == "all"
    assert e.healthy_volunteers is False
    assert r.references[0].type == "background" and r.references[0].pmid == "00000001"
    assert r.results.available is True
    assert r.results.url == "https://clinicaltrials.gov/study/NCT09000001?tab=results"
    assert r.results.date_posted is not None and r.results.date_posted.iso() == "2023-10-02"
    assert (r.results.ipd_plan, r.results.ipd_description) == (
        "Yes",
        "De-identified data on request.",
    )
    assert r.mesh_conditions[0].term == "Imaginary Disease"
    assert r.mesh_conditions[0].id == "D000000001"
    assert [m.term for m in r.mesh_interventions] == ["Fish Oils"]


def test_page_of_two_studies() -> None:
    results = parse_file("page_two.json")
    assert [getattr(r, "main_id", None) for r in results] == ["NCT09000001", "NCT09000002"]
    assert [r.provenance.position for r in results if isinstance(r, TrialRecord)] == [1, 2]
    second = results[1]
    assert isinstance(second, TrialRecord)
    assert second.target_size is not None and second.target_size.status == "anticipated"
    assert second.design.observational_model is not None
    assert second.design.observational_model.code == "cohort"
    assert second.eligibility.population == "Fictional cohort."
    assert second.results.available is False and second.results.url is None


def test_page_is_read_study_by_study_in_small_chunks() -> None:
    data = (FIXTURES / "page_two.json").read_bytes()
    items = list(members(io.BytesIO(data), spread={"studies"}, chunk_size=7))
    expected = json.loads(data)
    assert [v for k, _, v in items if k == "studies"] == expected["studies"]
    assert ("nextPageToken", None, "FICTIONALTOKEN") in items


def test_stream_error_on_truncated_page() -> None:
    with pytest.raises(StreamError):
        list(members(io.BytesIO(b'{"studies": [{"a": 1}, {"b":'), spread={"studies"}))
    results = parse_bytes(b'{\n"studies": [{"protocolSection": {}}, {"b":')
    assert isinstance(results[-1], Rejected) and "invalid JSON" in results[-1].reason


def test_ndjson_broken_line_is_rejected_and_rest_goes_on() -> None:
    results = parse_file("studies.ndjson")
    assert len(results) == 3
    first, broken, third = results
    assert isinstance(first, TrialRecord) and first.main_id == "NCT09000002"
    assert isinstance(broken, Rejected)
    assert broken.position == 2 and broken.reason.startswith("line 2: invalid JSON")
    assert broken.format == "ctgov-json"
    assert isinstance(third, TrialRecord) and third.main_id == "NCT09000003"
    assert third.provenance.position == 3


def test_ndjson_lines_are_parsed_where_the_study_is_built() -> None:
    """kg.pipeline's raw items: NDJSON lines stay bytes until build_item (a worker) parses
    them; the records and rejects are those of parse()."""
    data = (
        b'{"protocolSection": {"identificationModule": {"nctId": "NCT1"}}}\n\n'
        b'{"protocolSection": \n[1]\n{"protocolSection": {"identificationModule": '
        b'{"nctId": "NCT5"}, "eligibilityModule": {"eligibilityCriteria": "A \\"b\\""}}}\n'
    )
    raw = list(ctgov_json.items(io.BytesIO(data), "x.ndjson"))
    assert [type(item) for _, item in raw] == [bytes, bytes, bytes, bytes]
    built = [ctgov_json.build_item(item, "x.ndjson", n) for n, item in raw]  # type: ignore[arg-type]
    parsed = list(ctgov_json.parse(io.BytesIO(data), "x.ndjson"))
    assert built == parsed
    assert [getattr(r, "main_id", None) or r.reason for r in built] == [
        "NCT1",
        "line 3: invalid JSON (Expecting value at column 1)",
        "a study must be a JSON object",
        "NCT5",
    ]
    assert ctgov_json.affinity(raw[3][1]) == 'A \\"b\\"'  # type: ignore[arg-type]


def test_partial_record_with_identification_only() -> None:
    r = only_record(parse_file("partial.json"))
    assert r.main_id == "NCT09000003"
    assert r.public_title == "Partial fictional record"
    assert [i.value for i in r.secondary_ids] == ["P-3"]
    assert r.recruitment_status is None and r.phases == [] and r.eligibility.min_age is None
    assert r.design.is_empty() and r.results.available is False


def test_v1_is_rejected_with_clear_reason() -> None:
    results = parse_file("v1_fullstudies.json")
    assert len(results) == 1 and isinstance(results[0], Rejected)
    assert results[0].reason == ctgov_json.V1_REASON
    assert "trialkg fetch ctgov" in results[0].reason


def test_study_without_nct_id_is_rejected() -> None:
    results = parse_bytes(b'{"protocolSection": {"identificationModule": {"briefTitle": "x"}}}')
    assert len(results) == 1 and isinstance(results[0], Rejected)
    assert results[0].field == "protocolSection.identificationModule.nctId"


def test_unrecognised_values_are_kept_and_noted() -> None:
    doc = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09000005"},
            "statusModule": {"overallStatus": "SOMETHING_NEW", "startDateStruct": {"date": "soon"}},
        }
    }
    r = only_record(parse_bytes(json.dumps(doc).encode()))
    assert r.recruitment_status is not None and r.recruitment_status.raw == "SOMETHING_NEW"
    assert r.recruitment_status.code is None
    assert r.first_enrolment is None
    assert {(n.field, n.value) for n in r.notes} == {
        ("recruitment_status", "SOMETHING_NEW"),
        ("first_enrolment", "soon"),
    }


def test_empty_input_gives_nothing() -> None:
    assert parse_bytes(b"") == []
    assert parse_bytes(b'{"studies": [], "totalCount": 0}') == []


def test_sniff() -> None:
    for name in ("study_full.json", "page_two.json", "studies.ndjson", "v1_fullstudies.json"):
        assert ctgov_json.sniff((FIXTURES / name).read_bytes()[:65536]), name
    assert not ctgov_json.sniff((FIXTURES / "study_full.xml").read_bytes())
    assert not ctgov_json.sniff(b'{"trials": []}')


def test_present_fields_lists_leaf_paths() -> None:
    with (FIXTURES / "study_full.json").open("rb") as stream:
        fields = next(ctgov_json.present_fields(stream, "-"))
    assert "protocolSection.designModule.phases" in fields
    assert "protocolSection.contactsLocationsModule.locations.geoPoint.lat" in fields
    assert "protocolSection.designModule" not in fields
    assert "hasResults" in fields


def test_seed_trial_fixture_matches_the_page() -> None:
    """tests/fixtures/ctgov/NCT04946669.json holds what the seed Trial2 page shows."""
    r = only_record(parse_file("NCT04946669.json"))
    assert r.main_id == "NCT04946669"
    assert r.registration_date is not None and r.registration_date.iso() == "2021-05-17"
    assert r.first_enrolment is not None and r.first_enrolment.iso() == "2021-02-01"
    assert r.primary_sponsor is not None
    assert r.primary_sponsor.name == "The First Affiliated Hospital with Nanjing Medical University"
    assert [o.name for o in r.secondary_sponsors] == [
        "National Natural Science Foundation of China"
    ]
    assert r.target_size is not None and r.target_size.total == 20
    assert r.recruitment_status is not None and r.recruitment_status.code == "recruiting"
    assert [p.code for p in r.phases] == ["early-phase-1"]
    assert r.design.allocation is not None and r.design.allocation.code == "not-applicable"
    assert r.design.masking is not None and r.design.masking.code == "none"
    assert [c.code for c in r.countries] == ["CN"]
    assert [i.raw for i in r.interventions] == ["Drug: Abatacept"]
    assert r.conditions == ["Abatacept", "Dermatomyositis"]
    kinds = [c.kind for c in r.eligibility.criteria]
    assert (kinds.count("inclusion"), kinds.count("exclusion")) == (4, 7)
    assert r.eligibility.min_age is not None and r.eligibility.min_age.years == Decimal(18)
    assert r.eligibility.max_age is not None and r.eligibility.max_age.no_limit
    assert [i.value for i in r.secondary_ids] == ["ABA-DM"]
    assert [(o.kind, o.time_frame) for o in r.outcomes] == [
        ("primary", "12 weeks after treat with Abatacept"),
        ("secondary", "12 weeks after treat with Abatacept"),
    ]
    contact = r.contacts[0]
    assert contact.name == "Wenfeng Tan, PhD, MD"
    assert contact.email is not None and contact.email.endswith("@example.org")
    assert r.notes == []


@pytest.mark.corpus
def test_corpus_v2_records_all_parse() -> None:
    files = sorted(corpus_dir("ctgov-v2-json").glob("*.json"))
    assert len(files) == real_count(10, 3)
    for path in files:
        with path.open("rb") as stream:
            r = only_record(list(ctgov_json.parse(stream, str(path))))
        assert r.main_id == path.stem
        assert r.public_title
        assert ctgov_json.sniff(path.read_bytes()[:65536])


@pytest.mark.corpus
def test_corpus_v1_files_are_rejected() -> None:
    files = sorted(corpus_dir("ctgov-v1-json").glob("*.json"))
    assert len(files) == real_count(2, 1)
    for path in files:
        with path.open("rb") as stream:
            results = list(ctgov_json.parse(stream, str(path)))
        assert [getattr(r, "reason", None) for r in results] == [ctgov_json.V1_REASON]
