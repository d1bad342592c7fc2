"""The CLI contract: syntaxes, stdout, gzip, rejects, counts, exit codes, determinism."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from kg.cli import main
from kg.mapping.countries import vocab_graph
from kg.namespaces import TKG_ID_NS

from .conftest import EXAMPLES

RUN = CliRunner()


def _convert(*args: str) -> tuple[int, bytes, str]:
    result = RUN.invoke(main, ["convert", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("out.nt", RdfFormat.N_TRIPLES),
        ("out.nq", RdfFormat.N_QUADS),
        ("out.ttl", RdfFormat.TURTLE),
        ("out.trig", RdfFormat.TRIG),
        ("out.jsonld", RdfFormat.JSON_LD),
    ],
)
def test_every_syntax_round_trips(tmp_path: Path, name: str, fmt: RdfFormat) -> None:
    out = tmp_path / name
    code, _, err = _convert(str(EXAMPLES), "-o", str(out))
    assert code == 0, err
    assert "records: 2 in, 2 converted, 0 rejected" in err
    statements = list(parse(path=str(out), format=fmt))
    subjects = {str(getattr(s, "subject", s)) for s in statements}
    assert "<https://w3id.org/trialkg/id/trial/NCT90000001>" in subjects
    assert "<https://w3id.org/trialkg/id/trial/CTRI%2F2025%2F02%2F000002>" in subjects


def test_nquads_have_one_graph_per_trial(tmp_path: Path) -> None:
    out = tmp_path / "out.nq.gz"
    assert _convert(str(EXAMPLES), "-o", str(out))[0] == 0
    with gzip.open(out, "rb") as fh:
        quads = list(parse(fh, format=RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    # one graph per trial, and the countries' codes and names once in their own graph
    assert graphs == {
        "https://w3id.org/trialkg/id/graph/NCT90000001",
        "https://w3id.org/trialkg/id/graph/CTRI%2F2025%2F02%2F000002",
        vocab_graph(TKG_ID_NS),
    }


def test_stdout_and_determinism() -> None:
    code1, first, _ = _convert(str(EXAMPLES), "-o", "-")
    code2, second, _ = _convert(str(EXAMPLES), "-o", "-", "--to", "nt")
    assert code1 == code2 == 0
    assert first == second  # byte-identical
    *lines, trailer = first.decode().splitlines()
    assert lines == sorted(set(lines))  # sorted, no duplicates
    assert trailer.startswith(f"# trialkg complete: {len(lines)} statements")


def test_gzip_output_is_reproducible(tmp_path: Path) -> None:
    a, b = tmp_path / "a.nt.gz", tmp_path / "b.nt.gz"
    _convert(str(EXAMPLES), "-o", str(a))
    _convert(str(EXAMPLES), "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_rejects_are_reported_and_counted(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("World Health Organization site\nRegister: X\nPublic title: no id here\n")
    rejects = tmp_path / "rejects.jsonl"
    code, _, err = _convert(str(EXAMPLES), str(bad), "-o", str(tmp_path / "o.nt"),
                            "--rejects", str(rejects), "--from", "ictrp-trial2")  # fmt: skip
    assert code == 1
    assert "records: 3 in, 2 converted, 1 rejected" in err
    [line] = rejects.read_text().splitlines()
    entry = json.loads(line)
    assert entry["source_file"].endswith("bad.txt") and entry["field"] == "Main ID"


def test_unknown_file_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01 nothing to see")
    code, _, err = _convert(str(junk), "-o", str(tmp_path / "o.nt"))
    assert code == 1
    assert "junk.bin" in err and "unknown format" in err and "Traceback" not in err


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = RUN.invoke(main, ["convert", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_queries_list_and_query_on_data(tmp_path: Path) -> None:
    listed = RUN.invoke(main, ["queries", "--format", "json"])
    names = {q["name"] for q in json.loads(listed.stdout)}
    assert {"trial-overview", "trials-by-condition", "eligibility-criteria"} <= names
    result = RUN.invoke(main, ["query", "trials-by-intervention", "--param", "intervention=yoga",
                               "--data", str(EXAMPLES), "--format", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("CTRI/2025/02/000002,Yoga,")
    bad = RUN.invoke(main, ["query", "trials-by-intervention", "--data", str(EXAMPLES)])
    assert bad.exit_code == 2 and "intervention" in bad.stderr


def test_load_then_query_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = RUN.invoke(main, ["load", str(EXAMPLES), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "2 loaded" in first.stderr
    again = RUN.invoke(main, ["load", str(EXAMPLES), "--store", str(store)])
    assert "0 loaded, 0 replaced, 2 unchanged" in again.stderr
    result = RUN.invoke(main, ["query", "trial-overview", "--param", "trial_id=NCT90000001",
                               "--store", str(store), "--format", "json"])  # fmt: skip
    rows = json.loads(result.stdout)
    assert [r["phase"].rsplit("/", 1)[-1] for r in rows] == ["phase-2", "phase-3"]
    assert {(r["targetSize"], r["sponsor"]) for r in rows} == {
        ("120", "Example University Hospital")
    }


def test_values_kept_raw_are_listed(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "World Health Organization site\nRegister: X\nMain ID:  X-1\n"
        "Phase:  Phase 7\nDate of first enrolment: sometime soon\n"
    )
    notes = tmp_path / "notes.jsonl"
    code, _, err = _convert(str(page), "-o", str(tmp_path / "o.nt"), "--notes", str(notes))
    assert code == 0
    assert "2 values kept raw" in err
    got = sorted((n["field"], n["value"]) for n in map(json.loads, notes.read_text().splitlines()))
    assert got == [("Date of first enrolment", "sometime soon"), ("Phase", "Phase 7")]
    assert "sometime soon" in (tmp_path / "o.nt").read_text()  # kept in the graph too
