"""The ``trialkg`` command.

Every command that reads records takes files, folders, globs or ``-`` and
``--from FORMAT``; RDF output syntax comes from ``--to`` or the output's
extension (``.gz`` compresses); ``-o -`` is stdout; tables come as
``--format table|csv|json``; progress and final counts go to stderr.
Exit codes: 0 ok, 1 data problems found, 2 usage error.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

import click

from kg import __version__, parsers, queries
from kg.cli.common import (
    EXIT_DATA,
    Counts,
    NothingConverted,
    Progress,
    guard_outputs,
    input_options,
    make_options,
    mapped,
    mapping_options,
    notes_option,
    report_rejects,
    trailer_problem,
    write_notes,
    write_rejects,
)
from kg.cli.lazy import LazyGroup
from kg.cli.tables import emit_rows
from kg.precedence import Superseded, one_per_trial
from kg.serialize import SYNTAXES, open_output, syntax_for, write_graphs
from kg.spool import SYNTAXES as SPOOLED
from kg.spool import Spool

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kg.mapping import TrialGraph
    from kg.validation import ValidationReport, ValidationResult


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trialkg")
def main() -> None:
    """trialkg: clinical trial registry records to a validated, linked RDF knowledge graph."""


@main.command()
@input_options
@click.option(
    "-o", "--output", default="-", show_default=True, help="Output file, or - for stdout."
)
@click.option(
    "--to",
    "syntax",
    type=click.Choice(SYNTAXES),
    default=None,
    help="RDF syntax (default: from the output's extension; N-Triples for stdout).",
)
@notes_option
@click.option("--validate/--no-validate", default=False, help="Validate with the SHACL shapes.")
@mapping_options
def convert(
    inputs: tuple[str, ...],
    fmt: str | None,
    output: str,
    syntax: str | None,
    rejects: str | None,
    notes_path: str | None,
    validate: bool,
    base: str | None,
    include_contacts: bool,
    processed_at: str | None,
    link: bool,
    vocab: tuple[str, ...],
    online: bool,
    jobs: int,
) -> None:
    """Convert registry records to RDF."""
    guard_outputs(inputs, output, rejects, notes_path)
    options = make_options(base, include_contacts, processed_at, link, vocab, online)
    rdf_syntax = syntax_for(output, syntax)
    counts = Counts(keep_notes=notes_path is not None)
    progress = Progress("records")
    superseded: list[Superseded] = []  # other records of a trial that won (kg.precedence)
    report: ValidationReport | None = None
    problems: dict[tuple[str, str], tuple[ValidationResult, ...]] | None = None
    if validate:
        from kg.validation import ValidationReport, fast_available

        report = ValidationReport()
        problems = {} if fast_available() else None  # fast: each graph checked in its worker
    # N-Triples/N-Quads: each graph's lines go to a file where they are made (kg.spool);
    # pyshacl (no fast engine) needs them in the graphs
    spooling = rdf_syntax in SPOOLED and (report is None or problems is not None)
    with contextlib.ExitStack() as stack:
        spool = stack.enter_context(Spool.temporary(rdf_syntax)) if spooling else None
        graphs = one_per_trial(
            mapped(inputs, fmt, options, counts, progress, jobs, problems, spool), superseded
        )
        if report is not None:
            from kg.validation import Engine, attached, validated

            graphs = (
                attached(graphs, report, problems)
                if problems is not None
                else validated(graphs, report, engine=Engine.PYSHACL)  # batches, as they stream
            )
        statements = _written(graphs, output, rdf_syntax, options.base, spool, counts)
    violations = 0
    if report is not None:
        for result in report.results[:50]:
            click.echo(result.line(), err=True)
        violations = len(report.violations)
    progress.close()
    write_rejects(rejects, counts.rejected, counts.file_notes)
    write_notes(notes_path, counts.notes)
    report_rejects(counts.rejected, file_notes=counts.file_notes)
    for item in superseded[:10]:
        click.echo(item.line(), err=True)
    replaced = (
        f", {len(superseded)} superseded by another record of their trial" if superseded else ""
    )
    click.echo(
        f"{counts.line()}{replaced}; {statements} statements written ({rdf_syntax})", err=True
    )
    if violations:
        click.echo(f"{violations} SHACL violations", err=True)
    if counts.rejected or violations:
        sys.exit(EXIT_DATA)


def _written(
    graphs: Iterable[TrialGraph],
    output: str,
    syntax: str,
    base: str,
    spool: Spool | None,
    counts: Counts,
) -> int:
    """The graphs written to ``output``; the number of statements (0: nothing written)."""
    try:
        with open_output(output) as out:
            statements = write_graphs(graphs, out, syntax, base, spool)
            if counts.rejected and not counts.out and output != "-":
                raise NothingConverted
    except NothingConverted:
        click.echo(f"every record was rejected: {output} not written (left as it was)", err=True)
        return 0
    return statements


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "rdf_format", default=None, help="RDF syntax (default: from extension).")
@click.option("--warnings/--no-warnings", default=True, help="Print sh:Warning results too.")
@click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl"]),
    default="fast",
    show_default=True,
    help="fast: the shapes compiled (pyshacl's results, falls back to pyshacl for what it "
    "cannot compile, saying so); pyshacl: the reference implementation.",
)
@click.option(
    "--shapes",
    "extra_shapes",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="More SHACL shapes (Turtle) to validate with, besides the shipped ones.",
)
def validate(
    files: tuple[str, ...],
    rdf_format: str | None,
    warnings: bool,
    engine: str,
    extra_shapes: tuple[str, ...],
) -> None:
    """Validate RDF files against the shipped SHACL shapes (exit 1 on violations)."""
    from kg.validation import Engine, ValidationReport, validate_file

    report = ValidationReport()
    for path in files:
        problem = trailer_problem(path)
        if problem is not None:
            click.echo(f"warning: {path}: {problem}", err=True)
        try:
            report.extend(validate_file(path, rdf_format, Engine(engine), extra_shapes))
        except Exception as exc:  # rdflib raises many kinds of parse errors
            raise click.ClickException(f"{path}: cannot read as RDF: {exc}") from exc
    for result in report.results:
        if result.severity == "Violation" or warnings:
            click.echo(result.line())
    click.echo(
        f"{len(report.violations)} violations, {len(report.warnings)} warnings "
        f"in {len(files)} file(s)",
        err=True,
    )
    if not report.conforms:
        sys.exit(EXIT_DATA)


@main.command("queries")
@click.option("--format", "table_format", type=click.Choice(["table", "csv", "json"]),
              default="table")  # fmt: skip
def list_queries(table_format: str) -> None:
    """List the bundled SPARQL queries with their summaries and parameters.

    Every query also takes limit and offset (paging; see `trialkg query --help`)."""
    rows = [
        (
            q.name,
            q.kind,
            ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.params),
            q.summary,
        )
        for q in queries.all_queries()
    ]
    emit_rows(["name", "kind", "parameters", "summary"], rows, table_format)


@main.command("formats")
def list_formats() -> None:
    """List the input formats trialkg reads."""
    for name in parsers.names():
        click.echo(f"{name:14} {parsers.get(name).DESCRIPTION}")


__all__ = ["main"]
