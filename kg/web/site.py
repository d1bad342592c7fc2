"""The browsable side of ``trialkg serve``: every IRI under the base answers at its own path.

``https://w3id.org/trialkg/id/trial/X`` is served at ``/trialkg/id/trial/X``:
HTML for browsers, Turtle / JSON-LD / N-Triples by content negotiation or
``?format=``, always with ``Vary: Accept``. ``/`` is the dataset overview (plots
drawn on the server, a search box), ``/search`` searches titles and
conditions, ``/sparql`` is a query page over the read-only endpoint. Templates
autoescape (Jinja2); no page needs JavaScript.

>>> site = Site.__new__(Site); site.origin, site.prefix = "https://w3id.org", "/trialkg/id/"
>>> site.local("https://w3id.org/trialkg/id/trial/NCT1"), site.local("https://example.org/x")
('/trialkg/id/trial/NCT1', 'https://example.org/x')
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from kg.clusters import cluster_at, clusters_of, conflicts
from kg.exports import mesh_id
from kg.iris import DEFAULT_BASE
from kg.namespaces import MESH_NS, PREFIXES, RDFS, SCHEMA, SKOS, TKG, TKG_NS
from kg.resources import data_dir
from kg.stores import GraphStore, StoreError
from kg.stores.embedded import EmbeddedStore
from kg.views import code, find_graph, read_graph, view_of
from kg.web import plots
from kg.web.highlight import segments
from kg.web.negotiation import FORMATS, negotiate

_IRI_PATH = re.compile(r"[^\s<>\"{}|\\^`]+")


@dataclass(slots=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """Pages and RDF descriptions read from ``store`` (any :class:`GraphStore`)."""

    def __init__(self, store: GraphStore, base: str = DEFAULT_BASE) -> None:
        self.store = store
        parts = urlsplit(base)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.prefix = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.env = Environment(
            loader=PackageLoader("kg.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        self.env.filters["local"] = self.local
        self.env.filters["code"] = code
        self.env.filters["segments"] = segments
        self._plots: dict[str, str] = {}
        self.terms = _terms_store()  # ontology and vocabularies: their IRIs answer too
        terms = urlsplit(TKG_NS)
        same_host = f"{terms.scheme}://{terms.netloc}" == self.origin
        self.terms_prefix = terms.path if same_host else None

    def local(self, iri: str) -> str:
        """The local path of an IRI under the base (other IRIs stay as they are)."""
        if iri.startswith(self.origin + self.prefix):
            return iri[len(self.origin) :]
        return iri

    # -- routing --------------------------------------------------------

    def handle(self, path: str, accept: str | None) -> Response:
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        route = parts.path
        try:
            if route in ("/", "/index.html"):
                return self._html("overview.html", plots=plots.PLOTS, title="trialkg",
                                  totals=self._totals())  # fmt: skip
            if route.startswith("/plots/") and route.endswith(".svg"):
                return self._plot(route[len("/plots/") : -len(".svg")])
            if route == "/search":
                return self._search(query.get("q", ""))
            if route == "/sparql":
                return self._sparql(query.get("query", ""))
            served = route.startswith(self.prefix) or (
                self.terms_prefix is not None and route.startswith(self.terms_prefix)
            )
            if served:
                if not _IRI_PATH.fullmatch(route):  # the path goes into SPARQL as an IRI
                    return Response(400, "text/plain; charset=utf-8", b"not an IRI path\n")
                return self._resource(self.origin + route, accept, query.get("format"))
        except StoreError as exc:
            return Response(502, "text/plain; charset=utf-8", f"store error: {exc}\n".encode())
        return self._html("message.html", status=404, title="Not found",
                          message=f"Nothing is served at {route}.")  # fmt: skip

    def _totals(self) -> dict[str, int]:
        """How many trials and study clusters the store holds."""
        totals = {}
        for name, pattern in (
            ("trials", f"?g <{TKG.aboutTrial.value}> ?x"),
            ("clusters", f"?x a <{TKG.StudyCluster.value}>"),
        ):
            _, rows = self.store.select(
                f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }}"
            )
            cell = rows[0][0] if rows else None
            totals[name] = int(cell.value) if cell is not None else 0
        return totals

    def _html(self, template: str, status: int = 200, **values: object) -> Response:
        body = self.env.get_template(template).render(**values).encode("utf-8")
        return Response(status, FORMATS["html"][0], body)

    def _plot(self, name: str) -> Response:
        if name not in plots.PLOTS:
            return Response(404, "text/plain; charset=utf-8", b"no such plot\n")
        if name not in self._plots:
            self._plots[name] = plots.plot(self.store, name)
        return Response(200, "image/svg+xml", self._plots[name].encode("utf-8"))

    # -- pages ----------------------------------------------------------

    def _search(self, text: str) -> Response:
        hits: list[tuple[str, str, str]] = []
        if text.strip():
            needle = Literal(text.strip().lower())
            _, rows = self.store.select(
                "SELECT DISTINCT ?t ?id ?title WHERE { GRAPH ?g { "
                f"?g <{TKG.aboutTrial.value}> ?t . ?t <{TKG.trialId.value}> ?id . "
                f"OPTIONAL {{ ?t <{TKG.publicTitle.value}> ?title }} "
                f"{{ ?t <{TKG.publicTitle.value}>|<{TKG.scientificTitle.value}> ?text }} UNION "
                f"{{ ?t <{TKG.conditionMention.value}>/<{TKG.reportedText.value}> ?text }} "
                f"FILTER(CONTAINS(LCASE(STR(?text)), {needle})) }} }} ORDER BY ?id LIMIT 200"
            )
            hits = [(t.value, i.value, ti.value if ti else "") for t, i, ti in rows if t and i]
        return self._html("search.html", title=f"Search: {text}", q=text, hits=hits)

    def _sparql(self, text: str) -> Response:
        variables: list[str] = []
        rows: list[list[tuple[str, bool]]] = []
        error = ""
        if text.strip():
            try:
                variables, found = self.store.select(text)
                rows = [[(c.value, isinstance(c, NamedNode)) if c is not None else ("", False)
                         for c in row] for row in found[:1000]]  # fmt: skip
            except StoreError as exc:
                error = str(exc)
        return self._html("sparql.html", title="SPARQL", query=text, variables=variables,
                          rows=rows, error=error)  # fmt: skip

    def _resource(self, iri: str, accept: str | None, fmt: str | None) -> Response:
        chosen = negotiate(accept, fmt)
        if chosen is None:
            return Response(406, "text/plain; charset=utf-8",
                            b"offered: text/html, text/turtle, application/ld+json, "
                            b"application/n-triples\n", {"Vary": "Accept"})  # fmt: skip
        trial = find_graph(self.store, iri) if "/trial/" in iri else None
        if trial is not None and trial[1] != iri:
            trial = None
        triples = self._triples(iri, trial[0] if trial else None)
        if not triples:
            response = self._html("message.html", status=404, title="Not found",
                                  message=f"The store says nothing about {iri}.")  # fmt: skip
            response.headers["Vary"] = "Accept"
            return response
        media, rdf_format = FORMATS[chosen]
        if rdf_format is not None:
            body = serialize(triples, format=rdf_format, prefixes=PREFIXES)
            return Response(200, media, body or b"", {"Vary": "Accept"})
        if trial is not None:
            response = self._trial_page(trial[0], iri)
        else:
            response = self._resource_page(iri, triples)
        response.headers["Vary"] = "Accept"
        return response

    def _triples(self, iri: str, graph: str | None) -> list[Triple]:
        """What is said about an IRI: a trial's whole graph, else its triples in any graph."""
        if graph is not None:
            query = f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        else:
            query = (
                f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} "
                f"BIND(<{iri}> AS ?s) }}"
            )
        _, rows = self.store.select(query)
        if graph is None:
            rows += self.terms.select(query)[1]
        found = [
            Triple(s, p, o)
            for s, p, o in rows
            if isinstance(s, NamedNode | BlankNode) and isinstance(p, NamedNode) and o is not None
        ]
        return sorted(found, key=str)

    def _trial_page(self, graph: str, iri: str) -> Response:
        view = view_of(read_graph(self.store, graph), graph, iri)
        registrations: list[tuple[str, str]] = []
        clusters = clusters_of(self.store, iri)
        for cluster in clusters:
            _, rows = self.store.select(
                f"SELECT DISTINCT ?t ?id WHERE {{ GRAPH ?c {{ <{cluster}> "
                f"<{TKG.registration.value}> ?t }} GRAPH ?g {{ ?t <{TKG.trialId.value}> ?id }} }}"
                " ORDER BY ?id"
            )
            registrations += [(t.value, i.value) for t, i in rows if t and i and t.value != iri]
        sites: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for name, city, country in view.sites:
            sites[country or "country not given"].append((name, city))
        mesh = {m: mesh_id(m) for c in (*view.conditions, *view.interventions) for m in c.links}
        return self._html("trial.html", title=view.title, v=view, clusters=clusters,
                          registrations=registrations, sites=sorted(sites.items()),
                          mesh=mesh, mesh_ns=MESH_NS)  # fmt: skip

    def _resource_page(self, iri: str, triples: list[Triple]) -> Response:
        props: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        label = iri
        for t in triples:
            value = str(t.object) if isinstance(t.object, Triple) else t.object.value
            props[self._short(t.predicate.value)].append((value, isinstance(t.object, NamedNode)))
            if t.predicate in (RDFS.label, SKOS.prefLabel, SCHEMA.name):
                label = value
        _, rows = self.store.select(
            f"SELECT DISTINCT ?t ?id ?title WHERE {{ GRAPH ?g {{ ?t ?p <{iri}> . "
            f"?t <{TKG.trialId.value}> ?id OPTIONAL {{ ?t <{TKG.publicTitle.value}> ?title }} }} }}"
            " ORDER BY ?id LIMIT 500"
        )
        trials = [(t.value, i.value, ti.value if ti else "") for t, i, ti in rows if t and i]
        cluster = cluster_at(self.store, iri) if "/cluster/" in iri else None
        disagreements = conflicts(self.store, cluster) if cluster is not None else []
        return self._html("resource.html", title=label, iri=iri, props=sorted(props.items()),
                          trials=trials, conflicts=disagreements)  # fmt: skip

    @staticmethod
    def _short(iri: str) -> str:
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri


def _terms_store() -> EmbeddedStore:
    """trialkg's ontology and controlled vocabularies, in memory (one graph)."""
    store = EmbeddedStore()
    for name in ("trialkg.ttl", "vocab.ttl"):
        store.store.load(path=str(data_dir("ontologies") / name), format=RdfFormat.TURTLE,
                         to_graph=NamedNode(TKG_NS))  # fmt: skip
    return store


__all__ = ["Response", "Site"]
