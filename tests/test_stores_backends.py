"""Every backend (embedded, Oxigraph server, Virtuoso) loads, upserts and answers alike.

The servers are real: started by the fixtures in tests/servers.py on 127.0.0.1 with
temporary databases. Fixtures are fictional trials in tests/fixtures/stores/.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from kg.stores import CONTENT_DIGEST, SOURCE_RANK, VERSION_DATE, GraphStore, Row, StoreError
from kg.stores.embedded import EmbeddedStore
from kg.stores.loading import TrialGraph, load, trial_graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers
from servers import clear, oxigraph_store, virtuoso_store

any_store = servers.any_store
oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stores"
X = "https://example.org/tkgtest/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "double", "float", "int")
}

Norm = tuple[str, ...]

NONE = dict.fromkeys(["loaded", "replaced", "unchanged", "stale", "superseded", "failed"], 0)


def read_fixture(name: str) -> TrialGraph:
    """A fixture file as a TrialGraph, its version, rank and digest read from its metadata."""
    data = (FIXTURES / name).read_bytes()
    graph = version = digest = None
    rank = 0
    for line in data.decode("utf-8").splitlines():
        parts = line.split(" ", 2)
        if len(parts) < 3:
            continue
        value = parts[2].split('"')[1] if '"' in parts[2] else ""
        if parts[1] == f"<{CONTENT_DIGEST}>":
            graph, digest = parts[0][1:-1], value
        elif parts[1] == f"<{VERSION_DATE}>":
            version = value
        elif parts[1] == f"<{SOURCE_RANK}>":
            rank = int(value)
    trial_id = name.split(".")[0]
    if graph is None or digest is None:  # trial_bad.nt parses the same way, by text
        raise AssertionError(f"{name} has no metadata")
    lines = tuple(data.decode("utf-8").splitlines(keepends=True))
    return TrialGraph(graph, trial_id, version, rank, digest, lines)


def norm(term: object) -> Norm:
    """A term compared by value: numbers as numbers, blank nodes all alike."""
    if isinstance(term, NamedNode):
        return ("iri", term.value)
    if isinstance(term, BlankNode):
        return ("bnode",)
    if isinstance(term, Literal):
        value = term.value
        if term.datatype.value in NUMERIC:
            with contextlib.suppress(InvalidOperation):
                value = str(Decimal(value).normalize())
            return ("num", value)
        return ("lit", value, term.language or term.datatype.value)
    if term is None:
        return ("unbound",)
    raise TypeError(term)


def norm_rows(rows: Iterable[Row]) -> set[tuple[Norm, ...]]:
    return {tuple(norm(t) for t in row) for row in rows}


def file_triples(name: str) -> set[tuple[Norm, ...]]:
    return norm_rows(
        (t.subject, t.predicate, t.object)
        for t in parse((FIXTURES / name).read_bytes(), RdfFormat.N_TRIPLES)
    )


def graph_triples(store: GraphStore, graph: str) -> set[tuple[Norm, ...]]:
    _, rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return norm_rows(rows)


A, B, C = "trial_a_v1.nt", "trial_b.nt", "trial_c.nt"
GRAPH_A = X + "graph/TKG-A"


def test_load_reload_unchanged(any_store: GraphStore) -> None:
    trials = [read_fixture(n) for n in (A, B, C)]
    first = load(trials, any_store, batch_size=2)
    assert first.counts() == {**NONE, "loaded": 3}
    expected = sum(len(file_triples(n)) for n in (A, B, C))
    assert any_store.count_triples() == expected
    again = load(trials, any_store, batch_size=2)
    assert again.counts()["unchanged"] == 3 and again.total == 3
    assert any_store.count_triples() == expected


def test_newer_version_leaves_exactly_its_triples(any_store: GraphStore) -> None:
    load([read_fixture(A), read_fixture(B)], any_store)
    report = load([read_fixture("trial_a_v2.nt")], any_store)
    assert report.replaced == 1 and report.total == 1
    assert graph_triples(any_store, GRAPH_A) == file_triples("trial_a_v2.nt")
    assert graph_triples(any_store, X + "graph/TKG-B") == file_triples(B)


def test_older_version_is_stale_and_changes_nothing(any_store: GraphStore) -> None:
    load([read_fixture(A)], any_store)
    before = graph_triples(any_store, GRAPH_A)
    report = load([read_fixture("trial_a_v0.nt")], any_store)
    assert report.counts() == {**NONE, "stale": 1}
    detail = report.stale_details[0]
    assert (detail.version, detail.kept_version) == ("2020-03", "2021-07-12")
    assert graph_triples(any_store, GRAPH_A) == before == file_triples(A)


def test_shared_label_survives_replacing_one_trial(any_store: GraphStore) -> None:
    load([read_fixture(A), read_fixture(B)], any_store)
    load([read_fixture("trial_a_v2.nt")], any_store)  # A no longer mentions the headache node
    query = f"""SELECT ?g ?label WHERE {{
      GRAPH ?g {{ <{X}cond/headache> <{RDFS_LABEL}> ?label }} }}"""
    _, rows = any_store.select(query)
    assert norm_rows(rows) == {(("iri", X + "graph/TKG-B"), ("lit", "Headache", "en"))}
    _, rows = any_store.select(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ <{X}org/acme> <{RDFS_LABEL}> 'Acme Research' }} }}"
    )
    assert {r[0].value for r in rows if r[0] is not None} == {GRAPH_A, X + "graph/TKG-B"}


def test_bad_graph_fails_the_rest_load(any_store: GraphStore) -> None:
    trials = [read_fixture(n) for n in (A, "trial_bad.nt", B, C)]
    report = load(trials, any_store, batch_size=4, retries=1)
    assert report.loaded == 3
    assert [tid for tid, _ in report.failed] == ["trial_bad"]
    assert "graph/TKG-BAD" in report.failed[0][1] or "IRI" in report.failed[0][1]
    assert not any_store.ask(f"ASK {{ GRAPH <{X}graph/TKG-BAD> {{ ?s ?p ?o }} }}")
    assert graph_triples(any_store, X + "graph/TKG-C") == file_triples(C)


def test_literals_round_trip(any_store: GraphStore) -> None:
    load([read_fixture(A), read_fixture(C)], any_store)
    assert graph_triples(any_store, GRAPH_A) == file_triples(A)
    assert graph_triples(any_store, X + "graph/TKG-C") == file_triples(C)
    # exact lexical forms and datatypes where engines must keep them
    _, rows = any_store.select(
        f"SELECT ?o WHERE {{ GRAPH <{GRAPH_A}> {{ <{X}trial/TKG-A> <{X}startDate> ?o }} }}"
    )
    assert rows == [(Literal("2021-03-01", datatype=NamedNode(XSD_DATE)),)]


XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def test_very_long_literal_round_trips(any_store: GraphStore) -> None:
    text = ('Line "one"\n\ttab \\ backslash é 中 😀 ' * 3000)[:100_000]
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    body = f'<{X}trial/L> <{X}criteria> "{escaped}" .\n'.encode()
    report = load([trial_graph(X + "graph/L", "L", body, version="2021")], any_store)
    assert report.loaded == 1, report.failed
    _, rows = any_store.select(
        f"SELECT ?o WHERE {{ GRAPH <{X}graph/L> {{ ?s <{X}criteria> ?o }} }}"
    )
    assert len(rows) == 1 and rows[0][0] is not None
    assert rows[0][0].value == text


QUERIES = {
    "trials_by_sponsor": f"""SELECT ?trial ?label WHERE {{
        GRAPH ?g {{ ?trial <{X}sponsor> ?org . ?org <{RDFS_LABEL}> ?label }} }}""",
    "phase_counts": f"""SELECT ?phase (COUNT(DISTINCT ?trial) AS ?n) WHERE {{
        GRAPH ?g {{ ?trial <{X}phase> ?phase }} }} GROUP BY ?phase""",
    "enrollment_over_20": f"""SELECT ?trial ?n ?start WHERE {{
        GRAPH ?g {{ ?trial <{X}enrollment> ?n FILTER(?n > 20)
                   OPTIONAL {{ ?trial <{X}startDate> ?start }} }} }}""",
    "graph_versions": f"""SELECT ?g ?v ?r WHERE {{
        GRAPH ?g {{ ?g <{SOURCE_RANK}> ?r OPTIONAL {{ ?g <{VERSION_DATE}> ?v }} }} }}""",
}


def test_same_answers_on_every_backend(
    tmp_path: Path, oxigraph_server: object, virtuoso_server: object
) -> None:
    from kg.stores.servers import OxigraphServer
    from kg.stores.virtuoso_server import VirtuosoServer

    assert isinstance(oxigraph_server, OxigraphServer)
    assert isinstance(virtuoso_server, VirtuosoServer)
    stores: dict[str, GraphStore] = {
        "embedded": EmbeddedStore(tmp_path / "store"),
        "oxigraph": oxigraph_store(oxigraph_server),
        "virtuoso": virtuoso_store(virtuoso_server),
    }
    answers: dict[str, dict[str, set[tuple[Norm, ...]]]] = {}
    try:
        for name, store in stores.items():
            clear(store)
            report = load([read_fixture(n) for n in (A, B, C)], store)
            assert report.loaded == 3, name
            answers[name] = {q: norm_rows(store.select(text)[1]) for q, text in QUERIES.items()}
    finally:
        for store in stores.values():
            clear(store)
            store.close()
    for query in QUERIES:
        assert answers["embedded"][query], query  # the queries do find something
        assert answers["oxigraph"][query] == answers["embedded"][query], query
        assert answers["virtuoso"][query] == answers["embedded"][query], query


def test_virtuoso_large_update_batches_are_split(virtuoso_server: object) -> None:
    """One INSERT DATA of a 200-trial batch exceeds Virtuoso's SQL limit (SP031): it is split."""
    from kg.stores.virtuoso_server import VirtuosoServer

    assert isinstance(virtuoso_server, VirtuosoServer)
    store = virtuoso_store(virtuoso_server, "update")
    clear(store)
    trials = []
    for i in range(40):
        body = "".join(
            f'<{X}trial/S{i}> <{X}criterion> "criterion {k} of S{i}" .\n' for k in range(60)
        )
        trials.append(trial_graph(f"{X}graph/S{i}", f"S{i}", body.encode(), version="2021-01"))
    try:
        store.replace_graphs({t.graph: t.ntriples() for t in trials})  # one call, no halving
        assert store.count_triples() == 40 * (60 + 5)  # 60 body + 5 metadata triples each
        unsplit = virtuoso_store(virtuoso_server, "update")
        unsplit.max_update_triples = 10**6
        with pytest.raises(StoreError, match="SP031"):
            unsplit.replace_graphs({t.graph: t.ntriples() for t in trials})
        unsplit.close()
    finally:
        clear(store)
        store.close()
