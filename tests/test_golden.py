"""Golden test: the seed's graph equals the reviewed expected Turtle (graph isomorphism)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.cli import main

from .conftest import FIXTURES


def test_seed_matches_golden_turtle(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.ttl"
    result = CliRunner().invoke(main, ["convert", str(seed), "-o", str(out), "--include-contacts"])
    assert result.exit_code == 0, result.output
    got = Graph().parse(out, format="turtle")
    expected = Graph().parse(FIXTURES / "golden" / "seed.ttl", format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(
            "seed graph differs from the golden file\nonly in output:\n"
            + only_got.serialize(format="nt")
            + "\nonly in golden:\n"
            + only_expected.serialize(format="nt")
        )
