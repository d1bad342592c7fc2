"""Fuzz targets, one per parser: mutated registry files through the whole reading path.

``python tests/fuzz.py --seconds 30`` (``make fuzz``) runs each parser's target
for that long with Hypothesis drawing the mutations (byte flips, insertions,
deletions, cuts, repeated slices, spliced seeds) of the format's seed files.
A target fails when anything escapes as an exception, when the counts do not
add up, or when a converted graph is not valid N-Triples. A failing input is
kept in ``tests/fixtures/fuzz/FORMAT/`` and replayed by test_fuzz_regressions.py.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from pyoxigraph import RdfFormat, parse

ROOT = Path(__file__).resolve().parent.parent
CRASHES = ROOT / "tests" / "fixtures" / "fuzz"
_ICTRP, _CTGOV = ROOT / "tests/fixtures/ictrp", ROOT / "tests/fixtures/ctgov"
SEEDS: dict[str, list[Path]] = {
    "ictrp-xml": [_ICTRP / "sample.xml"],
    "ictrp-csv": [_ICTRP / "covid40.csv", _ICTRP / "weekly63.csv"],
    "ctgov-json": [_CTGOV / "study_full.json", _CTGOV / "studies.ndjson"],
    "ctgov-xml": [_CTGOV / "study_full.xml"],
    "ictrp-trial2": [ROOT / "examples/CTRI-2025-02-000002.txt", ROOT / "examples/NCT90000001.txt"],
}


def check(fmt: str | None, data: bytes, folder: Path) -> None:
    """Convert ``data`` (as a file of format ``fmt``, or sniffed); raise on any defect."""
    from kg.mapping import MappingOptions
    from kg.pipeline import convert

    path = folder / "input.bin"
    path.write_bytes(data)
    records = rejected = 0
    for result in convert([str(path)], fmt, MappingOptions()):
        if result.graph is not None:
            records += 1
            list(parse(result.graph.ntriples(), format=RdfFormat.N_TRIPLES))
        elif result.rejected is not None:
            rejected += 1
            assert result.rejected.reason, "a reject without a reason"
        else:
            assert result.notes, "a result that is neither a graph, a reject nor a note"


def _mutate(base: bytes, ops: list[tuple[int, int, int, bytes]], other: bytes) -> bytes:
    data = bytearray(base)
    for op, at, size, blob in ops:
        at = at % (len(data) + 1)
        if op == 0:  # flip bytes
            for i in range(at, min(len(data), at + size)):
                data[i] ^= blob[0] if blob else 0xFF
        elif op == 1:  # insert
            data[at:at] = blob
        elif op == 2:  # delete
            del data[at : at + size]
        elif op == 3:  # cut here
            del data[at:]
        elif op == 4:  # repeat a slice
            data[at:at] = data[at : at + size] * 3
        else:  # splice another seed in
            data[at:at] = other[: size * 8]
    return bytes(data)


_BLOBS = [
    *(b"\xff", b"\x00", b"<", b"&x;", b'"', b"\n", b",", b"{", b"[" * 50, "é".encode()),
    *(b"\xef\xbb\xbf", b"]]>", b"\\u0000", b"\r\n", b"<!DOCTYPE x>", b"\t", b"\x1f\x8b"),
    *(b"x@example.org", b"Tel: +44 20 7946 0958"),
]


def _ops(rnd: random.Random, size: int) -> list[tuple[int, int, int, bytes]]:
    """1 to 6 mutations, drawn uniformly (Hypothesis alone draws mostly small lists)."""
    return [
        (rnd.randrange(6), rnd.randrange(size + 1), rnd.randint(1, 64), rnd.choice(_BLOBS))
        for _ in range(rnd.randint(1, 6))
    ]


def run(fmt: str, seconds: float, folder: Path) -> list[Path]:
    """Fuzz one format for ``seconds``; returns the crash files written."""
    seeds = [p.read_bytes() for p in SEEDS[fmt]]
    crashes: list[Path] = []
    failing: list[bytes] = []
    deadline = time.monotonic() + seconds
    round_no = 0
    while time.monotonic() < deadline:
        round_no += 1

        @seed(round_no)
        @settings(max_examples=50, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False)  # fmt: skip
        @given(st.integers(0, len(seeds) - 1), st.randoms(use_true_random=False), st.booleans())
        def target(which: int, rnd: random.Random, sniff: bool) -> None:
            ops = _ops(rnd, len(seeds[which]))
            data = _mutate(seeds[which], ops, seeds[(which + 1) % len(seeds)])
            failing.clear()
            failing.append(data)  # the last one tried before a failure is the shrunk one
            check(None if sniff else fmt, data, folder)
            failing.clear()

        try:
            target()
        except Exception as exc:  # keep it as a regression file; go on fuzzing
            data = failing[0]
            out = CRASHES / fmt / f"crash-{hashlib.sha256(data).hexdigest()[:16]}.bin"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            crashes.append(out)
            print(f"{fmt}: crash ({type(exc).__name__}: {exc})", file=sys.stderr)
    return sorted(set(crashes))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="per parser")
    parser.add_argument("--format", action="append", choices=sorted(SEEDS))
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.format or sorted(SEEDS):
            crashes = run(fmt, args.seconds, Path(tmp))
            print(f"{fmt}: {len(crashes)} crash file(s)", file=sys.stderr)
            for crash in crashes:
                print(f"  {crash.relative_to(ROOT)}", file=sys.stderr)
            failed += len(crashes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
