"""Parallel conversion gives exactly what one process gives: same graphs, rejects, order."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import Converted, convert

from .conftest import EXAMPLES, FIXTURES

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
def test_parallel_equals_sequential(jobs: int) -> None:
    one = _summary(list(convert(INPUTS, jobs=1)))
    many = _summary(list(convert(INPUTS, jobs=jobs)))
    assert many == one
    kinds = {k for k, _, _ in one}
    assert kinds == {"graph", "rejected"}


def test_parallel_corpus_is_byte_identical(corpus: Path) -> None:
    inputs = [str(corpus / "ictrp-csv"), str(corpus / "ctgov-xml")]
    one = [r.graph.lines for r in convert(inputs, jobs=1) if r.graph]
    two = [r.graph.lines for r in convert(inputs, jobs=2) if r.graph]
    assert one == two and len(one) == 927 + 50
