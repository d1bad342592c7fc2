"""Reading inputs: files, folders, globs or ``-``; gzip/zip opened transparently.

Each input file is sniffed for its format (``fmt`` overrides) and handed to
its parser; the records and rejects of every file come out in input order.
A file that cannot be read becomes a :class:`Rejected`, never a traceback:
whatever goes wrong while one file is decoded or split into records (a bad
byte, nesting too deep, a stream cut short) ends that file with one reject
naming how far it got, and the next file goes on. Text is decoded as described
in :mod:`kg.encoding`; a legacy-encoding fallback comes out as a :class:`FileNote`.
"""

from __future__ import annotations

import glob
import io
import sys
import warnings
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from kg import parsers
from kg.encoding import GunzipStream, Transcoded, Utf8OrLegacy, bom_encoding
from kg.parsers.base import InputError, ParseResult, Rejected

SNIFF_BYTES = 65536
_SKIP_SUFFIXES = (".state.json", ".md", ".sssom.tsv", ".jsonl", ".part")
_TEXT_FORMATS = ("ictrp-csv", "ictrp-trial2")  # no declared encoding: legacy fallback allowed


@dataclass(frozen=True, slots=True)
class FileNote:
    """Something said about a whole file that was still converted (a legacy encoding)."""

    source_file: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "record_id": None,
            "source_file": self.source_file,
            "position": 0,
            "field": None,
            "value": None,
            "reason": self.reason,
        }


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
        yield name, GunzipStream(stream)  # type: ignore[misc]
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
                if not head and isinstance(stream, GunzipStream) and stream.truncated is not None:
                    raise EOFError("gzip data cut short before the first complete line")
                wide = bom_encoding(head)
                if wide is not None and not _looks_xml(head, wide):
                    head, body = _peekable(Transcoded(body, wide))  # type: ignore[arg-type]
            except undecompressable as exc:
                raise InputError(name, f"cannot decompress: {exc}") from exc
            except UnicodeDecodeError as exc:
                raise InputError(name, f"not {wide} as its byte-order mark says: {exc}") from exc
            yield name, body, parsers.detect(head)
    finally:
        if source.path is not None:
            raw.close()


def _looks_xml(head: bytes, encoding: str) -> bool:
    """Whether a UTF-16/32 text starts with ``<`` (XML reads its own byte-order mark)."""
    return head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").startswith("<")


@dataclass(slots=True)
class _Checked:
    """One member's stream as the parser sees it, and what to say about it afterwards."""

    name: str
    format: str
    raw: BinaryIO
    legacy: Utf8OrLegacy | None = None

    @property
    def body(self) -> BinaryIO:
        if self.legacy is None:
            return self.raw
        return io.BufferedReader(self.legacy, buffer_size=1 << 16)  # type: ignore[return-value]

    def wrap(self) -> BinaryIO:
        if self.format in _TEXT_FORMATS:
            self.legacy = Utf8OrLegacy(self.raw)
        return self.body

    def run(self, pairs: Iterator[tuple[int, object]]) -> Iterator[tuple[int, object]]:
        """The parser's (position, item) pairs, guarded (see :func:`guarded`), then a
        reject for a gzip body cut short (folded into the file's last reject when the
        cut already made that one fail) and a note for a legacy-encoding fallback."""
        last: tuple[int, object] | None = None
        for pair in guarded(pairs, self.name, self.format):
            if last is not None:
                yield last
            last = pair
        position = last[0] if last is not None else 0
        gunzip = _gunzip_of(self.raw)
        if gunzip is not None and gunzip.truncated is not None:
            cut = f"gzip data cut short after {gunzip.truncated} decompressed bytes"
            if last is not None and isinstance(last[1], Rejected):
                last = (position, replace(last[1], reason=f"{cut}: {last[1].reason}"))
            else:
                if last is not None:
                    yield last
                reason = (
                    f"{cut}: the records up to the last complete line were read, the rest is lost"
                )
                last = (position + 1, Rejected(self.name, position + 1, reason, format=self.format))
        if last is not None:
            yield last
        if self.legacy is not None and self.legacy.fallback_at is not None:
            reason = (
                f"not UTF-8 from byte {self.legacy.fallback_at} on: "
                "read from there on as Windows-1252 (legacy encoding, detected)"
            )
            yield position, FileNote(self.name, reason)


def _gunzip_of(stream: BinaryIO) -> GunzipStream | None:
    raw = getattr(stream, "raw", None)
    inner = getattr(raw, "_rest", None)
    return inner if isinstance(inner, GunzipStream) else None


def guarded(
    results: Iterator[tuple[int, object]], name: str, fmt: str
) -> Iterator[tuple[int, object]]:
    """The (position, item) pairs of one file's parser; any failure ends the file with
    one Rejected saying how far it got (never a traceback)."""
    position = 0
    try:
        for position, item in results:
            yield position, item
    except RecursionError:
        yield position + 1, _stopped(name, position, fmt, "nested too deeply to read")
    except UnicodeDecodeError as exc:
        yield (
            position + 1,
            _stopped(
                name, position, fmt, f"not UTF-8 ({exc.reason} at byte {exc.start} of a chunk)"
            ),
        )
    except (OSError, EOFError) as exc:
        yield position + 1, _stopped(name, position, fmt, f"read error: {exc}")
    except Exception as exc:  # a parser bug or an input nobody foresaw: report it, go on
        yield (
            position + 1,
            _stopped(name, position, fmt, f"cannot parse: {type(exc).__name__}: {exc}"),
        )


def _stopped(name: str, position: int, fmt: str, reason: str) -> Rejected:
    return Rejected(
        name,
        position + 1,
        f"{reason}, after record {position}; the rest of the file was not read",
        format=fmt,
    )


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


def read_source(source: Source, fmt: str | None = None) -> Iterator[ParseResult | FileNote]:
    """Parse one input; every failure is a Rejected naming the file and the reason."""
    for member in _members(source, fmt):
        if isinstance(member, Rejected):
            yield member
            continue
        name, body, found = member
        checked = _Checked(name, found, body)
        parsed = parsers.get(found).parse(checked.wrap(), name)
        for _, result in checked.run(enumerate(parsed, start=1)):
            yield result  # type: ignore[misc]


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

    def affinity(self) -> int:
        """A stable key (kg.dispatch): the same for records whose conversion is alike (the
        parser's ``affinity``: their criteria texts), else one per record position.

        >>> row = (2, {"Inclusion_Criteria": "Adults"})
        >>> RawItem("ictrp-csv", "a.csv", 1, row).affinity() == RawItem(
        ...     "ictrp-csv", "b.csv", 9, row).affinity()
        True
        """
        text = None
        find = getattr(parsers.get(self.format), "affinity", None)
        if find is not None:
            text = find(self.item)
        return _stable(text if text is not None else f"{self.source}#{self.position}")


@dataclass(frozen=True, slots=True)
class WholeFile:
    """A file of a format that is not split record by record (one study per file, pages):
    parse it anywhere (a worker process) with :func:`read_source`."""

    format: str
    source: Source

    def records(self) -> Iterator[ParseResult | FileNote]:
        return read_source(self.source, self.format)

    def affinity(self) -> int:
        """A stable key (kg.dispatch): the file's name."""
        return _stable(self.source.name)


def _stable(text: str) -> int:
    """A hash that is the same in every process and run (``hash`` of a str is not)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def read_raw(
    inputs: Iterable[str], fmt: str | None = None
) -> Iterator[RawItem | WholeFile | ParseResult | FileNote]:
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
            checked = _Checked(name, found, body)
            if hasattr(module, "items") and hasattr(module, "build_item"):
                for position, item in checked.run(module.items(checked.wrap(), name)):
                    if isinstance(item, Rejected | FileNote):
                        yield item
                    else:
                        yield RawItem(found, name, position, item)
            elif source.path is not None and name == source.name:
                yield WholeFile(found, source)  # a plain or gzip file: reopen it anywhere
            else:
                parsed = module.parse(checked.wrap(), name)
                for _, result in checked.run(enumerate(parsed, start=1)):
                    yield result  # type: ignore[misc]


def read_records(inputs: Iterable[str], fmt: str | None = None) -> Iterator[ParseResult]:
    """Records and rejects of every input, in order (see :func:`expand`); a file note
    (legacy encoding) is given as a :class:`UserWarning`."""
    for source in expand(inputs):
        for result in read_source(source, fmt):
            if isinstance(result, FileNote):
                warnings.warn(f"{result.source_file}: {result.reason}", stacklevel=2)
            else:
                yield result
