"""The concept queries: answers by MeSH meaning, on linked fixtures and on the seed.

The examples plus tests/fixtures/queries/trials.xml are mapped with the bundled linker,
and the MeSH vocabulary graph is loaded the way ``trialkg load --link`` loads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.cli.vocab import load_mesh_graph, vocab_graph_iri
from kg.linking.lazy import LazyLinker
from kg.mapping import MappingOptions
from kg.stores.embedded import EmbeddedStore

from .conftest import EXAMPLES, FIXTURES

V = "https://w3id.org/trialkg/vocab/"
MESH = "http://id.nlm.nih.gov/mesh/"
RECRUITING, NOT_YET = (
    V + "recruitment-status/recruiting",
    V + "recruitment-status/not-yet-recruiting",
)
P2, P3 = V + "phase/phase-2", V + "phase/phase-3"
LINK = "trialkg link"

Rows = list[tuple[str | None, ...]]

# query -> [(parameters, expected rows)] on the linked fixtures.
CONCEPT_EXPECTED: dict[str, list[tuple[dict[str, str], Rows]]] = {
    "trials-for-concept": [
        # Respiratory Tract Diseases (C08) reaches Asthma and COVID-19 (C08.730.310...).
        ({"concept": "D012140"}, [
            ("ChiCTR2100099998", "ChiCTR", RECRUITING, None, "COVID-19", LINK),
            ("NCT09980002", "ClinicalTrials.gov", NOT_YET, P2, "Asthma", LINK),
            ("NCT90000001", "ClinicalTrials.gov", RECRUITING, P2, "Asthma", LINK),
            ("NCT90000001", "ClinicalTrials.gov", RECRUITING, P3, "Asthma", LINK),
        ]),
        ({"concept": "D003920"}, [(
            "CTRI/2025/02/000002", "CTRI", V + "recruitment-status/not-recruiting",
            V + "phase/not-applicable", "Diabetes Mellitus, Type 2", LINK,
        )]),
        ({"concept": "D009220"}, []),
    ],
    "interventions-for-disease": [
        ({"concept": "D008171"}, [
            (MESH + "D019819", "Budesonide", P2, "1"),
            (MESH + "D019819", "Budesonide", P3, "1"),
        ]),
    ],
    "conditions-by-branch": [({}, [
        ("C08", "Respiratory Tract Diseases", "3"),
        ("C20", "Immune System Diseases", "2"),
        ("C01", "Infections", "1"),
        ("C18", "Nutritional and Metabolic Diseases", "1"),
        ("C19", "Endocrine System Diseases", "1"),
    ])],
    "unlinked-mentions": [({}, [
        ("condition", "Examplosis", "2"),
        ("condition", "Testitis", "2"),
        ("intervention", "Drug: Examplomab", "2"),
        ("intervention", "Drug: Placebo", "2"),
        ("intervention", "Biological: Samplovax", "1"),
        ("intervention", "Drug: Examplovir", "1"),
        ("intervention", "Other: Usual care", "1"),
    ])],
}  # fmt: skip


def linked_store(inputs: list[str]) -> EmbeddedStore:
    records = kg.parse(inputs)
    store = kg.embedded_store(kg.to_graphs(records, MappingOptions(linker=LazyLinker())))
    load_mesh_graph(store)
    return store


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return linked_store([str(EXAMPLES), str(FIXTURES / "queries" / "trials.xml")])


def _cases() -> list[tuple[str, dict[str, str], Rows]]:
    return [(n, p, rows) for n, cases in CONCEPT_EXPECTED.items() for p, rows in cases]


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    _cases(),
    ids=[f"{n}{''.join(f'[{v}]' for v in p.values())}" for n, p, _ in _cases()],
)
def test_concept_query_rows(
    store: EmbeddedStore, name: str, params: dict[str, str], expected: Rows
) -> None:
    rows = kg.query(store, name, **params)
    assert [tuple(None if v is None else v.value for v in r.values()) for r in rows] == expected


def test_vocab_graph_holds_ancestors_and_attribution(store: EmbeddedStore) -> None:
    graph = vocab_graph_iri()
    _, rows = store.select(
        f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <{MESH}D001249> "
        "<http://www.w3.org/2004/02/skos/core#broader> ?o } } ORDER BY ?o"
    )
    assert [r[0].value for r in rows if r[0] is not None] == [
        MESH + "D001982",  # Bronchial Diseases
        MESH + "D008173",  # Lung Diseases, Obstructive
        MESH + "D012130",  # Respiratory Hypersensitivity
    ]
    _, rows = store.select(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ <{graph}> ?p ?s }} }}")
    said = [r[0].value for r in rows if r[0] is not None]
    assert any("National Library of Medicine" in s for s in said)
    assert "MeSH 2024" in said


def test_seed_trials_for_myositis(seed: Path) -> None:
    """Done-when check: the seed loaded with linking answers by meaning (offline)."""
    store = linked_store([str(seed)])
    rows = kg.query(store, "trials-for-concept", concept="D009220")
    assert {r["trialId"].value for r in rows} == {"NCT04946669"}
    assert {r["matched"].value for r in rows} == {"Dermatomyositis"}


def test_seed_links(seed: Path) -> None:
    from kg.linking.linker import Linker

    linker = Linker.load()
    record = kg.parse([str(seed)])[0]
    found = {lk.mesh_id: lk for c in record.conditions for lk in linker.link(c, "condition")}
    assert "D003882" in found
    abatacept = linker.link("Abatacept", "condition")
    assert [(lk.mesh_id, lk.misfiled) for lk in abatacept] == [("D000069594", True)]
