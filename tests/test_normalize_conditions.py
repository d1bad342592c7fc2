"""EU-CTR condition fields: MedDRA blocks and therapeutic areas become registry codings."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.normalize.conditions import split_conditions
from kg.reading import read_records


@pytest.mark.parametrize(
    ("values", "conditions", "codings"),
    [
        (["Asthma"], ["Asthma"], []),
        (["Level: high"], ["Level: high"], []),  # a MedDRA-like line outside a block stays
        (
            ["MedDRA version: 21.1", "Level: LLT", "Classification code 10003553",
             "Term: Asthma", "System Organ Class: 100000004855", "Severe asthma"],
            ["Severe asthma"],
            [("MedDRA", "10003553", "Asthma", 5)],
        ),
        (
            ["MedDRA version: 20.0", "Level: PT", "MedDRA version: 20.0", "Level: SOC",
             "Classification code 10021428", "Term: Immune system disorders"],
            [],
            [("MedDRA", None, "MedDRA version: 20.0", 2),
             ("MedDRA", "10021428", "Immune system disorders", 4)],
        ),
        (
            ["Therapeutic area: Diseases [C] - Respiratory Tract Diseases [C08]"],
            [],
            [("EMA therapeutic area", "C08", "Respiratory Tract Diseases", 1)],
        ),
        (["Therapeutic area: Body processes"], [],
         [("EMA therapeutic area", None, "Body processes", 1)]),
    ],
)  # fmt: skip
def test_split(
    values: list[str], conditions: list[str], codings: list[tuple[str, str | None, str, int]]
) -> None:
    got_conditions, got_codings = split_conditions(values)
    assert got_conditions == conditions
    assert [(c.system, c.code, c.term, len(c.details)) for c in got_codings] == codings
    kept = [line for c in got_codings for line in c.details]
    assert sorted(kept + got_conditions) == sorted(values)  # every line kept somewhere


def test_corpus_euctr_conditions_are_not_coding_lines(real: Path) -> None:
    for r in read_records([str(real / "ictrp-xml")]):
        for text in getattr(r, "conditions", []):
            assert not text.startswith(("MedDRA version", "Level:", "Classification code",
                                        "Therapeutic area"))  # fmt: skip
