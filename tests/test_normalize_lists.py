"""Countries, criteria, outcomes and identifiers, value by value (formats.md §6)."""

from __future__ import annotations

import pytest

from kg.normalize.countries import countries, country
from kg.normalize.criteria import split_criteria
from kg.normalize.identifiers import identifier, register_of
from kg.normalize.outcomes import parse_outcomes


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("China", "CN"),
        ("china", "CN"),
        ("China?", "CN"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Iran, Islamic Republic of", "IR"),
        ("Korea, Republic of", "KR"),
        ("Korea, Republic Of", "KR"),
        ("Republic of Korea", "KR"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Russian Federation", "RU"),
        ("Taiwan", "TW"),
        ("Taiwan, Province Of China", "TW"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Hong Kong", "HK"),
        ("Macedonia", "MK"),
        ("Cote D'Ivoire", "CI"),
        ("The Netherlands", "NL"),
        ("French Guiana", "GF"),
        ("Asia(except Japan)", None),
        ("Asia except Japan", None),
        ("Europe", None),
        ("North America", None),
    ],
)
def test_country(raw: str, code: str | None) -> None:
    assert country(raw).code == code
    assert country(raw).raw == raw


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("France;France", ["FR"]),
        ("Iran (Islamic Republic of);Iran (Islamic Republic of)", ["IR"]),
        ("Japan,Asia(except Japan),Australia,Europe", ["JP", None, "AU", None]),
        ("Korea, Republic of", ["KR"]),
        ("United States;Korea, Republic of;Taiwan;", ["US", "KR", "TW"]),
        ("Japan,Korea, Republic of,China", ["JP", "KR", "CN"]),
        ("<br>Germany<br>Austria<br>", ["DE", "AT"]),
        ("Turkey;Türkiye", ["TR"]),
        ("", []),
        (None, []),
    ],
)
def test_countries(raw: str | None, codes: list[str | None]) -> None:
    assert [c.code for c in countries(raw)] == codes


SEED_BLOCK = """
Inclusion Criteria:

1. Dermatomyositis confirmed in accordance with Bohan-Peter criteria for inflammatory
myopathy, or clinically free myopathic dermatomyositis.

2. Patients with refractory dermatomyositis, specifically defined as those
who have received glucocorticoid.

Exclusion Criteria:

1. Other rheumatoid immune diseases: including rheumatoid arthritis.

2. Pregnant and lactating women.



"""


def test_criteria_seed_block() -> None:
    crits = split_criteria(SEED_BLOCK, None)
    assert [(c.kind, c.position) for c in crits] == [
        ("inclusion", 1),
        ("inclusion", 2),
        ("exclusion", 1),
        ("exclusion", 2),
    ]
    assert crits[0].text == (
        "Dermatomyositis confirmed in accordance with Bohan-Peter criteria for inflammatory "
        "myopathy, or clinically free myopathic dermatomyositis."
    )
    assert crits[3].text == "Pregnant and lactating women."


@pytest.mark.parametrize(
    ("inclusion", "exclusion", "expected"),
    [
        (
            "* Age >= 18\n* Written consent",
            None,
            [("inclusion", "Age >= 18"), ("inclusion", "Written consent")],
        ),
        (
            "- one\n- two",
            "• three",
            [("inclusion", "one"), ("inclusion", "two"), ("exclusion", "three")],
        ),
        ("1) first\n2) second", None, [("inclusion", "first"), ("inclusion", "second")]),
        ("(1) first;<br>(2) second;<br>", None, [("inclusion", "first"), ("inclusion", "second")]),
        ("a. alpha\nb. beta", None, [("inclusion", "alpha"), ("inclusion", "beta")]),
        (
            "Aged 18-75;<br>Confirmed COVID-19;<br>",
            None,
            [("inclusion", "Aged 18-75"), ("inclusion", "Confirmed COVID-19")],
        ),
        ("Adults with asthma", None, [("inclusion", "Adults with asthma")]),
        (None, "Pregnancy", [("exclusion", "Pregnancy")]),
        (
            "Inclusion Criteria:\n\n  * adults\n\nExclusion Criteria:\n\n  * children",
            "",
            [("inclusion", "adults"), ("exclusion", "children")],
        ),
        (
            "Inclusion criteria: adults over 18",
            "Exclusion criteria: pregnancy",
            [("inclusion", "adults over 18"), ("exclusion", "pregnancy")],
        ),
        (
            "* first line\n  continues here\n* second",
            None,
            [("inclusion", "first line continues here"), ("inclusion", "second")],
        ),
        ("", None, []),
        (None, None, []),
    ],
)
def test_criteria(
    inclusion: str | None, exclusion: str | None, expected: list[tuple[str, str]]
) -> None:
    crits = split_criteria(inclusion, exclusion)
    assert [(c.kind, c.text) for c in crits] == expected
    for kind in ("inclusion", "exclusion"):
        positions = [c.position for c in crits if c.kind == kind]
        assert positions == list(range(1, len(positions) + 1))


def test_criteria_keep_every_word() -> None:
    text = SEED_BLOCK.replace("Inclusion Criteria:", "").replace("Exclusion Criteria:", "")
    words = [w for w in text.split() if not w.rstrip(".").isdigit()]
    joined = " ".join(c.text for c in split_criteria(SEED_BLOCK, None)).split()
    assert joined == words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "IMACS score improved [Time Frame: 12 weeks after treat with Abatacept]",
            [("IMACS score improved", "12 weeks after treat with Abatacept")],
        ),
        (
            "Apolipoprotein A1;serum amyloid A;",
            [("Apolipoprotein A1", None), ("serum amyloid A", None)],
        ),
        ("MRI neurography;MUNIX\n    ", [("MRI neurography", None), ("MUNIX", None)]),
        ("A [Time Frame: day 1; day 7];B", [("A", "day 1; day 7"), ("B", None)]),
        ("Severe group: TTCI [time window: 28 days];", [("Severe group: TTCI", "28 days")]),
        ("X;X", [("X", None)]),
        ("1) first<br>2) second", [("first", None), ("second", None)]),
        ("", []),
    ],
)
def test_outcomes(raw: str, expected: list[tuple[str, str | None]]) -> None:
    outcomes = parse_outcomes(raw, "primary")
    assert [(o.measure, o.time_frame) for o in outcomes] == expected
    assert [o.position for o in outcomes] == list(range(1, len(expected) + 1))
    assert all(o.kind == "primary" and o.raw for o in outcomes)


def test_outcomes_euctr_labelled() -> None:
    raw = (
        "Main Objective: To evaluate safety;Secondary Objective: PK;Primary end point(s): "
        "Incidence of SAEs;Timepoint(s) of evaluation of this end point: Week 12"
    )
    [outcome] = parse_outcomes(raw, "primary")
    assert outcome.measure == "Incidence of SAEs"
    assert outcome.time_frame == "Week 12"
    assert outcome.description is not None and "To evaluate safety" in outcome.description


@pytest.mark.parametrize(
    ("value", "scheme", "register"),
    [
        ("NCT04946669", "clinicaltrials", "ClinicalTrials.gov"),
        ("EUCTR2021-000037-14-ES", "euctr", "EU Clinical Trials Register"),
        ("2022-003405-30", "euctr", "EU Clinical Trials Register"),
        ("CTIS2023-507385-11-00", "ctis", "Clinical Trials Information System"),
        ("2023-507385-11-00", "ctis", "Clinical Trials Information System"),
        ("ISRCTN13694948", "isrctn", "ISRCTN"),
        ("ChiCTR2000029949", "chictr", "ChiCTR"),
        ("ChiCTR-IOR-17013511", "chictr", "ChiCTR"),
        ("CTRI/2021/05/033585", "ctri", "CTRI"),
        ("IRCT20100228003449N28", "irct", "IRCT"),
        ("JPRN-jRCTs031200041", "jrct", "JPRN"),
        ("jRCT2031210067", "jrct", "JPRN"),
        ("JPRN-UMIN000012345", "umin", "JPRN"),
        ("DRKS00012345", "drks", "German Clinical Trials Register"),
        ("ACTRN12620000445976", "anzctr", "ANZCTR"),
        ("KCT0005432", "kcris", "CRIS"),
        ("TCTR20200401004", "tctr", "TCTR"),
        ("PACTR202004801273802", "pactr", "PACTR"),
        ("SLCTR/2020/012", "slctr", "SLCTR"),
        ("RBR-7dd9kk", "rebec", "ReBec"),
        ("NL-OMON55279", "nl-omon", "NL-OMON"),
        ("NL8483", "ntr", "Netherlands Trial Register"),
        ("NTR1234", "ntr", "Netherlands Trial Register"),
        ("LBCTR2020043495", "lbctr", "LBCTR"),
        ("RPCEC00000301", "rpcec", "RPCEC"),
        ("U1111-1296-5487", "utn", "WHO Universal Trial Number"),
        ("ABA-DM", None, None),
    ],
)
def test_identifiers(value: str, scheme: str | None, register: str | None) -> None:
    assert identifier(value).scheme == scheme
    assert identifier(value).value == value
    assert register_of(value) == register
