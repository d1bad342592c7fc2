"""``trialkg vocab mesh -o FILE``: the whole MeSH tree as RDF, for users who load it themselves.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(vocab, ["nothing"]).exit_code
2
"""

from __future__ import annotations

import click
from pyoxigraph import NamedNode

from kg.iris import DEFAULT_BASE, Minter
from kg.linking.mesh_graph import graph_lines
from kg.linking.sources import bundled
from kg.namespaces import MESH_NS, SKOS_NS
from kg.stores import GraphStore

_LINKED_MESH = """
PREFIX skos: <%s>
SELECT DISTINCT ?t WHERE {
  GRAPH ?g { ?s ?p ?t VALUES ?p { skos:exactMatch skos:closeMatch skos:broadMatch } }
  FILTER (STRSTARTS(STR(?t), "%s"))
}
"""


def vocab_graph_iri(base: str | None = None) -> str:
    """The named graph that holds the MeSH hierarchy in a store."""
    return Minter(base or DEFAULT_BASE).vocab_graph("mesh")


def load_mesh_graph(store: GraphStore, base: str | None = None) -> int:
    """Replace the store's MeSH vocabulary graph: every MeSH concept the stored data links
    to (trialkg's links and registry codings) with all its ancestors. Returns its triples."""
    _, rows = store.select(_LINKED_MESH % (SKOS_NS, MESH_NS))
    linked = [row[0].value for row in rows if row and isinstance(row[0], NamedNode)]
    graph = vocab_graph_iri(base)
    lines = graph_lines(bundled.load(), linked, graph_iri=graph)
    store.replace_graphs({graph: "".join(lines).encode("utf-8")})
    return len(lines)


@click.group()
def vocab() -> None:
    """Write controlled vocabularies that trialkg links to."""


@vocab.command("mesh")
@click.option("-o", "--output", default="-", show_default=True, help="N-Triples file, or -.")
def mesh(output: str) -> None:
    """Every MeSH descriptor: label, tree numbers, skos:broader; supplementary concepts are
    left out (their mapped headings come with the data that links to them)."""
    lines = graph_lines(bundled.load(), None, graph_iri=vocab_graph_iri())
    data = "".join(lines)
    if output == "-":
        click.echo(data, nl=False)
    else:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
    click.echo(f"{len(lines)} triples -> {output}", err=True)
