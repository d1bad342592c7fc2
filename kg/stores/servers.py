"""Real SPARQL servers on 127.0.0.1 with a temporary database: Oxigraph server here,
Virtuoso in :mod:`kg.stores.virtuoso_server`; how their processes are started and stopped.

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
        terminate(proc, grace=20.0)


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


def terminate(proc: subprocess.Popen[bytes], grace: float) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def spawn(args: list[str], log: IO[bytes], cwd: Path) -> subprocess.Popen[bytes]:
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


def forget(proc: subprocess.Popen[bytes]) -> None:
    with _lock:
        _running.pop(proc.pid, None)


def wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
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


ASK = "?query=ASK%7B%7D"  # the cheapest query: a server that answers it is ready


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
            self._proc = spawn(
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
            wait_http(self.query_url + ASK, self._proc, log_path, self.timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._proc is not None:
            terminate(self._proc, grace=20.0)
            forget(self._proc)
            self._proc = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
