"""Score ``trialkg criteria --json`` output against a hand-labelled gold file of the same format.

Criteria are matched by trial, kind and whitespace/case-normalised text (the
splitting score). Within matched criteria, constraints are matched one to one
by type and fields: age (op, value, value2, unit), sex (value), threshold (op,
value, unit; the quantity scored separately as ``threshold+quantity``),
temporal (relation, value, unit; the anchor separately as
``temporal+anchor``), condition / treatment / reproductive (overlapping
text), consent (negated flag). Negation is scored on the matched mentions.

>>> gold = [{"trial_id": "T", "kind": "inclusion", "ordinal": 1, "text": "Aged >= 18",
...          "constraints": [{"type": "age", "op": ">=", "value": 18, "unit": "a",
...                           "text": "Aged >= 18", "start": 0, "end": 10}]}]
>>> report = evaluate(gold, gold)
>>> report["criteria"]["f1"], report["constraints"]["age"]["precision"]
(1.0, 1.0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

Row = dict[str, Any]
_MENTIONS = ("condition", "treatment", "reproductive")
_FIELDS: dict[str, tuple[str, ...]] = {
    "age": ("op", "value", "value2", "unit"),
    "sex": ("value",),
    "threshold": ("op", "value", "unit"),
    "threshold+quantity": ("op", "value", "unit", "quantity"),
    "temporal": ("relation", "value", "unit"),
    "temporal+anchor": ("relation", "value", "unit", "anchor"),
    "consent": ("negated",),
}
TYPES = (
    "age", "sex", "threshold", "threshold+quantity", "temporal", "temporal+anchor",
    "condition", "treatment", "reproductive", "consent",
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"of", "the", "a", "an", "and", "or", "with", "to", "in", "for", "on"})


def _norm(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _value(v: Any) -> Any:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return round(float(v), 6)
    if isinstance(v, str):
        return _norm(v)
    return v


def _same_fields(fields: tuple[str, ...]) -> Callable[[Row, Row, bool], bool]:
    def same(g: Row, p: Row, _: bool) -> bool:
        return all(_value(g.get(f)) == _value(p.get(f)) for f in fields)

    return same


def _overlap(g: Row, p: Row, same_text: bool) -> bool:
    if same_text and all(isinstance(x.get(k), int) for x in (g, p) for k in ("start", "end")):
        return bool(g["start"] < p["end"] and p["start"] < g["end"])
    gw = set(_WORD.findall(_norm(g.get("text", "")))) - _STOP
    pw = set(_WORD.findall(_norm(p.get("text", "")))) - _STOP
    return bool(gw & pw)


def _pairs(
    gold: list[Row], pred: list[Row], same: Callable[[Row, Row, bool], bool], same_text: bool
) -> list[tuple[Row, Row]]:
    used: set[int] = set()
    out: list[tuple[Row, Row]] = []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p, same_text):
                used.add(i)
                out.append((g, p))
                break
    return out


def _score(gold: int, predicted: int, correct: int) -> dict[str, Any]:
    p = correct / predicted if predicted else (1.0 if not gold else 0.0)
    r = correct / gold if gold else (1.0 if not predicted else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    rounded = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    return {"gold": gold, "predicted": predicted, "correct": correct, **rounded}


def _key(row: Row) -> tuple[str, str, str]:
    return (str(row["trial_id"]), str(row["kind"]), _norm(row["text"]))


def evaluate(gold_rows: Iterable[Row], predicted_rows: Iterable[Row]) -> dict[str, Any]:
    """The evaluation report (criteria splitting, constraints per type, negation).

    Only trials present in the gold file are scored."""
    gold = list(gold_rows)
    trials = {str(r["trial_id"]) for r in gold}
    pred = [r for r in predicted_rows if str(r["trial_id"]) in trials]
    by_key: dict[tuple[str, str, str], list[Row]] = {}
    for row in pred:
        by_key.setdefault(_key(row), []).append(row)
    matched: list[tuple[Row, Row]] = []
    for row in gold:
        candidates = by_key.get(_key(row))
        if candidates:
            matched.append((row, candidates.pop(0)))
    counts = {t: [0, 0, 0] for t in TYPES}
    negation = [0, 0]  # matched mentions, flag right
    neg_flags = [0, 0, 0]  # gold negated, predicted negated, both (on matched mentions)
    for g_row, p_row in matched:
        same_text = g_row["text"] == p_row["text"]
        for t in TYPES:
            base = t.split("+")[0]
            gc = [c for c in g_row.get("constraints", []) if c.get("type") == base]
            pc = [c for c in p_row.get("constraints", []) if c.get("type") == base]
            same = _overlap if t in _MENTIONS else _same_fields(_FIELDS[t])
            pairs = _pairs(gc, pc, same, same_text)
            counts[t][0] += len(gc)
            counts[t][1] += len(pc)
            counts[t][2] += len(pairs)
            if t in _MENTIONS:
                for g, p in pairs:
                    gn, pn = bool(g.get("negated")), bool(p.get("negated"))
                    negation[0] += 1
                    negation[1] += gn == pn
                    neg_flags[0] += gn
                    neg_flags[1] += pn
                    neg_flags[2] += gn and pn
    return {
        "criteria": _score(len(gold), len(pred), len(matched)),
        "constraints": {t: _score(*counts[t]) for t in TYPES},
        "negation": {
            "matched_mentions": negation[0],
            "flag_right": negation[1],
            "accuracy": round(negation[1] / negation[0], 4) if negation[0] else None,
            "negated": _score(*neg_flags),
        },
    }
