"""Lazy subcommands: the short help kept in kg.cli.lazy is each command's own, and
`trialkg --help` lists every command without importing the lazy ones."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click

from kg.cli import main
from kg.cli.lazy import LAZY


def test_lazy_short_help_is_the_commands_own() -> None:
    for name, (module, attribute, short) in LAZY.items():
        command = getattr(importlib.import_module(module), attribute)
        assert command.name == name
        stored = click.Command(name, help=short).get_short_help_str(1000)
        assert stored == command.get_short_help_str(1000), name


def test_help_lists_every_command_without_importing_them() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from kg.cli import main; "
        "r = CliRunner().invoke(main, ['--help']); print(r.output); "
        "print(sorted(m for m in sys.modules if m in ('kg.cli.query', 'kg.cli.link', "
        "'kg.linking', 'kg.criteria')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.rstrip().endswith("[]")
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        assert f"  {name} " in out.stdout
    assert "Run a bundled query" in out.stdout
