"""Incremental reading of a JSON object document, one top-level member at a time.

A CT.gov API v2 page (``{"studies": [...], "nextPageToken": ...}``) can be
large; :func:`members` decodes it member by member and yields the elements of
the arrays named in ``spread`` one at a time, so a page is never held whole
both as text and as objects.

>>> import io
>>> doc = io.BytesIO(b'{"studies": [{"a": 1}, {"a": 2}], "totalCount": 2}')
>>> list(members(doc, spread={"studies"}, chunk_size=4))
[('studies', 0, {'a': 1}), ('studies', 1, {'a': 2}), ('totalCount', None, 2)]
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from kg.limits import LIMITS

_WHITESPACE = " \t\r\n"


class StreamError(ValueError):
    """The document is not a well-formed JSON object (with a character offset)."""


class _Reader:
    """A text buffer over a byte stream that grows as the decoder needs more."""

    def __init__(self, stream: BinaryIO, chunk_size: int, prefix: bytes = b"") -> None:
        self._stream = stream
        self._chunk = chunk_size
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = self._decoder.decode(prefix) if prefix else ""
        self.pos = 0
        self.consumed = 0  # characters dropped from the front of the buffer
        self.eof = False

    def more(self, minimum: int = 0) -> bool:
        """Read at least one more chunk (twice the buffer when a value is large)."""
        if self.eof:
            return False
        if self.pos > 0:
            self.consumed += self.pos
            self.buffer = self.buffer[self.pos :]
            self.pos = 0
        data = self._stream.read(max(self._chunk, minimum))
        if not data:
            self.eof = True
            self.buffer += self._decoder.decode(b"", final=True)
            return False
        self.buffer += self._decoder.decode(data)
        return True

    def skip_space(self) -> str:
        """The next non-blank character (not consumed), or "" at the end."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.more():
                return ""

    def expect(self, chars: str) -> str:
        found = self.skip_space()
        if not found or found not in chars:
            raise StreamError(
                f"expected one of {chars!r} at character {self.consumed + self.pos}, "
                f"found {found or 'end of input'!r}"
            )
        self.pos += 1
        return found

    def value(self, decoder: json.JSONDecoder) -> Any:
        """Decode the next JSON value, reading more input until it is complete."""
        self.skip_space()
        while True:
            if len(self.buffer) - self.pos > LIMITS.record_bytes:
                raise StreamError(
                    f"a value at character {self.consumed + self.pos} is over "
                    f"{LIMITS.record_bytes} bytes (--max-record-size)"
                )
            try:
                value, end = decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as err:
                # A value cut by the end of the buffer fails too: read on (as much again
                # as the pending part, so a large value is re-scanned O(log n) times).
                if self.more(len(self.buffer) - self.pos):
                    continue
                raise StreamError(
                    f"invalid JSON at character {self.consumed + err.pos}: {err.msg}"
                ) from err
            # a number or literal at the very end could go on in the next chunk
            cut = end == len(self.buffer) and not isinstance(value, dict | list)
            if cut and not self.eof and self.more():
                continue
            self.pos = end
            return value


def members(
    stream: BinaryIO, *, spread: set[str], chunk_size: int = 1 << 16, prefix: bytes = b""
) -> Iterator[tuple[str, int | None, Any]]:
    """Yield ``(key, index, value)`` for each member of the top-level object.

    Members named in ``spread`` whose value is an array yield one item per
    element (with its 0-based index), and an empty array yields ``(key, None, [])``;
    other members yield ``index`` ``None``.
    ``prefix`` holds bytes already read from ``stream``. Raises
    :class:`StreamError` when the input is not one well-formed JSON object.
    """
    reader = _Reader(stream, chunk_size, prefix)
    decoder = json.JSONDecoder()
    reader.expect("{")
    if reader.skip_space() == "}":
        reader.pos += 1
        return
    while True:
        key = reader.value(decoder)
        if not isinstance(key, str):
            raise StreamError(f"expected a member name at character {reader.consumed}")
        reader.expect(":")
        if key in spread and reader.skip_space() == "[":
            reader.pos += 1
            index = 0
            if reader.skip_space() == "]":
                reader.pos += 1
                yield key, None, []
            else:
                while True:
                    yield key, index, reader.value(decoder)
                    index += 1
                    if reader.expect(",]") == "]":
                        break
        else:
            yield key, None, reader.value(decoder)
        if reader.expect(",}") == "}":
            break
    if reader.skip_space():
        raise StreamError(
            f"unexpected data after the JSON object at {reader.consumed + reader.pos}"
        )
