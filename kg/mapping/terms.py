"""N-Triples term writers for the mapper (internal to :mod:`kg.mapping`).

Terms are written straight to canonical N-Triples (as pyoxigraph writes them):
the mapper is the hot path, and building a Python object per term cost most of it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from kg.model import PartialDate, Precision
from kg.namespaces import XSD

_IRI_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
Term = str | NamedNode | Literal  # str: a term already in N-Triples form
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})
_TERMS: dict[Term, str] = {}  # constants (NamedNode) in N-Triples form


def _t(term: Term) -> str:
    """A term in N-Triples form (constants cached)."""
    if type(term) is str:
        return term
    if isinstance(term, NamedNode):
        found = _TERMS.get(term)
        if found is None:
            found = _TERMS[term] = str(term)
        return found
    return str(term)


def _iri(value: str) -> str:
    """An IRI trialkg minted (percent-encoded by kg.iris, so safe as it is)."""
    return f"<{value}>"


def _s(value: str) -> str:
    """A plain string literal.

    >>> _s('say "hi"\\n\\x01') == str(Literal('say "hi"\\n\\x01'))
    True
    """
    return '"' + value.translate(_ESCAPES) + '"'


def _typed(lexical: str, datatype: NamedNode) -> str:
    return f'"{lexical}"^^{_t(datatype)}'


_DATE_TYPES = {Precision.DAY: XSD.date, Precision.MONTH: XSD.gYearMonth, Precision.YEAR: XSD.gYear}


def _date(d: PartialDate) -> str:
    return _typed(d.iso(), _DATE_TYPES[d.precision])


def _dec(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return _typed(text, XSD.decimal)


def _int(value: int) -> str:
    return _typed(str(value), XSD.integer)


def _bool(value: bool) -> str:
    return _typed("true" if value else "false", XSD.boolean)


def _url_node(value: str) -> NamedNode | None:
    """A URL as an IRI, or None when it is not one (a bad host): kept as text then,
    never failing the record."""
    if not _IRI_OK.match(value):
        return None
    try:
        return NamedNode(value)
    except ValueError:
        return None
