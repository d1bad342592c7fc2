"""trialkg: clinical trial registry records to a validated, linked RDF knowledge graph.

The Python API, for those who script rather than shell:

>>> import kg
>>> from kg.resources import data_dir
>>> records = kg.parse([str(data_dir("examples") / "NCT90000001.txt")])
>>> [r.main_id for r in records]
['NCT90000001']
>>> graphs = kg.to_graphs(records)
>>> kg.validate(graphs).conforms
True
>>> store = kg.embedded_store(graphs)
>>> rows = kg.query(store, "trials-by-condition", condition="asthma")
>>> [str(r["trialId"].value) for r in rows]
['NCT90000001']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kg.mapping import MappingOptions, TrialGraph
    from kg.model import TrialRecord
    from kg.stores.embedded import EmbeddedStore
    from kg.validation import ValidationReport


def parse(inputs: Sequence[str], fmt: str | None = None) -> list[TrialRecord]:
    """Parse files/folders/globs into records; raises ValueError listing any rejects."""
    from kg.parsers.base import Rejected
    from kg.reading import read_records

    found: list[TrialRecord] = []
    rejects: list[Rejected] = []
    for item in read_records(inputs, fmt):
        (rejects if isinstance(item, Rejected) else found).append(item)  # type: ignore[arg-type]
    if rejects:
        raise ValueError("; ".join(f"{r.source_file}#{r.position}: {r.reason}" for r in rejects))
    return found


def to_graphs(
    records: Iterable[TrialRecord], options: MappingOptions | None = None
) -> list[TrialGraph]:
    """Map records to trial graphs (see :mod:`kg.mapping`)."""
    from kg.mapping import trial_graph

    return [trial_graph(r, options) for r in records]


def validate(graphs: Iterable[TrialGraph]) -> ValidationReport:
    """SHACL-validate trial graphs (see :mod:`kg.validation`)."""
    from kg.validation import validate_graphs

    return validate_graphs(graphs)


def embedded_store(graphs: Iterable[TrialGraph], path: str | None = None) -> EmbeddedStore:
    """An embedded pyoxigraph store (in memory, or on disk at ``path``) holding the graphs.

    Of several graphs of one trial, the one :mod:`kg.precedence` chooses is stored.
    """
    from kg.mapping.countries import vocab_payload
    from kg.precedence import one_per_trial
    from kg.stores.embedded import EmbeddedStore

    store = EmbeddedStore(path)
    kept = list(one_per_trial(graphs, []))
    store.replace_graphs({g.graph: g.ntriples() for g in kept})
    store.replace_graphs(vocab_payload(g.shared_graph for g in kept))  # countries' names
    return store


def query(store: Any, name: str, **params: str) -> list[dict[str, Any]]:
    """Run a bundled query by name; rows as dicts of pyoxigraph terms."""
    from kg import queries

    q = queries.get(name)
    variables, rows = store.select(q.bind_values(dict(params)))
    return [dict(zip(variables, row, strict=True)) for row in rows]
