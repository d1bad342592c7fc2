"""Pytest fixtures for real stores: embedded, Oxigraph server and Virtuoso on 127.0.0.1.

Import the fixtures into a test module (this file sits beside the tests)::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from servers import any_store, oxigraph_server, virtuoso_server  # noqa: F401

``any_store`` is parametrized over every backend (and both remote write methods) and
hands each test an empty store. The servers are started once per session in temporary
directories and stopped at the end; a backend whose software is missing is skipped
with the command that installs it.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kg.stores import GraphStore
from kg.stores.embedded import EmbeddedStore
from kg.stores.remote import RemoteStore
from kg.stores.servers import OxigraphServer, free_port, which_oxigraph
from kg.stores.virtuoso_server import VirtuosoServer, which_virtuoso

BACKENDS = ["embedded", "oxigraph-update", "oxigraph-put", "virtuoso-update", "virtuoso-put"]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An Oxigraph server on a temporary database, for the whole session."""
    if which_oxigraph() is None:
        pytest.skip("oxigraph CLI not installed: pip install oxigraph")
    with OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db") as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso server on a temporary database (dba/dba), for the whole session."""
    if which_virtuoso() is None:
        pytest.skip("virtuoso-t not installed: run scripts/install-virtuoso.sh (Debian, as root)")
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def oxigraph_store(server: OxigraphServer, method: str = "update") -> RemoteStore:
    """A client for the Oxigraph server (``method`` "update" or "put")."""
    return RemoteStore(
        server.store_url, method="put" if method == "put" else "update", backoff=0.05
    )


def virtuoso_store(server: VirtuosoServer, method: str = "update") -> RemoteStore:
    """A client for the Virtuoso server, as dba over the digest-auth endpoints."""
    return RemoteStore(
        server.store_url,
        user=server.user,
        password=server.password,
        auth="digest",
        method="put" if method == "put" else "update",
        backoff=0.05,
        retries=1,
    )


def clear(store: GraphStore) -> None:
    """Drop every named graph but the engine's own system graphs."""
    if isinstance(store, EmbeddedStore):
        store.store.clear()
        return
    assert isinstance(store, RemoteStore)
    _, rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = [r[0].value for r in rows if r[0] is not None]
    drops = [f"DROP SILENT GRAPH <{g}>" for g in graphs if not g.startswith(store.ignore_graphs)]
    if drops:
        store.run_update(" ;\n".join(drops))


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend in turn (embedded on disk, then the two servers)."""
    name: str = request.param
    store: GraphStore
    if name == "embedded":
        store = EmbeddedStore(tmp_path / "store")
    elif name.startswith("oxigraph"):
        server = request.getfixturevalue("oxigraph_server")
        store = oxigraph_store(server, name.split("-")[1])
    else:
        server = request.getfixturevalue("virtuoso_server")
        store = virtuoso_store(server, name.split("-")[1])
    clear(store)
    try:
        yield store
    finally:
        clear(store)
        store.close()


@contextlib.contextmanager
def trialkg_serve(store_dir: Path, *extra: str) -> Iterator[str]:
    """Run ``trialkg serve`` on a store (a free port on 127.0.0.1); yields its base URL."""
    if which_oxigraph() is None:
        pytest.skip("oxigraph CLI not installed: pip install oxigraph")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--port", str(port),
         *extra],
        stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
