"""The lexicon: concepts, the strings that name them, and their cross-references.

A :class:`Lexicon` is filled from sources (the bundled files, user
vocabularies, online answers) and indexes every term twice: under its folded
form (exact and synonym matches) and under its strong keys (normalised
matches). Concepts are CURIEs ("mesh:D003882").

>>> lex = Lexicon()
>>> lex.add_concept(Concept("mesh:D003882", "Dermatomyositis", "disease", ("C05", "C10")))
>>> lex.add_term(Term("mesh:D003882", "Dermatomyositis", "label", "test"))
>>> lex.add_term(Term("mesh:D003882", "Dermatopolymyositis", "synonym", "test"))
>>> [t.text for t in lex.by_fold("dermatopolymyositis")]
['Dermatopolymyositis']
>>> [t.concept for t in lex.by_key("dermatomyositis")]
['mesh:D003882']
"""

from __future__ import annotations

import csv
import gzip
import itertools
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.linking.index import LexiconIndex
from kg.linking.normalise import fold, keys

# Rank of a term type: lower is better when two concepts share a string.
INDEX_VERSION = 2
TERM_TYPES: dict[str, int] = {"label": 0, "synonym": 1, "brand": 2, "xref-label": 3}

# MeSH tree categories -> trialkg's semantic groups (checked in this order).
_TREE_GROUPS: tuple[tuple[str, str], ...] = (
    ("C", "disease"),
    ("F03", "disease"),
    ("D", "drug"),
    ("E", "procedure"),
    ("F", "behaviour"),
    ("G", "phenomenon"),
    ("A", "anatomy"),
    ("B", "organism"),
)


def group_of_trees(trees: Iterable[str]) -> str:
    """The semantic group of a MeSH descriptor from its tree numbers.

    >>> group_of_trees(["D12.776.124", "D12.776.377"])
    'drug'
    >>> group_of_trees(["F03.600", "F01.145"])
    'disease'
    >>> group_of_trees(["D27.505.954"])
    'drug-class'
    >>> group_of_trees([])
    'unknown'
    """
    trees = list(trees)
    if trees and all(t.startswith("D27") for t in trees):
        return "drug-class"  # pharmacological actions: classes, not substances
    for prefix, group in _TREE_GROUPS:
        if any(t.startswith(prefix) for t in trees):
            return group
    return "other" if trees else "unknown"


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: CURIE, preferred label, semantic group, tree numbers (MeSH)."""

    id: str
    label: str
    group: str = "unknown"
    trees: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A string that names a concept, with its type and the source that says so."""

    concept: str
    text: str
    type: str
    source: str


@dataclass(frozen=True, slots=True)
class Xref:
    """A crosswalk from a concept to another vocabulary, with its own provenance."""

    subject: str
    object: str
    object_label: str
    predicate: str
    justification: str
    source: str


class ConceptTable(Mapping[str, Concept]):
    """Concepts held as rows (in memory, over an optional index), built on access."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, str, str, str]] = {}  # label, group, trees, source
        self.base: LexiconIndex | None = None

    def row(self, key: str) -> tuple[str, str, str, str] | None:
        found = self.rows.get(key)
        if found is None and self.base is not None:
            found = self.base.concept(key)
        return found

    def __getitem__(self, key: str) -> Concept:
        found = self.row(key)
        if found is None:
            raise KeyError(key)
        label, group, trees, source = found
        return Concept(key, label, group, tuple(trees.split("|")) if trees else (), source)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.row(key) is not None

    def __iter__(self) -> Iterator[str]:
        yield from self.rows
        if self.base is not None:
            yield from (k for k in self.base.concept_ids() if k not in self.rows)

    def __len__(self) -> int:
        if self.base is None:
            return len(self.rows)
        return self.base.concept_count() + sum(1 for k in self.rows if self.base.concept(k) is None)


class XrefTable(Mapping[str, list[Xref]]):
    """Cross-references per subject (in memory, over an optional index)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[str, str, str, str, str]]] = {}
        self.base: LexiconIndex | None = None

    def _all(self, key: str) -> list[tuple[str, str, str, str, str]]:
        found = self.base.xrefs(key) if self.base is not None else []
        return found + self.rows.get(key, [])

    def __getitem__(self, key: str) -> list[Xref]:
        found = self._all(key)
        if not found:
            raise KeyError(key)
        return [Xref(key, *row) for row in found]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._all(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)  # the index's subjects are looked up, never listed

    def __len__(self) -> int:
        return len(self.rows)


class Lexicon:
    """Concepts, terms and cross-references, indexed for matching.

    Terms live in memory (``add_term``) and, for the bundled lexicon, in a
    read-only SQLite index (``base``) that loads in milliseconds.
    """

    def __init__(self, base: LexiconIndex | None = None) -> None:
        self.concepts = ConceptTable()
        self.xrefs = XrefTable()
        self.concepts.base = self.xrefs.base = self.base = base
        self.terms: list[tuple[str, str, str, str]] = []
        self.fold_map: dict[str, list[int]] = {}
        self.key_map: dict[str, list[int]] = {}
        self.sources: list[str] = []
        self.foreign_xref_subjects: set[str] = set()  # subjects outside MeSH (user vocabularies)
        self._words: set[str] | None = None
        self.repairs: dict[str, str | None] = {}  # spelling: word -> its repair (memo)

    def __len__(self) -> int:
        return len(self.concepts)

    def add_concept(self, concept: Concept) -> None:
        """Add a concept; a later source may only fill in an unknown semantic group."""
        old = self.concepts.row(concept.id)
        if old is None or (old[1] == "unknown" and concept.group != "unknown"):
            self.concepts.rows[concept.id] = (
                concept.label,
                concept.group,
                "|".join(concept.trees),
                concept.source,
            )

    def add_term(
        self, term: Term, *, folded: str | None = None, strong: Iterable[str] = ()
    ) -> None:
        """Index a term; precomputed keys (from a committed file) skip normalisation."""
        folded = folded if folded is not None else fold(term.text)
        strong = tuple(strong) or keys(term.text)
        index = len(self.terms)
        self._words = None
        self.repairs.clear()
        self.terms.append((term.concept, term.text, term.type, term.source))
        self.fold_map.setdefault(folded, []).append(index)
        for k in strong:
            self.key_map.setdefault(k, []).append(index)

    def add_xref(self, xref: Xref) -> None:
        known = self.xrefs._all(xref.subject)
        if all(row[0] != xref.object for row in known):
            self.xrefs.rows.setdefault(xref.subject, []).append(
                (xref.object, xref.object_label, xref.predicate, xref.justification, xref.source)
            )
            if not xref.subject.startswith("mesh:"):
                self.foreign_xref_subjects.add(xref.subject)

    def _built(self, found: list[int] | None) -> list[Term]:
        return [Term(*self.terms[i]) for i in found] if found else []

    def by_fold(self, folded: str) -> list[Term]:
        base = [Term(*r) for r in self.base.fold_terms(folded)] if self.base else []
        return base + self._built(self.fold_map.get(folded))

    def by_key(self, key: str) -> list[Term]:
        base = [Term(*r) for r in self.base.key_terms(key)] if self.base else []
        return base + self._built(self.key_map.get(key))

    def has_key(self, key: str) -> bool:
        return key in self.key_map or (self.base is not None and self.base.has_key(key))

    def concept_rows(self, prefix: str) -> list[tuple[str, str, str, str]]:
        """(id, label, group, trees) of every concept with an ID prefix, sorted by ID."""
        rows = {c: r for c, r in self.concepts.rows.items() if c.startswith(prefix)}
        if self.base is not None:
            for cid, label, group, trees in self.base.concept_rows(prefix):
                rows.setdefault(cid, (label, group, trees, ""))
        return [(c, r[0], r[1], r[2]) for c, r in sorted(rows.items())]

    def concept_ids_like(self, prefix: str, word: str) -> list[str]:
        """Concept IDs with a prefix whose label contains a word (case-insensitive)."""
        word = word.casefold()
        found = {
            c
            for c, r in self.concepts.rows.items()
            if c.startswith(prefix) and word in r[0].casefold()
        }
        if self.base is not None:
            found.update(self.base.concept_ids_like(prefix, word))
        return sorted(found)

    def known_words(self, candidates: list[str]) -> set[str]:
        """Which candidate words the lexicon's terms use (for spelling repair)."""
        if self._words is None:
            self._words = {w for k in self.key_map for w in k.split()}
        found = {w for w in candidates if w in self._words}
        if self.base is not None:
            found.update(self.base.known_words(candidates))
        return found

    def term_count(self) -> int:
        return len(self.terms) + (self.base.term_count() if self.base else 0)

    def label_index(self) -> dict[str, str]:
        """Folded preferred labels -> concept (first wins): the authority by label."""
        index: dict[str, str] = {}
        for cid, row in self.concepts.rows.items():
            index.setdefault(fold(row[0]), cid)
        if self.base is not None:
            for cid, label in self.base.labels():
                index.setdefault(fold(label), cid)
        return index

    def synonym_index(self, prefix: str = "mesh:") -> dict[str, str]:
        """Folded synonyms that name exactly one concept of a prefix -> that concept."""
        found: dict[str, set[str]] = {}
        pairs: Iterable[tuple[str, str]] = (
            (k, self.terms[i][0]) for k, ns in self.fold_map.items() for i in ns
        )
        if self.base is not None:
            pairs = itertools.chain(self.base.fold_concepts(), pairs)
        for folded, cid in pairs:
            if cid.startswith(prefix):
                found.setdefault(folded, set()).add(cid)
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


# ---- the compact gzip TSV files (written by scripts/build_lexicon.py) ----

CONCEPTS_FILE = "concepts.tsv.gz"
TERMS_FILE = "terms.tsv.gz"
XREFS_FILE = "xrefs.tsv.gz"
ICD_FILE = "icd10cm.tsv.gz"


def _rows(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)  # header
        yield from reader


def read_files(directory: Path, lexicon: Lexicon | None = None) -> Lexicon:
    """Load a lexicon directory (concepts, terms with precomputed keys, xrefs)."""
    lexicon = lexicon if lexicon is not None else Lexicon()
    intern = sys.intern
    for cid, label, group, trees, source in _rows(directory / CONCEPTS_FILE):
        lexicon.add_concept(
            Concept(
                cid, label, intern(group), tuple(filter(None, trees.split("|"))), intern(source)
            )
        )
    for cid, text, kind, source, folded, strong in _rows(directory / TERMS_FILE):
        term = Term(intern(cid), text, intern(kind), intern(source))
        lexicon.add_term(term, folded=folded, strong=strong.split("|"))
    for subject, obj, label, predicate, justification, source in _rows(directory / XREFS_FILE):
        lexicon.add_xref(
            Xref(subject, obj, label, intern(predicate), intern(justification), intern(source))
        )
    lexicon.sources.append(str(directory))
    return lexicon


def _clean(cell: str) -> str:
    return " ".join(cell.split()) if any(c in cell for c in "\t\r\n") else cell


def _write(path: Path, header: list[str], rows: Iterable[Iterable[str]]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        lines = ["\t".join(header)] + ["\t".join(_clean(c) for c in row) for row in rows]
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


def write_table(path: Path, header: list[str], rows: Iterable[Iterable[str]]) -> None:
    """One extra deterministic gzip TSV (sorted rows, no timestamp)."""
    _write(path, header, sorted(list(r) for r in rows))


def write_files(
    directory: Path, concepts: Iterable[Concept], terms: Iterable[Term], xrefs: Iterable[Xref]
) -> None:
    """Write the three files deterministically (sorted, gzip without timestamp)."""
    directory.mkdir(parents=True, exist_ok=True)
    _write(
        directory / CONCEPTS_FILE,
        ["id", "label", "group", "trees", "source"],
        sorted([c.id, c.label, c.group, "|".join(c.trees), c.source] for c in concepts),
    )
    _write(
        directory / TERMS_FILE,
        ["concept", "text", "type", "source", "fold", "keys"],
        sorted(
            [t.concept, t.text, t.type, t.source, fold(t.text), "|".join(keys(t.text))]
            for t in terms
        ),
    )
    _write(
        directory / XREFS_FILE,
        ["subject", "object", "object_label", "predicate", "justification", "source"],
        sorted(
            [x.subject, x.object, x.object_label, x.predicate, x.justification, x.source]
            for x in xrefs
        ),
    )
