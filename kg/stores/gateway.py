"""The front of ``trialkg serve``: a small HTTP gateway before the Oxigraph server.

The Oxigraph server listens on a private port of 127.0.0.1; the gateway listens
where the user asked (127.0.0.1 unless ``--host``) and forwards the SPARQL 1.1
protocol (``/query``, ``/update``, ``/store``) with these rules:

* writes (``/update``, and ``/store`` with any method but GET/HEAD) are refused
  with 403 unless the gateway is writable, and then need
  ``Authorization: Bearer TOKEN`` (401 without it): a web page's form post
  cannot set that header, so a browser cannot be made to write;
* a request body is at most :data:`MAX_REQUEST` bytes (413);
* an answer is cut off after ``timeout`` seconds (504) or ``max_result``
  bytes (507); the connection to Oxigraph is closed, which stops its work;
* no CORS headers unless ``cors`` (browsers then refuse cross-origin reads).

>>> policy = Policy(writable=False, token=None)
>>> policy.verdict("POST", "/update", None), policy.verdict("GET", "/query?query=ASK{}", None)
((403, 'read-only endpoint: start trialkg serve with --writable to allow writes'), None)
>>> Policy(writable=True, token="s3cret-token-0123").verdict("PUT", "/store?default", None)[0]
401
"""

from __future__ import annotations

import contextlib
import hmac
import http.client
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_REQUEST = 10 * 1024 * 1024
_FORWARDED = ("Content-Type", "Accept", "Accept-Encoding")
_READS = ("GET", "HEAD")


@dataclass(frozen=True, slots=True)
class Policy:
    """Who may do what through the gateway."""

    writable: bool
    token: str | None
    timeout: float = 30.0
    max_result: int = 100 * 1000 * 1000
    cors: bool = False

    def verdict(self, method: str, path: str, authorization: str | None) -> tuple[int, str] | None:
        """None when the request may pass, else (HTTP status, reason)."""
        if method not in ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"):
            return 405, f"method {method} not allowed"
        route = path.split("?", 1)[0]
        write = route.startswith("/update") or (route.startswith("/store") and method not in _READS)
        if not write:
            return None
        if not self.writable:
            return 403, "read-only endpoint: start trialkg serve with --writable to allow writes"
        expected = f"Bearer {self.token}".encode()
        if authorization is None or not hmac.compare_digest(authorization.encode(), expected):
            return 401, "writes need the header Authorization: Bearer <token>"
        return None


class _Handler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # no request log on the console (queries may hold data)

    def _reply(self, status: int, body: bytes, content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.server.policy.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        policy = self.server.policy
        if self.command == "OPTIONS":
            if not policy.cors:
                self._reply(405, b"CORS is off (start trialkg serve with --cors)\n")
                return
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        refused = policy.verdict(self.command, self.path, self.headers.get("Authorization"))
        if refused is not None:
            self._reply(refused[0], refused[1].encode() + b"\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            self._reply(413, f"request body over {MAX_REQUEST} bytes\n".encode())
            return
        body = self.rfile.read(length) if length else None
        self._forward(body)

    def _forward(self, body: bytes | None) -> None:
        policy = self.server.policy
        deadline = time.monotonic() + policy.timeout
        backend = http.client.HTTPConnection("127.0.0.1", self.server.backend_port, timeout=5)
        try:
            headers = {k: v for k in _FORWARDED if (v := self.headers.get(k)) is not None}
            backend.request(self.command, self.path, body=body, headers=headers)
            assert backend.sock is not None
            backend.sock.settimeout(max(0.1, deadline - time.monotonic()))
            response = backend.getresponse()
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(1 << 16):
                size += len(chunk)
                if size > policy.max_result:
                    self._reply(507, f"result over {policy.max_result} bytes: cut off\n".encode())
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError
                backend.sock.settimeout(max(0.1, deadline - time.monotonic()))
                chunks.append(chunk)
            data = b"".join(chunks)
            if data.strip() == b"The SPARQL operation has been cancelled":  # Oxigraph's timeout
                raise TimeoutError
            kind = response.getheader("Content-Type") or "application/octet-stream"
            self._reply(response.status, data, kind)
        except TimeoutError:
            self._reply(504, f"query cut off after {policy.timeout:g} s (--timeout)\n".encode())
        except (OSError, http.client.HTTPException) as exc:
            self._reply(502, f"store server error: {exc}\n".encode())
        finally:
            backend.close()  # an abandoned answer stops the server's work

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = _handle


class Gateway(ThreadingHTTPServer):
    """The gateway server; :meth:`start` serves in a background thread."""

    daemon_threads = True

    def __init__(self, host: str, port: int, backend_port: int, policy: Policy) -> None:
        super().__init__((host, port), _Handler)
        self.backend_port = backend_port
        self.policy = policy
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Gateway:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.shutdown()
        self.server_close()
