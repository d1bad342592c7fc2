"""ontologies/vocab.ttl is generated from kg.normalize.coded / kinds and stays in sync."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import rdflib
from rdflib.namespace import SKOS

from kg.iris import vocab
from kg.namespaces import coding_system
from kg.normalize import coded, kinds

SCHEMES = {**coded.SCHEMES, **kinds.SCHEMES}

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
        member = coding_system if scheme == "coding-system" else lambda c, s=scheme: vocab(s, c)
        members = set(graph.subjects(SKOS.inScheme, scheme_iri))
        assert members == {rdflib.URIRef(member(code)) for code in concepts}
        for code, label in concepts.items():
            concept = rdflib.URIRef(member(code))
            assert graph.value(concept, SKOS.prefLabel) == rdflib.Literal(label, lang="en")
            assert graph.value(concept, SKOS.notation) == rdflib.Literal(code)
            assert graph.value(concept, SKOS.definition) is not None
            assert (concept, SKOS.topConceptOf, scheme_iri) in graph


def test_every_kind_scheme_is_an_enum_of_its_codes() -> None:
    for scheme, (enum, labels) in kinds.KINDS.items():
        assert [e.value for e in enum] == list(labels), scheme


# The vocabularies trialkg aligns with (FHIR R5 code systems, Wikidata, NCIt, OBI, schema.org).
_TARGETS = (
    "https://schema.org/",
    "http://terminology.hl7.org/CodeSystem/",
    "http://hl7.org/fhir/",
    "http://www.wikidata.org/entity/Q",
    "http://purl.obolibrary.org/obo/NCIT_",
    "http://purl.obolibrary.org/obo/OBI_",
)


def test_matches_point_at_the_vocabularies_we_align_with() -> None:
    graph = rdflib.Graph().parse(VOCAB)
    recruiting = rdflib.URIRef(vocab("recruitment-status", "recruiting"))
    assert graph.value(recruiting, SKOS.exactMatch) == rdflib.URIRef(
        "https://schema.org/Recruiting"
    )
    targets = [t for _, _, t in graph.triples((None, SKOS.exactMatch | SKOS.closeMatch, None))]
    for target in targets:
        assert str(target).startswith(_TARGETS), target
    assert len(targets) >= 50


def test_phase_status_purpose_and_arm_type_are_mapped_to_fhir() -> None:
    graph = rdflib.Graph().parse(VOCAB)
    mapped = {
        str(s)
        for s, _, t in graph.triples((None, SKOS.exactMatch | SKOS.closeMatch, None))
        if "hl7.org" in str(t)
    }
    for scheme in ("phase", "primary-purpose", "arm-type"):
        unmapped = {c for c in SCHEMES[scheme] if vocab(scheme, c) not in mapped}
        # FHIR has no code for phase 0, nor educational or other primary purposes
        assert unmapped <= {"phase-0", "educational", "other"}, (scheme, unmapped)
    assert vocab("recruitment-status", "completed") in mapped
