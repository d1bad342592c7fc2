"""Issue 14: upserts write a batch of new graphs by the bulk path and replace stored ones
in one transaction; the store holds exactly what writing graph by graph gives."""

from __future__ import annotations

import io
from collections.abc import Mapping
from itertools import islice
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat

from kg.mapping import TrialGraph
from kg.pipeline import convert
from kg.resources import data_dir
from kg.stores import embedded
from kg.stores.embedded import EmbeddedStore, new_graphs_nquads, parse_graph
from kg.stores.loading import load, trial_graph

from .conftest import real_count


class GraphByGraph(EmbeddedStore):
    """The reference: every graph cleared and written in a transaction of its own."""

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        for graph, data in graphs.items():
            self.store.remove_graph(NamedNode(graph))
            self.store.extend(parse_graph(graph, data))


def _dump(store: EmbeddedStore) -> list[str]:
    out = io.BytesIO()
    store.dump(out, RdfFormat.N_QUADS)
    return sorted(out.getvalue().decode().splitlines())


def _records(real: Path) -> list[TrialGraph]:
    inputs = [str(data_dir("examples")), *(str(real / f) for f in ("ictrp-csv", "ctgov-v2-json"))]
    found = [*islice(convert(inputs), 60), *islice(convert([str(real / "ctgov-v2-json")]), 15)]
    return [r.graph for r in found if r.graph]  # records of three formats


def _newer(g: TrialGraph) -> TrialGraph:
    """The same trial, a later version with one more triple (metadata made anew)."""
    own = [line for line in g.lines if not line.startswith(f"<{g.graph}> ")]
    extra = f'<{g.graph}#note> <http://example.org/note> "revised" .\n'
    body = "".join([*own, extra]).encode()
    return trial_graph(g.graph, g.trial_id, body, version="2099-01-01", source_rank=g.source_rank)


@pytest.mark.corpus
def test_batched_upserts_hold_what_graph_by_graph_writes(real: Path, tmp_path: Path) -> None:
    graphs = _records(real)  # the sample (tests/data) gives 18, the corpus 70
    assert len({g.source for g in graphs}) >= 3 and len(graphs) > real_count(60, 12)
    rebuilt = [_newer(g) for g in graphs[::3]]
    first = [*graphs[:3], graphs[1], *graphs[3:]]  # a copy in the batch of its record
    batched, reference = EmbeddedStore(tmp_path / "batched"), GraphByGraph(tmp_path / "ref")
    for round_ in (first, [*rebuilt, *graphs[1::3]]):
        got = load(round_, batched, batch_size=25)
        want = load(round_, reference, batch_size=1)  # identical copies count alike
        assert got.counts() == want.counts()
        assert _dump(batched) == _dump(reference)
    assert got.counts()["replaced"] == len({g.graph for g in rebuilt})
    assert got.counts()["unchanged"] > 0
    assert any("/history/" in line for line in _dump(batched))  # replaced versions kept


@pytest.mark.parametrize("batch_size", [1, 2, 3, 10])
def test_identical_copies_count_alike_whatever_the_batch_size(batch_size: int) -> None:
    def t(n: int, version: str = "2021", title: str = "x") -> TrialGraph:
        body = f'<http://example.org/T{n}> <http://example.org/title> "{title}" .'.encode()
        return trial_graph(f"http://example.org/graph/T{n}", f"T{n}", body, version=version)

    store = EmbeddedStore()
    load([t(9, "2030", "stored, newer")], store)
    trials = [t(1), t(2), t(1), t(9), t(1), t(9)]
    report = load(trials, store, batch_size=batch_size)
    assert report.counts() == {
        "loaded": 2,
        "replaced": 0,
        "unchanged": 2,
        "stale": 2,
        "superseded": 0,
        "failed": 0,
    }


def test_new_graphs_take_the_bulk_path_stored_ones_do_not(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    nt = b'<http://example.org/s> <http://example.org/p> "1" .\n'
    store.replace_graphs({"http://example.org/g1": nt})
    fresh, held = new_graphs_nquads(
        store.store,
        {
            "http://example.org/g1": nt,  # stored
            "http://example.org/g2": nt,  # new
            "http://example.org/g3": b"_:b <http://example.org/p> _:c .",  # blank nodes
            "http://example.org/g4": nt + b"# a comment\n",  # not plain lines
        },
    )
    assert list(fresh) == ["http://example.org/g2"]
    assert held == ["http://example.org/g1", "http://example.org/g3", "http://example.org/g4"]


@pytest.mark.parametrize("bulk_quads", [100_000, 1])  # 1: a call a graph, calls side by side
def test_a_bad_graph_in_a_bulk_batch_fails_alone_and_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk_quads: int
) -> None:
    monkeypatch.setattr(embedded, "BULK_QUADS", bulk_quads)

    def t(n: int, iri: str = "http://example.org/s") -> TrialGraph:
        body = f'<{iri}{n}> <http://example.org/p> "{n}" .'.encode()
        return trial_graph(f"http://example.org/graph/T{n}", f"T{n}", body, version="2021")

    store = EmbeddedStore(tmp_path / "s")
    report = load([t(1), t(2), t(3, "http://example.org/a b"), t(4)], store, batch_size=4)
    assert [tid for tid, _ in report.failed] == ["T3"] and report.loaded == 3
    graphs = {g.value for g in store.store.named_graphs()}
    assert "http://example.org/graph/T3" not in graphs
    assert not store.ask("ASK { GRAPH <http://example.org/graph/T3> { ?s ?p ?o } }")
    assert load([t(1), t(2), t(4)], store).counts()["unchanged"] == 3
