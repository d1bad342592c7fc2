"""Sample sizes: a total, or ChiCTR per-arm parts summed into a total.

>>> sample_size("20")
SampleSize(raw='20', total=20, parts=(), status=None)
>>> s = sample_size("control group:50;sepsis group:50;")
>>> s.total, [p.label for p in s.parts]
(100, ['control group', 'sepsis group'])
"""

from __future__ import annotations

import re

from kg.model import SamplePart, SampleSize
from kg.normalize.text import clean_line

_PART = re.compile(r"(.*?)\s*[:：=]\s*(\d+)\s*")


def _int(text: str) -> int | None:
    text = text.strip().rstrip(".")
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+|\d+", text):
        return int(re.sub(r"[ ,]", "", text))
    return None


def sample_size(raw: str | None) -> SampleSize | None:
    """Parse a target/actual size; unreadable values keep ``raw`` with ``total`` None.

    >>> sample_size("Group A:79;Group B:79;").total
    158
    >>> sample_size("0").total, sample_size("about a hundred").total
    (0, None)
    >>> sample_size(" ") is None
    True
    """
    text = clean_line(raw)
    if text is None:
        return None
    total = _int(text)
    if total is not None:
        return SampleSize(text, total)
    pieces = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    parts: list[SamplePart] = []
    for piece in pieces:
        match = _PART.fullmatch(piece)
        if match is None:
            return SampleSize(text)
        parts.append(SamplePart(match[1].strip(), int(match[2])))
    if not parts:
        return SampleSize(text)
    return SampleSize(text, sum(p.size for p in parts), tuple(parts))
