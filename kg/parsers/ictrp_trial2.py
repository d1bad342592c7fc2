"""WHO ICTRP "Trial2" record page, saved as text (the seed format).

The page is line-oriented: ``Label: value`` lines for single values, and
section headings ("Countries of recruitment", "Contacts", ...) followed by one
value per line. Page chrome before the record and the footer from
"Disclaimer:" on are skipped. A file may hold several pages one after another.
Labels this parser does not know are kept verbatim in ``TrialRecord.extra``.
``FIELD_MAP`` and :func:`present_fields` serve the coverage audit.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TypeVar

from kg.limits import LIMITS
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
from kg.parsers.base import ParseResult, Rejected

FORMAT = "ictrp-trial2"
DESCRIPTION = "WHO ICTRP Trial2 record page saved as text"

# Scalar "Label: value" fields of the record header, criteria footer and
# the Contacts / Ethics review / Results blocks.
SCALARS = (
    "Register",
    "Last refreshed on",
    "Main ID",
    "Date of registration",
    "Prospective Registration",
    "Primary sponsor",
    "Public title",
    "Scientific title",
    "Acronym",
    "Date of first enrolment",
    "Target sample size",
    "Recruitment status",
    "URL",
    "Study type",
    "Study design",
    "Phase",
    "Age minimum",
    "Age maximum",
    "Gender",
)
CONTACT_LABELS = ("Contact type", "Name", "Address", "Telephone", "Email", "Affiliation")
ETHICS_LABELS = (
    "Status",
    "Approval date",
    "Contact name",
    "Contact address",
    "Contact telephone",
    "Contact email",
)
RESULTS_LABELS = (
    "Results available",
    "Date Posted",
    "Date Completed",
    "URL",
    "URL of the protocol",
    "Date of first publication",
    "Results summary",
    "Baseline characteristics",
    "Participant flow",
    "Adverse events",
    "Outcome measures",
    "IPD sharing plan",
    "IPD sharing description",
)
# Section headings, as printed (case-insensitive), and the key each stands for.
SECTIONS = {
    "countries of recruitment": "countries",
    "contacts": "contacts",
    "key inclusion & exclusion criteria": "criteria",
    "key inclusion &amp; exclusion criteria": "criteria",
    "health condition(s) or problem(s) studied": "conditions",
    "health condition(s)": "conditions",
    "intervention(s)": "interventions",
    "primary outcome(s)": "primary_outcomes",
    "secondary outcome(s)": "secondary_outcomes",
    "secondary id(s)": "secondary_ids",
    "source(s) of monetary support": "funding",
    "secondary sponsor(s)": "secondary_sponsors",
    "ethics review": "ethics",
    "results": "results",
}
# Source field paths for the coverage audit: a scalar's label, a list section's
# heading (as printed), "Block/Label" inside the Contacts, Ethics review and
# Results blocks. Text this parser does not recognise is kept verbatim in
# ``extra`` under its label, or under UNLABELLED when it has none.
SECTION_FIELDS = {
    "countries": "Countries of recruitment",
    "criteria": "Key inclusion & exclusion criteria",
    "conditions": "Health Condition(s) or Problem(s) studied",
    "interventions": "Intervention(s)",
    "primary_outcomes": "Primary Outcome(s)",
    "secondary_outcomes": "Secondary Outcome(s)",
    "secondary_ids": "Secondary ID(s)",
    "funding": "Source(s) of Monetary Support",
    "secondary_sponsors": "Secondary Sponsor(s)",
}
UNLABELLED = "(unlabelled line)"
FIELD_MAP: dict[str, str] = {
    "Register": "register",
    "Last refreshed on": "last_refreshed",
    "Main ID": "main_id",
    "Date of registration": "registration_date",
    "Prospective Registration": "prospective_registration",
    "Primary sponsor": "primary_sponsor",
    "Public title": "public_title",
    "Scientific title": "scientific_title",
    "Acronym": "acronym",
    "Date of first enrolment": "first_enrolment",
    "Target sample size": "target_size",
    "Recruitment status": "recruitment_status",
    "URL": "url",
    "Study type": "study_type",
    "Study design": "design",
    "Phase": "phases",
    "Age minimum": "eligibility.min_age",
    "Age maximum": "eligibility.max_age",
    "Gender": "eligibility.gender",
    "Countries of recruitment": "countries",
    "Key inclusion & exclusion criteria": "eligibility.criteria",
    "Health Condition(s) or Problem(s) studied": "conditions",
    "Intervention(s)": "interventions",
    "Primary Outcome(s)": "outcomes",
    "Secondary Outcome(s)": "outcomes",
    "Secondary ID(s)": "secondary_ids",
    "Source(s) of Monetary Support": "funding_sources",
    "Secondary Sponsor(s)": "secondary_sponsors",
    "Contacts/Contact type": "contacts.role",
    "Contacts/Name": "contacts.name",
    "Contacts/Address": "contacts.address",
    "Contacts/Telephone": "contacts.telephone",
    "Contacts/Email": "contacts.email",
    "Contacts/Affiliation": "contacts.affiliation",
    "Ethics review/Status": "ethics_reviews.status",
    "Ethics review/Approval date": "ethics_reviews.approval_date",
    "Ethics review/Contact name": "ethics_reviews.contact_name",
    "Ethics review/Contact address": "ethics_reviews.contact_address",
    "Ethics review/Contact telephone": "ethics_reviews.contact_phone",
    "Ethics review/Contact email": "ethics_reviews.contact_email",
    "Results/Results available": "results.available",
    "Results/Date Posted": "results.date_posted",
    "Results/Date Completed": "results.date_completed",
    "Results/URL": "results.url",
    "Results/URL of the protocol": "results.protocol_url",
    "Results/Date of first publication": "results.date_first_publication",
    "Results/Results summary": "results.summary",
    "Results/Baseline characteristics": "results.baseline_characteristics",
    "Results/Participant flow": "results.participant_flow",
    "Results/Adverse events": "results.adverse_events",
    "Results/Outcome measures": "results.outcome_measures",
    "Results/IPD sharing plan": "results.ipd_plan",
    "Results/IPD sharing description": "results.ipd_description",
}
# Fields deliberately not mapped, with the reason (none: unknown text goes to extra).
IGNORED: dict[str, str] = {}
_CHROME = {"world health organization site", "skip navigation links", "main"}
_LINE_KEY = re.compile(r"line \d+")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9 ()&'/-]{0,60}?):(?:\s+(.*)|)$")
_NOTE = re.compile(r"^Note: This record shows only \d+ elements", re.IGNORECASE)
_EXCLUSION_HEADING = re.compile(r"^\s*exclusion criteria\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
# Funding lines that point elsewhere instead of naming an organization.
_NOT_AN_ORGANIZATION = re.compile(r"^(please )?(refer|see)\b", re.IGNORECASE)

T = TypeVar("T")


def sniff(head: bytes) -> bool:
    """A Trial2 page names its main ID and register with these labels.

    >>> sniff(b"World Health Organization site\\nRegister: ClinicalTrials.gov\\nMain ID:  NCT1")
    True
    >>> sniff(b"<?xml version='1.0'?><Trials_downloaded_from_ICTRP>")
    False
    """
    text = head.decode("utf-8", errors="replace")
    return "Main ID:" in text and ("Register:" in text or "Last refreshed on:" in text)


@dataclass
class _Page:
    """The raw content of one page, grouped by label and section."""

    scalars: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)
    contacts: list[dict[str, str]] = field(default_factory=list)
    ethics: list[dict[str, str]] = field(default_factory=list)
    results: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def _split_pages(lines: list[str]) -> list[list[str]]:
    """Pages start with the site banner or, without it, with "Register:"."""
    pages: list[list[str]] = []
    current: list[str] = []
    seen_main_id = False
    for line in lines:
        stripped = line.strip()
        starts = stripped.casefold() == "world health organization site" or (
            stripped.startswith("Register:") and seen_main_id
        )
        if starts and seen_main_id:
            pages.append(current)
            current, seen_main_id = [], False
        if stripped.startswith("Main ID:"):
            seen_main_id = True
        current.append(line)
    if current:
        pages.append(current)
    return pages


def _label(line: str) -> tuple[str, str] | None:
    m = _LABEL.match(line.strip())
    if not m:
        return None
    return m.group(1).strip(), (m.group(2) or "").strip()


def _read_page(lines: list[str]) -> _Page:
    page = _Page()
    section: str | None = None
    criteria: list[str] = []
    pending_heading = False  # "Health Condition(s)" / "or Problem(s) studied" split
    for line in lines:
        stripped = line.strip()
        low = stripped.casefold()
        if low.startswith("disclaimer:"):
            break
        if section is None and (low in _CHROME or _NOTE.match(stripped)):
            continue
        if pending_heading and low == "or problem(s) studied":
            pending_heading = False
            continue
        pending_heading = False
        if low in SECTIONS:
            section = SECTIONS[low]
            pending_heading = low == "health condition(s)"
            page.sections.setdefault(section, [])
            continue
        if section == "criteria":
            lab = _label(stripped)
            if lab and lab[0] in ("Age minimum", "Age maximum", "Gender"):
                section = None
            else:
                criteria.append(line.rstrip())
                continue
        lab = _label(stripped)
        if section == "contacts" and lab and lab[0] in CONTACT_LABELS:
            key, value = lab
            starts_new = (
                not page.contacts
                or key == "Contact type"
                or (key == "Name" and "Name" in page.contacts[-1])
            )
            if starts_new and not (
                key == "Name" and page.contacts and set(page.contacts[-1]) == {"Contact type"}
            ):
                page.contacts.append({})
            page.contacts[-1][key] = value
            continue
        if section == "ethics" and lab and lab[0] in ETHICS_LABELS:
            key, value = lab
            if not page.ethics or key in page.ethics[-1]:
                page.ethics.append({})
            page.ethics[-1][key] = value
            continue
        if section == "results" and lab and lab[0] in RESULTS_LABELS:
            page.results[lab[0]] = lab[1]
            continue
        if lab and lab[0] in SCALARS and (section is None or section != "results"):
            page.scalars[lab[0]] = lab[1]
            section = None
            continue
        if section is not None and section not in ("contacts", "ethics", "results"):
            if stripped:
                page.sections[section].append(stripped)
            continue
        if stripped:
            # Something this parser does not know: keep it verbatim.
            key, value = lab if lab else (f"line {len(page.extra) + 1}", stripped)
            page.extra[key] = value
    page.sections["criteria"] = criteria
    return page


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


def _build(page: _Page, source: str, position: int) -> TrialRecord:
    s = page.scalars
    main_id = clean_line(s.get("Main ID"))
    if not main_id:
        raise ValueError("no 'Main ID:' on the page: not a WHO ICTRP trial record")
    record = TrialRecord(
        main_id=main_id,
        provenance=Provenance(source_format=FORMAT, source_file=source, position=position),
    )
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


def parse(stream: BinaryIO, source: str) -> Iterator[ParseResult]:
    """Parse every page in a Trial2 text file (read whole: at most ``--max-record-size``;
    a page with a line over ``--max-field-size`` is a reject)."""
    data = stream.read(LIMITS.record_bytes + 1)
    if len(data) > LIMITS.record_bytes:
        reason = f"file over {LIMITS.record_bytes} bytes (--max-record-size); not read"
        yield Rejected(source, 1, reason, format=FORMAT)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Rejected(source, 1, f"not UTF-8 text: {exc}", format=FORMAT)
        return
    lines = io.StringIO(text).read().splitlines()
    for position, page_lines in enumerate(_split_pages(lines), start=1):
        if any(len(line) > LIMITS.field_bytes for line in page_lines):
            reason = f"a line over {LIMITS.field_bytes} bytes (--max-field-size)"
            yield Rejected(source, position, reason, format=FORMAT)
            continue
        page = _read_page(page_lines)
        try:
            yield _build(page, source, position)
        except ValueError as exc:
            yield Rejected(
                source,
                position,
                str(exc),
                record_id=page.scalars.get("Main ID"),
                field="Main ID",
                format=FORMAT,
            )


def present_fields(stream: BinaryIO, source: str) -> Iterator[set[str]]:
    """The non-empty source fields of each page (for the coverage audit).

    >>> page = b"Main ID: NCT1\\nAcronym:\\nContacts\\nName: A Lee\\nEmail:\\nColour: blue\\n"
    >>> sorted(next(present_fields(io.BytesIO(page), "p.txt")))
    ['Colour', 'Contacts/Name', 'Main ID']
    """
    try:
        text = stream.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    for page_lines in _split_pages(text.splitlines()):
        yield _present(_read_page(page_lines))


def _present(page: _Page) -> set[str]:
    found = {label for label, value in page.scalars.items() if value.strip()}
    for key, lines in page.sections.items():
        if key in SECTION_FIELDS and any(line.strip() for line in lines):
            found.add(SECTION_FIELDS[key])
    for block, items in (("Contacts", page.contacts), ("Ethics review", page.ethics)):
        for item in items:
            found.update(f"{block}/{label}" for label, value in item.items() if value.strip())
    found.update(f"Results/{label}" for label, value in page.results.items() if value.strip())
    found.update(UNLABELLED if _LINE_KEY.fullmatch(key) else key for key in page.extra)
    return found


__all__ = ["DESCRIPTION", "FIELD_MAP", "FORMAT", "IGNORED", "parse", "present_fields", "sniff"]
