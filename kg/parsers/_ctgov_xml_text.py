"""Text out of legacy ClinicalTrials.gov XML elements: one-line values, text blocks, lists.

>>> from xml.etree.ElementTree import fromstring
>>> e = fromstring("<s><t>An <i>in vivo</i>  study</t>"
...                "<d><textblock>&#10;   a&#10;     b&#10;</textblock></d></s>")
>>> text(e, "t"), block(e, "d"), texts(e, "t"), text(e, "missing")
('An in vivo study', 'a\\n  b', ['An in vivo study'], None)
"""

from __future__ import annotations

import textwrap
from xml.etree.ElementTree import Element

from kg.parsers import _ctgov as ct


def all_text(element: Element | None) -> str | None:
    """The whole text content of ``element``, child elements' text included (a title
    with ``<i>`` or ``<sup>`` inside keeps every word instead of stopping at the first
    child)."""
    return None if element is None else "".join(element.itertext())


def text(element: Element | None, path: str) -> str | None:
    """A one-line value at ``path`` below ``element``."""
    if element is None:
        return None
    return ct.line(all_text(element.find(path)))


def block(element: Element | None, path: str) -> str | None:
    """A ``<textblock>`` (or plain) multi-line value, its common indentation removed."""
    if element is None:
        return None
    found = element.find(path)
    if found is None:
        return None
    inner = found.find("textblock")
    raw = all_text(inner if inner is not None else found)
    return ct.text(textwrap.dedent(raw)) if raw else None


def texts(element: Element, path: str) -> list[str]:
    """The one-line values of every element at ``path`` (empty ones skipped)."""
    return ct.lines(all_text(child) for child in element.findall(path))
