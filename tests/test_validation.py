"""SHACL: the seed conforms; broken graphs fail with the expected results; warnings do not fail."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple
from rdflib import Graph

from kg.mapping import map_record, trial_graph
from kg.model import Age, PartialDate, Provenance, TrialRecord
from kg.namespaces import TKG
from kg.parsers import ictrp_trial2
from kg.validation import validate_graph, validate_graphs


def _seed_graph(seed: Path):  # type: ignore[no-untyped-def]
    [record] = ictrp_trial2.parse(seed.open("rb"), seed.name)
    assert isinstance(record, TrialRecord)
    return trial_graph(record)


def test_seed_conforms(seed: Path) -> None:
    report = validate_graphs([_seed_graph(seed)])
    assert report.conforms and report.results == []


def test_broken_graph_fails_with_expected_results(seed: Path) -> None:
    [record] = ictrp_trial2.parse(seed.open("rb"), seed.name)
    assert isinstance(record, TrialRecord)
    trial = NamedNode("https://w3id.org/trialkg/id/trial/NCT04946669")
    broken = [
        t
        for t in map_record(record)
        if not (t.subject == trial and t.predicate in (TKG.trialId, TKG.registrationDate))
    ]  # the required ID removed, the registration date replaced by an untyped one
    broken.append(Triple(trial, TKG.registrationDate, Literal("17/05/2021")))  # untyped date
    broken.append(Triple(trial, TKG.phase, NamedNode("https://example.org/phase-9")))
    data = Graph()
    data.parse(data="".join(f"{t} .\n" for t in broken), format="nt")
    report = validate_graph(data)
    assert not report.conforms
    got = {(r.path, r.constraint) for r in report.violations if r.focus == trial.value}
    assert got == {
        (TKG.trialId.value, "MinCountConstraintComponent"),
        (TKG.registrationDate.value, "OrConstraintComponent"),
        (TKG.phase.value, "NodeConstraintComponent"),
    }
    assert all(r.message for r in report.violations)
    nested = [r for r in report.violations if r.focus != trial.value]
    assert [(r.focus, r.constraint) for r in nested] == [
        ("https://example.org/phase-9", "PatternConstraintComponent")
    ]


def test_data_quality_rules_are_warnings() -> None:
    record = TrialRecord("NCT00000002", Provenance("ictrp-trial2", "x.txt", 1))
    record.eligibility.min_age = Age("70 Years", Decimal(70), "a")
    record.eligibility.max_age = Age("18 Years", Decimal(18), "a")
    record.first_enrolment = PartialDate(2022, 5, 1)
    record.completion = PartialDate(2021, 1, 1)
    report = validate_graphs([trial_graph(record)])
    assert report.conforms  # warnings never fail
    messages = sorted(r.message for r in report.warnings)
    assert len(messages) == 2
    assert "above maximum age" in messages[1] and "out of order" in messages[0]
    fixed = replace(record.eligibility, max_age=Age("80 Years", Decimal(80), "a"))
    record.eligibility = fixed
    record.completion = PartialDate(2023, 1, 1)
    assert validate_graphs([trial_graph(record)]).warnings == []
