"""Every trialkg property has a domain and a range, and the output keeps to them.

The second half maps real records (the bundled ClinicalTrials.gov and ICTRP
fixtures, and the shared corpus when it is there) and checks each statement
with a trialkg predicate: its subject is typed with a class of the domain, its
object is of the range (a typed node of a range class, a literal of a range
datatype).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.mapping import trial_graph
from kg.namespaces import TKG_NS
from kg.parsers.base import Rejected
from kg.reading import read_records
from kg.resources import data_dir

from .conftest import FIXTURES, REAL

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


@functools.cache
def _ontology() -> Graph:
    return Graph().parse(data_dir("ontologies") / "trialkg.ttl")


def _members(onto: Graph, node: URIRef | BNode) -> set[URIRef]:
    """A class or datatype, or the members of an owl:unionOf (also behind equivalentClass)."""
    union = onto.value(node, OWL.unionOf)
    if union is not None:
        return {m for item in Collection(onto, union) for m in _members(onto, item)}  # type: ignore[arg-type]
    same = onto.value(node, OWL.equivalentClass)
    if same is not None:
        return _members(onto, same)  # type: ignore[arg-type]
    return {node} if isinstance(node, URIRef) else set()


def test_every_property_has_a_domain_and_a_range() -> None:
    onto = _ontology()
    missing = []
    for kind in PROPERTY_TYPES:
        for p in onto.subjects(RDF.type, kind):
            for what in (RDFS.domain, RDFS.range):
                target = onto.value(p, what)
                if target is None or not _members(onto, target):  # type: ignore[arg-type]
                    missing.append(f"{p} has no {what.split('#')[1]}")
    assert not missing, "\n".join(sorted(missing))


def _subclasses(onto: Graph) -> dict[URIRef, set[URIRef]]:
    """class -> itself and its declared superclasses (transitively)."""
    out: dict[URIRef, set[URIRef]] = {}

    def up(cls: URIRef) -> set[URIRef]:
        if cls not in out:
            out[cls] = {cls}
            for sup in onto.objects(cls, RDFS.subClassOf):
                if isinstance(sup, URIRef):
                    out[cls] |= up(sup)
        return out[cls]

    for cls in set(onto.subjects(RDF.type, OWL.Class)):
        if isinstance(cls, URIRef):
            up(cls)
    return out


def _violations(graph: Graph) -> list[str]:
    onto = _ontology()
    supers = _subclasses(onto)
    anything = {RDFS.Resource}
    problems = []
    for s, p, o in graph:
        if not str(p).startswith(TKG_NS) or (p, RDF.type, None) not in onto:
            continue
        domain = _members(onto, onto.value(p, RDFS.domain))  # type: ignore[arg-type]
        if not domain & anything:
            types = {sup for t in graph.objects(s, RDF.type) for sup in supers.get(t, {t})}  # type: ignore[arg-type]
            if not types & domain:
                problems.append(f"{s} {p}: subject typed {sorted(types)}, domain {sorted(domain)}")
        rng = _members(onto, onto.value(p, RDFS.range))  # type: ignore[arg-type]
        if rng & anything:
            continue
        if isinstance(o, Literal):
            datatype = o.datatype or XSD.string
            if datatype not in rng:
                problems.append(f"{s} {p} {o!r}: datatype not in range {sorted(rng)}")
        else:
            types = {sup for t in graph.objects(o, RDF.type) for sup in supers.get(t, {t})}  # type: ignore[arg-type]
            if types and not types & rng:
                problems.append(f"{s} {p} {o}: object typed {sorted(types)}, range {sorted(rng)}")
    return problems


def _graphs(root: Path, limit: int = 1000) -> list[Graph]:
    out: list[Graph] = []
    for item in read_records([str(root)]):
        if len(out) == limit:
            break
        if not isinstance(item, Rejected):
            out.append(Graph().parse(data=trial_graph(item).ntriples(), format="nt"))
    return out


def test_the_check_sees_a_wrong_subject_and_a_wrong_object() -> None:
    tkg = lambda local: URIRef(TKG_NS + local)  # noqa: E731
    review, org = URIRef("urn:x:review"), URIRef("urn:x:org")
    graph = Graph()
    graph.add((review, RDF.type, tkg("EthicsReview")))
    graph.add((review, tkg("affiliation"), Literal("1 Example St")))
    graph.add((org, tkg("agencyClass"), Literal("INDUSTRY")))
    problems = _violations(graph)
    assert len(problems) == 3, problems  # affiliation's domain; agencyClass' domain and range


@pytest.mark.parametrize("folder", ["ctgov", "ictrp"])
def test_fixture_output_keeps_to_domains_and_ranges(folder: str) -> None:
    graphs = _graphs(FIXTURES / folder)
    assert graphs
    problems = [v for g in graphs for v in _violations(g)]
    assert not problems, "\n".join(problems[:20])


def test_real_output_keeps_to_domains_and_ranges() -> None:
    problems: dict[str, str] = {}
    for sub in sorted(REAL.iterdir()):
        if sub.is_dir():
            for g in _graphs(sub, limit=40):
                for v in _violations(g):
                    problems.setdefault(v.split(" ", 2)[1], v)
    assert not problems, "\n".join(problems.values())
