"""A data graph indexed for SHACL: subject → predicate → objects, classes, subclasses.

Built from canonical N-Triples lines (a trial graph's) or from any triples
of N-Triples terms (a file parsed by pyoxigraph). The index is what every
compiled constraint reads; nothing here knows about shapes.

>>> d = Data.from_lines(['<a:x> <a:p> "1" .\\n', '<a:x> <a:p> "1" .\\n', '<a:y> <a:q> <a:x> .\\n'])
>>> d.objects('<a:x>', '<a:p>'), d.subjects('<a:q>', '<a:x>')
(['"1"'], ['<a:y>'])
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.shacl.terms import RDF_TYPE, RDFS_SUBCLASS, normal

_NONE: dict[str, dict[str, None]] = {}


class Data:
    """Triples indexed by subject and predicate (each object once, in first-seen order)."""

    __slots__ = ("_by_type", "_inverse", "extra", "lines", "out", "subclassing")

    def __init__(self) -> None:
        self.out: dict[str, dict[str, dict[str, None]]] = {}
        self.lines: list[str] = []  # N-Triples of the graph, for the SPARQL constraints
        self.subclassing = False  # any rdfs:subClassOf in the graph
        self.extra: dict[object, object] = {}  # per-graph caches (conformance, SPARQL store)
        self._inverse: dict[str, dict[str, dict[str, None]]] | None = None
        self._by_type: dict[str, list[str]] | None = None

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Data:
        data = cls()
        out = data.out
        data.lines = lines = list(lines)
        for line in lines:
            s, p, o = line.split(" ", 2)
            o = o[:-3]  # " .\n": lines are canonical N-Triples
            if o[-1] == ">" and o[0] == '"':
                o = normal(o)  # a typed literal as rdflib (and so pyshacl) reads it
            by_p = out.get(s)
            if by_p is None:
                out[s] = {p: {o: None}}
                continue
            objs = by_p.get(p)
            if objs is None:
                by_p[p] = {o: None}
            else:
                objs[o] = None
        data.subclassing = any(RDFS_SUBCLASS in by_p for by_p in out.values())
        return data

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[str, str, str]]) -> Data:
        return cls.from_lines(f"{s} {p} {o} .\n" for s, p, o in triples)

    def predicates(self) -> set[str]:
        """Every predicate in the graph (computed once)."""
        found = self.extra.get("predicates")
        if found is None:
            found = self.extra["predicates"] = set().union(*self.out.values())
        assert isinstance(found, set)
        return found

    def objects(self, s: str, p: str) -> list[str]:
        return list(self.out.get(s, _NONE).get(p, _NONE))

    def has(self, s: str, p: str, o: str) -> bool:
        return o in self.out.get(s, _NONE).get(p, _NONE)

    def inverse(self) -> dict[str, dict[str, dict[str, None]]]:
        """Object → predicate → subjects (built on first use)."""
        if self._inverse is None:
            inv: dict[str, dict[str, dict[str, None]]] = {}
            for s, by_p in self.out.items():
                for p, objs in by_p.items():
                    for o in objs:
                        inv.setdefault(o, {}).setdefault(p, {})[s] = None
            self._inverse = inv
        return self._inverse

    def subjects(self, p: str, o: str) -> list[str]:
        return list(self.inverse().get(o, _NONE).get(p, _NONE))

    def subjects_of(self, p: str) -> list[str]:
        return [s for s, by_p in self.out.items() if p in by_p]

    def objects_of(self, p: str) -> list[str]:
        seen: dict[str, None] = {}
        for by_p in self.out.values():
            for o in by_p.get(p, _NONE):
                seen[o] = None
        return list(seen)

    def subclasses(self, cls: str) -> set[str]:
        """``cls`` and every class below it by rdfs:subClassOf in this graph."""
        found = {cls}
        todo = [cls]
        while todo:
            for sub in self.subjects(RDFS_SUBCLASS, todo.pop()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def instances(self, cls: str) -> list[str]:
        """SHACL instances of ``cls``: typed with it or with a subclass of it."""
        if self._by_type is None:
            by_type: dict[str, list[str]] = {}
            for s, by_p in self.out.items():
                for t in by_p.get(RDF_TYPE, _NONE):
                    by_type.setdefault(t, []).append(s)
            self._by_type = by_type
        if not self.subclassing:
            return list(self._by_type.get(cls, ()))
        found: dict[str, None] = {}
        for c in sorted(self.subclasses(cls)):
            found.update(dict.fromkeys(self._by_type.get(c, ())))
        return list(found)

    def is_instance(self, node: str, cls: str) -> bool:
        types = self.out.get(node, _NONE).get(RDF_TYPE, _NONE)
        if cls in types:
            return True
        return self.subclassing and not self.subclasses(cls).isdisjoint(types)
