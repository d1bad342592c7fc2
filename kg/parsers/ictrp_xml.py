"""WHO ICTRP search-portal XML export (``<Trials_downloaded_from_ICTRP><Trial>...``).

Streamed with ``defusedxml`` ``iterparse`` (no DTD, no entity expansion, no
external references) in constant memory: each ``<Trial>`` is read into a flat
``{element: text}`` mapping, built into a record, then cleared. A ``<Trial>``
that cannot be built becomes a :class:`~kg.parsers.base.Rejected` and the batch
goes on; an XML fault is one Rejected saying where and why, and reading resumes at
the next ``<Trial>`` (a DTD or entity declaration ends the file).

>>> sniff(b"<?xml version='1.0' encoding='UTF-8' ?>\\n<Trials_downloaded_from_ICTRP>")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any, BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from kg.parsers._ictrp_build import build
from kg.parsers._ictrp_fields import FIELD_MAP as _FIELD_MAP
from kg.parsers._ictrp_fields import IGNORED as _IGNORED
from kg.parsers._ictrp_fields import criteria_key
from kg.parsers._xml_resync import Tape, after_fault
from kg.parsers.base import ParseResult, RecordError, Rejected

FORMAT = "ictrp-xml"
DESCRIPTION = "WHO ICTRP search-portal XML export (Trials_downloaded_from_ICTRP)"
ROOT = "Trials_downloaded_from_ICTRP"
RECORD = "Trial"

# XML element -> model attribute path (the coverage audit reads these).
FIELD_MAP: dict[str, str] = dict(_FIELD_MAP)
IGNORED: dict[str, str] = dict(_IGNORED)


def sniff(head: bytes) -> bool:
    """The export's root element appears in the first bytes.

    >>> sniff(b"<clinical_study>")
    False
    """
    return f"<{ROOT}".encode() in head


def _fields(trial: Element) -> dict[str, str]:
    """The flat fields of one ``<Trial>``; nested children's text is joined."""
    out: dict[str, str] = {}
    for child in trial:
        text = "".join(child.itertext())
        if child.tag in out:  # a repeated element: keep every value
            out[child.tag] = f"{out[child.tag]};{text}"
        else:
            out[child.tag] = text
    return out


def _trials(stream: IO[bytes]) -> Iterator[Element]:
    """Yield each complete ``<Trial>`` element; the caller must not keep it."""
    root: Element | None = None
    events: Any = iterparse(
        stream, events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    for event, element in events:
        if event == "start":
            if root is None:
                root = element
                if element.tag != ROOT:
                    raise ParseError(f"root element is <{element.tag}>, expected <{ROOT}>")
            continue
        if element.tag == RECORD and root is not None:
            yield element
            root.clear()  # drop processed trials: constant memory


_REST_UNREAD = "; the rest of the file was not read"


def _reject(
    source: str, position: int, reason: str, record_id: str | None = None, field: str | None = None
) -> Rejected:
    return Rejected(source, position, reason, record_id=record_id, field=field, format=FORMAT)


def parse(stream: BinaryIO, source: str) -> Iterator[ParseResult]:
    """Stream the trials of one export file.

    >>> import io
    >>> data = b"<Trials_downloaded_from_ICTRP><Trial><TrialID>NCT04946669</TrialID>"
    >>> data += b"<Phase>Phase 2/Phase 3</Phase></Trial><Trial><Acronym/></Trial>"
    >>> data += b"</Trials_downloaded_from_ICTRP>"
    >>> [type(r).__name__ for r in parse(io.BytesIO(data), "x.xml")]
    ['TrialRecord', 'Rejected']
    """
    for position, item in items(stream, source):
        yield item if isinstance(item, Rejected) else build_item(item, source, position)


def items(stream: BinaryIO, source: str) -> Iterator[tuple[int, dict[str, str] | Rejected]]:
    """The raw fields of each <Trial>, or a Rejected where the XML cannot be read on.

    After a well-formedness fault (a bad byte, a broken tag) reading resumes at the
    next ``<Trial>``: the fault is one reject (the trial it hit), the trials after it
    are read as usual. A DTD or entity declaration still ends the file.
    """
    position, base, root = 0, 0, f"<{ROOT}>".encode()  # base: byte offset of the tape's start
    tape: Tape | None = Tape(stream)
    while tape is not None:
        current, tape = tape, None
        try:
            for trial in _trials(current):  # type: ignore[arg-type]
                position += 1
                yield position, _fields(trial)
        except ParseError as err:
            where = getattr(err, "position", None)
            if where is None:  # not an expat fault (a wrong root element): stop
                yield position + 1, _reject(source, position + 1, f"{err}{_REST_UNREAD}")
                return
            at = base + current.byte_offset(*where)
            resumed, start = after_fault(current, where, root, RECORD.encode())
            position += 1
            tail = "; reading resumed at the next <Trial>" if resumed else _REST_UNREAD
            fault = str(err).split(":")[0]
            reason = f"XML not well-formed after record {position - 1}: {fault} at byte {at}{tail}"
            yield position, _reject(source, position, reason)
            if resumed is not None:
                tape, base = Tape(resumed), base + start - len(root)
        except DefusedXmlException as err:
            reason = f"refused: the XML declares a DTD or entities ({err}), which is not allowed"
            yield position + 1, _reject(source, position + 1, reason + _REST_UNREAD)
            return


def affinity(fields: dict[str, str]) -> str | None:
    """What trials that convert alike share (kg.dispatch): the eligibility criteria texts."""
    return criteria_key(fields)


def build_item(fields: dict[str, str], source: str, position: int) -> ParseResult:
    """One trial's raw fields -> its record (or a Rejected naming the field)."""
    try:
        return build(fields, FORMAT, source, position)
    except RecordError as err:
        record_id = err.record_id or (fields.get("TrialID") or "").strip() or None
        return _reject(source, position, err.reason, record_id, err.field)


def present_fields(stream: BinaryIO, source: str) -> Iterator[set[str]]:
    """The non-empty source fields of each record (for the coverage audit).

    >>> import io
    >>> data = b"<Trials_downloaded_from_ICTRP><Trial><TrialID>N1</TrialID><Acronym/>"
    >>> data += b"<Phase> </Phase></Trial></Trials_downloaded_from_ICTRP>"
    >>> list(present_fields(io.BytesIO(data), "x.xml"))
    [{'TrialID'}]
    """
    try:
        for trial in _trials(stream):
            yield {name for name, text in _fields(trial).items() if text.strip()}
    except (ParseError, DefusedXmlException):
        return
