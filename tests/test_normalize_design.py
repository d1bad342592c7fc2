"""Study design texts (ICTRP and register free text)."""

from __future__ import annotations

import pytest

from kg.normalize.coded import design


def _codes(raw: str) -> dict[str, str | None]:
    d = design(raw)
    assert d.raw is not None
    out: dict[str, str | None] = {}
    for name in (
        "allocation",
        "intervention_model",
        "primary_purpose",
        "masking",
        "observational_model",
        "time_perspective",
    ):
        value = getattr(d, name)
        if value is not None:
            out[name] = value.code
    return out


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Allocation: N/A. Intervention model: Single Group Assignment. Primary purpose: "
            "Treatment. Masking: None (Open Label).  ",
            {
                "allocation": "not-applicable",
                "intervention_model": "single-group",
                "primary_purpose": "treatment",
                "masking": "none",
            },
        ),
        (
            "Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: "
            "Prevention. Masking: Quadruple (Participant, Care Provider, Investigator, Outcomes "
            "Assessor).",
            {
                "allocation": "randomized",
                "intervention_model": "parallel",
                "primary_purpose": "prevention",
                "masking": "quadruple",
            },
        ),
        (
            "Intervention model: Single Group Assignment. Primary purpose: Screening. Masking: "
            "None (Open Label).",
            {
                "intervention_model": "single-group",
                "primary_purpose": "screening",
                "masking": "none",
            },
        ),
        ("Parallel", {"intervention_model": "parallel"}),
        ("Sequential", {"intervention_model": "sequential"}),
        ("Single arm", {"intervention_model": "single-group"}),
        ("Non randomized control", {"allocation": "non-randomized"}),
        (
            "Randomized parallel controlled trial",
            {"allocation": "randomized", "intervention_model": "parallel"},
        ),
        ("Cohort study", {"observational_model": "cohort"}),
        ("Case-Control study", {"observational_model": "case-control"}),
        ("Cross-sectional", {"time_perspective": "cross-sectional"}),
        (
            "Observational Model: Cohort, Time Perspective: Prospective",
            {"observational_model": "cohort", "time_perspective": "prospective"},
        ),
        (
            "Randomization: Randomized, Blinding: Not blinded, Placebo: Not used, Assignment: "
            "Parallel, Purpose: Treatment.",
            {
                "allocation": "randomized",
                "masking": "none",
                "intervention_model": "parallel",
                "primary_purpose": "treatment",
            },
        ),
        (
            "Controlled: yes\nRandomised: yes\nOpen: no\nSingle blind: no\nDouble blind: yes\n"
            "Parallel group: yes\nCross over: no",
            {"allocation": "randomized", "masking": "double", "intervention_model": "parallel"},
        ),
        (
            "<br>                       Randomized: No, <br>                       Masking: None, "
            "<br>                        Control: Active, <br>",
            {"allocation": "non-randomized", "masking": "none"},
        ),
        (
            "randomized controlled trial, open(masking not used), no treatment control, parallel "
            "assignment, treatment purpose",
            {
                "allocation": "randomized",
                "masking": "none",
                "intervention_model": "parallel",
                "primary_purpose": "treatment",
            },
        ),
        (
            "Randomised adaptive trial (Treatment)",
            {"allocation": "randomized", "primary_purpose": "treatment"},
        ),
        (
            "Purpose: Natural history;Duration: Longitudinal;Selection: Defined population;"
            "Timing: Prospective;",
            {"observational_model": "natural-history", "time_perspective": "prospective"},
        ),
    ],
)
def test_design(raw: str, expected: dict[str, str | None]) -> None:
    assert _codes(raw) == expected


def test_design_keeps_unknown_parts_in_extra() -> None:
    d = design("Controlled: yes<br>Randomised: yes<br>Number of treatment arms in the trial: 2<br>")
    assert d.extra["Controlled"] == "yes"
    assert d.extra["Number of treatment arms in the trial"] == "2"
    assert d.allocation is not None and d.allocation.code == "randomized"


def test_design_who_masked() -> None:
    d = design("Allocation: Randomized. Masking: Double (Participant, Investigator).")
    assert d.who_masked == ("participant", "investigator")


def test_design_empty() -> None:
    assert design(None).is_empty()
    assert design("   ").is_empty()


def test_design_unknown_value_kept_raw() -> None:
    d = design("Allocation: Whimsical. Masking: Blinded (masking used)")
    assert d.allocation is not None and d.allocation.raw == "Whimsical"
    assert d.allocation.code is None
    assert d.masking is not None and d.masking.code is None
