"""Parallel conversion gives exactly what one process gives: same graphs, rejects, order."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import pipeline
from kg.iris import DEFAULT_BASE
from kg.pipeline import Converted, convert
from kg.precedence import one_per_trial
from kg.reading import read_raw
from kg.serialize import SYNTAXES, write_graphs

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


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_every_syntax_is_byte_identical_for_any_jobs(
    monkeypatch: pytest.MonkeyPatch, syntax: str
) -> None:
    monkeypatch.setattr(pipeline, "SMALL", 2)  # start workers even for these few records
    written = []
    for jobs in (1, 2):
        graphs = [r.graph for r in convert(INPUTS, jobs=jobs) if r.graph]
        out = io.BytesIO()
        write_graphs(one_per_trial(graphs, []), out, syntax, DEFAULT_BASE)
        written.append(out.getvalue())
    assert written[0] == written[1] and len(written[0]) > 1000


def test_jsonld_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """rdflib orders JSON-LD nodes by its hash-seeded sets; kg.jsonld sorts them."""
    outputs = []
    for seed in ("1", "2"):
        cmd = [sys.executable, "-m", "kg", "convert", str(EXAMPLES), "--to", "jsonld", "-o", "-"]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(cmd, capture_output=True, env=env, timeout=120, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and b"criterion" in outputs[0]
