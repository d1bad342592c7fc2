"""Build an N-trial embedded store by upsert (`trialkg load`), then time the bundled queries.

    python bench/bench_store.py [--records 50000 | --csv FILE] [--baseline REV] [--keep DIR] \
                                 --out FILE

The corpus's ICTRP CSV is replicated to N records with fresh IDs (bench/run.py), or
``--csv FILE`` is an already replicated one (N: its rows, when --records is not given), and
loaded into an empty store by ``trialkg load --no-optimize`` (the upsert path, -j 2),
then the store is optimised (what ``load`` does at its end) in a process of its own.
Written per run: seconds (load, optimise), records/s and triples/s (over both),
records per CPU second of the load (the figure a shared machine moves least), the
peak RSS of the load's process tree (parent and workers, summed), and the store's size
before and after optimisation. ``--baseline REV`` loads the same input with the code of
git revision REV too (exported to a temporary folder), in the same run: the ratio is
what to compare on a shared machine. Then every bundled query is timed on the built
store by bench/bench_queries.py, where it exists.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import replicate_csv  # noqa: E402
from run import run as run_measured  # noqa: E402

CODE = ("kg", "shapes", "ontologies", "queries", "examples")  # what `python -m kg` reads
OPTIMIZE = (
    "import sys; from pyoxigraph import Store; s = Store(sys.argv[1]); s.optimize(); s.flush()"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
TRIPLES = (
    "import sys; from pyoxigraph import Store; "
    "print(next(iter(Store.read_only(sys.argv[1]).query(sys.argv[2])))[0].value)"
)


def size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


def count_rows(path: Path) -> int:
    """The records of a (gzip) CSV: its rows after the header."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:  # type: ignore[operator]
        return sum(1 for _ in csv.reader(fh)) - 1


def export(rev: str, target: Path) -> Path:
    """The code of git revision ``rev`` in ``target`` (git archive: no worktree touched)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, *CODE],
        capture_output=True,
        check=True,
    ).stdout
    target.mkdir(parents=True)
    tar = target / "code.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as fh:
        fh.extractall(target, filter="data")
    tar.unlink()
    return target


def build(code: Path, csv_path: Path, store: Path, records: int, jobs: int) -> dict[str, object]:
    """`trialkg load` (upsert) of ``csv_path`` into the empty ``store``, code from ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    load = [sys.executable, "-m", "kg", "load", str(csv_path), "--store", str(store)]
    load += ["-j", str(jobs)]
    help_text = subprocess.run(
        [sys.executable, "-m", "kg", "load", "--help"],
        env=env,
        cwd=code,  # `python -m` puts the working folder first on sys.path
        capture_output=True,
        text=True,
    ).stdout
    optimized_by_load = "--no-optimize" not in help_text  # older code: load optimises itself
    if not optimized_by_load:
        load.append("--no-optimize")
    old_env, old_cwd = os.environ.get("PYTHONPATH"), os.getcwd()
    os.environ["PYTHONPATH"] = str(code)  # run() starts the command with this environment
    os.chdir(code)  # and in this folder (`python -m` reads the code from it first)
    try:
        measured: dict[str, object] = dict(run_measured(load))
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old_env
    before = size_mb(store)
    start = time.perf_counter()
    if not optimized_by_load:
        subprocess.run([sys.executable, "-c", OPTIMIZE, str(store)], check=True)
    optimize_s = round(time.perf_counter() - start, 2)
    triples = int(
        subprocess.run(
            [sys.executable, "-c", TRIPLES, str(store), COUNT],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    load_s = float(measured["seconds"])  # type: ignore[arg-type]
    total = load_s + optimize_s
    measured.update(
        records=records,
        triples=triples,
        optimize_seconds=optimize_s,
        records_per_s=round(records / total, 1),
        records_per_cpu_s=round(records / float(measured["cpu_seconds"]), 1),  # type: ignore[arg-type]
        triples_per_s=round(triples / total, 1),
        store_mb_before_optimize=before if not optimized_by_load else None,
        store_mb=size_mb(store),
    )
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=None, help="default 50,000")
    parser.add_argument("--csv", default=None, help="an already replicated ICTRP CSV (.csv.gz)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline", default=None, help="git revision to load with too")
    parser.add_argument("--keep", default=None, help="build the store here and keep it")
    parser.add_argument("--no-queries", action="store_true", help="do not time the queries")
    parser.add_argument("--out", default=None, help="JSON file (default: print only)")
    args = parser.parse_args()
    result: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        if args.csv:
            csv_path = Path(args.csv).resolve()
            if args.records is None:
                args.records = count_rows(csv_path)
        else:
            csv_path = d / "ictrp.csv.gz"
            args.records = args.records or 50_000
            replicate_csv(args.records, csv_path)
        result["records"] = args.records
        result["input"] = str(args.csv) if args.csv else "corpus ICTRP CSV, replicated"
        store = Path(args.keep).resolve() if args.keep else d / "store"
        if store.exists():
            shutil.rmtree(store)
        if args.baseline:
            code = export(args.baseline, d / "baseline")
            old = build(code, csv_path, d / "old", args.records, args.jobs)
            result[f"upsert at {args.baseline}"] = old
            shutil.rmtree(d / "old")
        new = build(ROOT, csv_path, store, args.records, args.jobs)
        result["upsert"] = new
        if args.baseline:
            result["ratios (new / baseline)"] = {
                key: round(float(new[key]) / float(old[key]), 2)  # type: ignore[arg-type]
                for key in ("records_per_s", "records_per_cpu_s", "peak_rss_mb", "store_mb")
            }
        queries = HERE / "bench_queries.py"
        if queries.exists() and not args.no_queries:  # written by issue 14's query side
            out = d / "queries.json"
            subprocess.run(
                [sys.executable, str(queries), "--store", str(store), "--out", str(out)],
                check=False,
            )
            result["queries"] = json.loads(out.read_text()) if out.exists() else "failed"
        elif not args.no_queries:
            result["queries"] = "bench/bench_queries.py not found: queries not timed"
    text = json.dumps(result, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
