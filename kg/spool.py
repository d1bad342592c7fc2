"""Trial graphs' output lines kept in files while a conversion runs, sorted once at the end.

``convert`` to N-Triples or N-Quads gives every process that maps records (the
``-j`` workers, or the command itself) a :class:`Spool`: a temporary folder and the
output syntax. A process appends each graph it makes to a file of its own, as output
bytes (the graph's sorted lines), and passes the graph on without its lines, only
with where they are (``TrialGraph.spooled``). So a graph's lines cross no pipe, no
pickle and no precedence spill: the parent gets names, keys and digests,
:mod:`kg.precedence` picks the winners from those, and the system ``sort -u`` reads
the files itself (:func:`kg.serialize.write_graphs`). A file that also holds graphs
that lost (or the part a crashed worker wrote twice) first has its winners' bytes
copied into a file of their own, by the kernel (``copy_file_range``).

>>> from kg.stores.loading import trial_graph
>>> g = trial_graph("urn:g/T1", "T1", b'<urn:t> <urn:p> "x" .\\n', version=None, source_rank=1)
>>> with Spool.temporary("nq") as spool:
...     kept = put(g, spool)
...     [Path(p).read_bytes() for p in winners([kept], spool)][0].decode().splitlines()[-1]
'<urn:t> <urn:p> "x" <urn:g/T1> .'
>>> kept.lines, kept.spooled[1:]
((), (0, 467))
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from kg.mapping import TrialGraph

SYNTAXES = ("nt", "nq")  # line-based syntaxes: a graph's lines are its output bytes


@dataclass(frozen=True, slots=True)
class Spool:
    """Where graphs' output lines wait (a folder), and in which syntax."""

    folder: str
    syntax: str  # one of SYNTAXES

    @classmethod
    @contextlib.contextmanager
    def temporary(cls, syntax: str) -> Iterator[Spool]:
        """A spool in a new temporary folder, removed with everything in it at the end."""
        if syntax not in SYNTAXES:
            raise ValueError(f"only {', '.join(SYNTAXES)} can be spooled, not {syntax!r}")
        with tempfile.TemporaryDirectory(prefix="trialkg-spool-") as folder:
            try:
                yield cls(folder, syntax)
            finally:
                close(cls(folder, syntax))


@dataclass(slots=True)
class _File:
    name: str
    handle: IO[bytes]
    size: int = 0


_OPEN: dict[tuple[str, int], _File] = {}  # this process's file per spool folder


def put(graph: TrialGraph, spool: Spool) -> TrialGraph:
    """Write a graph's lines to this process's file of ``spool``; the graph without them."""
    # with its shared lines (a country's code and name, kg.mapping.countries): sort -u keeps one
    if spool.syntax == "nt":
        lines = graph.whole_lines()
    else:
        lines = (
            graph.nquad_lines() + graph.shared_nquad_lines()
            if graph.shared
            else graph.nquad_lines()
        )
    data = "".join(lines).encode("utf-8")
    key = (spool.folder, os.getpid())
    f = _OPEN.get(key)
    if f is None:
        fd, path = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".lines", dir=spool.folder)
        f = _OPEN[key] = _File(Path(path).name, os.fdopen(fd, "wb"))
    offset = f.size
    f.handle.write(data)
    f.handle.flush()  # the parent may read it as soon as it has the graph
    f.size += len(data)
    return replace(graph, lines=(), spooled=(f.name, offset, len(data)))


def close(spool: Spool) -> None:
    """Close this process's file of ``spool`` (if it has one)."""
    f = _OPEN.pop((spool.folder, os.getpid()), None)
    if f is not None:
        f.handle.close()


def winners(graphs: Iterable[TrialGraph], spool: Spool) -> list[str]:
    """Files that together hold exactly the lines of ``graphs`` (spooled here if not yet).

    A process's file is used as it is when every graph in it is among ``graphs``;
    otherwise the byte ranges of those that are go to a new file.
    """
    ranges: dict[str, list[list[int]]] = {}
    for graph in graphs:
        if graph.spooled is None:
            graph = put(graph, spool)
        assert graph.spooled is not None
        name, offset, length = graph.spooled
        runs = ranges.setdefault(name, [])
        if runs and runs[-1][1] == offset:
            runs[-1][1] = offset + length  # the usual case: the graph after the last one
        else:
            runs.append([offset, offset + length])
    close(spool)
    return [_kept(Path(spool.folder), name, runs) for name, runs in sorted(ranges.items())]


def _kept(folder: Path, name: str, runs: list[list[int]]) -> str:
    path = folder / name
    if len(runs) == 1 and runs[0][0] == 0 and runs[0][1] == path.stat().st_size:
        return str(path)
    kept = folder / f"{name}.kept"
    with path.open("rb") as src, kept.open("wb") as dst:
        for start, end in runs:
            _copy(src, dst, start, end - start)
    return str(kept)


def _copy(src: IO[bytes], dst: IO[bytes], offset: int, length: int) -> None:
    """``length`` bytes of ``src`` from ``offset`` appended to ``dst`` (in the kernel where
    it can)."""
    copy_range = getattr(os, "copy_file_range", None)
    while length > 0:
        try:
            if copy_range is None:
                raise OSError("no copy_file_range")
            n = copy_range(src.fileno(), dst.fileno(), length, offset)
        except OSError:
            src.seek(offset)
            data = src.read(length)
            dst.write(data)
            dst.flush()
            return
        if n == 0:
            raise OSError(f"{src.name}: {length} bytes missing at {offset}")
        offset += n
        length -= n
