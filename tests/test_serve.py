"""Issue 10: `trialkg serve` is read-only and bounded by default."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.stores.servers import free_port, which_oxigraph

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(which_oxigraph() is None, reason="pip install oxigraph")
TOKEN = "a-test-token-of-enough-length"
CROSS = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s2 ?p2 ?o2 } "
    "GRAPH ?c { ?s3 ?p3 ?o3 } GRAPH ?d { ?s4 ?p4 ?o4 } }"
)


def _request(
    url: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes, dict[str, str]]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


@contextlib.contextmanager
def _serve(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "kg", "serve", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if _request(base + "/query?query=ASK%7B%7D")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(proc.stderr.read() if proc.stderr else "not ready")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    result = CliRunner().invoke(
        main, ["load", str(EXAMPLES), "--store", str(folder / "rel" / "st")]
    )
    assert result.exit_code == 0, result.stderr
    return folder


def test_read_only_by_default_with_a_relative_store(workdir: Path) -> None:
    with _serve(workdir, "--store", "rel/st", "--timeout", "2") as base:
        status, body, headers = _request(
            base + "/query",
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            {"Accept": "text/csv", "Origin": "https://evil.example"},
        )
        assert status == 200 and int(body.split()[-1]) > 10  # the store's data, not a new one
        assert "Access-Control-Allow-Origin" not in headers
        assert _request(base + "/update", {"update": "DROP ALL"})[0] == 403
        form = {"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://x.example"}
        assert _request(base + "/update", {"update": "DROP ALL"}, form)[0] == 403
        nt = {"Content-Type": "application/n-triples"}
        put = urllib.request.Request(
            base + "/store?default", data=b"<a:s> <a:p> <a:o> .", method="PUT", headers=nt
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(put, timeout=10)
        assert refused.value.code == 403
        started = time.monotonic()
        status, body, _ = _request(base + "/query", {"query": CROSS})
        assert status == 504 and time.monotonic() - started < 10
        still = _request(base + "/query", {"query": "ASK { GRAPH ?g { ?s ?p ?o } }"},
                         {"Accept": "text/csv"})  # fmt: skip
        assert still[0] == 200 and b"true" in still[1]


def test_results_over_the_size_limit_are_cut_off(workdir: Path) -> None:
    with _serve(workdir, "--store", "rel/st", "--max-result-size", "2000") as base:
        status, _, _ = _request(base + "/query", {"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"},
                                {"Accept": "text/csv"})  # fmt: skip
        assert status == 507


def test_writable_needs_the_token(workdir: Path) -> None:
    refused = CliRunner().invoke(main, ["serve", "--store", str(workdir / "rel/st"), "--writable"],
                                 env={"TRIALKG_SERVE_TOKEN": ""})  # fmt: skip
    assert refused.exit_code == 2
    env = {"TRIALKG_SERVE_TOKEN": TOKEN}
    insert = {"update": "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"}
    with _serve(workdir, "--store", "rel/st", "--writable", env=env) as base:
        assert _request(base + "/update", insert)[0] == 401
        assert _request(base + "/update", insert, {"Authorization": "Bearer wrong"})[0] == 401
        assert _request(base + "/update", insert, {"Authorization": f"Bearer {TOKEN}"})[0] == 204
        ask = _request(base + "/query", {"query": "ASK { <urn:x:s> <urn:x:p> <urn:x:o> }"},
                       {"Accept": "text/csv"})  # fmt: skip
        assert b"true" in ask[1]


def test_a_missing_store_is_an_error_not_a_new_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "no store" in result.stderr
    assert not (tmp_path / "nothing").exists()
