"""Shared test fixtures: where the shared corpus and seed are, small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_6c0a2388d8003ccd.txt"
CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip(f"the reference record is not there: {SEED}")
    return SEED


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not there: {CORPUS}")
    return CORPUS
