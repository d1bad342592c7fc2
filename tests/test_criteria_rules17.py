"""Round 17's rules, one test per family (the gold README, "Round 17's readings"); texts are
written here, not taken from a gold file."""

from __future__ import annotations

from typing import Any

from kg.criteria import extract


def _of(text: str, kind: str, type_: str = "threshold") -> list[dict[str, Any]]:
    return [c.as_json() for c in extract(text, kind=kind) if c.type.value == type_]


def _fields(found: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(c.get(k) for k in keys) for c in found]


def _texts(text: str, kind: str = "exclusion", type_: str = "treatment") -> list[str]:
    return [c["text"] for c in _of(text, kind, type_)]


def test_drug_classes_by_what_they_do_and_their_abbreviations() -> None:
    assert _texts("Use of SSRIs or opioid analgesics") == ["SSRIs", "opioid analgesics"]
    assert _texts("Only non-opioids as rescue sedatives") == ["non-opioids", "rescue sedatives"]
    assert _texts("Current DOAC or LMWH use") == ["DOAC", "LMWH"]
    # the abbreviations are read with their case: "ect" or "pci" in lower case are no mention
    assert _texts("ongoing pci project") == []


def test_a_name_after_prescribed_or_initiating_is_in_a_treatment_context() -> None:
    assert _texts("Patients prescribed Zorvolex in the last year", "inclusion") == ["Zorvolex"]
    assert _texts("Patients initiating Lixiana after diagnosis", "inclusion") == ["Lixiana"]


def test_kinds_of_drug_named_by_purpose_or_by_a_stacked_head() -> None:
    assert _texts("Able to stop prohibited medications", "inclusion") == [
        "stop prohibited medications"
    ]
    assert _texts("No narcotic pain meds") == ["narcotic pain meds"]
    assert _of("No narcotic pain meds", "exclusion", "condition") == []
    assert _texts("Stable on a preventive and acute treatment regimen", "inclusion") == [
        "preventive",
        "acute treatment regimen",
    ]
    assert _texts("Other interventions for symptom relief") == ["interventions for symptom relief"]
    assert _texts("agents selectively targeting the B-cell pathway") == [
        "agents selectively targeting the B-cell pathway"
    ]
    # a pregnancy risk category names a risk, not a kind of drug
    assert _texts("as statins are Category X medications") == ["statins"]


def test_anti_a_disease_is_a_drug_class_not_the_disease() -> None:
    found = _of("Any anti-tumour therapy with the exceptions listed", "exclusion", "treatment")
    assert _fields(found, "text") == [("anti-tumour therapy",)]
    assert _of("Any anti-tumour therapy with the exceptions listed", "exclusion", "condition") == []
    # an antibody test for a virus stays what it was
    assert _texts("Positive anti-hepatitis C virus") == []


def test_dialysis_thrombolysis_and_a_listed_surgery() -> None:
    assert _texts("Chronic haemodialysis") == ["haemodialysis"]
    assert _texts("contraindication to systemic thrombolysis") == ["systemic thrombolysis"]
    assert _texts("History of eye trauma or surgery") == ["surgery"]
    # a surgery named as a time point is the trial's own procedure
    assert _texts("Infection at the time of surgery or within 30 days of surgery") == []


def test_devices_in_the_body_and_what_is_not_a_treatment() -> None:
    text = "implanted neurostimulators, artificial heart valves, transdermal patches"
    assert _texts(text) == ["implanted neurostimulators", "artificial heart valves",
                            "transdermal patches"]  # fmt: skip
    # a metal object in the body is a foreign body, an organ alone is no drug
    assert _texts("metal or metallic objects in the body") == []
    assert _texts("Abnormal lab values (liver, kidney, thyroid)") == []
