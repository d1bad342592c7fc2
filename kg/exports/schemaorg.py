"""schema.org ``MedicalTrial`` JSON-LD, one node per trial, for embedding in web pages.

Only schema.org terms are written (tests check each against rdflib's schema.org
namespace); the trial keeps its trialkg IRI as ``@id``.

>>> from kg.views import TrialView
>>> node = trial_node(TrialView(iri="https://example.org/t/1", graph="g", trial_id="NCT1",
...                   public_title="A title", study_type="interventional", status="recruiting"))
>>> node["@type"], node["name"], node["status"]
('MedicalTrial', 'A title', 'https://schema.org/Recruiting')
"""

from __future__ import annotations

import json
from typing import Any

from kg.exports import ExportReport, mesh_ids
from kg.namespaces import SCHEMA_NS
from kg.views import TrialView

Json = dict[str, Any]
CONTEXT = SCHEMA_NS.rstrip("/")
_TYPES = {"interventional": "MedicalTrial", "observational": "MedicalObservationalStudy"}
# trialkg recruitment status -> schema.org MedicalStudyStatus member
_STATUS = {
    "recruiting": "Recruiting",
    "not-yet-recruiting": "NotYetRecruiting",
    "active-not-recruiting": "ActiveNotRecruiting",
    "completed": "Completed",
    "terminated": "Terminated",
    "suspended": "Suspended",
    "withdrawn": "Withdrawn",
    "enrolling-by-invitation": "EnrollingByInvitation",
}


def trial_node(v: TrialView) -> Json:
    node: Json = {
        "@type": _TYPES.get(v.study_type or "", "MedicalStudy"),
        "@id": v.iri,
        "identifier": v.trial_id,
        "name": v.title,
    }
    if v.scientific_title and v.scientific_title != v.title:
        node["alternateName"] = v.scientific_title
    if v.brief_summary:
        node["description"] = v.brief_summary
    if v.url:
        node["url"] = v.url
    if v.status in _STATUS:
        node["status"] = f"{SCHEMA_NS}{_STATUS[v.status]}"
    codes = dict(mesh_ids(v, "condition"))
    node["healthCondition"] = [
        {"@type": "MedicalCondition", "name": m.text} for m in v.conditions
    ] + [
        {
            "@type": "MedicalCondition",
            "name": label,
            "code": {"@type": "MedicalCode", "codeValue": c, "codingSystem": "MeSH"},
        }
        for c, label in sorted(codes.items())
    ]
    if v.interventions:
        node["studySubject"] = [{"@type": "MedicalEntity", "name": m.text} for m in v.interventions]
    if v.sponsors:
        node["sponsor"] = [
            {"@type": "Organization", "@id": iri, "name": n} for iri, n in v.sponsors
        ]
    if v.countries:
        node["studyLocation"] = [{"@type": "Country", "name": n} for _, n in v.countries]
    if v.sources and v.sources[0].licence:
        node["license"] = v.sources[0].licence
    return node


def document(views: list[TrialView], report: ExportReport) -> Json:
    nodes = []
    for v in views:
        nodes.append(trial_node(v))
        report.written += 1
        if v.status and v.status not in _STATUS:
            report.left_out["statuses schema.org has no member for"] += 1
        if v.phases:  # MedicalTrial's old "phase" is gone from the current schema.org release
            report.left_out["trial phases (no schema.org property)"] += 1
    return {"@context": CONTEXT, "@graph": nodes}


def write(views: list[TrialView], output: str, report: ExportReport) -> None:
    with open(output, "w", encoding="utf-8") as out:
        json.dump(document(views, report), out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
    report.files.append(output)


__all__ = ["CONTEXT", "document", "trial_node", "write"]
