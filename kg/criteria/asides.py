"""Round 18 (heldout-sex8): sex words that name no subject of the criterion, by the place they
stand in (kg.criteria.sex asks :func:`aside` of each sex word before reading it).

- *A count per person*: a sex word right after "per" ("only one abortion per woman") is the unit
  of a count, as "per day" is of a rate.
- *A reference population*: "the general female population", "the reference population of
  women": the group a value is measured against, as a value given for one sex
  (the lead's rule since round 15) restricts nobody.
- *An example or explanation in parentheses*: a sex word inside a parenthesis opened by "for
  example", "e.g.", "i.e.", "such as" or "including" ("(for example, … or the woman did not
  have a stillbirth)", "(i.e. no repeat abortions; only one abortion per woman …)") explains
  the requirement; it does not name whom the criterion takes.
- *A note run into the criterion*: a sex word after "Note:" / "NB:" in its sentence ("Note:
  mothers will not be withdrawn from the study …") is in a remark, not a criterion.
- *A group heading run into the item before it*: a sex word and ":" closing the text ("Who
  assess perineal wounds Women:") is the heading of the items after it (the gold rules:
  headings are no criteria).

>>> text = "Had a healthy newborn (for example, or the woman did not have a stillbirth)"
>>> aside(text, text.index("woman"), text.index("woman") + 5)
True
>>> aside("Women aged 18 to 45", 0, 5)
False
"""

from __future__ import annotations

import re

_PER = re.compile(r"\bper\s+$", re.IGNORECASE)
_GENERAL = re.compile(r"\b(?:general|reference|healthy)\s+$", re.IGNORECASE)
_POPULATION_AFTER = re.compile(r"\s+(?:populations?|norms?|reference\s+values?)\b", re.IGNORECASE)
_POPULATION_OF = re.compile(
    r"\b(?:general|reference|normal)\s+population\s+of\s+(?:healthy\s+)?$", re.IGNORECASE
)
_EXAMPLE = re.compile(
    r"\(\s*(?:for\s+example|for\s+instance|e\.\s?g\.?|i\.\s?e\.?|such\s+as|including)\b[^()]*$",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\b(?:Note|NB|N\.B\.)\s*:[^.;]*$")
_HEADING_END = re.compile(r"\s*:\s*$")


def aside(text: str, start: int, end: int) -> bool:
    """The sex word at ``text[start:end]`` names no subject of the criterion (module doc)."""
    before = text[max(0, start - 200) : start]
    if _PER.search(before) or _NOTE.search(before) or _HEADING_END.match(text, end):
        return True
    if _GENERAL.search(before) and _POPULATION_AFTER.match(text, end):
        return True  # "the general female population"
    if _POPULATION_OF.search(before):
        return True  # "the reference population of women"
    return _EXAMPLE.search(before) is not None
