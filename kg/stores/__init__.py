"""Triple stores: one small protocol, an embedded store and remote SPARQL endpoints.

Every backend answers queries with pyoxigraph terms (:class:`pyoxigraph.NamedNode`,
:class:`pyoxigraph.Literal`, :class:`pyoxigraph.BlankNode`), so results can be
compared across engines, and replaces whole named graphs, which is what upsert
loading (:mod:`kg.stores.loading`) builds on.

>>> from kg.stores.embedded import EmbeddedStore
>>> store: GraphStore = EmbeddedStore()
>>> nt = b'<http://example.org/s> <http://example.org/p> "1" .\\n'
>>> store.replace_graphs({"http://example.org/g": nt})
>>> store.count_triples()
1
>>> store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
(['o'], [(<Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,)])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeAlias

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.namespaces import TKG

Term: TypeAlias = NamedNode | Literal | BlankNode
Row: TypeAlias = tuple[Term | None, ...]


class StoreError(Exception):
    """A store operation failed (after retries, where the error was transient).

    ``transient`` is true when trying again may succeed (connection errors, 5xx,
    timeouts), false when the request itself was refused (bad data, bad query).

    >>> str(StoreError("HTTP 400: bad IRI", transient=False))
    'HTTP 400: bad IRI'
    """

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class GraphMeta:
    """What a stored trial graph says about itself (its metadata triples).

    ``version`` is the ISO lexical form of the record's refresh/update date
    ("2021-07-12", "2021-07", "2021") or ``None`` when unknown.
    """

    version: str | None
    source_rank: int
    digest: str


class GraphStore(Protocol):
    """What every backend implements (embedded pyoxigraph, remote SPARQL 1.1 endpoints)."""

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        """Run a SELECT query: the variable names (without "?") and the rows."""
        ...

    def ask(self, query: str) -> bool:
        """Run an ASK query."""
        ...

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each named graph (IRI -> N-Triples bytes): old content removed, new inserted."""
        ...

    def graph_metadata(self, graphs: Sequence[str]) -> dict[str, GraphMeta]:
        """The metadata of those graphs that exist and carry a content digest."""
        ...

    def count_triples(self) -> int:
        """The number of triples in named graphs (system graphs of the engine excluded)."""
        ...

    def close(self) -> None:
        """Release the store (flush, close sessions)."""
        ...


# The graph metadata predicates (the mapper writes them inside each trial graph, subject = graph).
VERSION_DATE = TKG.versionDate.value
SOURCE_RANK = TKG.sourceRank.value
CONTENT_DIGEST = TKG.contentDigest.value


def metadata_query(graphs: Sequence[str]) -> str:
    """The one SELECT that reads the metadata of a batch of graphs.

    >>> print(metadata_query(["http://example.org/g1"]))  # doctest: +ELLIPSIS
    SELECT ?g ?v ?r ?d WHERE {
      VALUES ?g { <http://example.org/g1> }
      GRAPH ?g {
        ?g <https://w3id.org/trialkg/contentDigest> ?d .
    ...
    """
    values = " ".join(f"<{g}>" for g in graphs)
    return (
        "SELECT ?g ?v ?r ?d WHERE {\n"
        f"  VALUES ?g {{ {values} }}\n"
        "  GRAPH ?g {\n"
        f"    ?g <{CONTENT_DIGEST}> ?d .\n"
        f"    OPTIONAL {{ ?g <{SOURCE_RANK}> ?r }}\n"
        f"    OPTIONAL {{ ?g <{VERSION_DATE}> ?v }}\n"
        "  }\n"
        "}"
    )


def metadata_from_rows(rows: Sequence[Row]) -> dict[str, GraphMeta]:
    """Turn the rows of :func:`metadata_query` (?g ?v ?r ?d) into :class:`GraphMeta` by graph.

    A graph with several values for one predicate (which the mapper never writes)
    keeps the newest version, then highest rank, then largest digest: deterministic.

    >>> g = NamedNode("http://example.org/g1")
    >>> metadata_from_rows([(g, Literal("2021-07"), Literal("2"), Literal("sha256:ab"))])
    {'http://example.org/g1': GraphMeta(version='2021-07', source_rank=2, digest='sha256:ab')}
    """
    found: dict[str, GraphMeta] = {}
    for g, v, r, d in rows:
        if not isinstance(g, NamedNode) or d is None:
            continue
        version = v.value if v is not None else None
        try:
            rank = int(r.value) if r is not None else 0
        except ValueError:
            rank = 0
        meta = GraphMeta(version=version, source_rank=rank, digest=d.value)
        old = found.get(g.value)
        if old is None or _meta_key(meta) > _meta_key(old):
            found[g.value] = meta
    return found


def _meta_key(meta: GraphMeta) -> tuple[str, int, str]:
    return (meta.version or "", meta.source_rank, meta.digest)


__all__ = [
    "CONTENT_DIGEST",
    "SOURCE_RANK",
    "VERSION_DATE",
    "GraphMeta",
    "GraphStore",
    "Row",
    "StoreError",
    "Term",
    "metadata_from_rows",
    "metadata_query",
]
