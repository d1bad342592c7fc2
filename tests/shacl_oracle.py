"""Helpers for proving the fast SHACL engine gives pyshacl's answers (not a test module).

Results are compared as sets of (severity, focus, path, value, constraint
component, messages): terms in N-Triples form, blank nodes without their
labels (each parser names them its own way), messages only where a shape
declares them (pyshacl's generic messages are its own prose).
"""

from __future__ import annotations

import re

import pyshacl
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.namespaces import SH_NS, XSD_NS
from kg.shacl import Compiled, validate_lines
from kg.shacl.terms import from_rdflib

Row = tuple[str, str, str | None, str | None, str, tuple[str, ...] | None]
_BNODE = re.compile(r"_:\S+")


def _sh(local: str) -> URIRef:
    return URIRef(SH_NS + local)


def _n(term: str | None) -> str | None:
    return None if term is None else _BNODE.sub("_:", term)


def fast_rows(lines: list[str], compiled: Compiled) -> set[Row]:
    return {
        (
            h.severity,
            _BNODE.sub("_:", h.focus),
            _n(h.path),
            _n(h.value),
            h.component,
            tuple(sorted(set(h.messages))) or None,
        )
        for h in validate_lines(lines, compiled)
    }


def pyshacl_rows(lines: list[str], shapes: Graph) -> set[Row]:
    data = Graph()
    data.parse(data="".join(lines), format="nt")
    _ok, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    assert isinstance(report, Graph)
    rows: set[Row] = set()
    for r in report.subjects(_sh("resultSeverity"), None):

        def one(p: str, r: Node = r) -> str | None:
            v = report.value(r, _sh(p))
            return None if v is None else from_rdflib(v)

        declared = any(
            (node, _sh("message"), None) in shapes
            for node in (
                report.value(r, _sh("sourceShape")),
                report.value(r, _sh("sourceConstraint")),
            )
            if node is not None
        )
        messages = tuple(sorted({str(m) for m in report.objects(r, _sh("resultMessage"))}))
        component = one("sourceConstraintComponent")
        assert component is not None
        rows.add(
            (
                one("resultSeverity") or "",
                _BNODE.sub("_:", one("focusNode") or ""),
                _n(one("resultPath")),
                _n(one("value")),
                component[1:-1].rsplit("#", 1)[-1],
                messages if declared else None,
            )
        )
    return rows


XSD_INT = f"<{XSD_NS}integer>"
XSD_DATE = f"<{XSD_NS}date>"
XSD_DEC = f"<{XSD_NS}decimal>"


def damaged(lines: list[str]) -> list[str]:
    """The lines with deterministic damage of every kind the shapes check (one line in ~4)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        s, p, o = line[:-3].split(" ", 2)
        if p.endswith("ageInYears>") and i % 3 == 0:
            o = f'"{200 + i % 3}"^^{XSD_DEC}'  # minimum above maximum: SPARQL warning
        elif p.endswith("completionDate>") and i % 2 == 0:
            o = f'"1990-01-0{1 + i % 9}"^^{XSD_DATE}'  # dates out of order: SPARQL warning
        elif i % 11 == 0:
            continue  # a value gone: minCount, class (a type triple), ...
        elif i % 13 == 1 and o.startswith('"') and not p.endswith(("ageInYears>", "Date>")):
            o = f'"not a number"^^{XSD_INT}'  # datatype, or (dates), pattern
        elif i % 17 == 2 and o.startswith("<"):
            o = f'"{o[1:-1]}"'  # an IRI became a string: nodeKind, class, node
        elif i % 23 == 4 and o.startswith("<"):
            o = f"<https://example.org/x{i}>"  # an unknown IRI: class, pattern (node), in
        elif i % 29 == 5:
            s = f"_:b{i}"  # a blank subject: nodeKind of a target, minCounts
        elif i % 31 == 6 and o.startswith('"') and o.endswith('"'):
            o = f"{o}@en"  # a language-tagged string where xsd:string is due
        elif i % 19 == 3 and o.startswith('"'):
            out.append(f"{s} {p} {o} .\n")
            o = f'"{i}"^^{XSD_INT}'  # a second value: maxCount
        elif i % 41 == 8 and o.endswith(f"^^{XSD_DATE}"):
            o = '"2020-02-30"^^' + XSD_DATE  # an ill-typed date
        out.append(f"{s} {p} {o} .\n")
    return out
