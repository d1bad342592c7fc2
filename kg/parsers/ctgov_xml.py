"""ClinicalTrials.gov legacy XML (``<clinical_study>``, public.xsd; retired 2024).

Parsed safely with defusedxml: a document that declares a DTD or entities
(an "entity bomb") is refused before anything is expanded. A file holds one
``<clinical_study>``, or a wrapper element with several; they are read one by
one and each is freed once converted.

>>> import io
>>> doc = (b"<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>"
...        b"<overall_status>Recruiting</overall_status></clinical_study>")
>>> [(r.main_id, r.recruitment_status.code) for r in parse(io.BytesIO(doc), "x.xml")]
[('NCT00000001', 'recruiting')]
>>> sniff(b'<?xml version="1.0"?>\\n<clinical_study rank="1">')
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from kg.limits import LIMITS, Bounded, TooLarge
from kg.model import TrialRecord
from kg.parsers._ctgov_xml_build import build
from kg.parsers._ctgov_xml_fields import FIELD_MAP, IGNORED
from kg.parsers.base import RecordError, Rejected

FORMAT = "ctgov-xml"
DESCRIPTION = "ClinicalTrials.gov legacy XML (clinical_study, public.xsd)"
STUDY_TAG = "clinical_study"
REFUSED = (
    "refused: the XML declares a DTD or entities (possible entity-expansion attack); "
    "ClinicalTrials.gov XML has neither"
)

__all__ = ["DESCRIPTION", "FIELD_MAP", "FORMAT", "IGNORED", "parse", "present_fields", "sniff"]


def sniff(head: bytes) -> bool:
    """An XML document with a ``<clinical_study>`` element.

    >>> sniff(b"<trials><trial><main>"), sniff(b'{"protocolSection": {}}')
    (False, False)
    """
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return body.startswith(b"<") and b"<" + STUDY_TAG.encode() in body


def parse(stream: BinaryIO, source: str) -> Iterator[TrialRecord | Rejected]:
    """Stream the studies of one file; bad ones come out as :class:`Rejected`.

    >>> import io
    >>> cut = io.BytesIO(b"<clinical_study><brief_title>x</brief_title>")
    >>> next(parse(cut, "bad.xml")).reason
    'invalid XML: no element found: line 1, column 44'
    """
    for position, item in studies(stream, source):
        yield item if isinstance(item, Rejected) else build_item(item, source, position)


def build_item(study: Element, source: str, position: int) -> TrialRecord | Rejected:
    """One raw study element -> its record (or a Rejected naming the field)."""
    try:
        return build(study, source=source, position=position, format_key=FORMAT)
    except RecordError as err:
        return _reject(source, position, err.reason, field=err.field)


def present_fields(stream: BinaryIO, source: str) -> Iterator[set[str]]:
    """Per study, the non-empty leaf paths (``a/b``; attributes as ``a/b@type``).

    >>> import io
    >>> doc = b"<clinical_study><enrollment type='Actual'>20</enrollment><keyword/>"
    >>> doc += b"</clinical_study>"
    >>> sorted(next(present_fields(io.BytesIO(doc), "-")))
    ['enrollment', 'enrollment@type']
    """
    for _, item in studies(stream, source):
        if not isinstance(item, Rejected):
            found: set[str] = set()
            _leaves(item, "", found)
            yield found


def _leaves(element: Element, path: str, found: set[str]) -> None:
    for name, value in element.attrib.items():
        if value.strip():
            found.add(f"{path}@{name}")
    if path and element.text and element.text.strip():
        found.add(path)
    for child in element:
        if isinstance(child.tag, str):
            _leaves(child, f"{path}/{child.tag}" if path else child.tag, found)


def studies(stream: BinaryIO, source: str) -> Iterator[tuple[int, Element | Rejected]]:
    """The ``<clinical_study>`` elements of a file with 1-based positions, or rejections."""
    position = 0
    bounded = Bounded(stream)
    try:
        events = iterparse(bounded, events=("start", "end"), forbid_dtd=True)
        root: Element | None = None
        for event, element in events:
            if root is None:
                root = element
            if event == "end" and element.tag == STUDY_TAG:
                position += 1
                bounded.mark()
                too_long = _over_field_limit(element)
                yield position, (_reject(source, position, too_long) if too_long else element)
                if element is not root:
                    root.clear()  # drop the finished study (and anything before it)
    except TooLarge as err:
        reason = f"a study {err}; the rest of the file was not read"
        yield position + 1, _reject(source, position + 1, reason)
        return
    except DefusedXmlException:
        yield position + 1, _reject(source, position + 1, REFUSED)
        return
    except ParseError as err:
        yield position + 1, _reject(source, position + 1, f"invalid XML: {err}")
        return
    if position == 0:
        yield 1, _reject(source, 1, f"not ClinicalTrials.gov XML: no <{STUDY_TAG}> element")


def _over_field_limit(study: Element) -> str | None:
    """Why one element's text is over ``--max-field-size``, or None."""
    for element in study.iter():
        if element.text is not None and len(element.text) > LIMITS.field_bytes:
            return f"<{element.tag}> text over {LIMITS.field_bytes} bytes (--max-field-size)"
    return None


def _reject(source: str, position: int, reason: str, *, field: str | None = None) -> Rejected:
    return Rejected(source, position, reason, field=field, format=FORMAT)
