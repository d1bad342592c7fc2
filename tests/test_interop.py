"""Our Turtle and TriG are read by other RDF tools (rdflib here) with the same triples."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import main

from .conftest import real_count


def test_corpus_turtle_and_trig_read_by_rdflib(real: Path, tmp_path: Path) -> None:
    inputs = [str(real / d) for d in ("ictrp-xml", "ictrp-csv", "ctgov-xml", "ctgov-v2-json")]
    outputs = {}
    for name in ("all.nt", "all.ttl", "all.trig", "all.nq"):
        result = CliRunner().invoke(main, ["convert", *inputs, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
        outputs[name] = tmp_path / name
    nt = Graph().parse(outputs["all.nt"], format="nt")
    ttl = Graph().parse(outputs["all.ttl"], format="turtle")
    assert len(ttl) == len(nt) > real_count(100_000, 5_000)
    trig = Dataset().parse(outputs["all.trig"], format="trig")
    nq = Dataset().parse(outputs["all.nq"], format="nquads")
    assert len(list(trig.quads())) == len(list(nq.quads()))
