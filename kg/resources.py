"""Where the shipped data lives: shapes/, ontologies/, queries/, examples/.

In a source checkout they sit at the top of the repository; in an installed
wheel they are packaged under ``kg/_data/``. This is the one module that knows.

>>> (data_dir("ontologies") / "trialkg.ttl").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_KINDS = ("shapes", "ontologies", "queries", "examples")


def data_dir(kind: str) -> Path:
    """The folder of one kind of shipped data."""
    if kind not in _KINDS:
        raise ValueError(f"unknown data kind {kind!r}; one of {', '.join(_KINDS)}")
    packaged = _PACKAGE / "_data" / kind
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / kind
