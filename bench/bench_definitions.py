"""The per-record abbreviation pass of ``criterion_rows`` (kg.criteria.abbreviations), timed.

    .venv/bin/python bench/bench_definitions.py [--corpus ../shared/corpus] [--runs 3]

Times ``definitions(record, linker)`` over every corpus record with criteria, without the
linker ("rules") and with it ("linked", the lexicon loaded first): the first pass (cold
caches) and the best of ``--runs``, in CPU seconds, and a digest of the output so that two
versions of the code can be compared for identical output. The machine may be shared:
compare two versions interleaved in one session (their ratio), not seconds across sessions.
Another checkout's code is timed with ``PYTHONPATH=<its root>`` (this file's root is used
only when no ``kg`` is importable).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    import kg  # noqa: F401
except ImportError:  # pragma: no cover - run from a bare checkout
    sys.path.insert(0, str(ROOT))

from kg.criteria.abbreviations import definitions  # noqa: E402
from kg.linking import Linker  # noqa: E402


def records(corpus: Path) -> list[object]:
    from kg.parsers.base import Rejected
    from kg.reading import read_records

    inputs = [str(p) for p in sorted(corpus.iterdir()) if p.is_dir() and "v1" not in p.name]
    found = [r for r in read_records(inputs) if not isinstance(r, Rejected)]
    return [r for r in found if r.eligibility.criteria]


def timed(recs: list[object], link: object, runs: int) -> dict[str, object]:
    seconds: list[float] = []
    out: list[object] = []
    for _ in range(runs):
        cpu = time.process_time()
        out = [definitions(r, link) for r in recs]  # type: ignore[arg-type]
        seconds.append(time.process_time() - cpu)
    digest = hashlib.sha256(repr(out).encode()).hexdigest()[:16]
    return {
        "first_cpu_s": round(seconds[0], 4),
        "best_cpu_s": round(min(seconds), 4),
        "ms_per_record_first": round(seconds[0] / len(recs) * 1000, 4),
        "definitions": sum(len(d) for d in out),  # type: ignore[arg-type]
        "digest": digest,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    recs = records(Path(args.corpus))
    rules = timed(recs, None, args.runs)
    linked = timed(recs, Linker.load().link, args.runs)
    print(json.dumps({"records": len(recs), "rules": rules, "linked": linked}))


if __name__ == "__main__":
    main()
