"""Issue 10: outputs are atomic, an output that is an input is refused, and a
complete N-Triples/N-Quads file ends with a trailer that validate checks."""

from __future__ import annotations

import gzip
from pathlib import Path

from click.testing import CliRunner

from kg.atomic import check_trailer
from kg.cli import main

from . import hostile_corpus
from .conftest import EXAMPLES

RUN = CliRunner()


def test_a_failed_convert_leaves_the_old_output_byte_identical(tmp_path: Path) -> None:
    bad = tmp_path / "deep.json"
    bad.write_bytes(next(c for c in hostile_corpus.CASES if c.name == "deep.json").make())
    existing = tmp_path / "existing.nq"
    existing.write_bytes(b"<a:s> <a:p> <a:o> <a:g> .\n")
    before = existing.read_bytes()
    result = RUN.invoke(main, ["convert", str(bad), "-o", str(existing)])
    assert result.exit_code == 1
    assert existing.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.json", "existing.nq"]  # no temp


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "x.txt"
    record.write_bytes((EXAMPLES / "NCT90000001.txt").read_bytes())
    before = record.read_bytes()
    for output in ("-o", "--rejects", "--notes"):
        args = ["convert", str(record), output, str(record)]
        result = RUN.invoke(main, args if output == "-o" else [*args, "-o", "-"])
        assert result.exit_code == 2, output
        assert "refusing" in result.stderr
    assert record.read_bytes() == before
    inside = RUN.invoke(main, ["convert", str(tmp_path), "-o", str(tmp_path / "out.nq")])
    assert inside.exit_code == 2


def test_the_trailer_shows_a_complete_file(tmp_path: Path) -> None:
    out = tmp_path / "out.nt.gz"
    assert RUN.invoke(main, ["convert", str(EXAMPLES), "-o", str(out)]).exit_code == 0
    data = gzip.decompress(out.read_bytes())
    assert check_trailer(data) is None
    statements = data.count(b"\n") - 1
    assert f"{statements} statements".encode() in data.splitlines()[-1]
    cut = tmp_path / "cut.nt"
    cut.write_bytes(b"\n".join(data.splitlines()[:-3]) + b"\n")  # complete lines, no trailer
    result = RUN.invoke(main, ["validate", str(cut)])
    assert "may be incomplete" in result.stderr
    changed = tmp_path / "changed.nt"
    changed.write_bytes(data.replace(b"Yoga", b"Yogi", 1))
    assert "does not match" in RUN.invoke(main, ["validate", str(changed)]).stderr
    assert "warning:" not in RUN.invoke(main, ["validate", str(out)]).stderr
