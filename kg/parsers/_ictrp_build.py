"""Build a :class:`~kg.model.TrialRecord` from one ICTRP record's fields.

Shared by the ICTRP XML and CSV parsers: both first read a record into a
``{canonical field name: raw text}`` mapping (see ``_ictrp_fields``). Values
that cannot be normalised are kept raw and noted on the record.

>>> rec = build({"TrialID": "NCT04946669 ", "Phase": "Early Phase 1",
...              "Inclusion_agemin": "18 Years"}, "ictrp-xml", "t.xml", 1)
>>> rec.main_id, [p.code for p in rec.phases], rec.eligibility.min_age.unit
('NCT04946669', ['early-phase-1'], 'a')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import zip_longest
from typing import TypeVar

from kg.model import (
    Coded,
    Contact,
    EthicsReview,
    Organization,
    PartialDate,
    Provenance,
    TrialRecord,
)
from kg.normalize import Unrecognised
from kg.normalize.ages import parse_age
from kg.normalize.coded import (
    date_status,
    design,
    gender,
    phases,
    recruitment_status,
    study_type,
    yes_no,
)
from kg.normalize.conditions import split_conditions
from kg.normalize.countries import countries
from kg.normalize.criteria import split_criteria
from kg.normalize.dates import parse_date
from kg.normalize.identifiers import identifier
from kg.normalize.interventions import intervention
from kg.normalize.outcomes import parse_outcomes
from kg.normalize.sizes import sample_size
from kg.normalize.text import clean, clean_line, split_multi
from kg.parsers._ictrp_fields import FIELD_MAP
from kg.parsers.base import RecordError

T = TypeVar("T")

# "Please refer to primary and secondary sponsors": a pointer, not a funder.
_NOT_AN_ORGANIZATION = re.compile(r"^(please )?(refer|see)\b", re.IGNORECASE)
# ICTRP writes 01/01/1900 where a register gave no approval date.
_PLACEHOLDER_YEAR = 1900
_CONTACT_SETS = (
    ("Contact_", None),
    ("Public_Contact_", "public"),
    ("Scientific_Contact_", "scientific"),
)
_CONTACT_PARTS = ("Firstname", "Lastname", "Address", "Email", "Tel", "Affiliation")
_ETHICS_PARTS = (
    "status",
    "approval_date",
    "contact_name",
    "contact_address",
    "contact_phone",
    "contact_email",
)
_RESULT_TEXTS = {
    "results_url_link": "url",
    "results_url_protocol": "protocol_url",
    "results_summary": "summary",
    "results_baseline_char": "baseline_characteristics",
    "results_participant_flow": "participant_flow",
    "results_adverse_events": "adverse_events",
    "results_outcome_measures": "outcome_measures",
    "results_ipd_plan": "ipd_plan",
    "results_ipd_description": "ipd_description",
}
_RESULT_DATES = {
    "results_date_posted": "date_posted",
    "results_date_completed": "date_completed",
    "results_date_first_publication": "date_first_publication",
}


def _try(record: TrialRecord, field: str, raw: str, parse: Callable[[str], T]) -> T | None:
    """Run a normaliser; on :class:`Unrecognised` note the value and return None."""
    try:
        return parse(raw)
    except Unrecognised as err:
        record.note(field, clean_line(raw) or raw, str(err))
        return None


def _coded(record: TrialRecord, field: str, value: Coded | None) -> Coded | None:
    if value is not None and value.code is None:
        record.note(field, value.raw, "not in the controlled vocabulary")
    return value


def _date(
    record: TrialRecord, field: str, raw: str | None, day_first: bool = True
) -> PartialDate | None:
    text = clean_line(raw)
    if text is None:
        return None
    return _try(record, field, text, lambda r: parse_date(r, day_first=day_first))


def _pieces(raw: str | None) -> list[str]:
    """Split on ";" keeping empty places (contact and ethics columns line up by place)."""
    if raw is None:
        return []
    return [clean_line(p) or "" for p in raw.split(";")]


def _contacts(fields: Mapping[str, str]) -> list[Contact]:
    out: list[Contact] = []
    for prefix, role in _CONTACT_SETS:
        columns = [_pieces(fields.get(prefix + part)) for part in _CONTACT_PARTS]
        for first, last, address, email, tel, affiliation in zip_longest(*columns, fillvalue=""):
            if not any((first, last, address, email, tel, affiliation)):
                continue
            name = " ".join(p for p in (first, last) if p) or None
            contact = Contact(
                role=role,
                name=name,
                given_name=first or None,
                family_name=last or None,
                address=address or None,
                telephone=tel or None,
                email=email or None,
                affiliation=affiliation or None,
            )
            if contact not in out:
                out.append(contact)
    return out


def _ethics(record: TrialRecord, fields: Mapping[str, str]) -> list[EthicsReview]:
    columns = [_pieces(fields.get(f"Ethics_review_{part}")) for part in _ETHICS_PARTS]
    out: list[EthicsReview] = []
    for status, date_raw, name, address, phone, email in zip_longest(*columns, fillvalue=""):
        if not any((status, date_raw, name, address, phone, email)):
            continue
        approved = _date(record, "Ethics_review_approval_date", date_raw)
        if approved is not None and approved.year == _PLACEHOLDER_YEAR:
            record.note("Ethics_review_approval_date", date_raw, "placeholder date, not used")
            approved = None
        review = EthicsReview(
            status=status or None,
            approval_date=approved,
            approval_date_raw=date_raw or None,
            contact_name=name or None,
            contact_address=address or None,
            contact_phone=phone or None,
            contact_email=email or None,
        )
        if review not in out:
            out.append(review)
    return out


def _split_semicolons(raw: str | None) -> list[str]:
    """Split on ";" only (line breaks stay inside one item), one line each, deduplicated."""
    found = (clean_line(piece) for piece in (raw or "").split(";"))
    return list(dict.fromkeys(item for item in found if item is not None))  # linear


def _organizations(raw: str | None) -> list[Organization]:
    return [Organization(name) for name in split_multi(raw)]


def _registration(record: TrialRecord, fields: Mapping[str, str]) -> None:
    record.registration_date = _date(record, "Date_registration3", fields.get("Date_registration3"))
    if record.registration_date is None:
        record.registration_date = _date(
            record, "Date_registration", fields.get("Date_registration")
        )
    retro, prosp = fields.get("Retrospective_flag"), fields.get("Prospective_registration")
    if clean_line(prosp):
        assert prosp is not None
        record.prospective_registration = _try(record, "Prospective_registration", prosp, yes_no)
        record.prospective_registration_raw = clean_line(prosp)
    elif clean_line(retro):
        assert retro is not None
        flag = _try(record, "Retrospective_flag", retro, yes_no)
        record.prospective_registration = None if flag is None else not flag
        record.prospective_registration_raw = f"Retrospective_flag: {clean_line(retro)}"


def _eligibility(record: TrialRecord, fields: Mapping[str, str]) -> None:
    eligibility = record.eligibility
    for name, attr in (("Inclusion_agemin", "min_age"), ("Inclusion_agemax", "max_age")):
        age = parse_age(fields.get(name))
        if age is not None and age.value is None and not age.no_limit:
            record.note(name, age.raw, "unreadable age")
        setattr(eligibility, attr, age)
    eligibility.gender = _coded(record, "Inclusion_gender", gender(fields.get("Inclusion_gender")))
    inclusion, exclusion = fields.get("Inclusion_Criteria"), fields.get("Exclusion_Criteria")
    eligibility.inclusion_text = clean(inclusion)
    eligibility.exclusion_text = clean(exclusion)
    eligibility.criteria = split_criteria(
        eligibility.inclusion_text, eligibility.exclusion_text, cleaned=True
    )


def _results(record: TrialRecord, fields: Mapping[str, str]) -> None:
    results = record.results
    available = fields.get("results_yes_no")
    if clean_line(available):
        assert available is not None
        results.available = _try(record, "results_yes_no", available, yes_no)
        results.available_raw = clean_line(available)
    for name, attr in _RESULT_TEXTS.items():
        setattr(results, attr, clean(fields.get(name)))
    for name, attr in _RESULT_DATES.items():
        setattr(results, attr, _date(record, name, fields.get(name)))


def _sizes(record: TrialRecord, fields: Mapping[str, str]) -> None:
    target = sample_size(fields.get("Target_size"))
    status = date_status(fields.get("type_enrollment"))
    if target is not None:
        if target.total is None:
            record.note("Target_size", target.raw, "unreadable sample size")
        if status is not None and status.code is not None:
            target = type(target)(target.raw, target.total, target.parts, status.code)
        record.target_size = target
    if status is not None and status.code is None:
        record.extra["type_enrollment"] = status.raw
    enrolment = sample_size(fields.get("results_actual_enrollment"))
    if enrolment is not None:
        record.enrolment = type(enrolment)(
            enrolment.raw, enrolment.total, enrolment.parts, "actual"
        )


def _extras(record: TrialRecord, fields: Mapping[str, str]) -> None:
    for name in ("Internal_Number", "other_records", "Bridging_flag", "Bridged_type"):
        value = clean(fields.get(name))
        if value is not None:
            record.extra[name] = value
    for name, raw in fields.items():
        if name not in FIELD_MAP:
            value = clean(raw)
            if value is not None:
                record.extra[name] = value


def build(fields: Mapping[str, str], source_format: str, source: str, position: int) -> TrialRecord:
    """Build one record; :class:`RecordError` when it has no trial ID.

    >>> build({"Public_title": "x"}, "ictrp-csv", "f.csv", 3)
    Traceback (most recent call last):
    ...
    kg.parsers.base.RecordError: record has no TrialID
    """
    main_id = clean_line(fields.get("TrialID"))
    if main_id is None:
        raise RecordError("record has no TrialID", field="TrialID")
    export_raw = clean_line(fields.get("Export_date"))
    record = TrialRecord(main_id=main_id, provenance=Provenance(source_format, source, position))
    exported = _date(record, "Export_date", export_raw, day_first=False)
    record.provenance = Provenance(source_format, source, position, exported, export_raw)
    record.register = clean_line(fields.get("Source_Register"))
    record.url = clean_line(fields.get("web_address"))
    record.public_title = clean_line(fields.get("Public_title"))
    record.scientific_title = clean_line(fields.get("Scientific_title"))
    record.acronym = clean_line(fields.get("Acronym"))
    record.last_refreshed = _date(record, "Last_Refreshed_on", fields.get("Last_Refreshed_on"))
    record.first_enrolment = _date(record, "Date_enrollement", fields.get("Date_enrollement"))
    _registration(record, fields)
    sponsor = clean_line(fields.get("Primary_sponsor"))
    record.primary_sponsor = Organization(sponsor) if sponsor else None
    record.secondary_sponsors = _organizations(fields.get("Secondary_Sponsor"))
    funders = split_multi(fields.get("Source_Support"))
    record.funding_sources = [Organization(n) for n in funders if not _NOT_AN_ORGANIZATION.match(n)]
    pointers = [n for n in funders if _NOT_AN_ORGANIZATION.match(n)]
    if pointers:
        record.extra["Source_Support"] = "; ".join(pointers)
    record.recruitment_status = _coded(
        record, "Recruitment_Status", recruitment_status(fields.get("Recruitment_Status"))
    )
    record.study_type = _coded(record, "Study_type", study_type(fields.get("Study_type")))
    record.design = design(fields.get("Study_design"))
    record.phase_raw = clean(fields.get("Phase"))
    record.phases = phases(fields.get("Phase"))
    for phase in record.phases:
        _coded(record, "Phase", phase)
    _sizes(record, fields)
    record.countries = countries(fields.get("Countries"))
    for found in record.countries:
        if found.code is None:
            record.note("Countries", found.raw, "not an ISO 3166 country")
    record.contacts = _contacts(fields)
    _eligibility(record, fields)
    record.conditions, record.condition_codings = split_conditions(
        split_multi(fields.get("Condition"))
    )
    record.interventions = [intervention(i) for i in _split_semicolons(fields.get("Intervention"))]
    record.outcomes = parse_outcomes(fields.get("Primary_outcome"), "primary") + parse_outcomes(
        fields.get("Secondary_outcome"), "secondary"
    )
    record.secondary_ids = [identifier(v) for v in split_multi(fields.get("Secondary_ID"))]
    record.related_records = [r for r in split_multi(fields.get("children"), ";,") if r != main_id]
    record.ethics_reviews = _ethics(record, fields)
    _results(record, fields)
    _extras(record, fields)
    return record
