"""Loading an empty embedded store: the upsert path against ``load --bulk``, in one run.

    .venv/bin/python bench/bench_load.py [--records 50000] [--jobs 2]

Both load the same trial graphs (the corpus's ICTRP CSV replicated to N
records, see bench/run.py) into a fresh on-disk store. The time spent making
the graphs (parsing and mapping) is measured apart and left out: what is
compared is the store's share, the part ``--bulk`` changes. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import replicate_csv  # noqa: E402

from kg.mapping import TrialGraph  # noqa: E402
from kg.pipeline import convert  # noqa: E402
from kg.stores.bulk import bulk_load  # noqa: E402
from kg.stores.embedded import EmbeddedStore  # noqa: E402
from kg.stores.loading import load  # noqa: E402


class Timed:
    """The graphs of an input, with the time spent making them kept apart."""

    def __init__(self, path: Path, jobs: int) -> None:
        self.path, self.jobs, self.making = path, jobs, 0.0

    def __iter__(self) -> Iterator[TrialGraph]:
        results = iter(convert([str(self.path)], "ictrp-csv", jobs=self.jobs))
        while True:
            start = time.perf_counter()
            item = next(results, None)
            self.making += time.perf_counter() - start
            if item is None:
                return
            if item.graph is not None:
                yield item.graph


def measure(path: Path, jobs: int, store_dir: Path, bulk: bool) -> dict[str, float]:
    graphs = Timed(path, jobs)
    store = EmbeddedStore(store_dir)
    start = time.perf_counter()
    source: Iterable[TrialGraph] = graphs
    report = bulk_load(source, store) if bulk else load(source, store)
    store.close()
    total = time.perf_counter() - start
    return {
        "store_seconds": round(total - graphs.making, 2),
        "mapping_seconds": round(graphs.making, 2),
        "loaded": report.loaded,
        "triples": store.count_triples(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        csv_path = d / "ictrp.csv.gz"
        replicate_csv(args.records, csv_path)
        upsert = measure(csv_path, args.jobs, d / "upsert", bulk=False)
        bulk = measure(csv_path, args.jobs, d / "bulk", bulk=True)
    assert upsert["triples"] == bulk["triples"] and upsert["loaded"] == bulk["loaded"]
    out = {
        "records": args.records,
        "upsert": upsert,
        "bulk": bulk,
        "bulk_speedup (store time)": round(upsert["store_seconds"] / bulk["store_seconds"], 2),
        "trials_per_s": {
            "upsert": round(upsert["loaded"] / upsert["store_seconds"], 1),
            "bulk": round(bulk["loaded"] / bulk["store_seconds"], 1),
        },
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
