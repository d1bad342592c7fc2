"""SSSOM output: metadata block, one row per mention link, crosswalks, unmapped report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.iris import Minter
from kg.linking import Linker, write_sssom
from kg.linking.sssom import unmapped_path


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.load()


def _write(linker: Linker, path: Path) -> None:
    minter = Minter()
    pairs = []
    for i, text in enumerate(["Dermatomyositis", "Abatacept"], 1):
        for link in linker.link(text, "condition"):
            pairs.append((minter.part("NCT04946669", "condition", i), link))
    unmapped = [("condition", "Zorblax"), ("intervention", "Gizmo"), ("condition", "Zorblax")]
    write_sssom(pairs, path, unmapped=unmapped)


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_rows_and_metadata(linker: Linker, tmp_path: Path) -> None:
    path = tmp_path / "m.sssom.tsv"
    _write(linker, path)
    text = path.read_text()
    for key in ("# curie_map:", "# mapping_set_id:", "# license:", "# mapping_tool: trialkg"):
        assert key in text
    assert "#   mesh: http://id.nlm.nih.gov/mesh/" in text
    rows = _rows(path)
    mentions = [r for r in rows if r["subject_id"].startswith("trialkg:")]
    assert [(r["subject_id"], r["subject_label"], r["object_id"]) for r in mentions] == [
        ("trialkg:trial/NCT04946669/condition/1", "Dermatomyositis", "mesh:D003882"),
        ("trialkg:trial/NCT04946669/condition/2", "Abatacept", "mesh:D000069594"),
    ]
    assert mentions[0]["mapping_justification"] == "semapv:LexicalMatching"
    assert float(mentions[0]["confidence"]) > 0.9 and mentions[0]["match_string"]
    assert "misfiled" in mentions[1]["comment"]
    crosswalks = [r for r in rows if r["subject_id"] == "mesh:D000069594"]
    assert "drugbank:DB01281" in {r["object_id"] for r in crosswalks}


def test_unmapped_report_ranked_by_frequency(linker: Linker, tmp_path: Path) -> None:
    path = tmp_path / "m.sssom.tsv"
    _write(linker, path)
    lines = unmapped_path(path).read_text().splitlines()
    assert lines == ["count\tkind\tstring", "2\tcondition\tZorblax", "1\tintervention\tGizmo"]


def test_output_is_deterministic(linker: Linker, tmp_path: Path) -> None:
    _write(linker, tmp_path / "a.sssom.tsv")
    _write(linker, tmp_path / "b.sssom.tsv")
    assert (tmp_path / "a.sssom.tsv").read_bytes() == (tmp_path / "b.sssom.tsv").read_bytes()


def test_validates_with_the_sssom_package(linker: Linker, tmp_path: Path) -> None:
    parsers = pytest.importorskip("sssom.parsers", reason="sssom package not installed")
    from sssom.constants import SchemaValidationType
    from sssom.validators import validate

    path = tmp_path / "m.sssom.tsv"
    _write(linker, path)
    msdf = parsers.parse_sssom_table(str(path))
    assert len(msdf.df) == len(_rows(path))
    results = validate(
        msdf,
        [SchemaValidationType.JsonSchema, SchemaValidationType.PrefixMapCompleteness],
        fail_on_error=False,
    )
    assert all(not report.results for report in results.values()), results
