"""WHO ICTRP CSV exports: search-portal export and COVID-19 list (header row),
and the weekly full dataset (63 columns, no header row).

The caller hands over a decompressed binary stream (gzip/zip are handled
before); it is read as UTF-8 (a BOM is skipped) with the ``csv`` module, one
row at a time. Column names are mapped to the XML export's element names, so
both ICTRP parsers share one record builder. A row that cannot be read or has
the wrong number of fields becomes a :class:`~kg.parsers.base.Rejected` naming
its line; the rest of the file goes on.

>>> sniff(b"TrialID,Last Refreshed on,Public title,Scientific title\\r\\n")
True
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.limits import LIMITS
from kg.normalize.identifiers import register_of
from kg.parsers._ictrp_build import build
from kg.parsers._ictrp_fields import FIELD_MAP as _CANONICAL_MAP
from kg.parsers._ictrp_fields import IGNORED as _CANONICAL_IGNORED
from kg.parsers._ictrp_fields import WEEKLY_COLUMNS, canonical, criteria_key
from kg.parsers.base import InputError, ParseResult, RecordError, Rejected

FORMAT = "ictrp-csv"
DESCRIPTION = "WHO ICTRP CSV export (search portal, COVID-19 list, weekly full dataset)"


# Source column (canonical XML-style name, as the CSV variants are renamed to it)
# -> model attribute path. Use canonical() to look a raw CSV column name up.
FIELD_MAP: dict[str, str] = dict(_CANONICAL_MAP)
IGNORED: dict[str, str] = dict(_CANONICAL_IGNORED)


def _is_header(row: list[str]) -> bool:
    return bool(row) and canonical(row[0].lstrip("\ufeff")) == "TrialID"


def sniff(head: bytes) -> bool:
    """A header row starting with TrialID, or a 63-column row starting with a trial ID.

    >>> sniff(b"NCT04946669," + b"x," * 61 + b"x\\n")
    True
    >>> sniff(b"<?xml version='1.0'?>")
    False
    """
    text = head.decode("utf-8-sig", errors="replace")
    try:
        first = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return False
    if _is_header(first):
        return True
    return len(first) == len(WEEKLY_COLUMNS) and register_of(first[0].strip()) is not None


def _reject(
    source: str, position: int, reason: str, record_id: str | None = None, field: str | None = None
) -> Rejected:
    return Rejected(source, position, reason, record_id=record_id, field=field, format=FORMAT)


_OVERSIZE = "\x00trialkg: line over the size limit\x00"


def _bounded_lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The lines of ``text``; a line over the record size limit is skipped without
    being held whole, and a marker line stands in for it (its row is rejected)."""
    limit = LIMITS.record_bytes
    while line := text.readline(limit + 1):
        if len(line) > limit and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = text.readline(1 << 20)
            yield _OVERSIZE + "\n"
        else:
            yield line


def _rows(text: io.TextIOWrapper, source: str) -> Iterator[tuple[int, int, dict[str, str] | str]]:
    """Yield (position, line, fields) per data row, or (position, line, reason) for a bad row."""
    # long criteria exceed the csv module's default field limit; kg.limits sets ours
    csv.field_size_limit(LIMITS.field_bytes)
    reader = csv.reader(_bounded_lines(text))
    header: list[str] | None = None
    position = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            position += 1
            hint = " (--max-field-size raises it)" if "field limit" in str(err) else ""
            yield position, line, f"unreadable CSV row: {err}{hint}"
            continue
        if header is None:
            if _is_header(row):
                header = [canonical(c.lstrip("\ufeff")) for c in row]
                continue
            if len(row) != len(WEEKLY_COLUMNS):
                raise InputError(
                    source,
                    f"no ICTRP header row and {len(row)} columns "
                    f"(the headerless weekly dataset has {len(WEEKLY_COLUMNS)})",
                )
            header = [canonical(c) for c in WEEKLY_COLUMNS]
        if not any(cell.strip() for cell in row):
            continue
        position += 1
        if _OVERSIZE in "\n".join(row):  # the marker has no newline: never across two cells
            limit = LIMITS.record_bytes
            yield position, line, f"a line over {limit} characters (--max-record-size)"
            continue
        swallowed = _swallowed_ids(row)
        if swallowed:  # an unbalanced quote ran on into the next records: name each one
            reason = "an unbalanced quote: this row runs on into the next line(s)"
            yield position, line, f"{reason} (records {', '.join(swallowed)})"
            for trial_id in swallowed:
                position += 1
                yield position, line, f"{trial_id}: swallowed by an unbalanced quote before it"
            continue
        if len(row) != len(header):
            yield position, line, f"row has {len(row)} fields, expected {len(header)}"
            continue
        yield position, line, dict(zip(header, row, strict=True))


_LINE_START = re.compile(r"\r?\n([^\s,\"]{4,40}),")


def _swallowed_ids(row: list[str]) -> list[str]:
    """Trial IDs that start a line inside a quoted cell: records an unbalanced quote ate.

    >>> _swallowed_ids(["NCT1", 'a "b,c\\nNCT04946669,Title,Phase 2\\n'])
    ['NCT04946669']
    >>> _swallowed_ids(["NCT1", "line one\\nline two, with a comma"])
    []
    """
    # one scan of the cells joined by a space: a match cannot run across two cells (the
    # ID excludes whitespace, the comma after it must follow it in its own cell)
    text = " ".join(row)
    if "\n" not in text:
        return []
    return [m[1] for m in _LINE_START.finditer(text) if register_of(m[1]) is not None]


def parse(stream: BinaryIO, source: str) -> Iterator[ParseResult]:
    """Stream the records of one CSV file.

    >>> import io
    >>> data = b"TrialID,Public title,Phase\\r\\nNCT04946669,A title,Phase 2\\r\\n"
    >>> data += b"NCT1,too,many,cells\\r\\n"
    >>> [type(r).__name__ for r in parse(io.BytesIO(data), "x.csv")]
    ['TrialRecord', 'Rejected']
    """
    for position, item in items(stream, source):
        yield item if isinstance(item, Rejected) else build_item(item, source, position)


RawRow = tuple[int, dict[str, str]]  # (line number, fields)


def items(stream: BinaryIO, source: str) -> Iterator[tuple[int, RawRow | Rejected]]:
    """The raw rows (line number, fields) of one file, or a Rejected for a broken row."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    for position, line, fields in _rows(text, source):
        if isinstance(fields, str):
            yield position, _reject(source, position, f"line {line}: {fields}")
        else:
            yield position, (line, fields)


def affinity(item: RawRow) -> str | None:
    """What rows that convert alike share (kg.dispatch): the eligibility criteria texts.

    >>> affinity((2, {"Inclusion_Criteria": "Adults", "Exclusion_Criteria": "Pregnancy"}))
    'Adults\\x00Pregnancy'
    >>> affinity((2, {"TrialID": "NCT1"})) is None
    True
    """
    return criteria_key(item[1])


def build_item(item: RawRow, source: str, position: int) -> ParseResult:
    """One raw row -> its record (or a Rejected naming the line and field)."""
    line, fields = item
    try:
        return build(fields, FORMAT, source, position)
    except RecordError as err:
        record_id = err.record_id or fields.get("TrialID", "").strip() or None
        return _reject(source, position, f"line {line}: {err.reason}", record_id, err.field)


def present_fields(stream: BinaryIO, source: str) -> Iterator[set[str]]:
    """The non-empty source fields (canonical names) of each readable row.

    >>> import io
    >>> data = b"TrialID,Acronym,Phase\\nN1,,0\\n"
    >>> sorted(next(present_fields(io.BytesIO(data), "x.csv")))
    ['Phase', 'TrialID']
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    for _, _, fields in _rows(text, source):
        if not isinstance(fields, str):
            yield {name for name, value in fields.items() if value.strip()}
