"""The deterministic normaliser: the keys under which strings and lexicon terms meet.

Two strings match when they share a key. :func:`fold` is the light key (case,
accents, quotes, dashes, trademark signs); :func:`bag_key` the strong one (also
punctuation, hyphens, possessives, plurals, British spellings, Roman numerals
after "type"/"stage"..., and word order, so "Carcinoma, Hepatocellular" meets
"hepatocellular carcinomas"). :func:`joined_key` also glues hyphenated parts
("Pre-Eclampsia" meets "Preeclampsia"). Nothing here depends on any lexicon.

>>> fold("  Sjögren’s  Syndrome® ")
"sjogren's syndrome"
>>> bag_key("Carcinoma, Hepatocellular") == bag_key("hepatocellular carcinomas")
True
>>> bag_key("Crohn's Disease") == bag_key("Crohn Disease")
True
>>> joined_key("Pre-Eclampsia") == joined_key("Preeclampsia")
True
>>> bag_key("Diabetes Mellitus, Type II") == bag_key("Type 2 diabetes mellitus")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NORMALISER_VERSION = "1"

_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ω": "omega",
}
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u00ad]")
_QUOTES = re.compile(r"[\u2018\u2019\u201b\u2032`´]")
_MARKS = re.compile(r"[®™©℠]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
_SPLIT_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")

STOPWORDS = frozenset({"the", "of", "and", "in", "with", "for", "a", "an", "to", "by", "on", "nos"})
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}
_ROMAN_AFTER = frozenset({"type", "stage", "grade", "class", "phase", "factor", "group"})
_ROMAN_ALWAYS = frozenset({"ii", "iii", "iv", "vi", "vii", "viii"})


def fold(text: str) -> str:
    """Case- and accent-fold a string, unify quotes and dashes, drop ®/™, squeeze spaces.

    >>> fold("Non‐Small‐Cell  LUNG Cancer™")
    'non-small-cell lung cancer'
    """
    if text.isascii():
        return " ".join(text.casefold().replace("`", "'").split())
    return _fold_unicode(text)


@lru_cache(maxsize=65536)
def _fold_unicode(text: str) -> str:
    text = _MARKS.sub("", text)
    text = "".join(_GREEK.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _QUOTES.sub("'", _DASHES.sub("-", text))
    return _SPACE.sub(" ", text.casefold()).strip()


def singular(word: str) -> str:
    """A crude but deterministic English singular (applied the same way on both sides).

    >>> [singular(w) for w in ["therapies", "abscesses", "psychoses", "neoplasms", "virus"]]
    ['therapy', 'abscess', 'psychosis', 'neoplasm', 'virus']
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("oses") and len(word) >= 8:
        return word[:-2] + "is"
    if word.endswith(("omas", "emas", "mias")):
        return word[:-1]
    if word.endswith(("ss", "us", "is", "ys", "as")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _spelling(word: str) -> str:
    """Fold British spellings onto American ones (tumour, anaemia, sulphate, oesophagus)."""
    if len(word) > 4:
        word = word.replace("ae", "e").replace("oe", "e").replace("sulph", "sulf")
        if word.endswith("our") and len(word) > 5:
            word = word[:-3] + "or"
    return word


def tokens(text: str) -> list[str]:
    """The normalised words of a string, in order (stopwords dropped).

    Short all-capital words (acronyms such as AIDS) are not singularised.

    >>> tokens("Sjogren's Syndrome")
    ['sjogren', 'syndrome']
    >>> tokens("AIDS-related Lymphomas")
    ['aids', 'related', 'lymphoma']
    >>> tokens("Leukaemia, stage IV")
    ['leukemia', 'stage', '4']
    """
    return list(_tokens(text))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    raw_words = _SPLIT_WORD.findall(_QUOTES.sub("'", _MARKS.sub("", text)))
    out: list[str] = []
    previous = ""
    for raw in raw_words:
        acronym = raw.isupper() and len(raw) <= 5
        for word in _WORD.findall(_POSSESSIVE.sub("", fold(raw))):
            if word in STOPWORDS:
                continue
            if word in _ROMAN_ALWAYS or (word in _ROMAN and previous in _ROMAN_AFTER):
                word = _ROMAN[word]
            elif not acronym:
                word = _spelling(singular(word))
            out.append(word)
            previous = word
    return tuple(out)


def bag_key(text: str) -> str:
    """The order-free key: sorted distinct normalised words.

    >>> bag_key("Neoplasms, Breast")
    'breast neoplasm'
    """
    return " ".join(sorted(set(_tokens(text))))


def joined_key(text: str) -> str:
    """Like :func:`bag_key` but with hyphenated and slashed parts glued together.

    >>> joined_key("COVID-19") == joined_key("Covid19")
    True
    """
    glued = re.sub(r"(?<=\w)[-‐/](?=\w)", "", fold(text))
    return bag_key(glued)


def keys(text: str) -> tuple[str, ...]:
    """Every strong key of a string (bag and joined), distinct, in a fixed order.

    >>> keys("Pre-Eclampsia")
    ('eclampsia pre', 'preeclampsia')
    """
    found: list[str] = []
    for k in (bag_key(text), joined_key(text)):
        if k and k not in found:
            found.append(k)
    return tuple(found)
