"""One study, several registrations: ``tkg:StudyCluster`` from the IDs the records give.

Each trial node is joined to the registration keys of its own ID, its
secondary IDs and its EU trial number (:func:`kg.registry_ids.registration_key`),
and to the stored trials it names as related records; connected trials form
one cluster (transitively). Clusters live in their own graph
(``<base>graph/clusters``), rebuilt from the whole store by each ``load``;
each registration keeps its own graph. :func:`conflicts` lists where the
registrations of a cluster disagree (target size, start date, status, phase).

>>> uf = _UnionFind()
>>> uf.union("a", "k1"); uf.union("b", "k1"); uf.union("c", "k2")
>>> uf.find("a") == uf.find("b") != uf.find("c")
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Literal

from kg.iris import encode
from kg.namespaces import RDF, RDFS, TKG
from kg.registry_ids import registration_key
from kg.stores import GraphStore
from kg.views import TrialView, read_trial

CLUSTER_GRAPH = "graph/clusters"


@dataclass(frozen=True, slots=True)
class Cluster:
    iri: str
    trials: tuple[str, ...]  # trial IRIs, sorted
    trial_ids: tuple[str, ...]
    keys: tuple[str, ...]  # the registration keys that joined them


@dataclass(frozen=True, slots=True)
class Conflict:
    cluster: str
    field: str
    values: tuple[tuple[str, str], ...]  # (trial ID, value)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _pairs(store: GraphStore, path: str) -> list[tuple[str, str]]:
    _, rows = store.select(
        f"SELECT ?t ?v WHERE {{ GRAPH ?g {{ ?g <{TKG.aboutTrial.value}> ?t . ?t {path} ?v }} }}"
    )
    return [(t.value, v.value) for t, v in rows if t is not None and v is not None]


def base_of(trial_iri: str) -> str:
    """The data base of a trial IRI.

    >>> base_of("https://w3id.org/trialkg/id/trial/NCT04946669")
    'https://w3id.org/trialkg/id/'
    """
    return trial_iri.rsplit("trial/", 1)[0]


def find_clusters(store: GraphStore) -> list[Cluster]:
    """The clusters of two or more stored trials, sorted by IRI."""
    ids = dict(_pairs(store, f"<{TKG.trialId.value}>"))
    uf = _UnionFind()
    keys: dict[str, set[str]] = defaultdict(set)

    def join(trial: str, value: str) -> None:
        key = registration_key(value)
        if key is not None:
            uf.union(trial, "key:" + key)
            keys[trial].add(key)

    for trial, trial_id in ids.items():
        uf.find(trial)
        join(trial, trial_id)
    secondary = f"<{TKG.secondaryId.value}>/<{TKG.identifierValue.value}>"
    for trial, value in _pairs(store, secondary):
        join(trial, value)
    for trial, number in _pairs(store, f"<{TKG.euTrialNumber.value}>"):
        join(trial, number)
    for trial, other in _pairs(store, f"<{TKG.relatedRecord.value}>"):
        if other in ids:
            uf.union(trial, other)
    members: dict[str, list[str]] = defaultdict(list)
    for trial in ids:
        members[uf.find(trial)].append(trial)
    clusters = []
    for trials in members.values():
        if len(trials) < 2:
            continue
        trials.sort(key=lambda t: ids[t])
        first = ids[trials[0]]
        iri = f"{base_of(trials[0])}cluster/{encode(first)}"
        joined = sorted(set().union(*(keys[t] for t in trials)))
        clusters.append(Cluster(iri, tuple(trials), tuple(ids[t] for t in trials), tuple(joined)))
    return sorted(clusters, key=lambda c: c.iri)


def cluster_graph(store: GraphStore) -> str | None:
    """The IRI of the clusters graph (under the store's data base), or None for an empty store."""
    _, rows = store.select(
        f"SELECT ?t WHERE {{ GRAPH ?g {{ ?g <{TKG.aboutTrial.value}> ?t }} }} LIMIT 1"
    )
    if not rows or rows[0][0] is None:
        return None
    return base_of(rows[0][0].value) + CLUSTER_GRAPH


def rebuild(store: GraphStore) -> list[Cluster]:
    """Replace the clusters graph with the clusters of the store as it is now."""
    graph = cluster_graph(store)
    if graph is None:
        return []
    clusters = find_clusters(store)
    if not clusters and not store.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
        return []  # nothing to write, nothing to clear
    # the graph describes itself, so it is never empty (some engines refuse an empty INSERT)
    lines = [
        f"<{graph}> <{RDFS.label.value}> {Literal('trialkg study clusters (rebuilt by load)')} ."
    ]
    for c in clusters:
        node = f"<{c.iri}>"
        lines.append(f"{node} <{RDF.type.value}> <{TKG.StudyCluster.value}> .")
        label = Literal("Study registered as " + ", ".join(c.trial_ids))
        lines.append(f"{node} <{RDFS.label.value}> {label} .")
        lines += [f"{node} <{TKG.registration.value}> <{t}> ." for t in c.trials]
        lines += [f"{node} <{TKG.registrationKey.value}> {Literal(k)} ." for k in c.keys]
    store.replace_graphs({graph: ("\n".join(sorted(lines)) + "\n").encode("utf-8")})
    return clusters


def _same_date(a: str, b: str) -> bool:
    """Dates agree when one is the other at a coarser precision ("2020-03" vs "2020-03-30")."""
    return a.startswith(b) or b.startswith(a)


def conflicts(store: GraphStore, cluster: Cluster) -> list[Conflict]:
    """Where the registrations of one cluster disagree."""
    views = [v for v in (read_trial(store, t) for t in cluster.trials) if v is not None]
    fields: dict[str, list[tuple[str, str]]] = {
        "target size": [(v.trial_id, str(v.target_size)) for v in views if v.target_size],
        "status": [(v.trial_id, v.status) for v in views if v.status],
        "phase": [(v.trial_id, "+".join(v.phases)) for v in views if v.phases],
        "start date": [(v.trial_id, v.first_enrolment) for v in views if v.first_enrolment],
    }
    found = []
    for name, values in fields.items():
        distinct = {value for _, value in values}
        if name == "start date":
            agree = all(_same_date(a, b) for a in distinct for b in distinct)
        else:
            agree = len(distinct) <= 1
        if not agree:
            found.append(Conflict(cluster.iri, name, tuple(values)))
    return found


def views_of(store: GraphStore, cluster: Cluster) -> list[TrialView]:
    return [v for v in (read_trial(store, t) for t in cluster.trials) if v is not None]


def cluster_at(store: GraphStore, iri: str) -> Cluster | None:
    """A stored cluster (from the clusters graph) by its IRI."""
    _, rows = store.select(
        f"SELECT ?t ?id ?k WHERE {{ GRAPH ?c {{ <{iri}> <{TKG.registration.value}> ?t "
        f"OPTIONAL {{ <{iri}> <{TKG.registrationKey.value}> ?k }} }} "
        f"GRAPH ?g {{ ?g <{TKG.aboutTrial.value}> ?t . ?t <{TKG.trialId.value}> ?id }} }}"
    )
    members = sorted({(i.value, t.value) for t, i, _ in rows if t is not None and i is not None})
    if not members:
        return None
    keys = sorted({k.value for _, _, k in rows if k is not None})
    return Cluster(iri, tuple(t for _, t in members), tuple(i for i, _ in members), tuple(keys))


def clusters_of(store: GraphStore, trial_iri: str) -> list[str]:
    """The cluster IRIs a trial belongs to (from the clusters graph)."""
    _, rows = store.select(
        f"SELECT ?c WHERE {{ GRAPH ?g {{ ?c <{TKG.registration.value}> <{trial_iri}> }} }}"
    )
    return sorted(r[0].value for r in rows if r[0] is not None)


__all__ = [
    "CLUSTER_GRAPH",
    "Cluster",
    "Conflict",
    "base_of",
    "cluster_at",
    "cluster_graph",
    "clusters_of",
    "conflicts",
    "find_clusters",
    "rebuild",
    "views_of",
]
