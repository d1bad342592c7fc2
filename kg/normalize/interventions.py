"""Reported intervention strings: "Drug: Abatacept" -> type Drug, name Abatacept.

>>> i = intervention("Drug: Abatacept")
>>> i.name, i.type.code if i.type else None
('Abatacept', 'drug')
>>> intervention("Group A: high-dose vitamin D").name
'Group A: high-dose vitamin D'
>>> intervention("Dietary Supplement: Fish oil").type
Coded(raw='Dietary Supplement', code='dietary-supplement')
"""

from __future__ import annotations

import re

from kg.model import Intervention
from kg.normalize.coded import intervention_type

_PREFIX = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{1,30}?)\s*:\s*(\S.*)$", re.DOTALL)


def intervention(raw: str) -> Intervention:
    """Split a "Type: name" intervention; the prefix counts only if it is a known type."""
    text = raw.strip()
    m = _PREFIX.match(text)
    if m:
        coded = intervention_type(m.group(1))
        if coded is not None and coded.code is not None:
            return Intervention(raw=text, name=m.group(2).strip(), type=coded)
    return Intervention(raw=text, name=text)
