"""Record -> RDF: a pure function from one :class:`TrialRecord` to its triples.

No I/O happens here. :func:`map_record` returns the triples of one trial;
:func:`trial_graph` wraps them as a named graph with the metadata a loader
needs (version date, source rank, content digest). Only this module knows how
the model becomes triples; IRIs come from :mod:`kg.iris`, terms from
:mod:`kg.namespaces`.

>>> from kg.model import TrialRecord, Provenance
>>> rec = TrialRecord("NCT00000001", Provenance("ictrp-trial2", "x.txt", 1),
...                   public_title="A fictional trial")
>>> triples = map_record(rec)
>>> any(t.object.value == "A fictional trial" for t in triples)
True
"""

from kg.mapping.graph import TrialGraph, assemble, graph_digest, trial_graph
from kg.mapping.options import (
    CTGOV_ATTRIBUTION,
    ICTRP_ATTRIBUTION,
    ICTRP_FORMATS,
    SOURCE_RANK,
    LinkFunction,
    MappingOptions,
)
from kg.mapping.record import map_record

__all__ = [
    "CTGOV_ATTRIBUTION",
    "ICTRP_ATTRIBUTION",
    "ICTRP_FORMATS",
    "SOURCE_RANK",
    "LinkFunction",
    "MappingOptions",
    "TrialGraph",
    "assemble",
    "graph_digest",
    "map_record",
    "trial_graph",
]
