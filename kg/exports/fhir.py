"""FHIR R5: one ``ResearchStudy`` per trial and one ``Group`` for its eligibility, in a Bundle.

The Group is definitional: age range (UCUM years), gender, healthy volunteers
and each inclusion/exclusion criterion as a characteristic (``exclude`` true
for exclusion criteria). Conditions carry MeSH codings where the registry or
trialkg's links give them, else only their text (counted). Tests validate the
output with the ``fhir.resources`` R5 models.

>>> fhir_id("CTRI/2021/05/033585")
'CTRI-2021-05-033585'
"""

from __future__ import annotations

import json
import re
from typing import Any

from kg.exports import ExportReport, mesh_ids
from kg.iris import VOCAB_BASE
from kg.namespaces import (
    BIOREGISTRY_NS,
    FHIR_GENDER_SYSTEM,
    FHIR_MESH_SYSTEM,
    FHIR_PHASE_SYSTEM,
    SNOMED_SYSTEM,
    UCUM_SYSTEM,
)
from kg.normalize.identifiers import scheme_of
from kg.registry_ids import bioregistry_prefix, local_id
from kg.views import TrialView

Json = dict[str, Any]
_NOT_ID = re.compile(r"[^A-Za-z0-9.\-]+")
# trialkg phase codes -> FHIR research-study-phase codes (phases 1 and 2: "phase-1-phase-2")
_PHASES = {
    "early-phase-1": "early-phase-1",
    "phase-0": "early-phase-1",
    "phase-1": "phase-1",
    "phase-2": "phase-2",
    "phase-3": "phase-3",
    "phase-4": "phase-4",
    "not-applicable": "n-a",
}
_AGE = {"system": SNOMED_SYSTEM, "code": "397669002", "display": "Age"}
_GENDER = {"system": SNOMED_SYSTEM, "code": "263495000", "display": "Gender"}
_HEALTHY = {"text": "healthy volunteers accepted"}


def fhir_id(trial_id: str) -> str:
    """A FHIR resource id ([A-Za-z0-9-.]{1,64}) from a trial ID."""
    return _NOT_ID.sub("-", trial_id).strip("-")[:64] or "trial"


def _identifier(value: str) -> Json:
    scheme = scheme_of(value)
    if scheme is None:
        return {"value": value}
    return {"system": f"{BIOREGISTRY_NS}{bioregistry_prefix(scheme)}", "value": local_id(value)}


def _phase(codes: list[str]) -> Json | None:
    mapped = sorted({_PHASES[c] for c in codes if c in _PHASES})
    if not mapped:
        return None
    code = (
        "-".join(mapped)
        if mapped in (["phase-1", "phase-2"], ["phase-2", "phase-3"])
        else mapped[-1]
    )
    return {"coding": [{"system": FHIR_PHASE_SYSTEM, "code": code}]}


def research_study(v: TrialView, report: ExportReport) -> Json:
    rid = fhir_id(v.trial_id)
    study: Json = {
        "resourceType": "ResearchStudy",
        "id": rid,
        "url": v.iri,
        "identifier": [_identifier(v.trial_id)] + [_identifier(s.value) for s in v.secondary_ids],
        "status": "active",
    }
    if v.public_title:
        study["title"] = v.public_title
    if v.scientific_title and v.scientific_title != v.public_title:
        study["label"] = [{"type": {"text": "scientific title"}, "value": v.scientific_title}]
    if v.brief_summary:
        study["descriptionSummary"] = v.brief_summary
    phase = _phase(v.phases)
    if phase:
        study["phase"] = phase
    coded = dict(mesh_ids(v, "condition"))
    conditions: list[Json] = [
        {"coding": [{"system": FHIR_MESH_SYSTEM, "code": c, "display": label}], "text": label}
        for c, label in sorted(coded.items())
    ]
    if not coded:
        report.left_out["conditions without a MeSH code (text only)"] += len(v.conditions)
        conditions = [{"text": m.text} for m in v.conditions]
    if conditions:
        study["condition"] = conditions
    if v.interventions:
        study["focus"] = [{"concept": {"text": m.text}} for m in v.interventions]
    period = {k: d for k, d in (("start", v.first_enrolment), ("end", v.completion)) if d}
    if period:
        study["period"] = period
    if v.status:
        study["progressStatus"] = [
            {"state": {"coding": [{"system": f"{VOCAB_BASE}recruitment-status", "code": v.status}]}}
        ]
    recruitment: Json = {"eligibility": {"reference": f"Group/{rid}-eligibility"}}
    if v.target_size is not None:
        recruitment["targetNumber"] = v.target_size
    if v.actual_enrolment is not None:
        recruitment["actualNumber"] = v.actual_enrolment
    study["recruitment"] = recruitment
    if v.countries:
        study["region"] = [
            {"coding": [{"system": "urn:iso:std:iso:3166", "code": c}], "text": n}
            for c, n in v.countries
            if len(c) == 2
        ]
        study["region"] = study["region"] or [{"text": n} for _, n in v.countries]
    if v.sponsors:
        study["associatedParty"] = [
            {"name": name, "role": {"text": "sponsor"}} for _, name in v.sponsors
        ]
    if v.arms:
        study["comparisonGroup"] = [
            {k: x for k, x in (("name", label), ("description", desc)) if x}
            | ({"type": {"text": kind}} if kind else {})
            for label, kind, desc in v.arms
            if label
        ]
    if v.outcomes:
        study["outcomeMeasure"] = [
            {"name": o.measure, "type": [{"text": o.kind}]}
            | ({"description": o.time_frame} if o.time_frame else {})
            for o in v.outcomes
            if o.measure
        ]
    return study


def eligibility_group(v: TrialView) -> Json:
    """The definitional Group of who may take part."""
    chars: list[Json] = []
    if v.min_age_years or v.max_age_years:
        rng: Json = {}
        for key, years in (("low", v.min_age_years), ("high", v.max_age_years)):
            if years:
                rng[key] = {"value": float(years), "unit": "a", "system": UCUM_SYSTEM, "code": "a"}
        chars.append({"code": {"coding": [_AGE]}, "valueRange": rng, "exclude": False})
    if v.gender in ("female", "male"):
        value = {"coding": [{"system": FHIR_GENDER_SYSTEM, "code": v.gender}]}
        chars.append(
            {"code": {"coding": [_GENDER]}, "valueCodeableConcept": value, "exclude": False}
        )
    if v.healthy_volunteers is not None:
        chars.append({"code": _HEALTHY, "valueBoolean": v.healthy_volunteers, "exclude": False})
    for c in v.criteria:
        chars.append(
            {
                "code": {"text": f"{c.kind} criterion {c.position}"},
                "valueCodeableConcept": {"text": c.text},
                "exclude": c.kind == "exclusion",
            }
        )
    group: Json = {
        "resourceType": "Group",
        "id": f"{fhir_id(v.trial_id)}-eligibility",
        "type": "person",
        "membership": "definitional",
        "name": f"Eligibility of {v.trial_id}",
    }
    if chars:
        group["characteristic"] = chars
    return group


def bundle(views: list[TrialView], report: ExportReport) -> Json:
    entries: list[Json] = []
    for v in views:
        entries.append({"resource": research_study(v, report)})
        entries.append({"resource": eligibility_group(v)})
        report.written += 1
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def write(views: list[TrialView], output: str, report: ExportReport) -> None:
    with open(output, "w", encoding="utf-8") as out:
        json.dump(bundle(views, report), out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
    report.files.append(output)


__all__ = ["bundle", "eligibility_group", "fhir_id", "research_study", "write"]
