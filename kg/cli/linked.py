"""Linked-data commands: exports to other graphs' formats, study-cluster report, trial history."""

from __future__ import annotations

from itertools import pairwise

import click

from kg.cli.store_commands import open_store, store_options
from kg.cli.tables import emit_rows
from kg.stores import StoreError

_TABLE = click.option("--format", "table_format", type=click.Choice(["table", "csv", "json"]),
                      default="table")  # fmt: skip


def export_to(store_dir: str, to: str, output: str, wikidata_map: str | None) -> None:
    """``trialkg export --to FORMAT``: the trials of an embedded store in another format."""
    from kg.exports import export

    store = open_store(store_dir, None, None, None)
    try:
        report = export(store, to, output, wikidata_map=wikidata_map)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    for f in report.files:
        click.echo(f, err=True)
    for line in report.lines():
        click.echo(line, err=True)


@click.command()
@store_options
@_TABLE
def report(
    store_dir: str | None,
    endpoint: str | None,
    sparql: str | None,
    user: str | None,
    table_format: str,
) -> None:
    """Studies registered in several registers and where their registrations disagree
    (target size, start date, status, phase)."""
    from kg.clusters import conflicts, find_clusters

    store = open_store(store_dir, endpoint, sparql, user)
    try:
        rows: list[list[str]] = []
        found = find_clusters(store)
        for cluster in found:
            registrations = " ".join(cluster.trial_ids)
            disagreements = conflicts(store, cluster)
            for c in disagreements:
                values = "; ".join(f"{trial}: {value}" for trial, value in c.values)
                rows.append([cluster.iri, registrations, c.field, values])
            if not disagreements:
                rows.append([cluster.iri, registrations, "", "registrations agree"])
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    emit_rows(["cluster", "registrations", "disagreement", "values"], rows, table_format)
    n = sum(1 for r in rows if r[2])
    click.echo(f"study clusters: {len(found)}; disagreements: {n}", err=True)


@click.command()
@click.argument("trial")
@store_options
@_TABLE
def history(
    trial: str,
    store_dir: str | None,
    endpoint: str | None,
    sparql: str | None,
    user: str | None,
    table_format: str,
) -> None:
    """What changed between the kept versions of a trial (ID or IRI): status, dates,
    sample size, outcomes, criteria."""
    from kg.history import changes, versions

    store = open_store(store_dir, endpoint, sparql, user)
    try:
        kept = versions(store, trial)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if not kept:
        raise click.ClickException(f"no trial {trial} in the store")
    rows: list[list[str]] = []
    for old, new in pairwise(kept):
        for c in changes(old.view, new.view):
            rows.append([old.version or "undated", new.version or "undated", c.field,
                         c.before, c.after])  # fmt: skip
    emit_rows(["from", "to", "field", "before", "after"], rows, table_format)
    click.echo(f"{trial}: {len(kept)} version(s), {len(rows)} change(s)", err=True)


__all__ = ["export_to", "history", "report"]
