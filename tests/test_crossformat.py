"""One trial seen in three formats gives the same normalised values where the sources agree.

The seed page (ICTRP Trial2 text), an ICTRP XML export of the same trial and a
ClinicalTrials.gov API v2 JSON record of it (both fixtures written from the
fields the page shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kg
from kg.model import TrialRecord

from .conftest import FIXTURES

SOURCES = {
    "ictrp-xml": FIXTURES / "crossformat" / "NCT04946669.ictrp.xml",
    "ctgov-json": FIXTURES / "ctgov" / "NCT04946669.json",
}


def _facts(r: TrialRecord) -> dict[str, Any]:
    e = r.eligibility
    d = r.design
    return {
        "main_id": r.main_id,
        "public_title": r.public_title,
        "scientific_title": r.scientific_title,
        "registration_date": r.registration_date and r.registration_date.iso(),
        "first_enrolment": r.first_enrolment and r.first_enrolment.iso(),
        "target_size": r.target_size and r.target_size.total,
        "status": r.recruitment_status and r.recruitment_status.code,
        "study_type": r.study_type and r.study_type.code,
        "phases": [p.code for p in r.phases],
        "design": [
            c and c.code for c in (d.allocation, d.intervention_model, d.primary_purpose, d.masking)
        ],
        "countries": [c.code for c in r.countries],
        "conditions": sorted(r.conditions),
        "interventions": [(i.type and i.type.code, i.name) for i in r.interventions],
        "criteria": [(c.kind, c.position, c.text) for c in e.criteria],
        "min_age": e.min_age and (e.min_age.years, e.min_age.no_limit),
        "max_age": e.max_age and (e.max_age.years, e.max_age.no_limit),
        "gender": e.gender and e.gender.code,
        "outcomes": [(o.kind, o.position, o.measure, o.time_frame) for o in r.outcomes],
        "primary_sponsor": r.primary_sponsor and r.primary_sponsor.name,
        "secondary_sponsors": [o.name for o in r.secondary_sponsors],
        "secondary_ids": [i.value for i in r.secondary_ids],
    }


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_same_trial_same_values(seed: Path, fmt: str) -> None:
    [page] = kg.parse([str(seed)])
    [other] = kg.parse([str(SOURCES[fmt])])
    assert other.provenance.source_format == fmt
    expected, got = _facts(page), _facts(other)
    assert got == expected


def test_both_sources_meet_in_one_trial_and_graph(seed: Path) -> None:
    graphs = kg.to_graphs(kg.parse([str(seed), *map(str, SOURCES.values())]))
    assert {g.graph for g in graphs} == {"https://w3id.org/trialkg/id/graph/NCT04946669"}
    ranks = {g.source_rank for g in graphs}
    assert len(ranks) == 2  # the register's own record outranks the ICTRP copies
