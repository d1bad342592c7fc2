"""OBO / OWL / OBO-JSON ontologies (MONDO, DOID, ChEBI...) read with pronto.

Each non-obsolete term gives a concept (its own CURIE), its name as label,
its EXACT synonyms, and its database cross-references (MESH:, DrugBank:...).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

from kg.linking.lexicon import Concept, Term, Xref
from kg.linking.sources.entries import PREFIX_GROUPS, Entry, curie

XREF_JUSTIFICATION = "semapv:UnspecifiedMatching"


def entries(path: Path, source: str) -> Iterator[Entry]:
    import pronto  # optional dependency, only for user vocabularies

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ontology = pronto.Ontology(str(path))  # type: ignore[attr-defined]
    for term in ontology.terms():
        if term.obsolete or not term.name:
            continue
        cid = curie(term.id)
        group = PREFIX_GROUPS.get(cid.partition(":")[0], "unknown")
        terms = [Term(cid, term.name, "label", source)]
        terms += [
            Term(cid, s.description, "synonym", source)
            for s in sorted(term.synonyms, key=lambda s: s.description)
            if s.scope == "EXACT" and s.description
        ]
        xrefs = [
            Xref(cid, curie(x.id), "", "skos:exactMatch", XREF_JUSTIFICATION, source)
            for x in sorted(term.xrefs, key=lambda x: x.id)
        ]
        yield Entry(Concept(cid, term.name, group, (), source), tuple(terms), tuple(xrefs))
