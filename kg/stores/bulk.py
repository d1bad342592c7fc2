"""Bulk loading into an empty store: the engine's fast path, then upserts as usual.

An empty store has no versions to compare with, so the first version of each
trial graph goes in through the engine's bulk path, with no per-batch
metadata query and no transaction:

* embedded store: pyoxigraph's bulk loader, fed one N-Quads stream;
* Oxigraph server: N-Quads POSTed to the Graph Store with ``no_transaction``.

Every trial graph carries its own metadata (version date, source rank,
content digest: see :mod:`kg.stores.loading`), so the loaded store is the
one the upsert path would have built, and later upserts treat it the same.
Of several versions of a trial in the input the newest is kept, as the upsert
path keeps it; a newer version met after the first, and a graph with blank
nodes (whose labels only mean something inside their graph), are written after
the stream, graph by graph. An identical copy of a record (same digest) is
unchanged if its version is the one kept at the end, stale if not, as upserts
count it. Virtuoso has its own bulk loader (``ld_dir`` +
``rdf_loader_run`` on N-Quads files): docs/scaling.md gives the commands.

>>> from kg.stores.embedded import EmbeddedStore
>>> from kg.stores.loading import trial_graph
>>> def t(v, title):
...     nt = f'<http://example.org/T1> <http://example.org/title> "{title}" .'.encode()
...     return trial_graph("http://example.org/graph/T1", "T1", nt, version=v)
>>> bulk_load([t("2021", "new"), t("2020", "old")], EmbeddedStore()).counts()
{'loaded': 1, 'replaced': 0, 'unchanged': 0, 'stale': 1, 'superseded': 0, 'failed': 0}
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice

from pyoxigraph import RdfFormat

from kg.mapping import TrialGraph
from kg.mapping.countries import vocab_payload
from kg.stores import GraphStore, StoreError
from kg.stores.embedded import EmbeddedStore
from kg.stores.loading import LoadReport, StaleDetail, rank_key

CHUNK = 2_000  # trial graphs a request (Oxigraph server) or a read of the stream


class NotEmpty(StoreError):
    """The store already holds graphs: bulk loading is for empty stores."""

    def __init__(self) -> None:
        super().__init__(
            "--bulk needs an empty store: load into this one without it", transient=False
        )


class _Stream(io.RawIOBase):
    """A readable byte stream over an iterator of byte strings (what the bulk loader reads)."""

    def __init__(self, parts: Iterator[bytes]) -> None:
        self._parts = parts
        self._part = memoryview(b"")
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._at >= len(self._part):
            try:
                self._part, self._at = memoryview(next(self._parts)), 0
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._part) - self._at)
        buffer[:n] = self._part[self._at : self._at + n]
        self._at += n
        return n


def _nquads(graphs: Iterable[TrialGraph]) -> bytes:
    return "".join(line for g in graphs for line in g.nquad_lines()).encode("utf-8")


def _is_empty(store: GraphStore) -> bool:
    return not store.ask("ASK { GRAPH ?g { ?s ?p ?o } }")


def bulk_load(
    graphs: Iterable[TrialGraph],
    store: GraphStore,
    *,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load trial graphs into an empty ``store`` by its bulk path (:class:`NotEmpty` if not).

    Counts as the upsert path counts one batch: the winning record of a trial in
    the input (:mod:`kg.precedence`; ties: the later one) is loaded, the others
    are stale or superseded.
    """
    writer = _writer(store)
    if not _is_empty(store):
        raise NotEmpty()
    report = LoadReport()
    kept: dict[str, TrialGraph] = {}  # graph -> the version that stays (as small a copy as needed)
    rewrite: dict[str, TrialGraph] = {}  # written after the stream: blank nodes, newer versions
    copies: list[TrialGraph] = []  # identical to the version kept when they came
    vocab: set[str] = set()  # the countries' graphs named (kg.mapping.countries)

    def first_versions() -> Iterator[list[TrialGraph]]:
        it = iter(graphs)
        while chunk := list(islice(it, CHUNK)):
            direct = []
            for g in chunk:
                vocab.add(g.shared_graph)
                old = kept.get(g.graph)
                if old is not None and old.digest == g.digest:
                    copies.append(_stub(g))  # judged at the end, as upserts judge copies
                elif old is None:
                    report.count(g, "loaded")
                    kept[g.graph] = _stub(g)
                    if any("_:" in line for line in g.lines):
                        rewrite[g.graph] = g
                    else:
                        direct.append(g)
                elif rank_key(g.version, g.source_rank) >= rank_key(old.version, old.source_rank):
                    _stale(report, old, g)
                    kept[g.graph] = _stub(g)
                    rewrite[g.graph] = g
                else:
                    _stale(report, g, old)
            if progress is not None:
                progress(len(chunk))
            yield direct

    writer(first_versions())
    for g in copies:  # unchanged when their version stayed (kg.stores.loading does the same)
        if kept[g.graph].digest == g.digest:
            report.count(g, "unchanged")
        else:
            _stale(report, g, kept[g.graph])
    pending = list(rewrite.values())
    for start in range(0, len(pending), 200):
        store.replace_graphs({g.graph: g.ntriples() for g in pending[start : start + 200]})
    shared = vocab_payload(vocab)
    if shared:
        store.replace_graphs(shared)
    return report


def _stub(g: TrialGraph) -> TrialGraph:
    return replace(g, lines=())  # what the version comparisons need, without the triples


def _stale(report: LoadReport, lost: TrialGraph, kept: TrialGraph) -> None:
    report.stale += 1
    report.stale_details.append(
        StaleDetail(
            lost.trial_id,
            lost.graph,
            lost.version,
            lost.source_rank,
            kept.version,
            kept.source_rank,
        )
    )


Writer = Callable[[Iterator[list[TrialGraph]]], None]


def _writer(store: GraphStore) -> Writer:
    if isinstance(store, EmbeddedStore):

        def embedded(chunks: Iterator[list[TrialGraph]]) -> None:
            stream = io.BufferedReader(_Stream(_nquads(c) for c in chunks), 1 << 20)
            try:
                store.store.bulk_load(stream, RdfFormat.N_QUADS)
            except (OSError, SyntaxError, ValueError) as err:
                raise StoreError(f"bulk load: {err}", transient=False) from err

        return embedded
    from kg.stores.remote import RemoteStore

    if isinstance(store, RemoteStore) and store.flavour == "oxigraph":
        remote = store

        def oxigraph(chunks: Iterator[list[TrialGraph]]) -> None:
            for chunk in chunks:
                if chunk:
                    remote.post_dataset(_nquads(chunk), bulk=True)

        return oxigraph
    raise StoreError(
        "--bulk loads the embedded store or an Oxigraph server; for Virtuoso use its bulk "
        "loader (ld_dir + rdf_loader_run, see docs/scaling.md)",
        transient=False,
    )
