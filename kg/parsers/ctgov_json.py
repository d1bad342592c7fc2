"""ClinicalTrials.gov API v2 JSON: one study, a page of studies, or NDJSON.

Accepted shapes: a single study (``{"protocolSection": ...}``), a page from the
list endpoint (``{"studies": [...], "nextPageToken": ...}``, read study by
study) and NDJSON (one study per line, read line by line; a broken line is
rejected with its line number and the rest goes on). The retired API v1
(``FullStudiesResponse``) is recognised and rejected with a clear reason.

>>> import io
>>> doc = b'{"studies": [{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}}]}'
>>> [r.main_id for r in parse(io.BytesIO(doc), "page.json")]
['NCT00000001']
>>> sniff(b'{\\n  "protocolSection": {')
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from kg.limits import LIMITS
from kg.model import TrialRecord
from kg.parsers._ctgov_json_build import build
from kg.parsers._ctgov_json_fields import FIELD_MAP, IGNORED
from kg.parsers._json_stream import StreamError, members
from kg.parsers.base import RecordError, Rejected

FORMAT = "ctgov-json"
DESCRIPTION = "ClinicalTrials.gov API v2 JSON (one study, a page of studies, or NDJSON)"

RawStudy = Mapping[str, Any] | bytes  # a study, or an NDJSON line not parsed yet
# an NDJSON line's criteria text as written (the routing key of kg.dispatch)
_CRITERIA = re.compile(rb'"eligibilityCriteria"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"')

V1_REASON = (
    "ClinicalTrials.gov API v1 JSON (retired 2024) is not supported; "
    "fetch v2 with `trialkg fetch ctgov`"
)
_V1_KEYS = ("FullStudiesResponse", "FullStudies", "StudyFieldsResponse", "ProtocolSection")
_V2_MARKERS = (b'"protocolSection"', b'"studies"', b'"hasResults"', b'"derivedSection"')

__all__ = [
    "DESCRIPTION",
    "FIELD_MAP",
    "FORMAT",
    "IGNORED",
    "V1_REASON",
    "parse",
    "present_fields",
    "sniff",
]


def sniff(head: bytes) -> bool:
    """A JSON object naming v2 study sections (or the retired v1 wrapper, to reject it).

    >>> sniff(b'{"FullStudiesResponse": {"APIVrs": "1.01.05"}}')
    True
    >>> sniff(b'<clinical_study>'), sniff(b'{"results": []}')
    (False, False)
    """
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body.startswith(b"{"):
        return False
    return any(marker in body for marker in (*_V2_MARKERS, b'"FullStudiesResponse"'))


def parse(stream: BinaryIO, source: str) -> Iterator[TrialRecord | Rejected]:
    """Stream the studies of one file; bad ones come out as :class:`Rejected`.

    >>> import io
    >>> nd = io.BytesIO(b'{"protocolSection": {"identificationModule": {"nctId": "NCT1"}}}\\n'
    ...                 b'{"protocolSection": \\n'
    ...                 b'{"protocolSection": {"identificationModule": {"nctId": "NCT3"}}}\\n')
    >>> [getattr(r, "main_id", None) or r.reason[:12] for r in parse(nd, "x.ndjson")]
    ['NCT1', 'line 2: inva', 'NCT3']
    """
    for position, item in studies(stream, source):
        yield item if isinstance(item, Rejected) else build_item(item, source, position)


def affinity(study: RawStudy) -> str | None:
    """What studies that convert alike share (kg.dispatch): the eligibility criteria text
    (of an NDJSON line not parsed yet: as it is written there, escapes and all).

    >>> affinity({"protocolSection": {"eligibilityModule": {"eligibilityCriteria": "Adults"}}})
    'Adults'
    >>> affinity(b'{"eligibilityModule": {"eligibilityCriteria": "Adults \\\\"18+\\\\""}}')
    'Adults \\\\"18+\\\\"'
    >>> affinity({"protocolSection": []}) is None, affinity(b'{"protocolSection": {}}') is None
    (True, True)
    """
    if isinstance(study, bytes):
        found = _CRITERIA.search(study)
        return found[1].decode("utf-8", "replace") if found and found[1] else None
    section = study.get("protocolSection")
    module = section.get("eligibilityModule") if isinstance(section, Mapping) else None
    text = module.get("eligibilityCriteria") if isinstance(module, Mapping) else None
    return text if isinstance(text, str) and text else None


def build_item(study: RawStudy, source: str, position: int) -> TrialRecord | Rejected:
    """One raw study (or NDJSON line) -> its record (or a Rejected naming the line or field)."""
    if isinstance(study, bytes):
        parsed = _parsed_line(study, source, position)
        if isinstance(parsed, Rejected):
            return parsed
        study = parsed
    try:
        return build(study, source=source, position=position, format_key=FORMAT)
    except RecordError as err:
        return _reject(source, position, err.reason, field=err.field, record_id=err.record_id)


def present_fields(stream: BinaryIO, source: str) -> Iterator[set[str]]:
    """Per study, the set of non-empty leaf field paths (list indices removed).

    >>> import io
    >>> doc = b'{"protocolSection": {"conditionsModule": {"conditions": ["A"], "keywords": []}}}'
    >>> sorted(next(present_fields(io.BytesIO(doc), "-")))
    ['protocolSection.conditionsModule.conditions']
    """
    for _, item in studies(stream, source):
        if not isinstance(item, Rejected):
            found: set[str] = set()
            _leaves(item, "", found)
            yield found


def _leaves(value: object, path: str, found: set[str]) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _leaves(child, f"{path}.{key}" if path else str(key), found)
    elif isinstance(value, list):
        for child in value:
            _leaves(child, path, found)
    elif value is not None and value != "" and path:
        found.add(path)


def studies(
    stream: BinaryIO, source: str, *, raw_lines: bool = False
) -> Iterator[tuple[int, Mapping[str, Any] | Rejected]]:
    """The raw study objects of a file with their positions, or rejections.

    A file whose first line holds more than an opening brace, and does not open
    a page (``"studies"``) or a v1 wrapper, is read as NDJSON, line by line
    (a compact single study is a one-line NDJSON file). NDJSON positions are
    line numbers; page positions count studies from 1. With ``raw_lines``, an
    NDJSON line comes as its bytes, parsed by :func:`build_item`.
    """
    head = stream.read(_HEAD)
    first_key = _FIRST_KEY.match(head)
    if first_key is None and not head.strip():
        return
    key = first_key[1].decode("utf-8", "replace") if first_key else None
    first_line = head.split(b"\n", 1)[0].strip().lstrip(_BOM)
    if key not in _DOCUMENT_KEYS and first_line.startswith(b"{") and len(first_line) > 1:
        yield from _ndjson(_lines(head, stream), source, raw_lines)
    else:
        yield from _document(head, stream, source)


_HEAD = 1 << 16
_BOM = b"\xef\xbb\xbf"
_FIRST_KEY = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"([^"\\]{1,64})"')
_DOCUMENT_KEYS = {"studies", "nextPageToken", "totalCount", *_V1_KEYS}


def _lines(head: bytes, stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of ``head`` followed by the rest of ``stream``; None for a line over
    the record size limit (kg.limits), which is skipped without being held."""
    limit = LIMITS.record_bytes
    pieces = head.split(b"\n")
    yield from (piece + b"\n" for piece in pieces[:-1])
    rest = pieces[-1] + stream.readline(limit + 1)
    while rest:
        if len(rest) > limit and not rest.endswith(b"\n"):
            while rest and not rest.endswith(b"\n"):
                rest = stream.readline(1 << 20)
            yield None
        else:
            yield rest
        rest = stream.readline(limit + 1)


def _ndjson(
    lines: Iterator[bytes | None], source: str, raw_lines: bool = False
) -> Iterator[tuple[int, Any]]:
    for number, raw in enumerate(lines, start=1):
        if raw is None:
            reason = f"line {number}: over {LIMITS.record_bytes} bytes (--max-record-size)"
            yield number, _reject(source, number, reason)
        elif raw.strip():
            yield number, raw if raw_lines else _parsed_line(raw, source, number)


def _parsed_line(raw: bytes, source: str, number: int) -> Mapping[str, Any] | Rejected:
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except json.JSONDecodeError as err:
        reason = f"line {number}: invalid JSON ({err.msg} at column {err.colno})"
        return _reject(source, number, reason)
    except UnicodeDecodeError as err:
        return _reject(source, number, f"line {number}: not UTF-8 ({err.reason})")
    return _check_study(value, source, number)


def _document(
    prefix: bytes, stream: BinaryIO, source: str
) -> Iterator[tuple[int, Mapping[str, Any] | Rejected]]:
    study: dict[str, Any] = {}
    position = 0
    page = False
    try:
        for key, index, value in members(stream, spread={"studies"}, prefix=prefix):
            if key in _V1_KEYS:
                yield 1, _reject(source, 1, V1_REASON)
                return
            if key == "studies":
                page = True
                if index is not None:
                    position += 1
                    yield position, _check_study(value, source, position)
            else:
                study[key] = value
    except StreamError as err:
        yield position + 1, _reject(source, position + 1, f"invalid JSON: {err}")
        return
    if not page and position == 0 and study:
        yield 1, _check_study(study, source, 1)


def _check_study(value: object, source: str, position: int) -> Mapping[str, Any] | Rejected:
    if not isinstance(value, Mapping):
        return _reject(source, position, "a study must be a JSON object")
    if any(key in value for key in _V1_KEYS):
        return _reject(source, position, V1_REASON)
    if "protocolSection" not in value:
        if "studies" in value:
            return _reject(source, position, "a page of studies inside NDJSON is not supported")
        return _reject(source, position, "not a ClinicalTrials.gov v2 study (no protocolSection)")
    return value


def _reject(
    source: str,
    position: int,
    reason: str,
    *,
    field: str | None = None,
    record_id: str | None = None,
) -> Rejected:
    return Rejected(source, position, reason, record_id=record_id, field=field, format=FORMAT)


def items(stream: BinaryIO, source: str) -> Iterator[tuple[int, RawStudy | Rejected]]:
    """The raw studies of a file, for parallel conversion (kg.pipeline): NDJSON lines
    unparsed, so that the JSON is decoded where the study is built (a worker)."""
    return studies(stream, source, raw_lines=True)
