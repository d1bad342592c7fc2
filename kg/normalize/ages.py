"""Age limits: a quantity with a UCUM unit, or an explicit "no limit".

>>> parse_age("18 Years")
Age(raw='18 Years', value=Decimal('18'), unit='a', no_limit=False)
>>> parse_age("N/A").no_limit
True
>>> parse_age("16years-old").value, parse_age("6 Months").unit
(Decimal('16'), 'mo')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kg.model import Age
from kg.normalize.text import clean_line

# Explicit "no limit" spellings (lower-cased).
NO_LIMIT: frozenset[str] = frozenset(
    {
        "n/a",
        "na",
        "none",
        "no limit",
        "no limits",
        "nolimit",
        "no maximum age",
        "no minimum age",
        "no max",
        "no min",
        "not applicable",
        "not stated",
        "not specified",
        "no age limit",
        "unlimited",
        "-",
    }
)

# Unit spellings (lower-cased, no trailing dots) -> UCUM code in model.AGE_UNIT_YEARS.
UNITS: dict[str, str] = {
    "year": "a",
    "years": "a",
    "yr": "a",
    "yrs": "a",
    "y": "a",
    "age": "a",  # JPRN ">= 20age old"
    "month": "mo",
    "months": "mo",
    "mo": "mo",
    "mos": "mo",
    "m": "mo",
    "week": "wk",
    "weeks": "wk",
    "wk": "wk",
    "wks": "wk",
    "w": "wk",
    "day": "d",
    "days": "d",
    "d": "d",
    "hour": "h",
    "hours": "h",
    "hr": "h",
    "hrs": "h",
    "h": "h",
    "minute": "min",
    "minutes": "min",
    "min": "min",
    "mins": "min",
}

_QUANTITY = re.compile(
    r"(?:[<>≥≤]=?|=)?\s*(\d+(?:[.,]\d+)?)\s*\+?\s*"  # comparator, number, "65+"
    r"(?:\(?\s*([A-Za-z]+)\.?\s*\)?)?"  # unit, maybe in brackets: "60(Year)"
    r"(?:[\s-]*(?:old|of age|and (?:older|over|above|younger|under)"
    r"|or (?:older|more|less|younger)))?"
    r"\s*"
)


def parse_age(raw: str | None) -> Age | None:
    """Parse an age limit; ``None`` when empty (a lone tab counts as empty).

    A bare number is in years. Unreadable values give ``Age(raw)`` with no value
    and ``no_limit=False``, for the caller to report.

    >>> parse_age(">= 20age old").value, parse_age("60(Year)").unit
    (Decimal('20'), 'a')
    >>> parse_age("65+").value, parse_age("18").unit
    (Decimal('65'), 'a')
    >>> parse_age("28 Days").years
    Decimal('0.0767')
    >>> parse_age("adults")
    Age(raw='adults', value=None, unit=None, no_limit=False)
    >>> parse_age("\\t") is None
    True
    """
    text = clean_line(raw)
    if text is None:
        return None
    if text.lower().rstrip(".") in NO_LIMIT:
        return Age(text, no_limit=True)
    match = _QUANTITY.fullmatch(text)
    if match is None:
        return Age(text)
    try:
        value = Decimal(match[1].replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return Age(text)
    unit_word = (match[2] or "years").lower()
    unit = UNITS.get(unit_word)
    if unit is None:
        return Age(text)
    return Age(text, value=value, unit=unit)
