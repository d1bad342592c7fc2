"""Loading an empty embedded store: the upsert path against ``load --bulk``, in one run.

    .venv/bin/python bench/bench_load.py [--records 50000] [--jobs 2]

The upsert path is also run as it was before issue 14 (``before``: every batch of 200
parsed into Python quads, its graphs cleared one by one, then one transaction and a
flush), so the ratio comes from one run.

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
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pyoxigraph import NamedNode  # noqa: E402
from run import replicate_csv  # noqa: E402

from kg.mapping import TrialGraph  # noqa: E402
from kg.pipeline import convert  # noqa: E402
from kg.stores.bulk import bulk_load  # noqa: E402
from kg.stores.embedded import EmbeddedStore, parse_graph  # noqa: E402
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


class Before(EmbeddedStore):
    """The upsert writes as they were before issue 14 (transactions only)."""

    def replace_graphs(self, graphs: Mapping[str, bytes]) -> None:
        quads = [q for graph, data in graphs.items() for q in parse_graph(graph, data)]
        for graph in graphs:
            self.store.remove_graph(NamedNode(graph))
        self.store.extend(quads)
        self.store.flush()


def measure(
    path: Path, jobs: int, store_dir: Path, bulk: bool, before: bool = False
) -> dict[str, float]:
    graphs = Timed(path, jobs)
    store = Before(store_dir) if before else EmbeddedStore(store_dir)
    start = time.perf_counter()
    source: Iterable[TrialGraph] = graphs
    if bulk:
        report = bulk_load(source, store)
    else:
        report = load(source, store, batch_size=200 if before else 1000)
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
        before = measure(csv_path, args.jobs, d / "before", bulk=False, before=True)
        upsert = measure(csv_path, args.jobs, d / "upsert", bulk=False)
        bulk = measure(csv_path, args.jobs, d / "bulk", bulk=True)
    assert upsert["triples"] == bulk["triples"] and upsert["loaded"] == bulk["loaded"]
    out = {
        "records": args.records,
        "upsert before issue 14": before,
        "upsert": upsert,
        "upsert speedup (store time)": round(before["store_seconds"] / upsert["store_seconds"], 2),
        "bulk": bulk,
        "bulk_speedup (store time)": round(upsert["store_seconds"] / bulk["store_seconds"], 2),
        "trials_per_s": {
            "upsert before issue 14": round(before["loaded"] / before["store_seconds"], 1),
            "upsert": round(upsert["loaded"] / upsert["store_seconds"], 1),
            "bulk": round(bulk["loaded"] / bulk["store_seconds"], 1),
        },
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
