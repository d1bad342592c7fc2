"""One legacy ClinicalTrials.gov ``<clinical_study>`` element -> :class:`TrialRecord`.

>>> from xml.etree.ElementTree import fromstring
>>> study = fromstring("<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
...                    "<brief_title>A fictional study</brief_title>"
...                    "<start_date type='Anticipated'>March 2030</start_date></clinical_study>")
>>> r = build(study, source="-", position=1, format_key="ctgov-xml")
>>> r.main_id, r.public_title, r.first_enrolment.iso(), r.first_enrolment.status
('NCT00000001', 'A fictional study', '2030-03', 'anticipated')
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

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
from kg.normalize import Unrecognised
from kg.normalize import coded as codes
from kg.normalize.criteria import split_criteria
from kg.parsers import _ctgov as ct
from kg.parsers._ctgov_xml_people import locations, people
from kg.parsers._ctgov_xml_text import block as _block
from kg.parsers._ctgov_xml_text import text as _text
from kg.parsers._ctgov_xml_text import texts as _texts
from kg.parsers.base import RecordError

_PROCESSED = re.compile(r"processed\s+this\s+data\s+on\s+(.+)$", re.IGNORECASE)
_ACCEPTS = re.compile(r"^accepts\b", re.IGNORECASE)


def build(study: Element, *, source: str, position: int, format_key: str) -> TrialRecord:
    """Convert one ``<clinical_study>``; raises :class:`RecordError` without an NCT ID."""
    nct = _text(study, "id_info/nct_id")
    if nct is None:
        raise RecordError("clinical_study has no id_info/nct_id", field="id_info/nct_id")
    record = TrialRecord(
        main_id=nct,
        provenance=Provenance(format_key, source, position),
        register=ct.REGISTER,
        url=ct.study_url(nct),
    )
    header = _text(study, "required_header/download_date")
    if header is not None:
        match = _PROCESSED.search(header)
        exported = ct.date(record, "provenance.exported_on", match[1] if match else header)
        record.provenance = Provenance(format_key, source, position, exported, header)
    _identification(record, study)
    _status(record, study)
    _sponsors(record, study)
    _design(record, study)
    _arms(record, study)
    _outcomes(record, study)
    _eligibility(record, study)
    people(record, study)
    locations(record, study)
    _references(record, study)
    _results(record, study, nct)
    record.mesh_conditions = [MeshTerm(t) for t in _texts(study, "condition_browse/mesh_term")]
    record.mesh_interventions = [
        MeshTerm(t) for t in _texts(study, "intervention_browse/mesh_term")
    ]
    return record


def _identification(record: TrialRecord, study: Element) -> None:
    source = _text(study, "source")
    found = ct.ident(_text(study, "id_info/org_study_id"), kind=ct.ORG_STUDY_ID, issuer=source)
    if found is not None:
        record.secondary_ids.append(found)
    for value in _texts(study, "id_info/secondary_id"):
        if (found := ct.ident(value, kind="Secondary ID")) is not None:
            record.secondary_ids.append(found)
    for value in _texts(study, "id_info/nct_alias"):
        if (found := ct.ident(value, kind=ct.NCT_ALIAS)) is not None:
            record.secondary_ids.append(found)
    record.public_title = _text(study, "brief_title")
    record.scientific_title = _text(study, "official_title")
    record.acronym = _text(study, "acronym")
    record.brief_summary = _block(study, "brief_summary")
    record.detailed_description = _block(study, "detailed_description")
    record.conditions = _texts(study, "condition")
    record.keywords = _texts(study, "keyword")
    ct.put_extra(record, "source", source)


def _status(record: TrialRecord, study: Element) -> None:
    status = _text(study, "overall_status")
    record.recruitment_status = ct.coded(
        record, "recruitment_status", status, codes.recruitment_status
    )
    for key in ("last_known_status", "verification_date", "has_expanded_access"):
        ct.put_extra(record, key, _text(study, key))
    for child in study.findall("expanded_access_info/*"):
        ct.put_extra(record, f"expanded_access_info/{child.tag}", child.text)
    record.why_stopped = _block(study, "why_stopped")
    record.first_enrolment = _date(record, study, "first_enrolment", "start_date")
    record.primary_completion = _date(
        record, study, "primary_completion", "primary_completion_date"
    )
    record.completion = _date(record, study, "completion", "completion_date")
    record.registration_date = _date(
        record, study, "registration_date", "study_first_submitted", "firstreceived_date"
    )
    record.last_update = _date(
        record, study, "last_update", "last_update_posted", "last_update_submitted",
        "lastchanged_date",
    )  # fmt: skip
    record.results.date_posted = _date(record, study, "results.date_posted", "results_first_posted")
    for key in ("study_first_posted", "disposition_first_posted"):
        ct.put_extra(record, key, _text(study, key))


def _date(record: TrialRecord, study: Element, field: str, *paths: str) -> PartialDate | None:
    """The first of ``paths`` present, parsed with its ``type`` attribute."""
    for path in paths:
        element = study.find(path)
        if element is not None and ct.line(element.text):
            return ct.date(record, field, element.text, element.get("type"))
    return None


def _organization(element: Element) -> Organization | None:
    name = _text(element, "agency")
    return Organization(name, ct.agency_class(_text(element, "agency_class"))) if name else None


def _sponsors(record: TrialRecord, study: Element) -> None:
    lead = study.find("sponsors/lead_sponsor")
    record.primary_sponsor = _organization(lead) if lead is not None else None
    record.secondary_sponsors = [
        org for org in map(_organization, study.findall("sponsors/collaborator")) if org is not None
    ]
    party = study.find("responsible_party")
    if party is not None:
        name = _text(party, "investigator_full_name")
        if name is not None:
            record.contacts.append(
                Contact(
                    role="responsible",
                    name=name,
                    affiliation=_text(party, "investigator_affiliation"),
                    official_role=_text(party, "investigator_title"),
                )
            )
        for key in ("responsible_party_type", "name_title", "organization"):
            ct.put_extra(record, f"responsible_party/{key}", _text(party, key))
    for child in study.findall("oversight_info/*"):
        ct.put_extra(record, f"oversight_info/{child.tag}", child.text)


def _design(record: TrialRecord, study: Element) -> None:
    record.study_type = ct.coded(record, "study_type", _text(study, "study_type"), codes.study_type)
    phase = _text(study, "phase")
    if phase is not None:
        record.phase_raw = phase
        record.phases = codes.phases(phase)
        if not record.phases or any(p.code is None for p in record.phases):
            record.note("phases", phase, "unrecognised phase")
    info = study.find("study_design_info")
    masking = _text(info, "masking")

    design = Design(
        allocation=ct.coded(
            record, "design.allocation", _text(info, "allocation"), codes.allocation
        ),
        intervention_model=ct.coded(
            record,
            "design.intervention_model",
            _text(info, "intervention_model"),
            codes.intervention_model,
        ),
        primary_purpose=ct.coded(
            record, "design.primary_purpose", _text(info, "primary_purpose"), codes.primary_purpose
        ),
        masking=ct.coded(record, "design.masking", masking, codes.masking),
        who_masked=codes.who_masked(masking),
        observational_model=ct.coded(
            record,
            "design.observational_model",
            _text(info, "observational_model"),
            codes.observational_model,
        ),
        time_perspective=ct.coded(
            record,
            "design.time_perspective",
            _text(info, "time_perspective"),
            codes.time_perspective,
        ),
    )
    for key, label in (
        ("intervention_model_description", "interventionModelDescription"),
        ("masking_description", "maskingDescription"),
    ):
        if value := _block(info, key):
            design.extra[label] = value
    record.design = design
    enrollment = study.find("enrollment")
    if enrollment is not None:
        kind = ct.line(enrollment.get("type"))
        status = codes.date_status(kind) if kind else None
        code = status.code if status is not None else None
        found = ct.size(
            record, "enrolment" if code == "actual" else "target_size", enrollment.text, code
        )
        if code == "actual":
            record.enrolment = found
        else:
            record.target_size = found
    for key in ("number_of_arms", "number_of_groups", "target_duration", "biospec_retention"):
        ct.put_extra(record, key, _text(study, key))
    ct.put_extra(record, "biospec_descr", _block(study, "biospec_descr"))
    ct.put_extra(record, "study_design", _text(study, "study_design"))


def _arms(record: TrialRecord, study: Element) -> None:
    for item in study.findall("intervention"):
        name = _text(item, "intervention_name")
        if name is None:
            continue
        kind = _text(item, "intervention_type")
        record.interventions.append(
            Intervention(
                raw=f"{kind}: {name}" if kind else name,
                name=name,
                type=ct.coded(record, "interventions.type", kind, codes.intervention_type),
                description=_block(item, "description"),
                other_names=tuple(_texts(item, "other_name")),
                arm_labels=tuple(_texts(item, "arm_group_label")),
            )
        )
    for arm in study.findall("arm_group"):
        label = _text(arm, "arm_group_label")
        if label is None:
            continue
        record.arms.append(
            Arm(
                label=label,
                type=_text(arm, "arm_group_type"),
                description=_block(arm, "description"),
                intervention_names=tuple(
                    i.raw for i in record.interventions if label in i.arm_labels
                ),
            )
        )


def _outcomes(record: TrialRecord, study: Element) -> None:
    for tag, kind in (
        ("primary_outcome", "primary"),
        ("secondary_outcome", "secondary"),
        ("other_outcome", "other"),
    ):
        position = 0
        for item in study.findall(tag):
            measure = _text(item, "measure")
            if measure is None:
                continue
            position += 1
            record.outcomes.append(
                Outcome(
                    kind=kind,
                    position=position,
                    measure=measure,
                    time_frame=_text(item, "time_frame"),
                    description=_block(item, "description"),
                )
            )


def _eligibility(record: TrialRecord, study: Element) -> None:
    element = study.find("eligibility")
    if element is None:
        return
    eligibility = record.eligibility
    criteria = _block(element, "criteria")
    eligibility.inclusion_text = criteria
    if criteria is not None:
        eligibility.criteria = split_criteria(criteria, None)
    eligibility.gender = ct.coded(
        record, "eligibility.gender", _text(element, "gender"), codes.gender
    )
    eligibility.min_age = ct.age(record, "eligibility.min_age", _text(element, "minimum_age"))
    eligibility.max_age = ct.age(record, "eligibility.max_age", _text(element, "maximum_age"))
    eligibility.healthy_volunteers = _healthy(record, _text(element, "healthy_volunteers"))
    eligibility.population = _block(element, "study_pop")
    eligibility.sampling_method = _text(element, "sampling_method")
    for key in ("gender_based", "gender_description"):
        ct.put_extra(record, f"eligibility/{key}", _block(element, key))


def _healthy(record: TrialRecord, raw: str | None) -> bool | None:
    """Legacy values are "No" and "Accepts Healthy Volunteers"."""
    if raw is None:
        return None
    if _ACCEPTS.match(raw):
        return True
    try:
        return codes.yes_no(raw)
    except Unrecognised:
        record.note("eligibility.healthy_volunteers", raw, "unrecognised yes/no value")
        return None


def _references(record: TrialRecord, study: Element) -> None:
    for tag, kind in (("reference", "background"), ("results_reference", "result")):
        for item in study.findall(tag):
            citation, pmid = _block(item, "citation"), _text(item, "PMID")
            if citation or pmid:
                record.references.append(Reference(citation=citation, pmid=pmid, type=kind))
    links = [
        " ".join(p for p in (_text(e, "description"), _text(e, "url")) if p)
        for e in study.findall("link")
    ]
    ct.put_extra(record, "link", links)


def _results(record: TrialRecord, study: Element, nct: str) -> None:
    has_results = study.find("clinical_results") is not None
    record.results.available = has_results
    record.results.available_raw = "Yes" if has_results else "No"
    if has_results:
        record.results.url = ct.results_url(nct)
    data = study.find("patient_data")
    if data is not None:
        record.results.ipd_plan = _text(data, "sharing_ipd")
        record.results.ipd_description = _block(data, "ipd_description")
        ct.put_extra(record, "patient_data/ipd_info_type", _texts(data, "ipd_info_type"))
        for key in ("ipd_time_frame", "ipd_access_criteria", "ipd_url"):
            ct.put_extra(record, f"patient_data/{key}", _block(data, key))
