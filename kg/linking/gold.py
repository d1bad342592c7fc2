"""Score the linker on a hand-checked gold file of free-text strings.

A gold file is a TSV with the columns ``kind`` (condition | intervention),
``string`` (verbatim, as a registry wrote it) and ``mesh_ids`` (``|``-separated
MeSH descriptor or supplementary-concept IDs; empty = nothing to link). Each
row is read as the ICTRP parsers read one field of one record (conditions
split like an ICTRP Condition field, interventions on ``;``), linked, and
scored link by link: only exact and close matches count (a supplementary
concept's ``skos:broadMatch`` to its descriptors is a broader heading, not
what the string names). The JSON has the shape of ``--evaluate``.

>>> from kg.linking.linker import Linker
>>> rows = [GoldRow("condition", "Dermatomyositis", ("D003882",), "r1")]
>>> score_gold(rows, Linker.load()).conditions.precision
1.0
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.linking.evaluate import EvaluationReport, KindScore, Miss, mesh_key
from kg.linking.link import CLOSE, EXACT
from kg.linking.linker import Linker
from kg.normalize.conditions import split_conditions
from kg.normalize.interventions import intervention
from kg.normalize.text import clean_line, split_multi

COLUMNS = ("kind", "string", "mesh_ids")


@dataclass(frozen=True, slots=True)
class GoldRow:
    kind: str
    string: str
    mesh_ids: tuple[str, ...]
    record: str = ""


def read_gold(path: Path) -> list[GoldRow]:
    """Rows of a gold TSV (header required; a ``record`` column is optional)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for n, row in enumerate(reader, 2):
            if row["kind"] not in ("condition", "intervention"):
                raise ValueError(f"{path}:{n}: kind must be condition or intervention")
            ids = tuple(i.strip() for i in (row["mesh_ids"] or "").split("|") if i.strip())
            rows.append(GoldRow(row["kind"], row["string"], ids, row.get("record") or f"row{n}"))
    return rows


def mention_strings(kind: str, text: str) -> list[str]:
    """The mention strings one ICTRP field value becomes (as the ICTRP parsers split it).

    >>> mention_strings("intervention", "Group A:Lopinavir; Group B:Placebo")
    ['Group A:Lopinavir', 'Group B:Placebo']
    """
    if kind == "condition":
        return split_conditions(split_multi(text))[0]
    out: list[str] = []
    for piece in text.split(";"):
        item = clean_line(piece)
        if item is not None and item not in out:
            out.append(intervention(item).name)
    return out


def score_gold(rows: Iterable[GoldRow], linker: Linker) -> EvaluationReport:
    """Link every gold string and score the MeSH IDs of its exact/close links."""
    report = EvaluationReport()
    for row in rows:
        score: KindScore = report.conditions if row.kind == "condition" else report.interventions
        gold = {mesh_key(i): i for i in row.mesh_ids}
        linked: dict[str, str] = {}
        for text in mention_strings(row.kind, row.string):
            for link in linker.link(text, row.kind):
                if link.mesh_id and link.predicate in (EXACT, CLOSE):
                    linked.setdefault(mesh_key(link.mesh_id), link.target_label)
        score.records += 1
        score.links += len(linked)
        score.gold += len(gold)
        score.correct += len(linked.keys() & gold.keys())
        score.misses.extend(Miss(row.string, k, v) for k, v in gold.items() if k not in linked)
        score.extras.extend(Miss(row.string, k, v) for k, v in linked.items() if k not in gold)
    return report
