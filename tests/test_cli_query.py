"""`trialkg query` pages its rows (limit, offset, the total on stderr); `trialkg shell` answers
many queries from stdin with one store open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import EXAMPLES, FIXTURES

RUN = CliRunner()
DATA = ["--data", str(EXAMPLES), "--data", str(FIXTURES / "queries" / "trials.xml")]
TITLED = [  # the trials whose titles hold "fictional", in the query's order (by trial ID)
    "CTRI/2025/02/000002", "ChiCTR2100099998", "NCT09980001", "NCT09980002", "NCT09980003",
    "NCT09980005", "NCT90000001",
]  # fmt: skip


def _ids(args: list[str]) -> tuple[list[str], str]:
    result = RUN.invoke(main, ["query", "trials-by-title", "--param", "words=fictional",
                               *args, *DATA, "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return [r["trialId"] for r in json.loads(result.stdout)], result.stderr


def test_pages_cut_from_a_stable_order() -> None:
    everything, err = _ids([])
    assert everything == TITLED and "of" not in err  # json: every row unless a limit is given
    first, err = _ids(["--param", "limit=3"])
    assert first == TITLED[:3]
    assert "rows 1-3 of 7 (--param limit=N offset=3 for the next page" in err
    second, err = _ids(["--param", "limit=3", "--param", "offset=3"])
    assert second == TITLED[3:6] and "rows 4-6 of 7" in err
    last, err = _ids(["--param", "limit=3", "--param", "offset=6"])
    assert last == TITLED[6:] and "of 7" not in err  # the last page is not cut
    assert _ids(["--param", "limit=all"])[0] == TITLED


def test_table_shows_a_first_page_by_default(tmp_path: Path) -> None:
    result = RUN.invoke(main, ["query", "trials-by-title", "--param", "words=fictional", *DATA])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2 + 7  # header, rule, rows: under the default 100


@pytest.mark.parametrize("bad", ["limit=-1", "offset=x", "limit=1.5"])
def test_bad_paging_is_a_usage_error(bad: str) -> None:
    result = RUN.invoke(main, ["query", "trials-by-title", "--param", "words=x",
                               "--param", bad, *DATA])  # fmt: skip
    assert result.exit_code == 2 and "whole number" in result.stderr


def test_shell_answers_many_lines_with_one_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    loaded = RUN.invoke(main, ["load", str(EXAMPLES), "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    lines = [
        "# a comment, then a blank line",
        "",
        "trial-overview trial_id=NCT90000001",
        "SELECT (COUNT(*) AS ?trials) WHERE { GRAPH ?g { ?t a <https://w3id.org/trialkg/Trial> } }",
        "no-such-query x=1",
        "trials-by-condition 'condition=ASTHMA!' limit=1",
        "quit",
        "trials-by-condition condition=never-read",
    ]
    result = RUN.invoke(main, ["shell", "--store", str(store), "--format", "csv"],
                        input="\n".join(lines) + "\n")  # fmt: skip
    assert result.exit_code == 1  # one line failed; the others were answered
    out = result.stdout.splitlines()
    assert out[0].startswith("trial,publicTitle,")
    assert sum(line.startswith("https://w3id.org/trialkg/id/trial/NCT90000001,") for line in out)
    assert out[out.index("trials") : out.index("trials") + 2] == ["trials", "2"]
    assert out[-2:] == [
        "trialId,title,reported",
        "NCT90000001,Inhaled Budesonide Versus Placebo for Mild Asthma in Adults "
        "(fictional example),Asthma",
    ]
    assert "no query named 'no-such-query'" in result.stderr
    assert "never-read" not in result.stdout
