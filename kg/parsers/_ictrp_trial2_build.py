"""Build a :class:`TrialRecord` from one WHO ICTRP Trial2 page read into labels and sections.

:mod:`kg.parsers.ictrp_trial2` splits the text into pages and reads each into a :class:`Page`;
this module normalises its values (dates, codes, countries, criteria, contacts, ethics reviews,
results). An unreadable value is kept in ``extra`` and noted on the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from kg.model import (
    Contact,
    EthicsReview,
    Organization,
    Outcome,
    PartialDate,
    Provenance,
    TrialRecord,
)
from kg.normalize import Unrecognised
from kg.normalize.ages import parse_age
from kg.normalize.coded import design, gender, phases, recruitment_status, study_type, yes_no
from kg.normalize.conditions import split_conditions
from kg.normalize.countries import country
from kg.normalize.criteria import split_criteria
from kg.normalize.dates import parse_date
from kg.normalize.identifiers import identifier
from kg.normalize.interventions import intervention
from kg.normalize.outcomes import parse_outcomes
from kg.normalize.sizes import sample_size
from kg.normalize.text import clean, clean_line

_EXCLUSION_HEADING = re.compile(r"^\s*exclusion criteria\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
# Funding lines that point elsewhere instead of naming an organization.
_NOT_AN_ORGANIZATION = re.compile(r"^(please )?(refer|see)\b", re.IGNORECASE)

T = TypeVar("T")


@dataclass
class Page:
    """The raw content of one page, grouped by label and section."""

    scalars: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)
    contacts: list[dict[str, str]] = field(default_factory=list)
    ethics: list[dict[str, str]] = field(default_factory=list)
    results: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def _optional(
    record: TrialRecord, field_name: str, raw: str | None, fn: Callable[[str], T | None]
) -> T | None:
    """Normalise ``raw``; an unreadable value is kept in ``extra`` and reported."""
    if raw is None or not raw.strip():
        return None
    try:
        return fn(raw)
    except Unrecognised as exc:
        record.extra[field_name] = raw
        record.note(field_name, raw, str(exc))
        return None


def _date(record: TrialRecord, label: str, raw: str | None) -> PartialDate | None:
    return _optional(record, label, raw, parse_date)


def build(page: Page, provenance: Provenance) -> TrialRecord:
    """The record of one page; a page without a main ID raises ``ValueError``."""
    s = page.scalars
    main_id = clean_line(s.get("Main ID"))
    if not main_id:
        raise ValueError("no 'Main ID:' on the page: not a WHO ICTRP trial record")
    record = TrialRecord(main_id=main_id, provenance=provenance)
    record.register = clean_line(s.get("Register"))
    record.url = clean_line(s.get("URL"))
    record.public_title = clean_line(s.get("Public title"))
    record.scientific_title = clean_line(s.get("Scientific title"))
    record.acronym = clean_line(s.get("Acronym"))
    record.last_refreshed = _date(record, "Last refreshed on", s.get("Last refreshed on"))
    record.registration_date = _date(record, "Date of registration", s.get("Date of registration"))
    record.first_enrolment = _date(
        record, "Date of first enrolment", s.get("Date of first enrolment")
    )
    raw_prospective = clean_line(s.get("Prospective Registration"))
    record.prospective_registration_raw = raw_prospective
    record.prospective_registration = yes_no(raw_prospective) if raw_prospective else None
    if raw_prospective and record.prospective_registration is None:
        record.note("Prospective Registration", raw_prospective, "not a yes/no value")
    sponsor = clean_line(s.get("Primary sponsor"))
    record.primary_sponsor = Organization(sponsor) if sponsor else None
    record.target_size = sample_size(clean_line(s.get("Target sample size")))
    record.recruitment_status = recruitment_status(clean_line(s.get("Recruitment status")))
    record.study_type = study_type(clean_line(s.get("Study type")))
    record.design = design(clean_line(s.get("Study design")))
    record.phase_raw = clean(s.get("Phase"))
    record.phases = phases(record.phase_raw)
    elig = record.eligibility
    elig.min_age = parse_age(s.get("Age minimum"))
    elig.max_age = parse_age(s.get("Age maximum"))
    elig.gender = gender(clean_line(s.get("Gender")))

    sections = page.sections
    record.countries = [country(c) for c in _unique(sections.get("countries", []))]
    record.conditions, record.condition_codings = split_conditions(
        _unique(sections.get("conditions", []))
    )
    record.interventions = [intervention(i) for i in _unique(sections.get("interventions", []))]
    record.secondary_ids = [identifier(i) for i in _unique(sections.get("secondary_ids", []))]
    record.secondary_sponsors = [
        Organization(o) for o in _unique(sections.get("secondary_sponsors", []))
    ]
    for funder in _unique(sections.get("funding", [])):
        if _NOT_AN_ORGANIZATION.match(funder):
            record.extra["Source(s) of Monetary Support"] = funder
        else:
            record.funding_sources.append(Organization(funder))
    record.outcomes = _outcomes(sections.get("primary_outcomes", []), "primary") + _outcomes(
        sections.get("secondary_outcomes", []), "secondary"
    )
    _criteria(record, "\n".join(sections.get("criteria", [])))
    record.contacts = [_contact(c) for c in page.contacts if any(v for v in c.values())]
    record.ethics_reviews = [_ethics(record, e) for e in page.ethics if any(e.values())]
    _results(record, page.results)
    for key, value in page.extra.items():
        record.extra[key] = value
    for c in record.countries:
        if c.code is None:
            record.note("Countries of recruitment", c.raw, "not an ISO 3166 country")
    for label, coded in (
        ("Recruitment status", record.recruitment_status),
        ("Study type", record.study_type),
        ("Gender", elig.gender),
        *(("Phase", p) for p in record.phases),
    ):
        if coded is not None and coded.code is None:
            record.note(label, coded.raw, "not in the controlled vocabulary")
    return record


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        text = clean_line(v)
        if text:
            seen.setdefault(text, None)
    return list(seen)


def _outcomes(lines: list[str], kind: str) -> list[Outcome]:
    found: list[Outcome] = []
    for line in _unique(lines):
        for o in parse_outcomes(line, kind) or []:
            found.append(
                Outcome(kind, len(found) + 1, o.measure, o.time_frame, o.description, o.raw)
            )
    return found


def _criteria(record: TrialRecord, block: str) -> None:
    text = clean(block)
    if not text:
        return
    m = _EXCLUSION_HEADING.search(text)
    inclusion, exclusion = (text[: m.start()], text[m.start() :]) if m else (text, None)
    record.eligibility.inclusion_text = clean(inclusion)
    record.eligibility.exclusion_text = clean(exclusion)
    record.eligibility.criteria = split_criteria(
        record.eligibility.inclusion_text, record.eligibility.exclusion_text, cleaned=True
    )


def _none_if_empty(value: str | None) -> str | None:
    return clean_line(value) or None


def _contact(block: dict[str, str]) -> Contact:
    kind = _none_if_empty(block.get("Contact type"))
    return Contact(
        role=kind.casefold() if kind else None,
        name=_none_if_empty(block.get("Name")),
        address=_none_if_empty(block.get("Address")),
        telephone=_none_if_empty(block.get("Telephone")),
        email=_none_if_empty(block.get("Email")),
        affiliation=_none_if_empty(block.get("Affiliation")),
    )


def _ethics(record: TrialRecord, block: dict[str, str]) -> EthicsReview:
    raw_date = _none_if_empty(block.get("Approval date"))
    return EthicsReview(
        status=_none_if_empty(block.get("Status")),
        approval_date=_date(record, "Ethics review/Approval date", raw_date),
        approval_date_raw=raw_date,
        contact_name=_none_if_empty(block.get("Contact name")),
        contact_address=_none_if_empty(block.get("Contact address")),
        contact_phone=_none_if_empty(block.get("Contact telephone")),
        contact_email=_none_if_empty(block.get("Contact email")),
    )


def _results(record: TrialRecord, block: dict[str, str]) -> None:
    r = record.results
    raw = _none_if_empty(block.get("Results available"))
    r.available_raw = raw
    r.available = yes_no(raw) if raw else None
    r.date_posted = _date(record, "Results/Date Posted", _none_if_empty(block.get("Date Posted")))
    r.date_completed = _date(
        record, "Results/Date Completed", _none_if_empty(block.get("Date Completed"))
    )
    r.date_first_publication = _date(
        record,
        "Results/Date of first publication",
        _none_if_empty(block.get("Date of first publication")),
    )
    r.url = _none_if_empty(block.get("URL"))
    r.protocol_url = _none_if_empty(block.get("URL of the protocol"))
    r.summary = clean(block.get("Results summary"))
    r.baseline_characteristics = clean(block.get("Baseline characteristics"))
    r.participant_flow = clean(block.get("Participant flow"))
    r.adverse_events = clean(block.get("Adverse events"))
    r.outcome_measures = clean(block.get("Outcome measures"))
    r.ipd_plan = clean(block.get("IPD sharing plan"))
    r.ipd_description = clean(block.get("IPD sharing description"))
