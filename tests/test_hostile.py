"""Issue 10: a hostile corpus (tests/hostile_corpus.py) next to good files. One bad
file never costs the good ones, every bad input is a reject with a reason, counts
add up, no traceback, output stays valid RDF and free of contact data."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from kg.cli import main
from kg.mapping.countries import vocab_graph
from kg.namespaces import TKG_ID_NS

from . import hostile_corpus
from .conftest import EXAMPLES

RUN = CliRunner()
COUNTS = re.compile(r"records: (\d+) in, (\d+) converted, (\d+) rejected")


def _convert(*args: str) -> tuple[int, str, tuple[int, int, int]]:
    result = RUN.invoke(main, ["convert", "-j", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    found = COUNTS.search(result.stderr)
    assert found, result.stderr
    n_in, n_out, n_rej = (int(g) for g in found.groups())
    return result.exit_code, result.stderr, (n_in, n_out, n_rej)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    hostile_corpus.write(folder / "bad")
    return folder


def test_one_bad_file_never_costs_the_good_ones(hostile: Path, tmp_path: Path) -> None:
    out, rejects, notes = tmp_path / "out.nq", tmp_path / "rejects.jsonl", tmp_path / "notes.jsonl"
    code, err, (n_in, n_out, n_rej) = _convert(
        str(EXAMPLES), str(hostile / "bad"), "-o", str(out), "--rejects", str(rejects),
        "--notes", str(notes),
    )  # fmt: skip
    assert code == 1
    assert "Traceback" not in err
    assert n_in == n_out + n_rej
    entries = [json.loads(line) for line in rejects.read_text().splitlines()]
    rejected = [e for e in entries if e.get("kind") != "note"]
    assert len(rejected) == n_rej
    assert all(r["reason"] and r["source_file"] for r in rejected)
    named = {Path(r["source_file"].split("!")[0]).name for r in rejected}
    cases = {c.name: c for c in hostile_corpus.CASES}
    assert named == {name for name, c in cases.items() if c.reject}
    kept = {Path(e["source_file"]).name for e in entries if e.get("kind") == "note"}
    assert kept == {name for name, c in cases.items() if c.note}  # listed, not rejected
    noted = {Path(n["source_file"]).name for n in map(json.loads, notes.read_text().splitlines())
             if n["field"] is None}  # fmt: skip
    assert noted == {name for name, c in cases.items() if c.note}
    graphs = {q.graph_name.value for q in parse(path=str(out), format=RdfFormat.N_QUADS)}
    assert vocab_graph(TKG_ID_NS) in graphs  # the countries' codes and names, once
    assert n_out == len(graphs - {vocab_graph(TKG_ID_NS)})  # each converted record a trial graph
    good = 2 + sum(c.good for c in cases.values())  # the two examples and the cases' good ones
    assert n_out >= good


def test_the_issue_folder_exits_1_with_each_bad_input_listed(tmp_path: Path, real: Path) -> None:
    """The issue's "done when": good corpus files plus a Latin-1 CSV, an invalid-UTF-8
    JSON, a 200k-deep JSON and a truncated .gz."""
    cases = {c.name: c for c in hostile_corpus.CASES}
    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted((real / "ctgov-v2-json").glob("*.json"))[:4]
    for path in good:
        (folder / path.name).write_bytes(path.read_bytes())
    for name in ("latin1.csv", "bad-utf8.json", "deep.json", "truncated.ndjson.gz"):
        (folder / name).write_bytes(cases[name].make())
    rejects = tmp_path / "rejects.jsonl"
    code, err, (n_in, n_out, n_rej) = _convert(str(folder), "-o", str(tmp_path / "o.nq"),
                                               "--rejects", str(rejects))  # fmt: skip
    assert code == 1 and "Traceback" not in err
    assert n_in == n_out + n_rej
    entries = [json.loads(line) for line in rejects.read_text().splitlines()]
    named = {Path(e["source_file"]).name for e in entries if e.get("kind") != "note"}
    assert named == {"bad-utf8.json", "deep.json", "truncated.ndjson.gz"}
    [note] = [e for e in entries if e.get("kind") == "note"]  # each bad input is listed
    assert Path(str(note["source_file"])).name == "latin1.csv"
    assert note["reason"].startswith("note: ") and "Windows-1252" in note["reason"]
    assert "records kept" in err and "1 file read with a note" in err
    assert n_rej == 3  # the Latin-1 file's records are converted, not rejected
    alone = _convert(*map(str, good), "-o", str(tmp_path / "g.nq"))[2]
    assert n_out >= alone[1] + 1 + 1  # every good record, the Latin-1 one, the gzip's first


def test_a_gzip_bomb_is_a_reject_within_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.csv.gz"
    bomb.write_bytes(hostile_corpus.gzip_bomb(3_000_000))
    rejects = tmp_path / "r.jsonl"
    code, _, counts = _convert(str(bomb), "-o", str(tmp_path / "o.nt"), "--rejects", str(rejects),
                               "--max-field-size", "1MB", "--max-record-size", "2MB")  # fmt: skip
    assert (code, counts) == (1, (3, 2, 1))
    [reject] = map(json.loads, rejects.read_text().splitlines())
    assert "--max-record-size" in reject["reason"]
    code, _, counts = _convert(str(bomb), "-o", str(tmp_path / "o.nt"), "--max-field-size", "1MB")
    assert (code, counts) == (1, (3, 2, 1))  # within the record limit: the field limit
    assert _convert(str(bomb), "-o", str(tmp_path / "o.nt"))[2] == (3, 3, 0)  # raised: it fits


def test_a_cut_gzip_keeps_every_complete_record(tmp_path: Path) -> None:
    cut = tmp_path / "cut.ndjson.gz"
    cut.write_bytes(hostile_corpus._truncated_gz())
    rejects = tmp_path / "r.jsonl"
    code, _, (_, n_out, n_rej) = _convert(str(cut), "-o", str(tmp_path / "o.nq"),
                                          "--rejects", str(rejects))  # fmt: skip

    inflate = zlib.decompressobj(wbits=31)
    whole_lines = inflate.decompress(cut.read_bytes()).count(b"\n")
    assert n_out == whole_lines and n_rej == 1 and code == 1
    assert "cut short" in rejects.read_text()


def test_injection_stays_in_its_literal(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.nt"
    code, _, counts = _convert(str(hostile / "bad" / "injection.csv"), "-o", str(out))
    assert (code, counts) == (0, (1, 1, 0))
    titles = [t.object.value for t in parse(path=str(out), format=RdfFormat.N_TRIPLES)
              if t.predicate.value.endswith("publicTitle")]  # fmt: skip
    assert titles and '"quoted"' in titles[0] and "<a:b>" in titles[0]


def test_an_unbalanced_quote_names_the_records_it_swallowed(hostile: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "r.jsonl"
    code, _, counts = _convert(str(hostile / "bad" / "unbalanced-quote.csv"), "-o",
                               str(tmp_path / "o.nt"), "--rejects", str(rejects))  # fmt: skip
    assert (code, counts) == (1, (3, 1, 2))
    assert "NCT09770019" in rejects.read_text()


def test_a_title_with_child_elements_keeps_all_its_text() -> None:
    """A title (or any text field) holding child elements keeps their text: nothing is
    dropped at the first child, in the legacy CT.gov XML and the ICTRP XML parsers."""
    import io

    from kg.parsers import ctgov_xml, ictrp_xml

    study = (
        b"<clinical_study><id_info><nct_id>NCT09990001</nct_id></id_info>"
        b"<brief_title>IL-<sup>2</sup> in <i>severe</i> asthma</brief_title>"
        b"<official_title>Plain</official_title>"
        b"<brief_summary><textblock>Dose <b>10</b> mg</textblock></brief_summary>"
        b"<condition>Asthma <i>type 2</i></condition></clinical_study>"
    )
    [record] = list(ctgov_xml.parse(io.BytesIO(study), "t.xml"))
    assert not isinstance(record, ctgov_xml.Rejected)
    assert record.public_title == "IL-2 in severe asthma"
    assert record.scientific_title == "Plain"
    assert record.brief_summary == "Dose 10 mg"
    trial = (
        "<Trial><TrialID>NCT09990002</TrialID>"
        "<Public_title>IL-<sup>2</sup> in <i>severe</i> asthma</Public_title></Trial>"
    )
    [item] = list(ictrp_xml.parse(io.BytesIO(hostile_corpus._ictrp_xml(trial)), "t.xml"))
    assert not isinstance(item, ictrp_xml.Rejected)
    assert item.public_title == "IL-2 in severe asthma"


def _many_trials(count: int) -> bytes:
    body = "".join(
        f"<Trial><TrialID>NCT0977{i:04d}</TrialID>\n<Public_title>T{i}</Public_title></Trial>\n"
        for i in range(1, count + 1)
    )
    return hostile_corpus._ictrp_xml("\n" + body)


def test_a_bad_byte_in_a_many_record_xml_costs_only_its_record(tmp_path: Path) -> None:
    """Bad bytes in records 5, 50 and 94 of a 95-record ICTRP XML file: three rejects
    naming the byte, reading resumes at the next <Trial>, the other 92 convert."""
    data = _many_trials(95)
    for good, bad in ((b">T5<", b">T5\xff<"), (b">T50<", b">T50<b<"), (b">T94<", b">T94\x00<")):
        data = data.replace(good, bad, 1)
    path = tmp_path / "many.xml"
    path.write_bytes(data)
    rejects = tmp_path / "r.jsonl"
    code, _, counts = _convert(str(path), "-o", str(tmp_path / "o.nt"), "--rejects", str(rejects))
    assert (code, counts) == (1, (95, 92, 3))
    rejected = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [r["position"] for r in rejected] == [5, 50, 94]
    for r, fault in zip(rejected, (b"\xff", b"<", b"\x00"), strict=True):
        at = re.search(r"at byte (\d+)", r["reason"])
        assert at and data[int(at.group(1)) : int(at.group(1)) + 1] == fault
        assert "resumed at the next <Trial>" in r["reason"]
    ids = {t.subject.value for t in parse(path=str(tmp_path / "o.nt"), format=RdfFormat.N_TRIPLES)}
    assert not any("NCT09770005" in i or "NCT09770050" in i for i in ids)
    assert any("NCT09770095" in i for i in ids) and any("NCT09770051" in i for i in ids)


def test_a_dtd_in_a_many_record_xml_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "dtd.xml"
    data = _many_trials(95).replace(b"<Trials_", b"<!DOCTYPE x [<!ENTITY a 'b'>]>\n<Trials_", 1)
    path.write_bytes(data)
    rejects = tmp_path / "r.jsonl"
    code, _, counts = _convert(str(path), "-o", str(tmp_path / "o.nt"), "--rejects", str(rejects))
    assert (code, counts) == (1, (1, 0, 1))
    assert "DTD" in rejects.read_text()


def _study_xml(nct: str, title: str) -> bytes:
    return (
        f"<clinical_study><id_info><nct_id>{nct}</nct_id></id_info>"
        f"<brief_title>{title}</brief_title></clinical_study>"
    ).encode()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_limits_hold_for_files_parsed_whole_in_workers(tmp_path: Path, jobs: str) -> None:
    """Legacy CT.gov XML and Trial2 files are parsed whole, in worker processes when
    there are enough of them (-j 2, over 256 files): --max-record-size and
    --max-field-size apply there too."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"NCT0955{i:04d}.xml").write_bytes(_study_xml(f"NCT0955{i:04d}", "Small"))
    (folder / "big.xml").write_bytes(_study_xml("NCT09559999", "x" * 3_000_000))
    wide = b"Register: ClinicalTrials.gov\nMain ID: NCT09558888\nPublic title: "
    (folder / "wide.txt").write_bytes(wide + b"y" * 1_500_000 + b"\n")
    rejects = tmp_path / "r.jsonl"
    args = ["-j", jobs, str(folder), "-o", str(tmp_path / "o.nt"), "--rejects", str(rejects)]
    result = RUN.invoke(main, ["convert", *args, "--max-record-size", "2MB",
                               "--max-field-size", "1MB"])  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "records: 302 in, 300 converted, 2 rejected" in result.stderr
    reasons = {Path(r["source_file"]).name: r["reason"]
               for r in map(json.loads, rejects.read_text().splitlines())}  # fmt: skip
    assert "--max-record-size" in reasons["big.xml"]
    assert "--max-field-size" in reasons["wide.txt"]
    result = RUN.invoke(main, ["convert", *args, "--max-field-size", "1MB"])
    assert "records: 302 in, 300 converted, 2 rejected" in result.stderr  # field limit: both
    assert "--max-field-size" in rejects.read_text().split("\n")[0]
    result = RUN.invoke(main, ["convert", *args])  # the defaults: everything fits
    assert "records: 302 in, 302 converted, 0 rejected" in result.stderr
