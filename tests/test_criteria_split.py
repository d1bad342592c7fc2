"""Splitting eligibility texts in every style seen in the shared corpus (issue 12)."""

from __future__ import annotations

import pytest

from kg.normalize.criteria import split_criteria


@pytest.mark.parametrize(
    ("inclusion", "expected"),
    [
        # circled numbers
        ("①Aged 18-70;②Signed consent", ["Aged 18-70", "Signed consent"]),
        # "A. word" is text when no "B." follows
        ("1. A. baumannii infection\n2. Adults", ["A. baumannii infection", "Adults"]),
        ("- A. fumigatus colonisation", ["A. fumigatus colonisation"]),
        # sub-items stay in their parent's text, marker included
        (
            "1. Satisfy the following:\na. non-pregnant\nb. non-lactating\n2. Aged 18 to 82",
            ["Satisfy the following: a. non-pregnant b. non-lactating", "Aged 18 to 82"],
        ),
        (
            "  -  Lung cancer\n\n       -  Squamous\n\n       -  Adenocarcinoma\n\n  -  Stage IIIB",
            ["Lung cancer - Squamous - Adenocarcinoma", "Stage IIIB"],
        ),
        # numbered items run together on one line; trailing ";", "; and" dropped, "." kept
        ("1. Aged >=18 years; 2. Consent; and", ["Aged >=18 years", "Consent"]),
        ("1. First.,2. Second.", ["First.", "Second."]),
        ("1.Aged =18 years\n2.Newly diagnosed", ["Aged =18 years", "Newly diagnosed"]),
        (
            "-Pregnant woman\n-Child less than 12 years-old",
            ["Pregnant woman", "Child less than 12 years-old"],
        ),
        # run-on text with ";" separators
        (
            "Aged 18-65; confirmed COVID-19; consent",
            ["Aged 18-65", "confirmed COVID-19", "consent"],
        ),
        # <p> separated
        ("<p>Adults</p><p>Written consent.</p>", ["Adults", "Written consent."]),
        # headings and boilerplate are not criteria
        (
            "For both groups:\n1. Adults\n2. Consent\nAre the trial subjects under 18? no\n"
            "Number of subjects for this age range:\nF.1.2 Adults (18-64 years) yes",
            ["Adults", "Consent"],
        ),
        (
            "-  INCLUSION CRITERIA:\n\nWomen who meet the following criteria:\n\n  -  age 18 to 50",
            ["age 18 to 50"],
        ),
        ("Not applicable.", []),
    ],
)
def test_split_styles(inclusion: str, expected: list[str]) -> None:
    assert [c.text for c in split_criteria(inclusion, None)] == expected


def test_exclusion_heading_inside_inclusion_field_switches_kind() -> None:
    crits = split_criteria("Inclusion criteria: 1. Adults\nExclusion criteria: 1. Pregnancy", None)
    assert [(c.kind, c.position, c.text) for c in crits] == [
        ("inclusion", 1, "Adults"),
        ("exclusion", 1, "Pregnancy"),
    ]


def test_round9_kind_heading_after_a_lead_in() -> None:
    """NCT02028676 (heldout9): a group heading before the first kind heading is dropped; a kind
    heading after a wrapped lead-in names the kind of the items under it."""
    text = (
        "For initial randomisation to CDM vs LCM, and to ART induction strategy:\n\n"
        "Inclusion Criteria:\n\n  1. Age 3 months to 17 years\n\n"
        "Exclusion Criteria:\n\n  1. Likelihood of poor adherence\n\n"
        "Eligibility criteria for the secondary randomisation to once vs twice daily\n"
        "lamivudine+abacavir Inclusion criteria\n\n  1. Participating in ARROW\n\n"
        "     Exclusion criteria\n\n  2. Likely to switch to second-line therapy\n"
    )
    assert [(c.kind, c.position, c.text) for c in split_criteria(text, None)] == [
        ("inclusion", 1, "Age 3 months to 17 years"),
        ("exclusion", 1, "Likelihood of poor adherence"),
        ("inclusion", 2, "Participating in ARROW"),
        ("exclusion", 2, "Likely to switch to second-line therapy"),
    ]


def test_round9_plain_criteria_mentioning_kinds_stay() -> None:
    assert [c.text for c in split_criteria("1. Meets all inclusion criteria\n2. Adults", None)] == [
        "Meets all inclusion criteria",
        "Adults",
    ]


def test_round9_note_after_a_blank_continues_its_item() -> None:
    """NCT02028676 (heldout9): "N.B." after a blank line is a note on the item before it."""
    text = (
        "  5. Laboratory abnormalities (haemoglobin <8.5g/dL)\n\n"
        "     N.B. causes of anaemia should be investigated\n\n  6. Being pregnant\n"
    )
    assert [c.text for c in split_criteria(None, text)] == [
        "Laboratory abnormalities (haemoglobin <8.5g/dL) N.B. causes of anaemia should be "
        "investigated",
        "Being pregnant",
    ]


def test_round10_kind_heading_with_a_qualifier() -> None:
    """NCT04601051 (heldout10): "Polyneuropathy Exclusion Criteria:" and "Cardiomyopathy
    Exclusion Criteria (UK only):" head exclusions; "No exclusion criteria" is a statement."""
    text = (
        "Polyneuropathy Inclusion Criteria:\n\n"
        "  -  Diagnosis of polyneuropathy (PN) due to transthyretin (TTR) amyloidosis (ATTR)\n\n"
        "Polyneuropathy Exclusion Criteria:\n\n"
        "  -  Known leptomeningeal transthyretin amyloidosis\n\n"
        "Cardiomyopathy Inclusion Criteria (UK only):\n\n"
        "  -  New York Heart Association (NYHA) Class I-III heart failure\n\n"
        "Cardiomyopathy Exclusion Criteria (UK only):\n\n"
        "  -  Other protocol defined Inclusion/Exclusion criteria may apply\n"
    )
    assert [(c.kind, c.position) for c in split_criteria(text, None)] == [
        ("inclusion", 1),
        ("exclusion", 1),
        ("inclusion", 2),
        ("exclusion", 2),
    ]
    assert [(c.kind, c.text) for c in split_criteria(None, "No exclusion criteria")] == [
        ("exclusion", "No exclusion criteria")
    ]
