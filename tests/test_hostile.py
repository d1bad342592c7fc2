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
    rejected = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert len(rejected) == n_rej
    assert all(r["reason"] and r["source_file"] for r in rejected)
    named = {Path(r["source_file"].split("!")[0]).name for r in rejected}
    cases = {c.name: c for c in hostile_corpus.CASES}
    assert named == {name for name, c in cases.items() if c.reject}
    noted = {Path(n["source_file"]).name for n in map(json.loads, notes.read_text().splitlines())
             if n["field"] is None}  # fmt: skip
    assert noted == {name for name, c in cases.items() if c.note}
    graphs = {q.graph_name.value for q in parse(path=str(out), format=RdfFormat.N_QUADS)}
    assert n_out == len(graphs)  # each converted record is a trial graph
    good = 2 + sum(c.good for c in cases.values())  # the two examples and the cases' good ones
    assert n_out >= good


def test_the_issue_folder_exits_1_with_each_bad_input_listed(tmp_path: Path, corpus: Path) -> None:
    """The issue's "done when": good corpus files plus a Latin-1 CSV, an invalid-UTF-8
    JSON, a 200k-deep JSON and a truncated .gz."""
    cases = {c.name: c for c in hostile_corpus.CASES}
    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted((corpus / "ctgov-v2-json").glob("*.json"))[:4]
    for path in good:
        (folder / path.name).write_bytes(path.read_bytes())
    for name in ("latin1.csv", "bad-utf8.json", "deep.json", "truncated.ndjson.gz"):
        (folder / name).write_bytes(cases[name].make())
    rejects = tmp_path / "rejects.jsonl"
    code, err, (n_in, n_out, n_rej) = _convert(str(folder), "-o", str(tmp_path / "o.nq"),
                                               "--rejects", str(rejects))  # fmt: skip
    assert code == 1 and "Traceback" not in err
    assert n_in == n_out + n_rej
    named = {
        Path(json.loads(line)["source_file"]).name for line in rejects.read_text().splitlines()
    }
    assert named == {"bad-utf8.json", "deep.json", "truncated.ndjson.gz"}
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
