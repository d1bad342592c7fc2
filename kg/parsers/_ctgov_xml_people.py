"""Who and where in a legacy ClinicalTrials.gov study: officials, contacts, sites and
countries, for :mod:`kg.parsers._ctgov_xml_build`.

Contacts' e-mails and phones are read here like every other field; they are exported
only on request (``--include-contacts``), a decision of the mapping, not of the parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element

from kg.model import Contact, Site, TrialRecord
from kg.parsers import _ctgov as ct
from kg.parsers._ctgov_xml_text import text as _text
from kg.parsers._ctgov_xml_text import texts as _texts


def _person(element: Element, role: str, **more: str | None) -> Contact | None:
    """A legacy ``investigator_struct``/``contact_struct`` (full name often in last_name)."""
    first, middle, last = (_text(element, k) for k in ("first_name", "middle_name", "last_name"))
    name = " ".join(part for part in (first, middle, last) if part)
    if not name:
        return None
    phone, ext = _text(element, "phone"), _text(element, "phone_ext")
    return Contact(
        role=role,
        name=name,
        given_name=first,
        family_name=last if first else None,
        degrees=_text(element, "degrees"),
        telephone=f"{phone} ext {ext}" if phone and ext else phone,
        email=_text(element, "email"),
        **more,
    )


def _add(record: TrialRecord, contacts: Iterable[Contact | None]) -> None:
    record.contacts.extend(c for c in contacts if c is not None)


def people(record: TrialRecord, study: Element) -> None:
    """Overall officials and central contacts."""
    _add(
        record,
        (
            _person(
                e, "official", affiliation=_text(e, "affiliation"), official_role=_text(e, "role")
            )
            for e in study.findall("overall_official")
        ),
    )
    _add(
        record,
        (
            _person(e, "central")
            for tag in ("overall_contact", "overall_contact_backup")
            for e in study.findall(tag)
        ),
    )


def locations(record: TrialRecord, study: Element) -> None:
    """Sites with their contacts and investigators; the countries (listed, else the sites')."""
    for location in study.findall("location"):
        facility = location.find("facility")
        address = facility.find("address") if facility is not None else None
        site = Site(
            facility=_text(facility, "name"),
            city=_text(address, "city"),
            state=_text(address, "state"),
            postal_code=_text(address, "zip"),
            country=ct.place(_text(address, "country")),
            status=_text(location, "status"),
        )
        record.sites.append(site)
        where = {
            "affiliation": site.facility,
            "city": site.city,
            "country": site.country.raw if site.country else None,
        }
        _add(
            record,
            (
                _person(e, "site", **where)
                for tag in ("contact", "contact_backup")
                for e in location.findall(tag)
            ),
        )
        _add(
            record,
            (
                _person(e, "site", official_role=_text(e, "role"), **where)
                for e in location.findall("investigator")
            ),
        )
    listed = [ct.place(c) for c in _texts(study, "location_countries/country")]
    record.countries = ct.distinct_countries(listed or [site.country for site in record.sites])
    ct.put_extra(record, "removed_countries", _texts(study, "removed_countries/country"))
