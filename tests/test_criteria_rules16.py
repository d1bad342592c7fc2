"""Round 16's rules, one test per family (the gold README, "Round 16's readings"); texts are
written here, not taken from a gold file."""

from __future__ import annotations

from typing import Any

from kg.criteria import extract


def _of(text: str, kind: str, type_: str = "threshold") -> list[dict[str, Any]]:
    return [c.as_json() for c in extract(text, kind=kind) if c.type.value == type_]


def _fields(found: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(c.get(k) for k in keys) for c in found]


def test_a_mother_in_a_lactation_or_feeding_requirement_is_no_sex() -> None:
    assert _of("Mothers who are able to express breast milk twice a day", "inclusion", "sex") == []
    assert _of("Mother reports bottle feeding of her baby", "exclusion", "sex") == []
    # a mother in a clause of her own still names the participant
    found = _of("1) Mothers over 18 2) Infants fed by bottle", "inclusion", "sex")
    assert _fields(found, "value") == [("female",)]


def test_a_reproductive_relative_clause_after_the_sex_word_and_its_age() -> None:
    text = "Female subjects aged 18 to 45 years who were of child-bearing age agreed to abstain"
    assert _of(text, "inclusion", "sex") == []
    found = _of("Female subjects aged 18 to 45 years with mild asthma", "inclusion", "sex")
    assert _fields(found, "value") == [("female",)]


def test_a_gender_or_those_an_intervention_helps_are_no_sex() -> None:
    assert _of("male gender", "inclusion", "sex") == []
    assert _of("Identifies as a transgender woman", "inclusion", "sex") == []
    assert _of("The app is thought to benefit women with low desire", "exclusion", "sex") == []
    # sex assigned at birth still restricts, before a gender
    found = _of("Female at birth and current female gender identity", "inclusion", "sex")
    assert _fields(found, "value", "text") == [("female", "Female")]


def test_a_value_before_the_scale_it_is_on() -> None:
    found = _of("moderate anxiety (> 9 on Hamilton Anxiety Rating Scale, HAM-A)", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("HAM-A", ">", 9, None)]
    found = _of("insomnia (≥ 15 on the ISI)", "inclusion")
    assert _fields(found, "quantity", "op", "value") == [("ISI", ">=", 15)]
    found = _of("impairment (< 24 on Mini Mental State Examination)", "exclusion")
    assert _fields(found, "quantity", "op", "value") == [("Mini Mental State Examination", "<", 24)]
    # a scale not named in capitals is no scale of this reading (the general reading's "pain")
    assert _fields(_of("pain > 3 on a scale of 0 to 10", "inclusion"), "quantity") == [("pain",)]
    # nor is a value with a unit
    assert _of("weight loss > 5 kg on the Scale Test", "inclusion", "threshold")[0]["unit"] == "kg"


def test_an_eponymous_scale_stage_range_and_an_escaped_ampersand() -> None:
    found = _of("Parkinson disease (Hoehn \\& Yahr stage 1 - 2.5)", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2") == [
        ("Hoehn and Yahr", "between", 1, 2.5)
    ]


def test_a_list_of_three_values_is_the_range_it_spans() -> None:
    found = _of("WHO performance status of 0, 1, or 2", "inclusion")
    assert _fields(found, "op", "value", "value2") == [("between", 0, 2)]
    # a pair from 0 stays an upper limit
    assert _fields(_of("ECOG 0 or 1", "inclusion"), "op", "value") == [("<=", 1)]


def test_rates_hearing_levels_and_vasoactive_doses() -> None:
    found = _of("Needs nebulisation ≤3/hour", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("nebulisation", "<=", 3, "/h")]
    found = _of("A companion present = 5 days/wk", "inclusion")
    assert _fields(found, "op", "value", "unit") == [(">=", 5, "d/wk")]
    found = _of("Speech reception threshold (1, 2, 4 kHz) > 40 dB HL", "exclusion")
    assert _fields(found, "op", "value", "unit") == [(">", 40, "dB")]
    found = _of("dobutamine or dopamine > 10 mcg/kg/min", "exclusion")
    assert _fields(found, "quantity", "unit") == [
        ("dobutamine dose", "ug/kg/min"),
        ("dopamine dose", "ug/kg/min"),
    ]
    # a "dB/m" attenuation is no hearing level
    assert _fields(_of("CAP over 300dB/m", "inclusion"), "unit") == []


def test_a_week_of_gestation_written_after_week() -> None:
    found = _of("enrolled before week 20 of pregnancy", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("gestational age", "<", 20, "wk")]


def test_experience_and_participation_are_no_history() -> None:
    assert _of("nurses with at least 3 years of clinical experience", "inclusion", "temporal") == []
    assert _of("willing to participate for 12 months", "inclusion", "temporal") == []
    found = _of("able to remain inpatient for 10 days", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "unit") == [("at least", 10, "d")]


def test_stable_recent_patient_inclusion_and_length_of_stay() -> None:
    found = _of("stable antidepressant dose (past 8 weeks)", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "unit") == [("at least", 8, "wk")]
    found = _of("recent (2 weeks) abdominal surgery", "exclusion", "temporal")
    assert _fields(found, "relation", "value", "unit") == [("within", 2, "wk")]
    found = _of("swab taken 48 h prior to patient inclusion", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "unit", "anchor") == [
        ("within", 48, "h", "enrolment")
    ]
    found = _of("hospital length of stay ≥ 5 days", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "anchor") == [("at least", 5, "admission")]


def test_a_legal_age_restated_in_years() -> None:
    found = _of("Younger than the age of legal majority (18 years)", "exclusion", "age")
    assert _fields(found, "op", "value", "unit") == [("<", 18, "a")]
    assert _of("under the age of majority", "exclusion", "age") == []
