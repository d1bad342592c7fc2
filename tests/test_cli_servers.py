"""The CLI against real servers: load/query over --endpoint, serve, export (127.0.0.1 only)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from pyoxigraph import RdfFormat, Store, parse

from kg.cli import main
from kg.stores.servers import OxigraphServer
from kg.stores.virtuoso_server import VirtuosoServer

from . import servers
from .conftest import EXAMPLES

oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server
RUN = CliRunner()


def _load(args: list[str], env: dict[str, str] | None = None) -> str:
    result = RUN.invoke(main, ["load", str(EXAMPLES), *args], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_load_and_query_over_endpoint_oxigraph(oxigraph_server: OxigraphServer) -> None:
    servers.clear(servers.oxigraph_store(oxigraph_server))
    endpoint = ["--endpoint", oxigraph_server.store_url]
    assert "2 loaded" in _load(endpoint)
    assert "0 loaded, 0 replaced, 2 unchanged" in _load(endpoint)
    result = RUN.invoke(main, ["query", "trials-by-condition", "--param", "condition=asthma",
                               *endpoint, "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [r["trialId"] for r in json.loads(result.stdout)] == ["NCT90000001"]


def test_load_over_endpoint_virtuoso_password_from_env(virtuoso_server: VirtuosoServer) -> None:
    servers.clear(servers.virtuoso_store(virtuoso_server))
    args = ["--endpoint", virtuoso_server.store_url, "--user", virtuoso_server.user]
    missing = RUN.invoke(main, ["load", str(EXAMPLES), *args], env={"TRIALKG_PASSWORD": None})
    assert missing.exit_code == 2 and "TRIALKG_PASSWORD" in missing.stderr
    assert "2 loaded" in _load(args, env={"TRIALKG_PASSWORD": virtuoso_server.password})
    result = RUN.invoke(main, ["query", "trial-overview", "--param", "trial_id=NCT90000001",
                               *args, "--format", "csv"],
                        env={"TRIALKG_PASSWORD": virtuoso_server.password})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Example University Hospital" in result.stdout


@pytest.fixture
def loaded_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    _load(["--store", str(store)])
    return store


@pytest.fixture
def served(loaded_store: Path) -> Iterator[str]:
    with servers.trialkg_serve(loaded_store) as url:
        yield url + "/query"


def test_serve_answers_sparql(served: str) -> None:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = requests.get(
        served, params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.ok
    # the two example trials' graphs and the countries' vocabulary graph (kg.mapping.countries)
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "3"


def test_export_shards_and_description(loaded_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump" / "trials.nq.gz"
    result = RUN.invoke(main, ["export", "--store", str(loaded_store), "-o", str(out),
                               "--shard-size", "20KB"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shards = sorted((tmp_path / "dump").glob("trials-*.nq.gz"))
    assert len(shards) > 1
    quads = [q for s in shards for q in parse(gzip.decompress(s.read_bytes()),
                                                format=RdfFormat.N_QUADS)]  # fmt: skip
    original = Store(str(loaded_store))
    assert len(quads) == len(original)
    void = Store()
    void.load(path=str(tmp_path / "dump" / "trials.void.ttl"), format=RdfFormat.TURTLE)
    rows = list(
        void.query("""
        PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?triples ?entities ?rights WHERE {
          ?d void:triples ?triples ; void:entities ?entities ; dcterms:rights ?rights }""")
    )
    assert {int(r["triples"].value) for r in rows} == {len(quads)}
    assert {int(r["entities"].value) for r in rows} == {2}
    assert any("WHO ICTRP" in r["rights"].value for r in rows)


def _rights(store: Path, tmp_path: Path) -> set[str]:
    out = tmp_path / "out" / "trials.nq.gz"
    result = RUN.invoke(main, ["export", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    void = Store()
    void.load(path=str(tmp_path / "out" / "trials.void.ttl"), format=RdfFormat.TURTLE)
    found = void.query("SELECT ?r WHERE { ?d <http://purl.org/dc/terms/rights> ?r }")
    return {str(r["r"].value) for r in found}  # type: ignore[union-attr]


def test_export_of_linked_store_attributes_mesh(tmp_path: Path) -> None:
    """MeSH links in the export: the description names NLM and the MeSH year."""
    plain, linked = tmp_path / "plain", tmp_path / "linked"
    _load(["--store", str(plain)])
    _load(["--store", str(linked), "--link"])
    assert not any("National Library of Medicine" in r for r in _rights(plain, tmp_path / "p"))
    rights = _rights(linked, tmp_path / "l")
    assert any("MeSH 2024" in r and "National Library of Medicine" in r for r in rights)
