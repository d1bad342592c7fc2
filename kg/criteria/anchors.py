"""The event a period is anchored on (kg.criteria.temporal): the first anchor word in the 30
characters past a link word ("of", "before", "prior to", "since", "after", …) right after the
period, a restatement in parentheses skipped ("in the 4 weeks (28 days) prior to …"); none is
`unspecified`.

>>> anchor_of(" prior to randomisation").value, anchor_of(" (28 days) before the first dose").value
('randomisation', 'study start')
"""

from __future__ import annotations

import re

from kg.criteria.model import Anchor

_ANCHORS: tuple[tuple[Anchor, re.Pattern[str]], ...] = (
    (Anchor.RANDOMISATION, re.compile(r"randomi[sz]", re.I)),
    (Anchor.SCREENING, re.compile(r"screen", re.I)),
    (Anchor.DIAGNOSIS, re.compile(r"diagnos", re.I)),
    (
        Anchor.ADMISSION,
        re.compile(
            r"admission|admitted|hospitali[sz]|presentation\s+to\s+(?:the\s+)?(?:hospital|emergency|ED\b)",
            re.I,
        ),
    ),
    (
        Anchor.STUDY_START,
        re.compile(
            r"first\s+(?:dose|administration|dosing|infusion|injection|vaccination)|"
            r"administration\s+of\s+(?:the\s+)?(?:stud|invest)|"
            r"study\s+(?:drug|treatment|medication|intervention|start|day)|"
            r"start\s+of\s+(?:the\s+|this\s+)?(?:study|trial|treatment)|day\s+1\b|initiation|dosing|"
            r"investigational|trial\s+start|index\s+(?:operation|surgery|procedure)|"
            r"study\s+(?:entry|inclusion)?\s*start|"
            r"(?:before|prior\s+to|preceding)\s+(?:the\s+|this\s+)?research\b|"  # round 15
            r"(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:surgery|operation)\b|"  # the trial's
            r"(?:before|prior\s+to|preceding)\s+(?:the\s+|this\s+)?(?:study|trial)\b"
            r"(?!\s+(?:entry|enrol|inclusion|screen|visit|randomi|participation|registration))",
            re.I,
        ),
    ),
    (
        Anchor.ENROLMENT,
        re.compile(
            r"enrol|enroll|inclusion|(?:study|trial)\s+entry|\bentry|registration|"
            r"participation|informed\s+consent|signing|consent|recruitment",
            re.I,
        ),
    ),
)
_LINK = re.compile(
    r"^\s*(?:(?:of|before|prior\s+to|preceding|since|after|from|following|until|to)\b"
    r"[^.;,]{0,25}?)",
    re.IGNORECASE,
)


_RESTATED = re.compile(r"^\s*\([^()]{0,25}\)")  # "in the 4 weeks (28 days) prior to …"


def anchor_of(after: str) -> Anchor:
    restated = _RESTATED.match(after)
    if restated is not None:
        after = after[restated.end() :]
    link = _LINK.match(after)
    if link is None:
        return Anchor.UNSPECIFIED
    window = after[: link.end() + 30]
    best: tuple[int, Anchor] | None = None
    for anchor, pattern in _ANCHORS:
        m = pattern.search(window)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), anchor)
    return Anchor.UNSPECIFIED if best is None else best[1]
