"""``trialkg fetch``: download registry records through their public APIs.

>>> from click.testing import CliRunner
>>> result = CliRunner().invoke(fetch, ["ctgov", "--id", "NCT123", "-o", "-"])
>>> result.exit_code, "not an NCT ID" in result.output
(2, True)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.ctgov_api import (
    BASE_URL_ENV,
    MAX_PAGE_SIZE,
    CtgovClient,
    FetchError,
    RetryPolicy,
    StudyQuery,
)
from kg.fetch import FetchResult, Progress, StateConflict, fetch_to_file, fetch_to_stream


@click.group("fetch")
def fetch() -> None:
    """Download trial records from registry APIs."""


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--id`` values, each possibly comma-separated, in order without repeats.

    >>> _split_ids(("NCT00000102, NCT00000104", "NCT00000102"))
    ('NCT00000102', 'NCT00000104')
    """
    ids = (part.strip().upper() for value in values for part in value.split(","))
    return tuple(dict.fromkeys(nct for nct in ids if nct))


def _progress(progress: Progress) -> None:
    total = f"/{progress.total_count}" if progress.total_count is not None else ""
    click.echo(
        f"\rpage {progress.pages}: {progress.records}{total} studies, {progress.retries} retries",
        err=True,
        nl=False,
    )


def _summary(result: FetchResult) -> str:
    """The closing line, always printed to stderr.

    >>> _summary(FetchResult(records=250, pages=3, retries=2))
    'fetched 250 studies in 3 pages (2 retries)'
    """
    return f"fetched {result.records} studies in {result.pages} pages ({result.retries} retries)"


@fetch.command("ctgov")
@click.option("--cond", help="Condition or disease (query.cond).")
@click.option("--term", help="Other terms (query.term, Essie syntax).")
@click.option("--intr", help="Intervention or treatment (query.intr).")
@click.option(
    "--id", "ids", multiple=True, metavar="NCT…", help="NCT ID(s); repeatable or comma-separated."
)
@click.option("--max", "max_records", type=click.IntRange(min=1), help="Stop after N studies.")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT.ndjson",
    help="NDJSON output, one study per line ('-' for stdout, no resume).",
)
@click.option(
    "--page-size",
    type=click.IntRange(1, MAX_PAGE_SIZE),
    default=100,
    show_default=True,
    help="Studies per request.",
)
@click.option(
    "--base-url",
    envvar=BASE_URL_ENV,
    help=f"API base URL [default: public API v2; env {BASE_URL_ENV}].",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=6,
    show_default=True,
    help="Retries per page on 429/5xx/connection errors/bad bodies.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Base delay (s) of the exponential backoff with full jitter.",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0),
    default=3.0,
    show_default=True,
    help="At most this many requests per second (0: no limit).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Read timeout (s) per request.",
)
@click.option(
    "--connect-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Connect timeout (s) per request.",
)
@click.option("--restart", is_flag=True, help="Ignore saved progress and start over.")
def ctgov(
    cond: str | None,
    term: str | None,
    intr: str | None,
    ids: tuple[str, ...],
    max_records: int | None,
    output: str,
    page_size: int,
    base_url: str | None,
    retries: int,
    backoff: float,
    rate: float,
    timeout: float,
    connect_timeout: float,
    restart: bool,
) -> None:
    """Fetch ClinicalTrials.gov studies (API v2) as NDJSON that `convert` and `load` read.

    Re-running the same command after an interruption resumes from the last completed page.
    Exit codes: 0 done, 1 failed after retries (progress kept), 2 usage error.
    """
    try:
        query = StudyQuery(cond, term, intr, _split_ids(ids), page_size)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    client = CtgovClient(
        base_url,
        connect_timeout=connect_timeout,
        read_timeout=timeout,
        policy=RetryPolicy(retries=retries, base_delay=backoff, max_delay=max(60.0, backoff)),
        rate=rate,
    )
    on_page = _progress if sys.stderr.isatty() else None
    try:
        if output == "-":
            result = fetch_to_stream(
                client, query, sys.stdout.buffer, max_records=max_records, on_page=on_page
            )
        else:
            out = Path(output)
            result = fetch_to_file(
                client, query, out, max_records=max_records, restart=restart, on_page=on_page
            )
    except StateConflict as err:
        raise click.UsageError(str(err)) from None
    except BrokenPipeError:  # e.g. `-o - | head`: the reader has gone, nothing left to do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise click.exceptions.Exit(1) from None
    except FetchError as err:
        if on_page is not None:
            click.echo(err=True)
        click.echo(f"error: {err}", err=True)
        if err.partial is not None:
            click.echo(_summary(err.partial), err=True)
        if output != "-":
            click.echo(
                f"progress is saved; run the same command again to resume into {output}", err=True
            )
        raise click.exceptions.Exit(1) from None
    if on_page is not None:
        click.echo(err=True)
    if result.already_complete:
        click.echo(f"{output} is already complete (use --restart to fetch again)", err=True)
    elif result.resumed:
        click.echo(f"resumed {output} from its saved progress", err=True)
    click.echo(_summary(result), err=True)


if __name__ == "__main__":  # pragma: no cover - `python -m kg.cli.fetch ctgov ...`
    fetch()
