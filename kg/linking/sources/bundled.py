"""The bundled lexicon (ontologies/lexicon/), committed and never downloaded.

The gzip TSV files are parsed once; the parsed lexicon is then kept as a local
index (one SQLite file in the cache folder, named by a digest of the files'
manifest and sizes and the index format) that later runs open in milliseconds
(:mod:`kg.linking.index`). A cache folder that cannot be written only costs speed.

>>> (lexicon_dir() / "concepts.tsv.gz").exists()
True
"""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import sys
from functools import lru_cache
from pathlib import Path

from kg.linking.index import LexiconIndex, build_index
from kg.linking.lexicon import (
    CONCEPTS_FILE,
    ICD_FILE,
    INDEX_VERSION,
    TERMS_FILE,
    XREFS_FILE,
    Lexicon,
    read_files,
)
from kg.linking.normalise import NORMALISER_VERSION
from kg.linking.sources.vocab import default_cache_dir
from kg.resources import data_dir


def lexicon_dir() -> Path:
    """The lexicon folder (located through :func:`kg.resources.data_dir`)."""
    path = data_dir("ontologies") / "lexicon"
    if not (path / CONCEPTS_FILE).exists():
        raise FileNotFoundError(
            f"bundled lexicon not found in {path}: run scripts/build_lexicon.py"
        )
    return path


@lru_cache(maxsize=1)
def icd_titles() -> dict[str, str]:
    """ICD-10-CM code -> title (from the bundled icd10cm.tsv.gz; empty if absent)."""
    path = lexicon_dir() / ICD_FILE
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        next(handle, None)
        rows = (line.rstrip("\n").split("\t", 1) for line in handle)
        return {code: title for code, title in rows}


def snapshot_path(directory: Path, cache_dir: Path | None = None) -> Path:
    """Where the local index of a lexicon folder lives (a name that changes with its data)."""
    digest = hashlib.sha256()
    manifest = directory / "manifest.json"
    digest.update(manifest.read_bytes() if manifest.exists() else b"")
    for name in (CONCEPTS_FILE, TERMS_FILE, XREFS_FILE):
        digest.update(f"{name}:{(directory / name).stat().st_size};".encode())
    digest.update(f"{INDEX_VERSION}:{NORMALISER_VERSION}:{sys.version_info[:2]}".encode())
    base = cache_dir if cache_dir is not None else default_cache_dir()
    return base / "lexicon" / f"bundled.{digest.hexdigest()[:16]}.sqlite"


def load(lexicon: Lexicon | None = None, *, cache_dir: Path | None = None) -> Lexicon:
    """Read the bundled lexicon into ``lexicon`` (or a new one, from the local index)."""
    directory = lexicon_dir()
    if lexicon is not None:
        return read_files(directory, lexicon)
    path = snapshot_path(directory, cache_dir)
    if not path.exists():
        fresh = read_files(directory)
        try:
            build_index(fresh, path)
        except (OSError, sqlite3.Error):
            return fresh  # an unwritable cache costs only speed
    try:
        lexicon = Lexicon(LexiconIndex(path))
    except sqlite3.Error:
        path.unlink(missing_ok=True)  # a broken index is rebuilt next time
        return read_files(directory)
    lexicon.sources.append(str(directory))
    return lexicon
