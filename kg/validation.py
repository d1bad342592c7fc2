"""SHACL validation through pyshacl, wrapped in a typed report.

Trial graphs are validated in batches (about 100 trials per pyshacl call),
which bounds memory and keeps the per-call cost low.

>>> from kg.model import TrialRecord, Provenance
>>> from kg.mapping import trial_graph
>>> g = trial_graph(TrialRecord("NCT00000001", Provenance("ictrp-trial2", "x.txt", 1)))
>>> validate_graphs([g]).conforms
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import pyshacl
from rdflib import Graph, Namespace
from rdflib.term import Node

from kg.mapping import TrialGraph
from kg.namespaces import SH_NS
from kg.resources import data_dir

SH = Namespace(SH_NS)
BATCH = 100


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


def validate_graph(data: Graph) -> ValidationReport:
    """Validate one rdflib graph against the shipped shapes."""
    _conforms, report_graph, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
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
    report.results.sort(key=lambda r: (r.focus, r.path or "", r.constraint, r.message))
    return report


def _batches(graphs: Iterable[TrialGraph], size: int) -> Iterator[list[TrialGraph]]:
    it = iter(graphs)
    while batch := list(islice(it, size)):
        yield batch


def validate_graphs(graphs: Iterable[TrialGraph], *, batch: int = BATCH) -> ValidationReport:
    """Validate trial graphs in batches; one report for all."""
    report = ValidationReport()
    for _ in validated(graphs, report, batch=batch):
        pass
    return report


def validated(
    graphs: Iterable[TrialGraph], report: ValidationReport, *, batch: int = BATCH
) -> Iterator[TrialGraph]:
    """Pass graphs through unchanged, validating them batch by batch into ``report``.

    Memory stays bounded by the batch, whatever the input size.
    """
    for group in _batches(graphs, batch):
        data = Graph()
        data.parse(data=b"".join(g.ntriples() for g in group), format="nt")
        report.extend(validate_graph(data))
        yield from group


def validate_file(path: str, rdf_format: str | None = None) -> ValidationReport:
    """Validate an RDF file in any syntax rdflib reads (format guessed from the name)."""
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
    return validate_graph(union)
