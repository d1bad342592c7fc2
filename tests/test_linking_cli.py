"""``trialkg link`` end to end on a small fictional ClinicalTrials.gov record."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli.link import link

RECORD = Path(__file__).parent / "fixtures" / "linking" / "NCT09999901.json"


def test_link_writes_sssom_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "mappings.sssom.tsv"
    result = CliRunner().invoke(link, [str(RECORD), "-o", str(out), "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "trialkg:trial/NCT09999901/condition/1\tDermatomyositis" in text
    assert "trialkg:trial/NCT09999901/intervention/1\tOrencia" in text
    unmapped = (tmp_path / "mappings.unmapped.tsv").read_text()
    assert "Zorblax syndrome" in unmapped and "Placebo" in unmapped
    misfiled = (tmp_path / "mappings.misfiled.tsv").read_text().splitlines()
    assert len(misfiled) == 2 and "\tAbatacept\tmesh:D000069594\t" in misfiled[1]


def test_evaluate_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(link, [str(RECORD), "--evaluate", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["conditions"]["gold"] == 1 and data["conditions"]["recall"] == 1.0
    # Abatacept (misfiled condition) is a link CT.gov's condition coding does not hold
    assert data["conditions"]["precision"] == 0.5
    assert data["interventions"] == {**data["interventions"], "precision": 1.0, "recall": 1.0}


def test_evaluate_text_prints_figures_and_misses() -> None:
    result = CliRunner().invoke(link, [str(RECORD), "--evaluate"])
    assert result.exit_code == 0, result.output
    assert "conditions: precision 0.500  recall 1.000" in result.output
    assert "extra" in result.output


def test_needs_an_output_or_evaluate() -> None:
    result = CliRunner().invoke(link, [str(RECORD)])
    assert result.exit_code == 2 and "--evaluate" in result.output
