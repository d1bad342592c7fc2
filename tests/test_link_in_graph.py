"""`convert --link` / `load --link`: links in the graph, beside the reported strings."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pyoxigraph import RdfFormat, Store

from kg.cli import main

Q = """
PREFIX tkg: <https://w3id.org/trialkg/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?text ?target ?group ?misfiled WHERE {
  GRAPH ?g {
    ?m tkg:reportedText ?text ; skos:exactMatch ?target ; tkg:link ?l .
    ?l tkg:linkTarget ?target ; tkg:semanticGroup ?group .
    OPTIONAL { ?m tkg:misfiled ?misfiled }
    ?t tkg:conditionMention ?m .
  }
} ORDER BY ?text
"""


def test_seed_links_offline(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.nq"
    result = CliRunner().invoke(
        main, ["convert", str(seed), "--link", "--validate", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    store = Store()
    store.load(path=str(out), format=RdfFormat.N_QUADS)
    rows = [tuple(None if v is None else v.value for v in r) for r in store.query(Q)]
    assert rows == [
        ("Abatacept", "http://id.nlm.nih.gov/mesh/D000069594", "drug", "true"),
        ("Dermatomyositis", "http://id.nlm.nih.gov/mesh/D003882", "disease", None),
    ]


def test_without_link_no_links(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.nt"
    assert CliRunner().invoke(main, ["convert", str(seed), "-o", str(out)]).exit_code == 0
    assert "id.nlm.nih.gov/mesh" not in out.read_text()


def test_registry_coding_terms_are_linked_as_the_registry_coding(tmp_path: Path) -> None:
    """EU-CTR MedDRA terms: links on the registry coding node, not new condition mentions."""
    data = Path(__file__).parent / "data" / "ictrp-xml" / "ictrp-sample.xml"
    out = tmp_path / "eu.nq"
    result = CliRunner().invoke(
        main, ["convert", str(data), "--link", "--validate", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    store = Store()
    store.load(path=str(out), format=RdfFormat.N_QUADS)
    rows = list(
        store.query("""
        PREFIX tkg: <https://w3id.org/trialkg/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?term ?target WHERE { GRAPH ?g {
          ?t tkg:registryConditionCoding ?c . ?c rdfs:label ?term ; tkg:link ?l .
          ?l tkg:linkTarget ?target .
          FILTER NOT EXISTS { ?t tkg:conditionMention ?c } } }""")
    )
    assert rows, "no registry coding term was linked"
    mesh = "http://id.nlm.nih.gov/mesh/"
    assert all(r["target"].value.startswith(mesh) for r in rows)  # type: ignore[union-attr]
