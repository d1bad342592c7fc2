"""Time every bundled query in the engine itself (pyoxigraph, warm) on a built store.

    python bench/bench_queries.py --store DIR --out bench/results/NAME.json [--runs 3]

Build the store first, e.g. ``python -m kg load FILE --store DIR --bulk`` on a replicated
ICTRP CSV (bench/run.py: replicate_csv). Each query is bound with the sample parameters
below (the replicated corpus is COVID-19 trials), run once to warm the caches, then
``--runs`` times; the best time is kept, wall clock and CPU time of the evaluating thread
(``*_cpu_s``: what the query cost, less disturbed by other work on a shared machine).
Two timings per query: ``page`` (the first page: ``limit=100``, as ``trialkg query
--format table`` shows) and ``all`` (every row). Rows are
read to the end (pyoxigraph answers lazily). Self-contained: it needs only kg.queries and
pyoxigraph, so it times any version of the pack.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import queries

# sample parameters, chosen to hit many rows of the replicated ICTRP COVID-19 corpus
SAMPLE: dict[str, dict[str, str]] = {
    "criteria-thresholds": {"quantity": "age"},
    "eligibility-criteria": {"trial_id": "NCT04246242"},
    "interventions-for-disease": {"concept": "D012141"},
    "interventions-per-condition": {"condition": "covid"},
    "recruiting-trials": {"condition": "covid", "country": "china"},
    "study-registrations": {"trial_id": "NCT04246242"},
    "trial-overview": {"trial_id": "NCT04246242"},
    "trials-by-condition": {"condition": "covid"},
    "trials-by-country": {"country": "CN"},
    "trials-by-intervention": {"intervention": "hydroxychloroquine"},
    "trials-by-sponsor": {"sponsor": "hospital"},
    "trials-by-title": {"words": "coronavirus pneumonia"},
    "trials-excluding": {"term": "pregnancy"},
    "trials-for-concept": {"concept": "D000086382"},
    "trials-open-to-person": {"age": "30", "sex": "female"},
}
ONE_TRIAL = {"trial-overview", "eligibility-criteria", "study-registrations"}
AGGREGATES = {
    "counts-by-phase-status", "sample-size-by-phase", "sponsors-by-trial-count",
    "registration-timeliness", "conditions-studied-together", "interventions-per-condition",
    "conditions-by-branch",
}  # fmt: skip
PAGE = 100


def _kind(q: queries.Query) -> str:
    if q.name in ONE_TRIAL:
        return "one-trial"
    if q.name in AGGREGATES:
        return "aggregate"
    return q.kind  # report | violation


def _texts(q: queries.Query, params: dict[str, str]) -> tuple[str, str]:
    """(first page, all rows): the pack's own paging when it has one, else LIMIT appended."""
    paged = getattr(q, "page", None)
    if paged is not None:
        return paged(params, limit=PAGE, offset=0), q.bind_values(params)
    text = q.bind_values(params)
    return f"{text}\nLIMIT {PAGE}", text


def _time(store: ox.Store, text: str, runs: int) -> tuple[float, float, int]:
    """(best wall seconds, best CPU seconds of this thread, rows): CPU time is what the
    query cost, whatever else runs on the machine (pyoxigraph evaluates in this thread)."""
    best, best_cpu, rows = float("inf"), float("inf"), 0
    for _ in range(runs + 1):  # the first run warms the caches and is not counted
        start, cpu = time.perf_counter(), time.thread_time()
        answer = store.query(text)
        rows = sum(1 for _ in answer) if isinstance(answer, ox.QuerySolutions) else 1
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.thread_time() - cpu)
    return best, best_cpu, rows


def _one(store: ox.Store, q: queries.Query, runs: int, page_only: bool) -> dict[str, Any]:
    known = {p.name for p in q.params}
    params = {k: v for k, v in SAMPLE.get(q.name, {}).items() if k in known}
    page, everything = _texts(q, params)
    page_s, page_cpu, page_rows = _time(store, page, runs)
    timed = {"kind": _kind(q), "params": params, "page_s": round(page_s, 4),
             "page_cpu_s": round(page_cpu, 4), "page_rows": page_rows}  # fmt: skip
    if not page_only:
        all_s, all_cpu, all_rows = _time(store, everything, runs)
        timed.update(all_s=round(all_s, 4), all_cpu_s=round(all_cpu, 4), all_rows=all_rows)
    return timed


def _show(timed: dict[str, Any]) -> str:
    line = f"page {timed['page_s']:7.3f}s (cpu {timed['page_cpu_s']:6.3f}) "
    line += f"{timed['page_rows']:4} rows"
    if "all_s" in timed:
        line += (
            f"  all {timed['all_s']:7.3f}s (cpu {timed['all_cpu_s']:6.3f}) {timed['all_rows']} rows"
        )
    return line


def _trials(store: ox.Store) -> int:
    solutions = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?t a <https://w3id.org/trialkg/Trial> } }"
    )
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))[0].value)  # type: ignore[union-attr]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="embedded store folder (opened read-only)")
    ap.add_argument("--out", required=True, help="JSON file for the timings")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per query (best kept)")
    ap.add_argument("--only", nargs="*", default=None, help="query names (default: all)")
    ap.add_argument(
        "--baseline-only",
        nargs="*",
        default=None,
        help="with --baseline: the queries to time the baseline of (default: all)",
    )
    ap.add_argument("--skip", nargs="*", default=[], help="query names not to time")
    ap.add_argument("--skip-violations", action="store_true", help="time no *-violation query")
    ap.add_argument("--page-only", action="store_true", help="time the first page only")
    ap.add_argument(
        "--baseline",
        nargs=2,
        metavar=("STORE", "QUERIES"),
        help="also time an older store with its own queries/ folder, query by query in turn "
        "(a fair ratio on a busy machine)",
    )
    args = ap.parse_args()
    store = ox.Store.read_only(args.store)
    base_store = ox.Store.read_only(args.baseline[0]) if args.baseline else None
    base_pack = (
        {q.name: q for q in queries.all_queries(Path(args.baseline[1]))} if args.baseline else {}
    )
    results: dict[str, Any] = {}
    out = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "note": "shared 2-core machine, busy with other engineers' work"},
        "store": str(args.store),
        "trials": _trials(store),
        "baseline": args.baseline,
        "runs": args.runs,
        "page_only": args.page_only,
        "queries": results,
    }  # fmt: skip
    for q in queries.all_queries():
        if q.name in args.skip or (args.only and q.name not in args.only):
            continue
        if args.skip_violations and q.kind == "violation":
            continue
        now = results[q.name] = _one(store, q, args.runs, args.page_only)
        line = f"{q.name:34} {_kind(q):10} {_show(now)}"
        in_baseline = args.baseline_only is None or q.name in args.baseline_only
        if base_store is not None and q.name in base_pack and in_baseline:
            base = now["baseline"] = _one(base_store, base_pack[q.name], args.runs, args.page_only)
            line += f"   | before: {_show(base)}"
        print(line, flush=True)
        # written after every query: a long run killed part-way keeps what it measured
        Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
