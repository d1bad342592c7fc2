"""One ClinicalTrials.gov API v2 study (a parsed JSON object) -> :class:`TrialRecord`.

Every module of the study is optional: a study with only its
``identificationModule`` still gives a record.

>>> study = {"protocolSection": {"identificationModule": {
...     "nctId": "NCT00000001", "briefTitle": "A fictional study"}}}
>>> r = build(study, source="-", position=1, format_key="ctgov-json")
>>> r.main_id, r.register, r.public_title, r.url
('NCT00000001', 'ClinicalTrials.gov', 'A fictional study', 'https://clinicaltrials.gov/study/NCT00000001')
"""

from __future__ import annotations

from kg.model import (
    Arm,
    Contact,
    Design,
    Intervention,
    MeshTerm,
    Organization,
    Outcome,
    PartialDate,
    Provenance,
    Reference,
    TrialRecord,
)
from kg.normalize import coded as codes
from kg.normalize.criteria import split_criteria
from kg.parsers import _ctgov as ct
from kg.parsers._ctgov_json_people import contacts_locations
from kg.parsers._json import Json
from kg.parsers._json import list_at as _list
from kg.parsers._json import object_at as _obj
from kg.parsers._json import objects_at as _objs
from kg.parsers.base import RecordError

OUTCOME_KINDS = (
    ("primaryOutcomes", "primary"),
    ("secondaryOutcomes", "secondary"),
    ("otherOutcomes", "other"),
)


def build(study: Json, *, source: str, position: int, format_key: str) -> TrialRecord:
    """Convert one v2 study; raises :class:`RecordError` when it has no NCT ID."""
    protocol = _obj(study, "protocolSection")
    ident = _obj(protocol, "identificationModule")
    nct = ct.line(ident.get("nctId"))
    if nct is None:
        raise RecordError(
            "study has no protocolSection.identificationModule.nctId",
            field="protocolSection.identificationModule.nctId",
        )
    misc = _obj(_obj(study, "derivedSection"), "miscInfoModule")
    version = ct.line(misc.get("versionHolder"))
    record = TrialRecord(
        main_id=nct,
        provenance=Provenance(format_key, source, position),
        register=ct.REGISTER,
        url=ct.study_url(nct),
    )
    if version is not None:
        exported = ct.date(record, "provenance.exported_on", version)
        record.provenance = Provenance(format_key, source, position, exported, version)
    _identification(record, ident)
    _status(record, _obj(protocol, "statusModule"))
    _sponsors(record, _obj(protocol, "sponsorCollaboratorsModule"))
    for key, value in _obj(protocol, "oversightModule").items():
        ct.put_extra(record, f"oversightModule.{key}", value)
    description = _obj(protocol, "descriptionModule")
    record.brief_summary = ct.text(description.get("briefSummary"))
    record.detailed_description = ct.text(description.get("detailedDescription"))
    conditions = _obj(protocol, "conditionsModule")
    record.conditions = ct.lines(_list(conditions, "conditions"))
    record.keywords = ct.lines(_list(conditions, "keywords"))
    _design(record, _obj(protocol, "designModule"))
    _arms(record, _obj(protocol, "armsInterventionsModule"))
    _outcomes(record, _obj(protocol, "outcomesModule"))
    _eligibility(record, _obj(protocol, "eligibilityModule"))
    contacts_locations(record, _obj(protocol, "contactsLocationsModule"))
    _references(record, _obj(protocol, "referencesModule"))
    _ipd(record, _obj(protocol, "ipdSharingStatementModule"))
    _derived(record, _obj(study, "derivedSection"))
    has_results = study.get("hasResults") is True or bool(study.get("resultsSection"))
    if "hasResults" in study or "resultsSection" in study:
        record.results.available = has_results
        record.results.available_raw = "Yes" if has_results else "No"
    if has_results:
        record.results.url = ct.results_url(nct)
    return record


def _identification(record: TrialRecord, ident: Json) -> None:
    org = _obj(ident, "organization")
    org_name = ct.line(org.get("fullName"))
    org_study = _obj(ident, "orgStudyIdInfo")
    found = ct.ident(
        org_study.get("id"), kind=ct.line(org_study.get("type")) or ct.ORG_STUDY_ID, issuer=org_name
    )
    if found is not None:
        record.secondary_ids.append(found)
    if link := ct.line(org_study.get("link")):
        record.extra["identificationModule.orgStudyIdInfo.link"] = link
    links = [ct.line(info.get("link")) for info in _objs(ident, "secondaryIdInfos")]
    ct.put_extra(record, "identificationModule.secondaryIdInfos.link", links)
    for info in _objs(ident, "secondaryIdInfos"):
        kind = ct.line(info.get("type"))
        found = ct.ident(info.get("id"), kind=kind, issuer=ct.line(info.get("domain")))
        if found is not None:
            record.secondary_ids.append(found)
    for alias in _list(ident, "nctIdAliases"):
        found = ct.ident(alias, kind=ct.NCT_ALIAS)
        if found is not None:
            record.secondary_ids.append(found)
    record.public_title = ct.line(ident.get("briefTitle"))
    record.scientific_title = ct.line(ident.get("officialTitle"))
    record.acronym = ct.line(ident.get("acronym"))
    if org_name is not None:
        org_class = ct.line(org.get("class"))
        record.extra["identificationModule.organization"] = (
            f"{org_name} ({org_class})" if org_class else org_name
        )


def _status(record: TrialRecord, status: Json) -> None:
    record.recruitment_status = ct.coded(
        record, "recruitment_status", status.get("overallStatus"), codes.recruitment_status
    )
    ct.put_extra(record, "statusModule.lastKnownStatus", status.get("lastKnownStatus"))
    record.why_stopped = ct.text(status.get("whyStopped"))
    ct.put_extra(record, "statusModule.statusVerifiedDate", status.get("statusVerifiedDate"))
    for key, value in _obj(status, "expandedAccessInfo").items():
        ct.put_extra(record, f"statusModule.expandedAccessInfo.{key}", value)

    def struct(field: str, key: str) -> PartialDate | None:
        item = _obj(status, key)
        return ct.date(record, field, item.get("date"), item.get("type"))

    record.first_enrolment = struct("first_enrolment", "startDateStruct")
    record.primary_completion = struct("primary_completion", "primaryCompletionDateStruct")
    record.completion = struct("completion", "completionDateStruct")
    record.registration_date = ct.date(
        record, "registration_date", status.get("studyFirstSubmitDate")
    )
    record.last_update = struct("last_update", "lastUpdatePostDateStruct") or ct.date(
        record, "last_update", status.get("lastUpdateSubmitDate")
    )
    record.results.date_posted = struct("results.date_posted", "resultsFirstPostDateStruct")
    for key in ("studyFirstPostDateStruct", "dispFirstPostDateStruct"):
        ct.put_extra(record, f"statusModule.{key}.date", _obj(status, key).get("date"))


def _organization(item: Json) -> Organization | None:
    name = ct.line(item.get("name"))
    if name is None:
        return None
    return Organization(name, agency_class=ct.agency_class(item.get("class")))


def _sponsors(record: TrialRecord, module: Json) -> None:
    record.primary_sponsor = _organization(_obj(module, "leadSponsor"))
    record.secondary_sponsors = [
        org for org in map(_organization, _objs(module, "collaborators")) if org is not None
    ]
    party = _obj(module, "responsibleParty")
    ct.put_extra(record, "sponsorCollaboratorsModule.responsibleParty.type", party.get("type"))
    name = ct.line(party.get("investigatorFullName"))
    if name is not None:
        record.contacts.append(
            Contact(
                role="responsible",
                name=name,
                affiliation=ct.line(party.get("investigatorAffiliation")),
                official_role=ct.line(party.get("investigatorTitle")),
            )
        )
    ct.put_extra(
        record,
        "sponsorCollaboratorsModule.responsibleParty.oldNameTitle",
        party.get("oldNameTitle"),
    )
    ct.put_extra(
        record,
        "sponsorCollaboratorsModule.responsibleParty.oldOrganization",
        party.get("oldOrganization"),
    )


def _design(record: TrialRecord, module: Json) -> None:
    record.study_type = ct.coded(record, "study_type", module.get("studyType"), codes.study_type)
    raw_phases = ct.lines(_list(module, "phases"))
    if raw_phases:
        record.phase_raw = "/".join(raw_phases)
        for raw in raw_phases:
            coded_phases = codes.phases(raw)
            record.phases.extend(coded_phases)
            if not coded_phases or any(p.code is None for p in coded_phases):
                record.note("phases", raw, "unrecognised phase")
    info = _obj(module, "designInfo")
    masking = _obj(info, "maskingInfo")
    who = ct.lines(_list(masking, "whoMasked"))
    design = Design(
        allocation=ct.coded(record, "design.allocation", info.get("allocation"), codes.allocation),
        intervention_model=ct.coded(
            record,
            "design.intervention_model",
            info.get("interventionModel"),
            codes.intervention_model,
        ),
        primary_purpose=ct.coded(
            record, "design.primary_purpose", info.get("primaryPurpose"), codes.primary_purpose
        ),
        masking=ct.coded(record, "design.masking", masking.get("masking"), codes.masking),
        who_masked=codes.who_masked(", ".join(who)) if who else (),
        observational_model=ct.coded(
            record,
            "design.observational_model",
            info.get("observationalModel"),
            codes.observational_model,
        ),
        time_perspective=ct.coded(
            record, "design.time_perspective", info.get("timePerspective"), codes.time_perspective
        ),
    )
    for key in ("interventionModelDescription", "maskingDescription"):
        value = ct.text(info.get(key) or masking.get(key))
        if value is not None:
            design.extra[key] = value
    record.design = design
    enrollment = _obj(module, "enrollmentInfo")
    kind = ct.line(enrollment.get("type"))
    status = codes.date_status(kind) if kind else None
    code = status.code if status is not None else None
    field = "enrolment" if code == "actual" else "target_size"
    found = ct.size(record, field, enrollment.get("count"), code)
    if code == "actual":
        record.enrolment = found
    else:
        record.target_size = found
    ct.put_extra(record, "designModule.patientRegistry", module.get("patientRegistry"))
    ct.put_extra(record, "designModule.targetDuration", module.get("targetDuration"))
    bio = _obj(module, "bioSpec")
    ct.put_extra(record, "designModule.bioSpec.retention", bio.get("retention"))
    ct.put_extra(record, "designModule.bioSpec.description", bio.get("description"))


def _arms(record: TrialRecord, module: Json) -> None:
    for arm in _objs(module, "armGroups"):
        label = ct.line(arm.get("label"))
        if label is None:
            continue
        kind = ct.line(arm.get("type"))
        record.arms.append(
            Arm(
                label=label,
                type=ct.humanise(kind) if kind else None,
                description=ct.text(arm.get("description")),
                intervention_names=tuple(ct.lines(_list(arm, "interventionNames"))),
            )
        )
    for item in _objs(module, "interventions"):
        name = ct.line(item.get("name"))
        if name is None:
            continue
        kind = ct.line(item.get("type"))
        label = ct.humanise(kind) if kind else None
        record.interventions.append(
            Intervention(
                raw=f"{label}: {name}" if label else name,
                name=name,
                type=ct.coded(record, "interventions.type", kind, codes.intervention_type),
                description=ct.text(item.get("description")),
                other_names=tuple(ct.lines(_list(item, "otherNames"))),
                arm_labels=tuple(ct.lines(_list(item, "armGroupLabels"))),
            )
        )


def _outcomes(record: TrialRecord, module: Json) -> None:
    for key, kind in OUTCOME_KINDS:
        position = 0
        for item in _objs(module, key):
            measure = ct.line(item.get("measure"))
            if measure is None:
                continue
            position += 1
            record.outcomes.append(
                Outcome(
                    kind=kind,
                    position=position,
                    measure=measure,
                    time_frame=ct.line(item.get("timeFrame")),
                    description=ct.text(item.get("description")),
                )
            )


def _eligibility(record: TrialRecord, module: Json) -> None:
    if not module:
        return
    eligibility = record.eligibility
    criteria = ct.text(module.get("eligibilityCriteria"))
    eligibility.inclusion_text = criteria
    if criteria is not None:
        eligibility.criteria = split_criteria(criteria, None)
    eligibility.gender = ct.coded(record, "eligibility.gender", module.get("sex"), codes.gender)
    eligibility.min_age = ct.age(record, "eligibility.min_age", module.get("minimumAge"))
    eligibility.max_age = ct.age(record, "eligibility.max_age", module.get("maximumAge"))
    healthy = module.get("healthyVolunteers")
    if isinstance(healthy, bool):
        eligibility.healthy_volunteers = healthy
    eligibility.population = ct.text(module.get("studyPopulation"))
    eligibility.sampling_method = ct.line(module.get("samplingMethod"))
    ct.put_extra(record, "eligibilityModule.stdAges", _list(module, "stdAges"))
    ct.put_extra(record, "eligibilityModule.genderBased", module.get("genderBased"))
    ct.put_extra(record, "eligibilityModule.genderDescription", module.get("genderDescription"))


def _references(record: TrialRecord, module: Json) -> None:
    for item in _objs(module, "references"):
        citation = ct.text(item.get("citation"))
        pmid = ct.line(item.get("pmid"))
        if citation is None and pmid is None:
            continue
        kind = ct.line(item.get("type"))
        record.references.append(
            Reference(citation=citation, pmid=pmid, type=kind.lower() if kind else None)
        )
    links = [
        " ".join(part for part in (ct.line(i.get("label")), ct.line(i.get("url"))) if part)
        for i in _objs(module, "seeAlsoLinks")
    ]
    ct.put_extra(record, "referencesModule.seeAlsoLinks", links)
    ipds = [
        " ".join(
            part for part in (ct.line(i.get(k)) for k in ("type", "id", "url", "comment")) if part
        )
        for i in _objs(module, "availIpds")
    ]
    ct.put_extra(record, "referencesModule.availIpds", ipds)


def _ipd(record: TrialRecord, module: Json) -> None:
    plan = ct.line(module.get("ipdSharing"))
    record.results.ipd_plan = ct.humanise(plan) if plan else None
    record.results.ipd_description = ct.text(module.get("description"))
    ct.put_extra(record, "ipdSharingStatementModule.infoTypes", _list(module, "infoTypes"))
    for key in ("timeFrame", "accessCriteria", "url"):
        ct.put_extra(record, f"ipdSharingStatementModule.{key}", module.get(key))


def _meshes(module: Json) -> list[MeshTerm]:
    out: list[MeshTerm] = []
    for item in _objs(module, "meshes"):
        term = ct.line(item.get("term"))
        if term is not None:
            out.append(MeshTerm(term, ct.line(item.get("id"))))
    return out


def _derived(record: TrialRecord, derived: Json) -> None:
    record.mesh_conditions = _meshes(_obj(derived, "conditionBrowseModule"))
    record.mesh_interventions = _meshes(_obj(derived, "interventionBrowseModule"))
    misc = _obj(derived, "miscInfoModule")
    ct.put_extra(
        record, "derivedSection.miscInfoModule.removedCountries", misc.get("removedCountries")
    )
