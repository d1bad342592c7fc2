"""The local index of the bundled lexicon: one SQLite file built once, then queried.

Parsing the gzip TSV files (~600k terms) takes seconds; opening this index
takes milliseconds, and each lookup is one indexed query. The index is built
on first use into the cache folder (see :mod:`kg.linking.sources.bundled`)
and read-only afterwards, so worker processes share it.

>>> import tempfile
>>> from kg.linking.lexicon import Concept, Lexicon, Term
>>> lex = Lexicon()
>>> lex.add_concept(Concept("mesh:D1", "Lung Neoplasms", "disease", ("C04.588",)))
>>> lex.add_term(Term("mesh:D1", "lung cancer", "synonym", "t"))
>>> path = Path(tempfile.mkdtemp()) / "x.sqlite"
>>> build_index(lex, path)
>>> ix = LexiconIndex(path)
>>> ix.concept("mesh:D1")
('Lung Neoplasms', 'disease', 'C04.588', '')
>>> ix.fold_terms("lung cancer")
[('mesh:D1', 'lung cancer', 'synonym', 't')]
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.linking.lexicon import Lexicon

_CACHE_LIMIT = 500_000
MIN_REPAIR = 7  # words shorter than this are never spelling-repaired
Row4 = tuple[str, str, str, str]
Row5 = tuple[str, str, str, str, str]

_SCHEMA = """
CREATE TABLE concepts(id TEXT PRIMARY KEY, label TEXT, grp TEXT, trees TEXT, source TEXT)
    WITHOUT ROWID;
CREATE TABLE terms(n INTEGER PRIMARY KEY, concept TEXT, text TEXT, type TEXT, source TEXT);
CREATE TABLE folds(k TEXT, n INTEGER);
CREATE TABLE strong(k TEXT, n INTEGER);
CREATE TABLE xrefs(subject TEXT, object TEXT, label TEXT, predicate TEXT, justification TEXT,
    source TEXT, pos INTEGER);
CREATE TABLE words(w TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX folds_k ON folds(k);
CREATE INDEX strong_k ON strong(k);
CREATE INDEX xrefs_s ON xrefs(subject);
"""


def build_index(lexicon: Lexicon, path: Path) -> None:
    """Write a lexicon held in memory to an index file (atomically: temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        rows = lexicon.concepts.rows
        con.executemany(
            "INSERT INTO concepts VALUES (?,?,?,?,?)", ((k, *v) for k, v in rows.items())
        )
        con.executemany(
            "INSERT INTO terms VALUES (?,?,?,?,?)", ((n, *t) for n, t in enumerate(lexicon.terms))
        )
        con.executemany(
            "INSERT INTO folds VALUES (?,?)",
            ((k, n) for k, ns in lexicon.fold_map.items() for n in ns),
        )
        con.executemany(
            "INSERT INTO strong VALUES (?,?)",
            ((k, n) for k, ns in lexicon.key_map.items() for n in ns),
        )
        con.executemany(
            "INSERT INTO xrefs VALUES (?,?,?,?,?,?,?)",
            ((s, *x, i) for s, xs in lexicon.xrefs.rows.items() for i, x in enumerate(xs)),
        )
        words = {w for k in lexicon.key_map for w in k.split() if len(w) >= MIN_REPAIR}
        con.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(words)))
        con.executescript(_INDEXES)
        con.commit()
    finally:
        con.close()
    tmp.replace(path)


class LexiconIndex:
    """Read-only queries on an index file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("SELECT 1 FROM concepts LIMIT 1")  # fails early on a broken file
        self._rows: dict[str, Row4 | None] = {}
        self._found: dict[tuple[str, str], list[Row4]] = {}

    def __getstate__(self) -> dict[str, str]:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__init__(Path(state["path"]))  # type: ignore[misc]

    def concept(self, cid: str) -> Row4 | None:
        if cid in self._rows:
            return self._rows[cid]
        row = self._concept(cid)
        if len(self._rows) < _CACHE_LIMIT:
            self._rows[cid] = row
        return row

    def _concept(self, cid: str) -> Row4 | None:
        found = self._con.execute(
            "SELECT label, grp, trees, source FROM concepts WHERE id = ?", (cid,)
        ).fetchone()
        return None if found is None else (found[0], found[1], found[2], found[3])

    def concept_ids(self) -> Iterator[str]:
        for (cid,) in self._con.execute("SELECT id FROM concepts ORDER BY id"):
            yield cid

    def labels(self) -> Iterator[tuple[str, str]]:
        yield from self._con.execute("SELECT id, label FROM concepts ORDER BY id")

    def concept_count(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM concepts").fetchone()[0])

    def term_count(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM terms").fetchone()[0])

    def _terms(self, table: str, key: str) -> list[Row4]:
        cached = self._found.get((table, key))
        if cached is None:
            cached = self._query_terms(table, key)
            if len(self._found) < _CACHE_LIMIT:
                self._found[(table, key)] = cached
        return cached

    def _query_terms(self, table: str, key: str) -> list[Row4]:
        return list(
            self._con.execute(
                f"SELECT t.concept, t.text, t.type, t.source FROM {table} f "
                "JOIN terms t ON t.n = f.n WHERE f.k = ? ORDER BY f.n",
                (key,),
            )
        )

    def fold_terms(self, folded: str) -> list[Row4]:
        return self._terms("folds", folded)

    def key_terms(self, key: str) -> list[Row4]:
        return self._terms("strong", key)

    def has_key(self, key: str) -> bool:
        return (
            self._con.execute("SELECT 1 FROM strong WHERE k = ? LIMIT 1", (key,)).fetchone()
            is not None
        )

    def xrefs(self, subject: str) -> list[Row5]:
        return list(
            self._con.execute(
                "SELECT object, label, predicate, justification, source FROM xrefs "
                "WHERE subject = ? ORDER BY pos",
                (subject,),
            )
        )

    def fold_concepts(self) -> Iterator[tuple[str, str]]:
        """(folded string, concept) pairs, grouped by folded string."""
        yield from self._con.execute(
            "SELECT f.k, t.concept FROM folds f JOIN terms t ON t.n = f.n ORDER BY f.k"
        )

    def concept_rows(self, prefix: str) -> list[tuple[str, str, str, str]]:
        """(id, label, group, trees) of every concept with an ID prefix, sorted by ID."""
        return list(
            self._con.execute(
                "SELECT id, label, grp, trees FROM concepts WHERE id >= ? AND id < ? ORDER BY id",
                (prefix, prefix + "\uffff"),
            )
        )

    def concept_ids_like(self, prefix: str, word: str) -> list[str]:
        """IDs with a prefix whose label contains a word (case-insensitive), sorted."""
        return [
            cid
            for (cid,) in self._con.execute(
                "SELECT id FROM concepts WHERE id >= ? AND id < ? AND label LIKE ? ORDER BY id",
                (prefix, prefix + "\uffff", f"%{word}%"),
            )
        ]

    def known_words(self, candidates: list[str]) -> set[str]:
        """Which of these words some lexicon term uses (words of MIN_REPAIR letters or more)."""
        found: set[str] = set()
        for start in range(0, len(candidates), 500):
            chunk = candidates[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                w
                for (w,) in self._con.execute(
                    f"SELECT w FROM words WHERE w IN ({marks})",
                    chunk,
                )
            )
        return found
