"""Issue 10: `convert` and `load` killed (SIGKILL) at random points. Convert leaves
either the old output or a complete one (its trailer matches); a rerun of load
converges to the same store as a clean load."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from kg.atomic import check_trailer

pytestmark = pytest.mark.slow
KILLS = 10  # per command: 20 kill points in all


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args, "-j", "1"]


def _timed(cmd: list[str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run(cmd, cwd=cwd, check=False, capture_output=True)
    return time.monotonic() - started


def _killed(cmd: list[str], cwd: Path, after: float) -> None:
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def _quads(store_dir: Path) -> list[str]:
    store = Store.read_only(str(store_dir))
    text = store.dump(format=RdfFormat.N_QUADS) or b""
    return sorted(text.decode().splitlines())


def test_a_killed_convert_leaves_the_old_output_or_a_complete_one(
    bulk: Path, tmp_path: Path
) -> None:
    inputs = str(bulk / "ictrp-csv")
    out = tmp_path / "out.nq"
    old = b"<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n"
    cmd = _cmd("convert", inputs, "-o", str(out))
    out.write_bytes(old)
    whole = _timed(cmd, tmp_path)
    complete = out.read_bytes()
    assert check_trailer(complete) is None
    rnd = random.Random(10)
    outcomes = []
    for _ in range(KILLS):
        out.write_bytes(old)
        _killed(cmd, tmp_path, rnd.uniform(0.2, whole))
        data = out.read_bytes()
        assert data in (old, complete)
        outcomes.append(data == old)
    assert any(outcomes)  # some kills hit before the end: the old file stayed


def test_a_rerun_of_a_killed_load_converges_to_a_clean_load(bulk: Path, tmp_path: Path) -> None:
    inputs = [str(bulk / "ictrp-xml"), str(bulk / "ctgov-v2-json"), str(bulk / "ctgov-xml")]
    clean = tmp_path / "clean"
    whole = _timed(_cmd("load", *inputs, "--store", str(clean), "--batch-size", "20"), tmp_path)
    reference = _quads(clean)
    assert len(reference) > 1000
    rnd = random.Random(20)
    for i in range(KILLS):
        store = tmp_path / f"killed{i}"
        cmd = _cmd("load", *inputs, "--store", str(store), "--batch-size", "20")
        _killed(cmd, tmp_path, rnd.uniform(0.2, whole))
        subprocess.run(cmd, cwd=tmp_path, check=False, capture_output=True)
        assert _quads(store) == reference, f"kill point {i}"
