"""Peak RSS of `trialkg load` as the input grows (issue 10: load memory flat in input
size). Replicates the corpus ICTRP CSV to each size, loads it into a fresh embedded
store, and writes time, the child's peak RSS and the store's size after compaction.

    python bench/load_memory.py --sizes 5000,20000 --out bench/results/load-memory.json
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import measure_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5000,20000", help="records per load run")
    parser.add_argument(
        "--out", default=str(Path(__file__).parent / "results" / "load-memory.json")
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        found = measure_load(sizes, Path(tmp))
    result = {"python": platform.python_version(), "load": found}
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
