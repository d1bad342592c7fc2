"""Sorted, deduplicated output, in memory and through spilled runs."""

from __future__ import annotations

import random

import pytest

from kg import serialize


@pytest.mark.parametrize(("spill", "system_sort"), [(3, True), (3, False), (1_000_000, True)])
def test_sorted_unique_in_memory_and_spilled(
    monkeypatch: pytest.MonkeyPatch, spill: int, system_sort: bool
) -> None:
    monkeypatch.setattr(serialize, "_SPILL_LINES", spill)
    if not system_sort:
        monkeypatch.setattr(serialize.shutil, "which", lambda _name: None)
    rng = random.Random(7)
    lines = [f'<s{rng.randrange(50)}> <p> "{rng.randrange(5)}é\u2028" .\n' for _ in range(400)]
    blocks = [lines[i : i + 7] for i in range(0, len(lines), 7)]
    got = [line for batch in serialize._sorted_unique(blocks) for line in batch]
    assert got == sorted(set(lines))
    raw = b"".join(serialize._sorted_unique_bytes(blocks))
    assert raw == "".join(sorted(set(lines))).encode("utf-8")
