"""`make bench`: conversion throughput against a plain rdflib baseline, measured in one run.

    .venv/bin/python bench/run.py [--records 50000] [--out bench/results/latest.json]

Input: the corpus's ICTRP CSV replicated to N records with fresh TrialIDs
("-rK" suffixes), as in ../shared/research/peers.md. Each pipeline runs in its
own process (interpreter start and file writing included); peak memory is the
child's maximum RSS. The baseline is the script a Python user writes first:
csv.DictReader -> rdflib Graph.add -> serialize N-Triples. Store load rates come
from bench/bench_stores.py.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_CSV = ROOT.parent / "shared" / "corpus" / "ictrp-csv" / "COVID19-927-trials_7Apr2020.csv.gz"

BASELINE = r"""
import csv, gzip, sys
from datetime import datetime
from urllib.parse import quote
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD
TKG = Namespace("https://w3id.org/trialkg/")
g = Graph()
def date(v):
    for f in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return Literal(datetime.strptime(v.strip(), f).date().isoformat(), datatype=XSD.date)
        except ValueError:
            pass
    return Literal(v.strip())
with gzip.open(sys.argv[1], "rt", encoding="utf-8-sig") as fh:
    for row in csv.DictReader(fh):
        t = URIRef("https://w3id.org/trialkg/id/trial/" + quote(row["TrialID"].strip(), safe=""))
        g.add((t, RDF.type, TKG.Trial))
        for col, value in row.items():
            if col and value and value.strip():
                p = TKG[quote(col.strip().replace(" ", "_"), safe="")]
                if col.lower().startswith("date"):
                    g.add((t, p, date(value)))
                elif col in ("Countries", "Condition"):
                    for part in value.split(";"):
                        if part.strip():
                            g.add((t, p, Literal(part.strip())))
                else:
                    g.add((t, p, Literal(value.strip())))
g.serialize(destination=sys.argv[2], format="nt")
"""


def replicate(n: int, target: Path) -> int:
    """Write n rows (the corpus CSV repeated with fresh IDs) as gzip CSV."""
    with gzip.open(CORPUS_CSV, "rt", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    id_col = header.index("TrialID")
    with gzip.open(target, "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for i in range(n):
            row = list(rows[i % len(rows)])
            copy = i // len(rows)
            if copy:
                row[id_col] = f"{row[id_col].strip()}-r{copy}"
            writer.writerow(row)
    return n


def run(cmd: list[str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(max(peak, before) / 1024, 1)}


def count_lines(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        return sum(1 for _ in io.BufferedReader(fh))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--skip-stores", action="store_true")
    args = parser.parse_args()
    if not CORPUS_CSV.is_file():
        sys.exit(f"bench needs the shared corpus: {CORPUS_CSV}")
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": 2},
        "records": args.records,
    }
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        source = d / "input.csv.gz"
        replicate(args.records, source)
        pipelines = {
            "trialkg": [
                sys.executable,
                "-m",
                "kg",
                "convert",
                str(source),
                "--from",
                "ictrp-csv",
                "-o",
                str(d / "trialkg.nt"),
            ],
            "rdflib-baseline": [sys.executable, "-c", BASELINE, str(source), str(d / "rdflib.nt")],
        }
        for name, cmd in pipelines.items():
            measured = run(cmd)
            triples = count_lines(d / ("trialkg.nt" if name == "trialkg" else "rdflib.nt"))
            measured["triples"] = triples
            measured["records_per_s"] = round(args.records / measured["seconds"], 1)
            measured["triples_per_s"] = round(triples / measured["seconds"], 1)
            results[name] = measured
    tk, base = results["trialkg"], results["rdflib-baseline"]
    assert isinstance(tk, dict) and isinstance(base, dict)
    results["ratio_records_per_s_vs_baseline"] = round(
        tk["records_per_s"] / base["records_per_s"], 2
    )
    if not args.skip_stores:
        stores = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "bench_stores.py"), "--trials", "2000"],
            capture_output=True,
            text=True,
        )
        results["stores"] = json.loads(stores.stdout) if stores.returncode == 0 else stores.stderr
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
