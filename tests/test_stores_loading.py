"""Upsert loading rules, on the embedded store and on a store that fails on purpose."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence

import pytest

from kg.stores import GraphMeta, Row, StoreError
from kg.stores.embedded import EmbeddedStore
from kg.stores.loading import (
    TrialGraph,
    digest_of,
    load,
    rank_key,
    trial_graph,
    version_key,
)

EX = "http://example.org/"

NONE = dict.fromkeys(["loaded", "replaced", "unchanged", "stale", "superseded", "failed"], 0)


def make(tid: str, title: str, version: str | None = "2021-01-01", rank: int = 1) -> TrialGraph:
    body = f'<{EX}trial/{tid}> <{EX}title> "{title}" .\n<{EX}trial/{tid}> <{EX}v> "{version}" .\n'
    return trial_graph(f"{EX}graph/{tid}", tid, body.encode(), version=version, source_rank=rank)


def titles(store: EmbeddedStore) -> dict[str, set[str]]:
    _, rows = store.select(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?s <{EX}title> ?t }} }}")
    out: dict[str, set[str]] = {}
    for g, t in rows:
        assert g is not None and t is not None
        out.setdefault(g.value.rsplit("/", 1)[1], set()).add(t.value)
    return out


class FlakyStore:
    """An embedded store that refuses some graphs, or fails a number of times first."""

    def __init__(
        self,
        *,
        refuse: frozenset[str] = frozenset(),
        transient_failures: int = 0,
        meta_fails: bool = False,
    ) -> None:
        self.inner = EmbeddedStore()
        self.refuse = refuse
        self.transient_failures = transient_failures
        self.meta_fails = meta_fails
        self.write_calls: list[int] = []

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        return self.inner.select(query)

    def ask(self, query: str) -> bool:
        return self.inner.ask(query)

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        self.write_calls.append(len(graphs))
        if self.transient_failures:
            self.transient_failures -= 1
            raise StoreError("HTTP 503: try later")
        bad = [g for g in graphs if g.rsplit("/", 1)[1] in self.refuse]
        if bad:
            raise StoreError(f"HTTP 400: refused {bad[0]}", transient=False)
        self.inner.replace_graphs(graphs)

    def graph_metadata(self, graphs: Sequence[str]) -> dict[str, GraphMeta]:
        if self.meta_fails:
            raise StoreError("HTTP 400: bad query", transient=False)
        return self.inner.graph_metadata(graphs)

    def count_triples(self) -> int:
        return self.inner.count_triples()

    def close(self) -> None:
        self.inner.close()


def test_version_order_mixes_precisions() -> None:
    ordered = [None, "2020", "2020-12", "2020-12-01", "2021-01-01"]
    assert sorted(ordered, key=version_key, reverse=True) == list(reversed(ordered))
    assert version_key("not a date") == version_key(None)
    assert rank_key("2020-01-01", 1) < rank_key("2020-01-02", 0)  # same class: the date first
    assert rank_key("2020-01-02", 1) < rank_key("2020-01-01", 2)  # the register's own first


def test_digest_ignores_order_but_not_content() -> None:
    assert digest_of(b"<a:b> <a:c> <a:d> .\n<a:e> <a:f> <a:g> .\n") == digest_of(
        b"<a:e> <a:f> <a:g> .\n<a:b> <a:c> <a:d> ."
    )
    assert digest_of(b'<a:b> <a:c> "1" .') != digest_of(b'<a:b> <a:c> "2" .')


def test_load_then_reload_is_unchanged() -> None:
    store = EmbeddedStore()
    trials = [make(f"T{i}", f"title {i}") for i in range(5)]
    first = load(trials, store, batch_size=2)
    assert first.counts() == {**NONE, "loaded": 5}
    count = store.count_triples()
    assert count == 5 * 7  # 2 body + 5 metadata triples (type, about, rank, digest, version)
    second = load(trials, store, batch_size=2)
    assert second.counts()["unchanged"] == 5 and second.total == 5
    assert store.count_triples() == count


def test_newer_replaces_older_is_stale() -> None:
    store = EmbeddedStore()
    load([make("T1", "v1", "2021-07-12")], store)
    newer = load([make("T1", "v2", "2022-01")], store)
    assert newer.replaced == 1
    assert titles(store) == {"T1": {"v2"}}
    older = load([make("T1", "v0", "2021-07-13")], store)
    assert older.stale == 1 and older.replaced == 0
    detail = older.stale_details[0]
    assert (detail.trial_id, detail.version, detail.kept_version) == ("T1", "2021-07-13", "2022-01")
    assert titles(store) == {"T1": {"v2"}}


def test_same_version_other_digest_is_reprocessing() -> None:
    store = EmbeddedStore()
    load([make("T1", "first run")], store)
    report = load([make("T1", "second run")], store)
    assert report.replaced == 1
    assert titles(store) == {"T1": {"second run"}}


def test_source_rank_breaks_ties_and_unknown_version_loses() -> None:
    store = EmbeddedStore()
    load([make("T1", "rank 2", rank=2)], store)
    lost = load([make("T1", "rank 1", rank=1)], store)
    assert lost.superseded == 1 and lost.stale == 0
    assert lost.by_source == {"unknown": {"superseded": 1}}
    assert load([make("T1", "rank 3", rank=3)], store).replaced == 1
    assert load([make("T1", "no date", version=None, rank=9)], store).stale == 1
    assert titles(store) == {"T1": {"rank 3"}}


def test_an_ictrp_copy_never_replaces_the_registers_record() -> None:
    store = EmbeddedStore()
    load([make("T1", "own", "2021-07-15", rank=3)], store)
    report = load([make("T1", "copy", "2021-07-19", rank=1)], store)
    assert report.superseded == 1 and report.stale_details[0].outcome == "superseded"
    assert titles(store) == {"T1": {"own"}}
    assert load([make("T1", "newer copy", "2021-07-26", rank=1)], store).superseded == 1
    assert load([make("T1", "own again", "2021-07-16", rank=2)], store).replaced == 1
    assert titles(store) == {"T1": {"own again"}}


@pytest.mark.parametrize("batch_size", [1, 2, 10])
def test_two_versions_in_one_input_newest_wins(batch_size: int) -> None:
    store = EmbeddedStore()
    trials = [make("T1", "new", "2022-02-02"), make("T2", "other"), make("T1", "old", "2020-01-01")]
    report = load(trials, store, batch_size=batch_size)
    assert report.stale == 1 and report.loaded == 2 and report.total == 3
    assert report.stale_details[0].version == "2020-01-01"
    assert titles(store) == {"T1": {"new"}, "T2": {"other"}}


def test_bad_graph_fails_alone_after_halving() -> None:
    store = FlakyStore(refuse=frozenset({"T5"}))
    trials = [make(f"T{i}", f"t{i}") for i in range(8)]
    report = load(trials, store, batch_size=8)
    assert report.loaded == 7
    assert [tid for tid, _ in report.failed] == ["T5"]
    assert "refused" in report.failed[0][1]
    assert store.write_calls[0] == 8 and 1 in store.write_calls
    assert set(titles(store.inner)) == {f"T{i}" for i in range(8)} - {"T5"}


def test_transient_failure_is_retried() -> None:
    store = FlakyStore(transient_failures=2)
    report = load([make("T1", "x")], store, retries=3)
    assert report.loaded == 1 and not report.failed
    assert store.write_calls == [1, 1, 1]


def test_transient_failure_beyond_retries_is_reported() -> None:
    store = FlakyStore(transient_failures=10)
    report = load([make("T1", "x"), make("T2", "y")], store, retries=2)
    assert report.loaded == 0
    assert sorted(tid for tid, _ in report.failed) == ["T1", "T2"]
    assert all("503" in reason for _, reason in report.failed)


def test_metadata_failure_fails_the_batch_visibly() -> None:
    store = FlakyStore(meta_fails=True)
    report = load([make("T1", "x"), make("T2", "y")], store)
    assert [tid for tid, _ in report.failed] == ["T1", "T2"]
    assert report.total == 2


def test_progress_counts_every_trial() -> None:
    seen: list[int] = []
    report = load(
        [make(f"T{i}", "x") for i in range(7)], EmbeddedStore(), batch_size=3, progress=seen.append
    )
    assert seen == [3, 3, 1] and report.total == 7


def test_trial_graph_metadata_reads_back() -> None:
    store = EmbeddedStore()
    t = make("T1", "x", "2021-07", rank=4)
    load([t], store)
    assert store.graph_metadata([t.graph, f"{EX}graph/missing"]) == {
        t.graph: GraphMeta("2021-07", 4, t.digest)
    }


class Recording(FlakyStore):
    """Records each write's graphs and the thread that made it; raises ``error`` on the
    write whose batch holds ``fail_on``."""

    def __init__(self, fail_on: str | None = None, error: BaseException | None = None) -> None:
        super().__init__()
        self.fail_on, self.error = fail_on, error
        self.writes: list[tuple[list[str], str]] = []

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        names = [g.rsplit("/", 1)[1] for g in graphs]
        if self.fail_on in names and self.error is not None:
            raise self.error
        self.writes.append((names, threading.current_thread().name))
        super().replace_graphs(graphs)


def test_batches_are_written_in_input_order_by_the_writer_thread() -> None:
    store = Recording()
    trials = [make(f"T{i:02}", f"t{i}") for i in range(23)]
    report = load(trials, store, batch_size=4)
    assert [name for names, _ in store.writes for name in names] == [t.trial_id for t in trials]
    assert [len(names) for names, _ in store.writes] == [4, 4, 4, 4, 4, 3]
    assert {thread for _, thread in store.writes} == {"trialkg-writer"}
    assert report.loaded == 23 and report.total == 23


def test_an_error_in_the_writer_reaches_the_caller_naming_its_batch() -> None:
    store = Recording(fail_on="T05", error=RuntimeError("disk on fire"))
    made: list[str] = []

    def trials() -> Iterator[TrialGraph]:
        for i in range(40):
            made.append(f"T{i:02}")
            yield make(f"T{i:02}", f"t{i}")

    with pytest.raises(RuntimeError, match="disk on fire") as caught:
        load(trials(), store, batch_size=4)
    assert "while writing a batch of 4: T04 ... T07" in caught.value.__notes__
    assert [names for names, _ in store.writes] == [["T00", "T01", "T02", "T03"]]
    assert len(made) < 40  # the load stopped: no more records were made


def test_a_store_error_in_the_writer_is_reported_per_trial_not_lost() -> None:
    store = Recording(fail_on="T05", error=StoreError("HTTP 400: refused", transient=False))
    report = load([make(f"T{i:02}", f"t{i}") for i in range(9)], store, batch_size=4)
    assert [tid for tid, _ in report.failed] == ["T05"]
    assert report.loaded == 8 and report.total == 9


def test_an_error_making_the_records_stops_the_writer_after_what_was_made() -> None:
    store = Recording()

    def trials() -> Iterator[TrialGraph]:
        for i in range(6):
            yield make(f"T{i}", f"t{i}")
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        load(trials(), store, batch_size=4)
    assert [names for names, _ in store.writes] == [["T0", "T1", "T2", "T3"]]
    assert not any(t.name == "trialkg-writer" for t in threading.enumerate())
