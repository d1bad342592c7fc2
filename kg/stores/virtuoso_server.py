"""Virtuoso (``virtuoso-t``, Debian ``virtuoso-opensource``) on 127.0.0.1 with a temporary
database, as a context manager; started and stopped as :mod:`kg.stores.servers` does it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

from kg.stores.servers import ASK, ServerError, forget, free_port, spawn, terminate, wait_http

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_DB = "/var/lib/virtuoso-opensource-7/db"


def which_virtuoso() -> str | None:
    """The ``virtuoso-t`` binary (Debian ``virtuoso-opensource``), or None when not installed.

    >>> which_virtuoso() is None or which_virtuoso().endswith("virtuoso-t")
    True
    """
    return shutil.which("virtuoso-t")


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
            self._proc = spawn([exe, "+foreground", "+configfile", str(ini)], log, self.workdir)
        try:
            wait_http(self.public_sparql_url + ASK, self._proc, log_path, self.timeout)
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
            terminate(self._proc, grace=60.0)
            forget(self._proc)
            self._proc = None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
