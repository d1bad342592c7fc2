"""Mapping many records, on one core or several.

Records are parsed in the calling process and mapped in worker processes
(``jobs`` > 1); results come back in input order, so output stays
deterministic. A record the mapper cannot take comes back as a
:class:`Rejected`, never as an exception that stops the batch.

>>> from kg.model import TrialRecord, Provenance
>>> recs = [TrialRecord(f"NCT0000000{i}", Provenance("ictrp-trial2", "x.txt", i)) for i in (1, 2)]
>>> [g.trial_id for g in map_records(recs, jobs=1)]
['NCT00000001', 'NCT00000002']
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from kg.mapping import MappingOptions, TrialGraph, trial_graph
from kg.model import TrialRecord
from kg.parsers.base import Rejected

_OPTIONS = MappingOptions()
CHUNK = 32


def _init(options: MappingOptions) -> None:
    global _OPTIONS
    _OPTIONS = options


def _map_one(record: TrialRecord) -> TrialGraph | Rejected:
    return _map_with(record, _OPTIONS)


def _map_with(record: TrialRecord, options: MappingOptions) -> TrialGraph | Rejected:
    try:
        return trial_graph(record, options)
    except (ValueError, TypeError) as exc:  # an impossible value: report it, go on
        p = record.provenance
        return Rejected(p.source_file, p.position, f"cannot map: {exc}", record.main_id)


def map_records(
    records: Iterable[TrialRecord], options: MappingOptions | None = None, *, jobs: int = 1
) -> Iterator[TrialGraph | Rejected]:
    """Map records in order; ``jobs`` > 1 maps in that many worker processes.

    A linker (``options.linker``) holds a loaded lexicon; it is shared with
    the workers by fork where the platform has it, else mapping stays in-process.
    """
    opts = options or MappingOptions()
    methods = multiprocessing.get_all_start_methods()
    if jobs <= 1 or "fork" not in methods:
        for record in records:
            yield _map_with(record, opts)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs, initializer=_init, initargs=(opts,)) as pool:
        yield from pool.imap(_map_one, records, chunksize=CHUNK)
