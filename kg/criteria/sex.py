"""Sex: only when the criterion restricts to one sex.

"Women and men", "regardless of gender", "male or female" restrict nothing; a
sex word inside a reproductive phrase ("pregnant women", "women of
childbearing potential") names a subgroup, not a restriction.

>>> [(c.value, c.text) for c in sexes("Postmenopausal women aged 50-75")]
[('female', 'women')]
>>> sexes("Pregnant and lactating women"), sexes("Male or females 12-24 years old")
([], [])
>>> [(c.value, c.text) for c in sexes("Healthy male volunteers")]
[('male', 'male')]
"""

from __future__ import annotations

import re

from kg.criteria.model import Constraint, ConstraintType

_FEMALE = re.compile(r"\b(?:wom[ae]n|females?|girls?|mothers?|ladies)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:m[ae]n|males?|boys?)\b", re.IGNORECASE)
_ANY = re.compile(
    r"\b(?:regardless\s+of|irrespective\s+of|any|either|both|all)\s+(?:gender|sex(?:es)?)\b"
    r"|\b(?:gender|sex)\s*(?:[:;]|is|are)?\s*(?:not\s+limited|unlimited|any|all|both)\b",
    re.IGNORECASE,
)
_SUBGROUP = re.compile(
    r"pregnan|lactat|breast|nursing|child[- ]?bearing|reproductive|fertile|contracep|"
    r"menopaus|menstrua|sterile|partner|spouse|wives|wife|who\s+(?:are|is|could)",
    re.IGNORECASE,
)
_POSTMENOPAUSAL = re.compile(r"post-?menopausal\s+$", re.IGNORECASE)


def sexes(text: str) -> list[Constraint]:
    """At most one sex constraint: the criterion's only sex, when it names one."""
    if _ANY.search(text):
        return []
    female, male = list(_FEMALE.finditer(text)), list(_MALE.finditer(text))
    if female and male:
        return []
    for matches, value in ((female, "female"), (male, "male")):
        for m in matches:
            near = text[max(0, m.start() - 40) : m.end() + 40]
            if _SUBGROUP.search(near) and not _POSTMENOPAUSAL.search(text[: m.start()]):
                continue
            return [Constraint(ConstraintType.SEX, m.start(), m.end(), m.group(), value=value)]
    return []
