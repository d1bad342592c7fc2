"""Rewrite the golden Turtle files of tests/golden_cases.py (review the diff before committing).

.venv/bin/python scripts/update_golden.py [NAME...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from conftest import SEED
from golden_cases import CASES, GOLDEN, graph_lines

from kg.serialize import data_prefixes


def seed() -> None:
    """The seed golden: the seed page as `trialkg convert --include-contacts` writes it."""
    from click.testing import CliRunner

    from kg.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        converted = Path(tmp) / "seed.nt"
        args = ["convert", str(SEED), "-o", str(converted), "--include-contacts"]
        result = CliRunner().invoke(cli, args)
        if result.exit_code != 0:
            raise SystemExit(result.output)
        graph = Graph()
        for prefix, namespace in data_prefixes().items():
            graph.bind(prefix, namespace)
        graph.parse(converted, format="nt")
    out = GOLDEN / "seed.ttl"
    graph.serialize(out, format="turtle")
    print(f"wrote {out} ({len(graph)} triples)")


def main(names: list[str]) -> None:
    if not names or "seed" in names:
        seed()
    for name in names or sorted(CASES):
        if name == "seed":
            continue
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
