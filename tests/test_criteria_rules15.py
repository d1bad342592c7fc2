"""Round 15's rules, one test per family (the gold README, "Round 15"); texts are written here,
not taken from a gold file."""

from __future__ import annotations

from typing import Any

from kg.criteria import extract


def _of(text: str, kind: str, type_: str = "threshold") -> list[dict[str, Any]]:
    return [c.as_json() for c in extract(text, kind=kind) if c.type.value == type_]


def _fields(found: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(c.get(k) for k in keys) for c in found]


def test_a_full_name_restated_in_parentheses_is_skipped_before_the_comparison() -> None:
    found = _of("Axial length (axial eye length) > 26 mm in either eye", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("axial length", ">", 26, "mm")]


def test_phrases_listed_from_a_clause_start_share_one_comparison() -> None:
    found = _of("Unreliable fields (fixation errors, false alarms and misses > 30%)", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("fixation errors", ">", 30, "%"),
        ("false alarms", ">", 30, "%"),
        ("miss", ">", 30, "%"),
    ]
    # a list that does not start a clause is not one ("history of stroke, or troponin …")
    found = _of("History of stroke, or troponin level > 0.1 ng/mL", "exclusion")
    assert _fields(found, "quantity") == [("troponin",)]


def test_a_measurement_named_before_how_it_is_taken() -> None:
    found = _of("plaque index by visual scoring under 20 percent", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("plaque index", "<", 20, "%")]
    # only when the phrase ends in a measurement noun
    assert _of("lesions on imaging below 10 percent", "inclusion") == []


def test_outside_plus_minus_is_two_limits() -> None:
    found = _of("Refractive error outside ± 6.00 dioptres", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("refractive error", "<", -6.0, "[diop]"),
        ("refractive error", ">", 6.0, "[diop]"),
    ]


def test_grams_glued_to_the_number_and_birth_weight() -> None:
    found = _of("Neonates with a birth weight <750g or >2000g", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("birth weight", "<", 750, "g"),
        ("birth weight", ">", 2000, "g"),
    ]
    # a birth weight needs a weight unit; "grams of" is no unit of its own
    assert _of("birth weight below 10", "exclusion") == []
    assert _fields(_of("Hb less than 9 grams of hemoglobin", "exclusion"), "unit") == [(None,)]


def test_visual_acuity_snellen_fractions_and_or_better() -> None:
    found = _of("Best-corrected visual acuity better than 20/200 in the study eye", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("best corrected visual acuity", ">", 0.1, None)
    ]
    found = _of("visual acuity of 0.3 or worse", "inclusion")
    assert _fields(found, "quantity", "op", "value") == [("visual acuity", "<=", 0.3)]


def test_gestational_age_weeks_and_days_and_the_quantity_first() -> None:
    found = _of("Gestational age (GA) 24+0 to 29+6 weeks", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2", "unit") == [
        ("gestational age", "between", 24, 29.857, "wk")
    ]
    found = _of("Infants born prior to 30 weeks' gestation", "inclusion")
    assert _fields(found, "op", "value", "unit") == [("<", 30, "wk")]
    assert _fields(_of("GA < 32 weeks", "inclusion"), "op", "value") == [("<", 32)]


def test_sex_partners_causes_and_if_they_were() -> None:
    def sex(text: str) -> list[Any]:
        return [c["value"] for c in _of(text, "inclusion", "sex")]

    assert sex("Anal sex with another man in the past 6 months") == []
    assert sex("Sex with another partner assigned male at birth who identifies as a man") == []
    assert sex("Infertility due to tubal factor or male factor") == []
    assert sex("Eligible if they were male smokers aged 40-70") == ["male"]
    assert sex("If male, agrees to use condoms") == []


def test_maximum_age_and_windows_of_the_stay() -> None:
    ages = _of("Aged over 18 up to a maximum age of 90 years", "inclusion", "age")
    assert _fields(ages, "op", "value", "unit") == [(">", 18, "a"), ("<=", 90, "a")]
    found = _of("Anticipated ICU stay of less than 3 days", "exclusion", "temporal")
    assert _fields(found, "relation", "value", "unit", "anchor") == [
        ("within", 3, "d", "admission")
    ]
    found = _of("Enrolled at latest on the 3rd day after admission", "inclusion", "temporal")
    assert _fields(found, "relation", "value", "unit", "anchor") == [
        ("within", 3, "d", "admission")
    ]
    found = _of("6 months prior to research, any other trial", "exclusion", "temporal")
    assert _fields(found, "relation", "value", "anchor") == [("within", 6, "study start")]


def test_ranges_on_unnamed_quantities() -> None:
    found = _of("Central corneal thickness between 480 and 620 microns", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2", "unit") == [
        ("central corneal thickness", "between", 480, 620, "um")
    ]
    assert _of("aged 18-65 years", "inclusion") == []  # a time unit: an age, not a threshold


def test_unitless_comparisons_on_unnamed_quantities() -> None:
    found = _of("Mitral E/A ratio >2.0 at rest", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("mitral E/A ratio", ">", 2.0, None)
    ]
    # not: a grade, a word unit the extractor does not spell, a preposition's complement, a unit
    # that a second value carries
    assert _of("toxicity grade >= 2", "exclusion") == []
    assert _of("lesion diameter > 3 inches", "exclusion") == []
    assert _of("Calgary depression scale for schizophrenia (CDSS) ≥ 3", "inclusion") == []
    assert _fields(_of("cycle length < 21 or > 35 days", "inclusion"), "unit") == []


def test_a_verb_or_of_between_the_quantity_and_its_comparison() -> None:
    found = _of("the anterior chamber depth is < 2.5 mm", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("anterior chamber depth", "<", 2.5, "mm")
    ]
    found = _of("serum ferritin of < 30 ng/mL", "inclusion")
    assert _fields(found, "quantity", "value", "unit") == [("ferritin", 30, "ng/mL")]
    # a word that names no measured quantity ("a dose of", "in which case it must be")
    assert _of("a cumulative dose of > 300 mg/m2", "exclusion") == []
    assert _of("in which case it must be ≤ 5 mm", "inclusion") == []


def test_people_are_no_unitless_quantity() -> None:
    assert _of("Adults ≥ 18", "inclusion") == []
    assert _of("infants < 32", "inclusion") == []


def test_a_range_of_levels_in_a_scale_named_after_it() -> None:
    found = _of("stages 2-3 of the Reisberg Functional Assessment Staging System", "inclusion")
    assert _fields(found, "quantity", "op", "value", "value2") == [
        ("Reisberg Functional Assessment Staging System", "between", 2, 3)
    ]
    assert _of("levels 2-4 of care", "inclusion") == []  # no scale named


def test_a_period_before_surgery_is_before_study_start() -> None:
    found = _of("used steroids within 15 days before operation", "exclusion", "temporal")
    assert _fields(found, "relation", "value", "anchor") == [("within", 15, "study start")]


def test_a_value_and_its_unit_or_more_after_an_unnamed_quantity() -> None:
    found = _of("Intraocular pressure of 22 mmHg or higher", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("intraocular pressure", ">=", 22, "mm[Hg]")
    ]
    found = _of("Serum 25-hydroxyvitamin D level < 20 ng/mL", "inclusion")
    assert _fields(found, "quantity", "value") == [("25-hydroxyvitamin D", 20)]


def test_units_of_cell_densities_sperm_counts_and_distances() -> None:
    found = _of("Endothelial cell density < 2000 cells/mm2", "exclusion")
    assert _fields(found, "value", "unit") == [(2000, "/mm2")]
    assert _fields(_of("sperm count < 15 million/mL", "inclusion"), "unit") == [("10*6/mL",)]
    assert _fields(_of("6-minute walk distance < 150 m", "inclusion"), "unit") == [("m",)]


def test_a_negative_value_after_the_comparison() -> None:
    found = _of("spherical equivalent < -6.0 dioptres", "exclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [
        ("spherical equivalent", "<", -6.0, "[diop]")
    ]
    assert _fields(_of("base excess < -5 at admission", "inclusion"), "value") == [(-5,)]


def test_a_colon_between_an_unnamed_quantity_and_its_comparison() -> None:
    found = _of("Lesion size: ≥ 2 cm", "inclusion")
    assert _fields(found, "quantity", "op", "value", "unit") == [("lesion size", ">=", 2, "cm")]
    # a parenthesis is no such link: it restates or defines ("bradycardia (<50bpm)")
    assert _of("symptomatic bradycardia (<50bpm)", "exclusion") == []


def test_comparison_words_without_unit_only_after_a_dimensionless_name() -> None:
    found = _of("Charlson comorbidity index of more than 3", "exclusion")
    assert _fields(found, "op", "value", "unit") == [(">", 3, None)]
    assert _of("number of lesions more than 3", "exclusion") == []
    assert _of("free light chain ratio =100", "inclusion") == []  # a lost sign


def test_a_value_given_for_one_sex_restricts_nobody_but_an_age_for_one_sex_does() -> None:
    # session 8 (the lead), kg/criteria/sex.py: "for"/"in" a sex right after a value
    for text in ("Waist circumference ≥ 94 cm for men", "Haemoglobin < 12 g/dL in women"):
        assert _of(text, "inclusion", "sex") == [], text
    assert _fields(_of("Aged 18 to 65 years for women", "inclusion", "sex"), "value") == [
        ("female",)
    ]
    assert _fields(
        _of("Serum testosterone < 300 ng/dL (men only)", "inclusion", "sex"), "value"
    ) == [("male",)]
