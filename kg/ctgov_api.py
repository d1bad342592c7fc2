"""The ClinicalTrials.gov API v2 client: whole, valid ``/studies`` pages, politely and with retries.

The client walks ``/studies`` page by page (``pageSize``, ``nextPageToken``), waits a minimum
interval between requests, and retries 429s (honouring ``Retry-After``), 5xx answers, dropped
connections, timeouts and truncated or invalid bodies with capped exponential backoff and full
jitter. What is done with the pages (a resumable file, a stream) is :mod:`kg.fetch`'s part.

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
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import requests
from requests.adapters import BaseAdapter

if TYPE_CHECKING:
    from kg.fetch import FetchResult

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
BASE_URL_ENV = "TRIALKG_CTGOV_BASE_URL"
MAX_PAGE_SIZE = 1000
USER_AGENT = "trialkg-fetch/0.1 (clinical trial knowledge graph builder)"

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
