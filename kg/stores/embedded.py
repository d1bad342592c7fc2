"""The embedded store: a pyoxigraph :class:`~pyoxigraph.Store` on disk, or in memory.

>>> store = EmbeddedStore()
>>> nt = b'<http://example.org/s> <http://example.org/p> "v1" .\\n'
>>> store.replace_graphs({"http://example.org/g": nt})
>>> store.replace_graphs({"http://example.org/g": nt.replace(b"v1", b"v2")})
>>> [row[0].value for row in store.select("SELECT ?o { GRAPH ?g { ?s ?p ?o } }")[1]]
['v2']
>>> store.ask("ASK { GRAPH <http://example.org/g> { ?s ?p 'v1' } }")
False
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    parse,
)

from kg.stores import (
    CONTENT_DIGEST,
    SOURCE_RANK,
    VERSION_DATE,
    GraphMeta,
    Row,
    StoreError,
    Term,
    metadata_from_rows,
)

_META = {CONTENT_DIGEST, SOURCE_RANK, VERSION_DATE}
BULK_QUADS = 100_000  # per bulk-loader call: the loader holds a call in memory (docs/scaling.md)
BULK_THREADS = 2  # bulk-loader calls at once (each holds its part in memory)
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def parse_graph(graph: str, ntriples: bytes) -> list[Quad]:
    """Parse one graph's N-Triples into quads of that named graph (blank nodes renamed apart).

    Raises :class:`StoreError` (not transient) on a syntax error, naming the graph.

    >>> g = "http://example.org/g"
    >>> parse_graph(g, b'<http://example.org/s> <http://example.org/p> "1" .')[0].graph_name
    <NamedNode value=http://example.org/g>
    >>> parse_graph(g, b'<http://example.org/a b> <http://example.org/p> "1" .')
    Traceback (most recent call last):
    ...
    kg.stores.StoreError: graph <http://example.org/g>: ...
    """
    name = NamedNode(graph)
    try:
        return [
            Quad(t.subject, t.predicate, t.object, name)
            for t in parse(ntriples, RdfFormat.N_TRIPLES, rename_blank_nodes=True)
        ]
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"graph <{graph}>: {err}", transient=False) from err


def new_graphs_nquads(
    store: Store, graphs: Mapping[str, bytes]
) -> tuple[dict[str, bytes], list[str]]:
    """Split graphs into those that may take the bulk path (not stored yet, no blank
    nodes, plain N-Triples lines), as N-Quads, and the others (by name).

    >>> g = "http://example.org/g"
    >>> fresh, held = new_graphs_nquads(Store(), {g: b'<http://example.org/s> <urn:p> "1" .'})
    >>> fresh[g], held
    (b'<http://example.org/s> <urn:p> "1" <http://example.org/g> .\\n', [])
    >>> new_graphs_nquads(Store(), {g: b'_:b <http://example.org/p> "1" .'})
    ({}, ['http://example.org/g'])
    """
    fresh: dict[str, bytes] = {}
    held: list[str] = []
    for graph, data in graphs.items():
        name = NamedNode(graph)
        stored = next(iter(store.quads_for_pattern(None, None, None, name)), None) is not None
        quads = None if stored or b"_:" in data else _as_nquads(graph, data)
        if quads is None:
            held.append(graph)
        else:
            fresh[graph] = quads
    return fresh, held


def _as_nquads(graph: str, ntriples: bytes) -> bytes | None:
    """N-Triples lines with the graph name put before each final dot; None when a line
    is not of that plain shape (a comment after the dot, say).

    Lines as the mapper writes them (each ending ``" .\\n"``) take one ``bytes.replace``: an
    N-Triples term cannot hold a raw line break, so ``" .\\n"`` is only ever a line's end
    (the replacements are counted against the line breaks; a comment line stays one).

    >>> _as_nquads("urn:g", b'<urn:s> <urn:p> "a .b" .\\n<urn:s> <urn:p> <urn:o> .\\n')
    b'<urn:s> <urn:p> "a .b" <urn:g> .\\n<urn:s> <urn:p> <urn:o> <urn:g> .\\n'
    >>> _as_nquads("urn:g", b'<urn:s> <urn:p> <urn:o>.  ')  # not that shape: line by line
    b'<urn:s> <urn:p> <urn:o> <urn:g> .\\n'
    """
    suffix = f" <{graph}> .\n".encode()
    if ntriples.endswith(b" .\n"):
        out = ntriples.replace(b" .\n", suffix)
        if len(out) - len(ntriples) == (len(suffix) - 3) * ntriples.count(b"\n"):
            return out
    lines = []
    for line in ntriples.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.endswith(b".") or line.startswith(b"#"):
            return None
        lines.append(line[:-1].rstrip() + suffix)
    return b"".join(lines)


class EmbeddedStore:
    """A pyoxigraph store at ``path`` (created if missing), or in memory when ``path`` is None.

    ``.store`` is the underlying :class:`pyoxigraph.Store` for direct use.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.store = Store(str(self.path)) if self.path is not None else Store()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        """Run a SELECT query: variable names and rows of pyoxigraph terms."""
        result = self._query(query)
        if not isinstance(result, QuerySolutions):
            raise StoreError("not a SELECT query", transient=False)
        names = [v.value for v in result.variables]
        rows: list[Row] = [tuple(_term(s[i]) for i in range(len(names))) for s in result]
        return names, rows

    def ask(self, query: str) -> bool:
        """Run an ASK query.

        >>> EmbeddedStore().ask("ASK {}")
        True
        """
        result = self._query(query)
        if not isinstance(result, QueryBoolean):
            raise StoreError("not an ASK query", transient=False)
        return bool(result)

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each named graph with the given N-Triples.

        Graphs the store does not hold yet (one index seek each) go in by the engine's
        bulk path, the batch as one N-Quads stream: no transaction, no per-quad
        existence checks, no memtable (see :func:`new_graphs_nquads`). Graphs it holds
        are parsed, cleared and written again in one transaction; should the process
        die in between, a cleared graph has no metadata left and is simply loaded
        again by the next run. Everything is parsed before anything stored changes;
        a bulk write that fails takes the new graphs out again.
        """
        fresh, held = new_graphs_nquads(self.store, graphs)
        quads: list[Quad] = []
        for graph in held:
            quads.extend(parse_graph(graph, graphs[graph]))
        try:
            if fresh:
                self._bulk(fresh)
            if held:
                for graph in held:
                    self.store.remove_graph(NamedNode(graph))
                self.store.extend(quads)
                if self.path is not None:
                    self.store.flush()  # memtables to disk: memory stays flat over a long load
        except OSError as err:
            raise StoreError(f"embedded store: {err}") from err

    def _bulk(self, fresh: dict[str, bytes]) -> None:
        """One bulk-loader call per part of at most :data:`BULK_QUADS` quads (whole graphs,
        parts of even size), :data:`BULK_THREADS` calls at once: below its own chunk size
        the loader ingests a call's files at once, and a call's parsing, sorting and file
        writing are serial (one core) with waits on the disk in between, so calls side by
        side overlap."""
        sized = [(data, data.count(b"\n")) for data in fresh.values()]
        total = sum(lines for _, lines in sized)
        calls = -(-total // BULK_QUADS)  # as few as BULK_QUADS allows, of even size
        limit = -(-total // calls) if calls else 0
        parts: list[list[bytes]] = [[]]
        size = 0
        for data, lines in sized:
            if size + lines > limit and parts[-1]:
                parts.append([])
                size = 0
            parts[-1].append(data)
            size += lines

        def call(part: list[bytes]) -> None:
            self.store.bulk_load(b"".join(part), RdfFormat.N_QUADS)

        if len(parts) == 1:
            errors = _errors(call, parts[0])
        else:
            with ThreadPoolExecutor(min(BULK_THREADS, len(parts)), "trialkg-bulk") as pool:
                done = list(pool.map(lambda part: _errors(call, part), parts))
            errors = [err for found in done for err in found]
        bad = [err for err in errors if isinstance(err, SyntaxError | ValueError)]
        if bad:
            for graph in fresh:  # none of them was stored before: leave none half-written
                self.store.remove_graph(NamedNode(graph))
            err = bad[0]
            raise StoreError(f"graphs <{next(iter(fresh))}>...: {err}", transient=False) from err
        if errors:
            raise errors[0]  # OSError: replace_graphs reports it (transient)

    def graph_metadata(self, graphs: Sequence[str]) -> dict[str, GraphMeta]:
        """Read the metadata triples of those graphs.

        Direct index lookups (subject = graph, in that graph): as fast with 1M graphs
        stored as with 10; the SPARQL form (:func:`~kg.stores.metadata_query`) scans.
        """
        rows: list[Row] = []
        for graph in graphs:
            node = NamedNode(graph)
            found: dict[str, Term] = {}
            for quad in self.store.quads_for_pattern(node, None, None, node):
                if quad.predicate.value in _META and isinstance(quad.object, Literal):
                    found[quad.predicate.value] = quad.object
            if CONTENT_DIGEST in found:
                rows.append(
                    (node, found.get(VERSION_DATE), found.get(SOURCE_RANK), found[CONTENT_DIGEST])
                )
        return metadata_from_rows(rows)

    def count_triples(self) -> int:
        """The number of triples in named graphs (the default graph is not counted).

        >>> EmbeddedStore().count_triples()
        0
        """
        rows = self.select(_COUNT)[1]
        cell = rows[0][0] if rows else None
        return int(cell.value) if cell is not None else 0

    def load_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are (no replacement), in one transaction.

        >>> s = EmbeddedStore()
        >>> NT = b'<http://example.org/s> <http://example.org/p> "1" .'
        >>> s.load_quads(parse_graph("http://example.org/g", NT))
        >>> s.count_triples()
        1
        """
        self.store.extend(quads)

    def dump(
        self,
        output: str | os.PathLike[str] | IO[bytes],
        fmt: RdfFormat = RdfFormat.N_QUADS,
        *,
        graph: str | None = None,
    ) -> None:
        """Write the whole dataset (N-Quads, TriG) or one graph (any format) to a path or stream.

        >>> import io
        >>> s = EmbeddedStore()
        >>> NT = b'<http://example.org/s> <http://example.org/p> "1" .'
        >>> s.replace_graphs({"http://example.org/g": NT})
        >>> out = io.BytesIO()
        >>> s.dump(out)
        >>> out.getvalue().decode().split()[3]
        '<http://example.org/g>'
        """
        target: str | IO[bytes] = (
            os.fspath(output) if isinstance(output, str | os.PathLike) else output
        )
        from_graph = NamedNode(graph) if graph is not None else None
        if from_graph is None and not fmt.supports_datasets:
            raise ValueError(f"{fmt.name} holds one graph: pass graph=")
        self.store.dump(target, fmt, from_graph=from_graph)

    def optimize(self) -> None:
        """Compact an on-disk store, e.g. after a big load: flush, optimise, and reopen it
        (closing it is what lets the database drop its write-ahead log)."""
        if self.path is not None:
            self.store.flush()
            self.store.optimize()
            self.store = Store()  # the last reference to the on-disk store goes: it closes
            self.store = Store(str(self.path))

    def close(self) -> None:
        """Flush to disk (on-disk stores); the store stays usable until garbage collected."""
        if self.path is not None:
            self.store.flush()

    def _query(self, query: str) -> object:
        try:
            return self.store.query(query, use_default_graph_as_union=False)
        except SyntaxError as err:
            raise StoreError(f"bad query: {err}", transient=False) from err
        except OSError as err:
            raise StoreError(f"embedded store: {err}") from err


def _errors(call: Callable[[list[bytes]], None], part: list[bytes]) -> list[BaseException]:
    """What ``call(part)`` raised (every call of a batch runs before one error is reported)."""
    try:
        call(part)
    except Exception as err:  # handed back to the batch's thread, which raises it
        return [err]
    return []


def _term(value: object) -> NamedNode | None:
    if value is None or isinstance(value, DefaultGraph):
        return None
    return value  # type: ignore[return-value]
