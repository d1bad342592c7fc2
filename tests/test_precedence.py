"""One trial, several records: the register's own record wins over an ICTRP copy.

The ClinicalTrials.gov JSON record of NCT04946669 and the ICTRP XML copy of it
(tests/fixtures), dated as the issue found them: updated 2021-07-15 on
ClinicalTrials.gov, refreshed 2021-07-19 by ICTRP.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.namespaces import TKG_NS
from kg.precedence import Superseded, one_per_trial
from kg.stores.embedded import EmbeddedStore
from kg.stores.loading import load, trial_graph

from .conftest import DATA, FIXTURES

RECORD = "https://w3id.org/trialkg/id/trial/NCT04946669/record/"
_SOURCE_RECORD = " <https://w3id.org/trialkg/sourceRecord> "


@pytest.fixture
def two_sources(tmp_path: Path) -> tuple[Path, Path]:
    study = json.loads((FIXTURES / "ctgov" / "NCT04946669.json").read_text("utf-8"))
    status = study["protocolSection"]["statusModule"]
    status["lastUpdatePostDateStruct"] = {"date": "2021-07-15", "type": "ACTUAL"}
    ctgov = tmp_path / "NCT04946669.json"
    ctgov.write_text(json.dumps(study), "utf-8")
    xml = (FIXTURES / "crossformat" / "NCT04946669.ictrp.xml").read_text("utf-8")
    assert "12 July 2021" in xml
    ictrp = tmp_path / "NCT04946669.ictrp.xml"
    ictrp.write_text(xml.replace("12 July 2021", "19 July 2021"), "utf-8")
    return ctgov, ictrp


def _convert(*inputs: Path, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["convert", *map(str, inputs), "-o", "-", "-j", "1", *extra])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("order", ["ctgov first", "ictrp first"])
def test_convert_keeps_the_registers_record(two_sources: tuple[Path, Path], order: str) -> None:
    ctgov, ictrp = two_sources
    inputs = (ctgov, ictrp) if order == "ctgov first" else (ictrp, ctgov)
    code, out, err = _convert(*inputs, extra=("--validate",))
    assert code == 0, err
    records = {line.split()[2] for line in out.splitlines() if _SOURCE_RECORD in line}
    assert records == {f"<{RECORD}ctgov-json>"}
    assert out.count("<https://w3id.org/trialkg/contentDigest>") == 1
    assert '"2021-07-15"' in out and '"2021-07-19"' not in out
    assert "superseded: NCT04946669 from ictrp-xml (2021-07-19) by ctgov-json (2021-07-15)" in err
    assert "1 superseded by another record of their trial" in err
    assert "0 SHACL violations" not in err and "SHACL violations" not in err


def test_convert_output_does_not_depend_on_the_order(two_sources: tuple[Path, Path]) -> None:
    ctgov, ictrp = two_sources
    assert _convert(ctgov, ictrp)[1] == _convert(ictrp, ctgov)[1]


@pytest.mark.parametrize("order", ["ctgov first", "ictrp first"])
def test_load_keeps_the_registers_record(
    two_sources: tuple[Path, Path], tmp_path: Path, order: str
) -> None:
    ctgov, ictrp = two_sources
    store = str(tmp_path / "store")
    first, second = (ctgov, ictrp) if order == "ctgov first" else (ictrp, ctgov)
    runner = CliRunner()
    one = runner.invoke(main, ["load", str(first), "--store", store, "-j", "1"])
    two = runner.invoke(main, ["load", str(second), "--store", store, "-j", "1"])
    assert one.exit_code == 0 and two.exit_code == 0, two.stderr
    if order == "ctgov first":
        assert "0 replaced, 0 unchanged, 0 stale, 1 superseded" in two.stderr
        assert "ictrp-xml: 1 superseded" in two.stderr
    else:
        assert "1 replaced, 0 unchanged, 0 stale, 0 superseded" in two.stderr
        assert "ctgov-json: 1 replaced" in two.stderr
    both = runner.invoke(main, ["load", str(ictrp), str(ctgov), "--store", store, "-j", "1"])
    assert "unchanged" in both.stderr and "ictrp-xml: 1 superseded" in both.stderr
    with EmbeddedStore(store) as opened:
        _, rows = opened.select(
            "SELECT ?r WHERE { GRAPH ?g { ?t <https://w3id.org/trialkg/sourceRecord> ?r } }"
        )
    assert [row[0].value for row in rows if row[0] is not None] == [f"{RECORD}ctgov-json"]


def test_same_input_twice_gives_one_graph_per_trial_and_no_violation(tmp_path: Path) -> None:
    """`cat a.ndjson a.ndjson | trialkg convert - --validate`, on real records."""
    studies = sorted((DATA / "ctgov-v2-json").glob("*.json"))
    ndjson = "".join(json.dumps(json.loads(p.read_text("utf-8"))) + "\n" for p in studies)
    once, twice = tmp_path / "a.ndjson", tmp_path / "twice.ndjson"
    once.write_text(ndjson, "utf-8")
    twice.write_text(ndjson + ndjson, "utf-8")
    result = CliRunner().invoke(
        main, ["convert", "-", "--validate", "-o", "-", "-j", "1"], input=twice.read_bytes()
    )
    assert result.exit_code == 0, result.stderr
    assert "SHACL violations" not in result.stderr
    assert result.stdout.count("<https://w3id.org/trialkg/contentDigest>") == len(studies) == 3
    assert f"{len(studies)} superseded" in result.stderr

    def content(nt: str) -> set[str]:  # the copies differ only in where they were read
        where = ("/positionInFile>", "/sourceFile>", "/contentDigest>")
        lines = (line for line in nt.splitlines() if not line.startswith("# trialkg complete"))
        return {line for line in lines if not any(w in line for w in where)}

    assert content(result.stdout) == content(_convert(once)[1])


def test_spilled_and_held_streams_choose_the_same_winners() -> None:
    graphs = [
        trial_graph(
            f"urn:x:graph/T{i % 7}",
            f"T{i % 7}",
            f'<urn:x:trial/T{i % 7}> <urn:x:n> "{i}" .'.encode(),
            version=f"2021-0{1 + i % 9}-01",
            source_rank=1 + i % 3,
        )
        for i in range(60)
    ]
    held: list[Superseded] = []
    spilled: list[Superseded] = []
    kept = list(one_per_trial(graphs, held))
    assert kept == list(one_per_trial(graphs, spilled, in_memory=3))
    by_lines: list[Superseded] = []  # big graphs spill by their lines, not their number
    assert kept == list(one_per_trial(graphs, by_lines, in_memory_lines=20))
    assert by_lines == held
    assert len(kept) == 7 and held == spilled and len(held) == 53
    for g in kept:  # the winner: own register (rank >= 2) first, then the newest date
        rivals = [x for x in graphs if x.graph == g.graph]
        best = max(rivals, key=lambda x: (x.source_rank >= 2, x.version or "", x.source_rank))
        assert g is best


def test_the_store_report_is_per_source() -> None:
    store = EmbeddedStore()
    body = b"<urn:x:s> <urn:x:p> <urn:x:o> ."
    own = trial_graph("urn:x:graph/T1", "T1", body, version="2021-07-15", source_rank=3)
    copy = trial_graph(
        "urn:x:graph/T1", "T1", body + b" # copy", version="2021-07-19", source_rank=1
    )
    report = load([own, copy], store)
    assert report.counts()["superseded"] == 1 and report.counts()["loaded"] == 1
    assert report.stale_details[0].outcome == "superseded"


def test_the_python_api_stores_the_registers_record(two_sources: tuple[Path, Path]) -> None:
    ctgov, ictrp = two_sources
    graphs = kg.to_graphs(kg.parse([str(ctgov), str(ictrp)]))
    assert len(graphs) == 2
    for order in (graphs, graphs[::-1]):
        store = kg.embedded_store(order)
        _, rows = store.select(f"SELECT ?r WHERE {{ GRAPH ?g {{ ?t <{TKG_NS}sourceRecord> ?r }} }}")
        assert [row[0].value for row in rows if row[0] is not None] == [f"{RECORD}ctgov-json"]
