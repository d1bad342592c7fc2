"""Atomic output files: a run that fails or is killed leaves the old file as it was.

Every file trialkg writes (converted RDF, exports, rejects, notes, mappings,
fetch state) is written to a temporary file beside its target, flushed to
disk (fsync) and renamed over the target only when complete. A completed
N-Triples/N-Quads file ends with a trailer comment holding its statement
count and a SHA-256 digest of the statements (:func:`trailer`), so a file cut
short by other means (a copy, a full disk) shows it is incomplete.

>>> import tempfile
>>> target = Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_output(target) as fh:
...     _ = fh.write(b"complete\\n")
>>> target.read_bytes()
b'complete\\n'
>>> try:
...     with atomic_output(target) as fh:
...         _ = fh.write(b"half")
...         raise RuntimeError("killed")
... except RuntimeError:
...     pass
>>> target.read_bytes(), sorted(p.name for p in target.parent.iterdir())
(b'complete\\n', ['out.txt'])
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

TRAILER_PREFIX = "# trialkg complete:"
_TRAILER = re.compile(r"^# trialkg complete: (\d+) statements, sha256 ([0-9a-f]{64})$")


class SameFileError(ValueError):
    """An output path that is also one of the inputs."""


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file handle whose content replaces ``path`` only when the block ends well."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


@contextlib.contextmanager
def atomic_text(path: str | Path) -> Iterator[IO[str]]:
    """Like :func:`atomic_output`, as UTF-8 text with ``\\n`` line ends."""
    with atomic_output(path) as raw:
        text = io.TextIOWrapper(raw, "utf-8", newline="\n")
        yield text
        text.flush()
        text.detach()  # the binary handle is closed by atomic_output


def write_text_atomic(path: str | Path, lines: Iterable[str]) -> None:
    """Text lines (UTF-8) written atomically to ``path``."""
    with atomic_output(path) as fh:
        for line in lines:
            fh.write(line.encode("utf-8"))


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else the usual ones under the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def refuse_overwriting_inputs(output: str, inputs: Iterable[str]) -> None:
    """Raise :class:`SameFileError` when ``output`` is one of the input files
    (or inside an input folder).

    >>> refuse_overwriting_inputs("-", ["x.xml"])
    >>> refuse_overwriting_inputs("x.xml", ["x.xml"])
    Traceback (most recent call last):
    ...
    kg.atomic.SameFileError: output x.xml is also an input: refusing to overwrite it
    """
    if output == "-":
        return
    out = Path(output).resolve()
    for item in inputs:
        if item == "-":
            continue
        path = Path(item).resolve()
        if out == path:
            raise SameFileError(f"output {output} is also an input: refusing to overwrite it")
        if path.is_dir() and path in out.parents:
            raise SameFileError(f"output {output} is inside input folder {item}: refusing it")


class Digest:
    """Counts and hashes N-Triples/N-Quads lines as they are written."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self.count = 0

    def update(self, data: bytes, lines: int) -> None:
        self._sha.update(data)
        self.count += lines

    def trailer(self) -> bytes:
        return (
            f"{TRAILER_PREFIX} {self.count} statements, sha256 {self._sha.hexdigest()}\n".encode()
        )


def check_trailer(data: bytes) -> str | None:
    """None when N-Triples/N-Quads ``data`` ends with a trailer that matches it, else why not.

    >>> d = Digest(); d.update(b"<a> <b> <c> .\\n", 1)
    >>> check_trailer(b"<a> <b> <c> .\\n" + d.trailer()) is None
    True
    >>> check_trailer(b"<a> <b> <c> .\\n")
    'no trialkg trailer: the file may be incomplete'
    """
    body, _, last = data.rstrip(b"\n").rpartition(b"\n")
    m = _TRAILER.match(last.decode("utf-8", "replace"))
    if m is None:
        return "no trialkg trailer: the file may be incomplete"
    statements = body + b"\n" if body else b""
    count = sum(1 for line in statements.splitlines() if line and not line.startswith(b"#"))
    if count != int(m[1]) or hashlib.sha256(statements).hexdigest() != m[2]:
        return "trialkg trailer does not match the statements: the file was changed or cut"
    return None
