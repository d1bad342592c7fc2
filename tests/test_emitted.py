"""Nothing dropped between model and graph (kg.emitted).

The meta-test builds a record with every attribute of the model filled with
a value of its own, maps it, and looks for every value in the graph: a model
attribute the mapping does not write fails it, unless kg.emitted.NOT_EMITTED
lists it with the reason. The real records of tests/data are measured too.
"""

from __future__ import annotations

import dataclasses
import itertools
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg import emitted, iris, model
from kg.audit import DROPPED, audit
from kg.cli import main
from kg.emitted import NOT_EMITTED, measure, model_attributes
from kg.mapping import map_record
from kg.model import Age, Coded, Country, PartialDate, Precision, TrialRecord
from kg.namespaces import coding_system
from kg.normalize import coded, kinds

from .conftest import DATA, REAL

_counter = itertools.count(1)
# values the mapping needs in a given shape (a vocabulary's code, an ISO country, a unit)
SHAPED: dict[str, Any] = {
    "Criterion.kind": "inclusion",
    "Outcome.kind": "primary",
    "Age.unit": "a",
    "Country.code": "FR",
    "Provenance.source_format": "ctgov-json",
    "TrialRecord.main_id": "NCT09999999",
    "Identifier.scheme": "isrctn",
    "Reference.pmid": "12345678",
    "MeshTerm.id": "D003882",
    "Design.who_masked": ("participant",),
    "SampleSize.status": "anticipated",  # the dates say "actual": a value of its own
    "Results.available_raw": "Yes",  # what a parser sets beside available=True
    "TrialRecord.related_records": ["NCT09999998"],
    "Coding.code": "10012345",
}


def _value(owner: str, hint: Any) -> Any:
    """A distinct value of the hinted type for attribute ``owner`` (``Class.field``)."""
    if owner in SHAPED:
        return SHAPED[owner]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _value(owner, next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin in (list, tuple):
        return (list if origin is list else tuple)([_value(owner, typing.get_args(hint)[0])])
    if origin is dict:
        return {f"key {next(_counter)}": f"value {next(_counter)}"}
    n = next(_counter)
    if hint is str:
        return f"v{n} {owner}"
    if hint is bool:
        return True
    if hint is int:
        return 1000 + n
    if hint is float:
        return 10 + n / 8
    if hint is Decimal:
        return Decimal(20 + n)
    if hint is PartialDate:
        return PartialDate(
            2000 + n % 20, 1 + n % 12, 1 + n % 28, raw=f"raw date {n}", status="actual"
        )
    if hint is Coded:
        return Coded(f"raw code {n}", f"code-{n}")
    if hint is Precision:
        return Precision.DAY
    if dataclasses.is_dataclass(hint):
        return _build(hint)
    raise AssertionError(f"no sample value for {owner}: {hint}")


def _build(cls: Any) -> Any:
    hints = typing.get_type_hints(cls, vars(model))
    values = {
        f.name: _value(f"{cls.__name__}.{f.name}", hints[f.name])
        for f in dataclasses.fields(cls)
        if f.init and f"{cls.__name__}.{f.name}" not in ("TrialRecord.notes",)
    }
    if cls is Age:
        values["no_limit"] = False  # a value and a unit: a limit
    if cls is Country:
        values["raw"] = "France"
    if cls is model.EthicsReview:  # the raw text the approval date was read from
        values["approval_date_raw"] = values["approval_date"].raw
    return cls(**values)


def full_record() -> TrialRecord:
    record = _build(TrialRecord)
    assert isinstance(record, TrialRecord)
    record.eligibility.max_age = Age("No limit", no_limit=True)
    return record


def test_every_model_attribute_is_emitted_or_listed_with_a_reason() -> None:
    record = full_record()
    found = measure(record)
    dropped = {key: values for key, values in found.items() if values}
    assert dropped == {}, (
        "the mapping does not write these model values; map them in kg/mapping/ or list "
        f"them in kg.emitted.NOT_EMITTED with the reason: {dropped}"
    )
    units = {f"{c.__name__}.{f.name}" for c in emitted.UNITS for f in dataclasses.fields(c)}
    unmeasured = set(model_attributes()) - set(found) - set(NOT_EMITTED) - units
    assert unmeasured == set(), f"give these attributes a value in the meta-test: {unmeasured}"
    for key, reason in NOT_EMITTED.items():
        assert key in model_attributes(), f"NOT_EMITTED names no model attribute: {key}"
        assert len(reason) > 20, f"say why {key} is not emitted"


@pytest.mark.parametrize("field", sorted(kinds.FIELD_SCHEMES))
def test_each_coded_field_is_written_in_the_scheme_its_table_names(
    field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kinds.FIELD_SCHEMES, which kg.emitted reads codes from, names the scheme the mapping
    writes the field's value in: every code of the scheme, given by its label, reaches the
    graph as that scheme's member."""
    scheme = kinds.FIELD_SCHEMES[field]
    labels = kinds.SCHEMES.get(scheme) or coded.SCHEMES[scheme]
    for code, label in labels.items():
        monkeypatch.setitem(SHAPED, field, label)
        objects = {t.object.value for t in map_record(full_record())}
        member = coding_system(code) if scheme == "coding-system" else iris.vocab(scheme, code)
        assert member in objects, (field, label)


def test_a_value_the_mapping_leaves_out_is_found_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    record = full_record()
    real_map = emitted.map_record

    def without_size_status(rec: TrialRecord, options: Any = None) -> Any:
        statuses = ("SampleSizeStatus", "EnrolmentStatus")
        return [t for t in real_map(rec, options) if not t.predicate.value.endswith(statuses)]

    monkeypatch.setattr(emitted, "map_record", without_size_status)
    dropped = {key for key, values in measure(record).items() if values}
    assert dropped == {"SampleSize.status"}


@pytest.mark.parametrize(
    "folder", ["ictrp-xml", "ictrp-csv", "ctgov-xml", "ctgov-v2-json", "seeds"]
)
def test_real_records_lose_no_value(folder: str) -> None:
    report = audit([str(DATA / folder)])
    values = [c for c in report.counts if c.field.startswith("model ")]
    assert values, "the audit measures the model's values on the graph"
    assert [c.row() for c in values if c.status == DROPPED] == []


def test_audit_lists_a_dropped_value_with_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_map = emitted.map_record

    def without_titles(rec: TrialRecord, options: Any = None) -> Any:
        # the public title leaves the graph (tkg:publicTitle, schema:name, dcterms:title)
        return [t for t in real_map(rec, options) if t.object.value != rec.public_title]

    monkeypatch.setattr(emitted, "map_record", without_titles)
    result = CliRunner().invoke(main, ["audit", str(REAL / "ctgov-xml"), "--only-dropped"])
    assert result.exit_code == 1
    assert "model TrialRecord.public_title" in result.stdout
    assert "e.g. " in result.stdout
