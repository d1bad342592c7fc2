"""Tabular results: ``--format table|csv|json`` on stdout."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence

import click


def emit_rows(header: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> None:
    """Print rows as an aligned table, CSV, or a JSON list of objects."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if fmt == "json":
        objects = [dict(zip(header, row, strict=True)) for row in rows]
        click.echo(json.dumps(objects, ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cells)
    else:
        widths = [len(h) for h in header]
        for row in cells:
            for i, v in enumerate(row):
                widths[i] = min(max(widths[i], len(v)), 80)
        click.echo("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        click.echo("  ".join("-" * w for w in widths))
        for row in cells:
            shown = [v if len(v) <= 80 else v[:77] + "..." for v in row]
            click.echo("  ".join(v.ljust(w) for v, w in zip(shown, widths, strict=True)).rstrip())
