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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.linking.normalise import fold, keys

# Rank of a term type: lower is better when two concepts share a string.
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


class Lexicon:
    """Concepts, terms and cross-references, indexed for matching."""

    def __init__(self) -> None:
        self.concepts: dict[str, Concept] = {}
        self.xrefs: dict[str, list[Xref]] = {}
        self._fold: dict[str, list[Term]] = {}
        self._key: dict[str, list[Term]] = {}
        self.sources: list[str] = []

    def __len__(self) -> int:
        return len(self.concepts)

    def add_concept(self, concept: Concept) -> None:
        """Add a concept; a later source may only fill in an unknown semantic group."""
        old = self.concepts.get(concept.id)
        if old is None or (old.group == "unknown" and concept.group != "unknown"):
            self.concepts[concept.id] = concept

    def add_term(
        self, term: Term, *, folded: str | None = None, strong: Iterable[str] = ()
    ) -> None:
        """Index a term; precomputed keys (from a committed file) skip normalisation."""
        folded = folded if folded is not None else fold(term.text)
        strong = tuple(strong) or keys(term.text)
        self._fold.setdefault(folded, []).append(term)
        for k in strong:
            self._key.setdefault(k, []).append(term)

    def add_xref(self, xref: Xref) -> None:
        bucket = self.xrefs.setdefault(xref.subject, [])
        if all(x.object != xref.object for x in bucket):
            bucket.append(xref)

    def by_fold(self, folded: str) -> list[Term]:
        return self._fold.get(folded, [])

    def by_key(self, key: str) -> list[Term]:
        return self._key.get(key, [])

    def term_count(self) -> int:
        return sum(len(v) for v in self._fold.values())

    def label_index(self) -> dict[str, str]:
        """Folded preferred labels -> concept (first wins): the authority by label."""
        index: dict[str, str] = {}
        for concept in self.concepts.values():
            index.setdefault(fold(concept.label), concept.id)
        return index

    def synonym_index(self, prefix: str = "mesh:") -> dict[str, str]:
        """Folded synonyms that name exactly one concept of a prefix -> that concept."""
        index: dict[str, str] = {}
        for folded, terms in self._fold.items():
            found = {t.concept for t in terms if t.concept.startswith(prefix)}
            if len(found) == 1:
                index[folded] = found.pop()
        return index


# ---- the compact gzip TSV files (written by scripts/build_lexicon.py) ----

CONCEPTS_FILE = "concepts.tsv.gz"
TERMS_FILE = "terms.tsv.gz"
XREFS_FILE = "xrefs.tsv.gz"


def _rows(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)  # header
        yield from reader


def read_files(directory: Path, lexicon: Lexicon | None = None) -> Lexicon:
    """Load a lexicon directory (concepts, terms with precomputed keys, xrefs)."""
    lexicon = lexicon if lexicon is not None else Lexicon()
    for cid, label, group, trees, source in _rows(directory / CONCEPTS_FILE):
        lexicon.add_concept(
            Concept(cid, label, group, tuple(filter(None, trees.split("|"))), source)
        )
    for cid, text, kind, source, folded, strong in _rows(directory / TERMS_FILE):
        lexicon.add_term(Term(cid, text, kind, source), folded=folded, strong=strong.split("|"))
    for row in _rows(directory / XREFS_FILE):
        lexicon.add_xref(Xref(*row))
    lexicon.sources.append(str(directory))
    return lexicon


def _clean(cell: str) -> str:
    return " ".join(cell.split()) if any(c in cell for c in "\t\r\n") else cell


def _write(path: Path, header: list[str], rows: Iterable[Iterable[str]]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        lines = ["\t".join(header)] + ["\t".join(_clean(c) for c in row) for row in rows]
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


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
