"""Read a trial back from a store: its named graph walked into a :class:`TrialView`.

Exports, the web pages and ``trialkg history`` read trials from the graph, not
from the parser model, so they keep working for any store that holds trialkg
graphs (embedded or remote) and whatever the mapping adds later. A view only
reads what the graph says; absent values stay empty.

>>> from kg.stores.embedded import EmbeddedStore
>>> from kg.model import TrialRecord, Provenance
>>> from kg.mapping import trial_graph
>>> g = trial_graph(TrialRecord("NCT00000001", Provenance("ctgov-json", "x.json", 1),
...                 public_title="A fictional trial", conditions=["Asthma"]))
>>> store = EmbeddedStore()
>>> store.replace_graphs({g.graph: g.ntriples()})
>>> view = read_trial(store, "NCT00000001")
>>> view.trial_id, view.public_title, [c.text for c in view.conditions]
('NCT00000001', 'A fictional trial', ['Asthma'])
>>> find_graph(store, "https://w3id.org/trialkg/id/trial/x> ?p ?o") is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from kg.namespaces import DCTERMS, MESH_NS, RDF, RDFS, SCHEMA, SKOS, TKG
from kg.stores import GraphStore, Term

Node = dict[str, list[Term]]
_IRI = re.compile(r"[^\s<>\"{}|\\^`]+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Mention:
    """A reported condition or intervention, its shared concept and its links (MeSH...)."""

    text: str
    concept: str | None
    kind: str | None = None  # intervention type code
    links: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Criterion:
    kind: str  # inclusion | exclusion
    position: int
    text: str
    iri: str = ""
    constraints: tuple[tuple[int, int, str], ...] = ()  # (span start, end, kind) in the text


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # primary | secondary | other
    position: int
    measure: str
    time_frame: str | None


@dataclass(frozen=True, slots=True)
class SecondaryId:
    value: str
    scheme: str | None
    trial: str | None  # the trial IRI it identifies, where the mapper linked one


@dataclass(frozen=True, slots=True)
class Source:
    """A source record: format, publisher, licence, attribution."""

    iri: str
    source_format: str
    publisher: str | None
    licence: str | None
    rights: str | None
    modified: str | None


@dataclass(slots=True)
class TrialView:
    """What one trial graph says, in plain Python values (codes are vocab IRI tails)."""

    iri: str
    graph: str
    trial_id: str
    types: list[str] = field(default_factory=list)
    register: str | None = None
    url: str | None = None
    public_title: str | None = None
    scientific_title: str | None = None
    acronym: str | None = None
    brief_summary: str | None = None
    status: str | None = None
    study_type: str | None = None
    phases: list[str] = field(default_factory=list)
    registration_date: str | None = None
    first_enrolment: str | None = None
    primary_completion: str | None = None
    completion: str | None = None
    last_updated: str | None = None
    version: str | None = None
    target_size: int | None = None
    actual_enrolment: int | None = None
    sponsors: list[tuple[str, str]] = field(default_factory=list)  # (iri, name)
    conditions: list[Mention] = field(default_factory=list)
    interventions: list[Mention] = field(default_factory=list)
    mesh_conditions: list[tuple[str, str]] = field(default_factory=list)  # registry's (id, label)
    mesh_interventions: list[tuple[str, str]] = field(default_factory=list)
    arms: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    inclusion_text: str | None = None
    exclusion_text: str | None = None
    min_age_years: str | None = None
    max_age_years: str | None = None
    gender: str | None = None
    healthy_volunteers: bool | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)  # (code or key, name)
    sites: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    secondary_ids: list[SecondaryId] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.public_title or self.scientific_title or self.trial_id

    @property
    def primary_outcomes(self) -> list[str]:
        return [o.measure for o in self.outcomes if o.kind == "primary"]


class Graph:
    """A trial graph as subject -> predicate -> objects (what the views walk)."""

    def __init__(self, triples: list[tuple[Term, Term, Term]]) -> None:
        self.nodes: dict[str, Node] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.nodes[s.value][p.value].append(o)

    def all(self, s: str, p: NamedNode) -> list[Term]:
        node = self.nodes.get(s)
        return sorted(node.get(p.value, []), key=str) if node else []

    def one(self, s: str, p: NamedNode) -> str | None:
        found = self.all(s, p)
        return found[0].value if found else None

    def iris(self, s: str, p: NamedNode) -> list[str]:
        return [o.value for o in self.all(s, p) if isinstance(o, NamedNode)]

    def integer(self, s: str, p: NamedNode) -> int | None:
        value = self.one(s, p)
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None


def code(iri: str | None) -> str | None:
    """The code of a vocabulary IRI (its last path segment).

    >>> code("https://w3id.org/trialkg/vocab/phase/phase-2")
    'phase-2'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None


def trial_graphs(store: GraphStore) -> list[tuple[str, str]]:
    """(graph IRI, trial IRI) of every trial graph in the store, sorted."""
    _, rows = store.select(
        f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?g <{TKG.aboutTrial.value}> ?t }} }} ORDER BY ?g"
    )
    return [(g.value, t.value) for g, t in rows if g is not None and t is not None]


def find_graph(store: GraphStore, trial: str) -> tuple[str, str] | None:
    """(graph, trial IRI) for a trial given by its main ID or its IRI."""
    if _SCHEME.match(trial):  # an IRI (registry IDs have no scheme)
        if not _IRI.fullmatch(trial):
            return None  # not IRI text: never spliced into a query
        where = f"?g <{TKG.aboutTrial.value}> <{trial}> . BIND(<{trial}> AS ?t)"
    else:
        where = f"?g <{TKG.aboutTrial.value}> ?t . ?t <{TKG.trialId.value}> {Literal(trial)}"
    _, rows = store.select(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ {where} }} }} LIMIT 1")
    for g, t in rows:
        if g is not None and t is not None:
            return g.value, t.value
    return None


def read_graph(store: GraphStore, graph: str) -> Graph:
    _, rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return Graph([(s, p, o) for s, p, o in rows if s is not None and p is not None and o])


def read_trial(store: GraphStore, trial: str) -> TrialView | None:
    """The view of one trial (main ID or IRI), or ``None`` when the store has no such trial."""
    found = find_graph(store, trial)
    if found is None:
        return None
    graph, iri = found
    return view_of(read_graph(store, graph), graph, iri)


def iter_trials(store: GraphStore) -> Iterator[TrialView]:
    """Every trial of the store, in graph order."""
    for graph, iri in trial_graphs(store):
        yield view_of(read_graph(store, graph), graph, iri)


def view_of(g: Graph, graph: str, t: str) -> TrialView:
    """Walk one trial graph into a view."""
    v = TrialView(iri=t, graph=graph, trial_id=g.one(t, TKG.trialId) or code(t) or t)
    v.types = g.iris(t, RDF.type)
    reg = g.iris(t, TKG.register)
    v.register = g.one(reg[0], RDFS.label) if reg else None
    v.url = g.one(t, SCHEMA.url)
    v.public_title = g.one(t, TKG.publicTitle)
    v.scientific_title = g.one(t, TKG.scientificTitle)
    v.acronym = g.one(t, TKG.acronym)
    v.brief_summary = g.one(t, TKG.briefSummary)
    v.status = code(g.one(t, TKG.recruitmentStatus))
    v.study_type = code(g.one(t, TKG.studyType))
    v.phases = [c for c in (code(p) for p in g.iris(t, TKG.phase)) if c]
    v.registration_date = g.one(t, TKG.registrationDate)
    v.first_enrolment = g.one(t, TKG.firstEnrolmentDate)
    v.primary_completion = g.one(t, TKG.primaryCompletionDate)
    v.completion = g.one(t, TKG.completionDate)
    v.last_updated = g.one(t, TKG.lastUpdated) or g.one(t, TKG.lastRefreshed)
    v.version = g.one(graph, TKG.versionDate)
    v.target_size = g.integer(t, TKG.targetSampleSize)
    v.actual_enrolment = g.integer(t, TKG.actualEnrolment)
    for p in (TKG.primarySponsor, TKG.secondarySponsor, TKG.fundingSource):
        for org in g.iris(t, p):
            v.sponsors.append((org, g.one(org, SCHEMA.name) or org))
    v.conditions = _mentions(g, t, TKG.conditionMention)
    v.interventions = _mentions(g, t, TKG.interventionMention)
    for p, codes in (
        (TKG.registryConditionCoding, v.mesh_conditions),
        (TKG.registryInterventionCoding, v.mesh_interventions),
    ):
        for n in sorted(g.iris(t, p), key=_position_key):
            for target in g.iris(n, SKOS.exactMatch):  # MeSH codings match their descriptor
                if target.startswith(MESH_NS):
                    mesh_id = target[len(MESH_NS) :]
                    codes.append((mesh_id, g.one(n, RDFS.label) or mesh_id))
    for n in sorted(g.iris(t, TKG.arm), key=_position_key):
        v.arms.append(
            (g.one(n, RDFS.label) or "", g.one(n, TKG.armType), g.one(n, DCTERMS.description))
        )
    for n in g.iris(t, TKG.eligibilityCriterion):
        kind = "inclusion" if TKG.InclusionCriterion.value in g.iris(n, RDF.type) else "exclusion"
        text = g.one(n, TKG.criterionText) or ""
        v.criteria.append(
            Criterion(kind, g.integer(n, TKG.position) or 0, text, n, _constraints(g, n))
        )
    v.criteria.sort(key=lambda c: (c.kind != "inclusion", c.position))
    v.inclusion_text = g.one(t, TKG.inclusionCriteriaText)
    v.exclusion_text = g.one(t, TKG.exclusionCriteriaText)
    for which, p in (("min", TKG.minimumAge), ("max", TKG.maximumAge)):
        ages = g.iris(t, p)
        years = g.one(ages[0], TKG.ageInYears) if ages else None
        setattr(v, f"{which}_age_years", years)
    v.gender = code(g.one(t, TKG.gender))
    hv = g.one(t, TKG.healthyVolunteers)
    v.healthy_volunteers = None if hv is None else hv == "true"
    for n in g.iris(t, TKG.outcome):
        kind = code(n.rsplit("/", 1)[0]) or "other"
        v.outcomes.append(
            Outcome(
                kind,
                g.integer(n, TKG.position) or 0,
                g.one(n, TKG.measure) or "",
                g.one(n, TKG.timeFrame),
            )
        )
    v.outcomes.sort(key=lambda o: ({"primary": 0, "secondary": 1}.get(o.kind, 2), o.position))
    for c in g.iris(t, TKG.country):
        v.countries.append(_country(g, c))
    for n in sorted(g.iris(t, TKG.site), key=_position_key):
        country = g.iris(n, TKG.country)
        v.sites.append(
            (
                g.one(n, SCHEMA.name) or "",
                g.one(n, TKG.city),
                _country(g, country[0])[1] if country else None,
            )
        )
    for n in sorted(g.iris(t, TKG.secondaryId), key=_position_key):
        linked = g.iris(n, TKG.identifiesTrial)
        v.secondary_ids.append(
            SecondaryId(
                g.one(n, TKG.identifierValue) or "",
                g.one(n, TKG.identifierScheme),
                linked[0] if linked else None,
            )
        )
    v.related = g.iris(t, TKG.relatedRecord)
    for rec in g.iris(t, TKG.sourceRecord):
        v.sources.append(
            Source(
                rec,
                g.one(rec, TKG.sourceFormat) or "",
                g.one(rec, DCTERMS.publisher),
                g.one(rec, DCTERMS.license),
                g.one(rec, DCTERMS.rights),
                g.one(rec, DCTERMS.modified),
            )
        )
    return v


def _constraints(g: Graph, criterion: str) -> tuple[tuple[int, int, str], ...]:
    """(span start, span end, kind) of the structured constraints read from a criterion."""
    found = []
    for k in g.iris(criterion, TKG.constraint):
        start, end = g.integer(k, TKG.spanStart), g.integer(k, TKG.spanEnd)
        kinds = [c for c in g.iris(k, RDF.type) if c != TKG.EligibilityConstraint.value]
        name = (code(kinds[0]) or "") if kinds else ""
        if start is not None and end is not None:
            found.append((start, end, name.removesuffix("Constraint").lower() or "constraint"))
    return tuple(sorted(found))


def _label(g: Graph, node: str) -> str:
    return g.one(node, SKOS.prefLabel) or g.one(node, RDFS.label) or code(node) or node


def _country(g: Graph, node: str) -> tuple[str, str]:
    """A country's code and name: the graph's own, or (a store keeps them once, in the
    countries' vocabulary graph: kg.mapping.countries) the ISO 3166 ones of its IRI."""
    own = g.one(node, TKG.countryCode)
    label = g.one(node, SKOS.prefLabel) or g.one(node, RDFS.label)
    found = None if own or g.one(node, RDFS.label) else _iso_country(code(node) or "")
    if found is not None:
        return found[0], label or found[1]
    return own or code(node) or node, label or code(node) or node


def _iso_country(key: str) -> tuple[str, str] | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=key.upper()) if len(key) == 2 else None
    return (str(found.alpha_2), str(found.name)) if found is not None else None


def _position_key(iri: str) -> tuple[int, str]:
    tail = iri.rsplit("/", 1)[-1]
    return (int(tail), iri) if tail.isdigit() else (1 << 30, iri)


def _mentions(g: Graph, t: str, p: NamedNode) -> list[Mention]:
    found: list[tuple[int, Mention]] = []
    for n in g.iris(t, p):
        concepts = g.iris(n, TKG.mentions)
        links = tuple(g.iris(n, SKOS.exactMatch) + g.iris(n, SKOS.closeMatch))
        text = g.one(n, TKG.interventionName) or g.one(n, TKG.reportedText) or ""
        kind = code(g.one(n, TKG.interventionType))
        mention = Mention(text, concepts[0] if concepts else None, kind, links)
        found.append((g.integer(n, TKG.position) or 0, mention))
    return [m for _, m in sorted(found, key=lambda x: x[0])]


__all__ = [
    "Criterion",
    "Graph",
    "Mention",
    "Outcome",
    "SecondaryId",
    "Source",
    "TrialView",
    "code",
    "find_graph",
    "iter_trials",
    "read_graph",
    "read_trial",
    "trial_graphs",
    "view_of",
]
