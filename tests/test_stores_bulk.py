"""load --bulk: an empty store filled by the bulk path holds what upserts would have
written, and later upserts behave on it exactly as on an upserted store."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat

from kg.cli import main
from kg.mapping import TrialGraph
from kg.pipeline import convert
from kg.resources import data_dir
from kg.stores.bulk import NotEmpty, bulk_load
from kg.stores.embedded import EmbeddedStore
from kg.stores.loading import load, trial_graph

from .conftest import real_count


def _content(store: EmbeddedStore) -> list[str]:
    import io

    out = io.BytesIO()
    store.dump(out, RdfFormat.N_QUADS)
    return sorted(out.getvalue().decode().splitlines())


def _t(n: int, version: str, title: str) -> TrialGraph:
    body = f'<http://example.org/T{n}> <http://example.org/title> "{title}" .'.encode()
    return trial_graph(f"http://example.org/graph/T{n}", f"T{n}", body, version=version)


def _records(real: Path) -> list[TrialGraph]:
    inputs = [str(data_dir("examples")), str(real / "ctgov-xml"), str(real / "ctgov-v2-json")]
    return [r.graph for r in convert(inputs) if r.graph]


@pytest.mark.corpus
def test_bulk_load_holds_what_upserts_write(real: Path, tmp_path: Path) -> None:
    graphs = _records(real)
    first, second = graphs[0], graphs[1]  # each a second time in the same input
    bulk, upserted = EmbeddedStore(tmp_path / "bulk"), EmbeddedStore(tmp_path / "upsert")
    again = [*graphs, first, second]
    bulk_report = bulk_load(again, bulk)
    upsert_report = load(again, upserted, batch_size=len(again))  # one batch, as bulk counts
    assert bulk_report.counts() == upsert_report.counts()
    assert bulk_report.counts()["loaded"] == len({g.graph for g in graphs}) > real_count(50, 5)
    assert _content(bulk) == _content(upserted)


def test_versions_in_one_input_and_later_upserts_behave_as_on_an_upserted_store() -> None:
    first = [_t(1, "2021", "a"), _t(1, "2020", "stale"), _t(2, "2021", "b"), _t(1, "2022", "c")]
    later = [_t(1, "2022", "c"), _t(2, "2023", "b2"), _t(3, "2021", "new"), _t(2, "2019", "old")]
    bulk, upserted = EmbeddedStore(), EmbeddedStore()
    assert bulk_load(first, bulk).counts() == load(first, upserted).counts()
    assert _content(bulk) == _content(upserted)
    assert (
        load(later, bulk).counts()
        == load(later, upserted).counts()
        == {
            "loaded": 1,
            "replaced": 1,
            "unchanged": 1,
            "stale": 1,
            "superseded": 0,
            "failed": 0,
        }
    )
    assert _content(bulk) == _content(upserted)


def test_bulk_refuses_a_store_that_is_not_empty() -> None:
    store = EmbeddedStore()
    load([_t(1, "2021", "a")], store)
    with pytest.raises(NotEmpty):
        bulk_load([_t(2, "2021", "b")], store)


def test_load_bulk_command(tmp_path: Path) -> None:
    examples = str(data_dir("examples"))
    store = tmp_path / "store"
    first = CliRunner().invoke(main, ["load", examples, "--store", str(store), "--bulk"])
    assert first.exit_code == 0, first.stderr
    assert "2 loaded" in first.stderr
    again = CliRunner().invoke(main, ["load", examples, "--store", str(store), "--bulk"])
    assert again.exit_code == 2 and "empty store" in again.stderr
    del again
    gc.collect()  # the refused run's store (held by its traceback) lets go of the lock
    upsert = CliRunner().invoke(main, ["load", examples, "--store", str(store)])
    assert "2 unchanged" in upsert.stderr, upsert.stderr
