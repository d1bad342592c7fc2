"""RemoteStore over HTTP: URLs per flavour, auth, retries and clear errors (a local fake server)."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.stores import StoreError
from kg.stores.remote import RemoteStore, detect_flavour, insert_data, short_lines_first
from kg.stores.servers import free_port

RESULTS = {
    "head": {"vars": ["o"]},
    "results": {"bindings": [{"o": {"type": "literal", "value": "1.50", "datatype": "x:d"}}]},
}


class Fake:
    """Scripted answers: a list of (status, body); the last one repeats."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, bytes]] = [(200, json.dumps(RESULTS).encode())]
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []


@pytest.fixture
def fake() -> Iterator[tuple[Fake, str]]:
    state = Fake()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.requests.append((self.command, self.path, dict(self.headers), body))
            status, payload = state.answers.pop(0) if len(state.answers) > 1 else state.answers[0]
            self.send_response(status)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_flavours_and_urls() -> None:
    assert detect_flavour("http://h/sparql-graph-crud") == "virtuoso"
    ox = RemoteStore("http://h:7878/store")
    assert (ox.sparql, ox.update_url, ox.method) == (
        "http://h:7878/query",
        "http://h:7878/update",
        "update",
    )
    assert (
        ox.graph_url("http://e.org/g?x=1")
        == "http://h:7878/store?graph=http%3A%2F%2Fe.org%2Fg%3Fx%3D1"
    )
    virt = RemoteStore("http://h:8890/sparql-graph-crud")
    assert (virt.sparql, virt.method) == ("http://h:8890/sparql", "put")
    generic = RemoteStore(
        "http://h/ds/data", sparql="http://h/ds/sparql", update="http://h/ds/update"
    )
    assert (generic.flavour, generic.sparql, generic.update_url) == (
        "generic",
        "http://h/ds/sparql",
        "http://h/ds/update",
    )
    assert generic.graph_url("urn:g") == "http://h/ds/data?graph=urn%3Ag"


def test_select_with_basic_auth(fake: tuple[Fake, str]) -> None:
    state, base = fake
    store = RemoteStore(base + "/data", sparql=base + "/sparql", user="u", password="secret")
    names, rows = store.select("SELECT ?o {}")
    assert names == ["o"] and rows[0][0] is not None and rows[0][0].value == "1.50"
    method, path, headers, body = state.requests[0]
    assert (method, path) == ("POST", "/sparql")
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"u:secret").decode()
    assert headers["Accept"] == "application/sparql-results+json"
    assert body.startswith(b"query=SELECT")


def test_password_from_environment(fake: tuple[Fake, str], monkeypatch: pytest.MonkeyPatch) -> None:
    state, base = fake
    monkeypatch.setenv("TRIALKG_PASSWORD", "from-env")
    RemoteStore(base + "/data", sparql=base + "/sparql", user="u").select("SELECT ?o {}")
    expected = "Basic " + base64.b64encode(b"u:from-env").decode()
    assert state.requests[0][2]["Authorization"] == expected


def test_5xx_is_retried_then_succeeds(fake: tuple[Fake, str]) -> None:
    state, base = fake
    state.answers = [(503, b"busy"), (502, b"bad gateway"), (200, json.dumps(RESULTS).encode())]
    store = RemoteStore(base + "/store", retries=3, backoff=0.001)
    assert store.select("SELECT ?o {}")[1]
    assert len(state.requests) == 3


def test_5xx_beyond_retries_raises_transient(fake: tuple[Fake, str]) -> None:
    state, base = fake
    state.answers = [(503, b"still busy")]
    store = RemoteStore(base + "/store", retries=2, backoff=0.001)
    with pytest.raises(StoreError, match="failed after 3 tries: HTTP 503: still busy") as err:
        store.ask("ASK {}")
    assert err.value.transient and len(state.requests) == 3


@pytest.mark.parametrize(
    ("status", "body"),
    [(400, b"Parser error: bad IRI"), (500, b"Virtuoso 37000 Error SP030: SPARQL compiler")],
)
def test_refused_requests_are_not_retried(fake: tuple[Fake, str], status: int, body: bytes) -> None:
    state, base = fake
    state.answers = [(status, body)]
    store = RemoteStore(base + "/sparql-graph-crud", retries=3, backoff=0.001)
    with pytest.raises(StoreError, match=f"HTTP {status}") as err:
        store.run_update("CLEAR ALL")
    assert not err.value.transient and len(state.requests) == 1


def test_connection_refused_is_a_store_error() -> None:
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/store", retries=1, backoff=0.001)
    with pytest.raises(StoreError, match="ConnectionError"):
        store.ask("ASK {}")


def test_put_and_update_requests(fake: tuple[Fake, str]) -> None:
    state, base = fake
    state.answers = [(204, b"")]
    nt = b'<urn:s> <urn:p> "caf\xc3\xa9" .\n'
    RemoteStore(base + "/store", method="put").replace_graphs({"urn:g1": nt, "urn:g2": nt})
    RemoteStore(base + "/store", method="update").replace_graphs({"urn:g1": nt})
    puts = [r for r in state.requests if r[0] == "PUT"]
    assert [p[1] for p in puts] == ["/store?graph=urn%3Ag1", "/store?graph=urn%3Ag2"]
    assert puts[0][3] == nt and puts[0][2]["Content-Type"].startswith("application/n-triples")
    method, path, headers, body = state.requests[-1]
    assert (method, path) == ("POST", "/update")
    assert headers["Content-Type"].startswith("application/sparql-update")
    assert body.decode("utf-8") == insert_data({"urn:g1": nt})
    assert "café" in body.decode("utf-8")


def test_bad_data_never_reaches_the_server(fake: tuple[Fake, str]) -> None:
    state, base = fake
    for method in ("put", "update"):
        store = RemoteStore(base + "/store", method=method)
        with pytest.raises(StoreError, match="urn:bad") as err:
            store.replace_graphs(
                {"urn:ok": b"<urn:s> <urn:p> <urn:o> .", "urn:bad": b"<a b> <c> <d> ."}
            )
        assert not err.value.transient
    assert not [r for r in state.requests if r[0] == "POST" and r[1] == "/update"]


def test_updates_are_chunked(fake: tuple[Fake, str]) -> None:
    state, base = fake
    state.answers = [(200, b"")]
    store = RemoteStore(base + "/store", method="update", max_update_triples=3)
    graphs = {
        f"urn:g{i}": b"<urn:s> <urn:p> <urn:o> .\n<urn:s> <urn:p> <urn:x> .\n" for i in range(3)
    }
    store.replace_graphs(graphs)
    bodies = [r[3].decode() for r in state.requests]
    assert len(bodies) == 4  # one DROP for all, then one INSERT DATA per chunk
    assert bodies[0].count("DROP SILENT GRAPH") == 3 and "INSERT" not in bodies[0]
    assert all(b.startswith("INSERT DATA") and b.count("GRAPH <") == 1 for b in bodies[1:])


def test_short_lines_first_keeps_every_line() -> None:
    data = b'<urn:s> <urn:p> "' + b"x" * 100 + b'" .\n<urn:s> <urn:p> <urn:o> .\n'
    moved = short_lines_first(data, limit=50)
    assert moved.startswith(b"<urn:s> <urn:p> <urn:o> .")
    assert sorted(moved.splitlines()) == sorted(data.splitlines())
    assert short_lines_first(data) is data
