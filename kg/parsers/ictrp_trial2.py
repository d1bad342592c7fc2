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
from collections.abc import Iterator
from typing import BinaryIO

from kg.limits import LIMITS
from kg.model import Provenance
from kg.parsers._ictrp_trial2_build import Page, build
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


def sniff(head: bytes) -> bool:
    """A Trial2 page names its main ID and register with these labels.

    >>> sniff(b"World Health Organization site\\nRegister: ClinicalTrials.gov\\nMain ID:  NCT1")
    True
    >>> sniff(b"<?xml version='1.0'?><Trials_downloaded_from_ICTRP>")
    False
    """
    text = head.decode("utf-8", errors="replace")
    return "Main ID:" in text and ("Register:" in text or "Last refreshed on:" in text)


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


def _read_page(lines: list[str]) -> Page:
    page = Page()
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
            yield build(
                page, Provenance(source_format=FORMAT, source_file=source, position=position)
            )
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


def _present(page: Page) -> set[str]:
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
