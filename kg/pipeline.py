"""Conversion of many records, on one core or several.

Reading (decompression, sniffing, splitting a file into raw records) happens
in the calling process. Building each record from its raw item and mapping
it to a trial graph can happen in worker processes (``jobs`` > 1): the raw
items of the ICTRP XML/CSV and ClinicalTrials.gov JSON parsers are small
picklable values; files of the other formats (one legacy XML study per file,
Trial2 pages) go to a worker whole. The graphs come back as N-Triples lines, or,
with a :class:`kg.spool.Spool` (``convert`` to N-Triples/N-Quads), without them: each
process writes its graphs' lines to a spool file of its own, and the caller gets where
they are.
:mod:`kg.dispatch` routes the items: records with the same criteria texts to the
same worker (its caches then hit), a worker's death costs only the record it
was converting (a reject). Results keep input order, so output is the same
whatever ``jobs`` is.

>>> from kg.resources import data_dir
>>> results = list(convert([str(data_dir("examples"))]))
>>> sorted(r.graph.trial_id for r in results if r.graph)
['CTRI/2025/02/000002', 'NCT90000001']
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.dispatch import dispatch
from kg.limits import current as current_limits
from kg.limits import set_limits
from kg.mapping import MappingOptions, TrialGraph, trial_graph
from kg.model import TrialRecord
from kg.parsers.base import Rejected
from kg.reading import FileNote, RawItem, WholeFile, expand, read_raw
from kg.spool import Spool, put

if TYPE_CHECKING:
    from kg.validation import ValidationResult

CHUNK = 16
SMALL = 256  # units of work below which no worker is started


@dataclass(frozen=True, slots=True)
class Converted:
    """What one input record became: a graph (with the values kept raw), or a reject;
    or, with neither, a note about a whole file (see :class:`kg.reading.FileNote`)."""

    graph: TrialGraph | None = None
    rejected: Rejected | None = None
    notes: tuple[dict[str, object], ...] = field(default=())
    problems: tuple[ValidationResult, ...] = ()  # the graph's SHACL results (validate=True)


_OPTIONS = MappingOptions()
_VALIDATE = False
_SPOOL: Spool | None = None


def _init(
    options: MappingOptions,
    limits: tuple[int, int] | None = None,
    validate: bool = False,
    spool: Spool | None = None,
) -> None:
    global _OPTIONS, _VALIDATE, _SPOOL
    _OPTIONS, _VALIDATE, _SPOOL = options, validate, spool
    if limits is not None:  # --max-field-size / --max-record-size of the main process
        set_limits(field_bytes=limits[0], record_bytes=limits[1])


Work = RawItem | WholeFile | TrialRecord | Rejected | FileNote


def _convert(item: Work) -> list[Converted]:
    return convert_work(item, _OPTIONS, _VALIDATE, _SPOOL)


def convert_work(
    item: Work, options: MappingOptions, validate: bool = False, spool: Spool | None = None
) -> list[Converted]:
    """One unit of work: a record (raw or built), or a whole file of records."""
    if isinstance(item, WholeFile):
        return [convert_one(record, options, validate, spool) for record in item.records()]
    return [convert_one(item, options, validate, spool)]


def convert_one(
    item: RawItem | TrialRecord | Rejected | FileNote,
    options: MappingOptions,
    validate: bool = False,
    spool: Spool | None = None,
) -> Converted:
    """Build (if raw) and map one record; every failure becomes a reject.

    With ``validate``, the graph is checked against the shapes here, where it is
    made (by :mod:`kg.shacl`: in the worker, in parallel), graph by graph. With a
    ``spool``, the graph's lines go to this process's spool file (:mod:`kg.spool`)
    and the graph comes back without them.
    """
    if isinstance(item, FileNote):
        return Converted(notes=(item.as_dict(),))
    try:
        record = item.build() if isinstance(item, RawItem) else item
    except RecursionError:
        assert isinstance(item, RawItem)
        record = Rejected(
            item.source, item.position, "nested too deeply to read", format=item.format
        )
    except Exception as exc:  # a builder bug or an input nobody foresaw: report it, go on
        assert isinstance(item, RawItem)
        reason = f"cannot build: {type(exc).__name__}: {exc}"
        record = Rejected(item.source, item.position, reason, format=item.format)
    if isinstance(record, Rejected):
        return Converted(rejected=record)
    p = record.provenance
    notes = tuple(
        {
            "record_id": record.main_id,
            "source_file": p.source_file,
            "position": p.position,
            "field": n.field,
            "value": n.value,
            "reason": n.reason,
        }
        for n in record.notes
    )
    try:
        graph = trial_graph(record, options)
    except Exception as exc:  # an impossible value: report it, go on
        reject = Rejected(p.source_file, p.position, f"cannot map: {exc}", record.main_id)
        return Converted(rejected=reject, notes=notes)
    if validate:
        from kg.shacl import results, validate_lines

        problems = tuple(results(validate_lines(graph.lines)))
        return Converted(graph=_spooled(graph, spool), notes=notes, problems=problems)
    return Converted(graph=_spooled(graph, spool), notes=notes)


def _spooled(graph: TrialGraph, spool: Spool | None) -> TrialGraph:
    return graph if spool is None else put(graph, spool)


def default_jobs() -> int:
    """Worker processes by default: the machine's cores (at most 4), where forkserver exists."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def convert(
    inputs: Iterable[str],
    fmt: str | None = None,
    options: MappingOptions | None = None,
    *,
    jobs: int = 1,
    validate: bool = False,
    spool: Spool | None = None,
) -> Iterator[Converted]:
    """Every input record converted, in input order (``validate``: with its SHACL results;
    ``spool``: each graph's lines written to a spool file, see :mod:`kg.spool`).

    With ``jobs`` > 1 and more than ``SMALL`` units of work, records are built
    and mapped in that many worker processes; ``options`` travels to them by
    pickle (a :class:`kg.linking.lazy.LazyLinker` loads its lexicon once per worker).
    """
    opts = options or MappingOptions()
    inputs = list(inputs)
    for _ in expand(inputs):  # a missing input is an error before any work starts
        pass
    items = read_raw(inputs, fmt)
    if jobs <= 1 or "forkserver" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield from convert_work(item, opts, validate, spool)
        return
    head = list(itertools.islice(items, SMALL))
    if len(head) < SMALL:  # a small input: not worth starting workers
        for item in head:
            yield from convert_work(item, opts, validate, spool)
        return
    # forkserver: workers are forked from a fresh single-threaded server, never from
    # this process, whose threads (a store's, a server's) could hold locks at fork time
    ctx = multiprocessing.get_context("forkserver")
    # what every worker imports is imported once, in the server (criteria: ~0.6 s of regexes)
    preload = ["kg.pipeline", *(["kg.criteria"] if opts.criteria_structure else [])]
    ctx.set_forkserver_preload(preload + (["kg.shacl"] if validate else []))
    start = functools.partial(
        ProcessPoolExecutor, 1, ctx, _init, (opts, current_limits(), validate, spool)
    )
    yield from dispatch(
        itertools.chain(head, items),
        workers=[start] * jobs,
        fn=_convert_chunk,
        key=affinity,
        crashed=functools.partial(_crashed, options=opts),
        chunk=CHUNK,
        ahead=jobs * WINDOW * CHUNK,
    )


WINDOW = 4  # chunks in flight per worker


def _convert_chunk(chunk: list[Work]) -> list[list[Converted]]:
    return [_convert(item) for item in chunk]


def affinity(item: Work) -> int:
    """Which worker an item goes to (kg.dispatch): the same for records converted alike."""
    if isinstance(item, RawItem | WholeFile):
        return item.affinity()
    if isinstance(item, TrialRecord):
        return zlib.crc32(item.main_id.encode("utf-8", "surrogatepass"))
    return 0  # a reject or a note: nothing to convert


def _crashed(item: Work, reason: str, *, options: MappingOptions) -> list[Converted]:
    """An item whose worker process died converting it (twice: see kg.dispatch): a reject."""
    if isinstance(item, RawItem):
        rejected = Rejected(item.source, item.position, reason, format=item.format)
    elif isinstance(item, WholeFile):
        rejected = Rejected(item.source.name, 0, reason, format=item.format)
    elif isinstance(item, TrialRecord):
        p = item.provenance
        rejected = Rejected(p.source_file, p.position, reason, item.main_id)
    else:
        return convert_work(item, options)
    return [Converted(rejected=rejected)]  # a reject or a note: nothing that could crash
