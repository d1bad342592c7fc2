"""The typed record model: the one shape every parser yields.

Every parser (ICTRP Trial2 text, ICTRP XML/CSV, ClinicalTrials.gov JSON/XML)
turns its input into :class:`TrialRecord` objects. Everything downstream
(mapping, validation, linking, loading) sees only this model.

Normalised values sit beside the raw string they came from wherever the
normalisation can lose information (``Coded.raw``, ``PartialDate.raw``,
``Age.raw``, ``SampleSize.raw``...). A value that could not be normalised
keeps its raw string and a ``None`` code, and the parser notes it in
``TrialRecord.notes`` so that it is reported, never dropped.

>>> d = PartialDate(2021, 2, None, raw="February 2021")
>>> d.precision, d.iso()
(<Precision.MONTH: 'month'>, '2021-02')
>>> Age(raw="6 Months", value=Decimal(6), unit="mo").years
Decimal('0.5')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date the source gave."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to day, month or year precision.

    ``status`` is ``"actual"`` or ``"anticipated"`` where the source says so
    (ClinicalTrials.gov start/completion dates), else ``None``.
    """

    year: int
    month: int | None = None
    day: int | None = None
    raw: str = ""
    status: str | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """ISO 8601 lexical form at the date's own precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


# UCUM codes for the age units that registries use, and their length in years.
AGE_UNIT_YEARS: dict[str, Decimal] = {
    "a": Decimal(1),
    "mo": Decimal(1) / Decimal(12),
    "wk": Decimal(7) / Decimal("365.25"),
    "d": Decimal(1) / Decimal("365.25"),
    "h": Decimal(1) / (Decimal("365.25") * 24),
    "min": Decimal(1) / (Decimal("365.25") * 24 * 60),
}


@dataclass(frozen=True, slots=True)
class Age:
    """An age limit: a quantity with a UCUM unit, or an explicit "no limit".

    ``value``/``unit`` are ``None`` when the source gave no usable number; then
    ``no_limit`` tells an explicit "no limit" (N/A, None, no limit...) from an
    unreadable value (kept in ``raw`` and reported).
    """

    raw: str
    value: Decimal | None = None
    unit: str | None = None
    no_limit: bool = False

    @property
    def years(self) -> Decimal | None:
        """The age in years (rounded to 4 decimals), comparable across units."""
        if self.value is None or self.unit is None:
            return None
        return (self.value * AGE_UNIT_YEARS[self.unit]).quantize(Decimal("0.0001")).normalize()


@dataclass(frozen=True, slots=True)
class Coded:
    """A controlled value: the concept code in our SKOS scheme, and the raw text.

    ``code`` is ``None`` when the raw text matched no concept (reported).
    """

    raw: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Identifier:
    """A registry or sponsor identifier of the trial (secondary IDs, org IDs)."""

    value: str
    scheme: str | None = None  # bioregistry-style prefix when recognised (e.g. "euctr")
    kind: str | None = None  # free text from the source (e.g. "Registry Identifier")
    issuer: str | None = None  # domain / issuing organisation when given


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization as named by the source (sponsor, funder, site...)."""

    name: str
    agency_class: str | None = None  # CT.gov: NIH, INDUSTRY, OTHER, ...


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact person. E-mail and phone are personal data (exported on request)."""

    role: str | None = None  # "public", "scientific", "central", "official", "site" ...
    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    degrees: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    telephone: str | None = None
    email: str | None = None
    affiliation: str | None = None
    official_role: str | None = None  # CT.gov overall official role ("Principal Investigator")


@dataclass(frozen=True, slots=True)
class Country:
    raw: str
    code: str | None = None  # ISO 3166-1 alpha-2, None when not recognised


@dataclass(frozen=True, slots=True)
class MeshTerm:
    """A MeSH descriptor the registry itself assigned (CT.gov derived coding)."""

    term: str
    id: str | None = None  # "D003882"; legacy XML gives only the term


@dataclass(frozen=True, slots=True)
class Coding:
    """A coded term the registry itself gives (EU-CTR MedDRA blocks, therapeutic areas).

    ``details`` keeps the block's other lines verbatim ("Level: PT", "MedDRA version: 20.0").
    """

    system: str  # "MedDRA", "EMA therapeutic area"
    term: str
    code: str | None = None
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Intervention:
    """An intervention as reported: "Drug: Abatacept" -> type Drug, name Abatacept."""

    raw: str
    name: str
    type: Coded | None = None
    description: str | None = None
    other_names: tuple[str, ...] = ()
    arm_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Criterion:
    """One eligibility criterion, in source order within its kind."""

    kind: str  # "inclusion" | "exclusion"
    position: int  # 1-based within its kind
    text: str


@dataclass(slots=True)
class Eligibility:
    criteria: list[Criterion] = field(default_factory=list)
    inclusion_text: str | None = None  # raw block as given
    exclusion_text: str | None = None
    min_age: Age | None = None
    max_age: Age | None = None
    gender: Coded | None = None
    healthy_volunteers: bool | None = None
    population: str | None = None  # observational study population
    sampling_method: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # "primary" | "secondary" | "other"
    position: int  # 1-based within its kind
    measure: str
    time_frame: str | None = None
    description: str | None = None
    raw: str | None = None


@dataclass(slots=True)
class Design:
    """Study design, parsed out of "Allocation: N/A. Intervention model: ..."."""

    raw: str | None = None
    allocation: Coded | None = None
    intervention_model: Coded | None = None
    primary_purpose: Coded | None = None
    masking: Coded | None = None
    who_masked: tuple[str, ...] = ()
    observational_model: Coded | None = None
    time_perspective: Coded | None = None
    extra: dict[str, str] = field(default_factory=dict)  # other "Key: value" parts kept

    def is_empty(self) -> bool:
        return not (
            self.raw
            or self.allocation
            or self.intervention_model
            or self.primary_purpose
            or self.masking
            or self.observational_model
            or self.time_perspective
        )


@dataclass(frozen=True, slots=True)
class EthicsReview:
    status: str | None = None
    approval_date: PartialDate | None = None
    approval_date_raw: str | None = None
    contact_name: str | None = None
    contact_address: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None


@dataclass(slots=True)
class Results:
    available: bool | None = None
    available_raw: str | None = None
    date_posted: PartialDate | None = None
    date_completed: PartialDate | None = None
    date_first_publication: PartialDate | None = None
    url: str | None = None
    protocol_url: str | None = None
    summary: str | None = None
    baseline_characteristics: str | None = None
    participant_flow: str | None = None
    adverse_events: str | None = None
    outcome_measures: str | None = None
    ipd_plan: str | None = None
    ipd_description: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__slots__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SamplePart:
    label: str
    size: int


@dataclass(frozen=True, slots=True)
class SampleSize:
    """Target (or actual) sample size; per-arm parts summed into ``total``."""

    raw: str
    total: int | None = None
    parts: tuple[SamplePart, ...] = ()
    status: str | None = None  # "actual" | "anticipated"


@dataclass(frozen=True, slots=True)
class Arm:
    label: str
    type: str | None = None
    description: str | None = None
    intervention_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    facility: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: Country | None = None
    status: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    citation: str | None = None
    pmid: str | None = None
    type: str | None = None  # "background", "result", "derived"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: enough to find it again in its source."""

    source_format: str  # registry key of the parser, e.g. "ictrp-trial2"
    source_file: str  # path as given ("-" for stdin)
    position: int  # 1-based record position within the file
    exported_on: PartialDate | None = None  # export / download date when the source says it
    exported_on_raw: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A value the parser kept raw because it could not normalise it."""

    field: str
    value: str
    reason: str


@dataclass(slots=True)
class TrialRecord:
    """One trial registration record, normalised, whatever its source format."""

    main_id: str
    provenance: Provenance
    register: str | None = None
    url: str | None = None
    secondary_ids: list[Identifier] = field(default_factory=list)
    public_title: str | None = None
    scientific_title: str | None = None
    acronym: str | None = None
    brief_summary: str | None = None
    detailed_description: str | None = None
    # dates
    registration_date: PartialDate | None = None
    last_refreshed: PartialDate | None = None
    first_enrolment: PartialDate | None = None
    primary_completion: PartialDate | None = None
    completion: PartialDate | None = None
    last_update: PartialDate | None = None
    prospective_registration: bool | None = None
    prospective_registration_raw: str | None = None
    # status and design
    recruitment_status: Coded | None = None
    why_stopped: str | None = None
    study_type: Coded | None = None
    design: Design = field(default_factory=Design)
    phases: list[Coded] = field(default_factory=list)
    phase_raw: str | None = None
    target_size: SampleSize | None = None
    enrolment: SampleSize | None = None  # actual enrolment where the source has one
    countries: list[Country] = field(default_factory=list)
    # people and organizations
    primary_sponsor: Organization | None = None
    secondary_sponsors: list[Organization] = field(default_factory=list)
    funding_sources: list[Organization] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # what is studied
    conditions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    arms: list[Arm] = field(default_factory=list)
    mesh_conditions: list[MeshTerm] = field(default_factory=list)
    mesh_interventions: list[MeshTerm] = field(default_factory=list)
    condition_codings: list[Coding] = field(default_factory=list)  # registry-given, non-MeSH
    eligibility: Eligibility = field(default_factory=Eligibility)
    outcomes: list[Outcome] = field(default_factory=list)
    # where and with what result
    sites: list[Site] = field(default_factory=list)
    ethics_reviews: list[EthicsReview] = field(default_factory=list)
    results: Results = field(default_factory=Results)
    references: list[Reference] = field(default_factory=list)
    related_records: list[str] = field(default_factory=list)  # other records of the same trial
    # everything else the source said, kept verbatim ("label" -> value)
    extra: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def note(self, field_name: str, value: str, reason: str) -> None:
        self.notes.append(Note(field_name, value, reason))

    def version_date(self) -> PartialDate | None:
        """The record's own refresh/update date: what decides which version is newer."""
        return self.last_update or self.last_refreshed
