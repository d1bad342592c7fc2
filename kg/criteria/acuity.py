"""Visual acuity limits: "Best corrected visual acuity worse than 20/40", "0.1 or better".

Round 15 (heldout14, the gold rules "Added for heldout14"): a visual acuity is a threshold
without unit on the quantity as written ("best corrected visual acuity", "visual acuity",
"BCVA"), a Snellen fraction read as its decimal (20/40 -> 0.5, three decimals). "worse than"
is `<`, "better than" `>`, "N or better" `>=`, "N or worse" `<=`; any other comparison as the
extractor knows it. Only in the clause of the quantity (no other number between them).

>>> [(c.quantity, c.op.value, c.value) for c in acuity("Best corrected visual acuity worse "
...  "than 20/40.", [])]
[('best corrected visual acuity', '<', 0.5)]
>>> [(c.op.value, c.value) for c in acuity("Best corrected visual acuity reach 0.1 or better", [])]
[('>=', 0.1)]
"""

from __future__ import annotations

import re

from kg.criteria.measure import OP_PATTERN, op_of
from kg.criteria.model import Constraint, ConstraintType, Op

_WORDS = {"worse than": Op.LT, "better than": Op.GT, "better": Op.GE, "worse": Op.LE}
_VALUE = r"\d{1,3}\s*/\s*\d{1,3}(?!\d)|\d(?:\.\d{1,3})?(?![\d/])"
_ACUITY = re.compile(
    r"(?P<q>\b(?:(?:best[- ])?corrected\s+)?(?:distance\s+)?visual\s+acuity|\bB?CVA\b)"
    r"(?:\s*\(B?CVA\))?[^.;\d<>≤≥=]{0,30}?"
    rf"(?:(?P<op>\bworse\s+than\b|\bbetter\s+than\b|{OP_PATTERN})\s*(?P<a>{_VALUE})"
    rf"|(?P<b>{_VALUE})\s+or\s+(?P<dir>better|worse)\b)",
    re.IGNORECASE,
)


def _decimal(value: str) -> int | float:
    if "/" in value:
        top, bottom = (int(v) for v in value.split("/"))
        return round(top / bottom, 3) if bottom else 0
    return float(value) if "." in value else int(value)


def acuity(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the visual acuity limits no threshold in it covers."""
    found: list[Constraint] = []
    for m in _ACUITY.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        word = " ".join((m.group("op") or m.group("dir")).lower().split())
        op = _WORDS.get(word) or op_of(m.group("op"))
        value = _decimal(m.group("a") or m.group("b"))
        quantity = " ".join(m.group("q").replace("-", " ").split())
        quantity = quantity if quantity.isupper() else quantity.lower()
        found.append(Constraint(ConstraintType.THRESHOLD, m.start(), m.end(), m.group(), op=op,
                                value=value, quantity=quantity))  # fmt: skip
    return sorted(out + found, key=lambda c: c.start) if found else out
