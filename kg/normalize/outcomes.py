"""Outcome fields -> individual outcomes (measure + time frame), raw kept.

ICTRP joins outcomes with ";" (ChiCTR adds a trailing one) or ``<br>``;
ClinicalTrials.gov-sourced outcomes carry "[Time Frame: ...]"; EUCTR/CTIS use a
labelled form ("Main Objective: ...;Primary end point(s): ...;Timepoint(s) of
evaluation of this end point: ...").

>>> [(o.position, o.measure, o.time_frame)
...  for o in parse_outcomes("IMACS score [Time Frame: 12 weeks];Dose;", "primary")]
[(1, 'IMACS score', '12 weeks'), (2, 'Dose', None)]
"""

from __future__ import annotations

import re

from kg.model import Outcome
from kg.normalize.criteria import _MARKER
from kg.normalize.text import clean, clean_line

_TIME_FRAME = re.compile(
    r"^(.*?)\s*\[\s*(?:time\s*frame|time\s*window|timepoints?|time\s*point)\s*[:：]\s*(.*?)\s*\]\s*$",
    re.IGNORECASE | re.DOTALL,
)
_EU_LABEL = re.compile(
    r"(main objective|secondary objective|primary end ?point\(s\)|secondary end ?point\(s\)"
    r"|timepoint\(s\) of evaluation of this end ?point)\s*:",
    re.IGNORECASE,
)


def _split_top(text: str) -> list[str]:
    """Split on ";" and newlines that are not inside brackets."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char in ";\n" and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def _labelled(text: str, kind: str) -> list[Outcome]:
    """EUCTR/CTIS labelled outcome texts."""
    marks = list(_EU_LABEL.finditer(text))
    objectives: list[str] = []
    found: list[tuple[str, str | None, str]] = []  # measure, time frame, raw
    preamble = clean_line(text[: marks[0].start()].strip().rstrip(";"))
    if preamble:
        found.append((preamble, None, preamble))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = clean_line(text[mark.end() : end].strip().rstrip(";").strip())
        if value is None:
            continue
        label = mark[1].lower()
        raw = f"{mark[1]}: {value}"
        if "objective" in label:
            objectives.append(raw)
        elif label.startswith("timepoint") and found:
            measure, _, first_raw = found[-1]
            found[-1] = (measure, value, f"{first_raw};{raw}")
        else:
            found.append((value, None, raw))
    description = " ".join(objectives) or None
    if not found:
        return [Outcome(kind, 1, description or text, raw=text)] if (description or text) else []
    return [
        Outcome(kind, n, measure, frame, description if n == 1 else None, raw)
        for n, (measure, frame, raw) in enumerate(found, start=1)
    ]


def parse_outcomes(raw: str | None, kind: str) -> list[Outcome]:
    """Split an outcome field into :class:`~kg.model.Outcome` items (1-based positions).

    >>> parse_outcomes("Main Objective: Safety;Primary end point(s): SAEs;"
    ...     "Timepoint(s) of evaluation of this end point: week 12", "primary")[0].time_frame
    'week 12'
    >>> parse_outcomes(None, "secondary")
    []
    """
    text = clean(raw)
    if text is None:
        return []
    if _EU_LABEL.search(text):
        return _labelled(text, kind)
    out: list[Outcome] = []
    seen: set[str] = set()
    for piece in _split_top(text):
        item = clean_line(piece)
        if item is None or item in seen:
            continue
        seen.add(item)
        marker = _MARKER.match(item)
        body = item[marker.end() :] if marker else item
        match = _TIME_FRAME.match(body)
        measure, frame = (match[1], match[2] or None) if match else (body, None)
        out.append(Outcome(kind, len(out) + 1, measure or body, frame, raw=item))
    return out
