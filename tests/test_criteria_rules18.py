"""Round 18's rules, one test per family (the gold README, "Round 18"); texts are written here
(other members of each family than the one heldout17 / heldout-sex8 showed), not taken from a
gold file."""

from __future__ import annotations

from typing import Any

from kg.criteria import extract
from kg.criteria.sex import sexes
from kg.normalize.criteria import split_criteria


def _of(text: str, kind: str = "inclusion", type_: str = "threshold") -> list[tuple[Any, ...]]:
    keys = ("quantity", "op", "value", "value2", "unit", "relation")
    return [
        tuple(c.as_json().get(k) for k in keys)
        for c in extract(text, kind=kind)
        if c.type.value == type_
    ]


def test_roman_ranges_of_a_named_class_or_stage() -> None:
    assert _of("Pulmonary hypertension, WHO functional class II to III") == [
        ("WHO functional class", "between", 2, 3, None, None)
    ]
    assert _of("CKD stage III–IV") == [("CKD stage", "between", 3, 4, None, None)]
    assert _of("WHO class IV-II") == []  # a range runs upwards
    assert _of("Hoehn and Yahr stage II-III") == [("Hoehn and Yahr", "between", 2, 3, None, None)]
    assert _of("WHO FC II-III") == [("WHO functional class", "between", 2, 3, None, None)]
    assert _of("Patients stage II-III") == []  # one capitalised word names no scale


def test_a_value_named_in_brackets_after_it() -> None:
    assert _of("Hypertension (>= 160 mmHg (systolic) or >= 100 mmHg (diastolic))", "exclusion") == [
        ("systolic blood pressure", ">=", 160, None, "mm[Hg]", None),
        ("diastolic blood pressure", ">=", 100, None, "mm[Hg]", None),
    ]
    assert _of("renal impairment (< 30 mL/min (eGFR))", "exclusion") == [
        ("eGFR", "<", 30, None, "mL/min", None)
    ]
    assert _of("values < 30 mL/min (see appendix)") == []  # no quantity in the brackets


def test_counts_per_field_or_volume() -> None:
    assert _of("at least 20 mast cells/hpf in the biopsy") == [
        ("mast cell count", ">=", 20, None, "/[HPF]", None)
    ]
    assert [c[1:5] for c in _of("fewer than 300 cells per microliter")] == [("<", 300, None, "/uL")]


def test_a_count_per_microlitre_in_a_greek_mu() -> None:
    assert [c[1:5] for c in _of("fewer than 300 cells/μl")] == [("<", 300, None, "/uL")]


def test_doses_of_named_drugs_after_dose() -> None:
    assert _of("a stable dose of at least 10 mg prednisone or 8 mg methylprednisolone") == [
        ("prednisone dose", ">=", 10, None, "mg", None),
        ("methylprednisolone dose", ">=", 8, None, "mg", None),
    ]
    assert _of("a dose of at least 10 mg daily") == []  # no drug named


def test_durations_of_a_state_are_thresholds_not_windows() -> None:
    text = "loss of consciousness of more than 30 minutes"
    assert _of(text) == [("loss of consciousness duration", ">", 30, None, "min", None)]
    assert _of("PTA of 7 days or more") == [
        ("post-traumatic amnesia duration", ">=", 7, None, "d", None)
    ]
    assert _of("PTA of 7 days or more", type_="temporal") == []
    assert _of("LOC lasting longer than 5 minutes") == [
        ("loss of consciousness duration", ">", 5, None, "min", None)
    ]
    assert _of("PTA > 24 hours", type_="temporal") == []


def test_an_age_point_before_or_after_age_n() -> None:
    assert _of("Epilepsy onset before age 12", type_="age") == [(None, "<", 12, None, "a", None)]
    assert _of("Diabetes diagnosed after age 40 years", type_="age") == [
        (None, ">", 40, None, "a", None)
    ]
    assert _of("Under age 16", "exclusion", type_="age") == [(None, "<", 16, None, "a", None)]
    # an age at a past event written "prior to the age of" stays no limit (heldout11's rule)
    assert _of("Stroke prior to the age of 50 documented", type_="age") == []


def test_temporal_hyphenated_periods_and_stable_for_n_prior_to() -> None:
    assert _of("MI within 6-months of screening", type_="temporal") == [
        (None, None, 6, None, "mo", "within")
    ]
    assert _of("surgery in the past 12-months", type_="temporal") == [
        (None, None, 12, None, "mo", "within")
    ]
    assert _of("at least 18-years-old", type_="temporal") == []  # an age
    assert _of("no surgery in the three-months prior to screening", type_="temporal") == [
        (None, None, 3, None, "mo", "within")
    ]
    assert _of("on a dose unchanged for 6 weeks prior to randomisation", type_="temporal") == [
        (None, None, 6, None, "wk", "at least")
    ]
    assert _of("received any vaccine for 6 weeks prior to randomisation", type_="temporal") == [
        (None, None, 6, None, "wk", "within")
    ]
    assert _of("Asthma diagnosed within 12 months of practice registration", type_="temporal") == [
        (None, None, 12, None, "mo", "within")
    ]


def test_consent_as_a_time_point_is_no_consent() -> None:
    assert _of("HIV negative 2 weeks before signing the informed consent", type_="consent") == []
    assert len(_of("Able to give written informed consent", type_="consent")) == 1


def test_sex_words_that_name_no_subject() -> None:
    assert sexes("at most two deliveries per woman in the registry") == []
    assert sexes("Height below the 10th percentile of the general male population") == []
    assert sexes("Normal pregnancy outcome (e.g. the woman had no preterm birth)") == []
    assert sexes("Severe psychiatric illness. Note: women will stay in follow-up") == []
    assert sexes("Able to attend the clinic Men:") == []
    assert [c.value for c in sexes("Women who had a vaginal birth (e.g. a first birth)")] == [
        "female"
    ]


def test_splitter_cuts_a_group_heading_run_into_an_item() -> None:
    text = (
        "- Lives in the district Inclusion criteria for adolescents:\n"
        "- Aged 12 to 17 years\n"
        "- Has a phone Clinic nurses and support staff:\n"
        "- Works at a study clinic -\n"
    )
    assert [c.text for c in split_criteria(text, None)] == [
        "Lives in the district",
        "Aged 12 to 17 years",
        "Has a phone",
        "Works at a study clinic",
    ]
    # a criterion that ends with a colon of its own stays whole
    assert [c.text for c in split_criteria("- Any of the following:\n", None)] == [
        "Any of the following:"
    ]
