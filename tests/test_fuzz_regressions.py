"""Every input a fuzz target ever failed on (tests/fixtures/fuzz/FORMAT/*), replayed;
and a short run of each parser's target (``make fuzz`` runs them longer)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .fuzz import CRASHES, SEEDS, check, run

KEPT = sorted(p for p in CRASHES.glob("*/*") if p.is_file())


@pytest.mark.parametrize("path", KEPT, ids=[f"{p.parent.name}/{p.name}" for p in KEPT])
def test_a_kept_crash_no_longer_crashes(path: Path, tmp_path: Path) -> None:
    check(path.parent.name, path.read_bytes(), tmp_path)
    check(None, path.read_bytes(), tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_each_parser_survives_a_short_fuzz(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules[run.__module__], "CRASHES", tmp_path / "crashes")
    assert run(fmt, 3.0, tmp_path) == []
