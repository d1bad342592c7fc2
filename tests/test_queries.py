"""Every bundled query, with its expected rows on fixtures.

Report queries run on the examples plus tests/fixtures/queries/trials.xml (fictional trials
with varied ages, sexes, countries, statuses, phases, sizes and registration dates);
violation queries find nothing there and exactly the planted problems in
tests/fixtures/queries/broken.trig. The seed record is checked when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

import kg
from kg import queries
from kg.stores import Row
from kg.stores.embedded import EmbeddedStore

from .conftest import EXAMPLES, FIXTURES

V = "https://w3id.org/trialkg/vocab/"
T = "https://w3id.org/trialkg/"
QUERY_FIXTURES = FIXTURES / "queries"
BROKEN = "https://example.org/broken/"
RECRUITING = V + "recruitment-status/recruiting"
ALL, FEMALE = V + "gender/all", V + "gender/female"
T1 = ("NCT09980001", "Examplomab for Testitis in Women (fictional)")
T2 = ("NCT09980002", "Samplovax in Children with Examplosis (fictional)")
T3 = ("NCT09980003", "Examplomab in Men with Testitis (fictional)")
T4 = ("ChiCTR2100099998", "Examplovir for COVID-19 (fictional)")
T5 = ("NCT09980005", "A withdrawn fictional study with few details")
ASTHMA = (
    "NCT90000001",
    "Inhaled Budesonide Versus Placebo for Mild Asthma in Adults (fictional example)",
)
YOGA = ("CTRI/2025/02/000002", "Yoga for Type 2 Diabetes in Older Adults (fictional example)")

Rows = list[tuple[str | None, ...]]

# query -> [(parameters, expected rows)] on the examples + tests/fixtures/queries/trials.xml.
EXPECTED: dict[str, list[tuple[dict[str, str], Rows]]] = {
    "trial-overview": [(
        {"trial_id": "CTRI/2025/02/000002"},
        [(
            "https://w3id.org/trialkg/id/trial/CTRI%2F2025%2F02%2F000002", YOGA[1],
            "Effect of a 12-week yoga programme on glycaemic control in older adults with "
            "type 2 diabetes mellitus",
            "CTRI", V + "recruitment-status/not-recruiting", V + "phase/not-applicable",
            V + "study-type/interventional", "80", "2025-02-20", "2025-02-01",
            "Example Institute of Medical Sciences",
        )],
    )],
    "trials-by-condition": [
        ({"condition": "DIABETES"}, [(*YOGA, "Diabetes Mellitus, Type 2")]),
        ({"condition": "testitis"}, [(*T1, "Testitis"), (*T3, "Testitis")]),
    ],
    "trials-by-intervention": [
        ({"intervention": "budesonide"},
         [("NCT90000001", "Budesonide", V + "intervention-type/drug")]),
        ({"intervention": "EXAMPLOMAB"}, [
            ("NCT09980001", "Examplomab", V + "intervention-type/drug"),
            ("NCT09980003", "Examplomab", V + "intervention-type/drug"),
        ]),
    ],
    "trials-by-title": [
        ({"words": "examplomab FICTIONAL"}, [T1, T3]),  # every word, in any order
        ({"words": "Yoga, diabetes!"}, [YOGA]),
        ({"words": "examplo"}, []),  # whole words only
    ],
    "trials-by-sponsor": [(
        {"sponsor": "example research"},
        [("NCT90000001", "Example Research Foundation", T + "fundingSource"),
         ("NCT90000001", "Example Research Foundation", T + "secondarySponsor")],
    )],
    "eligibility-criteria": [
        ({"trial_id": "NCT90000001"},
         [("inclusion", "1", "Adults aged 18 to 65 years with mild persistent asthma"),
          ("inclusion", "2", "Forced expiratory volume in one second of at least 70% of predicted"),
          ("exclusion", "1", "Current smokers"),
          ("exclusion", "2", "Pregnancy or breastfeeding")]),
        ({"trial_id": "NCT09980001"},
         [("inclusion", "1", "Testitis."), ("inclusion", "2", "Signed consent."),
          ("exclusion", "1", "Pregnancy.")]),
    ],
    "trials-excluding": [
        ({"term": "insulin"}, [("CTRI/2025/02/000002", "exclusion", "1", "treatment",
                                "Insulin therapy", None)]),
        ({"term": "PREGNANCY"}, [
            ("NCT09980001", "exclusion", "1", "reproductive", "Pregnancy", None),
            ("NCT90000001", "exclusion", "2", "reproductive", "Pregnancy", None),
        ]),
        ({"term": "asthma"}, []),  # named by an inclusion criterion: not a reason to keep out
    ],
    "criteria-thresholds": [
        ({"quantity": "fev1"}, [("NCT90000001", "inclusion", "2", "FEV1", ">=", "70", None, "%",
                                 "Forced expiratory volume in one second of at least 70%"
                                 " of predicted")]),
        ({"quantity": "eGFR"}, []),
    ],
    "counts-by-phase-status": [({}, [
        (V + "phase/phase-2", RECRUITING, "2"),
        (None, RECRUITING, "1"),
        (None, V + "recruitment-status/withdrawn", "1"),
        (V + "phase/not-applicable", V + "recruitment-status/not-recruiting", "1"),
        (V + "phase/phase-2", V + "recruitment-status/not-yet-recruiting", "1"),
        (V + "phase/phase-3", V + "recruitment-status/completed", "1"),
        (V + "phase/phase-3", RECRUITING, "1"),
    ])],
    "trials-by-country": [
        ({"country": "cn"}, [(*T4, "CN", "China"), (*T1, "CN", "China"), (*T2, "CN", "China")]),
        ({"country": "Germ"}, [(*ASTHMA, "DE", "Germany")]),
        ({"country": "ruritan"}, [(*T3, None, "Ruritania")]),  # no ISO code: the reported name
        ({"country": "in"}, [(*YOGA, "IN", "India")]),  # two letters: the code, not "China"
    ],
    "recruiting-trials": [
        ({"condition": "examplosis", "country": "china"},
         [(*T1, RECRUITING, "Examplosis", "CN"),
          (*T2, V + "recruitment-status/not-yet-recruiting", "Examplosis", "CN")]),
        ({"condition": "testitis", "country": "BR"}, []),  # NCT09980003 has completed
        ({"condition": "asthma", "country": "FR"}, [(*ASTHMA, RECRUITING, "Asthma", "FR")]),
    ],
    "trials-open-to-person": [
        ({"age": "14", "sex": "female"}, [
            (*T4, None, "60", ALL, RECRUITING),  # unreadable minimum ("ND"): no limit
            (*T1, "12", None, FEMALE, RECRUITING),
            (*T2, "0.5", "17", ALL, V + "recruitment-status/not-yet-recruiting"),
            (*T5, None, None, None, V + "recruitment-status/withdrawn"),  # no limits given
        ]),
        # a threshold the person does not meet (inclusion: FEV1 >= 70 %) keeps the trial out
        ({"age": "30", "sex": "female", "quantity": "FEV1", "value": "60"}, [
            (*T4, None, "60", ALL, RECRUITING),
            (*T1, "12", None, FEMALE, RECRUITING),
            (*T5, None, None, None, V + "recruitment-status/withdrawn"),
        ]),
        ({"age": "30", "sex": "female", "quantity": "fev1", "value": "70"}, [
            (*T4, None, "60", ALL, RECRUITING),
            (*T1, "12", None, FEMALE, RECRUITING),
            (*T5, None, None, None, V + "recruitment-status/withdrawn"),
            (*ASTHMA, "18", "65", ALL, RECRUITING),
        ]),
        ({"age": "65", "sex": "MALE"}, [  # limits are inclusive
            (*YOGA, "60", "85", ALL, V + "recruitment-status/not-recruiting"),
            (*T3, "40", "75", V + "gender/male", V + "recruitment-status/completed"),
            (*T5, None, None, None, V + "recruitment-status/withdrawn"),
            (*ASTHMA, "18", "65", ALL, RECRUITING),
        ]),
    ],
    "sponsors-by-trial-count": [({}, [
        ("Example University Hospital", "4"),  # "example university hospital" is the same one
        ("Fictional Pharma Ltd", "2"),
        ("Example Institute of Medical Sciences", "1"),
    ])],
    "conditions-studied-together": [({}, [
        ("Asthma", "Examplosis", "1"), ("Examplosis", "Testitis", "1"),
    ])],
    "interventions-per-condition": [
        ({"condition": "testitis"}, [("Examplomab", "2"), ("Placebo", "1")]),
        ({"condition": "asthma"}, [("Budesonide", "1"), ("Placebo", "1"), ("Samplovax", "1")]),
    ],
    "sample-size-by-phase": [({}, [
        (V + "phase/not-applicable", "1", "80", "80", "80", "80"),
        (V + "phase/phase-2", "3", "40", "120", "87", "260"),  # 260 / 3 = 86.67
        (V + "phase/phase-3", "2", "120", "300", "210", "420"),
    ])],
    "registration-timeliness": [({}, [
        ("CTRI", "retrospective", "registry flag", "1"),
        ("ChiCTR", "retrospective", "registry flag", "1"),
        ("ClinicalTrials.gov", "prospective", "dates", "1"),  # 2022-01-10 before 2022-03
        ("ClinicalTrials.gov", "prospective", "registry flag", "2"),
        ("ClinicalTrials.gov", "retrospective", "dates", "1"),  # 2023-06-15 after 2023-01-10
        ("ClinicalTrials.gov", "unknown", "none", "1"),  # 2024-03-05 within March 2024
    ])],
    "trials-without-primary-outcome": [({}, [
        (*T2, "ClinicalTrials.gov", V + "recruitment-status/not-yet-recruiting"),
        (*T5, "ClinicalTrials.gov", V + "recruitment-status/withdrawn"),
    ])],
    # data-quality checks: nothing on good data (the broken fixture is tested below)
    "trial-identity-violation": [({}, [])],
    "provenance-violation": [({}, [])],
    "mention-violation": [({}, [])],
    "criterion-violation": [({}, [])],
    "outcome-violation": [({}, [])],
    "age-limit-violation": [({}, [])],
    "coded-value-violation": [({}, [])],
    # no clusters and no history in this store (they are built by load): tested with rows in
    # tests/test_linked_clusters.py and tests/test_linked_history.py
    "study-registrations": [({"trial_id": "NCT09980001"}, [])],
    "trials-changed-after-enrolment": [({}, [])],
}  # fmt: skip

# violation query -> the rows it finds in tests/fixtures/queries/broken.trig (IRIs shortened:
# "b:" for the fixture's namespace, "tkg:" for trialkg's terms).
BROKEN_FINDS: dict[str, set[tuple[str, ...]]] = {
    "trial-identity-violation": {
        ("b:graph-B1", "b:B1", "trial without tkg:trialId"),
        ("b:graph-B2", "b:B2", "graph holds more than one tkg:Trial"),
        ("b:graph-B2", "b:B2", "trial not named by its graph's tkg:aboutTrial"),
        ("b:graph-B2", "b:B2", "trial with more than one tkg:trialId"),
        ("b:graph-B2", "b:B3", "graph holds more than one tkg:Trial"),
        ("b:graph-B2", "b:B3", "trial ID also used in another graph"),
        ("b:graph-B2", "b:B3", "trial not named by its graph's tkg:aboutTrial"),
        ("b:graph-B2", "b:B9", "tkg:aboutTrial names no tkg:Trial of the graph"),
        ("b:graph-B4", "b:B4", "trial ID also used in another graph"),
    },
    "provenance-violation": {
        ("b:graph-B1", "b:B1-record", "source record without dcterms:license"),
        ("b:graph-B1", "b:B1-record", "source record without dcterms:publisher"),
        ("b:graph-B1", "b:B1-record", "source record without dcterms:rights (attribution)"),
        ("b:graph-B1", "b:graph-B1", "trial graph without tkg:contentDigest"),
        ("b:graph-B2", "b:B2", "graph of a trial not typed tkg:TrialGraph"),
        ("b:graph-B2", "b:B2", "trial without tkg:sourceRecord"),
        ("b:graph-B2", "b:B3", "graph of a trial not typed tkg:TrialGraph"),
    },
    "mention-violation": {
        ("b:graph-B1", "b:B1-condition-1", "mention without concept (tkg:mentions)"),
        ("b:graph-B1", "b:B1-condition-9", "mention not attached to a trial"),
        ("b:graph-B1", "b:B1-intervention-1", "intervention mention without tkg:interventionName"),
        ("b:graph-B1", "b:B1-intervention-1", "mention without tkg:reportedText"),
        ("b:graph-B1", "b:B1-intervention-2", "mention without its class"),
        ("b:graph-B1", "b:concept-examplomab", "mentioned concept not linked from the trial"),
        ("b:graph-B1", "b:concept-examplomab", "concept without skos:prefLabel in the graph"),
    },
    "criterion-violation": {
        ("b:graph-B1", "b:B1-criterion-1", "criterion without tkg:criterionText"),
        ("b:graph-B1", "b:B1-criterion-1", "two criteria of one kind at the same position"),
        ("b:graph-B1", "b:B1-criterion-2", "two criteria of one kind at the same position"),
        ("b:graph-B1", "b:B1-criterion-3", "criterion both inclusion and exclusion"),
        ("b:graph-B1", "b:B1-criterion-3", "criterion not typed tkg:EligibilityCriterion"),
        ("b:graph-B1", "b:B1-criterion-3", "criterion with more than one tkg:position"),
        ("b:graph-B1", "b:B1-criterion-4", "criterion neither inclusion nor exclusion"),
        ("b:graph-B1", "b:B1-criterion-4", "criterion without tkg:position"),
    },
    "outcome-violation": {
        ("b:graph-B1", "b:B1-outcome-1", "outcome without tkg:measure"),
        ("b:graph-B1", "b:B1-outcome-1", "two outcomes of one kind at the same position"),
        ("b:graph-B1", "b:B1-outcome-2", "two outcomes of one kind at the same position"),
        ("b:graph-B1", "b:B1-outcome-3", "outcome not typed tkg:Outcome"),
        ("b:graph-B1", "b:B1-outcome-3", "outcome of more than one kind"),
        ("b:graph-B1", "b:B1-outcome-3", "outcome without tkg:position"),
    },
    "age-limit-violation": {
        ("b:graph-B1", "b:B1-age-maximum", "age limit not typed tkg:AgeLimit"),
        ("b:graph-B1", "b:B1-age-maximum", "age limit with both tkg:ageInYears and tkg:noLimit"),
        ("b:graph-B1", "b:B1-age-maximum", "tkg:ageInYears not a non-negative xsd:decimal"),
        ("b:graph-B1", "b:B1-age-minimum",
         "age limit with neither tkg:ageInYears, tkg:noLimit nor tkg:ageText"),
    },
    "coded-value-violation": {
        ("b:graph-B1", "b:B1", "tkg:gender", V + "gender/female",
         "more than one value of a single-valued code"),
        ("b:graph-B1", "b:B1", "tkg:phase", V + "recruitment-status/recruiting",
         "coded value outside its vocabulary"),
        ("b:graph-B1", "b:B1", "tkg:recruitmentStatus", "Recruiting",
         "coded value outside its vocabulary"),
    },
}  # fmt: skip


def _cases() -> list[tuple[str, dict[str, str], Rows]]:
    return [(name, params, rows) for name, cases in EXPECTED.items() for params, rows in cases]


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return kg.embedded_store(
        kg.to_graphs(kg.parse([str(EXAMPLES), str(QUERY_FIXTURES / "trials.xml")]))
    )


@pytest.fixture(scope="module")
def broken() -> EmbeddedStore:
    store = EmbeddedStore()
    store.store.load(path=str(QUERY_FIXTURES / "broken.trig"), format=RdfFormat.TRIG)
    return store


def _values(rows: list[Row]) -> Rows:
    return [tuple(None if t is None else t.value for t in row) for row in rows]


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    _cases(),
    ids=[f"{n}{''.join(f'[{v}]' for v in p.values())}" for n, p, _ in _cases()],
)
def test_query_expected_rows(
    store: EmbeddedStore, name: str, params: dict[str, str], expected: Rows
) -> None:
    q = queries.get(name)
    _variables, rows = store.select(q.bind_values(params))
    assert _values(rows) == expected


def _short(value: str) -> str:
    if value.startswith(BROKEN):
        return "b:" + value[len(BROKEN) :]
    if value.startswith(T) and not value.startswith(V):
        return "tkg:" + value[len(T) :]
    return value


@pytest.mark.parametrize("name", sorted(BROKEN_FINDS))
def test_violation_query_finds_broken_graphs(broken: EmbeddedStore, name: str) -> None:
    _variables, rows = broken.select(queries.get(name).text)
    found = [tuple(_short(v) for v in row if v is not None) for row in _values(rows)]
    assert set(found) == BROKEN_FINDS[name]
    assert len(found) == len(set(found))  # each problem once


def test_the_pack() -> None:
    """At least 15 queries; each documented; violation checks are named *-violation."""
    pack = queries.all_queries()
    assert len(pack) >= 15
    for q in pack:
        assert q.kind in ("report", "violation"), q.name
        assert (q.kind == "violation") == q.name.endswith("-violation"), q.name
        assert len(q.summary) > 30, q.name
        assert all(p.description for p in q.params), q.name
        for p in q.params:  # declared parameters are used (as $name, bound by VALUES)
            assert f"${p.name}" in q.text, (q.name, p.name)
    assert {q.name for q in pack if q.kind == "violation"} == set(BROKEN_FINDS)


def test_seed_answers(seed: Path) -> None:
    store = kg.embedded_store(kg.to_graphs(kg.parse([str(seed)])))
    rows = kg.query(store, "trials-by-intervention", intervention="abatacept")
    assert [r["trialId"].value for r in rows] == ["NCT04946669"]
    criteria = kg.query(store, "eligibility-criteria", trial_id="NCT04946669")
    assert [(r["kind"].value, int(r["position"].value)) for r in criteria][:5] == [
        ("inclusion", 1), ("inclusion", 2), ("inclusion", 3), ("inclusion", 4), ("exclusion", 1)
    ]  # fmt: skip


def test_every_query_is_tested() -> None:
    from .test_queries_concepts import CONCEPT_EXPECTED

    assert {q.name for q in queries.all_queries()} == set(EXPECTED) | set(CONCEPT_EXPECTED)


def test_parameters_are_values_not_query_text(store: EmbeddedStore) -> None:
    q = queries.get("trials-by-condition")
    hostile = '" } } ; DROP ALL ; SELECT * { ?s ?p "'
    _v, rows = store.select(q.bind_values({"condition": hostile}))
    assert rows == []
    assert store.count_triples() > 0
    with pytest.raises(queries.QueryError):
        queries.get("trial-overview").bind_values({"nope": "x"})
