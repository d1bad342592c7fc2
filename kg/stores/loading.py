"""Upsert loading: one named graph per trial, the winning record kept, never a silent skip.

Each trial graph carries its own metadata (subject = the graph IRI): ``versionDate``
(the record's refresh/update date), ``sourceRank`` and ``contentDigest``. Loading reads
the stored metadata of a batch with one query and decides per graph, by the rule of
:mod:`kg.precedence` (the register's own record over an ICTRP copy, then the newer):

* not stored -> **loaded**;
* same digest -> **unchanged** (nothing written);
* winning over the stored graph, or equal but another digest -> **replaced**
  (the graph is dropped and written again: no stale triples survive);
* losing to the register's own record (an ICTRP copy) -> **superseded**;
* losing otherwise (an older version) -> **stale** (left alone, reported with both versions).

Two records of one trial in the same input: the winner is loaded, the other is stale or
superseded. An identical copy of a record (same graph, same digest) is judged after
the others of its batch, against what is then stored, as a later batch would judge it:
unchanged when that record was kept. So copies count the same whatever the batch
size. The counts are also kept per source format (``by_source``).
A batch that fails is split in halves down to single graphs, so one bad graph cannot
sink its neighbours; a graph that still fails is reported with its error.

Batches are written by one writer thread while the caller's iterator makes the next
batch (parsing and mapping overlap the store's work; the engine's writes release the
GIL). The writer takes one batch at a time, in input order, from a queue that holds
one more; an exception in it (anything but the :class:`StoreError` a batch reports
as failed) stops the load and is raised to the caller, with a note naming the batch.

>>> from kg.stores.embedded import EmbeddedStore
>>> store = EmbeddedStore()
>>> def trial(version, title):
...     nt = f'<http://example.org/T1> <http://example.org/title> "{title}" .\\n'.encode()
...     return trial_graph("http://example.org/graph/T1", "T1", nt, version=version)
>>> load([trial("2021-07-12", "new"), trial("2020-01", "old")], store).counts()
{'loaded': 1, 'replaced': 0, 'unchanged': 0, 'stale': 1, 'superseded': 0, 'failed': 0}
>>> load([trial("2021-07-12", "new")], store).counts()["unchanged"]
1
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from kg.mapping import TrialGraph, assemble, graph_digest
from kg.mapping.countries import vocab_payload
from kg.precedence import Key, loss, precedence, version_key
from kg.stores import GraphMeta, GraphStore, StoreError
from kg.stores.writer import Writer

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StaleDetail:
    """A trial record that was not loaded because another one is (or will be) stored.

    ``outcome`` is ``stale`` (an older version) or ``superseded`` (an ICTRP copy of a
    trial whose own register's record wins).
    """

    trial_id: str
    graph: str
    version: str | None
    source_rank: int
    kept_version: str | None
    kept_source_rank: int
    outcome: str = "stale"
    source: str = ""


@dataclass(slots=True)
class LoadReport:
    """What a load did; ``loaded + replaced + unchanged + stale + superseded + len(failed)``
    = trials in. ``by_source`` holds the same counts per source format."""

    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    stale: int = 0
    superseded: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    stale_details: list[StaleDetail] = field(default_factory=list)
    by_source: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return (
            self.loaded
            + self.replaced
            + self.unchanged
            + self.stale
            + self.superseded
            + len(self.failed)
        )

    def counts(self) -> dict[str, int]:
        """The six counts by name (``failed`` as a number)."""
        return {
            "loaded": self.loaded,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "stale": self.stale,
            "superseded": self.superseded,
            "failed": len(self.failed),
        }

    def count(self, item: TrialGraph, outcome: str) -> None:
        """Count one trial's outcome (not ``failed``, kept as a list) in total and per source."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.by_source.setdefault(item.source or "unknown", Counter())[outcome] += 1

    def fail(self, item: TrialGraph, reason: str) -> None:
        """A trial that could not be written."""
        self.failed.append((item.trial_id, reason))
        self.by_source.setdefault(item.source or "unknown", Counter())["failed"] += 1

    def source_lines(self) -> list[str]:
        """One line per source format: its non-zero counts."""
        return [
            f"{source}: " + ", ".join(f"{n} {what}" for what, n in sorted(counted.items()) if n)
            for source, counted in sorted(self.by_source.items())
        ]


def digest_of(ntriples: bytes) -> str:
    """The content digest of N-Triples text (see :func:`kg.mapping.graph_digest`).

    Meant for the triples *without* the metadata triples (the digest is one of them).

    >>> digest_of(b"<a:s> <a:p> <a:o> .\\n<a:s> <a:p> <a:x> .\\n") == digest_of(
    ...     b"<a:s> <a:p> <a:x> .\\n\\n<a:s> <a:p> <a:o> .")
    True
    """
    return graph_digest(_lines(ntriples))


def _lines(ntriples: bytes) -> list[str]:
    return [line.strip() + "\n" for line in ntriples.decode("utf-8").splitlines() if line.strip()]


def trial_graph(
    graph: str, trial_id: str, body: bytes, *, version: str | None = None, source_rank: int = 0
) -> TrialGraph:
    """A :class:`~kg.mapping.TrialGraph` from a trial's own N-Triples (tests, benchmarks).

    The trial IRI is the graph IRI with its last ``graph/`` read as ``trial/``.

    >>> t = trial_graph("urn:x:graph/T1", "T1", b"<urn:s> <urn:p> <urn:o> .", version="2021")
    >>> t.digest == digest_of(b"<urn:s> <urn:p> <urn:o> ."), t.ntriples().count(b"\\n")
    (True, 6)
    """
    head, sep, tail = graph.rpartition("graph/")
    trial = f"{head}trial/{tail}" if sep else graph
    return assemble(graph, trial, trial_id, _lines(body), version=version, source_rank=source_rank)


def rank_key(version: str | None, source_rank: int) -> Key:
    """What "wins" means (:func:`kg.precedence.precedence`): own register, date, rank.

    >>> rank_key("2021-07", 1) < rank_key("2021-07", 2) < rank_key("2021-08", 2)
    True
    >>> rank_key("2021-07-19", 1) < rank_key("2021-07-15", 3)  # the ICTRP copy loses
    True
    """
    return precedence(version, source_rank)


def load(
    graphs: Iterable[TrialGraph],
    store: GraphStore,
    *,
    batch_size: int = 1000,
    retries: int = 3,
    progress: Callable[[int], None] | None = None,
    history: bool = True,
) -> LoadReport:
    """Upsert trial graphs into ``store`` in batches; ``progress`` gets the trials done per batch.

    A failed write is retried on halves of the batch down to single graphs; a single
    graph is tried up to ``retries`` times while its error is transient. With ``history``
    the version a graph replaces is kept in a history graph first (:mod:`kg.history`).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = LoadReport()
    shared: set[str] = set()  # the countries' graphs written by this load (kg.mapping.countries)

    def write(batch: list[TrialGraph]) -> None:
        _load_batch(batch, store, report, retries, history, shared)
        if progress is not None:
            progress(len(batch))

    with Writer(write) as writer:
        for batch in _batches(graphs, batch_size):
            writer.put(batch)
    return report


def _batches(graphs: Iterable[TrialGraph], size: int) -> Iterator[list[TrialGraph]]:
    it = iter(graphs)
    while batch := list(islice(it, size)):
        yield batch


def _load_batch(
    batch: list[TrialGraph],
    store: GraphStore,
    report: LoadReport,
    retries: int,
    history: bool,
    shared: set[str],
) -> None:
    newest: dict[str, TrialGraph] = {}
    copies: list[TrialGraph] = []  # identical to the record kept so far: judged afterwards
    for item in batch:  # the newest of several versions in one batch wins; later wins ties
        old = newest.get(item.graph)
        if old is not None and old.digest == item.digest:
            copies.append(item)
        elif old is None or rank_key(item.version, item.source_rank) >= rank_key(
            old.version, old.source_rank
        ):
            if old is not None:
                _stale(report, old, item.version, item.source_rank)
            newest[item.graph] = item
        else:
            _stale(report, item, old.version, old.source_rank)
    try:
        stored = _with_retries(lambda: store.graph_metadata(list(newest)), retries)
    except StoreError as err:
        for t in newest.values():
            report.fail(t, f"reading stored metadata: {err}")
        return
    to_write: list[tuple[TrialGraph, bool]] = []  # (graph, replaces an existing one)
    for graph, item in newest.items():
        meta = stored.get(graph)
        if meta is None:
            to_write.append((item, False))
        elif meta.digest == item.digest:
            report.count(item, "unchanged")
        elif rank_key(item.version, item.source_rank) < rank_key(meta.version, meta.source_rank):
            _stale(report, item, meta.version, meta.source_rank)
        else:
            to_write.append((item, True))
    if history:  # the replaced versions go to their history graphs first (kg.history)
        from kg.history import keep

        keep(store, [item for item, replaces in to_write if replaces])
    _write(to_write, store, report, retries, shared)
    if copies:  # as the next batch would see them: unchanged when their record is stored
        _load_batch(copies, store, report, retries, history, shared)


def _write(
    items: list[tuple[TrialGraph, bool]],
    store: GraphStore,
    report: LoadReport,
    retries: int,
    shared: set[str],
) -> None:
    """Write the graphs (halves on failure); with them, once a load, the countries' graph
    they name (kg.mapping.countries: the same whole graph each time, so once is enough)."""
    if not items:
        return
    vocab = vocab_payload(t.shared_graph for t, _ in items if t.shared_graph not in shared)
    payload = _Texts([t for t, _ in items], vocab)
    try:
        if len(items) == 1:
            _with_retries(lambda: store.replace_graphs(payload), retries)
        else:
            store.replace_graphs(payload)
    except StoreError as err:
        if len(items) == 1:
            report.fail(items[0][0], str(err))
            return
        half = len(items) // 2
        _write(items[:half], store, report, retries, shared)
        _write(items[half:], store, report, retries, shared)
        return
    shared.update(vocab)
    for item, replaces in items:
        report.count(item, "replaced" if replaces else "loaded")


class _Texts(Mapping[str, bytes]):
    """Graph IRI -> N-Triples of trial graphs (and of ``extra`` graphs), each made when it
    is read: a store that turns them into something else (the embedded store: N-Quads)
    does not hold a batch's text twice.

    >>> t = trial_graph("urn:x:graph/T1", "T1", b"<urn:s> <urn:p> <urn:o> .")
    >>> texts = _Texts([t], {"urn:x:vocab": b""})
    >>> list(texts), texts["urn:x:graph/T1"] == t.ntriples(), len(texts)
    (['urn:x:graph/T1', 'urn:x:vocab'], True, 2)
    """

    def __init__(self, graphs: list[TrialGraph], extra: dict[str, bytes]) -> None:
        self._graphs = {t.graph: t for t in graphs}
        self._extra = extra

    def __getitem__(self, graph: str) -> bytes:
        found = self._graphs.get(graph)
        return found.ntriples() if found is not None else self._extra[graph]

    def __iter__(self) -> Iterator[str]:
        yield from self._graphs
        yield from self._extra

    def __len__(self) -> int:
        return len(self._graphs) + len(self._extra)


def _with_retries(call: Callable[[], T], retries: int) -> T:
    for attempt in range(max(retries, 1)):
        try:
            return call()
        except StoreError as err:
            if not err.transient or attempt + 1 >= max(retries, 1):
                raise
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _stale(report: LoadReport, item: TrialGraph, kept_version: str | None, kept_rank: int) -> None:
    outcome = loss(item.source_rank, kept_rank)
    report.count(item, outcome)
    report.stale_details.append(
        StaleDetail(
            item.trial_id,
            item.graph,
            item.version,
            item.source_rank,
            kept_version,
            kept_rank,
            outcome,
            item.source,
        )
    )


__all__ = [
    "GraphMeta",
    "LoadReport",
    "StaleDetail",
    "TrialGraph",
    "Writer",
    "digest_of",
    "load",
    "rank_key",
    "trial_graph",
    "version_key",
]
