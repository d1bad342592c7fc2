"""Remote SPARQL 1.1 endpoints: Graph Store HTTP Protocol, SPARQL Query and Update over HTTP.

Flavours differ only in URLs and parameter names:

======== ======================== ===================== =========================
flavour  Graph Store (endpoint)   graph parameter       query / update URL
======== ======================== ===================== =========================
oxigraph ``.../store``            ``graph``             ``.../query`` ``.../update``
virtuoso ``.../sparql-graph-crud-auth``  ``graph-uri``  ``.../sparql-auth`` (both)
generic  any                      ``graph``             ``sparql=`` (default: endpoint)
======== ======================== ===================== =========================

>>> RemoteStore("http://127.0.0.1:7878/store").sparql
'http://127.0.0.1:7878/query'
>>> s = RemoteStore("http://127.0.0.1:8890/sparql-graph-crud-auth", user="dba", password="dba")
>>> s.flavour, s.sparql, s.graph_url("urn:g")
('virtuoso', 'http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-graph-crud-auth?graph-uri=urn%3Ag')
"""

from __future__ import annotations

import copy
import os
import random
import re
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Literal as Lit
from urllib.parse import quote, urlsplit

import requests
from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse_query_results,
)
from pyoxigraph import serialize as ox_serialize
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.namespaces import LDP_NS, VIRTRDF_NS
from kg.stores import GraphMeta, Row, StoreError, metadata_from_rows, metadata_query
from kg.stores.embedded import parse_graph

Flavour = Lit["oxigraph", "virtuoso", "generic"]
Method = Lit["update", "put"]

PASSWORD_ENV = "TRIALKG_PASSWORD"  # where the password comes from when none is passed
_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
# Virtuoso answers 500 for errors in the request itself; these SQL states are not transient.
_VIRTUOSO_STATE = re.compile(r"Virtuoso (\w{5}) Error|<h3>Error (\w{5})</h3>")
_PERMANENT_STATES = ("37", "22", "42", "S0", "RD")
_VIRTUOSO_SYSTEM = (VIRTRDF_NS, LDP_NS)


def detect_flavour(endpoint: str) -> Flavour:
    """Guess the server from the Graph Store URL's path.

    >>> detect_flavour("http://h:7878/store"), detect_flavour("http://h/sparql-graph-crud-auth")
    ('oxigraph', 'virtuoso')
    >>> detect_flavour("http://h:3030/ds/data")
    'generic'
    """
    path = urlsplit(endpoint).path.rstrip("/")
    if "sparql-graph-crud" in path:
        return "virtuoso"
    if path.endswith("/store"):
        return "oxigraph"
    return "generic"


def _derive_sparql(endpoint: str, flavour: Flavour) -> tuple[str, str]:
    if flavour == "oxigraph":
        base = endpoint.rstrip("/")[: -len("/store")]
        return base + "/query", base + "/update"
    if flavour == "virtuoso":
        parts = urlsplit(endpoint)
        auth = parts.path.rstrip("/").endswith("-auth")
        url = f"{parts.scheme}://{parts.netloc}/sparql{'-auth' if auth else ''}"
        return url, url
    return endpoint, endpoint


def insert_data(graphs: Mapping[str, bytes], *, drop: bool = True) -> str:
    """One SPARQL UPDATE that replaces each graph: ``DROP SILENT GRAPH`` + ``INSERT DATA``.

    The N-Triples are parsed and written again by pyoxigraph first: that checks them,
    renames blank nodes apart and leaves no ``\\u`` escapes (which SPARQL would decode
    before parsing the string they sit in).

    >>> print(insert_data({"urn:g": b'<urn:s> <urn:p> "a\\\\u0022b" .'}))
    DROP SILENT GRAPH <urn:g> ;
    INSERT DATA {
    GRAPH <urn:g> {
    <urn:s> <urn:p> "a\\"b" .
    }
    }
    """
    parts = [f"DROP SILENT GRAPH <{g}> ;" for g in graphs] if drop else []
    body = []
    for graph, data in graphs.items():
        triples = [q.triple for q in parse_graph(graph, data)]
        text = (ox_serialize(triples, format=RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        body.append(f"GRAPH <{graph}> {{\n{text}}}")
    parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
    return "\n".join(parts)


def short_lines_first(ntriples: bytes, limit: int = 4096) -> bytes:
    """Move lines longer than ``limit`` bytes to the end (N-Triples order carries no meaning).

    Virtuoso's Graph Store endpoint guesses the body's type from its first 64 KiB whatever
    the Content-Type says, and refuses a body whose first line is longer than that.

    >>> short_lines_first(b"<a:s> <a:p> \\"xxxxxx\\" .\\n<a:s> <a:p> <a:o> .\\n", limit=20)
    b'<a:s> <a:p> <a:o> .\\n<a:s> <a:p> "xxxxxx" .\\n'
    """
    lines = ntriples.splitlines()
    if all(len(line) <= limit for line in lines):
        return ntriples
    lines.sort(key=lambda line: len(line) > limit)
    return b"\n".join(lines) + b"\n"


class RemoteStore:
    """A SPARQL 1.1 server reached over HTTP.

    ``endpoint`` is the Graph Store URL; ``sparql``/``update`` default per flavour.
    ``method`` chooses how :meth:`replace_graphs` writes: ``"update"`` sends one SPARQL
    UPDATE per batch, ``"put"`` one Graph Store PUT per graph. Connection errors,
    timeouts, 429 and 5xx are retried ``retries`` times with exponential backoff and
    jitter, then raised as :class:`StoreError`. With ``user`` and no ``password``, the
    password is read from the environment variable ``TRIALKG_PASSWORD``.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        sparql: str | None = None,
        update: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: Lit["basic", "digest"] | None = None,
        flavour: Flavour | None = None,
        method: Method | None = None,
        workers: int | None = None,
        max_update_triples: int | None = None,
        timeout: float = 300.0,
        retries: int = 3,
        backoff: float = 0.5,
        ignore_graphs: Sequence[str] | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.flavour: Flavour = flavour or detect_flavour(endpoint)
        query_url, update_url = _derive_sparql(endpoint, self.flavour)
        self.sparql = sparql or query_url
        self.update_url = update or (
            sparql if sparql and self.flavour != "oxigraph" else update_url
        )
        # Measured (bench/bench_stores.py): SPARQL UPDATE batches are fastest on Oxigraph;
        # Virtuoso compiles INSERT DATA slowly and caps the SQL it generates (SP031), so
        # it gets parallel per-graph PUTs, and updates there are cut into small requests.
        self.method: Method = method or ("update" if self.flavour == "oxigraph" else "put")
        self.workers = workers or (4 if self.flavour == "virtuoso" else 1)
        self.max_update_triples = max_update_triples or (
            500 if self.flavour == "virtuoso" else 1_000_000
        )
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = requests.Session()
        self._owner = threading.get_ident()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        if auth is None and user is not None:
            auth = "digest" if self.flavour == "virtuoso" else "basic"
        if user is not None and password is None:
            password = os.environ.get(PASSWORD_ENV)
        if user is not None:
            cls: type[AuthBase] = HTTPDigestAuth if auth == "digest" else HTTPBasicAuth
            self.session.auth = cls(user, password or "")  # type: ignore[call-arg]
        if ignore_graphs is None and self.flavour == "virtuoso":
            parts = urlsplit(self.sparql)
            ignore_graphs = (*_VIRTUOSO_SYSTEM, f"{parts.scheme}://{parts.netloc}/")
        self.ignore_graphs = tuple(ignore_graphs or ())
        # Virtuoso 7.2 sniffs bodies it gets as application/n-triples and can misjudge long
        # lines as text/plain; N-Triples is Turtle, which it reads without guessing.
        content_type = "text/turtle" if self.flavour == "virtuoso" else _NT
        self._nt_headers = {"Content-Type": content_type + "; charset=utf-8"}

    def graph_url(self, graph: str) -> str:
        """The Graph Store URL of one named graph."""
        param = "graph-uri" if self.flavour == "virtuoso" else "graph"
        sep = "&" if "?" in self.endpoint else "?"
        return f"{self.endpoint}{sep}{param}={quote(graph, safe='')}"

    # -- queries -----------------------------------------------------------------------------

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        """Run a SELECT; results come back as pyoxigraph terms."""
        result = self._query(query)
        if not isinstance(result, QuerySolutions):
            raise StoreError("not a SELECT query", transient=False)
        names = [v.value for v in result.variables]
        rows: list[Row] = [tuple(s[i] for i in range(len(names))) for s in result]
        return names, rows

    def ask(self, query: str) -> bool:
        """Run an ASK query."""
        result = self._query(query)
        if not isinstance(result, QueryBoolean):
            raise StoreError("not an ASK query", transient=False)
        return bool(result)

    def graph_metadata(self, graphs: Sequence[str]) -> dict[str, GraphMeta]:
        """Read the metadata of a batch of graphs with one SELECT."""
        if not graphs:
            return {}
        return metadata_from_rows(self.select(metadata_query(graphs))[1])

    def count_triples(self) -> int:
        """Triples in named graphs, the engine's system graphs excluded."""
        filters = " ".join(f'FILTER(!STRSTARTS(STR(?g), "{p}"))' for p in self.ignore_graphs)
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {filters} }}")
        cell = rows[1][0][0] if rows[1] else None
        return int(cell.value) if cell is not None else 0

    # -- writes ------------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each named graph's content (see ``method``)."""
        if not graphs:
            return
        if self.method == "put":
            self._put_all(graphs)
            return
        chunks: list[dict[str, bytes]] = [{}]
        size = 0
        for graph, data in graphs.items():
            lines = data.count(b"\n") + 1
            if chunks[-1] and size + lines > self.max_update_triples:
                chunks.append({})
                size = 0
            chunks[-1][graph] = data
            size += lines
        if len(chunks) == 1:
            self.run_update(insert_data(graphs))
            return
        # Every text is built (and its data checked) before anything is dropped. Not atomic
        # across requests: a graph left dropped has no metadata and is loaded again next time.
        texts = [insert_data(chunk, drop=False) for chunk in chunks]
        self.run_update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        for text in texts:
            self.run_update(text)

    def _put_all(self, graphs: Mapping[str, bytes]) -> None:
        if self.workers <= 1 or len(graphs) == 1:
            for graph, data in graphs.items():
                self.put_graph(graph, data)
            return
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = [pool.submit(self.put_graph, g, d) for g, d in graphs.items()]
            errors = [f.exception() for f in futures]
        failed = [e for e in errors if e is not None]
        if failed:
            first = failed[0]
            transient = all(getattr(e, "transient", True) for e in failed)
            raise StoreError(
                f"{len(failed)} of {len(graphs)} PUTs failed: {first}", transient=transient
            )

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Graph Store PUT: replace one graph with these N-Triples."""
        parse_graph(graph, ntriples)  # refuse bad data before the server half-loads it
        if self.flavour == "virtuoso":
            ntriples = short_lines_first(ntriples)
        self._request("PUT", self.graph_url(graph), data=ntriples, headers=self._nt_headers)

    def post_graph(self, graph: str, ntriples: bytes, *, bulk: bool = False) -> None:
        """Graph Store POST: add N-Triples to a graph (``bulk``: Oxigraph's ``no_transaction``)."""
        url = self.graph_url(graph) + ("&no_transaction" if bulk else "")
        self._request("POST", url, data=ntriples, headers=self._nt_headers)

    def post_dataset(self, nquads: bytes, *, bulk: bool = False) -> None:
        """Graph Store POST of N-Quads to the dataset (Oxigraph; ``bulk``: ``no_transaction``)."""
        sep = "&" if "?" in self.endpoint else "?"
        url = self.endpoint + (f"{sep}no_transaction" if bulk else "")
        headers = {"Content-Type": "application/n-quads; charset=utf-8"}
        self._request("POST", url, data=nquads, headers=headers)

    def run_update(self, update: str) -> None:
        """Send one SPARQL UPDATE request."""
        self._request(
            "POST",
            self.update_url,
            data=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def close(self) -> None:
        self.session.close()
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP --------------------------------------------------------------------------------

    def _query(self, query: str) -> QuerySolutions | QueryBoolean:
        response = self._request(
            "POST",
            self.sparql,
            data={"query": query},
            headers={"Accept": _JSON},
        )
        try:
            return parse_query_results(response.content, QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"unreadable results from {self.sparql}: {err}") from err

    def _request(self, method: str, url: str, **kwargs: object) -> requests.Response:
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1) * (0.5 + random.random()))
            try:
                response = self._http().request(method, url, timeout=self.timeout, **kwargs)  # type: ignore[arg-type]
            except (requests.ConnectionError, requests.Timeout) as err:
                last = f"{type(err).__name__}: {err}"
                continue
            if response.status_code < 400:
                return response
            last = f"HTTP {response.status_code}: {response.text[:800].strip()}"
            if not self._transient(response):
                raise StoreError(f"{method} {_short(url)}: {last}", transient=False)
        raise StoreError(f"{method} {_short(url)} failed after {self.retries + 1} tries: {last}")

    def _http(self) -> requests.Session:
        """The session of the calling thread (worker threads get their own)."""
        if threading.get_ident() == self._owner:
            return self.session
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.auth = copy.copy(self.session.auth)
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _transient(self, response: requests.Response) -> bool:
        if response.status_code == 429:
            return True
        if response.status_code < 500:
            return False
        state = _VIRTUOSO_STATE.search(response.text[:400])
        code = (state.group(1) or state.group(2)) if state else ""
        return not code.startswith(_PERMANENT_STATES)


def _short(url: str) -> str:
    return url if len(url) < 200 else url[:200] + "..."
