"""`make bench`: conversion throughput against plain rdflib and pyoxigraph scripts, in one run.

    .venv/bin/python bench/run.py [--records 50000] [--xml-files 5000] [--out FILE]
        [--count ictrp-xml=10000 ...] [--variants "-j 2" "-j 2 --validate"] [--corpus DIR]

Input: the corpus's records of each format replicated to N records with fresh
IDs ("-rK" suffixes), as in ../shared/research/peers.md. Each pipeline runs in
its own process (interpreter start and file writing included) with ``-j 1``,
``-j 2`` and ``-j 2 --validate``; peak memory is the maximum RSS of the process
tree (parent and workers, summed, sampled by a wrapper). The outputs of
the three runs must be byte-identical. The baselines are the scripts a Python
user writes first: csv.DictReader -> rdflib Graph.add -> N-Triples, and the
same with pyoxigraph. Bulk against upsert loading comes from
bench/bench_load.py, store load rates from bench/bench_stores.py. The machine
may be shared: compare ratios from one run, not seconds across runs.
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
CORPUS = Path(os.environ.get("TRIALKG_SHARED") or ROOT.parent / "shared") / "corpus"

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

PYOXIGRAPH = r"""
import csv, gzip, sys
from urllib.parse import quote
import pyoxigraph as ox
TKG = "https://w3id.org/trialkg/"
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TRIAL = ox.NamedNode(TKG + "Trial")
triples = []
with gzip.open(sys.argv[1], "rt", encoding="utf-8-sig") as fh:
    for row in csv.DictReader(fh):
        t = ox.NamedNode(TKG + "id/trial/" + quote(row["TrialID"].strip(), safe=""))
        triples.append(ox.Triple(t, TYPE, TRIAL))
        for col, value in row.items():
            if col and value and value.strip():
                p = ox.NamedNode(TKG + quote(col.strip().replace(" ", "_"), safe=""))
                triples.append(ox.Triple(t, p, ox.Literal(value.strip())))
ox.serialize(triples, sys.argv[2], ox.RdfFormat.N_TRIPLES)
"""

# Peak RSS of a whole process tree: the wrapper runs the command and samples, every
# 50 ms, the summed resident memory of it and all its descendants (from /proc).
TREE = r"""
import os, resource, subprocess, sys, time
page = os.sysconf("SC_PAGE_SIZE")
tick = os.sysconf("SC_CLK_TCK")
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak = 0
ticks = {}  # pid -> CPU ticks last seen: forkserver workers are never waited for by the command
def tree_rss():
    parent, rss, cpu = {}, {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parent[int(pid)] = int(fields[1])
            rss[int(pid)] = int(fields[21]) * page
            cpu[int(pid)] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    total = 0
    for pid, size in rss.items():
        p = pid
        while p in parent and p != proc.pid:
            p = parent[p]
        if p == proc.pid:
            total += size
            ticks[pid] = max(ticks.get(pid, 0), cpu[pid])
    return total
while proc.poll() is None:
    peak = max(peak, tree_rss())
    time.sleep(0.05)
used = resource.getrusage(resource.RUSAGE_CHILDREN)  # what was waited for, exactly
sampled = sum(ticks.values()) / tick  # every process of the tree, to its last sample
print(f"{ticks.get(proc.pid, 0) / tick:.3f}", file=sys.stderr)  # the command's own process
print(f"{max(used.ru_utime + used.ru_stime, sampled):.3f}", file=sys.stderr)
print(peak // 1024, file=sys.stderr)
sys.exit(proc.returncode)
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
    """Wall time, CPU time (user + system of the command's process tree, the sampler's
    left out; workers are counted to their last 50 ms sample; and of the command's own
    process, the parent, to its last sample) and the peak RSS of the command's process
    tree (see TREE)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", TREE, *cmd], stderr=subprocess.PIPE, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed: {proc.stderr[-2000:]}")
    *_, parent_line, cpu_line, peak_line = proc.stderr.strip().splitlines()
    peak_kb, cpu = int(peak_line), float(cpu_line)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "parent_cpu_seconds": round(float(parent_line), 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def digest(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


VARIANTS = {"-j 1": ["-j", "1"], "-j 2": ["-j", "2"], "-j 2 --validate": ["-j", "2", "--validate"]}


def convert_variants(
    fmt: str, path: Path, count: int, d: Path, variants: list[str] | None = None
) -> dict[str, object]:
    """One format converted with each of VARIANTS (or the ``variants`` named): rates, peak
    memory, identical outputs."""
    runs: dict[str, object] = {}
    digests = set()
    for name, extra in VARIANTS.items():
        if variants is not None and name not in variants:
            continue
        out = d / f"{fmt}.nt"
        command = [sys.executable, "-m", "kg", "convert", str(path), "--from", fmt, *extra]
        measured = run([*command, "-o", str(out)])
        triples = count_lines(out)
        digests.add(digest(out))
        measured.update(
            records=count,
            triples=triples,
            records_per_s=round(count / measured["seconds"], 1),
            records_per_cpu_s=round(count / measured["cpu_seconds"], 1),
            triples_per_s=round(triples / measured["seconds"], 1),
        )
        runs[name] = measured
        out.unlink()
    one, two, valid = (runs.get(k) for k in VARIANTS)
    ratios: dict[str, object] = {"outputs byte-identical": len(digests) == 1}
    if isinstance(one, dict) and isinstance(two, dict):
        ratios["-j 2 / -j 1 (records/s)"] = round(two["records_per_s"] / one["records_per_s"], 2)
        ratios["-j 2 / -j 1 (CPU seconds)"] = round(two["cpu_seconds"] / one["cpu_seconds"], 2)
    if isinstance(two, dict) and isinstance(valid, dict):
        ratios["--validate cost (time, -j 2)"] = round(valid["seconds"] / two["seconds"], 2)
    runs["ratios"] = ratios
    return runs


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
        for name, extra in (("", []), (" --bulk", ["--bulk"])):
            store = folder / f"store-{size}"
            command = [sys.executable, "-m", "kg", "load", str(path), "--store", str(store)]
            measured = run([*command, *extra])
            disk = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
            measured.update(records=size, store_mb=round(disk / 1e6, 1))
            found[f"{size}{name}"] = measured
            shutil.rmtree(store)
        path.unlink()
    return found


def main() -> None:
    global CORPUS
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--xml-files", type=int, default=5_000, help="legacy CT.gov XML files")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        default=str(CORPUS),
        help="the corpus folder the inputs are replicated from (default: ../shared/corpus)",
    )
    parser.add_argument("--skip-stores", action="store_true")
    parser.add_argument(
        "--convert-only",
        action="store_true",
        help="convert runs and the baselines only (no linking, criteria or store benches)",
    )
    parser.add_argument(
        "--formats",
        nargs="+",
        default=["ictrp-csv", "ictrp-xml", "ctgov-json", "ctgov-xml"],
        help="formats to convert (default: all four)",
    )
    parser.add_argument("--load-sizes", default="5000,50000", help="records per load run")
    parser.add_argument(
        "--count",
        action="append",
        default=[],
        metavar="FORMAT=N",
        help="records (files for ctgov-xml) of one format, instead of --records/--xml-files",
    )
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=list(VARIANTS),
        default=None,
        help="convert variants to run (default: all; the ictrp-csv baselines need '-j 2')",
    )
    args = parser.parse_args()
    CORPUS = Path(args.corpus)
    if not CORPUS.is_dir():
        sys.exit(f"bench needs the shared corpus: {CORPUS}")
    n = args.records
    counts = {"ictrp-csv": n, "ictrp-xml": n, "ctgov-json": n, "ctgov-xml": args.xml_files}
    for item in args.count:
        fmt, _, value = item.partition("=")
        if fmt not in counts or not value.isdigit():
            parser.error(f"--count {item}: use FORMAT=N with one of {', '.join(counts)}")
        counts[fmt] = int(value)
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "records": counts,
    }
    formats: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        inputs = {
            "ictrp-csv": (replicate_csv, d / "ictrp.csv.gz", counts["ictrp-csv"]),
            "ictrp-xml": (replicate_ictrp_xml, d / "ictrp.xml.gz", counts["ictrp-xml"]),
            "ctgov-json": (replicate_ctgov_json, d / "ctgov.ndjson.gz", counts["ctgov-json"]),
            "ctgov-xml": (replicate_ctgov_xml, d / "ctgov-xml", counts["ctgov-xml"]),
        }
        for fmt, (make, path, count) in inputs.items():
            if fmt in args.formats:
                make(count, path)
                formats[fmt] = convert_variants(fmt, path, count, d, args.variants)
                if fmt != "ictrp-csv":
                    if path.is_dir():  # disk: the replicated inputs are not kept
                        shutil.rmtree(path)
                    else:
                        path.unlink()
        n = counts["ictrp-csv"]  # the baselines read the same CSV
        if "ictrp-csv" not in args.formats:
            replicate_csv(n, d / "ictrp.csv.gz")
        baselines = {}
        for name, script in (("rdflib", BASELINE), ("pyoxigraph", PYOXIGRAPH)):
            base_out = d / f"{name}.nt"
            measured = run([sys.executable, "-c", script, str(d / "ictrp.csv.gz"), str(base_out)])
            measured.update(records=n, triples=count_lines(base_out))
            measured["records_per_s"] = round(n / measured["seconds"], 1)
            measured["records_per_cpu_s"] = round(n / measured["cpu_seconds"], 1)
            measured["triples_per_s"] = round(measured["triples"] / measured["seconds"], 1)
            baselines[name] = measured
        if not args.convert_only:  # --convert-only: conversion and baselines, nothing else
            sizes = [int(x) for x in args.load_sizes.split(",") if x.strip()]
            results["load (ictrp-csv)"] = measure_load(sizes, d)
    results["convert"] = formats
    results["baselines (ictrp-csv)"] = baselines
    csv_runs = formats.get("ictrp-csv")
    if isinstance(csv_runs, dict) and isinstance(csv_runs.get("-j 2"), dict):
        csv_run = csv_runs["-j 2"]
        results["ratios vs baselines (ictrp-csv, -j 2)"] = {
            name: {
                "records_per_s": round(csv_run["records_per_s"] / base["records_per_s"], 2),
                "records_per_cpu_s": round(
                    csv_run["records_per_cpu_s"] / base["records_per_cpu_s"], 2
                ),
                "triples_per_s": round(csv_run["triples_per_s"] / base["triples_per_s"], 2),
                "peak_rss": round(csv_run["peak_rss_mb"] / base["peak_rss_mb"], 2),
            }
            for name, base in baselines.items()
        }
    if args.convert_only:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(results, indent=2))
        return
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
        bulk = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "bench_load.py"), "--records", str(n)],
            capture_output=True,
            text=True,
        )
        results["bulk load"] = json.loads(bulk.stdout) if bulk.returncode == 0 else bulk.stderr
        store = subprocess.run(  # an N-trial store built by upsert, then the queries timed on it
            [sys.executable, str(ROOT / "bench" / "bench_store.py"), "--records", str(n)],
            capture_output=True,
            text=True,
        )
        results["store"] = json.loads(store.stdout) if store.returncode == 0 else store.stderr
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
