"""What every trialkg command shares: input options, the read -> map pipeline,
counts and rejects, progress on stderr, exit codes.

Exit codes: 0 ok, 1 data problems found (rejects, violations), 2 usage error.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg import parsers
from kg.atomic import SameFileError, check_trailer, refuse_overwriting_inputs, write_text_atomic
from kg.iris import DEFAULT_BASE
from kg.mapping import MappingOptions, TrialGraph
from kg.parsers.base import InputError, Rejected
from kg.pipeline import convert, default_jobs

if TYPE_CHECKING:
    from kg.spool import Spool
    from kg.validation import ValidationResult

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


def _set_limit(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None:
        return
    from kg.limits import parse_size, set_limits

    try:
        size = parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if param.name == "max_field_size":
        set_limits(field_bytes=size)
    else:
        set_limits(record_bytes=size)


def input_options(fn: F) -> F:
    """INPUT... (files, folders, globs or -), --from FORMAT and the input size limits."""
    for name, default in (("--max-field-size", "16MB"), ("--max-record-size", "64MB")):
        fn = click.option(
            name,
            default=default,
            show_default=True,
            expose_value=False,
            callback=_set_limit,
            help=f"Reject a larger {name.split('-')[-2]} (kg.limits).",
        )(fn)
    fn = click.option(
        "--from",
        "fmt",
        type=click.Choice(parsers.names()),
        default=None,
        help="Input format (default: detected per file).",
    )(fn)
    fn = click.argument("inputs", nargs=-1, required=True)(fn)
    return fn


def mapping_options(fn: F) -> F:
    """--base, --include-contacts, --processed-at."""
    fn = click.option(
        "--base",
        default=None,
        envvar="TRIALKG_BASE",
        help=f"Base IRI for minted IRIs (default {DEFAULT_BASE}).",
    )(fn)
    fn = click.option(
        "--include-contacts",
        is_flag=True,
        help="Export personal contact data (e-mail, telephone, address).",
    )(fn)
    fn = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=default_jobs(),
        show_default=True,
        help="Worker processes that build and map records (output does not depend on it).",
    )(fn)
    fn = click.option(
        "--link",
        "link",
        is_flag=True,
        help="Link conditions and interventions to MeSH/MONDO/ChEBI... (offline lexicon).",
    )(fn)
    fn = click.option(
        "--vocab",
        "vocab",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Extra vocabulary for --link (OBO/OWL, MeSH XML or N-Triples, RxNorm RRF).",
    )(fn)
    fn = click.option(
        "--online",
        is_flag=True,
        help="With --link: also ask EBI OLS / NLM services (cached; never by default).",
    )(fn)
    fn = click.option(
        "--no-criteria-structure",
        is_flag=True,
        expose_value=False,
        callback=_remember_no_structure,
        help="Keep criteria as text: no typed constraints (age, thresholds...) under them.",
    )(fn)
    fn = click.option(
        "--processed-at",
        default=None,
        help="Processing time to record (xsd:dateTime, e.g. 2026-01-01T00:00:00Z); "
        "omitted by default so output stays deterministic.",
    )(fn)
    return fn


def _remember_no_structure(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    ctx.meta["trialkg.criteria_structure"] = not value


def _criteria_structure() -> bool:
    """--no-criteria-structure of the running command (True outside a command)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is None or ctx.meta.get("trialkg.criteria_structure", True))


def make_options(
    base: str | None,
    include_contacts: bool,
    processed_at: str | None,
    link: bool = False,
    vocab: tuple[str, ...] = (),
    online: bool = False,
) -> MappingOptions:
    """Mapping options from the command line; ``--vocab``/``--online`` imply ``--link``."""
    if base is not None:
        check_base(base)
    linker = None
    if link or vocab or online:
        from kg.linking.lazy import LazyLinker

        linker = LazyLinker(tuple(vocab), online)
        linker.linker()  # load now: a bad vocabulary file is an error before any work
    return MappingOptions(
        base=base or DEFAULT_BASE,
        include_contacts=include_contacts,
        processed_at=processed_at,
        linker=linker,
        criteria_structure=_criteria_structure(),
    )


_BASE = re.compile(r"https?://[^\s<>\"{}|\\^`/?#]+(?:/[^\s<>\"{}|\\^`?#]*)?[/#]")


def check_base(base: str) -> None:
    """Usage error unless ``--base`` is an absolute http(s) IRI ending in "/" or "#",
    with no character that would need escaping (and no "." or ".." segment)."""
    segments = base.split("://", 1)[-1].split("/")
    if not _BASE.fullmatch(base) or any(seg in (".", "..") for seg in segments):
        raise click.BadParameter(
            f"{base!r}: use an absolute http(s) IRI ending in / or #, e.g. {DEFAULT_BASE}",
            param_hint="--base",
        )


@dataclass
class Counts:
    """Records in = out + rejected, for the final line of every run."""

    read: int = 0
    out: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[dict[str, object]] = field(default_factory=list)  # only with keep_notes
    file_notes: list[dict[str, object]] = field(default_factory=list)  # whole files, kept
    note_count: int = 0
    keep_notes: bool = True  # False without --notes FILE: memory stays flat in input size

    def line(self, verb: str = "converted") -> str:
        k, raw = len(self.file_notes), self.note_count - len(self.file_notes)
        return (
            f"records: {self.read} in, {self.out} {verb}, {len(self.rejected)} rejected"
            + (f", {raw} values kept raw (--notes FILE lists them)" if raw else "")
            + (f"; {k} file{'s' * (k != 1)} read with a note (a legacy encoding: records kept,"
               " --rejects FILE lists the file)" if k else "")
        )  # fmt: skip


def file_note_entry(note: dict[str, object]) -> dict[str, object]:
    """A whole-file note as a ``--rejects`` line: kind "note", its records not rejected."""
    return {**note, "kind": "note", "reason": f"note: {note['reason']}; its records were kept"}


class Progress:
    """A counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, label: str, *, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.n = 0

    def advance(self, k: int = 1) -> None:
        self.n += k
        if self.enabled and (self.n % 100 == 0 or k > 1):
            click.echo(f"\r{self.label}: {self.n}", nl=False, err=True)

    def close(self) -> None:
        if self.enabled and self.n:
            click.echo(f"\r{self.label}: {self.n}", err=True)


def mapped(
    inputs: Iterable[str],
    fmt: str | None,
    options: MappingOptions,
    counts: Counts,
    progress: Progress | None = None,
    jobs: int = 1,
    problems: dict[tuple[str, str], tuple[ValidationResult, ...]] | None = None,
    spool: Spool | None = None,
) -> Iterator[TrialGraph]:
    """Records converted to trial graphs; rejects and notes are collected in ``counts``.

    With ``problems``, each graph is SHACL-validated where it is made and its
    results are kept there under (graph IRI, digest) (see :func:`kg.validation.attached`).
    """
    try:
        validate = problems is not None
        for result in convert(inputs, fmt, options, jobs=jobs, validate=validate, spool=spool):
            counts.note_count += len(result.notes)
            if counts.keep_notes:
                counts.notes.extend(result.notes)
            if result.graph is None and result.rejected is None:
                counts.file_notes.extend(result.notes)  # a whole file's note, not a record
                continue
            counts.read += 1  # a whole unreadable file counts as one rejected input
            if result.rejected is not None:
                counts.rejected.append(result.rejected)
                continue
            assert result.graph is not None
            if result.problems and problems is not None:
                problems[(result.graph.graph, result.graph.digest)] = result.problems
            counts.out += 1
            if progress is not None:
                progress.advance()
            yield result.graph
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc


def notes_option(fn: F) -> F:
    """--rejects FILE and --notes FILE: what was not converted, what was kept raw."""
    fn = click.option(
        "--notes",
        "notes_path",
        default=None,
        help="Write values kept raw because they could not be normalised here (JSON lines).",
    )(fn)
    fn = click.option("--rejects", default=None, help="Write rejected records here (JSON lines).")(
        fn
    )
    return fn


def write_notes(path: str | None, notes: list[dict[str, object]]) -> None:
    """Values kept raw, one JSON object per line (record, field, value, reason); atomic."""
    if path is None:
        return
    write_text_atomic(
        path, (json.dumps(note, ensure_ascii=False, sort_keys=True) + "\n" for note in notes)
    )


def write_rejects(
    path: str | None, rejects: list[Rejected], file_notes: Iterable[dict[str, object]] = ()
) -> None:
    """Rejects as JSON lines (one object per rejected record or unreadable file), then one
    line of kind "note" per file converted with a note (a legacy encoding); atomic."""
    if path is None:
        return
    entries = itertools.chain((r.as_dict() for r in rejects), map(file_note_entry, file_notes))
    write_text_atomic(
        path, (json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
    )


class NothingConverted(Exception):
    """Every record was rejected: the output file is not replaced."""


def guard_outputs(inputs: Iterable[str], *outputs: str | None) -> None:
    """Usage error (exit 2) when an output path is one of the inputs."""
    for output in outputs:
        if output is not None:
            try:
                refuse_overwriting_inputs(output, inputs)
            except SameFileError as exc:
                raise click.UsageError(str(exc)) from exc


def trailer_problem(path: str) -> str | None:
    """Why an N-Triples/N-Quads file (by extension, .gz read) looks incomplete, or None."""
    name = path[:-3] if path.endswith(".gz") else path
    if not name.endswith((".nt", ".nq")):
        return None
    import gzip

    try:
        data = gzip.decompress(Path(path).read_bytes()) if path.endswith(".gz") else None
        return check_trailer(data if data is not None else Path(path).read_bytes())
    except (OSError, EOFError) as exc:
        return f"cannot read: {exc}"


def report_rejects(
    rejects: list[Rejected], limit: int = 10, file_notes: Iterable[dict[str, object]] = ()
) -> None:
    for note in file_notes:
        click.echo(f"note {note['source_file']}: {note['reason']} (records kept)", err=True)
    for r in rejects[:limit]:
        where = f"{r.source_file}" + (f" #{r.position}" if r.position else "")
        rid = f" [{r.record_id}]" if r.record_id else ""
        fld = f" field {r.field}:" if r.field else ""
        click.echo(f"rejected {where}{rid}:{fld} {r.reason}", err=True)
    if len(rejects) > limit:
        click.echo(f"... and {len(rejects) - limit} more rejects", err=True)
