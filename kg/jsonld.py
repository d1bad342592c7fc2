"""JSON-LD output compacted with the context shipped in ontologies/context.jsonld.

rdflib writes nodes and values in the order of its sets, which follows Python's
string hash seed: the arrays are sorted afterwards (all but ``@list`` values, the
only ordered arrays of JSON-LD), so the same input gives the same bytes every run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset

from kg.mapping import TrialGraph
from kg.resources import data_dir


def context() -> dict[str, Any]:
    """The shipped JSON-LD context (prefixes and the common terms)."""
    path = data_dir("ontologies") / "context.jsonld"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def compact_graphs(graphs: Iterable[TrialGraph]) -> tuple[dict[str, Any], int]:
    """A JSON-LD document (one named graph per trial) and its statement count."""
    lines = sorted({line for g in graphs for line in g.nquad_lines() + g.shared_nquad_lines()})
    ds = Dataset()
    ds.parse(data="".join(lines), format="nquads")
    ctx = context()
    text = ds.serialize(format="json-ld", context=ctx["@context"], auto_compact=True)
    doc: dict[str, Any] = json.loads(text)
    if isinstance(doc, list):
        doc = {"@context": ctx["@context"], "@graph": doc}
    doc = {key: _sorted(value, key) for key, value in doc.items() if key != "@context"}
    doc["@context"] = ctx["@context"]  # inline: the output parses offline
    doc.setdefault("@graph", [])
    return doc, len(lines)


def _sorted(value: Any, key: str | None = None) -> Any:
    """``value`` with every array sorted (by its items' JSON), except ``@list`` values.

    >>> _sorted({"@graph": [{"@id": "b", "p": [2, 1]}, {"@id": "a", "@list": [2, 1]}]})
    {'@graph': [{'@id': 'a', '@list': [2, 1]}, {'@id': 'b', 'p': [1, 2]}]}
    """
    if isinstance(value, dict):
        return {k: _sorted(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value
