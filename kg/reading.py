"""Reading inputs: files, folders, globs or ``-``; gzip/zip opened transparently.

Each input file is sniffed for its format (``fmt`` overrides) and handed to
its parser; the records and rejects of every file come out in input order.
A file that cannot be read becomes a :class:`Rejected`, never a traceback.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg import parsers
from kg.parsers.base import InputError, ParseResult, Rejected

SNIFF_BYTES = 65536
_SKIP_SUFFIXES = (".state.json", ".md", ".sssom.tsv", ".jsonl")


@dataclass(frozen=True, slots=True)
class Source:
    """One readable input: its display name and how to open it."""

    name: str
    path: Path | None  # None for stdin

    def open(self) -> BinaryIO:
        if self.path is None:
            return sys.stdin.buffer
        return open(self.path, "rb")


def expand(inputs: Iterable[str]) -> Iterator[Source]:
    """Files as given, folders recursively (sorted), globs expanded, ``-`` for stdin."""
    for item in inputs:
        if item == "-":
            yield Source("-", None)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith(".") and not child.name.endswith(_SKIP_SUFFIXES):
                    yield Source(str(child), child)
        elif path.exists():
            yield Source(item, path)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(item, "no such file, folder or glob match")
            for match in matches:
                if Path(match).is_file():
                    yield Source(match, Path(match))


def _decompressed(raw: BinaryIO, name: str) -> Iterator[tuple[str, BinaryIO]]:
    """The member streams of an input: itself, its gunzipped body, or each zip member."""
    head, stream = _peekable(raw)
    if head[:2] == b"\x1f\x8b":
        yield name, gzip.GzipFile(fileobj=stream)  # type: ignore[misc]
    elif head[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(stream.read())) as archive:
            for member in sorted(archive.namelist()):
                if not member.endswith("/"):
                    with archive.open(member) as inner:
                        yield f"{name}!{member}", inner  # type: ignore[misc]
    else:
        yield name, stream


class _Prefixed(io.RawIOBase):
    """A stream that replays the bytes already read for sniffing, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _peekable(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream (for sniffing) and a stream that still starts at 0."""
    head = b""
    while len(head) < SNIFF_BYTES:
        chunk = stream.read(SNIFF_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)  # type: ignore[return-value]


def open_members(source: Source) -> Generator[tuple[str, BinaryIO, str | None], None, None]:
    """Each stream of one input, decompressed, with the format its first bytes show.

    A plain file is one member, a gzip file its body, a zip archive each of its
    files (named ``archive!member``, in name order). The detected format is the
    first registered parser whose ``sniff`` accepts the stream's leading bytes,
    or None; the stream still starts at byte 0. Raises :class:`InputError` when
    the file cannot be opened or a member cannot be decompressed (the iteration
    ends there). The file is closed when the iteration ends.

    >>> import gzip, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "t.xml.gz").write_bytes(gzip.compress(b"<clinical_study/>"))
    >>> packed = Source("t.xml.gz", folder / "t.xml.gz")
    >>> [(name, stream.read(6), found) for name, stream, found in open_members(packed)]
    [('t.xml.gz', b'<clini', 'ctgov-xml')]
    >>> next(open_members(Source("gone.xml", folder / "gone.xml")))
    Traceback (most recent call last):
    ...
    kg.parsers.base.InputError: gone.xml: cannot read file: No such file or directory
    """
    try:
        raw = source.open()
    except OSError as exc:
        raise InputError(source.name, f"cannot read file: {exc.strerror or exc}") from exc
    undecompressable = (OSError, EOFError, zipfile.BadZipFile, zlib.error)
    try:
        members = _decompressed(raw, source.name)
        while True:
            try:
                name, stream = next(members)
            except StopIteration:
                return
            except undecompressable as exc:
                raise InputError(source.name, f"cannot decompress: {exc}") from exc
            try:
                head, body = _peekable(stream)
            except undecompressable as exc:
                raise InputError(name, f"cannot decompress: {exc}") from exc
            yield name, body, parsers.detect(head)
    finally:
        if source.path is not None:
            raw.close()


def _members(source: Source, fmt: str | None) -> Iterator[tuple[str, BinaryIO, str] | Rejected]:
    """Each readable member of an input with its format, or a Rejected saying why not."""
    with closing(open_members(source)) as members:
        while True:
            try:
                name, body, detected = next(members)
            except StopIteration:
                return
            except InputError as err:
                yield Rejected(err.source, 0, err.reason)
                return
            found = fmt or detected
            if found is None:
                yield Rejected(name, 0, "unknown format: not a supported registry record file")
                continue
            yield name, body, found


def read_source(source: Source, fmt: str | None = None) -> Iterator[ParseResult]:
    """Parse one input; every failure is a Rejected naming the file and the reason."""
    for member in _members(source, fmt):
        if isinstance(member, Rejected):
            yield member
            continue
        name, body, found = member
        try:
            yield from parsers.get(found).parse(body, name)
        except (OSError, EOFError) as exc:
            yield Rejected(name, 0, f"read error: {exc}", format=found)


@dataclass(frozen=True, slots=True)
class RawItem:
    """One record not yet built: the parser's raw item, to build anywhere (a worker process)."""

    format: str
    source: str
    position: int
    item: object

    def build(self) -> ParseResult:
        module = parsers.get(self.format)
        return module.build_item(self.item, self.source, self.position)  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True, slots=True)
class WholeFile:
    """A file of a format that is not split record by record (one study per file, pages):
    parse it anywhere (a worker process) with :func:`read_source`."""

    format: str
    source: Source

    def records(self) -> Iterator[ParseResult]:
        return read_source(self.source, self.format)


def read_raw(
    inputs: Iterable[str], fmt: str | None = None
) -> Iterator[RawItem | WholeFile | ParseResult]:
    """Like :func:`read_records`, but leaves the parsing to the caller where it can move:
    records of parsers that split their work come out as :class:`RawItem`, files of the
    other formats (read from a path) as :class:`WholeFile`; the rest as parsed records."""
    for source in expand(inputs):
        for member in _members(source, fmt):
            if isinstance(member, Rejected):
                yield member
                continue
            name, body, found = member
            module = parsers.get(found)
            try:
                if hasattr(module, "items") and hasattr(module, "build_item"):
                    for position, item in module.items(body, name):
                        if isinstance(item, Rejected):
                            yield item
                        else:
                            yield RawItem(found, name, position, item)
                elif source.path is not None and name == source.name:
                    yield WholeFile(found, source)  # a plain or gzip file: reopen it anywhere
                else:
                    yield from module.parse(body, name)
            except (OSError, EOFError) as exc:
                yield Rejected(name, 0, f"read error: {exc}", format=found)


def read_records(inputs: Iterable[str], fmt: str | None = None) -> Iterator[ParseResult]:
    """Records and rejects of every input, in order (see :func:`expand`)."""
    for source in expand(inputs):
        yield from read_source(source, fmt)
