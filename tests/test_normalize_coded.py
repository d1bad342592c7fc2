"""Controlled vocabularies, value by value (formats.md §6)."""

from __future__ import annotations

import pytest

from kg.model import Coded
from kg.normalize import Unrecognised, coded


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("Phase 2/Phase 3", ["phase-2", "phase-3"]),
        ("2-3", ["phase-2", "phase-3"]),
        ("1-2", ["phase-1", "phase-2"]),
        ("Phase III", ["phase-3"]),
        ("Phase II/III", ["phase-2", "phase-3"]),
        ("Phase1/Phase2", ["phase-1", "phase-2"]),
        ("Phase 1/Phase 2", ["phase-1", "phase-2"]),
        ("0", ["phase-0"]),
        ("4", ["phase-4"]),
        ("Early Phase 1", ["early-phase-1"]),
        ("N/A", ["not-applicable"]),
        ("Not Applicable", ["not-applicable"]),
        ("Not applicable", ["not-applicable"]),
        ("Not selected", ["not-applicable"]),
        ("PHASE2", ["phase-2"]),
        ("EARLY_PHASE1", ["early-phase-1"]),
        ("NA", ["not-applicable"]),
        ("Retrospective study", [None]),
        ("New Treatment Measure Clinical Study", [None]),
        (
            "Human pharmacology (Phase I): no\nTherapeutic exploratory (Phase II): no\n"
            "Therapeutic confirmatory - (Phase III): yes\nTherapeutic use (Phase IV): no",
            ["phase-3"],
        ),
        (
            "Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): yes "
            "Therapeutic confirmatory - (Phase III): yes Therapeutic use - (Phase IV): no",
            ["phase-2", "phase-3"],
        ),
        (
            "Human pharmacology (Phase I): no\n                Therapeutic exploratory (Phase II): "
            "no\n                Therapeutic confirmatory - (Phase III): no\n"
            "                Therapeutic use (Phase IV): yes",
            ["phase-4"],
        ),
        ("Human pharmacology (Phase I): no<br>Therapeutic use (Phase IV): no", [None]),
        ("", []),
        (None, []),
    ],
)
def test_phases(raw: str | None, codes: list[str | None]) -> None:
    result = coded.phases(raw)
    assert [c.code for c in result] == codes
    assert all(c.raw for c in result)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Recruiting", "recruiting"),
        ("Not recruiting", "not-recruiting"),
        ("Not Recruiting", "not-recruiting"),
        ("Authorised", "authorised"),
        ("Not Available", "unknown"),
        ("NOT_YET_RECRUITING", "not-yet-recruiting"),
        ("Active, not recruiting", "active-not-recruiting"),
        ("ENROLLING_BY_INVITATION", "enrolling-by-invitation"),
        ("Completed", "completed"),
        ("UNKNOWN", "unknown"),
        ("Unknown status", "unknown"),
        ("Withdrawn", "withdrawn"),
        ("TEMPORARILY_NOT_AVAILABLE", "temporarily-not-available"),
        ("APPROVED_FOR_MARKETING", "approved-for-marketing"),
        ("Pending", "pending"),
        ("Busy", None),
    ],
)
def test_recruitment_status(raw: str, code: str | None) -> None:
    assert coded.recruitment_status(raw) == Coded(raw, code)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Interventional", "interventional"),
        ("Interventional study", "interventional"),
        ("Interventional Study", "interventional"),
        ("interventional", "interventional"),
        ("INTERVENTIONAL", "interventional"),
        ("Interventional clinical trial of medicinal product", "interventional"),
        ("observational", "observational"),
        ("Observational [Patient Registry]", "observational"),
        ("Observational invasive", "observational"),
        ("Observational study", "observational"),
        ("Expanded Access", "expanded-access"),
        ("EXPANDED_ACCESS", "expanded-access"),
        ("Diagnostic test", "other"),
        ("Epidemilogical research", "other"),
        ("Spaceflight", None),
    ],
)
def test_study_type(raw: str, code: str | None) -> None:
    assert coded.study_type(raw) == Coded(raw, code)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("All", "all"),
        ("Both", "all"),
        ("Male and Female", "all"),
        ("Both, male and female", "all"),
        ("Both males and females", "all"),
        ("Females", "female"),
        ("Female", "female"),
        ("FEMALE", "female"),
        ("Male", "male"),
        ("Female: yes Male: yes", "all"),
        ("<br>Female: yes<br>Male: yes<br>", "all"),
        ("<br> Female: yes<br> Male: yes<br>", "all"),
        ("<br>Female: no<br>Male: yes<br>", "male"),
        ("Male: yes Female: no", "male"),
        ("Female: no Male: no", None),
        ("Whoever", None),
    ],
)
def test_gender(raw: str, code: str | None) -> None:
    result = coded.gender(raw)
    assert result is not None and result.code == code and result.raw


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Drug", "drug"),
        ("Device", "device"),
        ("Biological", "biological"),
        ("Procedure", "procedure"),
        ("Radiation", "radiation"),
        ("Behavioral", "behavioral"),
        ("Genetic", "genetic"),
        ("Dietary Supplement", "dietary-supplement"),
        ("DIETARY_SUPPLEMENT", "dietary-supplement"),
        ("Combination Product", "combination-product"),
        ("COMBINATION_PRODUCT", "combination-product"),
        ("Diagnostic Test", "diagnostic-test"),
        ("Other", "other"),
        ("Magic", None),
    ],
)
def test_intervention_type(raw: str, code: str | None) -> None:
    assert coded.intervention_type(raw) == Coded(raw, code)


@pytest.mark.parametrize(
    ("function", "raw", "code"),
    [
        (coded.allocation, "Randomized", "randomized"),
        (coded.allocation, "Non-Randomized", "non-randomized"),
        (coded.allocation, "NON_RANDOMIZED", "non-randomized"),
        (coded.allocation, "N/A", "not-applicable"),
        (coded.intervention_model, "Single Group Assignment", "single-group"),
        (coded.intervention_model, "PARALLEL", "parallel"),
        (coded.intervention_model, "Crossover Assignment", "crossover"),
        (coded.intervention_model, "Factorial", "factorial"),
        (coded.intervention_model, "SEQUENTIAL", "sequential"),
        (coded.primary_purpose, "Treatment", "treatment"),
        (coded.primary_purpose, "HEALTH_SERVICES_RESEARCH", "health-services-research"),
        (coded.primary_purpose, "Basic Science", "basic-science"),
        (coded.primary_purpose, "DEVICE_FEASIBILITY", "device-feasibility"),
        (coded.primary_purpose, "Educational/Counseling/Training", "educational"),
        (coded.masking, "None (Open Label)", "none"),
        (coded.masking, "NONE", "none"),
        (coded.masking, "Double", "double"),
        (coded.masking, "Single (Participant)", "single"),
        (
            coded.masking,
            "Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)",
            "quadruple",
        ),
        (coded.observational_model, "Cohort", "cohort"),
        (coded.observational_model, "CASE_CONTROL", "case-control"),
        (coded.observational_model, "Case-Only", "case-only"),
        (coded.observational_model, "Family-Based", "family-based"),
        (coded.time_perspective, "Prospective", "prospective"),
        (coded.time_perspective, "CROSS_SECTIONAL", "cross-sectional"),
        (coded.date_status, "Actual", "actual"),
        (coded.date_status, "ACTUAL", "actual"),
        (coded.date_status, "Anticipated", "anticipated"),
        (coded.date_status, "ESTIMATED", "anticipated"),
        (coded.date_status, "Guessed", None),
    ],
)
def test_design_vocabularies(function: object, raw: str, code: str | None) -> None:
    assert callable(function)
    assert function(raw) == Coded(raw, code)


@pytest.mark.parametrize(
    "function",
    [
        coded.recruitment_status,
        coded.study_type,
        coded.gender,
        coded.intervention_type,
        coded.allocation,
        coded.masking,
        coded.date_status,
    ],
)
@pytest.mark.parametrize("raw", [None, "", "  "])
def test_empty_is_none(function: object, raw: str | None) -> None:
    assert callable(function)
    assert function(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)",
            ("participant", "care-provider", "investigator", "outcomes-assessor"),
        ),
        ("Single (Outcomes Assessor)", ("outcomes-assessor",)),
        ("PARTICIPANT, INVESTIGATOR", ("participant", "investigator")),
        ("None (Open Label)", ()),
        (None, ()),
    ],
)
def test_who_masked(raw: str | None, expected: tuple[str, ...]) -> None:
    assert coded.who_masked(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Yes", True),
        ("YES", True),
        ("true", True),
        ("1", True),
        ("No", False),
        ("false", False),
        ("0", False),
        ("", None),
        (None, None),
    ],
)
def test_yes_no(raw: str | None, expected: bool | None) -> None:
    assert coded.yes_no(raw) is expected


def test_yes_no_unrecognised() -> None:
    with pytest.raises(Unrecognised):
        coded.yes_no("maybe")


def test_every_spelling_points_at_a_scheme_code() -> None:
    for scheme, table in coded.TABLES.items():
        assert set(table.values()) <= set(coded.SCHEMES[scheme]), scheme
        # every code is reachable from its own spelling and from its label
        for code, label in coded.SCHEMES[scheme].items():
            assert coded.lookup(scheme, code) == Coded(code, code)
            assert coded.lookup(scheme, label) == Coded(label, code)


def test_scheme_codes_are_kebab_case() -> None:
    for scheme, concepts in coded.SCHEMES.items():
        for code in concepts:
            assert code == code.lower() and " " not in code and "_" not in code, (scheme, code)
