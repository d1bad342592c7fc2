"""``trialkg criteria``: eligibility criteria as typed constraints, and their evaluation.

    trialkg criteria INPUT... [--json | --format table|csv|json] [-o FILE] [--no-link]
    trialkg criteria --evaluate GOLD.jsonl INPUT... [--json]

``--json`` writes one JSON line per criterion: trial_id, kind, ordinal, text and
its constraints (type, fields, text, start, end). ``--evaluate`` scores that
output against a gold file of the same format (kg.criteria.evaluate).

>>> from click.testing import CliRunner
>>> CliRunner().invoke(criteria, ["nothing-here"]).exit_code
2
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from kg.cli.common import EXIT_DATA, input_options
from kg.cli.tables import emit_rows
from kg.criteria import LinkFunction, criterion_rows
from kg.criteria.evaluate import TYPES, evaluate
from kg.parsers.base import InputError, Rejected
from kg.reading import read_records

_COLUMNS = [
    "trial_id",
    "kind",
    "ordinal",
    "type",
    "op",
    "value",
    "value2",
    "unit",
    "quantity",
    "relation",
    "anchor",
    "negated",
    "concept",
    "text",
    "start",
    "end",
]


def _rows(
    inputs: tuple[str, ...],
    fmt: str | None,
    linker: LinkFunction | None,
    rejected: list[Rejected],
) -> Iterator[dict[str, Any]]:
    try:
        for item in read_records(inputs, fmt):
            if isinstance(item, Rejected):
                rejected.append(item)
                continue
            yield from criterion_rows(item, linker)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc


def _print_report(report: dict[str, Any]) -> None:
    c = report["criteria"]
    click.echo(
        f"criteria (splitting): P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f} "
        f"(gold {c['gold']}, predicted {c['predicted']}, matched {c['correct']})"
    )
    for t in TYPES:
        s = report["constraints"][t]
        click.echo(
            f"{t:20} P {s['precision']:.3f} R {s['recall']:.3f} "
            f"(gold {s['gold']}, predicted {s['predicted']}, correct {s['correct']})"
        )
    n = report["negation"]
    accuracy = "n/a" if n["accuracy"] is None else f"{n['accuracy']:.3f}"
    click.echo(f"negation flag right on {n['flag_right']}/{n['matched_mentions']} ({accuracy})")


@click.command("criteria")
@input_options
@click.option("--json", "as_json", is_flag=True, help="JSON lines (same as --format json).")
@click.option(
    "--format",
    "table_format",
    type=click.Choice(["table", "csv", "json"]),
    default=None,
    help="Output: one row per constraint (table, csv) or JSON lines.",
)
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or -.")
@click.option(
    "--evaluate",
    "gold_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Score against this gold JSON-lines file instead of writing the constraints.",
)
@click.option("--link/--no-link", default=True, help="Link mentions to MeSH (bundled lexicon).")
def criteria(
    inputs: tuple[str, ...],
    fmt: str | None,
    as_json: bool,
    table_format: str | None,
    output: str,
    gold_path: Path | None,
    link: bool,
) -> None:
    """Eligibility criteria as typed constraints (age, sex, thresholds, temporal, mentions)."""
    linker: LinkFunction | None = None
    if link:
        from kg.linking import Linker

        linker = Linker.load().link
    rejected: list[Rejected] = []
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        if gold_path is not None:
            with gold_path.open(encoding="utf-8") as fh:
                gold = [json.loads(line) for line in fh if line.strip()]
            report = evaluate(gold, _rows(inputs, fmt, linker, rejected))
            if as_json or table_format == "json":
                out.write(json.dumps(report, ensure_ascii=False, sort_keys=True) + "\n")
            else:
                _print_report(report)
        elif as_json or table_format in (None, "json"):
            n = 0
            for row in _rows(inputs, fmt, linker, rejected):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
            click.echo(f"{n} criteria", err=True)
        else:
            table = [
                [row[k] for k in ("trial_id", "kind", "ordinal")]
                + [c.get(k, "") for k in _COLUMNS[3:]]
                for row in _rows(inputs, fmt, linker, rejected)
                for c in row["constraints"]
            ]
            emit_rows(_COLUMNS, table, table_format)
    finally:
        if out is not sys.stdout:
            out.close()
    if rejected:
        click.echo(f"{len(rejected)} records rejected", err=True)
        sys.exit(EXIT_DATA)
