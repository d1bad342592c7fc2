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


def test_pounds_and_body_weight() -> None:
    found = _of("Body weight over 300 lbs", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("body weight", ">", 300, "[lb_av]")
    ]


def test_a_pain_score_on_a_visual_analogue_scale_in_mm() -> None:
    found = _of("pain intensity is at least 40 mm on the VAS", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("pain", ">=", 40, "mm")]


def test_counts_per_period_written_value_first() -> None:
    found = _of("4 to 10 migraine days per month", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2", "unit") == [
        ("migraine days", "between", 4, 10, "/mo")
    ]
    found = _of("at least 2 seizures per week", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("seizures", ">=", 2, "/wk")]
    # a dose form per day is a dose, no count; a count without a comparison is no threshold
    assert _of("more than 2 tablets per day", "exclusion") == []
    assert _of("2 clinic visits per month", "inclusion") == []


def test_a_percentage_before_the_noun_it_is_a_share_of() -> None:
    found = _of("at least 30% coverage of the target volume", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("coverage", ">=", 30, "%")]
    # a certainty or an adjective is no quantity
    assert _of("(at least 99% certainty of success)", "inclusion") == []
    assert _of("(at least 99% effective of all kinds)", "inclusion") == []


def test_modifiers_sharing_one_head_and_one_comparison() -> None:
    found = _of("Largest cyst, or cyst wall, thickness < 3 mm", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("cyst thickness", "<", 3, "mm"),
        ("cyst wall thickness", "<", 3, "mm"),
    ]


def test_a_minimum_score_on_a_named_scale_and_dose_limits() -> None:
    text = "A minimum score of 2 for item B of the Hammersmith Functional Motor Scale (HFMS) scale"
    found = _of(text, "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("HFMS", ">=", 2, None)]
    found = _of("taking aspirin at a daily dose (<75 mg or >325 mg)", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("dose", "<", 75, "mg"),
        ("dose", ">", 325, "mg"),
    ]


def test_an_unnamed_unitless_value_after_with() -> None:
    found = _of("advanced cancer with response rate < 5", "exclusion")
    assert _fields(found, "quantity", "op", "value") == [("response rate", "<", 5)]


def test_a_sex_word_run_into_the_word_before_it() -> None:
    text = "Induction for preeclampsiaWomen will be included whatever the mode of birth"
    found = _of(text, "inclusion", "sex")
    assert _fields(found, "value", "text") == [("female", "Women")]
    # a capitalised word inside a lower-case word is no run-together word ("superMan" apart,
    # only a sex word at a lower-to-upper step): "Germany" holds no "Man"
    assert _of("Patients treated in Germany", "inclusion", "sex") == []


def test_a_sex_word_right_after_cisgender_or_transgender_is_a_gender() -> None:
    assert _of("Endometriosis (for cisgender females)", "exclusion", "sex") == []
    assert _of("transgender men on testosterone", "inclusion", "sex") == []


def test_windows_before_an_index_date_and_a_required_length_of_record() -> None:
    found = _of("No statins (the 90 days before the index date)", "exclusion", "temporal")
    assert _fields(found, "relation", "value", "unit") == [("within", 90, "d")]
    found = _of("Continuous enrollment in the 6 months pre-index", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "unit") == [("at least", 6, "mo")]


def test_a_period_joined_by_or_shares_the_later_anchor() -> None:
    found = _of("Onset >10 years or <3 months before screening", "exclusion", "temporal")
    assert _fields(found, "relation", "value", "anchor") == [
        ("at least", 10, "screening"),
        ("within", 3, "screening"),
    ]


def test_generic_diseases_assessment_terms_and_names_are_no_conditions() -> None:
    for text in (
        "Other serious medical conditions",
        "Measurable disease per RECIST",
        "score of 3 on the anxiety numerical rating scale",
        "criteria of the Canadian Society of Hypertension",
        "as published (Arthritis Care Res 2010;62:600-10)",
    ):
        assert _of(text, "exclusion", "condition") == [], text
    # a kind of disease stays, and so does the diagnosis the criteria are for
    assert _texts("Other serious hepatic disease", type_="condition") == ["serious hepatic disease"]
    assert _texts("ACR Criteria for Fibromyalgia", "inclusion", "condition") == ["Fibromyalgia"]


def test_naive_to_negates_and_a_qualified_anti_disease_class() -> None:
    found = _of(
        "Naive to prior systemic anti-tumour therapy for lung cancer", "inclusion", "treatment"
    )
    assert _fields(found, "text", "negated") == [("systemic anti-tumour therapy", True)]
    found = _of(
        "Naive to prior systemic anti-tumour therapy for lung cancer", "inclusion", "condition"
    )
    assert _fields(found, "text", "negated") == [("lung cancer", True)]


def test_a_scale_abbreviation_before_total_score_names_it() -> None:
    text = "Fatigue Impact Scale for Work (FISW-2) total score ≥ 18 at screening"
    found = _of(text, "inclusion")
    assert _fields(found, "quantity", "op", "value") == [("FISW-2", ">=", 18)]
