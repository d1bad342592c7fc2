"""Every bundled query, with its expected rows on the project's fixtures (examples + seed)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg import queries
from kg.stores.embedded import EmbeddedStore

from .conftest import EXAMPLES

V = "https://w3id.org/trialkg/vocab/"
T = "https://w3id.org/trialkg/"

EXPECTED: dict[str, tuple[dict[str, str], list[tuple[str | None, ...]]]] = {
    "trial-overview": (
        {"trial_id": "CTRI/2025/02/000002"},
        [(
            "https://w3id.org/trialkg/id/trial/CTRI%2F2025%2F02%2F000002",
            "Yoga for Type 2 Diabetes in Older Adults (fictional example)",
            "Effect of a 12-week yoga programme on glycaemic control in older adults with "
            "type 2 diabetes mellitus",
            "CTRI", V + "recruitment-status/not-recruiting", V + "phase/not-applicable",
            V + "study-type/interventional", "80", "2025-02-20", "2025-02-01",
            "Example Institute of Medical Sciences",
        )],
    ),
    "trials-by-condition": (
        {"condition": "DIABETES"},
        [("CTRI/2025/02/000002", "Yoga for Type 2 Diabetes in Older Adults (fictional example)",
          "Diabetes Mellitus, Type 2")],
    ),
    "trials-by-intervention": (
        {"intervention": "budesonide"},
        [("NCT90000001", "Budesonide", V + "intervention-type/drug")],
    ),
    "trials-by-sponsor": (
        {"sponsor": "example research"},
        [("NCT90000001", "Example Research Foundation", T + "fundingSource"),
         ("NCT90000001", "Example Research Foundation", T + "secondarySponsor")],
    ),
    "eligibility-criteria": (
        {"trial_id": "NCT90000001"},
        [("inclusion", "1", "Adults aged 18 to 65 years with mild persistent asthma"),
         ("inclusion", "2", "Forced expiratory volume in one second of at least 70% of predicted"),
         ("exclusion", "1", "Current smokers"),
         ("exclusion", "2", "Pregnancy or breastfeeding")],
    ),
    "counts-by-phase-status": (
        {},
        [(V + "phase/not-applicable", V + "recruitment-status/not-recruiting", "1"),
         (V + "phase/phase-2", V + "recruitment-status/recruiting", "1"),
         (V + "phase/phase-3", V + "recruitment-status/recruiting", "1")],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return kg.embedded_store(kg.to_graphs(kg.parse([str(EXAMPLES)])))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_expected_rows(store: EmbeddedStore, name: str) -> None:
    params, expected = EXPECTED[name]
    q = queries.get(name)
    _variables, rows = store.select(q.bind_values(params))
    got = [tuple(None if t is None else t.value for t in row) for row in rows]
    assert got == expected


def test_seed_answers(seed: Path) -> None:
    store = kg.embedded_store(kg.to_graphs(kg.parse([str(seed)])))
    rows = kg.query(store, "trials-by-intervention", intervention="abatacept")
    assert [r["trialId"].value for r in rows] == ["NCT04946669"]
    criteria = kg.query(store, "eligibility-criteria", trial_id="NCT04946669")
    assert [(r["kind"].value, int(r["position"].value)) for r in criteria][:5] == [
        ("inclusion", 1), ("inclusion", 2), ("inclusion", 3), ("inclusion", 4), ("exclusion", 1)
    ]  # fmt: skip


def test_every_query_is_tested() -> None:
    assert {q.name for q in queries.all_queries()} == set(EXPECTED)


def test_parameters_are_values_not_query_text(store: EmbeddedStore) -> None:
    q = queries.get("trials-by-condition")
    hostile = '" } } ; DROP ALL ; SELECT * { ?s ?p "'
    _v, rows = store.select(q.bind_values({"condition": hostile}))
    assert rows == []
    assert store.count_triples() > 0
    with pytest.raises(queries.QueryError):
        queries.get("trial-overview").bind_values({"nope": "x"})
