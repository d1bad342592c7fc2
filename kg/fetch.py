"""Fetch studies from the ClinicalTrials.gov API v2 into NDJSON: politely, robustly, resumably.

The client walks ``/studies`` page by page (``pageSize``, ``nextPageToken``), waits a minimum
interval between requests, and retries 429s (honouring ``Retry-After``), 5xx answers, dropped
connections, timeouts and truncated or invalid bodies with capped exponential backoff and full
jitter. :func:`fetch_to_file` appends each page to ``OUT.part``, syncs it, and only then records
its progress in a sidecar state file (``OUT.state.json``), so a run killed at any point resumes
from the last completed page with neither duplicates nor gaps; when the last page is in,
``OUT.part`` is renamed to ``OUT``: the output appears complete or not at all, and an older
``OUT`` stays as it was until then.

>>> session = offline_session({None: {"studies": [{"n": 1}], "nextPageToken": "t2"},
...                            "t2": {"studies": [{"n": 2}]}})
>>> client = CtgovClient("https://ctgov.invalid/api/v2", session=session, rate=0)
>>> [page.studies for page in client.iter_pages(StudyQuery(cond="asthma"))]
[[{'n': 1}], [{'n': 2}]]
"""

from __future__ import annotations

import email.utils
import json
import os
import random
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

import requests
from requests.adapters import BaseAdapter

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
BASE_URL_ENV = "TRIALKG_CTGOV_BASE_URL"
MAX_PAGE_SIZE = 1000
USER_AGENT = "trialkg-fetch/0.1 (clinical trial knowledge graph builder)"
STATE_VERSION = 1

_NCT_ID = re.compile(r"NCT\d{8}")
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Study = dict[str, Any]
Sleep = Callable[[float], None]
Clock = Callable[[], float]


class FetchError(Exception):
    """Fetching failed for good (retries exhausted, or an answer that retrying cannot fix).

    ``partial`` tells what was fetched and saved before the failure, when known.
    """

    partial: FetchResult | None = None


class StateConflict(Exception):
    """The output's state file does not fit this run (another query, a modified output...)."""


class _Transient(Exception):
    """One failed attempt worth retrying; ``retry_after`` is the server's requested delay."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def resolve_base_url(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The API base URL: the explicit one, else ``$TRIALKG_CTGOV_BASE_URL``, else the public API.

    >>> resolve_base_url(None, {})
    'https://clinicaltrials.gov/api/v2'
    >>> resolve_base_url(None, {"TRIALKG_CTGOV_BASE_URL": "http://127.0.0.1:8080/api/v2/"})
    'http://127.0.0.1:8080/api/v2'
    >>> resolve_base_url("http://localhost:1/api/v2", {"TRIALKG_CTGOV_BASE_URL": "x"})
    'http://localhost:1/api/v2'
    """
    environ = os.environ if env is None else env
    url = explicit or environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    return url.rstrip("/")


@dataclass(frozen=True, slots=True)
class StudyQuery:
    """What to ask ``/studies`` for; the same query always gives the same parameters.

    >>> StudyQuery(cond="lung cancer", ids=("NCT00000102", "NCT04946669"), page_size=50).params()
    {'format': 'json', 'pageSize': '50', 'query.cond': 'lung cancer',
     'filter.ids': 'NCT00000102,NCT04946669'}
    >>> StudyQuery(ids=("NCT123",))
    Traceback (most recent call last):
    ...
    ValueError: not an NCT ID: 'NCT123'
    """

    cond: str | None = None
    term: str | None = None
    intr: str | None = None
    ids: tuple[str, ...] = ()
    page_size: int = 100

    def __post_init__(self) -> None:
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page size must be 1..{MAX_PAGE_SIZE}, not {self.page_size}")
        for nct in self.ids:
            if not _NCT_ID.fullmatch(nct):
                raise ValueError(f"not an NCT ID: {nct!r}")

    def params(self) -> dict[str, str]:
        """The request parameters shared by every page of this query."""
        params = {"format": "json", "pageSize": str(self.page_size)}
        for name, value in (
            ("query.cond", self.cond),
            ("query.term", self.term),
            ("query.intr", self.intr),
        ):
            if value:
                params[name] = value
        if self.ids:
            params["filter.ids"] = ",".join(self.ids)
        return params


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to wait before trying a failed page again.

    ``retries`` is the number of retries after the first attempt. Without ``Retry-After`` the
    wait is drawn uniformly from 0 to ``min(max_delay, base_delay * 2**n)`` (full jitter).

    >>> policy = RetryPolicy(base_delay=1.0, max_delay=8.0)
    >>> rng = random.Random(7)
    >>> all(0 <= policy.backoff(n, rng) <= min(8.0, 2**n) for n in range(10))
    True
    >>> policy.wait(3, rng, retry_after=1000.0)  # the server's wish, capped
    120.0
    """

    retries: int = 6
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 120.0

    def backoff(self, retry: int, rng: random.Random) -> float:
        """Full-jitter exponential backoff before retry number ``retry`` (0-based)."""
        return rng.uniform(0.0, min(self.max_delay, self.base_delay * 2.0**retry))

    def wait(self, retry: int, rng: random.Random, retry_after: float | None = None) -> float:
        """The wait before retry ``retry``: the server's ``Retry-After`` (capped) or backoff."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        return self.backoff(retry, rng)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), else None.

    >>> parse_retry_after("7")
    7.0
    >>> when = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    >>> parse_retry_after("Wed, 01 May 2024 12:00:30 GMT", now=when)
    30.0
    >>> parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now=when)
    0.0
    >>> parse_retry_after("soon") is None
    True
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - (now or datetime.now(UTC))).total_seconds(), 0.0)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of ``/studies``: its studies, the token of the next page, the total if sent."""

    studies: list[Study]
    next_page_token: str | None
    total_count: int | None = None


def parse_page(body: bytes) -> Page:
    """Validate and decode one page; a truncated or foreign body raises ``ValueError``.

    >>> parse_page(b'{"studies": [{"hasResults": false}], "nextPageToken": "abc", "totalCount": 9}')
    Page(studies=[{'hasResults': False}], next_page_token='abc', total_count=9)
    >>> parse_page(b'{"studies": [{"hasRes')
    Traceback (most recent call last):
    ...
    ValueError: body is not JSON: Unterminated string starting at: ...
    """
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ValueError(f"body is not JSON: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("studies"), list):
        raise ValueError('body has no "studies" list')
    studies = data["studies"]
    if not all(isinstance(study, dict) for study in studies):
        raise ValueError('"studies" holds something other than objects')
    token = data.get("nextPageToken")
    if token is not None and (not isinstance(token, str) or not token):
        raise ValueError(f"bad nextPageToken: {token!r}")
    total = data.get("totalCount")
    return Page(studies, token, total if isinstance(total, int) else None)


class RateLimiter:
    """Keep at least ``1/rate`` seconds between the starts of two requests (0: no limit).

    >>> slept = []
    >>> limiter = RateLimiter(2.0, clock=lambda: 10.0, sleep=slept.append)
    >>> limiter.wait(); limiter.wait()
    >>> slept
    [0.5]
    """

    def __init__(self, rate: float, *, clock: Clock = time.monotonic, sleep: Sleep = time.sleep):
        if rate < 0:
            raise ValueError(f"rate must be >= 0, not {rate}")
        self._interval = 1.0 / rate if rate else 0.0
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        """Sleep as long as needed before the next request, then note its start."""
        if self._last is not None and self._interval:
            pause = self._last + self._interval - self._clock()
            if pause > 0:
                self._sleep(pause)
        self._last = self._clock()


class CtgovClient:
    """A ClinicalTrials.gov API v2 client that gets whole, valid pages or raises FetchError."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        session: requests.Session | None = None,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        policy: RetryPolicy | None = None,
        rate: float = 3.0,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = resolve_base_url(base_url)
        self.policy = policy or RetryPolicy()
        self.retries = 0  # retries made so far, all pages together
        self._session = session or requests.Session()
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self._timeout = (connect_timeout, read_timeout)
        self._limiter = RateLimiter(rate, clock=clock, sleep=sleep)
        self._sleep = sleep
        self._rng = rng or random.Random()

    def page(self, query: StudyQuery, token: str | None = None) -> Page:
        """Get one page (the first when ``token`` is None), retrying transient failures."""
        params = query.params()
        if token is None:
            params["countTotal"] = "true"
        else:
            params["pageToken"] = token
        label = f"page token {token!r}" if token else "first page"
        for attempt in range(self.policy.retries + 1):
            try:
                return self._attempt(params)
            except _Transient as failure:
                if attempt == self.policy.retries:
                    raise FetchError(
                        f"gave up on the {label} after {attempt + 1} attempts: {failure.reason}"
                    ) from None
                self.retries += 1
                self._sleep(self.policy.wait(attempt, self._rng, failure.retry_after))
        raise AssertionError("unreachable")  # pragma: no cover

    def iter_pages(self, query: StudyQuery, token: str | None = None) -> Iterator[Page]:
        """Pages from ``token`` (None: the first page) to the last one."""
        while True:
            page = self.page(query, token)
            yield page
            if page.next_page_token is None:
                return
            if page.next_page_token == token:
                raise FetchError(f"the server sent the same page token twice: {token!r}")
            token = page.next_page_token

    def _attempt(self, params: dict[str, str]) -> Page:
        self._limiter.wait()
        url = f"{self.base_url}/studies"
        try:
            response = self._session.get(url, params=params, timeout=self._timeout)
        except requests.Timeout as err:
            raise _Transient(f"timed out ({type(err).__name__})") from None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as err:
            raise _Transient(f"connection failed ({type(err).__name__}: {err})") from None
        except requests.exceptions.ContentDecodingError as err:
            raise _Transient(f"undecodable body ({err})") from None
        if response.status_code in _RETRY_STATUSES:
            delay = parse_retry_after(response.headers.get("Retry-After"))
            raise _Transient(f"HTTP {response.status_code} {response.reason}", delay)
        if response.status_code != 200:
            snippet = response.text[:300].strip()
            raise FetchError(f"HTTP {response.status_code} from {response.url}: {snippet}")
        try:
            return parse_page(response.content)
        except ValueError as err:
            raise _Transient(f"invalid page ({err})") from None


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


class _OfflineAdapter(BaseAdapter):
    """Answers ``/studies`` from fixed pages keyed by page token (None: the first page)."""

    def __init__(self, pages: Mapping[str | None, Mapping[str, Any]]) -> None:
        super().__init__()
        self._pages = dict(pages)

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        params = parse_qs(urlsplit(request.url or "").query)
        token = params["pageToken"][0] if "pageToken" in params else None
        response = requests.Response()
        response.request = request
        response.url = request.url or ""
        if token in self._pages:
            response.status_code, response.reason = 200, "OK"
            response._content = json.dumps(self._pages[token]).encode("utf-8")
        else:
            response.status_code, response.reason = 400, "Bad Request"
            response._content = b"unknown pageToken"
        return response

    def close(self) -> None:
        """Nothing to release."""


def offline_session(pages: Mapping[str | None, Mapping[str, Any]]) -> requests.Session:
    """A session that serves fixed pages without any network (for examples and tests).

    >>> session = offline_session({None: {"studies": []}})
    >>> session.get("https://ctgov.invalid/api/v2/studies?format=json").json()
    {'studies': []}
    """
    session = requests.Session()
    adapter = _OfflineAdapter(pages)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
