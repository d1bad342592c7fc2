"""Condition fields that mix free text with registry coding blocks.

EU-CTR records list a condition's MedDRA coding and its EMA therapeutic area
as extra "conditions" ("MedDRA version: 20.0", "Level: PT", "Classification
code 10036673", "Term: Primary amyloidosis", "System Organ Class: ...",
"Therapeutic area: Diseases [C] - Blood and lymphatic diseases [C15]"). They
are codings, not conditions: this splits them out, keeping every line.

>>> conditions, codings = split_conditions([
...     "Primary amyloidosis with heart involvement", "MedDRA version: 20.0", "Level: PT",
...     "Classification code 10036673", "Term: Primary amyloidosis",
...     "Therapeutic area: Diseases [C] - Blood and lymphatic diseases [C15]"])
>>> conditions
['Primary amyloidosis with heart involvement']
>>> for c in codings:
...     print(c.system, c.code, c.term, sep=" | ")
MedDRA | 10036673 | Primary amyloidosis
EMA therapeutic area | C15 | Blood and lymphatic diseases
>>> codings[0].details
('MedDRA version: 20.0', 'Level: PT', 'Classification code 10036673', 'Term: Primary amyloidosis')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.model import Coding

_MEDDRA_START = re.compile(r"^MedDRA version\s*:", re.IGNORECASE)
_MEDDRA_LINE = re.compile(
    r"^(MedDRA version|Level|Classification code|Term|System Organ Class)\b\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_AREA = re.compile(r"^Therapeutic area\s*:\s*(.*?)\s*$", re.IGNORECASE)
_AREA_LAST = re.compile(r"(?:.*-\s*)?(.*?)\s*\[([A-Z]\d{0,2})\]\s*$")


def _meddra(lines: list[str]) -> Coding:
    values: dict[str, str] = {}
    for line in lines:
        m = _MEDDRA_LINE.match(line)
        if m:
            values.setdefault(m.group(1).casefold(), m.group(2).strip())
    code = values.get("classification code")
    term = values.get("term") or values.get("system organ class") or lines[0]
    return Coding("MedDRA", term, code if code and code.isdigit() else None, tuple(lines))


def _area(text: str, raw: str) -> Coding:
    m = _AREA_LAST.match(text)
    if m and m.group(1):
        return Coding("EMA therapeutic area", m.group(1), m.group(2), (raw,))
    return Coding("EMA therapeutic area", text, None, (raw,))


def split_conditions(values: Sequence[str]) -> tuple[list[str], list[Coding]]:
    """Free-text conditions, and the coding blocks found among them (order kept)."""
    conditions: list[str] = []
    codings: list[Coding] = []
    block: list[str] | None = None
    for value in values:
        if _MEDDRA_START.match(value):
            if block:
                codings.append(_meddra(block))
            block = [value]
            continue
        if block is not None and _MEDDRA_LINE.match(value):
            block.append(value)
            continue
        if block:
            codings.append(_meddra(block))
            block = None
        area = _AREA.match(value)
        if area:
            codings.append(_area(area.group(1), value))
        else:
            conditions.append(value)
    if block:
        codings.append(_meddra(block))
    return conditions, codings
