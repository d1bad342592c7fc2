"""convert --validate: each graph checked in its worker; the same output bytes and the same
report for any -j, and the same output as without --validate."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.validation import Engine, validate_file


def _inverted_ages(bulk: Path, target: Path) -> Path:
    """The ICTRP CSV of ``bulk`` (more rows than kg.pipeline.SMALL: workers start) with
    minimum and maximum age swapped in every third record."""
    source = next((bulk / "ictrp-csv").glob("*.csv.gz"))
    with gzip.open(source, "rt", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    lo, hi = header.index("Inclusion agemin"), header.index("Inclusion agemax")
    for i, row in enumerate(rows[1:]):
        if i % 3 == 0:
            row[lo], row[hi] = "80 Years", "18 Years"
    with gzip.open(target, "wt", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return target


def _convert(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["convert", *args])
    return result.exit_code, result.stderr


def test_validate_in_workers_same_bytes_and_report_for_any_jobs(bulk: Path, tmp_path: Path) -> None:
    data = _inverted_ages(bulk, tmp_path / "in.csv.gz")
    outputs, reports = [], []
    for name, extra in (("j1", ["-j", "1", "--validate"]), ("j2", ["-j", "2", "--validate"])):
        out = tmp_path / f"{name}.nt"
        code, err = _convert(str(data), "-o", str(out), *extra)
        assert code == 0, err  # warnings only
        outputs.append(out.read_bytes())
        reports.append(sorted(line for line in err.splitlines() if line.startswith("Warning:")))
    plain = tmp_path / "plain.nt"
    assert _convert(str(data), "-o", str(plain), "-j", "2")[0] == 0
    assert outputs[0] == outputs[1] == plain.read_bytes()
    assert reports[0] == reports[1] and len(reports[0]) >= 50 - 1  # the first 50 are printed
    assert all("Minimum age (80" in line for line in reports[0])
    # the whole output validated as one graph finds the same age warnings
    reference = validate_file(str(plain), engine=Engine.FAST)
    assert {r.line() for r in reference.results if r.constraint.startswith("SPARQL")} >= set(
        reports[0]
    )
