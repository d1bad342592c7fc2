"""Load rates (triples/s) of every store backend on a synthetic batch of trial graphs.

    .venv/bin/python bench/bench_stores.py [--trials 10000] [--backends embedded,oxigraph-put]

Prints one JSON object: per backend the first load (all graphs new), a reload (all
unchanged: metadata reads only) and a replace of 10% of the trials with newer versions.
Servers run on 127.0.0.1 with temporary databases; timings are wall-clock seconds.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.stores import GraphStore
from kg.stores.embedded import EmbeddedStore
from kg.stores.loading import TrialGraph, load, trial_graph
from kg.stores.remote import Method, RemoteStore
from kg.stores.servers import OxigraphServer
from kg.stores.virtuoso_server import VirtuosoServer, which_virtuoso

EX = "https://example.org/bench/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ALL = ["embedded", "oxigraph-update", "oxigraph-put", "virtuoso-update", "virtuoso-put"]


def synthetic(n: int, version: str = "2021-07-12", start: int = 0) -> Iterator[TrialGraph]:
    """About 95 triples per trial: dates, numbers, language tags, shared org/condition nodes."""
    for i in range(start, start + n):
        t = f"<{EX}trial/T{i}>"
        lines = [
            f'{t} <{EX}title> "Trial {i}: a \\"quoted\\" title, café"@en .',
            f'{t} <{EX}enrollment> "{i % 500}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
            f'{t} <{EX}start> "2020-0{1 + i % 9}-1{i % 10}"^^<{XSD}date> .',
            f"{t} <{EX}sponsor> <{EX}org/{i % 500}> .",
            f'<{EX}org/{i % 500}> <http://www.w3.org/2000/01/rdf-schema#label> "Org {i % 500}" .',
        ]
        for c in range(2):
            cond = f"<{EX}cond/{(i + c) % 300}>"
            lines.append(f"{t} <{EX}condition> {cond} .")
            lines.append(f'{cond} <http://www.w3.org/2000/01/rdf-schema#label> "Cond {c}"@en .')
        for k in range(28):
            node = f"<{EX}trial/T{i}/criterion/{k}>"
            lines.append(f"{t} <{EX}criterion> {node} .")
            lines.append(f'{node} <{EX}text> "Criterion {k} of trial {i} (version {version})" .')
            lines.append(
                f'{node} <{EX}ordinal> "{k}"^^<http://www.w3.org/2001/XMLSchema#integer> .'
            )
        body = ("\n".join(lines) + "\n").encode()
        yield trial_graph(f"{EX}graph/T{i}", f"T{i}", body, version=version, source_rank=1)


def measure(store: GraphStore, trials: int, batch: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for phase, graphs in (
        ("load", synthetic(trials)),
        ("reload", synthetic(trials)),
        ("replace_10pct", synthetic(max(trials // 10, 1), version="2022-01-01")),
    ):
        items = list(graphs)
        triples = sum(t.ntriples().count(b"\n") for t in items)
        start = time.perf_counter()
        report = load(items, store, batch_size=batch)
        seconds = time.perf_counter() - start
        out[phase] = {
            "trials": len(items),
            "triples": triples,
            "seconds": round(seconds, 2),
            "triples_per_s": round(triples / seconds),
            "trials_per_s": round(len(items) / seconds),
            "counts": report.counts(),
        }
    out["stored_triples"] = store.count_triples()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--backends", default=",".join(ALL))
    args = parser.parse_args()
    results: dict[str, object] = {
        "python": platform.python_version(),
        "trials": args.trials,
        "batch_size": args.batch,
    }
    for name in args.backends.split(","):
        method: Method = "put" if name.endswith("put") else "update"
        with tempfile.TemporaryDirectory() as tmp:
            if name == "embedded":
                results[name] = measure(EmbeddedStore(Path(tmp) / "store"), args.trials, args.batch)
            elif name.startswith("oxigraph"):
                with OxigraphServer(Path(tmp) / "db") as ox:
                    store = RemoteStore(ox.store_url, method=method)
                    results[name] = measure(store, args.trials, args.batch)
            elif name.startswith("virtuoso"):
                if which_virtuoso() is None:
                    results[name] = "skipped: virtuoso not installed"
                    continue
                with VirtuosoServer(Path(tmp), buffers=200_000) as vs:
                    store = RemoteStore(
                        vs.store_url, user=vs.user, password=vs.password, method=method
                    )
                    results[name] = measure(store, args.trials, args.batch)
        print(json.dumps({name: results[name]}), file=sys.stderr, flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
