"""The whole query pack gives the same answers on every engine.

The same records (the shared corpus when it is there, else the examples and the query
fixtures) are loaded once into the embedded store, an Oxigraph server and Virtuoso
(tests/servers.py starts them on 127.0.0.1; a missing engine skips), and every bundled
query runs with sample parameters on each. Answers must be identical: rows as multisets
where the query has no ORDER BY, as lists where it has one (the pack's orders are total);
literals compared by value (numbers as numbers, booleans as booleans), so engine
datatype habits (``xsd:int`` counts, ``"1"`` for true) do not count as differences.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

import kg
from kg import clusters, queries
from kg.cli.vocab import load_mesh_graph, vocab_graph_iri
from kg.linking.lazy import LazyLinker
from kg.mapping import MappingOptions
from kg.parsers.base import Rejected
from kg.reading import read_records
from kg.stores import GraphStore, Row, loading
from kg.stores.embedded import EmbeddedStore
from kg.stores.remote import RemoteStore

from .conftest import CORPUS, EXAMPLES, FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers
from servers import clear, oxigraph_store, virtuoso_store

oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    XSD + t
    for t in (
        "integer", "decimal", "double", "float", "int", "long", "short", "byte",
        "nonNegativeInteger", "positiveInteger", "unsignedInt", "unsignedLong",
    )
}  # fmt: skip
PLAIN = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral"}
ORDER_BY = re.compile(r"^\s*ORDER\s+BY\b", re.IGNORECASE | re.MULTILINE)
USE_CORPUS = CORPUS.is_dir()

# Sample parameters: on the corpus, values that give answers there; else on the fixtures.
CORPUS_PARAMS: dict[str, list[dict[str, str]]] = {
    "trial-overview": [{"trial_id": "NCT02586688"}, {"trial_id": "ChiCTR2000029308"}],
    "eligibility-criteria": [{"trial_id": "NCT02586688"}],
    "trials-by-condition": [{"condition": "covid"}],
    "trials-by-intervention": [{"intervention": "chloroquine"}],
    "trials-by-sponsor": [{"sponsor": "university"}],
    "trials-by-title": [{"words": "coronavirus pneumonia"}, {"words": "COVID-19"}],
    "trials-by-country": [{"country": "CN"}, {"country": "korea"}],
    "recruiting-trials": [{"condition": "covid", "country": "china"}],
    "trials-open-to-person": [{"age": "30", "sex": "female"}, {"age": "0.5", "sex": "male"}],
    "interventions-per-condition": [{"condition": "pneumonia"}],
    "study-registrations": [{"trial_id": "NCT05697861"}, {"trial_id": "NCT09999916"}],
    "trials-for-concept": [{"concept": "D018352"}, {"concept": "D012140"}],
    "interventions-for-disease": [{"concept": "D012140"}],
    "trials-excluding": [{"term": "pregnancy"}, {"term": "hepatitis"}, {"term": "D000086382"}],
    "criteria-thresholds": [{"quantity": "eGFR"}, {"quantity": "ALT"}],
}
CORPUS_PARAMS["trials-open-to-person"].append(
    {"age": "67", "sex": "female", "quantity": "egfr", "value": "40"}
)
FIXTURE_PARAMS: dict[str, list[dict[str, str]]] = {
    "trial-overview": [{"trial_id": "NCT90000001"}],
    "eligibility-criteria": [{"trial_id": "NCT90000001"}],
    "trials-by-condition": [{"condition": "testitis"}],
    "trials-by-intervention": [{"intervention": "examplomab"}],
    "trials-by-sponsor": [{"sponsor": "example"}],
    "trials-by-title": [{"words": "fictional examplomab"}],
    "trials-by-country": [{"country": "CN"}, {"country": "ruritania"}],
    "recruiting-trials": [{"condition": "examplosis", "country": "china"}],
    "trials-open-to-person": [{"age": "30", "sex": "female"}, {"age": "0.5", "sex": "male"}],
    "interventions-per-condition": [{"condition": "testitis"}],
    "study-registrations": [{"trial_id": "NCT09999916"}],
    "trials-for-concept": [{"concept": "D012140"}],
    "interventions-for-disease": [{"concept": "D008171"}],
    "trials-excluding": [{"term": "pregnancy"}, {"term": "insulin"}],
    "criteria-thresholds": [{"quantity": "FEV1"}],
}
FIXTURE_PARAMS["trials-open-to-person"].append(
    {"age": "30", "sex": "female", "quantity": "FEV1", "value": "60"}
)
PARAMS = CORPUS_PARAMS if USE_CORPUS else FIXTURE_PARAMS

Cell = tuple[str, ...]


def cases() -> list[tuple[str, dict[str, str]]]:
    """Every (query, parameters) pair to run: queries without parameters run once."""
    found: list[tuple[str, dict[str, str]]] = []
    for q in queries.all_queries():
        if q.params and q.name not in PARAMS:
            raise AssertionError(f"give sample parameters for {q.name} in PARAMS")
        for params in PARAMS.get(q.name, [{}]):
            found.append((q.name, params))
    return found


def case_id(case: tuple[str, dict[str, str]]) -> str:
    name, params = case
    return name + "".join(f"[{v}]" for _, v in sorted(params.items()))


def inputs() -> list[str]:
    """The records to load: the corpus (less the retired v1 JSON API), else the fixtures."""
    if USE_CORPUS:
        return [
            str(p) for p in sorted(CORPUS.iterdir()) if p.is_dir() and p.name != "ctgov-v1-json"
        ]
    return [str(EXAMPLES), str(FIXTURES / "queries" / "trials.xml")]


def loadable() -> list[loading.TrialGraph]:
    records = [r for r in read_records(inputs()) if not isinstance(r, Rejected)]
    return kg.to_graphs(records, MappingOptions(linker=LazyLinker()))  # linked: concept queries


def norm(term: NamedNode | Literal | BlankNode | None) -> Cell:
    """A term compared by value: numbers as Decimal, booleans as true/false, strings plain."""
    if term is None:
        return ("unbound",)
    if isinstance(term, NamedNode):
        return ("iri", term.value)
    if isinstance(term, BlankNode):
        return ("bnode",)
    datatype = term.datatype.value
    if term.language:
        return ("lang", term.value, term.language.lower())
    if datatype in NUMERIC:
        try:
            return ("num", format(Decimal(term.value).normalize(), "f"))
        except InvalidOperation:
            return ("num?", term.value)
    if datatype == XSD + "boolean":
        return ("bool", str(term.value.strip().lower() in ("true", "1")))
    if datatype in PLAIN:
        return ("str", term.value)
    return ("lit", term.value, datatype)


def norm_rows(rows: list[Row]) -> list[tuple[Cell, ...]]:
    return [tuple(norm(t) for t in row) for row in rows]


@pytest.fixture(scope="module")
def graphs() -> list[loading.TrialGraph]:
    return loadable()


def _extras(store: GraphStore) -> list[str]:
    """What load builds beyond the trial graphs: a trial replaced by a newer version (its
    history graph) and the study clusters (corpus and a fictional pair); the graphs added."""
    for version in ("v1", "v2"):
        path = FIXTURES / "history" / f"NCT09999914.{version}.json"
        loading.load(kg.to_graphs(kg.parse([str(path)])), store)
    loading.load(kg.to_graphs(kg.parse([str(FIXTURES / "queries" / "registrations.xml")])), store)
    clusters.rebuild(store)
    _, rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(CONTAINS(STR(?g), '/history/') || CONTAINS(STR(?g), 'NCT0999991') "
        "|| CONTAINS(STR(?g), 'ISRCTN09999915') || STRENDS(STR(?g), '/graph/clusters')) }"
    )
    return [r[0].value for r in rows if r[0] is not None]


@pytest.fixture(scope="module")
def embedded(graphs: list[loading.TrialGraph]) -> EmbeddedStore:
    store = EmbeddedStore()
    report = loading.load(graphs, store)
    assert report.loaded == len(graphs), report.failed
    load_mesh_graph(store)
    _extras(store)
    return store


def _loaded(store: RemoteStore, graphs: list[loading.TrialGraph]) -> Iterator[GraphStore]:
    """The server loaded with the graphs for the module, emptied of them afterwards."""
    clear(store)
    extra: list[str] = []
    try:
        report = loading.load(graphs, store)
        assert report.loaded == len(graphs), report.failed[:3]
        load_mesh_graph(store)
        extra = _extras(store)
        yield store
    finally:
        names = [g.graph for g in graphs] + [vocab_graph_iri()] + extra
        for start in range(0, len(names), 200):
            store.run_update(
                " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names[start : start + 200])
            )
        store.close()


@pytest.fixture(scope="module")
def oxigraph(oxigraph_server: object, graphs: list[loading.TrialGraph]) -> Iterator[GraphStore]:
    from kg.stores.servers import OxigraphServer

    assert isinstance(oxigraph_server, OxigraphServer)
    yield from _loaded(oxigraph_store(oxigraph_server), graphs)


@pytest.fixture(scope="module")
def virtuoso(virtuoso_server: object, graphs: list[loading.TrialGraph]) -> Iterator[GraphStore]:
    from kg.stores.virtuoso_server import VirtuosoServer

    assert isinstance(virtuoso_server, VirtuosoServer)
    # Graph Store PUTs: Virtuoso's SPARQL compiler runs out of memory on the INSERT DATA of
    # the largest corpus trial (NCT02465060, thousands of contacts and sites).
    yield from _loaded(virtuoso_store(virtuoso_server, "put"), graphs)


_reference: dict[str, tuple[list[str], list[tuple[Cell, ...]]]] = {}


def reference(
    store: EmbeddedStore, name: str, params: dict[str, str]
) -> tuple[list[str], list[tuple[Cell, ...]]]:
    """The embedded store's answer (computed once per case)."""
    key = case_id((name, params))
    if key not in _reference:
        variables, rows = store.select(queries.get(name).bind_values(params))
        _reference[key] = (variables, norm_rows(rows))
    return _reference[key]


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_pack_on_embedded_store(embedded: EmbeddedStore, case: tuple[str, dict[str, str]]) -> None:
    """On good data a violation query finds nothing and a report query finds something."""
    name, params = case
    _variables, rows = reference(embedded, name, params)
    if queries.get(name).kind == "violation":
        assert rows == [], f"{name} finds problems in good data: {rows[:5]}"
    else:
        assert rows, f"{name} {params} answers nothing: pick parameters that show it working"


@pytest.mark.parametrize("engine", ["oxigraph", "virtuoso"])
@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_same_answers_on_every_engine(
    request: pytest.FixtureRequest,
    embedded: EmbeddedStore,
    engine: str,
    case: tuple[str, dict[str, str]],
) -> None:
    name, params = case
    store: GraphStore = request.getfixturevalue(engine)
    q = queries.get(name)
    variables, expected = reference(embedded, name, params)
    got_variables, got_rows = store.select(q.bind_values(params))
    got = norm_rows(got_rows)
    assert got_variables == variables
    if ORDER_BY.search(q.text):
        if got != expected:
            first = next(
                (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
                min(len(got), len(expected)),
            )
            pytest.fail(
                f"{engine} answers {name} differently ({len(got)} rows vs {len(expected)}), "
                f"first difference at row {first}:\n"
                f"  {engine}: {got[first : first + 2]}\n  embedded: {expected[first : first + 2]}"
            )
    else:
        missing = Counter(expected) - Counter(got)
        extra = Counter(got) - Counter(expected)
        assert not missing and not extra, (
            f"{engine} answers {name} differently: missing {list(missing)[:3]}, "
            f"extra {list(extra)[:3]}"
        )


PAGED = [case for case in cases() if "# page" in queries.get(case[0]).text]


@pytest.mark.parametrize("engine", ["embedded", "oxigraph", "virtuoso"])
@pytest.mark.parametrize("case", PAGED, ids=case_id)
def test_pages_are_slices_of_every_row(
    request: pytest.FixtureRequest,
    embedded: EmbeddedStore,
    engine: str,
    case: tuple[str, dict[str, str]],
) -> None:
    """A query that finds its page's keys first (a ``# page`` block) gives, on every engine,
    the rows of the whole answer from offset to offset + limit, and counts them all."""
    name, params = case
    store: GraphStore = embedded if engine == "embedded" else request.getfixturevalue(engine)
    q = queries.get(name)
    _variables, expected = reference(embedded, name, params)
    for limit, offset in ((2, 0), (3, 1), (len(expected), 0), (5, max(len(expected) - 2, 0))):
        _names, rows = store.select(q.page(params, limit=limit, offset=offset))
        assert norm_rows(rows) == expected[offset : offset + limit], (name, limit, offset)
    _names, total = store.select(q.count(params))
    assert total[0][0] is not None and int(total[0][0].value) == len(expected)
