"""The ICTRP Trial2 text parser on the seed and on page variants other registers print."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

from kg.mapping import MappingOptions, map_record
from kg.model import TrialRecord
from kg.normalize.dates import parse_date
from kg.parsers import ictrp_trial2
from kg.parsers.base import Rejected


def _parse(text: str, name: str = "page.txt") -> list[TrialRecord | Rejected]:
    return list(ictrp_trial2.parse(io.BytesIO(text.encode()), name))


def _one(path: Path) -> TrialRecord:
    [record] = ictrp_trial2.parse(io.BytesIO(path.read_bytes()), path.name)
    assert isinstance(record, TrialRecord)
    return record


def test_seed_fields(seed: Path) -> None:
    r = _one(seed)
    assert r.main_id == "NCT04946669"
    assert r.register == "ClinicalTrials.gov"
    assert r.registration_date is not None and r.registration_date.iso() == "2021-05-17"
    assert r.last_refreshed is not None and r.last_refreshed.iso() == "2021-07-12"
    assert r.first_enrolment is not None and r.first_enrolment.iso() == "2021-02-01"
    assert r.prospective_registration is False
    assert r.target_size is not None and r.target_size.total == 20
    assert r.recruitment_status is not None and r.recruitment_status.code == "recruiting"
    assert [p.code for p in r.phases] == ["early-phase-1"]
    d = r.design
    assert (d.allocation and d.allocation.code, d.intervention_model and d.intervention_model.code,
            d.primary_purpose and d.primary_purpose.code, d.masking and d.masking.code) == (
        "not-applicable", "single-group", "treatment", "none")  # fmt: skip
    assert [c.code for c in r.countries] == ["CN"]
    assert r.conditions == ["Abatacept", "Dermatomyositis"]
    assert [(i.type.code if i.type else None, i.name) for i in r.interventions] == [
        ("drug", "Abatacept")
    ]
    kinds = [(c.kind, c.position) for c in r.eligibility.criteria]
    assert kinds == [("inclusion", i) for i in range(1, 5)] + [
        ("exclusion", i) for i in range(1, 8)
    ]
    assert r.eligibility.criteria[4].text.startswith("Other rheumatoid immune diseases")
    assert r.eligibility.min_age is not None and r.eligibility.min_age.years == Decimal(18)
    assert r.eligibility.max_age is not None and r.eligibility.max_age.no_limit
    assert r.eligibility.gender is not None and r.eligibility.gender.code == "all"
    [primary, secondary] = r.outcomes
    assert (primary.measure, primary.time_frame) == (
        "IMACS score improved", "12 weeks after treat with Abatacept")  # fmt: skip
    assert secondary.kind == "secondary"
    assert [i.value for i in r.secondary_ids] == ["ABA-DM"]
    assert [o.name for o in r.secondary_sponsors] == [
        "National Natural Science Foundation of China"
    ]
    assert r.contacts[0].name == "Wenfeng Tan, PhD, MD"
    assert r.contacts[0].address is None  # "Address: " is empty on the page


def _labels_and_values(text: str) -> list[tuple[str, str]]:
    """Every "Label: value" and every section line of the seed, before the footer."""
    body = text.split("Disclaimer:")[0]
    found: list[tuple[str, str]] = []
    for line in body.splitlines():
        line = line.strip()
        m = re.match(r"^([A-Z][A-Za-z ()&]+?):\s*(.*)$", line)
        if m and not line.startswith("Note:"):
            found.append((m.group(1), m.group(2).strip()))
        elif line:
            found.append(("", line))
    return found


def test_every_seed_value_reaches_the_graph(seed: Path) -> None:
    """Zero loss: each label's value (or its normalised form) is a value in the graph."""
    record = _one(seed)
    triples = map_record(record, MappingOptions(include_contacts=True))
    literals = {t.object.value for t in triples}
    blob = "\n".join(literals)
    chrome = {"World Health Organization site", "Skip Navigation Links", "Main"}
    headings = set(ictrp_trial2.SECTIONS) | {"health condition(s) or problem(s) studied"}
    missing = []
    for label, value in _labels_and_values(seed.read_text()):
        if (
            not value
            or value in chrome
            or value.casefold() in headings
            or value.startswith("Note:")
        ):
            continue
        if label in ("Inclusion Criteria", "Exclusion Criteria"):
            continue  # block headings, kept in the criteria text
        candidates = {value}
        try:
            d = parse_date(value)
            if d is not None:
                candidates.add(d.iso())
        except ValueError:
            pass
        if value in ("No", "Yes"):
            candidates.add("false" if value == "No" else "true")
        if value == "N/A":
            candidates.add("true")  # explicit "no limit"
        if not any(c in literals or c in blob for c in candidates):
            missing.append((label, value))
    assert missing == []


def test_contacts_are_personal_data(seed: Path) -> None:
    record = _one(seed)
    without = {t.object.value for t in map_record(record)}
    with_contacts = {
        t.object.value for t in map_record(record, MappingOptions(include_contacts=True))
    }
    assert "redacted@example.org" not in without
    assert "000 00000000000" not in without
    assert "Wenfeng Tan, PhD, MD" in without  # names stay
    assert {"redacted@example.org", "000 00000000000"} <= with_contacts


PAGE = """World Health Organization site
Note: This record shows only 24 elements of the WHO Trial Registration Data Set.
Register: CTRI
Main ID:  CTRI/2021/05/033585
Public title:   A   padded   title
Acronym: PADDED
Date of registration: 20-05-2021
Contacts
Contact type: Scientific
Name:     A. Scientist
Email: a@example.org
Contact type: Public
Name: B. Public
Health Condition(s)
or Problem(s) studied
Condition one
Condition one
Intervention(s)
Secondary ID(s)
Ethics review
Status: Approved
Approval date: 01/04/2021
Results
Results available: Yes
URL: https://example.org/results
Unknown label: kept verbatim
Disclaimer: footer text
Copyright - World Health Organization
"""


def test_page_variants_from_other_registers() -> None:
    [r] = _parse(PAGE)
    assert isinstance(r, TrialRecord)
    assert r.main_id == "CTRI/2021/05/033585"
    assert r.public_title == "A padded title"
    assert r.acronym == "PADDED"
    assert r.registration_date is not None and r.registration_date.iso() == "2021-05-20"
    assert [(c.role, c.name, c.email) for c in r.contacts] == [
        ("scientific", "A. Scientist", "a@example.org"),
        ("public", "B. Public", None),
    ]
    assert r.conditions == ["Condition one"]  # heading split over two lines, duplicate dropped
    assert r.interventions == [] and r.secondary_ids == []  # headings with no values
    assert r.ethics_reviews[0].status == "Approved"
    assert r.results.available is True and r.results.url == "https://example.org/results"
    assert r.extra == {"Unknown label": "kept verbatim"}


def test_two_pages_in_one_file_and_a_page_without_id() -> None:
    other = PAGE.replace("CTRI/2021/05/033585", "CTRI/2021/05/000001")
    results = _parse(
        PAGE + other + "World Health Organization site\nRegister: X\nPublic title: t\n"
    )
    ids = [r.main_id for r in results if isinstance(r, TrialRecord)]
    assert ids == ["CTRI/2021/05/033585", "CTRI/2021/05/000001"]
    [bad] = [r for r in results if isinstance(r, Rejected)]
    assert bad.position == 3 and bad.field == "Main ID" and "not a WHO ICTRP" in bad.reason


def test_not_a_trial_page() -> None:
    [bad] = _parse("Hello world\nThis is not a record\n")
    assert isinstance(bad, Rejected) and bad.source_file == "page.txt"
