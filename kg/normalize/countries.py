"""Country names -> ISO 3166-1 alpha-2 codes (pycountry), raw string kept.

>>> country("Korea, Republic of")
Country(raw='Korea, Republic of', code='KR')
>>> [c.code for c in countries("Japan,Asia(except Japan),Australia,Europe")]
['JP', None, 'AU', None]
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from kg.model import Country
from kg.normalize.text import clean, clean_line

# Registry spellings pycountry does not know (keys lower-cased).
ALIASES: dict[str, str] = {
    "iran (islamic republic of)": "IR",
    "iran": "IR",
    "korea, republic of": "KR",
    "republic of korea": "KR",
    "south korea": "KR",
    "korea": "KR",
    "korea, south": "KR",
    "north korea": "KP",
    "viet nam": "VN",
    "vietnam": "VN",
    "russia": "RU",
    "russian federation": "RU",
    "taiwan": "TW",
    "taiwan, province of china": "TW",
    "chinese taipei": "TW",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.a.": "US",
    "us": "US",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "czech republic": "CZ",
    "hong kong": "HK",
    "hong kong sar": "HK",
    "macau": "MO",
    "macao": "MO",
    "macedonia": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "former yugoslav republic of macedonia": "MK",
    "cote d'ivoire": "CI",
    "cote d’ivoire": "CI",
    "côte d'ivoire": "CI",
    "ivory coast": "CI",
    "the netherlands": "NL",
    "holland": "NL",
    "palestine": "PS",
    "palestinian territory, occupied": "PS",
    "palestinian territories": "PS",
    "democratic republic of the congo": "CD",
    "congo, the democratic republic of the": "CD",
    "congo, democratic republic": "CD",
    "republic of the congo": "CG",
    "brunei": "BN",
    "cape verde": "CV",
    "swaziland": "SZ",
    "burma": "MM",
    "micronesia": "FM",
    "kosovo": "XK",  # user-assigned code, widely used (EU, CT.gov)
    "libyan arab jamahiriya": "LY",
    "syrian arab republic": "SY",
    "lao people's democratic republic": "LA",
    "moldova, republic of": "MD",
    "tanzania, united republic of": "TZ",
    "venezuela, bolivarian republic of": "VE",
    "bolivia, plurinational state of": "BO",
    "vatican city": "VA",
    "holy see (vatican city state)": "VA",
    "reunion": "RE",
    "curacao": "CW",
    # misspellings and city names seen in the ICTRP COVID-19 export
    "chian": "CN",
    "chinese": "CN",
    "wuhan": "CN",
    "p.r. china": "CN",
    "pr china": "CN",
    "people's republic of china": "CN",
    "mainland china": "CN",
}

_TRIM = " \t.?!*"


@lru_cache(maxsize=4096)
def _code(name: str) -> str | None:
    key = name.strip(_TRIM).lower()
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    try:
        found = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return str(found.alpha_2)


def country(raw: str) -> Country:
    """One country name -> ``Country(raw, code)``; code ``None`` for regions/unknown.

    >>> country("Iran (Islamic Republic of)").code, country("Türkiye").code, country("UK").code
    ('IR', 'TR', 'GB')
    >>> country("Asia(except Japan)")
    Country(raw='Asia(except Japan)', code=None)
    """
    text = clean_line(raw) or raw.strip()
    return Country(text, _code(text))


def _split_commas(piece: str) -> list[str]:
    """Split on "," but keep names that contain a comma ("Korea, Republic of")."""
    if _code(piece) is not None or "," not in piece:
        return [piece]
    tokens = [t.strip() for t in piece.split(",")]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and _code(f"{tokens[i]}, {tokens[i + 1]}") is not None:
            out.append(f"{tokens[i]}, {tokens[i + 1]}")
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def countries(raw: str | None) -> list[Country]:
    """Split a countries field (";", ",", ``<br>``, newlines), deduplicated by code.

    >>> [c.code for c in countries("France;France;Korea, Republic of;Turkey;Türkiye;")]
    ['FR', 'KR', 'TR']
    >>> countries(None)
    []
    """
    text = clean(raw)
    if text is None:
        return []
    out: list[Country] = []
    seen: set[str] = set()
    for piece in re.split(r"[;\n]", text):
        for name in _split_commas(piece.strip()):
            if not name.strip(_TRIM):
                continue
            found = country(name)
            key = found.code or found.raw.lower()
            if key in seen:
                continue
            seen.add(key)
            out.append(found)
    return out
