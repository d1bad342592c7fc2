"""JSON-LD output compacted with the context shipped in ontologies/context.jsonld."""

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
    lines = sorted({line for g in graphs for line in g.nquad_lines()})
    ds = Dataset()
    ds.parse(data="".join(lines), format="nquads")
    ctx = context()
    text = ds.serialize(format="json-ld", context=ctx["@context"], auto_compact=True)
    doc: dict[str, Any] = json.loads(text)
    if isinstance(doc, list):
        doc = {"@context": ctx["@context"], "@graph": doc}
    doc["@context"] = ctx["@context"]  # inline: the output parses offline
    doc.setdefault("@graph", [])
    return doc, len(lines)
