"""Personal contact data kept out of exported literals (unless ``--include-contacts``).

Registries put e-mail addresses and telephone numbers into free-text fields
(an ethics committee's "address", a contact's affiliation, a criterion). The
mapper hands every N-Triples line it writes through :func:`scrub_line`: the
e-mail addresses and telephone numbers in the line's literal are removed, and
a literal left with nothing but punctuation is dropped with its triple.

A telephone number is recognised when it follows a cue word (tel, phone, fax,
mobile…) or starts with ``+`` and a country code, and has 7 to 15 digits; bare
digit runs (dates, doses, registry numbers) are left alone.

>>> scrub("Ethics board, mail ek@uni-x.de, Tel.: +49 (0)241 80-89963")
'Ethics board, mail, Tel.:'
>>> scrub("Dose 1,000 mg on 2020-01-01; ISRCTN12345678")
'Dose 1,000 mg on 2020-01-01; ISRCTN12345678'
>>> scrub_line('<a:s> <a:p> "x@y.org" .\\n') is None
True
>>> scrub_line('<a:s> <a:p> "Call +1 301 555 0199 today"@en .\\n')
'<a:s> <a:p> "Call today"@en .\\n'
"""

from __future__ import annotations

import re
from functools import lru_cache

from pyoxigraph import Literal, RdfFormat, parse

EMAIL = re.compile(r"(?:mailto:)?[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_CUE = r"\b(?:tel|telephone|phone|ph|fax|mobile|mob|cell)\b\.?\s*(?:no\.?|number|nr\.?)?\s*[:.]?\s*"
_NUMBER = re.compile(r"\+?\(?\d[\d ().\-/]{5,}\d")
_CUE_BEFORE = re.compile(_CUE + r"\Z", re.IGNORECASE)
_EMPTY = re.compile(r"[\W_]*")
# Any decimal digit: a screen only (a number needs \d to match _NUMBER), searched in C
# rather than character by character; it runs on every literal the mapper writes.
_DIGIT = re.compile(r"\d")
# The characters of the numeric and date literals the mapper writes (xsd:integer, decimal,
# date, gYearMonth, gYear): a lexical form made of these alone is never scrubbed.
_NUMERIC = "0123456789.-"


def _phone_ok(number: str, before: str) -> bool:
    digits = sum(c.isdigit() for c in number)
    if not 7 <= digits <= 15:
        return False
    return number.startswith("+") or _CUE_BEFORE.search(before) is not None


def scrub(text: str) -> str:
    """``text`` without e-mail addresses and telephone numbers (spacing tidied)."""
    original = text
    if "@" in text:
        text = EMAIL.sub("", text)
    if _DIGIT.search(text) is not None:
        out: list[str] = []
        last = 0
        for m in _NUMBER.finditer(text):
            number = m.group(0).rstrip(" ./-(")
            if _phone_ok(number, text[max(0, m.start() - 24) : m.start()]):
                out.append(text[last : m.start()])
                last = m.start() + len(number)
        out.append(text[last:])
        text = "".join(out)
    if text == original:
        return text  # nothing removed: not even the spacing is touched
    text = re.sub(r"\(\s*\)|\[\s*\]|<\s*>", "", text)  # brackets left empty
    return re.sub(r"\s+([,;.:])(?=\s|$)|\s{2,}", _tidy, text).strip().rstrip(",;").strip()


@lru_cache(maxsize=16384)  # texts repeat (criteria, sites, sponsors); a long one costs ~20 µs
def _scrubbed(text: str) -> str:
    return scrub(text)


def _tidy(m: re.Match[str]) -> str:
    return m.group(1) if m.group(1) else " "


def scrub_line(line: str) -> str | None:
    """An N-Triples line with contact data removed from its literal; None to drop it.

    The escaped text is only screened; a line that may hold contact data is
    parsed, its value scrubbed and the line written again (escapes stay whole).

    >>> scrub_line('<a:s> <a:p> "\\\\u0006Write to x@example.org" .\\n')
    '<a:s> <a:p> "\\\\u0006Write to" .\\n'
    """
    start = line.find('"')
    if start < 0:
        return line
    screened = line[start + 1 : line.rfind('"')]
    if "@" not in screened and _DIGIT.search(screened) is None:
        return line
    if not screened.strip(_NUMERIC):
        return line  # a date, count or decimal: no "@", no "+", no cue word before a number
    if _scrubbed(screened) == screened:
        return line
    [triple] = parse(line.encode("utf-8"), format=RdfFormat.N_TRIPLES)
    literal = triple.object
    assert isinstance(literal, Literal)
    cleaned = scrub(literal.value)
    if cleaned == literal.value:
        return line
    if _EMPTY.fullmatch(cleaned):
        return None
    kept = (
        Literal(cleaned, language=literal.language)
        if literal.language
        else Literal(cleaned, datatype=literal.datatype)
    )
    return f"{triple.subject} {triple.predicate} {kept} .\n"
