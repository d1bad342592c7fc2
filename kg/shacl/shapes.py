"""Compiled shapes and their evaluation over a :class:`Data`.

A :class:`Shape` holds its targets, its path, its severity and messages, and one
compiled component per constraint parameter; :mod:`kg.shacl.compile` builds them
from a shapes graph. A shape's results are :class:`Hit` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import Node

from kg.shacl import components as c
from kg.shacl.data import Data
from kg.shacl.sparql import SparqlC, fill
from kg.shacl.terms import sh

_EMPTY: dict[str, dict[str, None]] = {}
VIOLATION = sh("Violation")
ALLOWED = frozenset([sh("Warning"), sh("Info")])  # severities that do not break conformance

TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")


@dataclass(frozen=True, slots=True)
class Hit:
    """One validation result, terms in N-Triples form."""

    severity: str
    focus: str
    path: str | None
    value: str | None
    component: str
    messages: tuple[str, ...]
    shape: str  # the shape's IRI, or a stable name for a blank-node shape


@dataclass(eq=False)
class Shape:
    node: Node
    label: str  # the IRI, or "<parent label> sh:property <path>" for a blank node
    severity: str = VIOLATION
    messages: tuple[str, ...] = ()
    deactivated: bool = False
    path: str | None = None  # the predicate (N-Triples), for a property shape
    inverse: bool = False
    path_term: str | None = None  # the sh:path node as results report it
    components: list[c.Component | SparqlC] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    targets: dict[str, list[str]] = field(default_factory=dict)
    local: bool = False  # conformance depends on the value alone (not on the data graph)
    _conformance: dict[str, tuple[bool, tuple[Hit, ...]]] = field(default_factory=dict)

    # components that can fail when a focus node has no value at all (sh:minCount...)
    on_empty: list[c.Component | SparqlC] = field(default_factory=list)

    def focus_nodes(self, data: Data) -> list[str]:
        found: dict[str, None] = {}
        for cls in self.targets.get("targetClass", ()):
            found.update(dict.fromkeys(data.instances(cls)))
        found.update(dict.fromkeys(self.targets.get("targetNode", ())))
        for p in self.targets.get("targetSubjectsOf", ()):
            found.update(dict.fromkeys(data.subjects_of(p)))
        for p in self.targets.get("targetObjectsOf", ()):
            found.update(dict.fromkeys(data.objects_of(p)))
        return list(found)

    def value_nodes(self, data: Data, foci: list[str]) -> dict[str, list[str]]:
        path = self.path
        if path is None:
            return {f: [f] for f in foci}
        if self.inverse:
            return {f: data.subjects(path, f) for f in foci}
        index = data.out
        fv: dict[str, list[str]] = {}
        for f in foci:
            by_p = index.get(f)
            objs = by_p.get(path) if by_p is not None else None
            fv[f] = list(objs) if objs else []
        return fv

    def validate(self, data: Data, foci: list[str], out: list[Hit]) -> bool:
        """Append the results for ``foci`` to ``out``; True when they conform (pyshacl's rule)."""
        if self.deactivated or not foci:
            return True
        path = self.path
        if path is not None and not self.inverse and not self.on_empty:
            index = data.out  # the common case first: no focus has a value, nothing to check
            if not any(path in index.get(f, _EMPTY) for f in foci):
                return True
        start = len(out)
        fv = self.value_nodes(data, foci)
        nonempty = any(fv.values())
        for comp in self.components if nonempty else self.on_empty:
            if isinstance(comp, SparqlC):
                for f, v, p, fields in comp.violations(data, foci, self.path is None):
                    msgs = tuple(fill(m, fields) for m in (*comp.messages, *self.messages))
                    out.append(
                        Hit(self.severity, f, p or self.path_term, v, comp.name, msgs, self.label)
                    )
                continue
            if isinstance(comp, c.LogicalC):
                for f, values in fv.items():
                    for v in values:
                        ok, details = comp.check(data, v)
                        if not ok:
                            out.append(
                                Hit(
                                    self.severity,
                                    f,
                                    self.path_term,
                                    v,
                                    comp.name,
                                    self.messages,
                                    self.label,
                                )
                            )
                            out.extend(details)
                continue
            for f, v in comp.failures(data, fv):
                out.append(
                    Hit(self.severity, f, self.path_term, v, comp.name, self.messages, self.label)
                )
        if nonempty and self.properties:
            values = list(dict.fromkeys(v for vs in fv.values() for v in vs))
            index = data.out
            for prop in self.properties:
                p = prop.path
                if (
                    p is not None
                    and not prop.on_empty
                    and not prop.inverse
                    and not any(p in index.get(v, _EMPTY) for v in values)
                ):
                    continue  # no value to check, and none needed (no sh:minCount)
                prop.validate(data, values, out)
        if self.severity in ALLOWED or len(out) == start:
            return True
        return all(h.severity in ALLOWED for h in out[start:])

    def evaluate(self, data: Data, node: str) -> tuple[bool, tuple[Hit, ...]]:
        """Conformance of one node (as sh:node, sh:or... ask) and the results it produced.

        Cached per value where the answer depends on the value alone.
        """
        if self.local:
            cache = self._conformance
            found = cache.get(node)
            if found is None:
                if len(cache) > 1 << 18:
                    cache.clear()
                found = cache[node] = self._evaluate(data, node)
            return found
        key = (id(self), node)
        hit = data.extra.get(key)
        if hit is None:
            hit = data.extra[key] = self._evaluate(data, node)
        assert isinstance(hit, tuple)
        return hit

    def _evaluate(self, data: Data, node: str) -> tuple[bool, tuple[Hit, ...]]:
        hits: list[Hit] = []
        ok = self.validate(data, [node], hits)
        return ok, tuple(hits)
