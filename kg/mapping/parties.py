"""The parties of a trial: countries, organisations, contacts, sites and ethics reviews."""

from __future__ import annotations

from decimal import Decimal

import pycountry
from pyoxigraph import Literal

from kg.mapping.builder import Builder
from kg.mapping.terms import _dec, _iri, _s
from kg.namespaces import RDF, RDFS, SCHEMA, SKOS, TKG


def countries(b: Builder) -> None:
    seen: set[str] = set()
    for c in b.r.countries:
        key = c.code or c.raw
        if key in seen:
            continue
        seen.add(key)
        n = country_node(b, c.raw, c.code)
        b.add(b.trial, TKG.country, n)


def country_node(b: Builder, raw: str, code: str | None) -> str:
    n = _iri(b.m.country(code or raw))
    b.add(n, RDF.type, TKG.Country)
    if code:
        name = _country_name(code)
        if name:  # the code and English name: once in a store (kg.mapping.countries)
            b.add_shared(n, TKG.countryCode, _s(code))
            b.add_shared(n, SKOS.prefLabel, Literal(name, language="en"))
        else:
            b.add(n, TKG.countryCode, _s(code))
        if raw and raw != name and raw != code:  # a reported name: the trial's own
            b.add(n, SKOS.altLabel, _s(raw))
    else:
        b.add(n, RDFS.label, _s(raw))
    return n


def organizations(b: Builder) -> None:
    r, t = b.r, b.trial
    groups = (
        (TKG.primarySponsor, [r.primary_sponsor] if r.primary_sponsor else []),
        (TKG.secondarySponsor, r.secondary_sponsors),
        (TKG.fundingSource, r.funding_sources),
    )
    for p, orgs in groups:
        for org in orgs:
            n = _iri(b.m.organization(org.name))
            b.add(t, p, n)
            b.add(n, RDF.type, SCHEMA.Organization)
            b.add(n, SCHEMA.name, _s(org.name))
            b.tokens(n, TKG.organizationToken, org.name)
            b.kind(n, TKG.agencyClass, "Organization.agency_class", org.agency_class,
                      TKG.agencyClassText)  # fmt: skip


def contacts(b: Builder) -> None:
    for i, c in enumerate(b.r.contacts, start=1):
        n = b.child(TKG.contact, TKG.Contact, "contact", i)
        b.kind(n, TKG.contactRole, "Contact.role", c.role,
                  TKG.contactRoleText)  # fmt: skip
        b.text(n, SCHEMA.name, c.name)
        b.text(n, SCHEMA.givenName, c.given_name)
        b.text(n, SCHEMA.familyName, c.family_name)
        b.text(n, TKG.degrees, c.degrees)
        b.text(n, TKG.officialRole, c.official_role)
        b.text(n, TKG.affiliation, c.affiliation)
        b.text(n, TKG.city, c.city)
        b.text(n, TKG.countryName, c.country)
        if b.o.include_contacts:
            b.text(n, SCHEMA.address, c.address)
            b.text(n, SCHEMA.telephone, c.telephone)
            b.text(n, SCHEMA.email, c.email)


def sites(b: Builder) -> None:
    for i, s in enumerate(b.r.sites, start=1):
        n = b.child(TKG.site, TKG.Site, "site", i)
        b.text(n, SCHEMA.name, s.facility)
        b.text(n, TKG.city, s.city)
        b.text(n, TKG.region, s.state)
        b.text(n, TKG.postalCode, s.postal_code)
        b.kind(n, TKG.siteStatus, "Site.status", s.status,
                  TKG.siteStatusText)  # fmt: skip
        if s.country is not None:
            b.add(n, TKG.country, country_node(b, s.country.raw, s.country.code))
        if s.latitude is not None and s.longitude is not None:
            b.add(n, SCHEMA.latitude, _dec(Decimal(str(s.latitude))))
            b.add(n, SCHEMA.longitude, _dec(Decimal(str(s.longitude))))


def ethics(b: Builder) -> None:
    for i, e in enumerate(b.r.ethics_reviews, start=1):
        n = b.child(TKG.ethicsReview, TKG.EthicsReview, "ethics-review", i)
        b.kind(n, TKG.reviewStatus, "EthicsReview.status", e.status,
                  TKG.reviewStatusText)  # fmt: skip
        b.date(n, TKG.approvalDate, e.approval_date)
        if e.approval_date is None:  # unreadable or a placeholder: kept verbatim
            b.text(n, TKG.unparsedDate, e.approval_date_raw)
        b.text(n, SCHEMA.name, e.contact_name)
        if b.o.include_contacts:  # an address, or at times a person's name: contact data
            b.text(n, SCHEMA.address, e.contact_address)
            b.text(n, SCHEMA.telephone, e.contact_phone)
            b.text(n, SCHEMA.email, e.contact_email)


def _country_name(code: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code)
    return str(found.name) if found is not None else None
