"""Which record of a trial wins when several describe it (docs/decisions/0001-iri-policy.md).

1. The trial's own register (ClinicalTrials.gov JSON or legacy XML, source rank
   ``>= OWN_REGISTER``) outranks a copy relayed by WHO ICTRP, whatever their dates:
   ICTRP refreshes its copies weekly, so its date says nothing about the content.
2. Among records of the same class, the newer version date wins; an unknown date loses.
3. Same date: the higher source rank (ClinicalTrials.gov JSON over its legacy XML).
4. All equal: the content digest decides. ``load`` lets the incoming graph replace the
   stored one (re-processing); ``convert`` keeps the larger digest, so that the order
   of the inputs never changes the output.

>>> precedence("2021-07-19", 1) < precedence("2021-07-15", 3)  # ICTRP copy, CT.gov record
True
>>> precedence("2021-07-15", 2) < precedence("2021-07-19", 3) < precedence("2021-07-19", 2)
False
>>> precedence("2021-07", 1) < precedence("2021-07-01", 1) < precedence("2021-07-01", 3)
True

:func:`one_per_trial` applies the rule to a stream of graphs, as ``convert`` needs:
the winner of each trial is kept, the others are reported as superseded. Only each
trial's winning key is held in memory; the graphs themselves wait in a temporary
file once there are more than a few thousand of them (or their lines a few hundred
thousand).
"""

from __future__ import annotations

import marshal
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import IO

from kg.mapping import ICTRP_FORMATS, SOURCE_RANK, TrialGraph

OWN_REGISTER = min(rank for fmt, rank in SOURCE_RANK.items() if fmt not in ICTRP_FORMATS)
_DATE = re.compile(r"^\s*(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?")
IN_MEMORY = 2000  # graphs held in memory before the rest go to a temporary file
IN_MEMORY_LINES = 300_000  # ... or lines: a legacy CT.gov XML graph has ~1,200, an ICTRP one ~260

Key = tuple[bool, tuple[int, int, int], int]


def version_key(version: str | None) -> tuple[int, int, int]:
    """Order ISO dates of any precision; unknown (None or unreadable) sorts first.

    A month is older than any day in it ("2021-07" < "2021-07-01").

    >>> version_key("2021-07-12"), version_key("2021-07"), version_key("2021"), version_key(None)
    ((2021, 7, 12), (2021, 7, 0), (2021, 0, 0), (-1, 0, 0))
    """
    match = _DATE.match(version) if version else None
    if match is None:
        return (-1, 0, 0)
    year, month, day = match.groups()
    return (int(year), int(month or 0), int(day or 0))


def own_register(source_rank: int) -> bool:
    """Whether a source rank is the trial's own register's (not a relayed copy).

    >>> own_register(SOURCE_RANK["ctgov-xml"]), own_register(SOURCE_RANK["ictrp-xml"])
    (True, False)
    """
    return source_rank >= OWN_REGISTER


def precedence(version: str | None, source_rank: int) -> Key:
    """The sort key of the rule: own register first, then the version date, then the rank."""
    return (own_register(source_rank), version_key(version), source_rank)


def loss(loser_rank: int, winner_rank: int) -> str:
    """How a record that lost is reported: ``superseded`` by the register's own record,
    or ``stale`` (an older version from a source of the same class).

    >>> loss(1, 3), loss(3, 3), loss(1, 1)
    ('superseded', 'stale', 'stale')
    """
    return "superseded" if own_register(winner_rank) and not own_register(loser_rank) else "stale"


@dataclass(frozen=True, slots=True)
class Superseded:
    """A record that lost to another record of the same trial in one conversion."""

    trial_id: str
    source: str
    version: str | None
    source_rank: int
    digest: str
    kept_source: str
    kept_version: str | None
    kept_source_rank: int
    kept_digest: str

    @property
    def reason(self) -> str:
        """Why it lost, in the words of the rule."""
        if self.digest == self.kept_digest:
            return "an identical copy"
        if loss(self.source_rank, self.kept_source_rank) == "superseded":
            return "the register's own record outranks the ICTRP copy"
        if version_key(self.version) != version_key(self.kept_version):
            return "an older version"
        return "same date and rank: the larger digest wins"

    def line(self) -> str:
        """One line for stderr."""
        return (
            f"superseded: {self.trial_id} from {self.source or '?'} ({self.version or 'no date'})"
            f" by {self.kept_source or '?'} ({self.kept_version or 'no date'}): {self.reason}"
        )


@dataclass(frozen=True, slots=True)
class _Seen:
    ordinal: int
    key: tuple[Key, str]
    trial_id: str
    source: str
    version: str | None
    source_rank: int
    digest: str


def _seen(ordinal: int, g: TrialGraph) -> _Seen:
    key = (precedence(g.version, g.source_rank), g.digest)
    return _Seen(ordinal, key, g.trial_id, g.source, g.version, g.source_rank, g.digest)


def one_per_trial(
    graphs: Iterable[TrialGraph],
    superseded: list[Superseded],
    *,
    in_memory: int = IN_MEMORY,
    in_memory_lines: int = IN_MEMORY_LINES,
) -> Iterator[TrialGraph]:
    """The winning graph of each trial, in input order; the losers go to ``superseded``.

    Nothing is yielded before the input ends (a later record may win).

    >>> from kg.stores.loading import trial_graph
    >>> def g(version, rank, title):
    ...     nt = f'<urn:t> <urn:title> "{title}" .'.encode()
    ...     return trial_graph("urn:graph/T1", "T1", nt, version=version, source_rank=rank)
    >>> lost = []
    >>> [w.version for w in one_per_trial([g("2021-07-19", 1, "copy"), g("2021-07-15", 3, "own")],
    ...                                   lost)]
    ['2021-07-15']
    >>> len(lost), lost[0].reason
    (1, "the register's own record outranks the ICTRP copy")
    """
    best: dict[str, _Seen] = {}
    losers: list[tuple[str, _Seen]] = []
    held: list[TrialGraph] = []
    held_lines = 0
    spill: IO[bytes] | None = None
    try:
        for ordinal, graph in enumerate(graphs):
            seen = _seen(ordinal, graph)
            old = best.get(graph.graph)
            if old is None or seen.key > old.key:
                best[graph.graph] = seen
                if old is not None:
                    losers.append((graph.graph, old))
            else:
                losers.append((graph.graph, seen))
                continue  # a loser now stays a loser
            if spill is None and (len(held) >= in_memory or held_lines >= in_memory_lines):
                spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
                for item in held:
                    _dump(item, spill)
                held = []
            if spill is None:
                held.append(graph)
                held_lines += len(graph.lines)
            else:
                _dump(graph, spill)
        for iri, lost in losers:
            kept = best[iri]
            superseded.append(
                Superseded(
                    lost.trial_id, lost.source, lost.version, lost.source_rank, lost.digest,
                    kept.source, kept.version, kept.source_rank, kept.digest,
                )
            )  # fmt: skip
        yield from _replay(held, spill, best)
    finally:
        if spill is not None:
            spill.close()


def _replay(
    held: list[TrialGraph], spill: IO[bytes] | None, best: dict[str, _Seen]
) -> Iterator[TrialGraph]:
    """The held graphs that won: the first whose key is its trial's best key."""
    stream: Iterable[TrialGraph] = held if spill is None else _spilled(spill)
    for graph in stream:
        won = best.get(graph.graph)
        if won is not None and won.key == _seen(0, graph).key:
            del best[graph.graph]  # an identical later copy is not written twice
            yield graph


# A graph waits in the spill file as the marshal of its fields: about half the CPU of a
# pickle (no memo of every line) in the parent, where every graph passes.
_FIELDS = tuple(f.name for f in fields(TrialGraph))


def _dump(graph: TrialGraph, spill: IO[bytes]) -> None:
    marshal.dump(tuple([getattr(graph, name) for name in _FIELDS]), spill)


def _spilled(spill: IO[bytes]) -> Iterator[TrialGraph]:
    spill.seek(0)
    while True:
        try:
            values = marshal.load(spill)
        except EOFError:
            return
        yield TrialGraph(*values)
