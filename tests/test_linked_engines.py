"""History, clusters and trial views on every store backend (embedded, Oxigraph, Virtuoso)."""

from __future__ import annotations

import pytest

import kg
from kg import clusters, history
from kg.stores import GraphStore, loading
from kg.views import read_trial

from . import servers
from .conftest import FIXTURES

oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server
any_store = servers.any_store


@pytest.mark.integration
def test_history_clusters_and_views_on_every_backend(any_store: GraphStore) -> None:
    for path in (
        FIXTURES / "history" / "NCT09999914.v1.json",
        FIXTURES / "history" / "NCT09999914.v2.json",
    ):
        loading.load(kg.to_graphs(kg.parse([str(path)])), any_store)
    kept = history.versions(any_store, "NCT09999914")
    assert [v.current for v in kept] == [False, True]
    fields = [c.field for c in history.changes(kept[0].view, kept[1].view)]
    assert fields == ["status", "target-size", "primary-outcomes"]
    view = read_trial(any_store, "NCT09999914")
    assert view is not None and view.target_size == 24 and len(view.criteria) == 11
    loading.load(kg.to_graphs(kg.parse([str(FIXTURES / "queries" / "trials.xml")])), any_store)
    assert clusters.rebuild(any_store) == []  # no trial there names another's ID
