"""Codes are IRIs: coded properties have scheme members as objects, never strings.

Checked on real records (the shared corpus: ClinicalTrials.gov JSON/XML, ICTRP
XML/CSV of many registers) and on the bundled fixtures, so that a fresh clone
runs the fixture half.
"""

from __future__ import annotations

import functools
from pathlib import Path

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from kg.mapping import MappingOptions, map_record, trial_graph
from kg.model import (
    Arm,
    Contact,
    EthicsReview,
    Organization,
    Provenance,
    Reference,
    SamplePart,
    SampleSize,
    Site,
    TrialRecord,
)
from kg.namespaces import DCTERMS, SCHEMA, TKG
from kg.parsers.base import Rejected
from kg.reading import read_records
from kg.resources import data_dir

from .conftest import FIXTURES, REAL

# Properties whose objects are concepts of a closed scheme (or a coding system's IRI).
CODED = {
    TKG.codingSystem.value: "coding-system",
    TKG.agencyClass.value: "agency-class",
    TKG.contactRole.value: "contact-role",
    TKG.armType.value: "arm-type",
    TKG.siteStatus.value: "recruitment-status",
    TKG.reviewStatus.value: "review-status",
    TKG.referenceType.value: "reference-type",
    TKG.sampleSizeKind.value: "sample-size-kind",
    DCTERMS.publisher.value: "publisher",
}


@functools.cache
def _members() -> dict[str, set[str]]:
    """scheme notation -> the IRIs of its members, read from ontologies/vocab.ttl."""
    vocab = rdflib.Graph().parse(data_dir("ontologies") / "vocab.ttl")
    out: dict[str, set[str]] = {}
    for scheme in vocab.subjects(rdflib.RDF.type, SKOS.ConceptScheme):
        notation = str(vocab.value(scheme, SKOS.notation))
        out[notation] = {str(m) for m in vocab.subjects(SKOS.inScheme, scheme)}
    return out


@functools.cache
def _objects(root: Path) -> dict[str, list[NamedNode | Literal | BlankNode]]:
    """Coded property -> every object it has in the output for the records under ``root``."""
    found: dict[str, list[NamedNode | Literal | BlankNode]] = {p: [] for p in CODED}
    records = 0
    for item in read_records([str(root)]):
        if isinstance(item, Rejected):
            continue
        records += 1
        for t in map_record(item):
            if t.predicate.value in found:
                found[t.predicate.value].append(t.object)  # type: ignore[arg-type]
    assert records > 0
    return found


def _check(root: Path) -> dict[str, list[NamedNode | Literal | BlankNode]]:
    found = _objects(root)
    members = _members()
    for p, objects in found.items():
        scheme = CODED[p]
        for o in objects:
            assert isinstance(o, NamedNode), f"{p} has a literal object {o!r}"
            assert o.value in members[scheme], f"{p} -> {o} is not in the {scheme} scheme"
    return found


def test_coded_properties_have_scheme_iris_only_on_real_records() -> None:
    found = _check(REAL)
    # real records have every kind of coded value: the check above ran on each property
    assert all(found.values()), [p for p, objects in found.items() if not objects]


def test_coded_properties_have_scheme_iris_only_on_the_fixtures() -> None:
    found = _check(FIXTURES / "ctgov")
    assert found[TKG.armType.value] and found[TKG.referenceType.value]
    found = _check(FIXTURES / "ictrp")
    assert found[DCTERMS.publisher.value] and found[TKG.reviewStatus.value]


def _fictional(**fields: object) -> TrialRecord:
    return TrialRecord("NCT09990009", Provenance("ctgov-json", "x.json", 1), **fields)  # type: ignore[arg-type]


def test_values_outside_a_scheme_are_kept_as_text_beside() -> None:
    record = _fictional(
        primary_sponsor=Organization("Example Org", agency_class="GUILD"),
        contacts=[Contact(role="librarian", name="A. Fictional")],
        arms=[Arm("Arm A", type="Wait-list control")],
        sites=[Site(facility="Example Clinic", status="Closed for lunch")],
        ethics_reviews=[EthicsReview(status="Under discussion")],
        references=[Reference(citation="Example 2020", type="commentary")],
    )
    triples = {(t.predicate.value, t.object.value) for t in map_record(record)}
    for p, text in (
        (TKG.agencyClassText, "GUILD"),
        (TKG.contactRoleText, "librarian"),
        (TKG.armTypeText, "Wait-list control"),
        (TKG.siteStatusText, "Closed for lunch"),
        (TKG.reviewStatusText, "Under discussion"),
        (TKG.referenceTypeText, "commentary"),
    ):
        assert (p.value, text) in triples
    coded = {p for p, _ in triples} & set(CODED)
    assert coded == {DCTERMS.publisher.value}


def test_sample_size_parts_say_their_kind_and_ages_their_ucum_unit() -> None:
    record = _fictional(
        target_size=SampleSize("A: 10; B: 20", 30, (SamplePart("A", 10), SamplePart("B", 20)))
    )
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in map_record(record)}
    kinds = {o for _, p, o in triples if p == TKG.sampleSizeKind.value}
    assert kinds == {"https://w3id.org/trialkg/vocab/sample-size-kind/target"}
    assert not any(p == SCHEMA.unitCode.value for _, p, _ in triples)


def test_ethics_committee_address_is_an_address_not_an_affiliation() -> None:
    record = _fictional(
        ethics_reviews=[EthicsReview(contact_name="Example IRB", contact_address="1 Example St")]
    )
    lines = trial_graph(record, MappingOptions(include_contacts=True)).ntriples().decode()
    assert f'<{SCHEMA.address.value}> "1 Example St"' in lines
    assert TKG.affiliation.value not in lines
    # The address is contact data (at times a person's name): only on request.
    private = trial_graph(record, MappingOptions()).ntriples().decode()
    assert "1 Example St" not in private


def test_shapes_allow_exactly_the_scheme_members() -> None:
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shapes = rdflib.Graph().parse(data_dir("shapes") / "trialkg-shapes.ttl")
    members = _members()
    checked = set()
    for prop in shapes.subjects(sh.path, None):
        path = str(shapes.value(prop, sh.path))
        allowed = shapes.value(prop, sh["in"])
        if path in CODED and allowed is not None:
            listed = {str(m) for m in Collection(shapes, allowed)}  # type: ignore[arg-type]
            assert listed == members[CODED[path]], path
            assert shapes.value(prop, sh.nodeKind) == sh.IRI, path
            checked.add(path)
    assert checked == set(CODED)
