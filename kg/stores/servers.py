"""Real SPARQL servers on 127.0.0.1 with a temporary database: Oxigraph server and Virtuoso.

Both are context managers that start the server, wait until it answers, and stop it
on exit. A started server is also stopped at interpreter exit (``atexit``), when
the parent gets SIGTERM (a handler is installed if none was), and, on Linux, when
the parent process dies (``PR_SET_PDEATHSIG``), so no server outlives its owner.

>>> port = free_port()
>>> 1024 < port < 65536
True
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType
from typing import IO

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_DB = "/var/lib/virtuoso-opensource-7/db"

_running: dict[int, subprocess.Popen[bytes]] = {}
_lock = threading.Lock()
_handler_installed = False


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def which_oxigraph() -> str | None:
    """The ``oxigraph`` CLI (PyPI package ``oxigraph``): next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


def which_virtuoso() -> str | None:
    """The ``virtuoso-t`` binary (Debian ``virtuoso-opensource``), or None when not installed.

    >>> which_virtuoso() is None or which_virtuoso().endswith("virtuoso-t")
    True
    """
    return shutil.which("virtuoso-t")


class ServerError(RuntimeError):
    """A server could not be started (the message includes the tail of its log)."""


def _die_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _stop_all() -> None:
    with _lock:
        procs = list(_running.values())
        _running.clear()
    for proc in procs:
        _terminate(proc, grace=20.0)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    _stop_all()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _install_handlers() -> None:
    global _handler_installed
    if _handler_installed:
        return
    _handler_installed = True
    atexit.register(_stop_all)
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(ValueError):
            if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
                signal.signal(signal.SIGTERM, _on_sigterm)


def _terminate(proc: subprocess.Popen[bytes], grace: float) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _spawn(args: list[str], log: IO[bytes], cwd: Path) -> subprocess.Popen[bytes]:
    _install_handlers()
    proc = subprocess.Popen(
        args,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )
    with _lock:
        _running[proc.pid] = proc
    return proc


def _forget(proc: subprocess.Popen[bytes]) -> None:
    with _lock:
        _running.pop(proc.pid, None)


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"server exited with {proc.returncode}: {_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise ServerError(f"server not ready after {timeout:.0f} s: {_tail(log)}")


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


_ASK = "?query=ASK%7B%7D"


class OxigraphServer:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` as a context manager.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, OxigraphServer(Path(d)) as server:
    ...     server.store_url.endswith("/store")
    True
    """

    def __init__(
        self,
        location: Path,
        port: int | None = None,
        *,
        timeout: float = 30.0,
        read_only: bool = False,
        query_timeout: float | None = None,
    ) -> None:
        self.location = Path(location).resolve()  # the server runs inside it: never relative
        self.port = port or free_port()
        self.timeout = timeout
        self.read_only = read_only
        self.query_timeout = query_timeout
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base_url + "/query"

    @property
    def update_url(self) -> str:
        return self.base_url + "/update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return self.base_url + "/store"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> OxigraphServer:
        exe = which_oxigraph()
        if exe is None:
            raise ServerError("oxigraph CLI not found: pip install oxigraph")
        if not self.read_only:
            self.location.mkdir(parents=True, exist_ok=True)
        elif not self.location.is_dir():
            raise ServerError(f"no store at {self.location}")
        log_path = self.location.parent / f"{self.location.name}.oxigraph.log"
        with log_path.open("wb") as log:
            self._proc = _spawn(
                [
                    exe,
                    "serve-read-only" if self.read_only else "serve",
                    "--location",
                    str(self.location),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    *(
                        ["--timeout-s", str(max(1, round(self.query_timeout)))]
                        if self.query_timeout
                        else []
                    ),
                ],
                log,
                self.location,
            )
        try:
            _wait_http(self.query_url + _ASK, self._proc, log_path, self.timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._proc is not None:
            _terminate(self._proc, grace=20.0)
            _forget(self._proc)
            self._proc = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


HTTP_THREAD_STACK = 2_000_000
"""Stack size (bytes) of Virtuoso's HTTP threads in servers started here (package: 280,000)."""


def virtuoso_ini(template: str, workdir: Path, http_port: int, isql_port: int, buffers: int) -> str:
    """Rewrite the packaged virtuoso.ini: database under ``workdir/db``, loopback ports.

    ``workdir/import`` is allowed for the bulk loader; result sets are not capped at 10,000 rows
    and queries are not stopped after the package's 60 s (MaxQueryExecutionTime): a server
    started here answers whole queries, as the embedded store does, however busy the machine.
    The HTTP threads, which compile and run every SPARQL request, get a stack of
    :data:`HTTP_THREAD_STACK` bytes instead of the package's 280,000: the query pack's largest
    query (trials-open-to-person, seven MINUS subqueries) failed once in CI with "SQ200: Stack
    Overflow" on the package's size, and Virtuoso's maintainers give a larger HTTPThreadSize as
    the fix (openlink/virtuoso-opensource#1415).

    >>> ini = "[Parameters]\\nServerPort = 1111\\nDirsAllowed = ., /x\\n"
    >>> ini += "[HTTPServer]\\nServerPort = 8890\\nHTTPThreadSize = 280000\\n"
    >>> print(virtuoso_ini(ini, Path("/w"), 8000, 1200, 10000))  # doctest: +NORMALIZE_WHITESPACE
    [Parameters]
    ServerPort = 127.0.0.1:1200
    DirsAllowed = ., /x, /w/import
    [HTTPServer]
    ServerPort = 127.0.0.1:8000
    HTTPThreadSize = 2000000
    """
    out: list[str] = []
    section = ""
    for line in template.replace(VIRTUOSO_DB, str(workdir / "db")).splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped.strip("[]").strip()
        key = re.split(r"\s*=", stripped, maxsplit=1)[0]
        if key == "ServerPort" and section == "Parameters":
            line = f"ServerPort = 127.0.0.1:{isql_port}"
        elif key == "ServerPort" and section == "HTTPServer":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DirsAllowed":
            line = f"{line.split(';')[0].rstrip()}, {workdir / 'import'}"
        elif key == "NumberOfBuffers":
            line = f"NumberOfBuffers = {buffers}"
        elif key == "MaxDirtyBuffers":
            line = f"MaxDirtyBuffers = {buffers * 3 // 4}"
        elif key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 10000000"
        elif key == "MaxQueryExecutionTime":
            line = "MaxQueryExecutionTime = 0"
        elif key == "HTTPThreadSize":
            line = f"HTTPThreadSize = {HTTP_THREAD_STACK}"
        elif key == "DefaultHost":
            line = f"DefaultHost = 127.0.0.1:{http_port}"
        out.append(line)
    return "\n".join(out) + "\n"


class VirtuosoServer:
    """``virtuoso-t +foreground`` on a fresh database in ``workdir`` (dba/dba), on 127.0.0.1.

    The digest-auth endpoints (:attr:`sparql_url` = ``/sparql-auth``, :attr:`store_url` =
    ``/sparql-graph-crud-auth``) take SPARQL UPDATE and Graph Store writes as ``dba``.
    """

    user = "dba"
    password = "dba"

    def __init__(
        self,
        workdir: Path,
        http_port: int | None = None,
        isql_port: int | None = None,
        *,
        buffers: int = 10000,
        timeout: float = 90.0,
    ) -> None:
        self.workdir = Path(workdir)
        self.http_port = http_port or free_port()
        self.isql_port = isql_port or free_port()
        self.buffers = buffers
        self.timeout = timeout
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """Query and update endpoint (digest auth)."""
        return self.base_url + "/sparql-auth"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store endpoint (digest auth, ``?graph-uri=``)."""
        return self.base_url + "/sparql-graph-crud-auth"

    @property
    def public_sparql_url(self) -> str:
        """Read-only anonymous query endpoint."""
        return self.base_url + "/sparql"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> VirtuosoServer:
        exe = which_virtuoso()
        if exe is None:
            raise ServerError("virtuoso-t not found: run scripts/install-virtuoso.sh")
        for sub in ("db", "import"):
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
        ini = self.workdir / "virtuoso.ini"
        ini.write_text(
            virtuoso_ini(
                VIRTUOSO_INI.read_text(), self.workdir, self.http_port, self.isql_port, self.buffers
            )
        )
        log_path = self.workdir / "virtuoso.stdout.log"
        with log_path.open("wb") as log:
            self._proc = _spawn([exe, "+foreground", "+configfile", str(ini)], log, self.workdir)
        try:
            _wait_http(self.public_sparql_url + _ASK, self._proc, log_path, self.timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def isql(self, sql: str) -> str:
        """Run SQL through ``isql-vt`` as dba (e.g. bulk loader calls); returns its output."""
        exe = shutil.which("isql-vt")
        if exe is None:
            raise ServerError("isql-vt not found")
        done = subprocess.run(
            [exe, f"127.0.0.1:{self.isql_port}", self.user, self.password, f"exec={sql}"],
            capture_output=True,
            timeout=600,
            check=False,
        )
        text = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0 or "*** Error" in text:
            raise ServerError(f"isql failed: {text.strip()[-1000:]}")
        return text

    def bulk_load(self, files: list[Path], graph: str) -> None:
        """Virtuoso's bulk loader: copy N-Triples/N-Quads (.nt, .nq, .gz) to the import folder,
        then ``ld_dir`` + ``rdf_loader_run`` + ``checkpoint``. Triples go to ``graph``;
        quads keep their own graph.
        """
        folder = self.workdir / "import" / f"batch{time.monotonic_ns()}"
        folder.mkdir(parents=True)
        for path in files:
            shutil.copy(path, folder / Path(path).name)
        self.isql(f"ld_dir('{folder}', '*', '{graph}');")
        self.isql("rdf_loader_run();")
        self.isql("checkpoint;")
        errors = self.isql(
            f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST "
            f"WHERE ll_file LIKE '{folder}/%' AND ll_error IS NOT NULL;"
        )
        if "0 Rows" not in errors:
            raise ServerError(f"bulk load errors: {errors.strip()[-1000:]}")

    def stop(self) -> None:
        if self._proc is not None:
            _terminate(self._proc, grace=60.0)
            _forget(self._proc)
            self._proc = None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
