"""Golden tests per input format: the mapped graph equals the reviewed Turtle (isomorphism).

Regenerate after a reviewed change with scripts/update_golden.py.
"""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from .golden_cases import CASES, GOLDEN, graph_lines


@pytest.mark.parametrize("name", sorted(CASES))
def test_format_golden(name: str) -> None:
    path, trial_id, _ = CASES[name]
    assert path.is_file(), f"the golden input is missing: {path}"
    got = Graph().parse(data=graph_lines(path, trial_id), format="nt")
    expected = Graph().parse(GOLDEN / f"{name}.ttl", format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(
            f"{name}: output differs from {name}.ttl\nonly in output:\n"
            + only_got.serialize(format="nt")
            + "\nonly in golden:\n"
            + only_expected.serialize(format="nt")
        )


def test_every_format_has_fixture_and_corpus_golden() -> None:
    from kg import parsers

    for fmt in parsers.names():
        assert f"{fmt}-fixture" in CASES, f"add a golden case for {fmt}"
    for fmt in ("ictrp-xml", "ictrp-csv", "ctgov-json", "ctgov-xml"):
        assert f"{fmt}-corpus" in CASES
