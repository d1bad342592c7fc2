"""A worker's CPU per step on the corpus's ICTRP CSV records, printed as one JSON object.

    .venv/bin/python bench/bench_map.py [--corpus ../shared/corpus] [--format ictrp-csv]

CPU seconds of this one process (``time.process_time``), so a busy machine matters less:
reading and building the records (``kg.reading.read_records``), then mapping them
(``kg.mapping.trial_graph``) twice: the first pass meets every criterion text for the first
time (the typed-constraint extractor runs on each), the second finds them in the caches (as
a worker does with repeated records). ``--no-criteria-structure`` maps without the
constraints. Run it in a fresh process per measurement (the caches are per process), and
alternate the trees compared (docs/scaling.md, "Round 6").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from run import CORPUS  # noqa: E402  (../shared or $TRIALKG_SHARED)

from kg.mapping import MappingOptions, trial_graph  # noqa: E402
from kg.parsers.base import Rejected  # noqa: E402
from kg.reading import read_records  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus",
        default=str(CORPUS),
    )
    parser.add_argument("--format", default="ictrp-csv", help="the corpus folder to read")
    parser.add_argument("--no-criteria-structure", action="store_true")
    args = parser.parse_args()
    import kg.criteria  # noqa: F401  (imported, its patterns compiled, before timing starts)

    cpu = time.process_time()
    records = [
        r
        for r in read_records([str(Path(args.corpus) / args.format)])
        if not isinstance(r, Rejected)
    ]
    build = time.process_time() - cpu
    options = MappingOptions(criteria_structure=not args.no_criteria_structure)
    passes = []
    for _ in range(2):
        cpu = time.process_time()
        lines = sum(len(trial_graph(r, options).lines) for r in records)
        passes.append(time.process_time() - cpu)
    print(
        json.dumps(
            {
                "records": len(records),
                "criteria": sum(len(r.eligibility.criteria) for r in records),
                "lines": lines,
                "build_cpu_s": round(build, 3),
                "map_first_pass_cpu_s": round(passes[0], 3),
                "map_repeated_cpu_s": round(passes[1], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
