"""Fetch studies from the ClinicalTrials.gov API v2 into NDJSON: resumably, complete or not at all.

:func:`fetch_to_file` appends each page the client (:mod:`kg.ctgov_api`) gets to ``OUT.part``,
syncs it, and only then records its progress in a sidecar state file (``OUT.state.json``), so a
run killed at any point resumes from the last completed page with neither duplicates nor gaps;
when the last page is in, ``OUT.part`` is renamed to ``OUT``: the output appears complete or not
at all, and an older ``OUT`` stays as it was until then. :func:`fetch_to_stream` writes pages to
a stream (no state, no resume).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from kg.ctgov_api import CtgovClient, FetchError, Study, StudyQuery

STATE_VERSION = 1


class StateConflict(Exception):
    """The output's state file does not fit this run (another query, a modified output...)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a fetch stands after a page: totals in the output so far."""

    pages: int
    records: int
    total_count: int | None
    retries: int


@dataclass(frozen=True, slots=True)
class FetchResult:
    """How a fetch ended: counts in the output, retries in this run."""

    records: int
    pages: int
    retries: int
    total_count: int | None = None
    resumed: bool = False
    already_complete: bool = False


@dataclass(frozen=True, slots=True)
class FetchState:
    """The sidecar file's content: enough to resume exactly after the last completed page."""

    identity: dict[str, Any]
    next_page_token: str | None = None
    pages: int = 0
    records: int = 0
    offset: int = 0
    total_count: int | None = None
    retries: int = 0
    complete: bool = False
    stopped_by: str | None = None  # "end" or "max" once complete
    updated: str = field(default="")

    @classmethod
    def load(cls, path: Path) -> FetchState:
        """Read a state file written by :meth:`save`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("version", None) != STATE_VERSION:
            raise StateConflict(f"{path}: unknown state file version")
        return cls(**data)

    def save(self, path: Path) -> None:
        """Write atomically: a temporary file, fsync, then rename over the old state."""
        stamped = replace(self, updated=datetime.now(UTC).isoformat(timespec="seconds"))
        text = json.dumps({"version": STATE_VERSION, **asdict(stamped)}, indent=2)
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)


def state_path(out: Path) -> Path:
    """The state file beside an output file.

    >>> state_path(Path("runs/asthma.ndjson")).as_posix()
    'runs/asthma.ndjson.state.json'
    """
    return out.with_name(out.name + ".state.json")


def part_path(out: Path) -> Path:
    """The file a fetch writes into until it is complete, beside the output.

    >>> part_path(Path("runs/asthma.ndjson")).as_posix()
    'runs/asthma.ndjson.part'
    """
    return out.with_name(out.name + ".part")


def _finish(out: Path) -> None:
    """Rename a complete ``OUT.part`` over ``OUT`` (and sync the folder)."""
    part = part_path(out)
    if part.exists():
        os.replace(part, out)
        try:
            folder = os.open(out.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def study_line(study: Study) -> bytes:
    """One NDJSON line for a study: compact JSON, UTF-8, key order as received.

    >>> study_line({"protocolSection": {"identificationModule": {"nctId": "NCT00000102"}}})
    b'{"protocolSection":{"identificationModule":{"nctId":"NCT00000102"}}}\\n'
    """
    return json.dumps(study, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _effective_query(query: StudyQuery, max_records: int | None) -> StudyQuery:
    if max_records is not None and max_records < query.page_size:
        return replace(query, page_size=max_records)
    return query


def _identity(client: CtgovClient, query: StudyQuery) -> dict[str, Any]:
    return {"base_url": client.base_url, "params": query.params()}


def _open_state(out: Path, identity: dict[str, Any], *, restart: bool) -> tuple[FetchState, bool]:
    """The state to go on from, and whether it continues an earlier run."""
    spath = state_path(out)
    if restart or not spath.exists():
        if not restart and out.exists() and out.stat().st_size > 0:
            raise StateConflict(
                f"{out} exists and has no fetch state ({spath.name}); use --restart to overwrite"
            )
        return FetchState(identity=identity), False
    try:
        state = FetchState.load(spath)
    except (ValueError, TypeError) as err:
        raise StateConflict(f"{spath}: unreadable state ({err}); use --restart") from None
    if state.identity != identity:
        raise StateConflict(
            f"{out} was fetched with another query ({state.identity}); "
            "use --restart to start over, or another output file"
        )
    if state.complete:
        _finish(out)  # killed between the last state and the rename: rename now
    data = out if state.complete else part_path(out)
    size = data.stat().st_size if data.exists() else 0
    if size < state.offset:
        raise StateConflict(
            f"{data} is shorter ({size} bytes) than its state says ({state.offset}); use --restart"
        )
    return state, True


def fetch_to_file(
    client: CtgovClient,
    query: StudyQuery,
    out: Path,
    *,
    max_records: int | None = None,
    restart: bool = False,
    on_page: Callable[[Progress], None] | None = None,
) -> FetchResult:
    """Fetch into ``out`` (NDJSON), resuming from its state file when one fits this query.

    Raises :class:`StateConflict` when the state belongs to another query and ``restart`` is
    false, and :class:`FetchError` (after saving every completed page) when a page fails.

    >>> import tempfile
    >>> from kg.ctgov_api import offline_session
    >>> session = offline_session({None: {"studies": [{"n": 1}, {"n": 2}], "nextPageToken": "b"},
    ...                            "b": {"studies": [{"n": 3}]}})
    >>> client = CtgovClient("https://ctgov.invalid/api/v2", session=session, rate=0)
    >>> out = Path(tempfile.mkdtemp()) / "studies.ndjson"
    >>> fetch_to_file(client, StudyQuery(term="x"), out)
    FetchResult(records=3, pages=2, retries=0, total_count=None, resumed=False,
                already_complete=False)
    >>> out.read_text().splitlines()
    ['{"n":1}', '{"n":2}', '{"n":3}']
    >>> fetch_to_file(client, StudyQuery(term="x"), out).already_complete
    True
    """
    query = _effective_query(query, max_records)
    spath = state_path(out)
    state, resumed = _open_state(out, _identity(client, query), restart=restart)
    if state.complete:
        return FetchResult(state.records, state.pages, 0, state.total_count, True, True)
    if not resumed:
        state.save(spath)  # before the first byte, so a kill in page 1 still resumes cleanly
    start_retries = client.retries
    token = state.next_page_token
    part = part_path(out)
    with part.open("r+b" if resumed and part.exists() else "wb") as handle:
        handle.truncate(state.offset)  # drop what a killed run wrote after its last page
        handle.seek(state.offset)
        try:
            for page in client.iter_pages(query, token):
                studies = page.studies
                if max_records is not None:
                    studies = studies[: max_records - state.records]
                handle.write(b"".join(study_line(study) for study in studies))
                handle.flush()
                os.fsync(handle.fileno())
                full = max_records is not None and state.records + len(studies) >= max_records
                done = full or page.next_page_token is None
                state = replace(
                    state,
                    next_page_token=page.next_page_token,
                    pages=state.pages + 1,
                    records=state.records + len(studies),
                    offset=handle.tell(),
                    total_count=page.total_count if state.pages == 0 else state.total_count,
                    retries=state.retries + client.retries - start_retries,
                    complete=done,
                    stopped_by=("max" if full else "end") if done else None,
                )
                start_retries = client.retries
                state.save(spath)
                if on_page is not None:
                    on_page(Progress(state.pages, state.records, state.total_count, client.retries))
                if done:
                    break
        except FetchError as err:
            state = replace(state, retries=state.retries + client.retries - start_retries)
            state.save(spath)
            err.partial = FetchResult(
                state.records, state.pages, client.retries, state.total_count, resumed
            )
            raise
    _finish(out)
    return FetchResult(state.records, state.pages, client.retries, state.total_count, resumed)


def fetch_to_stream(
    client: CtgovClient,
    query: StudyQuery,
    stream: IO[bytes],
    *,
    max_records: int | None = None,
    on_page: Callable[[Progress], None] | None = None,
) -> FetchResult:
    """Fetch into a binary stream (e.g. stdout), page by page; no state, so no resume.

    >>> import io
    >>> from kg.ctgov_api import offline_session
    >>> session = offline_session({None: {"studies": [{"n": 1}, {"n": 2}], "totalCount": 2}})
    >>> client = CtgovClient("https://ctgov.invalid/api/v2", session=session, rate=0)
    >>> sink = io.BytesIO()
    >>> fetch_to_stream(client, StudyQuery(), sink, max_records=1).records
    1
    >>> sink.getvalue()
    b'{"n":1}\\n'
    """
    query = _effective_query(query, max_records)
    records = pages = 0
    total: int | None = None
    try:
        for page in client.iter_pages(query):
            studies = page.studies
            if max_records is not None:
                studies = studies[: max_records - records]
            stream.write(b"".join(study_line(study) for study in studies))
            stream.flush()
            records, pages = records + len(studies), pages + 1
            total = page.total_count if pages == 1 else total
            if on_page is not None:
                on_page(Progress(pages, records, total, client.retries))
            if max_records is not None and records >= max_records:
                break
    except FetchError as err:
        err.partial = FetchResult(records, pages, client.retries, total)
        raise
    return FetchResult(records, pages, client.retries, total)
