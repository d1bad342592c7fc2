"""CURIE <-> IRI for link targets, with bioregistry's preferred prefixes and RDF IRIs.

The prefix map is data (ontologies/lexicon/prefixes.tsv, written from
bioregistry by scripts/build_lexicon.py), read through :mod:`curies`.

>>> conv = converter()
>>> conv.expand("mesh:D003882")
'http://id.nlm.nih.gov/mesh/D003882'
>>> conv.expand("CHEBI:15365")
'http://purl.obolibrary.org/obo/CHEBI_15365'
>>> conv.expand("drugbank:DB01281")
'https://go.drugbank.com/drugs/DB01281'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import curies

from kg.linking.sources.bundled import lexicon_dir
from kg.namespaces import OBO_NS, ORCID_NS, SEMAPV_NS, SKOS_NS, TKG_ID_NS

# Prefixes that user vocabularies may bring and the bundled map may lack.
EXTRA_PREFIXES: dict[str, str] = {
    "trialkg": TKG_ID_NS,
    "skos": SKOS_NS,
    "semapv": SEMAPV_NS,
    "orcid": ORCID_NS,
}


def prefix_map(directory: Path | None = None) -> dict[str, str]:
    """The bundled prefix map plus the extra prefixes above.

    >>> prefix_map()["MONDO"]
    'http://purl.obolibrary.org/obo/MONDO_'
    """
    path = (directory or lexicon_dir()) / "prefixes.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            prefix, uri = line.split("\t")
            out[prefix] = uri
    for prefix, uri in EXTRA_PREFIXES.items():
        out.setdefault(prefix, uri)
    return out


@cache
def converter() -> curies.Converter:
    """The shared converter (built once)."""
    return curies.Converter.from_prefix_map(prefix_map())


def iri(curie: str) -> str:
    """The standard IRI of a CURIE; an OBO PURL for unknown prefixes.

    >>> iri("mesh:D000069594")
    'http://id.nlm.nih.gov/mesh/D000069594'
    >>> iri("FOO:123")
    'http://purl.obolibrary.org/obo/FOO_123'
    """
    expanded = converter().expand(curie)
    if expanded is not None:
        return expanded
    prefix, _, local = curie.partition(":")
    return f"{OBO_NS}{prefix}_{local}"
