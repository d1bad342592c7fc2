"""Linked-data-out benchmark: exports, history and clusters on the corpus, one JSON object.

    .venv/bin/python bench/bench_linked.py [--corpus ../shared/corpus]

The corpus (less the retired v1 JSON API) is mapped and loaded into an in-memory
store once; then each export is timed (trials read back from the store with
kg.views), the study clusters are rebuilt, and every trial is loaded again with
another processing time so that each replaces its stored version, with and
without keeping history (``load --no-history``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from run import CORPUS  # noqa: E402  (../shared or $TRIALKG_SHARED)

from kg import clusters  # noqa: E402
from kg.exports import FORMATS, export  # noqa: E402
from kg.mapping import MappingOptions, trial_graph  # noqa: E402
from kg.parsers.base import Rejected  # noqa: E402
from kg.reading import read_records  # noqa: E402
from kg.stores import loading  # noqa: E402
from kg.stores.embedded import EmbeddedStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus",
        default=str(CORPUS),
    )
    args = parser.parse_args()
    corpus = Path(args.corpus)
    inputs = [str(p) for p in sorted(corpus.iterdir()) if p.is_dir() and p.name != "ctgov-v1-json"]
    records = [r for r in read_records(inputs) if not isinstance(r, Rejected)]
    first = [trial_graph(r) for r in records]
    again = [trial_graph(r, MappingOptions(processed_at="2026-01-01T00:00:00Z")) for r in records]
    result: dict[str, object] = {"trials": len(first)}
    store = EmbeddedStore()
    loading.load(first, store)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            start = time.perf_counter()
            report = export(store, fmt, str(Path(tmp) / f"out.{fmt}"))
            result[f"export_{fmt}_s"] = round(time.perf_counter() - start, 2)
            result[f"export_{fmt}_written"] = report.written
    start = time.perf_counter()
    result["clusters"] = len(clusters.rebuild(store))
    result["clusters_rebuild_s"] = round(time.perf_counter() - start, 2)
    for history in (False, True):
        fresh = EmbeddedStore()
        loading.load(first, fresh)
        start = time.perf_counter()
        report = loading.load(again, fresh, history=history)
        name = "replace_with_history_s" if history else "replace_without_history_s"
        result[name] = round(time.perf_counter() - start, 2)
        assert report.replaced == len(first), report.counts()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
