"""User vocabularies (``--vocab FILE``), indexed once into SQLite for fast reuse.

The format is told by the file: OBO/OWL/OBO-JSON (MONDO, DOID, ChEBI... via
pronto), MeSH descriptor or supplementary XML, MeSH N-Triples, RxNorm
RXNCONSO.RRF. The index lives under the cache folder, named by the file's
path, size and modification time, so an unchanged file is parsed only once.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kg.linking.lexicon import Concept, Lexicon, Term, Xref
from kg.linking.normalise import NORMALISER_VERSION, fold, keys
from kg.linking.sources import mesh_nt, mesh_xml, obo, rxnorm
from kg.linking.sources.entries import Entry

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE concepts (id TEXT PRIMARY KEY, label TEXT, grp TEXT, trees TEXT, source TEXT);
CREATE TABLE terms (concept TEXT, text TEXT, type TEXT, source TEXT, fold TEXT, keys TEXT);
CREATE TABLE xrefs (subject TEXT, object TEXT, object_label TEXT, predicate TEXT,
                    justification TEXT, source TEXT);
"""


def default_cache_dir() -> Path:
    """$TRIALKG_CACHE, else $XDG_CACHE_HOME/trialkg, else ~/.cache/trialkg."""
    if os.environ.get("TRIALKG_CACHE"):
        return Path(os.environ["TRIALKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "trialkg"


def sniff(path: Path) -> str:
    """The vocabulary format of a file: "obo", "mesh-xml", "mesh-nt" or "rxnorm-rrf"."""
    name = path.name.lower()
    if name.endswith(".rrf"):
        return "rxnorm-rrf"
    if name.endswith((".nt", ".nt.gz")):
        return "mesh-nt"
    with path.open("rb") as handle:
        head = handle.read(4096)
    if name.endswith(".xml") and (b"<DescriptorRecord" in head or b"<SupplementalRecord" in head):
        return "mesh-xml"
    return "obo"


_READERS = {
    "obo": obo.entries,
    "mesh-xml": mesh_xml.entries,
    "mesh-nt": mesh_nt.entries,
    "rxnorm-rrf": rxnorm.entries,
}


def index_path(path: Path, cache_dir: Path) -> Path:
    """The SQLite index of a file: keyed by absolute path, size and mtime."""
    stat = path.stat()
    ident = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{SCHEMA_VERSION}"
    ident += f"|{NORMALISER_VERSION}"
    digest = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]
    return cache_dir / "vocab" / f"{path.name}.{digest}.sqlite"


def build_index(path: Path, target: Path, fmt: str | None = None) -> int:
    """Parse a vocabulary file into a fresh SQLite index; returns the concept count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    fmt = fmt or sniff(path)
    source = f"vocab:{path.name}"
    count = 0
    with sqlite3.connect(partial) as db:
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('format', ?), ('file', ?)", (fmt, str(path)))
        for entry in _READERS[fmt](path, source):
            _insert(db, entry)
            count += 1
    partial.replace(target)
    return count


def _insert(db: sqlite3.Connection, entry: Entry) -> None:
    c = entry.concept
    db.execute(
        "INSERT OR IGNORE INTO concepts VALUES (?, ?, ?, ?, ?)",
        (c.id, c.label, c.group, "|".join(c.trees), c.source),
    )
    db.executemany(
        "INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?)",
        [
            (t.concept, t.text, t.type, t.source, fold(t.text), "|".join(keys(t.text)))
            for t in entry.terms
        ],
    )
    db.executemany(
        "INSERT INTO xrefs VALUES (?, ?, ?, ?, ?, ?)",
        [
            (x.subject, x.object, x.object_label, x.predicate, x.justification, x.source)
            for x in entry.xrefs
        ],
    )


def read_index(target: Path, lexicon: Lexicon) -> Lexicon:
    """Add an index's concepts, terms and cross-references to a lexicon."""
    with sqlite3.connect(target) as db:
        for cid, label, grp, trees, source in db.execute("SELECT * FROM concepts"):
            lexicon.add_concept(
                Concept(cid, label, grp, tuple(filter(None, trees.split("|"))), source)
            )
        for cid, text, kind, source, folded, strong in db.execute("SELECT * FROM terms"):
            lexicon.add_term(
                Term(cid, text, kind, source),
                folded=folded,
                strong=[k for k in strong.split("|") if k],
            )
        for row in db.execute("SELECT * FROM xrefs"):
            lexicon.add_xref(Xref(*row))
    return lexicon


def load_vocab(path: Path, lexicon: Lexicon, *, cache_dir: Path | None = None) -> Lexicon:
    """Index ``path`` once (reused while the file is unchanged) and add it to ``lexicon``."""
    target = index_path(path, cache_dir or default_cache_dir())
    if not target.exists():
        build_index(path, target)
    lexicon.sources.append(str(path))
    return read_index(target, lexicon)


def iter_index_files(cache_dir: Path) -> Iterator[Path]:
    """The vocabulary indexes present in a cache folder."""
    yield from sorted((cache_dir / "vocab").glob("*.sqlite"))
