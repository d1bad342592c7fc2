"""What the two ClinicalTrials.gov parsers (API v2 JSON, legacy XML) share.

Both formats carry the same registry data under different names, so the
conversion steps that turn one raw value into a model value live here: they
normalise, and when normalisation fails they keep the raw value and note it
on the record (never drop it).

>>> study_url("NCT04946669")
'https://clinicaltrials.gov/study/NCT04946669'
>>> humanise("PLACEBO_COMPARATOR")
'Placebo Comparator'
>>> classify("resultsSection.baselineCharacteristicsModule.groups.id",
...          {"protocolSection.designModule.phases": "phases"},
...          {"resultsSection": "results tables are not mapped"})
'ignored'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping

from kg.model import Age, Coded, Country, Identifier, PartialDate, SampleSize, TrialRecord
from kg.namespaces import CTGOV_STUDY_NS
from kg.normalize import Unrecognised
from kg.normalize.ages import parse_age
from kg.normalize.coded import date_status
from kg.normalize.countries import country
from kg.normalize.dates import parse_date
from kg.normalize.identifiers import identifier
from kg.normalize.sizes import sample_size
from kg.normalize.text import clean, clean_line

REGISTER = "ClinicalTrials.gov"
STUDY_URL = CTGOV_STUDY_NS
ORG_STUDY_ID = "Org Study ID"
NCT_ALIAS = "NCT alias"

_SEPARATOR = re.compile(r"[./@]")


def study_url(nct_id: str) -> str:
    """The public page of a study.

    >>> study_url(" NCT00000102 ")
    'https://clinicaltrials.gov/study/NCT00000102'
    """
    return STUDY_URL + nct_id.strip()


def results_url(nct_id: str) -> str:
    """The results tab of a study.

    >>> results_url("NCT00000102")
    'https://clinicaltrials.gov/study/NCT00000102?tab=results'
    """
    return study_url(nct_id) + "?tab=results"


def humanise(enum: str) -> str:
    """A CT.gov API v2 enum in the words the legacy XML and the web page use.

    >>> humanise("DIETARY_SUPPLEMENT"), humanise("Drug")
    ('Dietary Supplement', 'Drug')
    """
    if not enum.isupper():
        return enum.strip()
    return " ".join(word.capitalize() for word in enum.strip().split("_") if word)


# Legacy XML spells the agency classes as words; API v2 uses these enums.
_AGENCY_CLASSES = {"u.s. fed": "FED", "other": "OTHER", "industry": "INDUSTRY", "nih": "NIH"}


def agency_class(raw: object) -> str | None:
    """A sponsor's agency class as the API v2 enum (NIH, FED, INDUSTRY, OTHER...).

    >>> agency_class("U.S. Fed"), agency_class("Industry"), agency_class("OTHER_GOV")
    ('FED', 'INDUSTRY', 'OTHER_GOV')
    """
    value = line(raw)
    if value is None:
        return None
    return _AGENCY_CLASSES.get(value.casefold(), value.upper().replace(" ", "_"))


def classify(path: str, field_map: Mapping[str, str], ignored: Mapping[str, str]) -> str:
    """Whether a source field path is ``"mapped"``, ``"ignored"`` or ``"unknown"``.

    A key of ``field_map``/``ignored`` covers its own path and every path below it
    (``"resultsSection"`` covers ``"resultsSection.x.y"``; ``"start_date"`` covers
    ``"start_date@type"``). The longest matching key decides.

    >>> classify("eligibility/minimum_age", {"eligibility/minimum_age": "x"}, {})
    'mapped'
    >>> classify("start_date@type", {"start_date": "x"}, {})
    'mapped'
    >>> classify("brand_new_field", {}, {})
    'unknown'
    """
    candidate = path
    while True:
        if candidate in field_map:
            return "mapped"
        if candidate in ignored:
            return "ignored"
        cut = [m.start() for m in _SEPARATOR.finditer(candidate)]
        if not cut:
            return "unknown"
        candidate = candidate[: cut[-1]]


def text(value: object) -> str | None:
    """A cleaned multi-line text value (CT.gov markdown escapes removed).

    >>> text("Score \\\\>= 2.0 \\\\[ln\\\\]  ")
    'Score >= 2.0 [ln]'
    >>> text(None) is None, text(3)
    (True, '3')
    """
    if value is None:
        return None
    return clean(_unescape_markdown(str(value)))


def line(value: object) -> str | None:
    """A cleaned one-line value (whitespace collapsed).

    >>> line("  Abatacept \\n 125 mg ")
    'Abatacept 125 mg'
    """
    if value is None:
        return None
    return clean_line(_unescape_markdown(str(value)))


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~=])")


def _unescape_markdown(value: str) -> str:
    return _MD_ESCAPE.sub(r"\1", value)


def lines(values: Iterable[object]) -> list[str]:
    """Clean a list of one-line values, dropping empties and duplicates (in linear time).
    Only strings are values: a number, null, object or boolean in a list of names is
    not a name (``[1, null, {}, true]`` gives no conditions "1", "{}", "True").

    >>> lines(["Dermatomyositis", " dermatomyositis", "Dermatomyositis", None, ""])
    ['Dermatomyositis', 'dermatomyositis']
    >>> lines([1, None, {}, True, "Asthma"])
    ['Asthma']
    """
    found = (line(value) for value in values if isinstance(value, str))
    return list(dict.fromkeys(item for item in found if item is not None))


def date(
    record: TrialRecord, field: str, raw: object, status_raw: object = None
) -> PartialDate | None:
    """Parse a date, with its actual/anticipated status; note it when unreadable.

    >>> from kg.model import Provenance
    >>> r = TrialRecord("NCT0", Provenance("ctgov-json", "-", 1))
    >>> d = date(r, "first_enrolment", "2021-02", "ESTIMATED")
    >>> d.iso(), d.status
    ('2021-02', 'anticipated')
    >>> date(r, "completion", "soonish") is None, r.notes[0].field
    (True, 'completion')
    """
    value = line(raw)
    if value is None:
        return None
    try:
        parsed = parse_date(value, day_first=False)
    except Unrecognised as err:
        record.note(field, value, str(err))
        return None
    if parsed is None:
        return None
    status = line(status_raw)
    if status is not None:
        coded = date_status(status)
        code = coded.code if coded is not None else None
        code = code or _DATE_STATUS_ALIASES.get(status.casefold())
        if code is not None:
            parsed = dataclasses.replace(parsed, status=code)
        else:
            record.note(field + ".status", status, "unrecognised date status")
    return parsed


# Legacy XML posting dates say type="Estimate" (not in the shared date-status table yet).
_DATE_STATUS_ALIASES = {"estimate": "anticipated"}


def coded(
    record: TrialRecord, field: str, raw: object, normaliser: Callable[[str], Coded | None]
) -> Coded | None:
    """Run a controlled-value normaliser; note values it does not recognise.

    >>> from kg.model import Provenance
    >>> from kg.normalize.coded import study_type
    >>> r = TrialRecord("NCT0", Provenance("ctgov-json", "-", 1))
    >>> coded(r, "study_type", "INTERVENTIONAL", study_type).code
    'interventional'
    """
    value = line(raw)
    if value is None:
        return None
    result = normaliser(value)
    if result is not None and result.code is None:
        record.note(field, value, "unrecognised value")
    return result


def age(record: TrialRecord, field: str, raw: object) -> Age:
    """An age limit; CT.gov leaves a limit empty when it is "N/A (No limit)".

    >>> from kg.model import Provenance
    >>> r = TrialRecord("NCT0", Provenance("ctgov-json", "-", 1))
    >>> age(r, "eligibility.min_age", "18 Years").years
    Decimal('18')
    >>> age(r, "eligibility.max_age", None).no_limit
    True
    """
    value = line(raw)
    parsed = parse_age(value) if value is not None else None
    if parsed is None:
        return Age(raw=value or "", no_limit=True)
    if parsed.value is None and not parsed.no_limit:
        record.note(field, parsed.raw, "unrecognised age")
    return parsed


def size(record: TrialRecord, field: str, raw: object, status: str | None) -> SampleSize | None:
    """A sample size (enrolment count) with its actual/anticipated status.

    >>> from kg.model import Provenance
    >>> r = TrialRecord("NCT0", Provenance("ctgov-json", "-", 1))
    >>> size(r, "target_size", 20, "anticipated")
    SampleSize(raw='20', total=20, parts=(), status='anticipated')
    """
    value = line(raw)
    if value is None:
        return None
    parsed = sample_size(value)
    if parsed is None:
        return None
    if parsed.total is None:
        record.note(field, value, "unrecognised sample size")
    return dataclasses.replace(parsed, status=status)


def ident(raw: object, *, kind: str | None = None, issuer: str | None = None) -> Identifier | None:
    """A secondary identifier, its scheme recognised, with the source's kind and issuer.

    >>> ident("2015-001894-41", kind="EUDRACT_NUMBER").scheme
    'euctr'
    """
    value = line(raw)
    if value is None:
        return None
    found = identifier(value)
    return dataclasses.replace(found, kind=kind or found.kind, issuer=line(issuer) or found.issuer)


def place(raw: object) -> Country | None:
    """A country by name.

    >>> place("United States")
    Country(raw='United States', code='US')
    """
    value = line(raw)
    return country(value) if value is not None else None


def distinct_countries(countries: Iterable[Country | None]) -> list[Country]:
    """Countries without repeats (same code, or same name when unrecognised).

    >>> [c.code for c in distinct_countries([place("China"), place("china"), None])]
    ['CN']
    """
    out: list[Country] = []
    seen: set[str] = set()
    for item in countries:
        if item is None:
            continue
        key = item.code or item.raw.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def put_extra(record: TrialRecord, key: str, value: object) -> None:
    """Keep a value the model has no field for, verbatim, under its source path.

    Lists are joined with "; ", booleans written "Yes"/"No".

    >>> from kg.model import Provenance
    >>> r = TrialRecord("NCT0", Provenance("ctgov-json", "-", 1))
    >>> put_extra(r, "oversightModule.oversightHasDmc", False)
    >>> put_extra(r, "eligibilityModule.stdAges", ["ADULT", "OLDER_ADULT"])
    >>> put_extra(r, "statusModule.lastKnownStatus", None)
    >>> r.extra
    {'oversightModule.oversightHasDmc': 'No', 'eligibilityModule.stdAges': 'ADULT; OLDER_ADULT'}
    """
    if isinstance(value, bool):
        record.extra[key] = "Yes" if value else "No"
        return
    if isinstance(value, list | tuple):
        joined = "; ".join(v for v in (line(item) for item in value) if v)
        if joined:
            record.extra[key] = joined
        return
    cleaned = text(value)
    if cleaned is not None:
        record.extra[key] = cleaned
