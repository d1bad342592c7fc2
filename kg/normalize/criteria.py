"""Eligibility texts -> ordered individual criteria.

Handles headed blocks ("Inclusion Criteria:" ... "Exclusion Criteria:"), list
markers ("* ", "- ", "• ", "1.", "1)", "(1)", "a."), hard-wrapped continuation
lines and ``<br>``-separated items. Only list markers are removed; every word
of the text is kept.

>>> crits = split_criteria("Inclusion Criteria:\\n\\n* Age 18 or over\\n* Signed consent\\n"
...                        "\\nExclusion Criteria:\\n\\n* Pregnancy", None)
>>> for c in crits:
...     print(c.kind, c.position, c.text)
inclusion 1 Age 18 or over
inclusion 2 Signed consent
exclusion 1 Pregnancy
"""

from __future__ import annotations

import re

from kg.model import Criterion
from kg.normalize.text import clean

_HEADING = re.compile(
    r"^\s*(?:key\s+)?(inclusion|exclusion)\s+criteria\b\s*(?:[:：]\s*|$)(.*)$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"^\s*(?:[*\-•·▪◦‣●○■□]|\(?\d{1,3}[.)、]|\(\d{1,3}\)|\(?[a-zA-Z][.)]|[ivx]{1,4}[.)])\s+"
    r"|^\s*\d{1,3}、\s*"
)
_SPACE = re.compile(r"\s+")


def _blocks(text: str | None, kind: str, cleaned_already: bool) -> list[tuple[str, list[str]]]:
    """Split one field into (kind, lines) blocks at inclusion/exclusion headings."""
    cleaned = text if cleaned_already else clean(text)
    if cleaned is None:
        return []
    blocks: list[tuple[str, list[str]]] = [(kind, [])]
    for line in cleaned.split("\n"):
        heading = _HEADING.match(line)
        if heading is not None:
            blocks.append((heading[1].lower(), []))
            rest = heading[2].strip()
            if rest:
                blocks[-1][1].append(rest)
            continue
        blocks[-1][1].append(line)
    return [(k, lines) for k, lines in blocks if any(line.strip() for line in lines)]


def _items(lines: list[str]) -> list[str]:
    """Group lines into items: a marker starts one, a blank line ends one."""
    has_markers = any(_MARKER.match(line) for line in lines)
    has_blanks = any(not line.strip() for line in lines)
    items: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if not line.strip():
            current = None
            continue
        marker = _MARKER.match(line)
        if marker is not None:
            current = [line[marker.end() :]]
            items.append(current)
        elif current is None or not (has_markers or has_blanks):
            current = [line]
            items.append(current)
        else:
            current.append(line)
    out: list[str] = []
    for item in items:
        text = _SPACE.sub(" ", " ".join(item)).strip().rstrip(";；").strip()
        if text:
            out.append(text)
    return out


def split_criteria(
    inclusion: str | None, exclusion: str | None, *, cleaned: bool = False
) -> list[Criterion]:
    """Individual criteria from the inclusion and exclusion fields, in source order.

    Text without headings belongs to the field it came from; a heading inside a
    field (CT.gov-sourced ICTRP records put both lists in the inclusion field)
    switches the kind. ``cleaned=True`` says both texts already went through
    :func:`kg.normalize.text.clean` (saves cleaning long texts twice).

    >>> [c.text for c in split_criteria("1. Aged 18-75;<br>2. Confirmed COVID-19;", None)]
    ['Aged 18-75', 'Confirmed COVID-19']
    >>> [(c.kind, c.text) for c in split_criteria(None, "Pregnant or lactating women")]
    [('exclusion', 'Pregnant or lactating women')]
    """
    out: list[Criterion] = []
    counts = {"inclusion": 0, "exclusion": 0}
    blocks = _blocks(inclusion, "inclusion", cleaned) + _blocks(exclusion, "exclusion", cleaned)
    for kind, lines in blocks:
        for text in _items(lines):
            counts[kind] += 1
            out.append(Criterion(kind, counts[kind], text))
    return out
