"""Rewrite the golden Turtle files of tests/golden_cases.py (review the diff before committing).

.venv/bin/python scripts/update_golden.py [NAME...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from golden_cases import CASES, GOLDEN, graph_lines

from kg.serialize import data_prefixes


def main(names: list[str]) -> None:
    for name in names or sorted(CASES):
        path, trial_id, _ = CASES[name]
        graph = Graph()
        for prefix, namespace in data_prefixes().items():
            graph.bind(prefix, namespace)
        graph.parse(data=graph_lines(path, trial_id), format="nt")
        out = GOLDEN / f"{name}.ttl"
        graph.serialize(out, format="turtle")
        print(f"wrote {out} ({len(graph)} triples)")


if __name__ == "__main__":
    main(sys.argv[1:])
