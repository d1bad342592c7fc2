"""ontologies/vocab.ttl is generated from kg.normalize.coded.SCHEMES and stays in sync."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import rdflib
from rdflib.namespace import SKOS

from kg.iris import vocab
from kg.normalize.coded import SCHEMES

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ROOT / "ontologies" / "vocab.ttl"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_vocab", ROOT / "scripts" / "build_vocab.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_file_is_what_the_script_generates() -> None:
    expected = _script().render()
    assert VOCAB.read_text(encoding="utf-8") == expected, (
        "ontologies/vocab.ttl is stale: run .venv/bin/python scripts/build_vocab.py"
    )


def test_every_code_is_a_labelled_defined_concept_in_its_scheme() -> None:
    graph = rdflib.Graph().parse(VOCAB)
    for scheme, concepts in SCHEMES.items():
        scheme_iri = rdflib.URIRef(vocab(scheme, "").rstrip("/"))
        assert (scheme_iri, rdflib.RDF.type, SKOS.ConceptScheme) in graph
        members = set(graph.subjects(SKOS.inScheme, scheme_iri))
        assert members == {rdflib.URIRef(vocab(scheme, code)) for code in concepts}
        for code, label in concepts.items():
            concept = rdflib.URIRef(vocab(scheme, code))
            assert graph.value(concept, SKOS.prefLabel) == rdflib.Literal(label, lang="en")
            assert graph.value(concept, SKOS.notation) == rdflib.Literal(code)
            assert graph.value(concept, SKOS.definition) is not None
            assert (concept, SKOS.topConceptOf, scheme_iri) in graph


def test_schema_org_matches_point_at_schema_org() -> None:
    graph = rdflib.Graph().parse(VOCAB)
    recruiting = rdflib.URIRef(vocab("recruitment-status", "recruiting"))
    assert graph.value(recruiting, SKOS.exactMatch) == rdflib.URIRef(
        "https://schema.org/Recruiting"
    )
    for _, _, target in graph.triples((None, SKOS.exactMatch | SKOS.closeMatch, None)):
        assert str(target).startswith("https://schema.org/")
