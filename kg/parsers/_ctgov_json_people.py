"""Who and where in a ClinicalTrials.gov API v2 study: its contacts, officials and sites
(``contactsLocationsModule``), for :mod:`kg.parsers._ctgov_json_build`.

Contacts' e-mails and phones are read here like every other field; they are exported
only on request (``--include-contacts``), a decision of the mapping, not of the parser.
"""

from __future__ import annotations

from kg.model import Contact, Site, TrialRecord
from kg.parsers import _ctgov as ct
from kg.parsers._json import Json
from kg.parsers._json import object_at as _obj
from kg.parsers._json import objects_at as _objs


def _phone(item: Json) -> str | None:
    phone = ct.line(item.get("phone"))
    ext = ct.line(item.get("phoneExt"))
    if phone and ext:
        return f"{phone} ext {ext}"
    return phone


def _person(item: Json, role: str, **more: str | None) -> Contact | None:
    name = ct.line(item.get("name"))
    if name is None:
        return None
    return Contact(
        role=role, name=name, telephone=_phone(item), email=ct.line(item.get("email")), **more
    )


def contacts_locations(record: TrialRecord, module: Json) -> None:
    """Central contacts, overall officials, sites and their contacts; the countries of the sites."""
    for item in _objs(module, "centralContacts"):
        role = ct.line(item.get("role"))
        if found := _person(item, "central", official_role=ct.humanise(role) if role else None):
            record.contacts.append(found)
    for item in _objs(module, "overallOfficials"):
        role = ct.line(item.get("role"))
        found = _person(
            item,
            "official",
            affiliation=ct.line(item.get("affiliation")),
            official_role=ct.humanise(role) if role else None,
        )
        if found:
            record.contacts.append(found)
    for item in _objs(module, "locations"):
        point = _obj(item, "geoPoint")
        site = Site(
            facility=ct.line(item.get("facility")),
            city=ct.line(item.get("city")),
            state=ct.line(item.get("state")),
            postal_code=ct.line(item.get("zip")),
            country=ct.place(item.get("country")),
            status=ct.humanise(status) if (status := ct.line(item.get("status"))) else None,
            latitude=_float(point.get("lat")),
            longitude=_float(point.get("lon")),
        )
        record.sites.append(site)
        for person in _objs(item, "contacts"):
            found = _person(
                person,
                "site",
                affiliation=site.facility,
                city=site.city,
                country=site.country.raw if site.country else None,
                official_role=ct.humanise(r) if (r := ct.line(person.get("role"))) else None,
            )
            if found:
                record.contacts.append(found)
    record.countries = ct.distinct_countries(site.country for site in record.sites)


def _float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
