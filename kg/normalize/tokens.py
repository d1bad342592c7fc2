"""Search tokens: the normalised words a text is found by (``tkg:searchToken``).

A token is a word case-folded with its accents removed; words are runs of letters or runs
of digits, so punctuation, hyphens, spaces and a change between letters and digits separate
them ("COVID19", "COVID-19" and "covid 19" have the same tokens). The mapper stores the tokens of
the texts users search by (reported conditions, intervention names, organization names,
trial titles) and the bundled queries look a search up by the same tokens: a search is an
index lookup of whole words, every word of the search present, in any order.

>>> tokens("COVID-19 Pneumonia"), tokens("COVID19"), tokens("2019-nCoV")
(['covid', '19', 'pneumonia'], ['covid', '19'], ['2019', 'ncov'])
>>> tokens("Hôpital Universitaire de Genève")
['hopital', 'universitaire', 'de', 'geneve']
>>> tokens("Straße, STRASSE")
['strasse']
>>> tokens("  ; - ")
[]
>>> text_tokens(["Examplomab", "examplomab (EXM1)"])
['examplomab', 'exm', '1']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+|\d+")


def tokens(text: str) -> list[str]:
    """The distinct search tokens of a text, in order of first appearance."""
    if text.isascii():  # nothing to decompose: casefold is lower (the usual case, fast)
        return list(dict.fromkeys(_WORD.findall(text.lower())))
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return list(dict.fromkeys(_WORD.findall(plain)))


def text_tokens(texts: Iterable[str]) -> list[str]:
    """The distinct search tokens of several texts (a name and its other names)."""
    return list(dict.fromkeys(tok for text in texts for tok in tokens(text)))
