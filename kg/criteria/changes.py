"""A threshold on a quantity's change: "a decline in GFR of >10%" is `GFR decline > 10 %`.

Round 12 (heldout11): a relative change is labelled when a sign is written (the gold rules,
"Added for heldout11"), named after the quantity and the change word: a known quantity right
after "decline/decrease/drop/fall/reduction/increase/rise in (or of)" is that quantity's change,
when the value is the change's amount ("of >10%", "by >26.5 umol/L"), not the level reached
("Decrease in creatinine clearance to < 30 mL/minute", "Increase in ALT … is more than 5 times
the upper limit of normal": levels, named as before).

>>> from kg.criteria.model import Constraint, ConstraintType, Op
>>> t = "a decline in GFR of >10%"
>>> c = Constraint(ConstraintType.THRESHOLD, 13, 24, t[13:24], op=Op.GT, value=10, unit="%",
...                quantity="GFR")
>>> [(c.quantity, c.text) for c in changes(t, [c])]
[('GFR decline', 'decline in GFR of >10%')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.criteria.model import Constraint, ConstraintType

_WORDS = r"declines?|decreases?|drops?|falls?|reductions?|increases?|rises?"
CHANGE_WORD = re.compile(rf"\b(?:{_WORDS})\b", re.IGNORECASE)
# the change's amount: "of >10%", "by >26.5 umol/L" (not the level reached: "to < 30 mL/min",
# "Increase in ALT … is more than 5 times the upper limit of normal")
_AMOUNT = re.compile(
    r"\b(?:of|by)\s*(?:[<>≤≥=]|(?:more|less|greater|over|above)\b|at\s+least\b)", re.I
)
_BEFORE = re.compile(rf"\b(?P<word>{_WORDS})\s+(?:in|of)\s+(?:the\s+)?$", re.IGNORECASE)


def changes(text: str, out: list[Constraint]) -> list[Constraint]:
    """``out`` with the thresholds of a quantity named right after a change word renamed."""
    done: list[Constraint] = []
    for c in out:
        m = None
        if c.type is ConstraintType.THRESHOLD and c.quantity and _AMOUNT.search(c.text):
            m = _BEFORE.search(text, max(0, c.start - 30), c.start)
        if m is not None:
            word = m.group("word").lower()
            word = word[:-1] if word.endswith("s") else word
            c = replace(c, quantity=f"{c.quantity} {word}", start=m.start(),
                        text=text[m.start() : c.end])  # fmt: skip
        done.append(c)
    return done
