"""``trialkg validate FILE`` on the fast engine: the file read by pyoxigraph, as one graph."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.shacl import Compiled, results, validate_data
from kg.shacl.data import Data
from kg.shacl.terms import from_rdflib

if TYPE_CHECKING:
    from kg.validation import ValidationReport

# rdflib's format names (what --format takes) in pyoxigraph's terms
_FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nt11": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}


def _format(path: str, rdf_format: str | None) -> ox.RdfFormat | None:
    if rdf_format:
        return _FORMATS.get(rdf_format)
    name = path[:-3] if path.endswith(".gz") else path
    suffix = Path(name).suffix.lstrip(".")
    return ox.RdfFormat.from_extension(suffix) if suffix else None


def _data(path: str, rdf_format: str | None) -> Data:
    fmt = _format(path, rdf_format)
    raw = Path(path).read_bytes()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    if fmt is None or fmt == ox.RdfFormat.JSON_LD:  # rdflib reads what pyoxigraph does not
        from rdflib import Dataset
        from rdflib.util import guess_format

        ds = Dataset()
        ds.parse(data=raw, format=rdf_format or guess_format(path.removesuffix(".gz")) or "turtle")
        return Data.from_triples(
            (from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o, _g in ds.quads()
        )
    return Data.from_triples(
        (str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(raw, format=fmt)
    )


def validate_file_fast(
    path: str, rdf_format: str | None = None, compiled: Compiled | None = None
) -> ValidationReport:
    """Validate an RDF file as one graph (the union of its graphs) with the shipped shapes."""
    from kg.validation import ValidationReport

    return ValidationReport(results(validate_data(_data(path, rdf_format), compiled)))
