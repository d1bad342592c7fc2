"""Bounded spelling repair: one edit (delete, swap, replace, insert) on long words only.

A word of 7 letters or more that no lexicon term uses is replaced by the one
lexicon word one edit away, when exactly one exists; links found through a
repair carry the match type ``spelling`` and a lower confidence.

>>> sorted(edits1("ab"))[:5]
['a', 'aa', 'aab', 'ab', 'aba']
"""

from __future__ import annotations

import re

from kg.linking.index import MIN_REPAIR
from kg.linking.lexicon import Lexicon
from kg.linking.normalise import tokens

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[A-Za-z]+")
_MEMO_LIMIT = 200_000


def edits1(word: str) -> set[str]:
    """Every string one edit away from a word."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)


def repair(text: str, lexicon: Lexicon) -> str | None:
    """The text with its unknown long words repaired, or None when nothing changed."""
    out = text
    changed = False
    for raw in dict.fromkeys(_WORD.findall(text)):
        found = tokens(raw)
        if len(found) != 1 or len(found[0]) < MIN_REPAIR or not found[0].isalpha():
            continue
        replacement = _repaired(found[0], lexicon)
        if replacement is not None:
            out = re.sub(rf"\b{re.escape(raw)}\b", replacement, out)
            changed = True
    return out if changed else None


def _repaired(word: str, lexicon: Lexicon) -> str | None:
    """The one lexicon word an edit away from an unknown word (memoised: words repeat)."""
    if word in lexicon.repairs:
        return lexicon.repairs[word]
    replacement = None
    if not lexicon.known_words([word]):
        known = lexicon.known_words(sorted(edits1(word)))
        if len(known) == 1:
            replacement = known.pop()
    if len(lexicon.repairs) < _MEMO_LIMIT:
        lexicon.repairs[word] = replacement
    return replacement
