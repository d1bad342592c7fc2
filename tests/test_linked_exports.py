"""Exports (FHIR R5, QuickStatements, KGX, schema.org) of a store, checked with the named models."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.exports import export, kgx
from kg.namespaces import SCHEMA_NS
from kg.stores.embedded import EmbeddedStore
from kg.views import iter_trials

from .conftest import EXAMPLES, FIXTURES

INPUTS = [
    str(EXAMPLES),
    str(FIXTURES / "ctgov" / "study_full.json"),
    str(FIXTURES / "ctgov" / "NCT04946669.json"),
    str(FIXTURES / "queries" / "trials.xml"),
]


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return kg.embedded_store(kg.to_graphs(kg.parse(INPUTS)))


def test_fhir_bundle_validates_with_fhir_resources(store: EmbeddedStore, tmp_path: Path) -> None:
    fhir_resources = pytest.importorskip("fhir.resources")
    out = tmp_path / "fhir.json"
    report = export(store, "fhir", str(out))
    data = json.loads(out.read_text())
    resources = [e["resource"] for e in data["entry"]]
    assert fhir_resources.__fhir_version__.startswith("5.")
    for res in resources:  # each resource against its R5 model (raises on any error)
        fhir_resources.get_fhir_model_class(res["resourceType"]).model_validate(res)
    fhir_resources.get_fhir_model_class("Bundle").model_validate(data)
    studies = {r["id"]: r for r in resources if r["resourceType"] == "ResearchStudy"}
    groups = {r["id"]: r for r in resources if r["resourceType"] == "Group"}
    assert len(studies) == len(groups) == report.trials == report.written == 9
    ctri = studies["CTRI-2025-02-000002"]
    assert (
        ctri["recruitment"]["eligibility"]["reference"] == "Group/CTRI-2025-02-000002-eligibility"
    )
    assert ctri["recruitment"]["targetNumber"] == 80
    women = groups["NCT09980001-eligibility"]["characteristic"]
    age = next(c for c in women if "valueRange" in c)
    assert age["valueRange"]["low"]["value"] == 12.0
    assert any(c.get("valueCodeableConcept", {}).get("coding", [{}])[0].get("code") == "female"
               for c in women)  # fmt: skip
    seed = groups["NCT04946669-eligibility"]["characteristic"]
    assert sum(1 for c in seed if c["exclude"]) >= 1  # exclusion criteria are excluded
    assert studies["NCT09000001"]["phase"]["coding"][0]["code"] == "phase-2-phase-3"
    assert report.left_out["conditions without a MeSH code (text only)"] > 0


def test_schemaorg_uses_only_schema_org_terms(store: EmbeddedStore, tmp_path: Path) -> None:
    from pyoxigraph import RdfFormat, parse
    from rdflib.namespace import SDO

    out = tmp_path / "trials.jsonld"
    export(store, "schemaorg", str(out))
    doc = json.loads(out.read_text())
    assert doc["@context"] == SCHEMA_NS.rstrip("/")
    doc["@context"] = {"@vocab": SCHEMA_NS}  # parse offline: the same terms, no remote context
    triples = list(parse(json.dumps(doc).encode(), RdfFormat.JSON_LD))
    used = {t.predicate.value for t in triples} | {
        t.object.value for t in triples if t.predicate.value.endswith("#type")
    }
    schema_terms = {u for u in used if u.startswith(SCHEMA_NS)}
    assert schema_terms
    declared = set(SDO.__annotations__)  # the terms of rdflib's schema.org release
    unknown = [u for u in schema_terms if u[len(SCHEMA_NS) :] not in declared]
    assert unknown == []
    assert {t.predicate.value for t in triples} - schema_terms == {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    }
    trials = [n for n in doc["@graph"] if n["identifier"] == "NCT09980001"]
    assert trials[0]["@type"] == "MedicalTrial"
    assert trials[0]["healthCondition"][0]["name"] == "Testitis"


def test_quickstatements_only_for_ids_with_a_wikidata_property(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    out = tmp_path / "qs.tsv"
    report = export(store, "quickstatements", str(out))
    text = out.read_text()
    blocks = [b for b in text.split("CREATE\n") if b]
    assert len(blocks) == report.written
    assert re.search(r'^LAST\tP3098\t"NCT09980001"$', text, re.M)
    assert re.search(r'^LAST\tP8064\t"ChiCTR2100099998"$', text, re.M)  # ChiCTR has a property
    assert "CTRI/2025/02/000002" not in text  # Wikidata has no CTRI property (per bioregistry)
    assert report.left_out["trials without a registry ID Wikidata has a property for"] == 1
    assert report.written + 1 == report.trials
    for line in text.splitlines():
        assert line == "CREATE" or re.match(r"^LAST\t(Len|P\d+)\t\S", line), line
    assert "P1050" not in text  # no mapping given: conditions are left out and counted
    assert report.left_out["condition MeSH codes without a Wikidata item mapping"] == 1


def test_quickstatements_conditions_through_a_given_mapping(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    mapping = tmp_path / "mesh-wikidata.tsv"
    mapping.write_text("mesh\twikidata\nD000000001\tQ4242\n")
    out = tmp_path / "qs.tsv"
    report = export(store, "quickstatements", str(out), wikidata_map=str(mapping))
    assert "LAST\tP1050\tQ4242" in out.read_text().splitlines()
    assert report.left_out["condition MeSH codes without a Wikidata item mapping"] == 0


def _rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_kgx_checked_against_the_biolink_model(store: EmbeddedStore, tmp_path: Path) -> None:
    pytest.importorskip("biolink_model")
    report = export(store, "kgx", str(tmp_path / "trials.tsv"))
    nodes_path, edges_path = kgx.files_for(str(tmp_path / "trials.tsv"))
    nodes = _rows(nodes_path)
    edges = _rows(edges_path)
    assert kgx.check(nodes, edges) == []
    assert not [k for k in report.left_out if k.startswith("Biolink check")]
    assert {(e["subject"], e["object"]) for e in edges} == {("MESH:D000000009", "MESH:D000000001")}
    edge = edges[0]
    assert edge["predicate"] == "biolink:in_clinical_trials_for"
    assert edge["max_research_phase"] == "clinical_trial_phase_2_to_3"
    assert edge["has_supporting_studies"].endswith("trial/NCT09000001")
    assert {n["id"]: n["category"] for n in nodes} == {
        "MESH:D000000001": "biolink:Disease", "MESH:D000000009": "biolink:Drug"
    }  # fmt: skip
    assert report.left_out["trials without MeSH-coded conditions and interventions"] == 8
    # the checker does catch names outside the model
    assert kgx.check([{"category": "biolink:Nonsense"}], []) == [
        "unknown category biolink:Nonsense"
    ]


def test_exports_read_the_graph_not_the_parser(store: EmbeddedStore) -> None:
    """A trial written straight as triples (no parser involved) is exported like any other."""
    views = {v.trial_id: v for v in iter_trials(store)}
    assert views["NCT04946669"].public_title
    assert [c.kind for c in views["NCT04946669"].criteria].count("inclusion") >= 1


def test_cli_export_to_prints_counts(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    runner = CliRunner()
    loaded = runner.invoke(main, ["load", *INPUTS, "--store", str(store_dir)])
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "q.tsv"
    result = runner.invoke(
        main, ["export", "--store", str(store_dir), "--to", "quickstatements", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "left out: 1 trials without a registry ID Wikidata has a property for" in result.output
    assert out.read_text().startswith("CREATE\n")
