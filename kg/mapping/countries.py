"""The countries' vocabulary graph: each ISO 3166 country's code and English name, once.

A trial graph names a country by its IRI (``tkg:country``; minted from the code, so the
same in every graph) and keeps only what is its own: the node's type, and a name the
record reports that differs from the standard one (``skos:altLabel``), or the name of a
country without a code (``rdfs:label``). The code (``tkg:countryCode``) and English name
(``skos:prefLabel``) are the same in every trial: the mapper writes them apart
(:attr:`kg.mapping.TrialGraph.shared`), a serializer writes them once (N-Triples, Turtle:
with the rest; N-Quads, TriG: in this graph), and a store holds them in this graph, which
every load writes whole (every country, so an upsert never takes a name away).

>>> lines = country_lines("https://w3id.org/trialkg/id/")
>>> [x.split(" ", 2)[2] for x in lines if x.startswith("<https://w3id.org/trialkg/id/country/cn>")]
['<https://w3id.org/trialkg/Country> .\\n', '"China"@en .\\n', '"CN" .\\n']
>>> vocab_graph("https://w3id.org/trialkg/id/")
'https://w3id.org/trialkg/id/graph/vocab/countries'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pycountry
from pyoxigraph import Literal

from kg.iris import Minter
from kg.mapping.terms import _iri, _s, _t
from kg.namespaces import RDF, SKOS, TKG

NAME = "countries"


def vocab_graph(base: str) -> str:
    """The named graph of the countries' codes and names under ``base``."""
    return Minter(base).vocab_graph(NAME)


def base_of(graph: str) -> str:
    """The base a countries' graph IRI was minted under (:func:`vocab_graph` reversed)."""
    return graph[: -len(f"graph/vocab/{NAME}")]


def country_lines(base: str) -> list[str]:
    """Every ISO 3166 country as the mapper names it: type, code and English name (sorted)."""
    m = Minter(base)
    out: list[str] = []
    for c in pycountry.countries:
        n = _iri(m.country(c.alpha_2))
        out.append(f"{n} {_t(RDF.type)} {_t(TKG.Country)} .\n")
        out.append(f"{n} {_t(TKG.countryCode)} {_s(c.alpha_2)} .\n")
        out.append(f"{n} {_t(SKOS.prefLabel)} {_t(Literal(str(c.name), language='en'))} .\n")
    return sorted(set(out))


@functools.lru_cache(maxsize=4)
def _graph_bytes(graph: str) -> bytes:
    return "".join(country_lines(base_of(graph))).encode("utf-8")


def vocab_payload(graphs: Iterable[str]) -> dict[str, bytes]:
    """Graph IRI -> N-Triples for a store: each countries' graph named (trial graphs'
    ``shared_graph``, "" for none), whole, to write beside the trial graphs."""
    return {g: _graph_bytes(g) for g in sorted(set(graphs)) if g}
