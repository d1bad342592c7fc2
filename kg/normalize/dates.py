"""Registry dates with their precision (day, month or year).

>>> parse_date("17/05/2021").iso()
'2021-05-17'
>>> parse_date("December 2019").precision
<Precision.MONTH: 'month'>
>>> parse_date("06/09/2024 16:01:13", day_first=False).iso()
'2024-06-09'
"""

from __future__ import annotations

import calendar
import re

from kg.model import PartialDate
from kg.normalize import Unrecognised
from kg.normalize.text import clean_line

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9

_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AP]M)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YM = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MY = re.compile(r"(\d{1,2})[-/.](\d{4})")
_Y = re.compile(r"(\d{4})")
_D_MONTH_Y = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]+([A-Za-z]+)\.?,?[ -]+(\d{4})")
_MONTH_D_Y = re.compile(r"([A-Za-z]+)\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})")
_MONTH_Y = re.compile(r"([A-Za-z]+)\.?,? +(\d{4})")


def _make(raw: str, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    if not 1000 <= year <= 2999:
        raise Unrecognised(f"unrecognised date: {raw!r} (year {year})")
    if month is not None and not 1 <= month <= 12:
        raise Unrecognised(f"unrecognised date: {raw!r} (month {month})")
    if day is not None:
        assert month is not None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise Unrecognised(f"unrecognised date: {raw!r} (no day {day} in that month)")
    return PartialDate(year, month, day, raw=raw)


def _month(name: str, raw: str) -> int:
    number = _MONTHS.get(name.lower())
    if number is None:
        raise Unrecognised(f"unrecognised date: {raw!r} (month name {name!r})")
    return number


def parse_date(raw: str | None, *, day_first: bool = True) -> PartialDate | None:
    """Parse a registry date; ``None`` when empty, :class:`Unrecognised` when not a date.

    Slash/dash dates with the year last are day-first unless ``day_first=False``
    (ICTRP ``Export_date`` is MM/DD/YYYY).

    >>> parse_date("2020/02/01").iso(), parse_date("20210517").iso()
    ('2020-02-01', '2021-05-17')
    >>> parse_date("February 1, 2021").iso(), parse_date("12 July 2021").iso()
    ('2021-02-01', '2021-07-12')
    >>> parse_date("2019-12").iso(), parse_date("2019").precision
    ('2019-12', <Precision.YEAR: 'year'>)
    >>> parse_date("31/02/2021")
    Traceback (most recent call last):
    ...
    kg.normalize.Unrecognised: unrecognised date: '31/02/2021' (no day 31 in that month)
    >>> parse_date("  ") is None
    True
    """
    text = clean_line(raw)
    if text is None:
        return None
    original = text
    if m := _YMD.fullmatch(text):
        return _make(original, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.fullmatch(text):
        first, second = int(m[1]), int(m[2])
        day, month = (first, second) if day_first else (second, first)
        return _make(original, int(m[3]), month, day)
    if m := _COMPACT.fullmatch(text):
        return _make(original, int(m[1]), int(m[2]), int(m[3]))
    if m := _YM.fullmatch(text):
        return _make(original, int(m[1]), int(m[2]))
    if m := _MY.fullmatch(text):
        return _make(original, int(m[2]), int(m[1]))
    if m := _Y.fullmatch(text):
        return _make(original, int(m[1]))
    if m := _D_MONTH_Y.fullmatch(text):
        return _make(original, int(m[3]), _month(m[2], original), int(m[1]))
    if m := _MONTH_D_Y.fullmatch(text):
        return _make(original, int(m[3]), _month(m[1], original), int(m[2]))
    if m := _MONTH_Y.fullmatch(text):
        return _make(original, int(m[2]), _month(m[1], original))
    raise Unrecognised(f"unrecognised date: {original!r}")
