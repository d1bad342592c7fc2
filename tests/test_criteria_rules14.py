"""Round 14's rules, one test per family (the gold README, "Round 14"); texts are written here,
not taken from a gold file."""

from __future__ import annotations

from typing import Any

from kg.criteria import extract
from kg.normalize.criteria import split_criteria


def _of(text: str, kind: str, type_: str = "threshold") -> list[dict[str, Any]]:
    return [c.as_json() for c in extract(text, kind=kind) if c.type.value == type_]


def _fields(found: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(c.get(k) for k in keys) for c in found]


def test_outside_a_range_is_two_limits_per_quantity_in_order() -> None:
    text = "pulse and blood pressure outside the range of 50-110 bpm and 100/65 to 160/95 mmHg"
    found = _of(text, "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("heart rate", "<", 50, "/min"),
        ("heart rate", ">", 110, "/min"),
        ("systolic blood pressure", "<", 100, "mm[Hg]"),
        ("diastolic blood pressure", "<", 65, "mm[Hg]"),
        ("systolic blood pressure", ">", 160, "mm[Hg]"),
        ("diastolic blood pressure", ">", 95, "mm[Hg]"),
    ]


def test_a_range_of_pressure_pairs_is_a_systolic_and_a_diastolic_range() -> None:
    found = _of("Resting BP from 95/55 to 150/85 mmHg", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2") == [
        ("systolic blood pressure", "between", 95, 150),
        ("diastolic blood pressure", "between", 55, 85),
    ]


def test_a_pressure_needs_a_pressure_unit() -> None:
    assert _of("blood pressure of 60-90 beats/min", "inclusion") == []
    assert _of("aspirin (ASA) 100 mg daily", "exclusion") == []


def test_drinks_and_alcohol_units_are_frequencies() -> None:
    found = _of("Drinks more than four alcoholic drinks per day", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("alcoholic drinks", ">", 4, "/d")]
    found = _of("consumption of > 21 units of alcohol per week", "exclusion")
    assert _fields(found, "quantity", "value", "unit") == [("alcohol units", 21, "/wk")]


def test_angles_of_a_movement_with_a_comparison() -> None:
    found = _of("at least 30 degrees of active elbow flexion", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("elbow flexion", ">=", 30, "deg")]
    found = _of("knee extension of less than 10°", "exclusion")
    assert _fields(found, "quantity", "op", "value") == [("knee extension", "<", 10)]
    assert _of("hold the arm at 90 degrees shoulder abduction", "inclusion") == []


def test_named_classes_grade_groups_mets_and_insulin_per_kg() -> None:
    found = _of("American Society of Anesthesiologists class: II-IV", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2") == [("ASA", "between", 2, 4)]
    found = _of("Gleason grade group 2-4 on biopsy", "inclusion")
    assert _fields(found, "quantity", "value", "value2") == [("Gleason grade group", 2, 4)]
    found = _of("poor functional capacity (METs < 4)", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("METs", "<", 4, None)]
    found = _of("insulin dose greater than 1.5 units/kg/day", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("insulin dose", ">", 1.5, "U/kg/d")
    ]


def test_gestational_age_ranges_and_limits_are_thresholds_not_windows() -> None:
    found = _of("infants born at 28-32 weeks of gestation", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2", "unit") == [
        ("gestational age", "between", 28, 32, "wk")
    ]
    text = "preterm birth (<35 weeks gestation)"
    assert _fields(_of(text, "exclusion"), "op", "value") == [("<", 35)]
    assert _of(text, "exclusion", "temporal") == []


def test_a_strict_sign_before_an_age_range_binds_its_first_value() -> None:
    found = _of("> 20-70 years of age", "inclusion", "age")
    assert _fields(found, "op", "value", "value2") == [(">", 20, None), ("<=", 70, None)]
    found = _of("aged 20-70 years", "inclusion", "age")
    assert _fields(found, "op", "value", "value2") == [("between", 20, 70)]


def test_a_maximum_period_is_within_and_a_procedure_length_is_no_window() -> None:
    found = _of("symptoms for a maximum of 5 days", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "unit") == [("within", 5, "d")]
    assert _of("expected surgery duration more than 3 hours", "inclusion", "temporal") == []
    found = _of("reoperation within 30 days after the index surgery", "exclusion", "temporal")
    assert _fields(found, "anchor") == [("study start",)]


def test_sex_round_14() -> None:
    assert _fields(_of("Men who cannot read English.", "exclusion", "sex"), "value") == [("male",)]
    text = "We exclude women who are pregnant. We also exclude women with a prior hysterectomy."
    found = _of(text, "exclusion", "sex")
    assert _fields(found, "value", "start") == [("female", 51)]
    found = _of("individuals with a prostate (men, trans-women)", "inclusion", "sex")
    assert _fields(found, "value", "text") == [("male", "individuals with a prostate")]
    assert _of("Women's Health Questionnaire score", "inclusion", "sex") == []
    assert _of("Males' sexual health inventory above 20", "inclusion", "sex") == []


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in split_criteria(text, None)]


def test_kind_headings_on_their_own_line() -> None:
    text = (
        "Inclusion Criteria\n* Adults\n* Consent\n"
        "Subjects will be excluded if:\n* Pregnant\n"
        "Site exclusion:\n* Prior surgery"
    )
    assert _kinds(text) == [
        ("inclusion", "Adults"),
        ("inclusion", "Consent"),
        ("exclusion", "Pregnant"),
        ("exclusion", "Prior surgery"),
    ]
    text = "* Adults\nExclusion Criteria (per the screening log):\n* Pregnant"
    assert _kinds(text) == [("inclusion", "Adults"), ("exclusion", "Pregnant")]
    text = "Donor Exclusion:\n* HIV\nDonor Inclusion/Exclusion:\n* Must be a sibling"
    assert _kinds(text) == [("exclusion", "HIV"), ("inclusion", "Must be a sibling")]


def test_a_kind_heading_run_into_an_item_is_split_off() -> None:
    text = "* Adults\n* Consent given. Exclusion Criteria\n* Pregnant"
    assert _kinds(text) == [
        ("inclusion", "Adults"),
        ("inclusion", "Consent given."),
        ("exclusion", "Pregnant"),
    ]
    text = "* Adults Participants will be excluded if:\n* Pregnant"
    assert _kinds(text) == [("inclusion", "Adults"), ("exclusion", "Pregnant")]


def test_not_kind_headings() -> None:
    text = "- Abnormal values that would render a patient\nunsuitable for inclusion:\na. ALT high"
    assert [k for k, _ in _kinds(text)] == ["inclusion"]
    text = "* Meets none of the exclusion criteria\n* Consent"
    assert _kinds(text) == [
        ("inclusion", "Meets none of the exclusion criteria"),
        ("inclusion", "Consent"),
    ]


def test_treatments_and_conditions_round_14() -> None:
    treatments = [c["text"] for c in _of("Indwelling urinary catheter or nerve block", "exclusion",
                                         "treatment")]  # fmt: skip
    assert treatments == ["Indwelling urinary catheter", "nerve block"]
    for text in ("needs an additional operation", "index treatment", "surgical staff"):
        assert _of(text, "exclusion", "treatment") == [], text
    assert [c["text"] for c in _of("chronic pelvic pain", "inclusion", "condition")] == [
        "pelvic pain"
    ]
    assert _of("use of pain medication", "exclusion", "condition") == []
    assert [c["text"] for c in _of("Allergic to penicillin", "exclusion", "condition")] == [
        "Allergic"
    ]
