"""``trialkg link --evaluate-gold``: the hand-checked ICTRP gold and the scorer."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.linking.gold import mention_strings, read_gold

GOLD = Path(__file__).parent / "data" / "linking-gold"


def test_gold_files_are_large_enough_and_well_formed() -> None:
    rows = read_gold(GOLD / "gold-dev.tsv") + read_gold(GOLD / "gold-heldout.tsv")
    assert len(rows) >= 300
    assert {r.kind for r in rows} == {"condition", "intervention"}
    assert all(i[0] in "CD" and i[1:].isdigit() for r in rows for i in r.mesh_ids)
    assert len({(r.kind, r.string) for r in rows}) == len(rows)  # no string twice


def test_evaluate_gold_json_has_the_evaluate_shape(tmp_path: Path) -> None:
    gold = tmp_path / "g.tsv"
    gold.write_text(
        "kind\tstring\tmesh_ids\n"
        "condition\tDermatomyositis\tD003882\n"
        "condition\tNot Applicable\t\n"
        "intervention\tControl group:Lopinavir / Ritonavir\tC558899\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["link", "--evaluate-gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"conditions", "interventions"}
    assert report["conditions"]["gold"] == 1 and report["conditions"]["correct"] == 1
    assert report["interventions"]["correct"] == 1  # the combination concept, not its parts


def test_evaluate_gold_rejects_a_file_without_the_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("kind\ttext\ncondition\tx\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["link", "--evaluate-gold", str(bad)])
    assert result.exit_code == 2


def test_mentions_are_split_as_the_ictrp_parsers_split_them() -> None:
    assert mention_strings("intervention", "A:Lopinavir; B:Placebo") == ["A:Lopinavir", "B:Placebo"]


def test_vocab_mesh_writes_the_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "mesh.nt"
    result = CliRunner().invoke(main, ["vocab", "mesh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    broader = "<http://www.w3.org/2004/02/skos/core#broader>"
    mesh = "http://id.nlm.nih.gov/mesh/"
    # Dermatomyositis sits under Polymyositis, which sits under Myositis (tree numbers).
    assert f"<{mesh}D003882> {broader} <{mesh}D017285> .\n" in text
    assert f"<{mesh}D017285> {broader} <{mesh}D009220> .\n" in text
    assert text.count("\n") > 100_000
