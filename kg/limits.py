"""Size limits on untrusted input, with defaults that real registry data never reaches.

Each limit turns an oversized input into a reject naming the limit and the
flag that raises it, instead of memory growing with whatever a file holds
(a small gzip file can expand to gigabytes). Nesting depth is bounded by
Python's recursion limit: JSON nested deeper is a reject ("nested too deeply").

========================  =========  =========================
limit                     default    flag (convert, load, audit)
========================  =========  =========================
one CSV field             16 MB      ``--max-field-size``
one record (JSON study,   64 MB      ``--max-record-size``
NDJSON line, CSV row,
legacy XML study, a
Trial2 file)
one XML element's text    16 MB      ``--max-field-size``
========================  =========  =========================

The limits are process-wide settings read by the parsers. Files of the
formats that are parsed whole (legacy CT.gov XML, Trial2 pages) may be parsed
in worker processes: those get the main process's limits when they start
(:func:`current`, :func:`set_limits` in the worker's initialiser).

>>> LIMITS.field_bytes, LIMITS.record_bytes
(16000000, 64000000)
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(slots=True)
class Limits:
    field_bytes: int = 16_000_000
    record_bytes: int = 64_000_000


LIMITS = Limits()


def current() -> tuple[int, int]:
    """(field bytes, record bytes) in force here, to hand to a worker process."""
    return LIMITS.field_bytes, LIMITS.record_bytes


class TooLarge(Exception):
    """Raised by :class:`Bounded` when a record goes over the record limit."""


class Bounded(io.RawIOBase):
    """A readable stream that raises :class:`TooLarge` once more than the record limit
    has been read since the last :meth:`mark` (the end of the previous record).

    >>> b = Bounded(io.BytesIO(b"x" * 10), limit=4)
    >>> b.read(4)
    b'xxxx'
    >>> try:
    ...     b.read(4)
    ... except TooLarge as err:
    ...     print(err)
    over 4 bytes (--max-record-size)
    """

    def __init__(self, stream: BinaryIO, limit: int | None = None) -> None:
        self._stream = stream
        self.limit = LIMITS.record_bytes if limit is None else limit
        self.read_bytes = 0
        self._mark = 0

    def readable(self) -> bool:
        return True

    def mark(self) -> None:
        self._mark = self.read_bytes

    def read(self, size: int | None = -1) -> bytes:
        allowed = self.limit + 1 - (self.read_bytes - self._mark)
        want = allowed if size is None or size < 0 else min(size, allowed)
        data = self._stream.read(max(want, 1))
        self.read_bytes += len(data)
        if self.read_bytes - self._mark > self.limit:
            raise TooLarge(f"over {self.limit} bytes (--max-record-size)")
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def set_limits(*, field_bytes: int | None = None, record_bytes: int | None = None) -> None:
    """Raise (or lower) the limits for this process."""
    if field_bytes is not None:
        LIMITS.field_bytes = field_bytes
    if record_bytes is not None:
        LIMITS.record_bytes = record_bytes


_SIZE = re.compile(r"^\s*(\d+)\s*([KMGT]?)B?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}


def parse_size(text: str) -> int:
    """A size as the command line gives it (decimal units), in bytes.

    >>> parse_size("500MB"), parse_size("2G"), parse_size("1000"), parse_size("16 mb")
    (500000000, 2000000000, 1000, 16000000)
    """
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (use e.g. 500MB, 2GB)")
    return int(m.group(1)) * _UNITS[m.group(2).upper()]
