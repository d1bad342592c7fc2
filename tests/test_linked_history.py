"""History: the version a newer record replaces is kept, and `trialkg history` lists the changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg import history, queries
from kg.cli import main
from kg.stores import loading
from kg.stores.embedded import EmbeddedStore
from kg.views import trial_graphs

from .conftest import FIXTURES

V1 = FIXTURES / "history" / "NCT09999914.v1.json"
V2 = FIXTURES / "history" / "NCT09999914.v2.json"


@pytest.fixture
def store() -> EmbeddedStore:
    store = EmbeddedStore()
    for path in (V1, V2):
        loading.load(kg.to_graphs(kg.parse([str(path)])), store)
    return store


def test_replaced_version_is_kept_with_what_changed(store: EmbeddedStore) -> None:
    kept = history.versions(store, "NCT09999914")
    assert [(v.version, v.current) for v in kept] == [(None, False), ("2022-03-01", True)]
    changed = {c.field: (c.before, c.after) for c in history.changes(kept[0].view, kept[1].view)}
    assert changed == {
        "status": ("recruiting", "completed"),
        "target-size": ("20", "24"),
        "primary-outcomes": (
            "IMACS score improved [12 weeks after treat with Abatacept]",
            "IMACS total improvement score [24 weeks after treat with Abatacept]",
        ),
    }
    # the history graph holds no tkg:Trial: the trial queries still see one trial
    assert [t for _, t in trial_graphs(store)] == [kept[1].view.iri]
    rows = kg.query(store, "trial-overview", trial_id="NCT09999914")
    assert len(rows) == 1 and rows[0]["status"].value.endswith("/completed")


def test_loading_the_same_version_again_keeps_nothing_new(store: EmbeddedStore) -> None:
    report = loading.load(kg.to_graphs(kg.parse([str(V2)])), store)
    assert report.counts()["unchanged"] == 1
    assert len(history.versions(store, "NCT09999914")) == 2


def test_no_history_when_asked() -> None:
    store = EmbeddedStore()
    for path in (V1, V2):
        loading.load(kg.to_graphs(kg.parse([str(path)])), store, history=False)
    assert [v.current for v in history.versions(store, "NCT09999914")] == [True]


def test_changed_after_first_enrolment_query(store: EmbeddedStore) -> None:
    _, rows = store.select(queries.get("trials-changed-after-enrolment").text)
    got = [(r[1].value, r[2].value, r[4].value, r[5].value) for r in rows]
    assert got == [
        ("NCT09999914", "primary-outcomes", "2022-03-01", "2021-02-01"),
        ("NCT09999914", "target-size", "2022-03-01", "2021-02-01"),
    ]


def test_history_command(tmp_path: Path) -> None:
    store_dir = str(tmp_path / "store")
    runner = CliRunner()
    for path in (V1, V2):
        result = runner.invoke(main, ["load", str(path), "--store", store_dir])
        assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["history", "NCT09999914", "--store", store_dir, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "from,to,field,before,after"
    assert "undated,2022-03-01,target-size,20,24" in lines
    assert "NCT09999914: 2 version(s), 3 change(s)" in result.stderr
    missing = runner.invoke(main, ["history", "NCT00000000", "--store", store_dir])
    assert missing.exit_code == 1 and "no trial NCT00000000" in missing.output
