"""Bulk export of an embedded store: sharded (gzip) N-Quads plus a VoID/DCAT description.

Bulk loaders (Virtuoso ld_dir, ``oxigraph load``, QLever, GraphDB) read the
shards directly. The description says what is inside (triples, trials,
graphs, source formats), where it came from, under which terms (with the
attribution WHO ICTRP asks for), and which trialkg made it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO

from pyoxigraph import Literal, NamedNode, QuerySolutions, RdfFormat, Store, Triple, serialize

from kg import __version__
from kg.atomic import Digest, atomic_output
from kg.iris import Minter
from kg.limits import parse_size
from kg.linking.mesh_graph import ATTRIBUTION as MESH_ATTRIBUTION
from kg.linking.mesh_graph import MESH_YEAR
from kg.mapping import CTGOV_ATTRIBUTION, ICTRP_ATTRIBUTION
from kg.namespaces import (
    CTGOV_LICENCE,
    CTGOV_SITE,
    DCAT,
    DCTERMS,
    ICTRP_LICENCE,
    ICTRP_SITE,
    MESH_NS,
    PREFIXES,
    PROV,
    RDF,
    TKG,
    VOID,
    XSD,
)
from kg.serialize import open_output


def _shard_name(output: str, index: int) -> str:
    gz = output.endswith(".gz")
    stem = output[:-3] if gz else output
    stem = stem[:-3] if stem.endswith(".nq") else stem
    return f"{stem}-{index:04d}.nq" + (".gz" if gz else "")


def export_store(store_dir: str, output: str, shard_bytes: int) -> tuple[list[str], str]:
    """Write the shards and the description; returns (shard paths, description path).

    Each shard is written atomically and ends with a trailer (count, digest: kg.atomic).
    """
    store = Store.read_only(store_dir) if hasattr(Store, "read_only") else Store(store_dir)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    out: IO[bytes] | None = None
    digest = Digest()
    written = shard_bytes
    triples = 0
    graphs: set[str] = set()
    with contextlib.ExitStack() as shard:
        for quad in store.quads_for_pattern(None, None, None, None):
            line = f"{quad} .\n".encode()
            if written + len(line) > shard_bytes and written > 0:
                if out is not None:
                    out.write(digest.trailer())
                    shard.close()  # the finished shard replaces its target
                files.append(_shard_name(output, len(files) + 1))
                out = shard.enter_context(open_output(files[-1]))
                digest = Digest()
                written = 0
            assert out is not None
            out.write(line)
            digest.update(line, 1)
            written += len(line)
            triples += 1
            graphs.add(str(quad.graph_name))
        if out is not None:
            out.write(digest.trailer())
    description = _describe(store, output, files, triples, len(graphs))
    return files, description


def _links_mesh(store: Store) -> bool:
    """Whether the export holds MeSH terms (links made by ``--link`` or the vocabulary graph)."""
    asked = store.query(
        'ASK { GRAPH ?g { ?s ?p ?o FILTER (isIRI(?o) && STRSTARTS(STR(?o), "' + MESH_NS + '")) } }'
    )
    return bool(asked)


def _describe(store: Store, output: str, files: list[str], triples: int, graphs: int) -> str:
    """VoID + DCAT description of the export, as Turtle beside the shards."""
    found = store.query(
        "SELECT DISTINCT ?f WHERE { GRAPH ?g { ?r <" + TKG.sourceFormat.value + "> ?f } }"
    )
    assert isinstance(found, QuerySolutions)
    formats = sorted(str(s["f"].value) for s in found)
    counted = store.query(
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?g { ?t a <" + TKG.Trial.value + "> } }"
    )
    assert isinstance(counted, QuerySolutions)
    trials = next(iter(counted))["n"]
    ds = NamedNode(Minter().dataset())
    stmts: list[Triple] = [
        Triple(ds, RDF.type, VOID.Dataset),
        Triple(ds, RDF.type, DCAT.Dataset),
        Triple(ds, DCTERMS.title, Literal("trialkg export of clinical trial registry records")),
        Triple(ds, DCTERMS.creator, Literal(f"trialkg {__version__}")),
        Triple(ds, DCTERMS.hasVersion, Literal(__version__)),
        Triple(ds, VOID.triples, Literal(str(triples), datatype=XSD.integer)),
        Triple(ds, VOID.entities, Literal(str(trials.value), datatype=XSD.integer)),
        Triple(ds, DCTERMS.description, Literal(f"{graphs} named graphs, one per trial")),
    ]
    ictrp = any(f.startswith("ictrp") for f in formats)
    ctgov = any(f.startswith("ctgov") for f in formats)
    for fmt in formats:
        stmts.append(Triple(ds, DCTERMS.source, Literal(fmt)))
    if ictrp:
        stmts.append(Triple(ds, DCTERMS.license, NamedNode(ICTRP_LICENCE)))
        stmts.append(Triple(ds, DCTERMS.rights, Literal(ICTRP_ATTRIBUTION)))
        stmts.append(Triple(ds, PROV.wasDerivedFrom, NamedNode(ICTRP_SITE)))
    if ctgov:
        stmts.append(Triple(ds, DCTERMS.license, NamedNode(CTGOV_LICENCE)))
        stmts.append(Triple(ds, DCTERMS.rights, Literal(CTGOV_ATTRIBUTION)))
        stmts.append(Triple(ds, PROV.wasDerivedFrom, NamedNode(CTGOV_SITE)))
    if _links_mesh(store):
        stmts.append(Triple(ds, DCTERMS.rights, Literal(MESH_ATTRIBUTION)))
        stmts.append(Triple(ds, DCTERMS.source, Literal(f"MeSH {MESH_YEAR}")))
        stmts.append(Triple(ds, PROV.wasDerivedFrom, NamedNode(MESH_NS)))
    for i, f in enumerate(files, start=1):
        dist = NamedNode(f"{ds.value}/distribution/{i}")
        stmts += [
            Triple(ds, DCAT.distribution, dist),
            Triple(ds, VOID.dataDump, NamedNode(Path(f).resolve().as_uri())),
            Triple(dist, RDF.type, DCAT.Distribution),
            Triple(dist, DCAT.downloadURL, NamedNode(Path(f).resolve().as_uri())),
            Triple(dist, DCAT.mediaType, Literal("application/n-quads")),
            Triple(dist, DCAT.byteSize, Literal(str(Path(f).stat().st_size), datatype=XSD.integer)),
        ]
    stem = output[:-3] if output.endswith(".gz") else output
    stem = stem[:-3] if stem.endswith(".nq") else stem
    path = f"{stem}.void.ttl"
    with atomic_output(path) as fh:
        fh.write(
            serialize(sorted(stmts, key=str), None, RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        )
    return path


__all__ = ["export_store", "parse_size"]
