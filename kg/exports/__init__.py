"""Exports of a store to other graphs' formats: FHIR R5, Wikidata QuickStatements, KGX, schema.org.

Each exporter reads trials back from the store (:mod:`kg.views`), never from
the parser model, and counts what it had to leave out (a trial without a
registry ID Wikidata has a property for, a condition without a MeSH code...).

>>> FORMATS
('fhir', 'kgx', 'quickstatements', 'schemaorg')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.stores import GraphStore
from kg.views import TrialView, iter_trials

FORMATS = ("fhir", "kgx", "quickstatements", "schemaorg")


@dataclass(slots=True)
class ExportReport:
    """What an export wrote and what it left out (reason -> count)."""

    trials: int = 0
    written: int = 0
    files: list[str] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """Human-readable counts, for stderr.

        >>> r = ExportReport(trials=3, written=2, left_out=Counter({"no MeSH code": 4}))
        >>> r.lines()
        ['trials: 3 read, 2 exported', 'left out: 4 no MeSH code']
        """
        out = [f"trials: {self.trials} read, {self.written} exported"]
        out += [f"left out: {n} {why}" for why, n in sorted(self.left_out.items())]
        return out


def export(
    store: GraphStore,
    to: str,
    output: str,
    *,
    wikidata_map: str | None = None,
    trials: Iterable[TrialView] | None = None,
) -> ExportReport:
    """Write ``store``'s trials (or ``trials``) to ``output`` in format ``to``."""
    views = list(trials) if trials is not None else list(iter_trials(store))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    report = ExportReport(trials=len(views))
    if to == "fhir":
        from kg.exports import fhir

        fhir.write(views, output, report)
    elif to == "schemaorg":
        from kg.exports import schemaorg

        schemaorg.write(views, output, report)
    elif to == "quickstatements":
        from kg.exports import quickstatements

        mapping = quickstatements.read_mapping(wikidata_map) if wikidata_map else {}
        quickstatements.write(views, output, report, mapping)
    elif to == "kgx":
        from kg.exports import kgx

        kgx.write(views, output, report)
    else:
        raise ValueError(f"unknown export format {to!r}; one of {', '.join(FORMATS)}")
    return report


def mesh_id(iri: str) -> str | None:
    """The MeSH descriptor/supplement ID of a MeSH IRI, else ``None``.

    >>> mesh_id("http://id.nlm.nih.gov/mesh/D001249"), mesh_id("http://example.org/x")
    ('D001249', None)
    """
    from kg.namespaces import MESH_NS

    return iri[len(MESH_NS) :] if iri.startswith(MESH_NS) else None


def mesh_ids(view: TrialView, kind: str) -> list[tuple[str, str]]:
    """(MeSH ID, label) of a trial's conditions or interventions: the registry's coding
    first, then trialkg's links from the reported strings; each ID once."""
    coded = view.mesh_conditions if kind == "condition" else view.mesh_interventions
    mentions = view.conditions if kind == "condition" else view.interventions
    found: dict[str, str] = dict(coded)
    for m in mentions:
        for link in m.links:
            found.setdefault(mesh_id(link) or "", m.text)
    found.pop("", None)
    return sorted(found.items())


__all__ = ["FORMATS", "ExportReport", "export", "mesh_id", "mesh_ids"]
