"""RDF terms as N-Triples strings: the fast engine's one representation.

Every term is kept in its canonical N-Triples form (as pyoxigraph and
trialkg's mapper write it), so a triple is three ``str`` and indexing a
graph costs one ``split`` a line. Value-level checks that depend on how a
literal's lexical form parses (``sh:datatype``, ranges) convert the term to
the rdflib node pyshacl sees, once per distinct term.

>>> split_line('<https://e.org/a> <https://e.org/p> "x y" .\\n')
('<https://e.org/a>', '<https://e.org/p>', '"x y"')
>>> literal_parts('"a\\\\"b"@en')
('a"b', None, 'en')
>>> display('<https://e.org/a>'), display('"1"^^<https://e.org/int>'), display('_:b1')
('https://e.org/a', '1', 'b1')
"""

from __future__ import annotations

import functools
import re
from enum import Enum

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import RDF_NS, RDFS_NS, SH_NS, XSD_NS


def sh(local: str) -> str:
    """A SHACL term in N-Triples form."""
    return f"<{SH_NS}{local}>"


RDF_TYPE = f"<{RDF_NS}type>"
RDF_FIRST = f"<{RDF_NS}first>"
RDF_REST = f"<{RDF_NS}rest>"
RDF_NIL = f"<{RDF_NS}nil>"
RDF_LANGSTRING = f"{RDF_NS}langString"
RDFS_SUBCLASS = f"<{RDFS_NS}subClassOf>"
XSD_STRING = f"{XSD_NS}string"


class Kind(Enum):
    IRI = "IRI"
    BLANK = "BlankNode"
    LITERAL = "Literal"


def kind(term: str) -> Kind:
    first = term[0]
    if first == "<":
        return Kind.IRI
    if first == "_":
        return Kind.BLANK
    return Kind.LITERAL


def split_line(line: str) -> tuple[str, str, str]:
    """Subject, predicate and object of one canonical N-Triples line."""
    s, p, o = line.rstrip()[:-2].split(" ", 2)
    return s, p, o


_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape_one(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    return chr(int(code, 16)) if code else _ECHAR[m.group(3)]


def _unescape(body: str) -> str:
    return _UNESCAPE.sub(_unescape_one, body) if "\\" in body else body


def literal_parts(term: str) -> tuple[str, str | None, str | None]:
    """Lexical form, datatype IRI (None for a plain string) and language of a literal."""
    end = term.rfind('"')
    body = _unescape(term[1:end])
    rest = term[end + 1 :]
    if rest.startswith("^^<"):
        return body, rest[3:-1], None
    if rest.startswith("@"):
        return body, None, rest[1:]
    return body, None, None


def display(term: str) -> str:
    """The term as ``str()`` of the rdflib node shows it (IRI, lexical form, blank node id)."""
    k = kind(term)
    if k is Kind.IRI:
        return term[1:-1]
    if k is Kind.BLANK:
        return term[2:]
    return literal_parts(term)[0]


@functools.lru_cache(maxsize=1 << 16)
def to_rdflib(term: str) -> Node:
    """The rdflib node of a term (cached: datatype checks repeat on the same values)."""
    k = kind(term)
    if k is Kind.IRI:
        return URIRef(term[1:-1])
    if k is Kind.BLANK:
        return BNode(term[2:])
    lexical, datatype, lang = literal_parts(term)
    return Literal(lexical, lang=lang, datatype=URIRef(datatype) if datatype else None)


@functools.lru_cache(maxsize=1 << 16)
def normal(term: str) -> str:
    """A typed literal as rdflib holds it (rdflib normalises lexical forms: "75"^^decimal is 75.0).

    pyshacl sees the normalised form in its values, patterns and messages, and
    two forms of one value are one triple to it; so the engine indexes this form.
    """
    return from_rdflib(to_rdflib(term))


def seen(term: str) -> str:
    """:func:`normal` for a typed literal; any other term as it is."""
    return normal(term) if term[-1] == ">" and term[0] == '"' else term


def from_rdflib(node: Node) -> str:
    """An rdflib node in canonical N-Triples form (as pyoxigraph writes it)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        if node.language:
            return str(ox.Literal(str(node), language=node.language))
        if node.datatype:
            return str(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
        return str(ox.Literal(str(node)))
    raise TypeError(f"not an RDF term: {node!r}")


def from_oxigraph(term: object) -> str:
    """A pyoxigraph term in N-Triples form."""
    return str(term)
