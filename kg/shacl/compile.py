"""Compile a SHACL shapes graph into :class:`Shape` objects (see :mod:`kg.shacl.shapes`).

:func:`compile_shapes` reads every shape with a target (and every shape those
reference): its targets, its path, its severity and messages, and one compiled
component per constraint parameter. A parameter the compiler does not know is
never skipped: it is listed in :attr:`Compiled.uncompiled`, and callers validate
with pyshacl instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.namespaces import OWL_NS, RDF_NS, RDFS_NS, SH_NS
from kg.shacl import components as c
from kg.shacl.data import Data
from kg.shacl.shapes import TARGETS, VIOLATION, Hit, Shape
from kg.shacl.sparql import SparqlC, needed_alternatives, needed_predicates
from kg.shacl.terms import from_rdflib


def _sh(local: str) -> URIRef:
    return URIRef(SH_NS + local)


RDF_TYPE = URIRef(RDF_NS + "type")

# Parameters that say where a shape applies or how it reports, but test nothing.
DESCRIPTIVE = frozenset(
    _sh(p)
    for p in [
        "name",
        "description",
        "message",
        "severity",
        "deactivated",
        "order",
        "group",
        "defaultValue",
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "path",
        "flags",
    ]
)
SPARQL_KNOWN = frozenset(
    [RDF_TYPE, _sh("select"), _sh("message"), _sh("prefixes"), _sh("deactivated")]
)


_VALUE_ONLY = (
    c.ClassC,
    c.DatatypeC,
    c.NodeKindC,
    c.PatternC,
    c.LengthC,
    c.InC,
    c.RangeC,
    c.LogicalC,
)


def _needs_values(k: object) -> bool:
    """True for a component that fails on a focus node with no values (sh:minCount > 0)."""
    return isinstance(k, c.CountC) and k.at_least and k.bound > 0


_VALUE_LOCAL = (c.DatatypeC, c.NodeKindC, c.PatternC, c.LengthC, c.InC, c.RangeC)


def _mark_local(shape: Shape, visiting: set[int]) -> bool:
    """Set ``shape.local``: no path, no property shapes, only value-level components."""
    if id(shape) in visiting:
        return False
    visiting.add(id(shape))
    ok = shape.path is None and not shape.properties
    for comp in shape.components:
        if isinstance(comp, c.LogicalC):
            ok = all([_mark_local(m, visiting) for m in comp.shapes]) and ok
        elif not isinstance(comp, _VALUE_LOCAL):
            ok = False
    for prop in shape.properties:
        _mark_local(prop, visiting)
    shape.local = ok
    return ok


@dataclass
class Compiled:
    shapes: list[Shape]  # the shapes with targets, validated on every graph
    uncompiled: list[str]  # "shape: parameter" the compiler could not compile
    _targets: list[tuple[Shape, str | None]] | None = None

    def validate(self, data: Data) -> list[Hit]:
        out: list[Hit] = []
        for shape, cls in self._plan():
            foci = data.instances(cls) if cls is not None else shape.focus_nodes(data)
            shape.validate(data, foci, out)
        return out

    def _plan(self) -> list[tuple[Shape, str | None]]:
        """Each shape with its one target class, where that is all it targets (the usual case)."""
        if self._targets is None:
            self._targets = []
            for shape in self.shapes:
                t = shape.targets
                only = len(t["targetClass"]) == 1 and not any(t[k] for k in TARGETS[1:])
                self._targets.append((shape, t["targetClass"][0] if only else None))
        return self._targets


class _Compiler:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.done: dict[Node, Shape] = {}
        self.uncompiled: list[str] = []

    def miss(self, node: Node, what: str) -> None:
        self.uncompiled.append(f"{from_rdflib(node)}: {what}")

    def one(self, node: Node, p: URIRef) -> Node | None:
        return next(iter(self.g.objects(node, p)), None)

    def shape(self, node: Node, parent: str = "", via: str = "") -> Shape:
        if node in self.done:
            return self.done[node]
        label = str(node) if isinstance(node, URIRef) else f"{parent} sh:{via}"
        s = self.done[node] = Shape(node, label)
        g = self.g
        sev = self.one(node, _sh("severity"))
        s.severity = from_rdflib(sev) if sev is not None else VIOLATION
        s.messages = tuple(sorted(str(m) for m in g.objects(node, _sh("message"))))
        s.deactivated = any(
            isinstance(d, Literal) and d.value is True for d in g.objects(node, _sh("deactivated"))
        )
        for t in TARGETS:
            s.targets[t] = [from_rdflib(o) for o in g.objects(node, _sh(t))]
        types = set(g.objects(node, RDF_TYPE))
        if URIRef(RDFS_NS + "Class") in types or URIRef(OWL_NS + "Class") in types:
            s.targets["targetClass"].append(from_rdflib(node))
        path = self.one(node, _sh("path"))
        if path is not None:
            self.path(s, path)
            if not isinstance(node, URIRef):
                s.label += f" {s.path_term}"
        for p, o in sorted(g.predicate_objects(node)):
            if isinstance(p, URIRef) and str(p).startswith(SH_NS) and p not in DESCRIPTIVE:
                self.parameter(s, p, o)
        return s

    def path(self, s: Shape, path: Node) -> None:
        s.path_term = from_rdflib(path)
        if isinstance(path, URIRef):
            s.path = from_rdflib(path)
            return
        inverse = self.one(path, _sh("inversePath"))
        if (
            isinstance(path, BNode)
            and isinstance(inverse, URIRef)
            and len(set(self.g.predicate_objects(path))) == 1
        ):
            s.path, s.inverse = from_rdflib(inverse), True
            return
        self.miss(s.node, "sh:path other than a predicate or an inverse predicate")

    def members(self, s: Shape, node: Node, via: str) -> tuple[Shape, ...]:
        unique = dict.fromkeys(Collection(self.g, node))  # pyshacl takes the list as a set
        return tuple(self.shape(m, s.label, via) for m in unique)

    def parameter(self, s: Shape, p: URIRef, o: Node) -> None:
        local = str(p)[len(SH_NS) :]
        comp: c.Component | SparqlC | None = None
        if local == "class":
            comp = c.ClassC(from_rdflib(o))
        elif local == "datatype":
            comp = c.DatatypeC(str(o))
        elif local == "nodeKind":
            comp = c.NodeKindC.of(from_rdflib(o))
        elif local in ("minCount", "maxCount") and isinstance(o, Literal):
            comp = c.CountC(
                int(o), local == "minCount", f"{local[0].upper()}{local[1:]}ConstraintComponent"
            )
        elif local in ("minLength", "maxLength") and isinstance(o, Literal):
            comp = c.LengthC(
                int(o), local == "minLength", f"{local[0].upper()}{local[1:]}ConstraintComponent"
            )
        elif local == "pattern":
            flags = self.one(s.node, _sh("flags"))
            comp = c.PatternC.of(str(o), str(flags) if flags is not None else None)
        elif local == "in":
            nodes = tuple(Collection(self.g, o))
            comp = c.InC(frozenset(from_rdflib(n) for n in nodes), nodes)
        elif local == "hasValue":
            comp = c.HasValueC(from_rdflib(o), o)
        elif local in (
            "minInclusive",
            "maxInclusive",
            "minExclusive",
            "maxExclusive",
        ) and isinstance(o, Literal):
            sign = 1 if local.startswith("min") else -1
            comp = c.RangeC(
                o,
                sign,
                local.endswith("Inclusive"),
                f"{local[0].upper()}{local[1:]}ConstraintComponent",
            )
        elif local in ("node", "not"):
            rule = local  # "node" (results nested as details) or "not"
            comp = c.LogicalC(
                (self.shape(o, s.label, local),), rule, f"{local.title()}ConstraintComponent"
            )
        elif local in ("and", "or", "xone"):
            rule = local
            comp = c.LogicalC(
                self.members(s, o, local), rule, f"{local.title()}ConstraintComponent"
            )
        elif local == "property":
            s.properties.append(self.shape(o, s.label, local))
            return
        elif local == "sparql":
            if any(
                isinstance(d, Literal) and d.value is True
                for d in self.g.objects(o, _sh("deactivated"))
            ):
                return  # compiled to nothing, as pyshacl skips it
            comp = self.sparql(o)
        if comp is None:
            self.miss(s.node, f"sh:{local}")
            return
        s.components.append(comp)

    def sparql(self, node: Node) -> SparqlC | None:
        g = self.g
        unknown = [p for p in g.predicates(node) if p not in SPARQL_KNOWN]
        select = self.one(node, _sh("select"))
        if (
            unknown
            or select is None
            or any(v in str(select) for v in ("$shapesGraph", "$currentShape"))
        ):
            return None
        prefixes = []
        for decl_holder in g.objects(node, _sh("prefixes")):
            for decl in g.objects(decl_holder, _sh("declare")):
                prefix, ns = self.one(decl, _sh("prefix")), self.one(decl, _sh("namespace"))
                prefixes.append(f"PREFIX {prefix}: <{ns}>\n")
        messages = tuple(sorted(str(m) for m in g.objects(node, _sh("message"))))
        query = "".join(sorted(set(prefixes))) + str(select)
        return SparqlC(
            query, messages, from_rdflib(node), needed_predicates(query), needed_alternatives(query)
        )


def _shape_nodes(g: Graph) -> Iterator[Node]:
    for t in TARGETS:
        yield from g.subjects(_sh(t), None)
    for cls in (URIRef(RDFS_NS + "Class"), URIRef(OWL_NS + "Class")):
        for node in g.subjects(RDF_TYPE, cls):
            if (node, RDF_TYPE, _sh("NodeShape")) in g or (
                node,
                RDF_TYPE,
                _sh("PropertyShape"),
            ) in g:
                yield node


def compile_shapes(g: Graph) -> Compiled:
    """Compile the shapes with targets (and those they reference) of a shapes graph."""
    comp = _Compiler(g)
    shapes = [comp.shape(n) for n in sorted(set(_shape_nodes(g)), key=str)]
    for shape in comp.done.values():
        _mark_local(shape, set())
        shape.on_empty = [
            k
            for k in shape.components
            if not isinstance(k, _VALUE_ONLY) and (not isinstance(k, c.CountC) or _needs_values(k))
        ]
    for node in g.subjects(RDF_TYPE, _sh("ConstraintComponent")):
        comp.miss(node, "a custom constraint component")
    for node in g.subjects(_sh("rule"), None):
        comp.miss(node, "sh:rule")
    return Compiled(shapes, sorted(set(comp.uncompiled)))
