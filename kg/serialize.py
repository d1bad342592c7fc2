"""Writing trial graphs: N-Triples, N-Quads, Turtle, TriG, JSON-LD; gzip by name.

Output is deterministic. N-Triples and N-Quads are written sorted and without
duplicate lines (an external merge sort keeps memory bounded on big inputs),
and end with a trailer comment (count and digest, see :mod:`kg.atomic`);
Turtle, TriG and JSON-LD are written from sorted statements.

>>> syntax_for("out.nq.gz"), syntax_for("graph.ttl"), syntax_for("-")
('nq', 'ttl', 'nt')
"""

from __future__ import annotations

import contextlib
import gzip
import heapq
import io
import itertools
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from pyoxigraph import Quad, RdfFormat, Triple, parse, serialize

from kg.atomic import Digest, atomic_output
from kg.iris import DEFAULT_BASE
from kg.mapping import TrialGraph
from kg.namespaces import PREFIXES
from kg.spool import Spool, winners

SYNTAXES = ("nt", "nq", "ttl", "trig", "jsonld")
_EXTENSIONS = {
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nq",
    ".nquads": "nq",
    ".ttl": "ttl",
    ".turtle": "ttl",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}
RDF_FORMATS = {
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "ttl": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}
_SPILL_LINES = 500_000  # lines sorted in memory; more go to an external sort


def syntax_for(path: str, explicit: str | None = None) -> str:
    """The RDF syntax for an output: ``--to`` wins, else the extension (``.gz`` ignored)."""
    if explicit:
        if explicit not in SYNTAXES:
            raise ValueError(f"unknown RDF syntax {explicit!r}; use one of {', '.join(SYNTAXES)}")
        return explicit
    name = path[:-3] if path.endswith(".gz") else path
    return _EXTENSIONS.get(Path(name).suffix.lower(), "nt")


def data_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefixes for Turtle/TriG: the vocabularies plus one per kind of ID-keyed data node.

    Name-keyed nodes (organizations, conditions, interventions) are written as
    full IRIs: their local parts would need escapes that some readers refuse.
    """
    found = dict(PREFIXES)
    for kind in ("trial", "graph", "country"):
        found[kind] = f"{base}{kind}/"
    return found


# gzip's own default level: on the N-Triples of 3,000 ICTRP CSV trials (160 MB) level 6 takes
# 0.99 s of CPU against Python's default 9's 2.45 s, for a file 7% larger (docs/scaling.md)
GZIP_LEVEL = 6


@contextlib.contextmanager
def open_output(path: str) -> Iterator[IO[bytes]]:
    """A binary output: ``-`` is stdout, ``*.gz`` is gzip-compressed (reproducibly).

    A file is written atomically (:func:`kg.atomic.atomic_output`): it replaces
    the old one only when the block ends without an exception.
    """
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_output(path) as raw:
        if path.endswith(".gz"):
            with gzip.GzipFile(
                fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL, mtime=0, filename=""
            ) as gz:
                yield gz  # type: ignore[misc]
        else:
            yield raw


def _sorted_unique(blocks: Iterable[Sequence[str]]) -> Iterator[list[str]]:
    """Sort and deduplicate lines (given in blocks), yielding them in batches.

    Small outputs are sorted in memory. Past ``_SPILL_LINES`` lines, the lines
    go to an external sort (the system's ``sort -u`` in byte order, which for
    UTF-8 is code-point order, the same as Python's; or sorted runs spilled to
    temporary files and merged where there is no ``sort``), so memory stays
    bounded on big inputs.
    """
    few, everything = _gathered(blocks)
    if everything is None:
        yield sorted(set(few))
        return
    sorter = shutil.which("sort")
    if sorter is None:
        yield from _merged_runs(everything)
        return
    with _system_sort(sorter, everything) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
        while batch := text.readlines(1 << 20):
            yield batch


def _sorted_unique_bytes(blocks: Iterable[Sequence[str]]) -> Iterator[bytes]:
    """:func:`_sorted_unique` as UTF-8 text in pieces (not cut at lines): the system
    sort's output goes on as it comes, never decoded and split into lines."""
    few, everything = _gathered(blocks)
    if everything is None:
        yield "".join(sorted(set(few))).encode("utf-8")
        return
    sorter = shutil.which("sort")
    if sorter is None:
        for batch in _merged_runs(everything):
            yield "".join(batch).encode("utf-8")
        return
    with _system_sort(sorter, everything) as out:
        while data := out.read(1 << 20):
            yield data


def _gathered(blocks: Iterable[Sequence[str]]) -> tuple[list[str], Iterator[Sequence[str]] | None]:
    """The lines, when fewer than ``_SPILL_LINES`` (and None); else no lines and every
    block again, for an external sort."""
    chunk: list[str] = []
    rest = iter(blocks)
    for block in rest:
        chunk.extend(block)
        if len(chunk) >= _SPILL_LINES:
            return [], itertools.chain(_handover(chunk), rest)
    return chunk, None


def _handover(chunk: list[str]) -> Iterator[list[str]]:
    """Yield the lines gathered so far once, keeping no reference to them afterwards."""
    batch = [chunk]
    del chunk
    yield batch.pop()


@contextlib.contextmanager
def _system_sort(sorter: str, blocks: Iterable[Sequence[str]]) -> Iterator[IO[bytes]]:
    """The system sort's output (sorted, unique UTF-8 lines) once it has all ``blocks``."""
    env = {**os.environ, "LC_ALL": "C"}
    # sort's buffer counts in the peak memory of the whole run (parent, workers, sort)
    cmd = [sorter, "-u", "-S", "128M", f"--parallel={os.cpu_count() or 1}"]
    with subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for block in blocks:
            proc.stdin.write("".join(block).encode("utf-8"))
        proc.stdin.close()
        yield proc.stdout
    if proc.returncode != 0:
        raise OSError(f"sort failed with exit code {proc.returncode}")


def _write_sorted_files(paths: list[str], out: IO[bytes]) -> int:
    """The lines of UTF-8 files sorted and unique, then the trailer (:func:`_write_lines`).

    Into a plain output file the system ``sort`` writes itself (no copy through this
    process), and the trailer's digest is read back from the file.
    """
    sorter = shutil.which("sort")
    fd = _read_write_file(out)
    if sorter is None or fd is None or not paths:
        return _write_lines(_sorted_files(paths), out)
    out.flush()
    offset = os.lseek(fd, 0, os.SEEK_CUR)
    env = {**os.environ, "LC_ALL": "C"}
    cmd = [sorter, "-u", "-S", "128M", f"--parallel={os.cpu_count() or 1}", "--", *paths]
    done = subprocess.run(cmd, stdout=fd, env=env, check=False)
    if done.returncode != 0:
        raise OSError(f"sort failed with exit code {done.returncode}")
    digest = Digest()
    while data := os.pread(fd, 1 << 20, offset):
        digest.update(data, data.count(b"\n"))
        offset += len(data)
    os.lseek(fd, offset, os.SEEK_SET)
    out.write(digest.trailer())
    return digest.count


def _read_write_file(out: IO[bytes]) -> int | None:
    """The descriptor of ``out`` when it is a plain file open for reading too (as
    :func:`kg.atomic.atomic_output` opens it; not stdout, a pipe or a gzip stream)."""
    if type(out) not in (io.BufferedWriter, io.FileIO):
        return None
    try:
        import fcntl

        fd = out.fileno()
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
        readable = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDWR
    except (ImportError, OSError, ValueError):
        return None
    return fd if regular and readable else None


def _sorted_files(paths: list[str]) -> Iterator[bytes]:
    """The lines of UTF-8 files sorted and unique, in pieces (not cut at lines)."""
    if not paths:
        return
    sorter = shutil.which("sort")
    if sorter is None:
        yield from _sorted_unique_bytes(_file_blocks(paths))
        return
    env = {**os.environ, "LC_ALL": "C"}
    cmd = [sorter, "-u", "-S", "128M", f"--parallel={os.cpu_count() or 1}", "--", *paths]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None
        while data := proc.stdout.read(1 << 20):
            yield data
    if proc.returncode != 0:
        raise OSError(f"sort failed with exit code {proc.returncode}")


def _file_blocks(paths: list[str]) -> Iterator[list[str]]:
    for path in paths:
        with open(path, encoding="utf-8", newline="\n") as fh:
            while block := fh.readlines(1 << 20):
                yield block


def _merged_runs(blocks: Iterable[Sequence[str]]) -> Iterator[list[str]]:
    runs: list[IO[str]] = []
    chunk: list[str] = []
    try:
        for block in blocks:
            chunk.extend(block)
            if len(chunk) >= _SPILL_LINES:
                run: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
                run.writelines(sorted(set(chunk)))
                run.seek(0)
                runs.append(run)
                chunk = []
        batch: list[str] = []
        previous = None
        for line in heapq.merge(*runs, sorted(set(chunk))):
            if line != previous:
                batch.append(line)
                previous = line
                if len(batch) >= 10000:
                    yield batch
                    batch = []
        yield batch
    finally:
        for run in runs:
            run.close()


def write_graphs(
    graphs: Iterable[TrialGraph],
    out: IO[bytes],
    syntax: str,
    base: str,
    spool: Spool | None = None,
) -> int:
    """Write trial graphs in one syntax; returns the number of statements written.

    With a ``spool`` of that syntax, the graphs' lines (spooled by the processes that
    made them, or here) are sorted by the system ``sort`` reading the spool's files.
    """
    if spool is not None and spool.syntax == syntax:
        return _write_sorted_files(winners(graphs, spool), out)
    if syntax == "nt":
        return _write_lines(_sorted_unique_bytes(g.whole_lines() for g in graphs), out)
    if syntax == "nq":
        return _write_lines(_sorted_unique_bytes(_quads(g) for g in graphs), out)
    if syntax in ("ttl", "trig"):
        # sorted, unique statements through the N-Triples/N-Quads form, then re-serialised
        one = syntax == "ttl"
        blocks = (g.whole_lines() if one else _quads(g) for g in graphs)
        text = "".join(line for batch in _sorted_unique(blocks) for line in batch).encode("utf-8")
        statements: list[Triple] | list[Quad]
        fmt = RdfFormat.N_TRIPLES if one else RdfFormat.N_QUADS
        statements = [q.triple if one else q for q in parse(text, format=fmt)]  # type: ignore[misc]
        serialize(statements, out, format=RDF_FORMATS[syntax], prefixes=data_prefixes(base))
        return len(statements)
    if syntax == "jsonld":
        return _write_jsonld(graphs, out)
    raise ValueError(f"unknown RDF syntax {syntax!r}")


def _quads(g: TrialGraph) -> list[str]:
    """A trial graph's N-Quads, and its shared lines in their own graph (kg.mapping.countries)."""
    return g.nquad_lines() + g.shared_nquad_lines() if g.shared else g.nquad_lines()


def _write_lines(pieces: Iterable[bytes], out: IO[bytes]) -> int:
    """The lines (UTF-8, in pieces), then a trailer comment with their count and digest
    (kg.atomic); a line holds one newline, its end."""
    digest = Digest()
    for data in pieces:
        out.write(data)
        digest.update(data, data.count(b"\n"))
    out.write(digest.trailer())
    return digest.count


def _write_jsonld(graphs: Iterable[TrialGraph], out: IO[bytes]) -> int:
    """JSON-LD, one named graph per trial, compacted with the shipped context."""
    from kg.jsonld import compact_graphs

    doc, count = compact_graphs(graphs)
    out.write(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    out.write(b"\n")
    return count
