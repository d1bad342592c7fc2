"""A local stand-in for the ClinicalTrials.gov API v2 ``/studies`` endpoint, with injected faults.

It serves a fixed list of studies on 127.0.0.1 (a free port) in pages with deterministic page
tokens, filters them simply (case-insensitive substrings for ``query.cond``/``query.term``/
``query.intr``, exact IDs for ``filter.ids``), and replays a fault plan keyed by request number.

>>> with ReplayServer(replicate(fixture_studies(), 5), faults={1: Fault("503")}) as server:
...     import requests
...     url = server.base_url + "/studies"
...     first = requests.get(url, params={"pageSize": "2"}, timeout=5)
...     second = requests.get(url, params={"pageSize": "2", "countTotal": "true"}, timeout=5)
>>> first.status_code, len(second.json()["studies"]), second.json()["totalCount"]
(503, 2, 5)
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CORPUS_V2 = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ctgov-v2-json"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "fetch" / "studies.json"

Study = dict[str, Any]

FAULT_KINDS = (
    "429",  # Too Many Requests, with Fault.retry_after as the Retry-After header (if set)
    "500",
    "503",  # Service Unavailable, Retry-After if set
    "400",  # a client error: not worth retrying
    "drop",  # close the connection without answering
    "truncate",  # full Content-Length, half the body, then close
    "truncate-close",  # no Content-Length, half the body, close (delimits the body)
    "garbage",  # 200 with an HTML error page instead of JSON
    "slow",  # wait Fault.delay seconds before answering (normally)
)


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    retry_after: str | None = None
    delay: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {FAULT_KINDS}")


FaultPlan = Mapping[int, Fault] | Callable[[int], Fault | None]


@dataclass(frozen=True, slots=True)
class Served:
    """One request the server saw (1-based number), with its parameters and injected fault."""

    number: int
    path: str
    params: dict[str, str]
    fault: str | None


def nct_id(study: Study) -> str:
    return str(study["protocolSection"]["identificationModule"]["nctId"])


def encode_study(study: Study) -> bytes:
    """A study as the server sends it (compact, UTF-8), which is also one NDJSON line's JSON."""
    return json.dumps(study, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fixture_studies() -> list[Study]:
    """The small fictional v2 studies under tests/fixtures/fetch/."""
    data: list[Study] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def corpus_studies() -> list[Study]:
    """The corpus's v2 studies, or the fictional fixture where the corpus is absent."""
    files = sorted(CORPUS_V2.glob("*.json")) if CORPUS_V2.is_dir() else []
    if not files:
        return fixture_studies()
    return [json.loads(path.read_text(encoding="utf-8")) for path in files]


def replicate(base: Sequence[Study], count: int, *, first: int = 90_000_001) -> list[Study]:
    """``count`` studies cycling through ``base``, each with a fresh NCT ID (NCT9xxxxxxx).

    Only the path to the nctId is copied; the rest is shared with ``base`` (read-only use).
    """
    studies = []
    for i in range(count):
        source = base[i % len(base)]
        study = dict(source)
        protocol = dict(source["protocolSection"])
        ident = dict(protocol["identificationModule"])
        ident["nctId"] = f"NCT{first + i:08d}"
        protocol["identificationModule"] = ident
        study["protocolSection"] = protocol
        studies.append(study)
    return studies


def _token(query_key: str, offset: int) -> str:
    raw = f"{offset}:{hashlib.sha256(query_key.encode()).hexdigest()[:10]}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _offset(token: str, query_key: str) -> int | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        offset, digest = raw.split(":")
    except (ValueError, UnicodeDecodeError):
        return None
    if digest != hashlib.sha256(query_key.encode()).hexdigest()[:10]:
        return None
    return int(offset)


class ReplayServer:
    """Serve ``studies`` as ``/api/v2/studies`` pages; use as a context manager."""

    def __init__(
        self,
        studies: Iterable[Study],
        *,
        faults: FaultPlan | None = None,
        default_page_size: int = 10,
    ) -> None:
        self.studies = list(studies)
        self.encoded = [encode_study(study) for study in self.studies]
        self.faults: FaultPlan = faults or {}
        self.default_page_size = default_page_size
        self.served: list[Served] = []
        self._texts: list[str] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.replay = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/api/v2"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def expected_lines(self, **params: str) -> list[bytes]:
        """What a complete fetch with these query parameters must write, in order."""
        return [self.encoded[i] + b"\n" for i in self._select(params)]

    def _next(self, path: str, params: dict[str, str]) -> tuple[int, Fault | None]:
        with self._lock:
            number = len(self.served) + 1
            plan = self.faults
            fault = plan(number) if callable(plan) else plan.get(number)
            self.served.append(Served(number, path, params, fault.kind if fault else None))
            return number, fault

    def _select(self, params: Mapping[str, str]) -> list[int]:
        ids = {i for i in params.get("filter.ids", "").split(",") if i}
        needles = [
            params[key].lower()
            for key in ("query.cond", "query.term", "query.intr")
            if params.get(key)
        ]
        if needles and self._texts is None:
            self._texts = [blob.decode("utf-8").lower() for blob in self.encoded]
        texts = self._texts or []
        chosen = []
        for i, study in enumerate(self.studies):
            if ids and nct_id(study) not in ids:
                continue
            if all(needle in texts[i] for needle in needles):
                chosen.append(i)
        return chosen

    def page_body(self, params: Mapping[str, str]) -> tuple[int, bytes]:
        """Status and body of a ``/studies`` answer (errors are plain text, as the API does)."""
        try:
            size = int(params.get("pageSize", self.default_page_size))
        except ValueError:
            return 400, b"pageSize must be an integer"
        if not 1 <= size <= 1000:
            return 400, b"pageSize must be 1..1000"
        key = json.dumps(
            {k: v for k, v in sorted(params.items()) if k not in ("pageToken", "countTotal")}
        )
        offset = 0
        if "pageToken" in params:
            found = _offset(params["pageToken"], key)
            if found is None:
                return 400, b"invalid pageToken for this query"
            offset = found
        chosen = self._select(params)
        rows = b",".join(self.encoded[i] for i in chosen[offset : offset + size])
        body = b'{"studies":[' + rows + b"]"
        if offset + size < len(chosen):
            body += b',"nextPageToken":"' + _token(key, offset + size).encode() + b'"'
        if params.get("countTotal") == "true":
            body += b',"totalCount":' + str(len(chosen)).encode()
        return 200, body + b"}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    replay: ReplayServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        replay = self.server.replay
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        _, fault = replay._next(url.path, params)
        if url.path.rstrip("/") != "/api/v2/studies":
            self._send(404, b"not found")
            return
        status, body = replay.page_body(params)
        kind = fault.kind if fault else None
        try:
            if kind in ("429", "500", "503", "400"):
                headers = {"Retry-After": fault.retry_after} if fault and fault.retry_after else {}
                self._send(int(kind), f"HTTP {kind} injected".encode(), headers)
            elif kind == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif kind == "truncate":
                self._send(status, body[: len(body) // 2], {}, length=len(body))
                self.close_connection = True
            elif kind == "truncate-close":
                self._send(status, body[: len(body) // 2], {"Connection": "close"}, length=None)
                self.close_connection = True
            elif kind == "garbage":
                self._send(200, b"<html><body>Service temporarily down</body></html>")
            else:
                if kind == "slow" and fault is not None:
                    replay._stopping.wait(fault.delay)
                self._send(status, body, {"Content-Type": "application/json"})
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True  # the client gave up (e.g. its read timeout)

    def _send(
        self,
        status: int,
        body: bytes,
        headers: Mapping[str, str] | None = None,
        *,
        length: int | str | None = "auto",
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if length == "auto":
            self.send_header("Content-Length", str(len(body)))
        elif isinstance(length, int):
            self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
