"""What every vocabulary reader yields: a concept with its terms and cross-references.

>>> from kg.linking.lexicon import Concept
>>> Entry(Concept("MONDO:1", "x")).terms
()
>>> curie("MESH:D003882"), curie("DrugBank:DB01281"), curie("UMLS:C0011633")
('mesh:D003882', 'drugbank:DB01281', 'umls:C0011633')
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.linking.lexicon import Concept, Term, Xref

# Spellings of prefixes in ontology xrefs -> the CURIE prefixes the lexicon uses.
_PREFIXES = {
    "mesh": "mesh",
    "msh": "mesh",
    "drugbank": "drugbank",
    "umls": "umls",
    "umls_cui": "umls",
    "rxnorm": "rxnorm",
    "chebi": "CHEBI",
    "doid": "DOID",
    "mondo": "MONDO",
    "hp": "HP",
    "ncit": "NCIT",
    "efo": "EFO",
}
# The semantic group a vocabulary's own concepts belong to, by prefix.
PREFIX_GROUPS = {
    "MONDO": "disease",
    "DOID": "disease",
    "HP": "disease",
    "CHEBI": "drug",
    "rxnorm": "drug",
    "drugbank": "drug",
}


@dataclass(frozen=True, slots=True)
class Entry:
    concept: Concept
    terms: tuple[Term, ...] = ()
    xrefs: tuple[Xref, ...] = ()


def curie(raw: str) -> str:
    """A cross-reference ID in the lexicon's prefix spelling (unknown prefixes kept)."""
    prefix, sep, local = raw.strip().partition(":")
    if not sep:
        return raw.strip()
    return f"{_PREFIXES.get(prefix.lower(), prefix)}:{local}"
