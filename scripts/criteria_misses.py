"""List the misses and false readings of one constraint type, per matched criterion.

    trialkg criteria --json INPUT... > pred.jsonl
    python scripts/criteria_misses.py GOLD.jsonl pred.jsonl threshold [--quantity]

For each criterion matched by kg.criteria.evaluate (trial, kind, normalised text),
prints the gold constraints of TYPE left unpaired ("miss") and the predicted ones
left unpaired ("false"), with the criterion's text. ``--quantity`` also pairs on
the quantity (threshold) or anchor (temporal), as the ``+`` scores do.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kg.criteria.evaluate import _FIELDS, _MENTIONS, _key, _overlap, _pairs, _same_fields

_SHOWN = ("op", "value", "value2", "unit", "quantity", "relation", "anchor", "negated", "text")


def _show(c: dict[str, Any]) -> str:
    return " ".join(f"{k}={c[k]!r}" for k in _SHOWN if k in c)


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("predicted", type=Path)
    ap.add_argument("type")
    ap.add_argument("--quantity", action="store_true", help="pair on quantity / anchor too")
    args = ap.parse_args()
    gold = _load(args.gold)
    trials = {str(r["trial_id"]) for r in gold}
    by_key: dict[Any, list[dict[str, Any]]] = {}
    for row in _load(args.predicted):
        if str(row["trial_id"]) in trials:
            by_key.setdefault(_key(row), []).append(row)
    base = args.type
    name = {"threshold": "threshold+quantity", "temporal": "temporal+anchor"}.get(base, base)
    fields = name if args.quantity else base
    same = _overlap if base in _MENTIONS else _same_fields(_FIELDS[fields])
    misses = false = 0
    for g_row in gold:
        candidates = by_key.get(_key(g_row))
        if not candidates:
            continue
        p_row = candidates.pop(0)
        gc = [c for c in g_row.get("constraints", []) if c.get("type") == base]
        pc = [c for c in p_row.get("constraints", []) if c.get("type") == base]
        pairs = _pairs(gc, pc, same, g_row["text"] == p_row["text"])
        paired_g = {id(g) for g, _ in pairs}
        paired_p = {id(p) for _, p in pairs}
        lost = [c for c in gc if id(c) not in paired_g]
        extra = [c for c in pc if id(c) not in paired_p]
        if not lost and not extra:
            continue
        print(f"== {g_row['trial_id']} {g_row['kind']} {g_row['ordinal']}: {g_row['text']}")
        for c in lost:
            print(f"   miss  {_show(c)}")
        for c in extra:
            print(f"   false {_show(c)}")
        misses += len(lost)
        false += len(extra)
    print(f"{misses} missed, {false} false")


if __name__ == "__main__":
    main()
