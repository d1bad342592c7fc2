"""Wikidata QuickStatements (V1, tab-separated) for trials with a registry ID Wikidata has a
property for (P3098 ClinicalTrials.gov, P9306 EU-CTR, P8064 ChiCTR... from bioregistry).

Conditions (P1050) and interventions (P4844) need Wikidata items: they are
written only through a MeSH -> Wikidata mapping given as a file (two columns,
MeSH ID and Q-ID), never guessed; everything else is left out and counted.

>>> from kg.views import TrialView
>>> lines = trial_lines(TrialView(iri="i", graph="g", trial_id="NCT04946669",
...                     public_title="A title", target_size=40), ExportReport(), {})
>>> lines[:3]
['CREATE', 'LAST\\tLen\\t"A title"', 'LAST\\tP31\\tQ30612']
>>> 'LAST\\tP3098\\t"NCT04946669"' in lines, 'LAST\\tP1132\\t40' in lines
(True, True)
"""

from __future__ import annotations

import csv
import re

from kg.exports import ExportReport, mesh_ids
from kg.normalize.identifiers import scheme_of
from kg.registry_ids import local_id, wikidata_property
from kg.views import TrialView

CLINICAL_TRIAL = "Q30612"  # Wikidata: clinical trial
TITLE, PARTICIPANTS, START, END = "P1476", "P1132", "P580", "P582"
CONDITION, INTERVENTION = "P1050", "P4844"
_QID = re.compile(r"^Q\d+$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_mapping(path: str) -> dict[str, str]:
    """MeSH ID -> Wikidata Q-ID from a TSV (header optional; other rows ignored)."""
    found: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) >= 2 and _QID.match(row[1].strip()):
                found[row[0].strip().removeprefix("mesh:").removeprefix("MESH:")] = row[1].strip()
    return found


def _string(text: str) -> str:
    return '"' + " ".join(text.replace('"', "'").split())[:400] + '"'


def _time(iso: str | None) -> str | None:
    if iso is None:
        return None
    if _DAY.match(iso):
        return f"+{iso}T00:00:00Z/11"
    if re.match(r"^\d{4}-\d{2}$", iso):
        return f"+{iso}-00T00:00:00Z/10"
    return f"+{iso[:4]}-00-00T00:00:00Z/9" if re.match(r"^\d{4}$", iso) else None


def trial_lines(v: TrialView, report: ExportReport, mapping: dict[str, str]) -> list[str]:
    """The statements of one trial, or none when no ID of it has a Wikidata property."""
    ids: list[tuple[str, str]] = []
    for value in [v.trial_id, *(s.value for s in v.secondary_ids)]:
        scheme = scheme_of(value)
        prop = wikidata_property(scheme) if scheme else None
        if prop and (prop, local_id(value)) not in ids:
            ids.append((prop, local_id(value)))
    if not ids:
        report.left_out["trials without a registry ID Wikidata has a property for"] += 1
        return []
    lines = ["CREATE", f"LAST\tLen\t{_string(v.title)}", f"LAST\tP31\t{CLINICAL_TRIAL}"]
    lines += [f"LAST\t{prop}\t{_string(value)}" for prop, value in ids]
    if v.public_title:
        lines.append(f"LAST\t{TITLE}\ten:{_string(v.public_title)}")
    if v.target_size is not None:
        lines.append(f"LAST\t{PARTICIPANTS}\t{v.target_size}")
    for prop, date in ((START, v.first_enrolment), (END, v.completion)):
        t = _time(date)
        if t:
            lines.append(f"LAST\t{prop}\t{t}")
    for kind, prop in (("condition", CONDITION), ("intervention", INTERVENTION)):
        codes = mesh_ids(v, kind)
        mentions = v.conditions if kind == "condition" else v.interventions
        items = sorted({mapping[c] for c, _ in codes if c in mapping})
        lines += [f"LAST\t{prop}\t{q}" for q in items]
        unmapped = len([c for c, _ in codes if c not in mapping])
        if unmapped:
            report.left_out[f"{kind} MeSH codes without a Wikidata item mapping"] += unmapped
        if not codes and mentions:
            report.left_out[f"{kind}s without a MeSH code"] += len(mentions)
    report.written += 1
    return lines


def write(
    views: list[TrialView], output: str, report: ExportReport, mapping: dict[str, str]
) -> None:
    with open(output, "w", encoding="utf-8") as out:
        for v in views:
            for line in trial_lines(v, report, mapping):
                out.write(line + "\n")
    report.files.append(output)


__all__ = ["read_mapping", "trial_lines", "write"]
