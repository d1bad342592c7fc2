"""MeSH RDF as N-Triples (mesh.nt / mesh.nt.gz from NLM), streamed line by line.

Reads descriptor and supplementary labels (rdfs:label), tree numbers
(meshv:treeNumber) and entry terms through concept -> term links
(meshv:concept / preferredConcept, meshv:term / preferredTerm, meshv:prefLabel
/ altLabel).

>>> s, p, o = parse('<http://id.nlm.nih.gov/mesh/D003882> '
...                  '<http://www.w3.org/2000/01/rdf-schema#label> "Dermatomyositis"@en .')
>>> s.rsplit("/", 1)[1], p.rsplit("#", 1)[1], o
('D003882', 'label', 'Dermatomyositis')
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from kg.linking.lexicon import Concept, Term, group_of_trees
from kg.linking.sources.entries import Entry
from kg.namespaces import MESH_NS, MESHV_NS, RDFS

MESH = MESH_NS
MESHV = MESHV_NS
RDFS_LABEL = RDFS.label.value
_TRIPLE = re.compile(
    r'^<([^>]*)>\s+<([^>]*)>\s+(?:<([^>]*)>|"((?:[^"\\]|\\.)*)"(?:@[\w-]+|\^\^<[^>]*>)?)\s*\.\s*$'
)
_RECORD = re.compile(r"^[DC]\d+$")


def _unescape(text: str) -> str:
    return (
        text.encode("latin-1", "backslashreplace").decode("unicode_escape")
        if "\\" in text
        else text
    )


def parse(line: str) -> tuple[str, str, str] | None:
    """One N-Triples line -> (subject, predicate, object IRI or literal text)."""
    m = _TRIPLE.match(line.strip())
    if m is None:
        return None
    subject, predicate, iri, literal = m.groups()
    return subject, predicate, iri if iri is not None else _unescape(literal)


def _open(path: Path) -> TextIO:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def entries(path: Path, source: str) -> Iterator[Entry]:
    labels: dict[str, str] = {}
    trees: dict[str, set[str]] = defaultdict(set)
    concepts: dict[str, set[str]] = defaultdict(set)  # record -> concepts
    term_of: dict[str, set[str]] = defaultdict(set)  # concept -> terms
    names: dict[str, set[str]] = defaultdict(set)  # term or concept -> labels
    with _open(path) as handle:
        for line in handle:
            triple = parse(line)
            if triple is None:
                continue
            s, p, o = triple
            local = s[len(MESH) :] if s.startswith(MESH) else ""
            if p == RDFS_LABEL and _RECORD.match(local):
                labels[local] = o
            elif p == MESHV + "treeNumber":
                trees[local].add(o.rsplit("/", 1)[-1])
            elif p in (MESHV + "concept", MESHV + "preferredConcept"):
                concepts[local].add(o)
            elif p in (MESHV + "term", MESHV + "preferredTerm"):
                term_of[s].add(o)
            elif p in (MESHV + "prefLabel", MESHV + "altLabel"):
                names[s].add(o)
    for local in sorted(labels):
        cid = f"mesh:{local}"
        synonyms: set[str] = set()
        for concept in concepts.get(local, ()):
            synonyms |= names.get(concept, set())
            for term in term_of.get(concept, ()):
                synonyms |= names.get(term, set())
        synonyms.discard(labels[local])
        group = group_of_trees(trees[local]) if local.startswith("D") else "drug"
        top = tuple(sorted({t.split(".")[0] for t in trees[local]}))
        terms = [Term(cid, labels[local], "label", source)]
        terms += [Term(cid, s, "synonym", source) for s in sorted(synonyms)]
        yield Entry(Concept(cid, labels[local], group, top, source), tuple(terms))
