"""Query commands: ``query`` (one bundled query, paged) and ``shell`` (many, one store open)."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import click

from kg import queries
from kg.cli.common import EXIT_DATA, Counts, make_options, report_rejects
from kg.cli.store_commands import open_store, store_options
from kg.cli.tables import emit_rows
from kg.stores import GraphStore, StoreError

TABLE_LIMIT = 100  # rows of a --format table page when no limit is given
PAGING_HELP = (
    "Every query also takes --param limit=N (rows per page; 'all' for every row; "
    f"default {TABLE_LIMIT} with --format table, all rows otherwise) and --param offset=N "
    "(rows to skip), cut from the query's stable order."
)


@click.command(epilog=PAGING_HELP)
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Query parameter.")
@store_options
@click.option("--data", "data_files", multiple=True, help="Query RDF or record files in memory.")
@click.option("--format", "table_format", type=click.Choice(["table", "csv", "json"]),
              default="table")  # fmt: skip
def query(
    name: str,
    params: tuple[str, ...],
    store_dir: str | None,
    endpoint: str | None,
    sparql: str | None,
    user: str | None,
    data_files: tuple[str, ...],
    table_format: str,
) -> None:
    """Run a bundled query (see `trialkg queries`) on a store, an endpoint or data files."""
    try:
        q = queries.get(name)
        pairs = [_split_param(p) for p in params]
        values = dict(pairs)
        if len(values) < len(pairs):
            repeated = sorted({k for k, _ in pairs if sum(k == j for j, _ in pairs) > 1})
            raise queries.QueryError(f"--param given more than once for: {', '.join(repeated)}")
        page = _Page(q, values, table_format)
    except queries.QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    if data_files:
        if store_dir or endpoint:
            raise click.UsageError("give --data or a store, not both")
        store: GraphStore = _memory_store(data_files)
    else:
        store = open_store(store_dir, endpoint, sparql, user)
    try:
        found = page.run(store, table_format)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if q.kind == "violation" and found:
        sys.exit(EXIT_DATA)


class _Page:
    """One bound query and the page of its rows to show."""

    def __init__(self, q: queries.Query, values: dict[str, str], table_format: str) -> None:
        self.q = q
        self.values, limit, self.offset = queries.paging(values)
        self.explicit = "limit" in values
        self.limit = TABLE_LIMIT if not self.explicit and table_format == "table" else limit
        self.text = q.page(self.values, limit=self.limit, offset=self.offset)

    def run(self, store: GraphStore, table_format: str) -> int:
        """Print the page; say on stderr how many rows there are in all when it is cut."""
        variables, rows = store.select(self.text)
        shown = [[None if t is None else t.value for t in row] for row in rows]
        emit_rows(variables, shown, table_format)
        cut = self.limit is not None and len(rows) == self.limit
        if cut or (self.offset and not rows):
            _names, total = store.select(self.q.count(self.values))
            n = int(total[0][0].value) if total and total[0][0] is not None else len(rows)
            if n > len(rows):
                first = self.offset + 1 if rows else 0
                click.echo(
                    f"rows {first:,}-{self.offset + len(rows):,} of {n:,} "
                    f"(--param limit=N offset={self.offset + len(rows)} for the next page, "
                    "limit=all for every row)",
                    err=True,
                )
        return len(rows)


@click.command(epilog=PAGING_HELP)
@store_options
@click.option("--format", "table_format", type=click.Choice(["table", "csv", "json"]),
              default="table")  # fmt: skip
def shell(
    store_dir: str | None,
    endpoint: str | None,
    sparql: str | None,
    user: str | None,
    table_format: str,
) -> None:
    """Answer many queries with one store open: one per line of stdin.

    A line is a bundled query's name with its parameters (``trials-by-condition
    condition=covid limit=20``, shell quoting) or a SPARQL SELECT query on one line.
    Blank lines and lines starting with # are skipped; ``quit`` ends. A line that fails
    is reported on stderr and the next one is read; the exit code is 1 if any failed.
    """
    store = open_store(store_dir, endpoint, sparql, user)
    failed = _answer_lines(store, sys.stdin, table_format)
    close = getattr(store, "close", None)
    if close is not None:
        close()
    if failed:
        sys.exit(EXIT_DATA)


def _answer_lines(store: GraphStore, lines: Iterable[str] | TextIO, table_format: str) -> int:
    failed = 0
    for line in lines:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text in ("quit", "exit"):
            break
        try:
            if text.split(None, 1)[0].upper() in ("SELECT", "PREFIX", "BASE"):
                variables, rows = store.select(text)
                emit_rows(variables, [[None if t is None else t.value for t in r] for r in rows],
                          table_format)  # fmt: skip
            else:
                name, *pairs = shlex.split(text)
                q = queries.get(name)
                _Page(q, dict(_split_param(p) for p in pairs), table_format).run(
                    store, table_format
                )
        except (queries.QueryError, StoreError, ValueError) as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
        sys.stdout.flush()
    return failed


def _split_param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise queries.QueryError(f"--param needs KEY=VALUE, got {text!r}")
    return key.strip(), value


def _memory_store(files: tuple[str, ...]) -> GraphStore:
    """RDF files (by extension) or registry records, loaded into an in-memory store."""
    from pyoxigraph import NamedNode, RdfFormat

    from kg.cli.common import mapped as mapped_graphs
    from kg.stores.embedded import EmbeddedStore

    store = EmbeddedStore()
    rdf = {".nq": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG, ".nt": RdfFormat.N_TRIPLES,
           ".ttl": RdfFormat.TURTLE}  # fmt: skip
    records: list[str] = []
    for f in files:
        name = f[:-3] if f.endswith(".gz") else f
        suffix = os.path.splitext(name)[1]
        if suffix in rdf:
            import gzip

            from kg.cli.common import trailer_problem

            problem = trailer_problem(f)
            if problem is not None:
                click.echo(f"warning: {f}: {problem}", err=True)

            data = (
                gzip.decompress(Path(f).read_bytes()) if f.endswith(".gz") else Path(f).read_bytes()
            )
            target = None if rdf[suffix].supports_datasets else NamedNode("urn:trialkg:data")
            store.store.load(data, rdf[suffix], to_graph=target)
        else:
            records.append(f)
    if records:
        counts = Counts()
        from kg.mapping.countries import vocab_payload

        graphs = list(mapped_graphs(records, None, make_options(None, False, None), counts))
        store.replace_graphs({g.graph: g.ntriples() for g in graphs})
        store.replace_graphs(vocab_payload(g.shared_graph for g in graphs))  # countries' names
        report_rejects(counts.rejected)
    return store
