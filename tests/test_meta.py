"""Meta-tests: the project's parts stay consistent with each other."""

from __future__ import annotations

import pkgutil

from rdflib import RDF, RDFS, BNode, Graph, Namespace, URIRef

import kg.parsers
from kg import parsers
from kg.namespaces import TKG, TKG_NS
from kg.resources import data_dir

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")


def _ontology() -> Graph:
    return Graph().parse(data_dir("ontologies") / "trialkg.ttl")


def test_every_parser_module_is_registered() -> None:
    modules = {m.name for m in pkgutil.iter_modules(kg.parsers.__path__)}
    public = {m for m in modules if not m.startswith("_") and m != "base"}
    registered = {parsers.get(n).__name__.rsplit(".", 1)[-1] for n in parsers.names()}
    assert public == registered, "register new parser modules in kg/parsers/__init__.py"
    for name in parsers.names():
        module = parsers.get(name)
        assert name == module.FORMAT and module.DESCRIPTION


def test_every_term_used_in_code_is_declared_with_label_and_definition() -> None:
    onto = _ontology()
    for attr, term in vars(TKG).items():
        if attr.startswith("_"):
            continue
        iri = URIRef(term.value)
        assert (iri, RDF.type, None) in onto, f"tkg:{attr} is not declared in trialkg.ttl"
        assert onto.value(iri, RDFS.label), f"tkg:{attr} has no rdfs:label"
        assert onto.value(iri, SKOS.definition), f"tkg:{attr} has no skos:definition"


def test_ontology_declares_only_its_own_terms() -> None:
    onto = _ontology()
    for s in set(onto.subjects(RDF.type, OWL.Class)) | set(
        onto.subjects(RDF.type, OWL.ObjectProperty)
    ):
        if isinstance(s, BNode):  # a class expression (owl:unionOf) in a domain or range
            continue
        assert str(s).startswith(TKG_NS), f"{s} is a reused term: reference it, do not redeclare"


def test_every_shape_targets_a_declared_class() -> None:
    onto = _ontology()
    shapes = Graph()
    for path in data_dir("shapes").glob("*.ttl"):
        shapes.parse(path)
    targets = set(shapes.objects(None, SH.targetClass))
    assert targets
    reused = {URIRef("https://schema.org/Organization")}
    for cls in targets - reused:
        assert (cls, RDF.type, OWL.Class) in onto, f"shape targets undeclared class {cls}"
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(shape, SH.name), f"{shape} has no sh:name"
    for prop in shapes.objects(None, SH.property):
        assert shapes.value(prop, SH.name) and shapes.value(prop, SH.message), prop
