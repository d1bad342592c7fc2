"""Byte streams made safe to parse: BOMs, strict UTF-8 with a noted legacy fallback,
gzip bodies that may be cut short.

Every parser reads UTF-8. This module sits between the raw file and the parser:

* a UTF-16 or UTF-32 byte-order mark: the stream is transcoded to UTF-8
  (XML is left alone: its parser reads the mark and the declaration itself);
* text formats (CSV, the Trial2 page) are checked as strict UTF-8 as they are
  read; at the first byte that is not UTF-8 the rest of the file is decoded as
  Windows-1252 (bytes it leaves undefined as Latin-1), and :attr:`Utf8OrLegacy.fallback_at`
  says from which byte on, so the caller can write a note: never a silent guess;
* a gzip body is decompressed member by member; a body cut short ends at its
  last complete line and :attr:`GunzipStream.truncated` says so.

>>> import io
>>> guard = Utf8OrLegacy(io.BytesIO("caf\\u00e9 ok\\n".encode("utf-8") + b"na\\xefve\\n"))
>>> io.BufferedReader(guard).read().decode("utf-8")
'café ok\\nnaïve\\n'
>>> guard.fallback_at
11
"""

from __future__ import annotations

import codecs
import io
import zlib
from typing import BinaryIO

LEGACY = "cp1252"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a UTF-16/32 byte-order mark at the start names (None for UTF-8 or none).

    >>> bom_encoding(b"\\xff\\xfe{\\x00"), bom_encoding(b"\\xef\\xbb\\xbf{"), bom_encoding(b"{")
    ('utf-16-le', None, None)
    """
    for mark, name in _BOMS:
        if head.startswith(mark):
            return name
    return None


def _legacy_decode(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined read as Latin-1."""
    return data.decode(LEGACY, errors="surrogateescape").translate(_UNDEFINED)


_UNDEFINED = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


class _Filter(io.RawIOBase):
    """A readable raw stream that hands out bytes produced by :meth:`_produce`."""

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self._pending = memoryview(b"")
        self._done = False

    def readable(self) -> bool:
        return True

    def _produce(self) -> bytes:  # pragma: no cover - overridden
        raise NotImplementedError

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._done:
            self._pending = memoryview(self._produce())
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class Transcoded(_Filter):
    """A stream in ``encoding`` (BOM included) handed out as UTF-8 (strict: a bad
    sequence raises :class:`UnicodeDecodeError`)."""

    def __init__(self, inner: BinaryIO, encoding: str) -> None:
        super().__init__(inner)
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._first = True

    def _produce(self) -> bytes:
        data = self._inner.read(1 << 16)
        text = self._decoder.decode(data, final=not data)
        if self._first and text:
            text = text.removeprefix("\ufeff")
            self._first = False
        self._done = not data
        return text.encode("utf-8")


class Utf8OrLegacy(_Filter):
    """UTF-8 checked strictly; from the first invalid byte on, the rest is Windows-1252."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__(inner)
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._offset = 0  # bytes of input consumed
        self.fallback_at: int | None = None

    def _produce(self) -> bytes:
        data = self._inner.read(1 << 16)
        self._done = not data
        if self.fallback_at is not None:
            self._offset += len(data)
            return _legacy_decode(data).encode("utf-8")
        pending = self._decoder.getstate()[0]
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as err:
            chunk = pending + data
            start = err.start  # bytes before it are valid UTF-8 (complete sequences)
            self.fallback_at = self._offset - len(pending) + start
            self._offset += len(data)
            return chunk[:start] + _legacy_decode(chunk[start:]).encode("utf-8")
        self._offset += len(data)
        return text.encode("utf-8")


class GunzipStream(_Filter):
    """A gzip body (any number of members), decompressed as it is read.

    When the compressed data ends before the end-of-stream marker, the output
    stops after its last complete line (a record cut in half is not handed on)
    and :attr:`truncated` holds how many decompressed bytes were kept. Only the
    bytes after the last newline are held back, and at most :data:`HOLD` of them
    (a longer line is handed on: its parser meets the cut).
    """

    HOLD = 1 << 20
    OUT = 1 << 20

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__(inner)
        self._z = zlib.decompressobj(wbits=31)
        self._held: list[bytes] = []  # decompressed bytes after the last newline
        self._held_size = 0
        self._compressed = b""  # input read but not decompressed yet
        self.truncated: int | None = None
        self._out = 0

    def _produce(self) -> bytes:
        data = self._compressed or self._inner.read(1 << 16)
        self._compressed = b""
        if not data:
            self._done = True
            out = b"".join(self._held)
            self._held, self._held_size = [], 0
            if not self._z.eof:
                self.truncated = self._out
                return b""
            self._out += len(out)
            return out
        # at most OUT bytes per step: a small bomb never expands all at once
        out = self._z.decompress(data, self.OUT)
        if self._z.eof:
            self._compressed = self._z.unused_data
            if self._compressed:
                self._z = zlib.decompressobj(wbits=31)
        else:
            self._compressed = self._z.unconsumed_tail
        cut = out.rfind(b"\n") + 1
        if cut or self._held_size + len(out) > self.HOLD:
            cut = cut or len(out)
            released = b"".join([*self._held, out[:cut]])
            self._held, self._held_size = [out[cut:]], len(out) - cut
        else:
            released = b""
            self._held.append(out)
            self._held_size += len(out)
        self._out += len(released)
        return released
