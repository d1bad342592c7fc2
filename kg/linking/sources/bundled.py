"""The bundled lexicon (ontologies/lexicon/), committed and never downloaded.

>>> (lexicon_dir() / "concepts.tsv.gz").exists()
True
"""

from __future__ import annotations

from pathlib import Path

from kg.linking.lexicon import Lexicon, read_files
from kg.resources import data_dir


def lexicon_dir() -> Path:
    """The lexicon folder (located through :func:`kg.resources.data_dir`)."""
    path = data_dir("ontologies") / "lexicon"
    if not (path / "concepts.tsv.gz").exists():
        raise FileNotFoundError(
            f"bundled lexicon not found in {path}: run scripts/build_lexicon.py"
        )
    return path


def load(lexicon: Lexicon | None = None) -> Lexicon:
    """Read the bundled lexicon into ``lexicon`` (or a new one)."""
    return read_files(lexicon_dir(), lexicon)
