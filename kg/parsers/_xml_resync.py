"""Resynchronising a many-record XML file after a fault (one bad byte, a broken tag).

An XML parser stops at the first error, so one bad byte in record 3 of a 95-record
file would lose records 4..95. :class:`Tape` wraps the byte stream and remembers the
last chunks handed to the parser; :func:`after_fault` turns the parser's error
position (line, column) back into a byte offset and returns a new stream that starts
at the next ``<RECORD>`` start tag after the fault, behind a fresh root start tag, so
parsing can go on with the records after it.

>>> import io
>>> tape = Tape(io.BytesIO(b"<r>\\n<T>1</T><T>\\xff</T>\\n<T>3</T></r>"))
>>> _ = tape.read(100)
>>> tape.byte_offset(2, 11)
15
>>> stream, start = after_fault(tape, (2, 11), b"<r>", b"T")
>>> stream.read(), start
(b'<r><T>3</T></r>', 21)
>>> tape = Tape(io.BytesIO(b"<r><T>\\xff</T></r>"))
>>> _ = tape.read(100)
>>> after_fault(tape, (1, 6), b"<r>", b"T")
(None, 6)
"""

from __future__ import annotations

import io
from collections import deque
from typing import BinaryIO, cast

_KEEP = 8  # chunks remembered (the parser reads 16 KiB at a time: 128 KiB)
_STEP = 1 << 16


class Tape(io.RawIOBase):
    """A readable stream that remembers its last chunks with their offsets and lines."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.offset = 0  # bytes handed out so far
        self._lines = 0  # newlines handed out so far
        self.recent: deque[tuple[int, int, bytes]] = deque(maxlen=_KEEP)  # (offset, lines, data)

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        data = self._stream.read(_STEP if size is None or size < 0 else size)
        if data:
            self.recent.append((self.offset, self._lines, data))
            self.offset += len(data)
            self._lines += data.count(b"\n")
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def rest(self, offset: int) -> BinaryIO:
        """The bytes from ``offset`` on: what is still remembered, then the unread stream."""
        kept = b"".join(d[max(0, offset - start) :] for start, _, d in self.recent
                        if start + len(d) > offset)  # fmt: skip
        return cast(BinaryIO, _Chain(kept, self._stream))

    def byte_offset(self, line: int, column: int) -> int:
        """The byte offset of (1-based line, 0-based byte column), or where reading has got
        to when that line is no longer remembered."""
        for start, lines_before, data in self.recent:
            lines_in = data.count(b"\n")
            if lines_before + 1 <= line <= lines_before + 1 + lines_in:
                cut = -1
                for _ in range(line - 1 - lines_before):
                    cut = data.index(b"\n", cut + 1)
                return start + cut + 1 + column
        return self.offset


class _Chain(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if self._head:
            n = len(self._head) if size is None or size < 0 else size
            out, self._head = self._head[:n], self._head[n:]
            return out
        return self._rest.read(_STEP if size is None or size < 0 else size)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def after_fault(
    tape: Tape, position: tuple[int, int], root: bytes, record: bytes
) -> tuple[BinaryIO | None, int]:
    """A stream of ``root`` followed by the input from the first ``<record>`` start tag
    after the fault at ``position`` on (None when there is none), and the byte offset
    (in ``tape``) where it starts, or of the fault when there is none."""
    fault = tape.byte_offset(*position)
    stream = tape.rest(fault + 1)
    seen = fault + 1
    tags = (b"<" + record + b">", b"<" + record + b" ")
    carry = b""
    while True:
        data = stream.read(_STEP)
        if not data:
            return None, fault
        window = carry + data
        hits = [i for i in (window.find(t) for t in tags) if i >= 0]
        if hits:
            start = seen - len(carry) + min(hits)
            return cast(BinaryIO, _Chain(root + window[min(hits) :], stream)), start
        seen += len(data)
        carry = window[-len(tags[1]) :]
