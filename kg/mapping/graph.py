"""A trial's named graph: its own lines, sorted, plus the metadata a loader needs."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from kg import iris
from kg.iris import Minter
from kg.mapping.countries import vocab_graph
from kg.mapping.options import SOURCE_RANK, MappingOptions
from kg.mapping.record import record_parts
from kg.mapping.terms import Term, _int, _iri, _s, _t, _typed
from kg.model import TrialRecord
from kg.namespaces import RDF, TKG, XSD


@dataclass(frozen=True, slots=True)
class TrialGraph:
    """One trial's named graph, ready for a store or a serializer."""

    graph: str
    trial_id: str
    version: str | None
    source_rank: int
    digest: str
    lines: tuple[str, ...]  # the graph's triples as sorted N-Triples lines (each ending " .\n")
    source: str = ""  # the input format of the record (kg.parsers name), for reports
    # where the lines went instead of ``lines`` (kg.spool): (file name, offset, length)
    spooled: tuple[str, int, int] | None = None
    # lines the same in every trial that names the same thing (a country's code and English
    # name, sorted): not in the graph; a store holds them once, in ``shared_graph``
    shared: tuple[str, ...] = ()
    shared_graph: str = ""

    def nquad_lines(self) -> list[str]:
        """The graph as N-Quads lines, in the same (sorted) order as ``lines``."""
        suffix = f" <{self.graph}> .\n"
        return [line[:-3] + suffix for line in self.lines]

    def ntriples(self) -> bytes:
        """Sorted N-Triples of the graph (deterministic)."""
        return "".join(self.lines).encode("utf-8")

    def whole_lines(self) -> list[str]:
        """The graph's lines and its shared lines, sorted: all the record says."""
        return sorted(set(self.lines).union(self.shared)) if self.shared else list(self.lines)

    def shared_nquad_lines(self) -> list[str]:
        """The shared lines as N-Quads of ``shared_graph``."""
        suffix = f" <{self.shared_graph}> .\n"
        return [line[:-3] + suffix for line in self.shared]


def graph_digest(lines: Iterable[str]) -> str:
    """The content digest of a trial's own triples: sha256 of its sorted, unique N-Triples lines.

    >>> graph_digest(["<a:s> <a:p> <a:o> .\\n", "<a:s> <a:p> <a:x> .\\n"]) == graph_digest(
    ...     ["<a:s> <a:p> <a:x> .\\n", "<a:s> <a:p> <a:o> .\\n", "<a:s> <a:p> <a:o> .\\n"])
    True
    """
    return _sorted_digest(sorted(set(lines)))


def _sorted_digest(body: list[str]) -> str:
    """:func:`graph_digest` of lines already sorted and unique."""
    return "sha256:" + hashlib.sha256("".join(body).encode("utf-8")).hexdigest()


_VERSION_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def assemble(
    graph: str,
    trial: str,
    trial_id: str,
    lines: Iterable[str],
    *,
    version: str | None,
    source_rank: int,
    source: str = "",
    shared: Iterable[str] = (),
    shared_graph: str = "",
) -> TrialGraph:
    """A trial graph (IRI ``graph``, about ``trial``) from its own N-Triples lines.

    The digest is computed and the metadata triples are added.

    ``version`` is the ISO lexical form of the record's refresh/update date
    (day, month or year precision) or ``None``.
    """
    body = sorted(set(lines))
    digest = _sorted_digest(body)
    g = _iri(graph)
    meta: list[tuple[Term, Term, Term]] = [
        (g, RDF.type, TKG.TrialGraph),
        (g, TKG.aboutTrial, _iri(trial)),
        (g, TKG.sourceRank, _int(source_rank)),
        (g, TKG.contentDigest, _s(digest)),
    ]
    if version is not None:
        meta.append((g, TKG.versionDate, _typed(version, _VERSION_TYPES[len(version)])))
    return TrialGraph(
        graph=graph,
        trial_id=trial_id,
        version=version,
        source_rank=source_rank,
        digest=digest,
        lines=tuple(_merged(body, [f"{_t(s)} {_t(p)} {_t(o)} .\n" for s, p, o in meta])),
        source=source,
        shared=tuple(sorted(set(shared))),
        shared_graph=shared_graph,
    )


def _merged(body: list[str], extra: list[str]) -> list[str]:
    """``sorted(body + extra)`` for a sorted ``body`` and a few ``extra`` lines."""
    for line in extra:
        bisect.insort(body, line)
    return body


def trial_graph(record: TrialRecord, options: MappingOptions | None = None) -> TrialGraph:
    """The trial's named graph: its triples plus the metadata a loader needs.

    The digest covers the trial's own triples (sorted N-Triples), so the same
    record mapped twice has the same digest, and any change shows.
    """
    opts = options or MappingOptions()
    version = record.version_date()
    minter = Minter(opts.base)
    own, shared = record_parts(record, opts)
    return assemble(
        minter.graph(record.main_id),
        minter.trial(record.main_id),
        iris.trial_key(record.main_id),
        own,
        version=version.iso() if version else None,
        source_rank=SOURCE_RANK.get(record.provenance.source_format, 0),
        source=record.provenance.source_format,
        shared=shared,
        shared_graph=vocab_graph(minter.base) if shared else "",
    )
