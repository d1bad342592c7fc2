"""What every parser module provides, and the typed errors parsers raise.

A parser module (one per input format) defines:

* ``FORMAT``: its registry key, e.g. ``"ictrp-xml"``;
* ``DESCRIPTION``: one line for ``trialkg formats``;
* ``sniff(head: bytes) -> bool``: whether the first bytes (up to 64 KiB,
  already decompressed) look like this format;
* ``parse(stream: BinaryIO, source: str) -> Iterator[TrialRecord | Rejected]``:
  stream the records of one file, yielding a :class:`Rejected` for each bad
  record and going on with the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from kg.model import TrialRecord


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that could not be converted, and why: goes to the rejects report."""

    source_file: str
    position: int  # 1-based record position (or line number where that is all we know)
    reason: str
    record_id: str | None = None
    field: str | None = None
    format: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "source_file": self.source_file,
            "position": self.position,
            "record_id": self.record_id,
            "field": self.field,
            "format": self.format,
            "reason": self.reason,
        }


class RecordError(ValueError):
    """A record-level problem, carrying the field path; parsers turn it into Rejected."""

    def __init__(self, reason: str, *, field: str | None = None, record_id: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.record_id = record_id


class InputError(Exception):
    """A whole input (file) that cannot be read at all: unreadable, unknown format..."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


ParseResult = TrialRecord | Rejected


class ParserModule(Protocol):
    FORMAT: str
    DESCRIPTION: str

    def sniff(self, head: bytes) -> bool: ...

    def parse(self, stream: BinaryIO, source: str) -> Iterator[ParseResult]: ...
