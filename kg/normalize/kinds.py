"""Closed kinds the model keeps as text: agency class, contact role, arm type...

The model keeps these values as the source gave them (``Organization.agency_class``,
``Contact.role``, ``Arm.type``, ``Site.status``, ``EthicsReview.status``,
``Reference.type``); the mapping turns them into concepts of our SKOS schemes
with :func:`lookup`. Each scheme is an Enum (its values are the concept codes
that IRIs are minted from); a value that matches no concept comes back as
``Coded(raw, None)``, so the mapping writes it as text beside, never drops it.

>>> lookup("agency-class", "OTHER_GOV")
Coded(raw='OTHER_GOV', code='other-gov')
>>> lookup("arm-type", "Placebo Comparator").code, lookup("reference-type", "derived").code
('placebo-comparator', 'derived')
>>> lookup("review-status", "Approval;Approval").code, lookup("review-status", "maybe")
('approved', Coded(raw='maybe', code=None))
>>> lookup("recruitment-status", "Active, not recruiting").code
'active-not-recruiting'
"""

from __future__ import annotations

from enum import StrEnum

from kg.model import Coded
from kg.normalize import coded
from kg.normalize.coded import spelling_key as _key
from kg.normalize.text import clean_line


class AgencyClass(StrEnum):
    """ClinicalTrials.gov's classes of sponsor and collaborator organisations."""

    NIH = "nih"
    FED = "fed"
    OTHER_GOV = "other-gov"
    INDIVIDUAL = "individual"
    INDUSTRY = "industry"
    NETWORK = "network"
    AMBIGUOUS = "ambiguous"
    OTHER = "other"
    UNKNOWN = "unknown"


class ContactRole(StrEnum):
    """Why a person is named on a record."""

    PUBLIC = "public"
    SCIENTIFIC = "scientific"
    CENTRAL = "central"
    OFFICIAL = "official"
    SITE = "site"
    RESPONSIBLE = "responsible"


class ArmType(StrEnum):
    EXPERIMENTAL = "experimental"
    ACTIVE_COMPARATOR = "active-comparator"
    PLACEBO_COMPARATOR = "placebo-comparator"
    SHAM_COMPARATOR = "sham-comparator"
    NO_INTERVENTION = "no-intervention"
    OTHER = "other"


class ReviewStatus(StrEnum):
    """Where an ethics committee's review of a trial stands."""

    APPROVED = "approved"
    SUBMITTED = "submitted"
    NOT_APPROVED = "not-approved"
    NOT_REQUIRED = "not-required"


class ReferenceType(StrEnum):
    BACKGROUND = "background"
    RESULT = "result"
    DERIVED = "derived"


class SampleSizeKind(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"


class Publisher(StrEnum):
    """The organisations whose records trialkg reads."""

    WHO_ICTRP = "who-ictrp"
    CLINICALTRIALS_GOV = "clinicaltrials-gov"


class CodingSystem(StrEnum):
    """Terminologies registers code conditions with (IRIs in kg.namespaces.coding_system)."""

    MESH = "mesh"
    MEDDRA = "meddra"
    ICD10 = "icd10"
    ATC = "atc"
    EMA_THERAPEUTIC_AREA = "ema-therapeutic-area"


# scheme -> (Enum, code -> English preferred label)
KINDS: dict[str, tuple[type[StrEnum], dict[str, str]]] = {
    "agency-class": (
        AgencyClass,
        {
            "nih": "NIH",
            "fed": "U.S. federal government",
            "other-gov": "Other government",
            "individual": "Individual",
            "industry": "Industry",
            "network": "Network",
            "ambiguous": "Ambiguous",
            "other": "Other",
            "unknown": "Unknown",
        },
    ),
    "contact-role": (
        ContactRole,
        {
            "public": "Public contact",
            "scientific": "Scientific contact",
            "central": "Central contact",
            "official": "Overall official",
            "site": "Site contact",
            "responsible": "Responsible party",
        },
    ),
    "arm-type": (
        ArmType,
        {
            "experimental": "Experimental",
            "active-comparator": "Active comparator",
            "placebo-comparator": "Placebo comparator",
            "sham-comparator": "Sham comparator",
            "no-intervention": "No intervention",
            "other": "Other arm type",
        },
    ),
    "review-status": (
        ReviewStatus,
        {
            "approved": "Approved",
            "submitted": "Submitted",
            "not-approved": "Not approved",
            "not-required": "Not required",
        },
    ),
    "reference-type": (
        ReferenceType,
        {"background": "Background", "result": "Result", "derived": "Derived"},
    ),
    "sample-size-kind": (SampleSizeKind, {"target": "Target", "actual": "Actual"}),
    "publisher": (
        Publisher,
        {"who-ictrp": "WHO ICTRP", "clinicaltrials-gov": "ClinicalTrials.gov"},
    ),
    "coding-system": (
        CodingSystem,
        {
            "mesh": "MeSH",
            "meddra": "MedDRA",
            "icd10": "ICD-10",
            "atc": "ATC",
            "ema-therapeutic-area": "EMA therapeutic area",
        },
    ),
}

# The model field each scheme codes (``Class.field`` -> scheme): kg.emitted reads a value's
# code here; kg.mapping passes the same scheme to ``kind(...)`` for that field.
FIELD_SCHEMES: dict[str, str] = {
    "Organization.agency_class": "agency-class",
    "Contact.role": "contact-role",
    "Coding.system": "coding-system",
    "Arm.type": "arm-type",
    "Site.status": "recruitment-status",  # kg.normalize.coded's scheme
    "EthicsReview.status": "review-status",
    "Reference.type": "reference-type",
}

# Other spellings registers use (lookup form: see kg.normalize.coded._key).
_SPELLINGS: dict[str, dict[str, str]] = {
    "agency-class": {"indiv": "individual", "ambig": "ambiguous", "u s fed": "fed"},
    "review-status": {
        "approval": "approved",
        "yes": "approved",
        "authorized": "approved",
        "authorised": "approved",
        "submitted approval": "submitted",
        "pending": "submitted",
        "not approved": "not-approved",
        "notapproved": "not-approved",
        "rejected": "not-approved",
        "no": "not-approved",
        "not required": "not-required",
        "exempt": "not-required",
    },
    "coding-system": {"mesh": "mesh", "icd 10": "icd10"},
}

SCHEMES: dict[str, dict[str, str]] = {scheme: dict(labels) for scheme, (_, labels) in KINDS.items()}


def _tables() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for scheme, (enum, labels) in KINDS.items():
        if {e.value for e in enum} != set(labels):  # pragma: no cover - guarded by a test
            raise AssertionError(f"{scheme}: Enum and labels differ")
        table = {_key(code): code for code in labels}
        table.update({_key(label): code for code, label in labels.items()})
        table.update({_key(e.name): e.value for e in enum})
        table.update(_SPELLINGS.get(scheme, {}))
        tables[scheme] = table
    return tables


_TABLES = _tables()


def lookup(scheme: str, raw: str | None) -> Coded | None:
    """A kind by its spelling; repeated values ("Approved;Approved") count once.

    Schemes of :mod:`kg.normalize.coded` (a site's status is a recruitment status)
    are looked up there.

    >>> lookup("contact-role", "Site"), lookup("contact-role", None)
    (Coded(raw='Site', code='site'), None)
    """
    if scheme not in _TABLES:
        return coded.lookup(scheme, raw)
    text = clean_line(raw)
    if text is None:
        return None
    table = _TABLES[scheme]
    codes = {table.get(_key(part)) for part in text.split(";") if part.strip()}
    return Coded(text, codes.pop() if len(codes) == 1 else None)


__all__ = [
    "FIELD_SCHEMES",
    "KINDS",
    "SCHEMES",
    "AgencyClass",
    "ArmType",
    "CodingSystem",
    "ContactRole",
    "Publisher",
    "ReferenceType",
    "ReviewStatus",
    "SampleSizeKind",
    "lookup",
]
