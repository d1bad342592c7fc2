"""SPARQL-based constraints (sh:sparql), run on pyoxigraph with $this pre-bound.

The data graph is loaded once into an in-memory pyoxigraph store; the
SELECT runs once per focus node with ``$this`` substituted (SEP-0007, the
pre-binding SHACL asks for). Solutions become results the way pyshacl makes
them: ``?failure`` reports once, ``$this``/``?path``/``?value`` are read
back, other projected variables fill ``{?var}`` in the messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal

from kg.shacl.data import Data
from kg.shacl.terms import display, seen, to_rdflib

Bound = dict[str, str]  # variable → N-Triples term
SparqlFailure = tuple[str, str | None, str | None, Bound]  # focus, value, path, variables


def needed_predicates(select: str) -> frozenset[str] | None:
    """The predicates (N-Triples) a query can match, or None when it may match any triple.

    Read from rdflib's algebra of the query: a variable predicate or a negated
    property path can match anything; every other pattern names its predicates.
    """
    from rdflib import URIRef
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery

    found: set[str] = set()

    def predicate(p: object) -> bool:
        if isinstance(p, URIRef):
            found.add(f"<{p}>")
            return True
        if isinstance(p, SequencePath | AlternativePath):
            return all(predicate(a) for a in p.args)
        if isinstance(p, InvPath):
            return predicate(p.arg)
        if isinstance(p, MulPath):
            return predicate(p.path)
        return False  # a variable or a negated property set: any predicate

    def walk(node: object) -> bool:
        if isinstance(node, dict):
            triples = node.get("triples")
            if isinstance(triples, list) and not all(predicate(t[1]) for t in triples):
                return False
            return all(walk(v) for k, v in node.items() if k != "triples")
        if isinstance(node, list | tuple):
            return all(walk(v) for v in node)
        return True

    try:
        algebra = prepareQuery(select).algebra
    except Exception:  # rdflib cannot parse it: load every triple
        return None
    return frozenset(found) if walk(algebra) else None


Needs = list[frozenset[str]] | None  # alternatives of predicates a solution needs; None: unknown


def needed_alternatives(select: str) -> Needs:
    """Sets of predicates one of which must all be in the graph for the query to have a solution.

    From rdflib's algebra: a basic graph pattern needs the predicates of its
    triples (a sequence path all of its steps), a join both sides, a union one
    branch; FILTER, BIND, OPTIONAL's left side, projection and the like pass the
    need through. Anything else (aggregates, VALUES, zero-length paths...) can
    answer on an empty graph: None, the query is always run.
    """
    from rdflib import URIRef
    from rdflib.paths import SequencePath
    from rdflib.plugins.sparql import prepareQuery

    def path(p: object) -> frozenset[str] | None:
        if isinstance(p, URIRef):
            return frozenset([f"<{p}>"])
        if isinstance(p, SequencePath):
            parts = [path(a) for a in p.args]
            return None if any(x is None for x in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
        return None

    def needs(node: object) -> Needs:
        name = getattr(node, "name", None)
        if not isinstance(node, dict) or name is None:
            return None
        if name == "BGP":
            found: set[str] = set()
            for t in node["triples"]:
                p = path(t[1])
                if p is not None:
                    found |= p
            return [frozenset(found)] if found else None
        if name in ("Filter", "Project", "Extend", "Distinct", "Reduced", "Slice", "OrderBy",
                    "ToMultiSet", "SelectQuery", "LeftJoin", "Minus"):  # fmt: skip
            return needs(node.get("p") if name != "LeftJoin" and name != "Minus" else node["p1"])
        if name == "Join":
            left, right = needs(node["p1"]), needs(node["p2"])
            if left is None or right is None:
                return left or right
            return [a | b for a in left for b in right]
        if name == "Union":
            left, right = needs(node["p1"]), needs(node["p2"])
            return None if left is None or right is None else left + right
        return None

    try:
        return needs(prepareQuery(select).algebra)
    except Exception:  # rdflib cannot read it: always run the query
        return None


def _store(data: Data, predicates: frozenset[str] | None) -> tuple[ox.Store, dict[object, str]]:
    """The graph (the triples with ``predicates``, when known) in a pyoxigraph store.

    With it, the data's form of each literal oxigraph writes its own way
    (oxigraph keeps canonical numbers, "75"; rdflib and the data "75.0").
    """
    key = ("sparql-store", predicates)
    found = data.extra.get(key)
    if found is None:
        lines = [
            f"{s} {p} {o} .\n"
            for s, by_p in data.out.items()
            for p in (by_p if predicates is None else predicates.intersection(by_p))
            for o in by_p[p]
        ]
        store = ox.Store()
        quads = list(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        store.extend(quads)
        forms: dict[object, str] = {}
        for line in lines:
            o = line[:-3].split(" ", 2)[2]
            if o[-1] == ">" and o[0] == '"':
                forms[_value(o)] = o
        found = data.extra[key] = (store, forms)
    assert isinstance(found, tuple)
    return found


def _value(term: str) -> object:
    """A typed literal's datatype and value (its lexical form when rdflib cannot read it)."""
    node = to_rdflib(term)
    assert isinstance(node, Literal)
    return (node.datatype, node.value if node.value is not None else str(node))


def _node(term: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term.startswith("<"):
        return ox.NamedNode(term[1:-1])
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    quad = next(iter(ox.parse(f"<x:s> <x:p> {term} .\n".encode(), format=ox.RdfFormat.N_TRIPLES)))
    assert isinstance(quad.object, ox.Literal)
    return quad.object


@dataclass(frozen=True, slots=True)
class SparqlC:
    select: str  # with the PREFIX lines of sh:prefixes in front
    messages: tuple[str, ...]  # the constraint's own sh:message
    node: str  # the constraint node (N-Triples)
    predicates: frozenset[str] | None  # what the query can match (None: anything)
    needs: Needs = None  # predicates a solution needs (see needed_alternatives)
    name: str = "SPARQLConstraintComponent"

    def violations(self, data: Data, foci: list[str], node_shape: bool) -> list[SparqlFailure]:
        if self.needs is not None:
            present = data.predicates()
            if not any(alternative <= present for alternative in self.needs):
                return []  # no solution is possible in this graph, for any focus node
        store, forms = _store(data, self.predicates)
        this = ox.Variable("this")
        out: list[SparqlFailure] = []
        for f in foci:
            solutions = store.query(self.select, substitutions={this: _node(f)})
            assert isinstance(solutions, ox.QuerySolutions)
            names = [v.value for v in solutions.variables]
            reported: list[tuple[str | None, str | None, str | None, Bound]] = []
            failed = False
            result_val = f if node_shape else None
            for row in solutions:
                bound = {}
                for n in names:
                    term = row[n]
                    if term is not None:
                        text = str(term)
                        typed = isinstance(term, ox.Literal) and text[-1] == ">"
                        bound[n] = (forms.get(_value(text)) if typed else None) or seen(text)
                if bound.pop("failure", None) is not None:
                    if not failed:
                        failed = True
                        out.append((f, result_val, None, bound))
                    continue
                p = bound.pop("path", None)
                v = bound.pop("value", None)
                t = bound.pop("this", None)
                if p is None and v is None and t is None:
                    continue
                key = (t, p, v, bound)
                if key in reported:
                    continue
                reported.append(key)
                fields = dict(bound)
                if t is not None:
                    fields["this"] = t
                if p is not None:
                    fields["path"] = p
                value = v if v is not None else result_val
                if value is not None:
                    fields["value"] = value
                out.append((t or f, value, p, fields))
        return out


def fill(message: str, fields: Bound) -> str:
    """``{?var}`` and ``{$var}`` replaced as pyshacl does (re.sub with the node's string)."""
    for var, val in fields.items():
        message = re.sub("{{[?$]{}}}".format(var), display(val), message)  # noqa: UP032
    return message
