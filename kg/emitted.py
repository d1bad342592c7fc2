"""Does every value of the model reach the graph? Measured on the graph itself.

Every attribute of the model (:mod:`kg.model`, named ``Class.field``) is either
emitted by :mod:`kg.mapping` or listed in :data:`NOT_EMITTED` with the reason it
is left out (a meta-test holds the table to the model). :func:`measure` walks
one record's values and looks for each in the record's own graph, mapped with
contacts included: a value counts as emitted only if it, or its normalised form
(an ISO date, a number, a code in an IRI, whitespace collapsed), appears there.

>>> from kg.model import Provenance, SampleSize, TrialRecord
>>> rec = TrialRecord("NCT00000001", Provenance("ctgov-json", "x.json", 1),
...                   public_title="A  fictional trial", target_size=SampleSize("20 people", 20))
>>> found = measure(rec)
>>> found["TrialRecord.public_title"], found["SampleSize.total"], found["SampleSize.raw"]
([], [], [])
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Any
from urllib.parse import unquote

from kg import model
from kg.mapping import MappingOptions, map_record
from kg.model import Coded, PartialDate, TrialRecord
from kg.normalize import kinds

# Class.field -> why the mapping does not write it (the meta-test in tests/test_meta.py
# fails when a model attribute is neither emitted nor listed here)
NOT_EMITTED: dict[str, str] = {
    "TrialRecord.notes": "the values a parser kept raw: each stays in its own field; "
    "`--notes FILE` lists them",
    "TrialRecord.main_id": "the trial's IRI, graph IRI and tkg:trialId carry it (inner "
    "whitespace removed, percent-encoded)",
    "Provenance.source_file": "its file name is written (tkg:sourceFile); the folder part is "
    "local to the machine that converted it",
    "Criterion.kind": "the criterion's property (tkg:inclusionCriterion / exclusionCriterion)",
    "Criterion.position": "the criterion's IRI (…/criterion/<kind>/<position>) and tkg:position",
    "Outcome.kind": "the outcome's property (tkg:primaryOutcome / secondaryOutcome / …)",
    "Outcome.position": "the outcome's IRI (…/outcome/<kind>/<position>)",
    "Intervention.arm_labels": "the arm-intervention link: parsers fill Arm.intervention_names "
    "from it, written as tkg:armIntervention from the arm that has the label",
    "Note.field": "a note (TrialRecord.notes) is not written to the graph",
    "Note.value": "a note (TrialRecord.notes) is not written to the graph",
    "Note.reason": "a note (TrialRecord.notes) is not written to the graph",
}

# dates whose status (actual / anticipated / estimate) is not written: only the trial's
# plan dates (first enrolment, primary completion, completion) carry one in the graph
_POSTED = (
    "a posting date: ClinicalTrials.gov marks it 'Estimate' where it reconstructed the date "
    "(records before 2017); the date itself is written"
)
DATE_STATUS_NOT_EMITTED: dict[str, str] = {
    "TrialRecord.last_update": _POSTED,
    "TrialRecord.registration_date": _POSTED,
    "Results.date_posted": _POSTED,
    "TrialRecord.last_refreshed": "ICTRP's refresh date: no source gives it a status",
    "Results.date_completed": "no source gives the results' completion date a status",
    "Results.date_first_publication": "no source gives the first publication date a status",
    "EthicsReview.approval_date": "no source gives an approval date a status",
    "Provenance.exported_on": "an export date has no status",
}
_WS = re.compile(r"\s+")
_SLUG = re.compile(r"[^0-9a-z]+")


def _fields(cls: type) -> list[str]:
    return [f"{cls.__name__}.{f.name}" for f in dataclasses.fields(cls)]


def model_attributes() -> list[str]:
    """Every attribute of every dataclass of :mod:`kg.model`, as ``Class.field``."""
    classes = [
        c
        for c in vars(model).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == model.__name__
    ]
    return sorted(name for c in classes for name in _fields(c))


# flags written only when true: false is their absence
_FLAGS = frozenset({"Age.no_limit"})


_CONTAINER = frozenset({"<container>"})  # always "found": its parts are measured instead
UNITS = (Coded, PartialDate)  # measured whole: their attributes are their normalised form


def _is_container(value: Any) -> bool:
    items = value if isinstance(value, list | tuple) else [value]
    return any(dataclasses.is_dataclass(item) and not isinstance(item, UNITS) for item in items)


def _leaves(obj: Any, owner: str = "") -> Iterator[tuple[str, Any]]:
    """(Class.field, value) for every non-empty leaf value of a model object.

    A coded value is one leaf (its code or its raw text must appear); a raw
    date string that a sibling date was read from is measured as that date.
    """
    if isinstance(obj, Coded | PartialDate):  # measured whole: its code, raw or ISO form
        yield owner, obj
        if isinstance(obj, PartialDate) and obj.status and owner not in DATE_STATUS_NOT_EMITTED:
            yield "PartialDate.status", obj.status
    elif dataclasses.is_dataclass(obj):
        values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        dates = {v.raw: v for v in values.values() if isinstance(v, PartialDate)}
        for name, value in values.items():
            key = f"{type(obj).__name__}.{name}"
            if key in NOT_EMITTED or (key in _FLAGS and value is False):
                continue
            if isinstance(value, str) and value in dates:
                value = dates[value]
            below = list(_leaves(value, key))
            if below and _is_container(value):
                yield key, _CONTAINER  # present; its own values are measured below
            yield from below
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from _leaves(item, owner)
    elif isinstance(obj, dict):
        for name, value in obj.items():  # kept as "name: value", or as name and value apart
            yield owner, frozenset({f"{name}: {value}", str(value)})
    elif obj is not None and obj != "" and owner:
        yield owner, obj


def candidates(value: Any) -> set[str]:
    """The forms a value may take in the graph.

    >>> sorted(candidates(Decimal("1.50"))), sorted(candidates(True)), sorted(candidates("Yes"))
    (['1.5', '1.50'], ['true'], ['Yes', 'true', 'yes'])
    >>> sorted(candidates("Principal Investigator"))
    ['Principal Investigator', 'principal-investigator']
    """
    if isinstance(value, frozenset):
        return set(value)
    if isinstance(value, bool):
        return {"true" if value else "false"}
    if isinstance(value, Coded):
        return {value.raw, value.raw.strip()} | ({value.code} if value.code else set())
    if isinstance(value, PartialDate):
        return {value.iso(), value.raw} - {""}
    if isinstance(value, Enum):
        return {str(value.value)}
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        forms = {str(value), str(number.normalize()), f"{number:f}"}
        return forms | {f"{f}.0" for f in forms if "." not in f and "E" not in f}
    text = str(value)
    forms = {text, text.strip(), _WS.sub(" ", text).strip()} - {""}
    forms.add(_SLUG.sub("-", text.casefold()).strip("-"))  # as a code in an IRI
    yes_no = {"yes": "true", "no": "false"}.get(text.strip().casefold())
    return forms | {yes_no} if yes_no else forms


class _Graph:
    """The values of one graph: literals, IRIs and the decoded segments of IRIs."""

    def __init__(self, record: TrialRecord) -> None:
        self.values: set[str] = set()
        self.folded: set[str] = set()
        for triple in map_record(record, MappingOptions(include_contacts=True)):
            for term in (triple.subject, triple.object):
                value = str(getattr(term, "value", ""))
                self.values.add(value)
                if term is triple.object and type(term).__name__ == "Literal":
                    self.values.add(_WS.sub(" ", value).strip())
                else:
                    self.values.update(unquote(s) for s in value.rsplit("/", 2)[-2:])
        self.folded = {v.casefold() for v in self.values}
        self.blob = "\n".join(sorted(self.folded))

    def has(self, value: Any) -> bool:
        if value is _CONTAINER:
            return True
        forms = candidates(value)
        if forms & self.values or {f.casefold() for f in forms} & self.folded:
            return True
        texts = isinstance(value, str | Coded | frozenset)  # within a longer literal
        return texts and any(len(f) > 3 and f.casefold() in self.blob for f in forms)


def _coded_form(key: str, value: Any) -> str | None:
    """A coded field's value as its scheme member's code (the last segment of its IRI)."""
    scheme = kinds.FIELD_SCHEMES.get(key)
    if scheme is None or not isinstance(value, str):
        return None
    found = kinds.lookup(scheme, value)
    return found.code if found is not None else None


def measure(record: TrialRecord) -> dict[str, list[str]]:
    """Per ``Class.field`` present in the record (and not in :data:`NOT_EMITTED`):
    the values missing from the record's graph (an empty list: all there)."""
    graph = _Graph(record)
    found: dict[str, list[str]] = {}
    for key, value in _leaves(record):
        if key in NOT_EMITTED:
            continue
        missing = found.setdefault(key, [])
        code = _coded_form(key, value)
        if not graph.has(value) and (code is None or not graph.has(code)):
            missing.append(str(value))
    return found
