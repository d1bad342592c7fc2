"""Parallel conversion gives exactly what one process gives: same graphs, rejects, order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg import pipeline
from kg.pipeline import Converted, convert
from kg.reading import read_raw

from .conftest import EXAMPLES, FIXTURES, real_count

INPUTS = [
    str(EXAMPLES),
    str(FIXTURES / "ictrp" / "sample.xml"),  # has a record without TrialID
    str(FIXTURES / "ictrp" / "broken.csv"),
    str(FIXTURES / "ctgov" / "studies.ndjson"),  # has a broken line
    str(FIXTURES / "ctgov" / "study_full.xml"),  # one study per file: parsed whole in a worker
    str(FIXTURES / "ctgov" / "v1_fullstudies.json"),  # rejected format
]


def _summary(results: list[Converted]) -> list[tuple[str, str, int]]:
    out = []
    for r in results:
        if r.graph is not None:
            out.append(("graph", r.graph.digest, len(r.notes)))
        else:
            assert r.rejected is not None
            out.append(("rejected", f"{r.rejected.source_file}#{r.rejected.position}", 0))
    return out


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_equals_sequential(monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    monkeypatch.setattr(pipeline, "SMALL", 2)  # start workers even for these few records
    one = _summary(list(convert(INPUTS, jobs=1)))
    many = _summary(list(convert(INPUTS, jobs=jobs)))
    assert many == one
    kinds = {k for k, _, _ in one}
    assert kinds == {"graph", "rejected"}


def test_parallel_corpus_is_byte_identical(bulk: Path) -> None:
    """More records than SMALL (the corpus, or tests/data replicated): workers do start."""
    inputs = [str(bulk / "ictrp-csv"), str(bulk / "ctgov-xml")]
    assert len(list(read_raw(inputs))) > pipeline.SMALL
    one = [r.graph.lines for r in convert(inputs, jobs=1) if r.graph]
    two = [r.graph.lines for r in convert(inputs, jobs=2) if r.graph]
    assert one == two and len(one) == real_count(927 + 50, 260 + 3)


def test_parallel_load_beside_an_open_store_does_not_hang(bulk: Path, tmp_path: Path) -> None:
    """Workers come from a forkserver, so the store's threads cannot deadlock them."""
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "kg", "load", str(bulk / "ictrp-csv"), "--store", str(store)]
    done = subprocess.run([*cmd, "-j", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{real_count(927, 260)} loaded" in done.stderr
