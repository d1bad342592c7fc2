"""Shared test fixtures: the real records of tests/data, the shared corpus when it is there.

tests/data holds a small sample of real records (the seed page, ClinicalTrials.gov
records, ICTRP XML and CSV records of several registers; SOURCES.md), laid out
like the shared corpus, so a fresh clone tests real records. Tests that need more
records than kg.pipeline.SMALL (worker processes, kill points) take ``bulk``: the
corpus, or tests/data with its ICTRP records replicated under fresh IDs. Tests that
need the whole corpus (the linking targets) take the ``corpus`` fixture and skip
without ../shared (or $TRIALKG_SHARED); the run ends with a count of the skipped tests and why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.replicate import stand_in

ROOT = Path(__file__).resolve().parents[1]
# the shared material: ../shared beside the checkout, or TRIALKG_SHARED (a worktree elsewhere;
# a folder that does not exist runs the suite as a fresh clone without it would)
SHARED = Path(os.environ.get("TRIALKG_SHARED") or ROOT.parent / "shared")
DATA = ROOT / "tests" / "data"  # the real-record sample, in the repository
SEED = DATA / "seeds" / "000_6c0a2388d8003ccd.txt"  # contacts redacted
CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# the whole shared corpus when it is there (and TRIALKG_TEST_SAMPLE is not set), else the sample
REAL = CORPUS if CORPUS.is_dir() and not os.environ.get("TRIALKG_TEST_SAMPLE") else DATA


@pytest.fixture
def seed() -> Path:
    return SEED


def real_count(corpus: int, sample: int) -> int:
    """What a count over :data:`REAL` must be: in the shared corpus, or in the sample."""
    return corpus if REAL == CORPUS else sample


@pytest.fixture
def real() -> Path:
    """Real records: the shared corpus when it is there, else the tests/data sample."""
    return REAL


@pytest.fixture(scope="session")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More ICTRP CSV records than kg.pipeline.SMALL (worker processes start), laid out as
    the corpus: the shared corpus when :data:`REAL` is, else tests/data with its ICTRP CSV
    rows (260) and XML records (24) replicated under fresh trial IDs (tests/replicate.py)."""
    if REAL == CORPUS:
        return CORPUS
    return stand_in(DATA, tmp_path_factory.mktemp("bulk"))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not there: {CORPUS}")
    return CORPUS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many tests were skipped, and why (grouped by reason)."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons: dict[str, int] = {}
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    terminalreporter.write_sep("-", f"{len(skipped)} tests skipped")
    for reason, n in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        terminalreporter.write_line(f"{n:3} {reason}")
