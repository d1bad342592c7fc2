"""``trialkg audit``: the field coverage audit of registry records.

    trialkg audit INPUT... [--from FORMAT] [--format table|csv|json] [--only-dropped]

Prints, per format and source field, the records where the field is present,
where it is mapped (kept verbatim counts as mapped), deliberately ignored (the
reason is shown) and dropped; then, per model field (rows ``model Class.field``),
whether its values reach the output graph (measured on the graph, with examples
of the values that do not). Exit 1 when any field or value is dropped: map it in
its parser (or kg/mapping/), or list it in the parser's ``IGNORED`` table (or
``kg.emitted.NOT_EMITTED``) with a reason.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(audit, ["nothing-here"]).exit_code
2
"""

from __future__ import annotations

import sys

import click

from kg.audit import DROPPED, HEADER
from kg.audit import audit as run_audit
from kg.cli.common import EXIT_DATA, input_options
from kg.cli.tables import emit_rows
from kg.parsers.base import InputError


@click.command("audit")
@input_options
@click.option(
    "--format",
    "table_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output table format.",
)
@click.option("--only-dropped", is_flag=True, help="List only the dropped fields.")
def audit(inputs: tuple[str, ...], fmt: str | None, table_format: str, only_dropped: bool) -> None:
    """Field coverage: per format and source field, records where it is present,
    mapped, ignored or dropped (exit 1 when any field is dropped)."""
    try:
        report = run_audit(inputs, fmt)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    rows = [c.row() for c in report.counts if not only_dropped or c.status == DROPPED]
    emit_rows(HEADER, rows, table_format)
    _list_files([f"not read: {f.name}: {f.problem}" for f in report.unread])
    _list_files(
        [
            f"no auditable record in {f.name} ({f.format}); `trialkg convert` lists the rejects"
            for f in report.empty
        ]
    )
    if report.dropped:
        click.echo(
            f"{len(report.dropped)} dropped field(s): map each in its parser (FIELD_MAP) "
            "or list it in the parser's IGNORED table with the reason; a dropped model "
            "field: write it in kg/mapping/ or list it in kg.emitted.NOT_EMITTED",
            err=True,
        )
    click.echo(report.line(), err=True)
    if report.dropped:
        sys.exit(EXIT_DATA)


def _list_files(lines: list[str], limit: int = 10) -> None:
    for line in lines[:limit]:
        click.echo(line, err=True)
    if len(lines) > limit:
        click.echo(f"... and {len(lines) - limit} more", err=True)
