"""Store commands: load, export, serve (query and shell: kg.cli.query)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.common import (
    EXIT_DATA,
    EXIT_USAGE,
    Counts,
    F,
    Progress,
    input_options,
    make_options,
    mapped,
    mapping_options,
    notes_option,
    report_rejects,
    write_notes,
    write_rejects,
)
from kg.exports import FORMATS as EXPORT_FORMATS
from kg.stores import GraphStore, StoreError, loading

if TYPE_CHECKING:
    from kg.stores.gateway import Pages
    from kg.stores.servers import OxigraphServer

PASSWORD_ENV = "TRIALKG_PASSWORD"


def open_store(
    store_dir: str | None,
    endpoint: str | None,
    sparql: str | None,
    user: str | None,
) -> GraphStore:
    """The embedded store at ``--store`` or a remote endpoint (password from the env)."""
    if (store_dir is None) == (endpoint is None):
        raise click.UsageError("give exactly one of --store DIR or --endpoint URL")
    if endpoint is not None:
        from kg.stores.remote import RemoteStore

        password = os.environ.get(PASSWORD_ENV)
        if user and password is None:
            raise click.UsageError(f"--user needs the password in ${PASSWORD_ENV}")
        return RemoteStore(endpoint, sparql=sparql, user=user, password=password)
    from kg.stores.embedded import EmbeddedStore

    assert store_dir is not None
    try:
        return EmbeddedStore(store_dir)
    except OSError as exc:
        hint = "; another process (load, serve) has it open" if "LOCK" in str(exc) else ""
        raise StoreUnavailable(f"cannot open store {store_dir}: {exc}{hint}") from exc


class StoreUnavailable(click.ClickException):
    """The store cannot be opened (locked, unreadable): not a data problem, so exit 2."""

    exit_code = EXIT_USAGE


def store_options(fn: F) -> F:
    fn = click.option(
        "--user", default=None, help=f"User for the endpoint (password: ${PASSWORD_ENV})."
    )(fn)
    fn = click.option(
        "--sparql", default=None, help="SPARQL query/update URL, where the server needs one."
    )(fn)
    fn = click.option("--endpoint", default=None, help="SPARQL 1.1 Graph Store endpoint URL.")(fn)
    fn = click.option("--store", "store_dir", default=None, help="Embedded store folder.")(fn)
    return fn


@click.command()
@input_options
@store_options
@click.option("--batch-size", default=1000, show_default=True, help="Trials per write.")
@click.option("--history/--no-history", default=True, show_default=True,
              help="Keep the version a newer record replaces (trialkg history).")  # fmt: skip
@click.option(
    "--bulk",
    is_flag=True,
    help="Empty store or Oxigraph server only: load by the engine's bulk path (several "
    "times faster); later loads upsert as usual.",
)
@click.option("--optimize/--no-optimize", default=True, show_default=True,
              help="Embedded store: compact it once the load is done.")  # fmt: skip
@notes_option
@mapping_options
def load(
    inputs: tuple[str, ...],
    fmt: str | None,
    store_dir: str | None,
    endpoint: str | None,
    sparql: str | None,
    user: str | None,
    batch_size: int,
    history: bool,
    bulk: bool,
    optimize: bool,
    rejects: str | None,
    notes_path: str | None,
    base: str | None,
    include_contacts: bool,
    processed_at: str | None,
    link: bool,
    vocab: tuple[str, ...],
    online: bool,
    jobs: int,
) -> None:
    """Load records into a triple store: one named graph per trial, newer versions replace older."""
    store = open_store(store_dir, endpoint, sparql, user)
    options = make_options(base, include_contacts, processed_at, link, vocab, online)
    counts = Counts(keep_notes=notes_path is not None)
    progress = Progress("trials loaded")
    graphs = mapped(inputs, fmt, options, counts, jobs=jobs)
    try:
        if bulk:
            from kg.stores.bulk import NotEmpty, bulk_load

            try:
                report = bulk_load(graphs, store, progress=progress.advance)
            except NotEmpty as exc:
                raise click.UsageError(str(exc)) from exc
        else:
            report = loading.load(
                graphs, store, batch_size=batch_size, progress=progress.advance, history=history
            )
        from kg.clusters import rebuild

        studies = rebuild(store)  # one study across registers: rebuilt from the whole store
        if link:
            from kg.cli.vocab import load_mesh_graph

            triples = load_mesh_graph(store, base)
            click.echo(f"MeSH vocabulary graph: {triples} triples", err=True)
        compact = getattr(store, "optimize", None)  # the embedded store: compact once, at the end
        if optimize and compact is not None:
            compact()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        progress.close()
        close = getattr(store, "close", None)
        if close is not None:
            close()
    write_rejects(rejects, counts.rejected, counts.file_notes)
    write_notes(notes_path, counts.notes)
    report_rejects(counts.rejected, file_notes=counts.file_notes)
    for detail in report.stale_details[:10]:
        click.echo(f"{detail.outcome}: {detail}", err=True)
    for line in report.source_lines():
        click.echo(f"  {line}", err=True)
    for trial_id, reason in report.failed[:10]:
        click.echo(f"failed: {trial_id}: {reason}", err=True)
    c = report.counts()
    click.echo(
        f"{counts.line('mapped')}; trials: {c['loaded']} loaded, {c['replaced']} replaced, "
        f"{c['unchanged']} unchanged, {c['stale']} stale, {c['superseded']} superseded, "
        f"{c['failed']} failed",
        err=True,
    )
    click.echo(f"study clusters: {len(studies)} (trials registered in several registers)", err=True)
    if counts.rejected or report.failed:
        sys.exit(EXIT_DATA)


@click.command()
@click.option("--store", "store_dir", required=True, help="Embedded store folder.")
@click.option("-o", "--output", required=True, help="Output N-Quads file (.nq or .nq.gz).")
@click.option("--shard-size", default="1GB", show_default=True,
              help="Start a new file past this many uncompressed bytes (e.g. 500MB).")  # fmt: skip
@click.option("--to", "to", type=click.Choice(["nquads", *EXPORT_FORMATS]), default="nquads",
              show_default=True,
              help="nquads dump, or FHIR R5 / QuickStatements / KGX / schema.org.")  # fmt: skip
@click.option("--wikidata-map", default=None, type=click.Path(exists=True, dir_okay=False),
              help="quickstatements: MeSH ID -> Wikidata Q-ID TSV.")  # fmt: skip
def export(store_dir: str, output: str, shard_size: str, to: str, wikidata_map: str | None) -> None:
    """Dump an embedded store as sharded N-Quads for bulk loaders, with a VoID/DCAT description,
    or export its trials to FHIR, Wikidata QuickStatements, Biolink KGX or schema.org."""
    from kg.export import export_store
    from kg.limits import parse_size

    if to != "nquads":
        from kg.cli.linked import export_to

        export_to(store_dir, to, output, wikidata_map)
        return

    try:
        limit = parse_size(shard_size)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    files, description = export_store(store_dir, output, limit)
    for f in files:
        click.echo(f, err=True)
    click.echo(f"description: {description}", err=True)


SERVE_TOKEN_ENV = "TRIALKG_SERVE_TOKEN"


@click.command()
@click.option("--store", "store_dir", required=True, help="Embedded store folder (must exist).")
@click.option("--port", default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--timeout", default=30.0, show_default=True, help="Seconds before a query is cut off."
)
@click.option("--max-result-size", default="100MB", show_default=True,
              help="Largest answer sent; larger ones are cut off (507).")  # fmt: skip
@click.option("--writable", is_flag=True,
              help="Allow SPARQL UPDATE and Graph Store writes, with the token "
              f"in ${SERVE_TOKEN_ENV}.")  # fmt: skip
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from web pages.")
@click.option("--base", default=None, help="Data IRI base whose IRIs are served at their paths.")
def serve(
    store_dir: str,
    port: int,
    host: str,
    timeout: float,
    max_result_size: str,
    writable: bool,
    cors: bool,
    base: str | None,
) -> None:
    """Serve an embedded store as a SPARQL endpoint (read-only by default; Ctrl-C stops),
    with a page for every IRI under the base (HTML, Turtle, JSON-LD, N-Triples) and an
    overview at /."""
    import time

    from kg.limits import parse_size
    from kg.stores.gateway import Gateway, Policy
    from kg.stores.servers import OxigraphServer, ServerError

    token = os.environ.get(SERVE_TOKEN_ENV) if writable else None
    if writable and (token is None or len(token) < 16):
        raise click.UsageError(f"--writable needs a token of 16+ characters in ${SERVE_TOKEN_ENV}")
    try:
        limit = parse_size(max_result_size)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if timeout <= 0:
        raise click.UsageError("--timeout must be positive")
    location = Path(store_dir).resolve()
    if not location.is_dir():
        raise click.UsageError(f"no store at {location}")
    policy = Policy(writable, token, timeout=timeout, max_result=limit, cors=cors)
    try:
        with OxigraphServer(location, read_only=not writable, query_timeout=timeout) as server:
            gateway = Gateway(host, port, server.port, policy, _pages(server, base, timeout))
            gateway.start()
            mode = "read-write (token required)" if writable else "read-only"
            click.echo(f"serving {location} ({mode}, timeout {timeout:g} s)", err=True)
            click.echo(f"SPARQL query endpoint: {gateway.url}/query", err=True)
            if writable:
                click.echo(f"SPARQL update endpoint: {gateway.url}/update", err=True)
            click.echo(f"Graph Store endpoint:  {gateway.url}/store", err=True)
            click.echo(f"Trial pages and overview: {gateway.url}/", err=True)
            try:
                while True:
                    time.sleep(3600)
            finally:
                gateway.stop()
    except (ServerError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        pass


def _pages(server: OxigraphServer, base: str | None, timeout: float) -> Pages:
    """The browsable pages (kg.web), reading through the server's SPARQL endpoint."""
    from kg.iris import DEFAULT_BASE
    from kg.stores.remote import RemoteStore
    from kg.web.site import Site

    store = RemoteStore(server.store_url, sparql=server.query_url, flavour="oxigraph",
                        timeout=timeout, retries=1)  # fmt: skip
    site = Site(store, base or os.environ.get("TRIALKG_BASE") or DEFAULT_BASE)

    def pages(path: str, accept: str | None) -> tuple[int, str, bytes, dict[str, str]]:
        r = site.handle(path, accept)
        return r.status, r.content_type, r.body, r.headers

    return pages
