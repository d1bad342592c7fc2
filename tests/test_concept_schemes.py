"""Shared condition/intervention concepts: one scheme per kind, one preferred label each.

The nodes are keyed by the case-folded name, so trials spelling a condition
differently meet in one node; merged over all trials, each node must still have
exactly one skos:prefLabel (the spellings are skos:altLabel) and sit in its kind's
skos:ConceptScheme.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kg.iris import Minter, concept_label
from kg.mapping import map_record
from kg.namespaces import RDF, SKOS, TKG
from kg.parsers.base import Rejected
from kg.reading import read_records

from .conftest import CORPUS, FIXTURES, REAL

KINDS = {TKG.Condition.value: "condition", TKG.Intervention.value: "intervention"}


def _merged(roots: list[Path]) -> dict[str, dict[str, set[str]]]:
    """concept IRI -> {"type", "pref", "alt", "scheme"} over every record under ``roots``."""
    nodes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    wanted = {
        RDF.type.value: "type",
        SKOS.prefLabel.value: "pref",
        SKOS.altLabel.value: "alt",
        SKOS.inScheme.value: "scheme",
    }
    for item in read_records([str(r) for r in roots]):
        if isinstance(item, Rejected):
            continue
        for t in map_record(item):
            key = wanted.get(t.predicate.value)
            if key is not None:
                nodes[t.subject.value][key].add(t.object.value)
    return {s: n for s, n in nodes.items() if n["type"] & set(KINDS)}


def _check(concepts: dict[str, dict[str, set[str]]]) -> None:
    minter = Minter()
    assert concepts
    for iri, node in concepts.items():
        [kind] = [KINDS[t] for t in node["type"] if t in KINDS]
        assert len(node["pref"]) == 1, (iri, node["pref"])
        assert node["scheme"] == {minter.concept_scheme(kind)}, (iri, node["scheme"])
        assert not node["pref"] & node["alt"], iri
        # each spelling keys to this node, and its preferred label is the node's
        for spelling in node["alt"]:
            assert minter.concept(kind, spelling) == iri, (iri, spelling)
            assert {concept_label(spelling)} == node["pref"], (iri, spelling)


def test_real_concepts_have_one_preferred_label_and_a_scheme() -> None:
    concepts = _merged([REAL])
    _check(concepts)
    if REAL == CORPUS:  # spellings met: some node carries the spellings of several trials
        assert max(len(n["alt"]) for n in concepts.values()) >= 2


def test_fixture_concepts_have_one_preferred_label_and_a_scheme() -> None:
    _check(_merged([FIXTURES / "ctgov", FIXTURES / "ictrp"]))
