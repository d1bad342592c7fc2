"""Server lifecycle: started on 127.0.0.1, stopped on exit, never outliving their owner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.stores.remote import RemoteStore
from kg.stores.servers import OxigraphServer, free_port, which_oxigraph
from kg.stores.virtuoso_server import (
    HTTP_THREAD_STACK,
    VIRTUOSO_INI,
    VirtuosoServer,
    virtuoso_ini,
    which_virtuoso,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers

virtuoso_server = servers.virtuoso_server

REPO = Path(__file__).resolve().parents[1]
needs_oxigraph = pytest.mark.skipif(which_oxigraph() is None, reason="pip install oxigraph")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not reaped) counts as gone
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def wait_gone(pid: int, limit: float = 30.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False


@needs_oxigraph
def test_oxigraph_server_answers_then_stops(tmp_path: Path) -> None:
    with OxigraphServer(tmp_path / "db") as server:
        pid = server.pid
        assert pid is not None and alive(pid)
        store = RemoteStore(server.store_url)
        assert store.ask("ASK {}")
        store.close()
    assert wait_gone(pid)


@needs_oxigraph
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_oxigraph_server_dies_with_its_parent(tmp_path: Path, sig: signal.Signals) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from kg.stores.servers import OxigraphServer
        server = OxigraphServer(Path({str(tmp_path / "db")!r})).start()
        print(server.pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert alive(child)
        parent.send_signal(sig)
        parent.wait(timeout=60)
        assert wait_gone(child), "the server outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_free_port_is_bindable() -> None:
    import socket

    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


@pytest.mark.skipif(not VIRTUOSO_INI.exists(), reason="virtuoso-opensource not installed")
def test_virtuoso_ini_is_rewritten_to_loopback_and_workdir(tmp_path: Path) -> None:
    ini = virtuoso_ini(VIRTUOSO_INI.read_text(), tmp_path, 18890, 11111, 20000)
    assert "/var/lib/virtuoso-opensource-7/db" not in ini
    assert f"DatabaseFile       = {tmp_path}/db/virtuoso.db" in ini
    ports = [line for line in ini.splitlines() if line.startswith("ServerPort")]
    assert ports == ["ServerPort = 127.0.0.1:11111", "ServerPort = 127.0.0.1:18890"]
    assert f"{tmp_path}/import" in ini
    assert "NumberOfBuffers = 20000" in ini and "ResultSetMaxRows = 10000000" in ini
    assert f"HTTPThreadSize = {HTTP_THREAD_STACK}" in ini and "280000" not in ini


def test_virtuoso_bulk_loader(virtuoso_server: VirtuosoServer, tmp_path: Path) -> None:
    data = tmp_path / "bulk.nq"
    data.write_text(
        '<urn:tkg:s> <urn:tkg:p> "one" <urn:tkg:g1> .\n'
        '<urn:tkg:s> <urn:tkg:p> "two" <urn:tkg:g2> .\n'
    )
    virtuoso_server.bulk_load([data], "urn:tkg:default")
    store = servers.virtuoso_store(virtuoso_server)
    try:
        _, rows = store.select(
            "SELECT ?g ?o WHERE { GRAPH ?g { <urn:tkg:s> <urn:tkg:p> ?o } } ORDER BY ?g"
        )
        assert [(g.value, o.value) for g, o in rows if g and o] == [
            ("urn:tkg:g1", "one"),
            ("urn:tkg:g2", "two"),
        ]
    finally:
        store.run_update("DROP SILENT GRAPH <urn:tkg:g1> ; DROP SILENT GRAPH <urn:tkg:g2>")
        store.close()


@pytest.mark.skipif(which_virtuoso() is None, reason="run scripts/install-virtuoso.sh")
def test_virtuoso_stops_cleanly(tmp_path: Path) -> None:
    with VirtuosoServer(tmp_path) as server:
        pid = server.pid
        assert pid is not None
        assert "Virtuoso" in server.isql("status();")
    assert wait_gone(pid)
    assert "Server shutdown complete" in (tmp_path / "db" / "virtuoso.log").read_text()
