"""Study clusters: registrations of one study joined through the IDs their records give."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import kg
from kg import clusters, queries
from kg.cli import main
from kg.mapping import trial_graph
from kg.model import Identifier, Provenance, SampleSize, TrialRecord
from kg.stores.embedded import EmbeddedStore

# the real records of the study clusters of an ICTRP XML export (tests/data/SOURCES.md)
CLUSTERS_XML = Path(__file__).parent / "data" / "clusters" / "ictrp-clusters.xml"


def _record(main_id: str, *secondary: str, size: int | None = None) -> TrialRecord:
    return TrialRecord(
        main_id,
        Provenance("ictrp-xml", "x.xml", 1),
        public_title=f"Trial {main_id}",
        secondary_ids=[Identifier(s, kg.normalize.identifiers.scheme_of(s)) for s in secondary],
        target_size=SampleSize(raw=str(size), total=size) if size is not None else None,
    )


def _store(*records: TrialRecord) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace_graphs({g.graph: g.ntriples() for g in map(trial_graph, records)})
    return store


def test_clusters_are_transitive_and_ignore_sponsor_numbers() -> None:
    store = _store(
        _record("NCT00000101", "ISRCTN12345678", "PROTO-1"),
        _record("ISRCTN12345678", "DRKS00000001"),
        _record("DRKS00000001"),
        _record("NCT00000102", "PROTO-1"),  # shares only a sponsor's protocol number
    )
    found = clusters.find_clusters(store)
    assert [c.trial_ids for c in found] == [("DRKS00000001", "ISRCTN12345678", "NCT00000101")]
    assert found[0].iri.endswith("/cluster/DRKS00000001")


def test_rebuild_writes_the_cluster_graph_and_conflicts_are_listed() -> None:
    store = _store(
        _record("EUCTR2020-000001-01-DE", "NCT00000201", size=100),
        _record("NCT00000201", size=120),
        _record("EUCTR2020-000001-01-FR", size=100),
    )
    built = clusters.rebuild(store)
    assert [c.trial_ids for c in built] == [
        ("EUCTR2020-000001-01-DE", "EUCTR2020-000001-01-FR", "NCT00000201")
    ]
    assert clusters.rebuild(store) == built  # rebuilt, not added to
    _, rows = store.select(queries.get("study-registrations").bind_values(
        {"trial_id": "EUCTR2020-000001-01-FR"}))  # fmt: skip
    got = [(r[2].value, r[7].value, r[9].value) for r in rows]  # id, size, sizeDiffers
    assert got == [
        ("EUCTR2020-000001-01-DE", "100", "yes"),
        ("EUCTR2020-000001-01-FR", "100", "yes"),
        ("NCT00000201", "120", "yes"),
    ]
    (conflict,) = clusters.conflicts(store, built[0])
    assert conflict.field == "target size"
    assert dict(conflict.values) == {
        "EUCTR2020-000001-01-DE": "100", "EUCTR2020-000001-01-FR": "100", "NCT00000201": "120"
    }  # fmt: skip


def test_corpus_registrations_that_name_each_other() -> None:
    xml = CLUSTERS_XML
    store = kg.embedded_store(kg.to_graphs(kg.parse([str(xml)])))
    found = {c.trial_ids: c for c in clusters.rebuild(store)}
    assert len(found) >= 5
    eu = [ids for ids in found if ids[0].startswith("EUCTR2021-000037-14-")]
    assert eu and len(eu[0]) == 5  # one EU-CTR study, five member-state records
    ctis = found[("CTIS2023-507385-11-00", "NCT05697861")]
    assert "euctr:2022-003405-30" in ctis.keys  # both name the same EudraCT number
    fields = {c.field for c in clusters.conflicts(store, ctis)}
    assert {"target size", "status", "start date"} <= fields


def test_load_and_report_commands(tmp_path: Path) -> None:
    xml = CLUSTERS_XML
    store_dir = tmp_path / "store"
    runner = CliRunner()
    loaded = runner.invoke(main, ["load", str(xml), "--store", str(store_dir)])
    assert loaded.exit_code == 0, loaded.output
    built = int(loaded.output.split("study clusters: ")[1].split()[0])
    assert built >= 5
    report = runner.invoke(main, ["report", "--store", str(store_dir), "--format", "csv"])
    assert report.exit_code == 0, report.output
    lines = report.stdout.splitlines()
    assert lines[0] == "cluster,registrations,disagreement,values"
    assert any(",target size," in line and "NCT05697861: 72" in line for line in lines)
    assert f"study clusters: {built};" in report.stderr


def test_rebuild_clears_clusters_that_are_gone() -> None:
    store = _store(_record("NCT00000401", "ISRCTN87654321"), _record("ISRCTN87654321"))
    assert len(clusters.rebuild(store)) == 1
    alone = trial_graph(_record("NCT00000401"))  # the newer record no longer names the ISRCTN
    store.replace_graphs({alone.graph: alone.ntriples()})
    assert clusters.rebuild(store) == []
    assert not store.ask("ASK { GRAPH ?g { ?c a <https://w3id.org/trialkg/StudyCluster> } }")
    empty = _store(_record("NCT00000402"))
    assert clusters.rebuild(empty) == []
    assert empty.count_triples() == len(trial_graph(_record("NCT00000402")).lines)  # no graph added
