"""A trial's history: the version a newer record replaces is kept, with what changed.

When ``load`` replaces a trial graph, the previous graph is kept in a history
graph of its own (``<base>history/<ID>/<version>-<digest>``) that describes
itself as a ``tkg:TrialVersion``: ``tkg:versionOf`` the trial, its
``tkg:versionDate``, the version that replaced it (``tkg:replacedByVersion``),
the fields that changed (``tkg:changedField``) and the whole previous graph as
N-Triples (``tkg:snapshot``). Nothing in a history graph is typed
``tkg:Trial``, so the trial queries never see old versions.

>>> before = TrialView(iri="t", graph="g", trial_id="T1", target_size=40, status="recruiting")
>>> after = TrialView(iri="t", graph="g", trial_id="T1", target_size=60, status="recruiting")
>>> [(c.field, c.before, c.after) for c in changes(before, after)]
[('target-size', '40', '60')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pyoxigraph import Literal, RdfFormat, parse

from kg.iris import encode
from kg.mapping import TrialGraph
from kg.namespaces import RDF, TKG
from kg.stores import GraphStore, StoreError
from kg.views import Graph, TrialView, find_graph, read_graph, view_of


class Field(StrEnum):
    """What ``trialkg history`` compares between versions."""

    STATUS = "status"
    PHASE = "phase"
    REGISTRATION_DATE = "registration-date"
    FIRST_ENROLMENT = "first-enrolment"
    PRIMARY_COMPLETION = "primary-completion"
    COMPLETION = "completion"
    TARGET_SIZE = "target-size"
    ACTUAL_ENROLMENT = "actual-enrolment"
    PRIMARY_OUTCOMES = "primary-outcomes"
    SECONDARY_OUTCOMES = "secondary-outcomes"
    CRITERIA = "criteria"
    AGE_LIMITS = "age-limits"
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str


def _values(v: TrialView) -> dict[Field, str]:
    def join(items: Iterable[str]) -> str:
        return "\n".join(items)

    return {
        Field.STATUS: v.status or "",
        Field.PHASE: join(v.phases),
        Field.REGISTRATION_DATE: v.registration_date or "",
        Field.FIRST_ENROLMENT: v.first_enrolment or "",
        Field.PRIMARY_COMPLETION: v.primary_completion or "",
        Field.COMPLETION: v.completion or "",
        Field.TARGET_SIZE: "" if v.target_size is None else str(v.target_size),
        Field.ACTUAL_ENROLMENT: "" if v.actual_enrolment is None else str(v.actual_enrolment),
        Field.PRIMARY_OUTCOMES: join(
            f"{o.measure} [{o.time_frame or ''}]" for o in v.outcomes if o.kind == "primary"
        ),
        Field.SECONDARY_OUTCOMES: join(o.measure for o in v.outcomes if o.kind != "primary"),
        Field.CRITERIA: join(f"{c.kind}: {c.text}" for c in v.criteria),
        Field.AGE_LIMITS: f"{v.min_age_years or ''}-{v.max_age_years or ''}",
        Field.TITLE: v.public_title or "",
    }


def changes(before: TrialView, after: TrialView) -> list[Change]:
    """The fields whose values differ between two versions of a trial, in :class:`Field` order."""
    old, new = _values(before), _values(after)
    return [Change(f.value, old[f], new[f]) for f in Field if old[f] != new[f]]


def view_of_ntriples(ntriples: bytes, graph: str) -> TrialView | None:
    """The view of a trial graph given as N-Triples (a snapshot or a graph about to be loaded)."""
    triples = parse(ntriples, RdfFormat.N_TRIPLES)
    return _view(Graph([(t.subject, t.predicate, t.object) for t in triples]), graph)  # type: ignore[misc]


def _view(g: Graph, graph: str) -> TrialView | None:
    about = g.iris(graph, TKG.aboutTrial)
    return view_of(g, graph, about[0]) if about else None


def _stored(store: GraphStore, graph: str) -> tuple[Graph, bytes]:
    """A stored graph, walked and as sorted N-Triples (one query)."""
    _, rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    found = [(s, p, o) for s, p, o in rows if s is not None and p is not None and o is not None]
    lines = sorted({f"{s} {p} {o} .\n" for s, p, o in found})
    return Graph(found), "".join(lines).encode("utf-8")


def graph_ntriples(store: GraphStore, graph: str) -> bytes:
    """A stored graph as sorted N-Triples."""
    return _stored(store, graph)[1]


def history_graph(trial_graph: str, trial_id: str, version: str | None, digest: str) -> str:
    """The IRI of the history graph of one kept version (beside the trial graph's base).

    >>> history_graph("https://w3id.org/trialkg/id/graph/NCT1", "NCT1", "2021-07", "sha256:abcdef")
    'https://w3id.org/trialkg/id/history/NCT1/2021-07-abcdef'
    """
    base = trial_graph.rsplit("graph/", 1)[0]
    tail = digest.split(":", 1)[-1][:12]
    return f"{base}history/{encode(trial_id)}/{version or 'undated'}-{tail}"


def keep(store: GraphStore, replacing: Iterable[TrialGraph]) -> int:
    """Before trial graphs are replaced, keep each stored version in its history graph.

    Returns the number of versions kept. A version that cannot be read or
    written is skipped (the load goes on; history is an extra, not the data).
    """
    kept = 0
    for item in replacing:
        try:
            stored, old_nt = _stored(store, item.graph)
            old = _view(stored, item.graph)
            new = view_of_ntriples(item.ntriples(), item.graph)
            if old is None or new is None:
                continue
            digest = "sha256:" + hashlib.sha256(old_nt).hexdigest()
            h = history_graph(item.graph, item.trial_id, old.version, digest)
            store.replace_graphs({h: _version_triples(h, old, new, old_nt)})
            kept += 1
        except StoreError:
            continue
    return kept


def _version_triples(h: str, old: TrialView, new: TrialView, snapshot: bytes) -> bytes:
    node = f"<{h}>"
    lines = [
        f"{node} <{RDF.type.value}> <{TKG.TrialVersion.value}> .",
        f"{node} <{TKG.versionOf.value}> <{old.iri}> .",
        f"{node} <{TKG.snapshot.value}> {Literal(snapshot.decode('utf-8'))} .",
    ]
    if old.version:
        lines.append(f"{node} <{TKG.versionDate.value}> {Literal(old.version)} .")
    if new.version:
        lines.append(f"{node} <{TKG.replacedByVersion.value}> {Literal(new.version)} .")
    for c in changes(old, new):
        lines.append(f"{node} <{TKG.changedField.value}> {Literal(c.field)} .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class Version:
    version: str | None
    view: TrialView
    current: bool


def versions(store: GraphStore, trial: str) -> list[Version]:
    """Every kept version of a trial (ID or IRI), oldest first, the stored one last."""
    found = find_graph(store, trial)
    if found is None:
        return []
    graph, iri = found
    current = view_of(read_graph(store, graph), graph, iri)
    _, rows = store.select(
        "SELECT ?h ?s WHERE { GRAPH ?h { ?h a <"
        + TKG.TrialVersion.value
        + "> ; <"
        + TKG.versionOf.value
        + f"> <{iri}> ; <"
        + TKG.snapshot.value
        + "> ?s } }"
    )
    kept: list[Version] = []
    for h, s in rows:
        if h is None or s is None:
            continue
        view = view_of_ntriples(s.value.encode("utf-8"), graph)
        if view is not None:
            kept.append(Version(view.version, view, False))
    kept.sort(key=lambda v: (v.version or "", v.view.trial_id))
    return [*kept, Version(current.version, current, True)]


__all__ = [
    "Change",
    "Field",
    "Version",
    "changes",
    "graph_ntriples",
    "history_graph",
    "keep",
    "versions",
    "view_of_ntriples",
]
