"""The built wheel carries shapes/, ontologies/, queries/, examples/ and runs `trialkg demo`."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_runs_demo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-w", str(dist), "-q"],
        check=True,
    )  # fmt: skip
    [wheel] = dist.glob("trialkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for data in (
        "shapes/trialkg-shapes.ttl",
        "ontologies/trialkg.ttl",
        "queries/trial-overview.rq",
    ):
        assert f"kg/_data/{data}" in names
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True)
    out = tmp_path / "demo"
    result = subprocess.run(
        [str(env_dir / "bin" / "trialkg"), "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "demo finished: all good" in result.stdout
    assert (out / "trials.ttl").stat().st_size > 0
