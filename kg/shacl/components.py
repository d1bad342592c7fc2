"""SHACL core constraint components, compiled to checks over N-Triples terms.

Each component takes its parameter values from the shapes graph and, given
the value nodes of each focus node, returns the failures: (focus, value or
None). The value-level rules follow pyshacl's (the oracle) line by line:
``sh:datatype`` asks rdflib whether a lexical form is well-typed, ranges
compare with pyshacl's own ``compare_literal``, ``sh:in`` uses rdflib's
node equality, and ``sh:pattern`` honours the same flags.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.namespaces import RDFS_NS, XSD_NS
from kg.shacl.terms import RDF_LANGSTRING, XSD_STRING, Kind, display, kind, sh, to_rdflib

if TYPE_CHECKING:
    from kg.shacl.data import Data
    from kg.shacl.shapes import Hit, Shape

FocusValues = dict[str, list[str]]
Failure = tuple[str, str | None]  # focus node, value node (None: the focus as a whole)


class Component(Protocol):
    @property
    def name(self) -> str: ...  # e.g. "DatatypeConstraintComponent"

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]: ...


def _each_value(fv: FocusValues, ok: Callable[[str], bool]) -> list[Failure]:
    return [(f, v) for f, values in fv.items() for v in values if not ok(v)]


@dataclass(frozen=True, slots=True)
class ClassC:
    cls: str
    name: str = "ClassConstraintComponent"

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        return _each_value(
            fv, lambda v: kind(v) is not Kind.LITERAL and data.is_instance(v, self.cls)
        )


_ACTUAL: dict[str, type | tuple[type, ...]] = {
    XSD_STRING: (str, bytes),
    RDF_LANGSTRING: (str, bytes),
    f"{XSD_NS}integer": int,
    f"{XSD_NS}float": float,
    f"{XSD_NS}decimal": Decimal,
    f"{XSD_NS}boolean": bool,
    f"{XSD_NS}date": date,
    f"{XSD_NS}time": time,
    f"{XSD_NS}dateTime": datetime,
}


@functools.lru_cache(maxsize=1 << 16)
def datatype_ok(term: str, rule: str) -> bool:
    """pyshacl's sh:datatype test for one term (rdflib decides if the lexical form is valid)."""
    if term[0] != '"':
        return False
    if rule == XSD_STRING and (term[-1] == '"' or term.endswith(f'"^^<{XSD_STRING}>')):
        return True  # a plain or xsd:string literal: its value is a str
    v = to_rdflib(term)
    assert isinstance(v, Literal)

    def actual() -> bool:
        wanted = _ACTUAL.get(rule)
        return wanted is None or isinstance(v.value, wanted)

    if v.datatype == URIRef(rule):
        return getattr(v, "ill_typed", None) is not True and actual()
    if rule == f"{RDFS_NS}Literal":
        return True
    if rule == f"{RDFS_NS}Datatype" and v.datatype:
        return True
    if v.datatype is None and v.language is None and rule == XSD_STRING:
        return actual()
    return rule == RDF_LANGSTRING and bool(v.language) and actual()


@dataclass(frozen=True, slots=True)
class DatatypeC:
    datatype: str  # the IRI, without brackets
    name: str = "DatatypeConstraintComponent"

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        rule = self.datatype
        found: list[Failure] = []
        for f, values in fv.items():
            for v in values:
                if not datatype_ok(v, rule):
                    found.append((f, v))
        return found


_NODE_KINDS = {
    "IRI": {Kind.IRI},
    "BlankNode": {Kind.BLANK},
    "Literal": {Kind.LITERAL},
    "BlankNodeOrIRI": {Kind.BLANK, Kind.IRI},
    "BlankNodeOrLiteral": {Kind.BLANK, Kind.LITERAL},
    "IRIOrLiteral": {Kind.IRI, Kind.LITERAL},
}


@dataclass(frozen=True, slots=True)
class NodeKindC:
    kinds: frozenset[Kind]
    name: str = "NodeKindConstraintComponent"

    @classmethod
    def of(cls, term: str) -> NodeKindC:
        for local, kinds in _NODE_KINDS.items():
            if term == sh(local):
                return cls(frozenset(kinds))
        raise ValueError(f"unknown sh:nodeKind {term}")

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        kinds = self.kinds
        return [(f, v) for f, values in fv.items() for v in values if kind(v) not in kinds]


@dataclass(frozen=True, slots=True)
class CountC:
    bound: int
    at_least: bool  # sh:minCount when True, sh:maxCount otherwise
    name: str

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        if self.at_least:
            return [(f, None) for f, values in fv.items() if len(values) < self.bound]
        return [(f, None) for f, values in fv.items() if len(values) > self.bound]


def _string(v: str) -> str | None:
    """pyshacl's string of a value node (None for a blank node, which never passes)."""
    return None if kind(v) is Kind.BLANK else display(v)


@dataclass(frozen=True, slots=True)
class PatternC:
    regex: re.Pattern[str]
    name: str = "PatternConstraintComponent"

    @classmethod
    def of(cls, pattern: str, flags: str | None) -> PatternC:
        f = 0
        if flags and "i" in flags.lower():
            f |= re.I
        if flags and "m" in flags.lower():
            f |= re.M
        return cls(re.compile(pattern, f))

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        def ok(v: str) -> bool:
            s = _string(v)
            return s is not None and self.regex.search(s) is not None

        return _each_value(fv, ok)


@dataclass(frozen=True, slots=True)
class LengthC:
    bound: int
    at_least: bool
    name: str

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        def ok(v: str) -> bool:
            if self.at_least and self.bound == 0:
                return True
            s = _string(v)
            if s is None:
                return False
            return len(s) >= self.bound if self.at_least else len(s) <= self.bound

        return _each_value(fv, ok)


@functools.lru_cache(maxsize=1 << 14)
def _rdflib_equal(term: str, other: Node) -> bool:
    return bool(to_rdflib(term) == other)


def _member(v: str, terms: frozenset[str], nodes: Sequence[Node]) -> bool:
    return v in terms or any(_rdflib_equal(v, n) for n in nodes)


@dataclass(frozen=True, slots=True)
class InC:
    terms: frozenset[str]
    nodes: tuple[Node, ...]
    name: str = "InConstraintComponent"

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        return _each_value(fv, lambda v: _member(v, self.terms, self.nodes))


@dataclass(frozen=True, slots=True)
class HasValueC:
    term: str
    node: Node
    name: str = "HasValueConstraintComponent"

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        one = frozenset([self.term])
        return [
            (f, None)
            for f, values in fv.items()
            if not any(_member(v, one, (self.node,)) for v in values)
        ]


@dataclass(frozen=True, slots=True)
class RangeC:
    bound: Literal
    sign: int  # pass when compare(value, bound) has this sign...
    inclusive: bool  # ...or is 0
    name: str

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        return _each_value(fv, self._ok)

    def _ok(self, v: str) -> bool:
        return _range_ok(v, self.bound, self.sign, self.inclusive)


@functools.lru_cache(maxsize=1 << 14)
def _range_ok(v: str, bound: Literal, sign: int, inclusive: bool) -> bool:
    from pyshacl.rdfutil.compare import compare_literal

    if kind(v) is not Kind.LITERAL:
        return False
    node = to_rdflib(v)
    assert isinstance(node, Literal)
    if isinstance(bound.value, str) != isinstance(node.value, str):
        return False
    try:
        cmp = int(compare_literal(node, bound))  # type: ignore[no-untyped-call]
    except (TypeError, NotImplementedError):
        return False
    return cmp == sign or (inclusive and cmp == 0)


@dataclass(frozen=True, slots=True)
class LogicalC:
    """sh:node, sh:not, sh:and, sh:or, sh:xone: what a value's conformance to member shapes must be.

    sh:node fails on any result of its shape (pyshacl keeps them as details);
    the others look at conformance only, where warnings do not count.
    """

    shapes: tuple[Shape, ...]
    rule: str  # "node" | "not" | "and" | "or" | "xone"
    name: str

    def check(self, data: Data, v: str) -> tuple[bool, tuple[Hit, ...]]:
        if self.rule == "node":
            ok, hits = self.shapes[0].evaluate(data, v)
            return ok and not hits, hits
        n = sum(1 for s in self.shapes if s.evaluate(data, v)[0])
        if self.rule == "and":
            return n == len(self.shapes), ()
        if self.rule == "not":
            return n == 0, ()
        if self.rule == "or":
            return n >= 1, ()
        return n == 1, ()

    def failures(self, data: Data, fv: FocusValues) -> list[Failure]:
        return [(f, v) for f, values in fv.items() for v in values if not self.check(data, v)[0]]
