"""SHACL validation, wrapped in a typed report.

Two engines give the same results: ``fast`` (the default: the shapes
compiled by :mod:`kg.shacl`, each trial graph validated on its own as it
streams past) and ``pyshacl`` (the reference; trial graphs in batches of
about 100 a call). When the shapes use something :mod:`kg.shacl` does not
compile, the fast engine says so on stderr and pyshacl runs instead.

>>> from kg.model import TrialRecord, Provenance
>>> from kg.mapping import trial_graph
>>> g = trial_graph(TrialRecord("NCT00000001", Provenance("ictrp-trial2", "x.txt", 1)))
>>> validate_graphs([g]).conforms
True
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from typing import TYPE_CHECKING

from rdflib import Graph, Namespace
from rdflib.term import Node

from kg.namespaces import SH_NS
from kg.resources import data_dir

if TYPE_CHECKING:
    from kg.mapping import TrialGraph
    from kg.shacl import Compiled

SH = Namespace(SH_NS)
BATCH = 100


class Engine(Enum):
    FAST = "fast"  # kg.shacl: compiled shapes, same results as pyshacl
    PYSHACL = "pyshacl"  # the reference implementation


def fast_available(compiled: Compiled | None = None) -> bool:
    """True when the fast engine compiles every shape (else it says, on stderr, what it cannot)."""
    from kg.shacl import shipped

    missing = (compiled or shipped()).uncompiled
    for item in missing:
        print(f"fast SHACL engine cannot compile {item}; validating with pyshacl", file=sys.stderr)
    return not missing


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result, readable without knowing SHACL."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None
    constraint: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


@dataclass(slots=True)
class ValidationReport:
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """True when there is no sh:Violation (warnings do not fail)."""
        return not self.violations

    def extend(self, other: ValidationReport) -> None:
        self.results.extend(other.results)


@functools.cache
def shapes_graph() -> Graph:
    """All shapes shipped in shapes/ (parsed once per process)."""
    g = Graph()
    for path in sorted(data_dir("shapes").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _short(node: Node | None) -> str | None:
    if node is None:
        return None
    return str(node)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate one rdflib graph against the shipped shapes (or ``shapes``) with pyshacl."""
    import pyshacl

    _conforms, report_graph, _text = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shapes graph this way
        raise RuntimeError(f"SHACL validation could not run: {report_graph}")
    report = ValidationReport()
    for result in report_graph.subjects(predicate=SH.resultSeverity):
        severity = report_graph.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report_graph.objects(result, SH.resultMessage))
        report.results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=str(report_graph.value(result, SH.focusNode)),
                path=_short(report_graph.value(result, SH.resultPath)),
                value=_short(report_graph.value(result, SH.value)),
                message="; ".join(messages) or "constraint not met",
                shape=_short(report_graph.value(result, SH.sourceShape)),
                constraint=str(report_graph.value(result, SH.sourceConstraintComponent)).rsplit(
                    "#", 1
                )[-1],
            )
        )
    report.results.sort(key=result_order)
    return report


def _batches(graphs: Iterable[TrialGraph], size: int) -> Iterator[list[TrialGraph]]:
    it = iter(graphs)
    while batch := list(islice(it, size)):
        yield batch


def validate_graphs(
    graphs: Iterable[TrialGraph], *, batch: int = BATCH, engine: Engine = Engine.FAST
) -> ValidationReport:
    """Validate trial graphs; one report for all."""
    report = ValidationReport()
    for _ in validated(graphs, report, batch=batch, engine=engine):
        pass
    return report


def validated(
    graphs: Iterable[TrialGraph],
    report: ValidationReport,
    *,
    batch: int = BATCH,
    engine: Engine = Engine.FAST,
) -> Iterator[TrialGraph]:
    """Pass graphs through unchanged, validating them into ``report``.

    The fast engine validates each trial graph on its own (a result on a node
    several graphs share is reported once); pyshacl validates batches. Memory
    stays bounded by the batch, whatever the input size.
    """
    if engine is Engine.FAST and fast_available():
        yield from _validated_fast(graphs, report)
        return
    for group in _batches(graphs, batch):
        data = Graph()
        data.parse(data=b"".join(g.ntriples() for g in group), format="nt")
        report.extend(validate_graph(data))
        yield from group


def attached(
    graphs: Iterable[TrialGraph],
    report: ValidationReport,
    problems: dict[tuple[str, str], tuple[ValidationResult, ...]],
) -> Iterator[TrialGraph]:
    """Pass graphs through, adding to ``report`` the results found where they were made.

    ``problems`` maps (graph IRI, digest) to a graph's results (see
    :func:`kg.pipeline.convert` with ``validate``): only the graphs that get
    this far (not those another record of their trial superseded) count.
    """
    seen: set[ValidationResult] = set()
    for g in graphs:
        for r in problems.pop((g.graph, g.digest), ()):
            if r not in seen:
                seen.add(r)
                report.results.append(r)
        yield g
    report.results.sort(key=result_order)


def _validated_fast(graphs: Iterable[TrialGraph], report: ValidationReport) -> Iterator[TrialGraph]:
    from kg.shacl import result, validate_lines

    seen: set[ValidationResult] = set()
    for g in graphs:
        for hit in validate_lines(g.lines):
            r = result(hit)
            if r not in seen:
                seen.add(r)
                report.results.append(r)
        yield g
    report.results.sort(key=result_order)


def result_order(r: ValidationResult) -> tuple[str, str, str, str, str]:
    return (r.focus, r.path or "", r.constraint, r.message, r.value or "")


def with_shapes(paths: Iterable[str]) -> Graph:
    """The shipped shapes and the shapes in ``paths`` (Turtle), in one graph."""
    g = Graph()
    g += shapes_graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


def validate_file(
    path: str,
    rdf_format: str | None = None,
    engine: Engine = Engine.FAST,
    extra_shapes: Iterable[str] = (),
) -> ValidationReport:
    """Validate an RDF file as one graph (the union of its graphs; format from the name)."""
    extra = list(extra_shapes)
    shapes = with_shapes(extra) if extra else shapes_graph()
    if engine is Engine.FAST:
        from kg.shacl import compile_shapes, shipped
        from kg.shacl.files import validate_file_fast

        compiled = compile_shapes(shapes) if extra else shipped()
        if fast_available(compiled):
            return validate_file_fast(path, rdf_format, compiled)
    from rdflib import Dataset
    from rdflib.util import guess_format

    name = path[:-3] if path.endswith(".gz") else path
    fmt = rdf_format or guess_format(name) or "turtle"
    ds = Dataset()
    if path.endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as fh:
            ds.parse(data=fh.read(), format=fmt)
    else:
        ds.parse(path, format=fmt)
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union, shapes)
