"""Shared pieces of the numeric extractors: numbers, comparison words, UCUM units.

>>> number("1,500"), number("2.5"), number("100 000")
(1500, 2.5, 100000)
>>> OPERATORS["no greater than"], OPERATORS["≥"]
(<Op.LE: '<='>, <Op.GE: '>='>)
>>> ucum("mL/min/1.73 m2"), ucum("x ULN"), ucum("mg/dl")
('mL/min/{1.73_m2}', '×ULN', 'mg/dL')
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.criteria.model import Op
from kg.criteria.screen import word_tree

NUMBER = r"\d{1,3}(?:[, ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|\.\d+"

# Comparison words, longest first in the pattern; "=" alone is read as ">="
# (EU-CTR and ICTRP exports lose "≥" to "=": "Aged =18 years"; NL-OMON to "*": "HbA1C * 7%").
OPERATORS: dict[str, Op] = {
    ">=": Op.GE, "=>": Op.GE, "≥": Op.GE, "=/>": Op.GE, ">/=": Op.GE, "⩾": Op.GE,
    "<=": Op.LE, "=<": Op.LE, "≤": Op.LE, "=/<": Op.LE, "</=": Op.LE, "⩽": Op.LE,
    ">": Op.GT, "<": Op.LT, "=": Op.GE, "*": Op.GE,
    "≧": Op.GE, "≦": Op.LE, "> or =": Op.GE, "< or =": Op.LE, ">or=": Op.GE, "<or=": Op.LE,
    "less than <": Op.LT, "greater than >": Op.GT, "more than >": Op.GT,
    "exceed": Op.GT, "exceeded": Op.GT, "not exceed": Op.LE, "does not exceed": Op.LE,
    "do not exceed": Op.LE, "not to exceed": Op.LE, "should not exceed": Op.LE,
    "smaller than": Op.LT, "at or below": Op.LE,
    "at or above": Op.GE, "lower than or equal to": Op.LE, "higher than or equal to": Op.GE,
    "equal to or more than": Op.GE, "equal to or lower than": Op.LE, "equal to or above": Op.GE,
    "equal to or higher than": Op.GE, "equal to or below": Op.LE,
    "at least": Op.GE, "no less than": Op.GE, "not less than": Op.GE, "minimum of": Op.GE,
    "minimal": Op.GE, "minimum": Op.GE,
    "greater than or equal to": Op.GE, "more than or equal to": Op.GE, "or more": Op.GE,
    "equal to or greater than": Op.GE, "equal or greater than": Op.GE, "a minimum of": Op.GE,
    "greater or equal to": Op.GE, "less or equal to": Op.LE,  # round 9
    "at most": Op.LE, "no more than": Op.LE, "not more than": Op.LE, "no greater than": Op.LE,
    "not greater than": Op.LE, "not exceeding": Op.LE, "up to": Op.LE, "maximum of": Op.LE,
    "less than or equal to": Op.LE, "equal to or less than": Op.LE, "no higher than": Op.LE,
    "a maximum of": Op.LE, "not higher than": Op.LE, "equal or less than": Op.LE,
    "greater than": Op.GT, "more than": Op.GT, "higher than": Op.GT, "above": Op.GT,
    "over": Op.GT, "exceeding": Op.GT, "exceeds": Op.GT, "in excess of": Op.GT,
    "less than": Op.LT, "lower than": Op.LT, "below": Op.LT, "under": Op.LT, "fewer than": Op.LT,
    # "≥" / "≤" garbled by a wrong encoding (UTF-8 read as Windows-1252, "?" for a lost byte)
    "â?¥": Op.GE, "â‰¥": Op.GE, "â?¤": Op.LE, "â‰¤": Op.LE,
}  # fmt: skip


_KEYS = [k for k in sorted(OPERATORS, key=len, reverse=True) if k != "or more"]
# A word starts (and ends) with "\b" when its first character is a letter ("less than <" too).
# Same matches, in the same order of preference, as "|".join of the words longest first
# (tests/test_criteria_screen.py compares the two).
OP_PATTERN_LIST = "|".join(
    re.escape(k) if not (k[0].isascii() and k[0].isalpha()) else rf"\b{re.escape(k)}\b"
    for k in _KEYS
)
OP_PATTERN = (
    rf"\b{word_tree([k for k in _KEYS if k[0].isascii() and k[0].isalpha()], True)}"
    f"|{word_tree([k for k in _KEYS if not (k[0].isascii() and k[0].isalpha())], False)}"
)

# Unit spellings -> UCUM (plus the "×ULN" for multiples of the upper limit of normal:
# "x ULN", "times the upper limit of normal (value)", "times normal upper limit", "2.5 ULN").
_ULN = (
    r"(?:the\s+)?(?:institutional\s+|laboratory\s+|local\s+)?"
    r"(?:(?:upper\s+limits?\s+of\s+(?:the\s+)?normal"
    r"|(?:upper\s+)?normal\s+upper\s+limits?|upper\s+normal\s+limits?|normal\s+upper\s+values?"
    r"|ULN|NUL|UNL|upper\s+limits?|normal)"
    r"(?:\s+(?:reference\s+)?(?:values?|range|levels?|reference))?(?:\s*\(ULN\))?"
    r"|upper\s+limits?\s+of\s+(?:the\s+)?(?:normal|reference)(?:\s+(?:values?|range))?)"
)
_BARE_ULN = (  # "> ULN", "not greater than the upper limit of normal": 1 ×ULN
    r"(?:the\s+)?(?:institutional\s+)?(?:ULN\b|NUL\b|UNL\b|(?<=institutional\s)normal\b"
    # round 9: "above reference range" is > 1 ×ULN ("below reference range" is not)
    r"|(?<=above\s)(?:the\s+)?reference\s+range\b|^(?:the\s+)?reference\s+range$"
    r"|(?:upper\s+limits?\s+of\s+(?:the\s+)?normal"
    r"(?:\s+(?:values?|range))?|(?:upper\s+)?normal\s+upper\s+limits?|upper\s+normal\s+limits?)"
    r"(?:\s*\(ULN\))?)"
)
_UNITS: tuple[tuple[str, str], ...] = (
    (rf"(?i:(?:[x×*]|times|-?fold)\s*(?:(?:higher|greater)\s+than\s+|above\s+|over\s+|of\s+)?"
     rf"{_ULN}|{_BARE_ULN})", "×ULN"),
    (r"m[Ll]\s*/\s*min(?:ute)?\s*(?:/|per)\s*1[.,]73\s*m(?:\^?2|²|2)"
     r"|m[Ll]\s*/\s*min\s*/\s*1[.,]73\s*m|milliliters?\s+per\s+minute\s+per\s+1\.73\s+"
     r"(?:square\s+meters?|meters?\s+squared|m2|m²)", "mL/min/{1.73_m2}"),
    (r"m[Ll]\s*/\s*min(?:ute)?\b|milli-?lit(?:er|re)s?\s+per\s+minute\b", "mL/min"),
    (r"(?:[x×*]\s*|\^)?10\s*(?:\^|\*|e|E)?\s*(?:9|⁹)\s*/\s*[Ll]\b|(?:G|giga)\s*/\s*L\b"
     r"|10\^?9\s*cells\s*/\s*L", "10*9/L"),
    (r"(?:[x×*]\s*)?10\s*(?:\^|\*|e|E)?\s*(?:12|¹²)\s*/\s*[Ll]\b", "10*12/L"),
    (r"(?:[x×*]\s*10\s*\^?\s*3|K|k)\s*/\s*(?:µ|u|μ|mc)[Ll]\b", "10*3/uL"),  # "1.2 K/μL"
    (r"(?:cells\s*)?/\s*(?:mm[\^ˆ]?3|mm³|cu\s*mm|µ[Ll]|u[Ll]|μ[Ll]|mcL)\b"
     r"|(?:cells\s+)?per\s+(?:micro-?lit(?:er|re)|µ[Ll]|μ[Ll]|mm3|mm³|cubic\s+millimet(?:er|re))\b",
     "/uL"),
    (r"mg\s*/\s*kg\s*(?:/|per)\s*(?:day|d)\b", "mg/kg/d"), (r"mg\s*/\s*kg\b", "mg/kg"),
    # round 14: insulin "in excess of 1 U/kg per day"
    (r"(?:U|[Uu]nits?|I\.?U\.?)\s*/\s*kg\s*(?:/|per|a)\s*(?:day|d)\b", "U/kg/d"),
    (r"mg\s*/\s*24\s*-?\s*h(?:ours?|rs?)?\b", "mg/(24.h)"), (r"mg\s*/\s*g\b", "mg/g"),
    (r"mg\s*/\s*(?:day|d)\s*/\s*1[.,]73\s*m(?:\^?2|²)", "mg/d/{1.73_m2}"),  # round 12
    (r"mg\s*/\s*(?:day|d)\b|mg\s+(?:per|a)\s+day\b|mg\s+daily\b", "mg/d"),
    (r"m[Ll]\s*/\s*[Kk]g\s*(?:/|·)\s*h(?:our|r)?\b", "mL/kg/h"),  # round 15: "/Kg/h", "/kg·h"
    (r"[Ll]\s*/\s*min\s*/\s*m\s*(?:\^?2|²)", "L/min/m2"),
    (r"[Ll](?:\s*O2)?\s*/\s*min(?:ute)?\b|LPM\b", "L/min"),  # "5 LO2/min" (round 12)
    (r"(?:µ|u|μ|mc)g\s*/\s*kg\s*/\s*min\b", "ug/kg/min"), (r"mg\s*/\s*mmol\b", "mg/mmol"),
    (r"mg\s*/\s*d[Ll]\b", "mg/dL"), (r"(?:gm?|grams?)\s*/\s*d[Ll]\b", "g/dL"),
    (r"g\s*/\s*[Ll]\b", "g/L"),
    (r"(?:µ|u|μ)mol\s*/\s*[Ll]\b", "umol/L"), (r"mmol\s*/\s*mol\b", "mmol/mol"),
    (r"mmo[lL]\s*/\s*[Ll]\b", "mmol/L"), (r"mg\s*/\s*[Ll]\b", "mg/L"),
    (r"(?:µ|u|μ|mc)g\s*/\s*m[Ll]\b", "ug/mL"), (r"(?:µ|u|μ|mc)g\s*/\s*[Ll]\b", "ug/L"),
    (r"m[Ii]U\s*/\s*m[Ll]\b", "m[IU]/mL"), (r"mU\s*/\s*m[Ll]\b", "mU/mL"),
    (r"pg\s*/\s*m[Ll]\b", "pg/mL"),
    (r"ng\s*/\s*m[Ll]\b", "ng/mL"),
    (r"mg\s*/\s*m[Ll]\b", "mg/mL"), (r"pmol\s*/\s*[Ll]\b", "pmol/L"),
    (r"cm\s*(?:\^?2|²)", "cm2"), (r"met(?:er|re)s?\b", "m"),
    (r"ng\s*/\s*d[Ll]\b", "ng/dL"), (r"ng\s*/\s*[Ll]\b", "ng/L"),
    (r"[Ii][Uu]\s*/\s*m[Ll]\b", "[IU]/mL"), (r"[Ii][Uu]\s*/\s*[Ll]\b", "[IU]/L"),
    (r"U\s*/\s*[Ll]\b", "U/L"), (r"copies\s*/\s*m[Ll]\b", "{copies}/mL"),
    (r"g\s*/\s*m\s*(?:\^?2|²)\s*/\s*(?:year|yr|a)\b", "g/m2/a"),  # round 12: a yearly change
    (r"kg\s*/\s*m\s*(?:\^?2|²)", "kg/m2"), (r"[Mm][MmGg]\s*[Hh][Gg]\b", "mm[Hg]"),
    (r"m(?:illi)?s(?:ecs?|econds?)?\b", "ms"), (r"kPa\b", "kPa"),
    (r"%\s*(?:pred(?:icted)?\b|of\s+predicted\b)?|percent\b", "%"),
    (r"kg\b|kilo(?:gram)?s?\b", "kg"), (r"mm\b", "mm"),
    (r"lbs?\b|pounds?\b", "[lb_av]"),  # round 17: "weight more than 275 lbs"
    (r"(?:µ|u|μ)m\b|microns?\b|micromet(?:er|re)s?\b", "um"),  # round 15: "microns"
    # round 15: "< 2000 cells/mm2", "< 15 million/mL", "< 150 m" (a walk distance)
    (r"(?:cells\s*)?/\s*mm\s*(?:\^?2|²)", "/mm2"),
    (r"(?:millions?|[x×*]\s*10\s*\^?\s*6)\s*(?:/|per)\s*m[Ll]\b", "10*6/mL"),
    (r"mg\b|milligrams?\b", "mg"),
    (r"gray\s*\[Gy\]|Gy\b|grays?\b", "Gy"), (r"cGy\b|centigrays?\b", "cGy"),  # round 11
    (r"[°º˚o]\s*C\b|degrees?\s+C(?:elsius)?\b|℃|Celsius\b", "Cel"),  # "37.8oC", "38 ºC"
    (r"°(?!\s*[CF]\b)|degrees?\b(?!\s+[CF])", "deg"),  # "Cobb angle >40°"
    (r"cpm\b|counts\s+per\s+minute\b", "{counts}/min"),  # a PHA response "< 5,000 cpm"
    # round 16: days a week ("caregiver = 4 days/wk"), decibels ("≤ 55dB HL", "> 20 dB")
    (r"days?\s*(?:/|per|a)\s*(?:week|wk)\b", "d/wk"),
    (r"dB(?:\s*HL)?\b(?!\s*/)|decibels?\b", "dB"),
    (r"years?\b|yrs?\b", "a"), (r"months?\b", "mo"), (r"weeks?\b|wks?\b", "wk"),
    (r"days?\b", "d"), (r"hours?\b|hrs?\b|h\b", "h"), (r"L\b|liters?\b|litres?\b", "L"),
    (r"m[Ll]\b(?!\s*/)|millilit(?:er|re)s?\b(?!\s*(?:/|per\b))", "mL"),  # not "ml/kg" cut short
    (r"(?:breaths?|beats?|times)\s*(?:/|per)\s*min(?:ute)?s?\b|/\s*min(?:ute)?\b|bpm\b"
     r"|per\s+minute\b", "/min"),
    (r"(?:times\s*)?(?:/|per)\s*(?:day|d)\b|times\s+(?:a|per)\s+day\b", "/d"),
    (r"(?:times\s*)?(?:/|per)\s*(?:week|wk)\b|times\s+(?:a|per)\s+week\b", "/wk"),
    (r"(?:times\s*)?(?:/|per)\s*(?:hour|hr|h)\b|times\s+(?:an|per)\s+hour\b", "/h"),  # round 16
    # round 17: counts a month ("6 to 14 headache days per month", "1 attack per month")
    (r"(?:times\s*)?(?:/|per)\s*(?:month|mo)\b|times\s+(?:a|per)\s+month\b", "/mo"),
    (r"(?:/|per)\s*(?:HPF|high[- ]power(?:ed)?\s+fields?)\b", "/[HPF]"),
    (r"cm\s*H\s*[2₂]\s*O\b", "cm[H2O]"), (r"cm\b|centimet(?:er|re)s?\b", "cm"),  # round 9
    (r"m\b(?![²2/])", "m"),  # round 15: "6-minute walk distance < 150 m"
    # round 15: grams ("birth weight <500g", glued to the number; after every "g/…" unit) and
    # dioptres ("spherical refraction outside + 5.0 Diopters")
    (r"g\b(?!\s*/)|grams?\b(?!\s*(?:/|per\b|of\b))", "g"), (r"[Dd]iopt(?:er|re)s?\b", "[diop]"),
)  # fmt: skip
UNIT_PATTERN = "|".join(f"(?:{p})" for p, _ in _UNITS)
_UNIT_RES = [(re.compile(rf"^(?:{p})$", re.IGNORECASE if u in ("×ULN",) else 0), u)
             for p, u in _UNITS]  # fmt: skip

TIME_UNITS: dict[str, str] = {
    "year": "a", "yr": "a", "month": "mo", "week": "wk", "wk": "wk", "day": "d",
    "hour": "h", "hr": "h", "h": "h",
}  # fmt: skip
TIME_UNIT_PATTERN = r"(?:years?|yrs?|months?|weeks?|wks?|days?|hours?|hrs?|h)\b"


def time_unit(word: str) -> str:
    """UCUM code of a time unit word.

    >>> time_unit("Months"), time_unit("hrs")
    ('mo', 'h')
    """
    key = word.lower().rstrip("s") or word.lower()
    return TIME_UNITS.get(key, TIME_UNITS.get(word.lower(), "a"))


@lru_cache(maxsize=4096)  # a few spellings, each tried against ~60 patterns in turn
def ucum(text: str) -> str | None:
    """UCUM code of a unit spelling (None when unknown)."""
    cleaned = text.strip()
    for pattern, code in _UNIT_RES:
        if pattern.match(cleaned):
            return code
    return None


def number(text: str) -> int | float:
    """A number from its spelling: thousands separators dropped, decimal comma read."""
    cleaned = text.strip()
    if re.fullmatch(r"\d{1,3}(?:[, ]\d{3})+", cleaned):
        return int(re.sub(r"[, ]", "", cleaned))
    cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    return int(value) if value.is_integer() and "." not in cleaned else value


def op_of(word: str) -> Op:
    """The comparison a word or symbol stands for."""
    return OPERATORS[" ".join(word.lower().split())]
