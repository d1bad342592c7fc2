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
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

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


def replicate_csv(n: int, target: Path) -> int:
    """n rows of the corpus ICTRP CSV repeated with fresh IDs, as gzip CSV."""
    source = next((CORPUS / "ictrp-csv").glob("*.csv.gz"))
    with gzip.open(source, "rt", encoding="utf-8-sig") as fh:
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


def replicate_ictrp_xml(n: int, target: Path) -> int:
    """n <Trial> elements of the corpus ICTRP XML export, repeated with fresh TrialIDs."""
    text = next((CORPUS / "ictrp-xml").glob("*.xml")).read_text(encoding="utf-8")
    trials = re.findall(r"<Trial>.*?</Trial>", text, flags=re.S)
    with gzip.open(target, "wt", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' ?>\n<Trials_downloaded_from_ICTRP>\n")
        for i in range(n):
            copy = i // len(trials)
            trial = trials[i % len(trials)]
            if copy:
                trial = re.sub(
                    r"<TrialID>\s*(.*?)\s*</TrialID>", rf"<TrialID>\1-r{copy}</TrialID>", trial
                )
            out.write(trial + "\n")
        out.write("</Trials_downloaded_from_ICTRP>\n")
    return n


def replicate_ctgov_json(n: int, target: Path) -> int:
    """n API v2 studies (the corpus's full records) as NDJSON with fresh NCT IDs."""
    studies = []
    for path in sorted((CORPUS / "ctgov-v2-json").glob("*.json")):
        study = json.loads(path.read_text(encoding="utf-8"))
        if "designModule" in study.get("protocolSection", {}):
            studies.append(study)
    with gzip.open(target, "wt", encoding="utf-8") as out:
        for i in range(n):
            study = studies[i % len(studies)]
            study["protocolSection"]["identificationModule"]["nctId"] = f"NCT9{i:07d}"
            out.write(json.dumps(study, separators=(",", ":")) + "\n")
    return n


def replicate_ctgov_xml(n: int, target: Path) -> int:
    """n legacy XML studies, one file each (fresh NCT IDs), in a folder."""
    files = sorted((CORPUS / "ctgov-xml").glob("*.xml"))
    target.mkdir()
    for i in range(n):
        text = files[i % len(files)].read_text(encoding="utf-8")
        text = re.sub(r"<nct_id>NCT\d+</nct_id>", f"<nct_id>NCT8{i:07d}</nct_id>", text, count=1)
        (target / f"{i:07d}.xml").write_text(text, encoding="utf-8")
    return n


def run(cmd: list[str]) -> dict[str, float]:
    """Wall time and the child's own peak RSS (os.wait4 gives that child's rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed: {err[-2000:]}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def count_lines(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        return sum(1 for _ in io.BufferedReader(fh))  # type: ignore[arg-type]


def measure_load(sizes: list[int], folder: Path) -> dict[str, object]:
    """`trialkg load` of the replicated CSV at each size: time, peak RSS (flat in input
    size when batches stream), and the store's size on disk after its final compaction."""
    found: dict[str, object] = {}
    for size in sizes:
        path = folder / f"load-{size}.csv.gz"
        replicate_csv(size, path)
        store = folder / f"store-{size}"
        measured = run([sys.executable, "-m", "kg", "load", str(path), "--store", str(store)])
        disk = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
        measured.update(records=size, store_mb=round(disk / 1e6, 1))
        found[str(size)] = measured
        shutil.rmtree(store)
        path.unlink()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--xml-files", type=int, default=2_000, help="legacy CT.gov XML files")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--skip-stores", action="store_true")
    parser.add_argument("--load-sizes", default="5000,50000", help="records per load run")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench needs the shared corpus: {CORPUS}")
    n = args.records
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "records": n,
    }
    formats: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        inputs = {
            "ictrp-csv": (replicate_csv, d / "ictrp.csv.gz", n),
            "ictrp-xml": (replicate_ictrp_xml, d / "ictrp.xml.gz", n),
            "ctgov-json": (replicate_ctgov_json, d / "ctgov.ndjson.gz", n),
            "ctgov-xml": (replicate_ctgov_xml, d / "ctgov-xml", args.xml_files),
        }
        for fmt, (make, path, count) in inputs.items():
            make(count, path)
            out = d / f"{fmt}.nt"
            command = [sys.executable, "-m", "kg", "convert", str(path), "--from", fmt]
            measured = run([*command, "-o", str(out)])
            triples = count_lines(out)
            measured.update(
                records=count,
                triples=triples,
                records_per_s=round(count / measured["seconds"], 1),
                triples_per_s=round(triples / measured["seconds"], 1),
            )
            formats[fmt] = measured
            out.unlink()
        base_out = d / "rdflib.nt"
        baseline = run([sys.executable, "-c", BASELINE, str(d / "ictrp.csv.gz"), str(base_out)])
        baseline.update(
            records=n,
            triples=count_lines(base_out),
            records_per_s=round(n / baseline["seconds"], 1),
        )
        baseline["triples_per_s"] = round(baseline["triples"] / baseline["seconds"], 1)
        sizes = [int(x) for x in args.load_sizes.split(",") if x.strip()]
        results["load (ictrp-csv)"] = measure_load(sizes, d)
    results["convert"] = formats
    results["rdflib-baseline (ictrp-csv)"] = baseline
    csv_run = formats["ictrp-csv"]
    assert isinstance(csv_run, dict)
    results["ratio vs baseline (ictrp-csv)"] = {
        "records_per_s": round(csv_run["records_per_s"] / baseline["records_per_s"], 2),
        "triples_per_s": round(csv_run["triples_per_s"] / baseline["triples_per_s"], 2),
        "peak_rss": round(csv_run["peak_rss_mb"] / baseline["peak_rss_mb"], 2),
    }
    linking = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_linking.py")], capture_output=True, text=True
    )
    results["linking"] = json.loads(linking.stdout) if linking.returncode == 0 else linking.stderr
    cost = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_link_cost.py"), "--records", "5000"],
        capture_output=True,
        text=True,
    )
    results["convert --link cost"] = (
        json.loads(cost.stdout) if cost.returncode == 0 else cost.stderr
    )
    criteria = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_criteria.py")], capture_output=True, text=True
    )
    results["criteria"] = (
        json.loads(criteria.stdout) if criteria.returncode == 0 else criteria.stderr
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
