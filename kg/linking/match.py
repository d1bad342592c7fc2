"""The matcher: exact -> synonym -> normalised -> rewrites -> parts -> spans.

Each step runs only when the previous ones found nothing, so a string that
matches as given is never second-guessed. Among the concepts a string names,
the one whose semantic group fits the kind wins (a condition prefers a
disease, an intervention a drug); a condition that names only a drug is
linked as the drug and flagged ``misfiled``.

>>> from kg.linking.lexicon import Concept, Lexicon, Term
>>> lex = Lexicon()
>>> lex.add_concept(Concept("mesh:D1", "Lung Neoplasms", "disease"))
>>> lex.add_term(Term("mesh:D1", "Lung Neoplasms", "label", "t"))
>>> lex.add_term(Term("mesh:D1", "lung cancer", "synonym", "t"))
>>> m = Matcher(lex)
>>> [(h.term.concept, h.match_type) for h in m.match("Neoplasms, Lung", "condition")]
[('mesh:D1', 'normalised')]
>>> [(h.match_type, h.predicate) for h in m.match("Recurrent Lung Cancer", "condition")]
[('stripped', 'skos:closeMatch')]
>>> m.match("Placebo", "intervention")
[]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.linking.lexicon import TERM_TYPES, Lexicon, Term
from kg.linking.link import CLOSE, EXACT
from kg.linking.normalise import bag_key, fold, keys, tokens
from kg.linking.policy import (
    EXCLUDED_TREES,
    GENERIC_WORDS,
    MAX_SPAN_SIZE,
    MAX_SPAN_TOKENS,
    QUALIFIER_WORDS,
    SPAN_GROUPS,
    STOP_KEYS,
    TYPE_CONF,
    WORST_FIT,
    kind_fit,
)
from kg.linking.variants import (
    acid_form,
    condition_variants,
    dose_words,
    drug_core,
    split_parts,
)

_BRACKETED = re.compile(r"([^()]+?)\s*\(([^()]+)\)")
_CHUNKS = re.compile(r"[,;:()\[\]/+]|\s-\s|\band\b|\bor\b|\bwith\b|\bplus\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hit:
    """One matched concept: the lexicon term, how it matched, and how sure we are."""

    term: Term
    group: str
    match_type: str
    predicate: str
    confidence: float
    tried: str  # the (possibly rewritten) string that matched


def is_acronym(text: str) -> bool:
    """Short all-capital strings ("PPD", "MMF"): ambiguous, linked only to a fitting group.

    >>> is_acronym("PPD"), is_acronym("Ppd"), is_acronym("COVID-19")
    (True, False, False)
    """
    letters = [c for c in text if c.isalnum()]
    return 0 < len(letters) <= 5 and text.isupper() and not any(c.isdigit() for c in letters)


def _namespace(curie: str) -> str:
    return curie.partition(":")[0].lower()


class Matcher:
    """Finds the best concepts for a string in one :class:`Lexicon`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    # -- single lookups ------------------------------------------------------

    def _group(self, concept: str) -> str:
        found = self.lexicon.concepts.row(concept)
        return found[1] if found else "unknown"

    def _specific_drug(self, kind: str, concept: str) -> bool:
        """A drug named before other words ("chloroquine phosphate 1 g"): a drug that is not
        an element or inorganic chemical (gold, oxygen, water are generic words)."""
        found = self.lexicon.concepts.row(concept)
        if kind != "intervention" or found is None or found[1] != "drug":
            return False
        trees = [t for t in found[2].split("|") if t]
        return bool(trees) and not any(t.startswith("D01") for t in trees)

    def _generic(self, concept: str) -> bool:
        found = self.lexicon.concepts.row(concept)
        return found is not None and bag_key(found[0]) in GENERIC_WORDS

    def _inside_generic(self, text: str, kind: str) -> list[Hit]:
        """ "Chemotherapy (gemcitabine + carboplatin)": a generic therapy word whose brackets
        name the treatments links to what the brackets name (the more specific fit)."""
        m = _BRACKETED.fullmatch(text)
        if kind != "intervention" or m is None:
            return []
        outer = self._whole(text, kind)
        if not outer or not all(self._generic(h.term.concept) for h in outer):
            return []
        return self.match(m.group(2), kind)

    def excluded(self, kind: str, concept: str) -> bool:
        """Whether every tree number of a concept lies in a branch never linked for the kind."""
        found = self.lexicon.concepts.row(concept)
        trees = found[2].split("|") if found and found[2] else []
        return bool(trees) and all(t.startswith(EXCLUDED_TREES[kind]) for t in trees)

    def _choose(self, terms: list[Term], kind: str, level: str, tried: str) -> list[Hit]:
        """The best concept per namespace among the terms that share a string."""
        by_ns: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            by_ns[_namespace(term.concept)].append(term)
        hits: list[Hit] = []
        for ns in sorted(by_ns):

            def rank(t: Term) -> tuple[bool, int, int, int, str]:
                fit = kind_fit(kind, self._group(t.concept))
                return (
                    fit >= WORST_FIT,
                    TERM_TYPES.get(t.type, 9) if t.type == "label" else 5,
                    fit,
                    TERM_TYPES.get(t.type, 9),
                    t.concept,
                )

            ranked = sorted(by_ns[ns], key=rank)
            best = ranked[0]
            top = rank(best)[:4]
            rivals = {t.concept for t in ranked if rank(t)[:4] == top}
            conf = TYPE_CONF[level].get(best.type, 0.8)
            predicate = EXACT
            if len(rivals) > 1:  # two concepts share this string equally: say less
                conf, predicate = conf * 0.8, CLOSE
            if level == "fold":
                match_type = "exact-label" if best.type == "label" else "synonym"
                if best.type == "brand":
                    match_type = "brand"
            else:
                match_type = "normalised"
            hits.append(
                Hit(best, self._group(best.concept), match_type, predicate, round(conf, 3), tried)
            )
        return hits

    def lookup(self, text: str, kind: str) -> list[Hit]:
        """Exact (folded) lookup, else normalised-key lookup; [] for stop strings."""
        strong = keys(text)
        if not strong or strong[0] in STOP_KEYS:
            return []
        terms = self.lexicon.by_fold(fold(text))
        level = "fold"
        if not terms:
            level = "key"
            terms = [t for k in strong for t in self.lexicon.by_key(k)]
        terms = [t for t in terms if not self.excluded(kind, t.concept)]
        if terms and is_acronym(text):
            terms = [t for t in terms if self.fit(kind, t.concept) == 0]
        return self._choose(terms, kind, level, text) if terms else []

    def fit(self, kind: str, concept: str) -> int:
        """How well a concept's group fits the kind (0 best)."""
        return kind_fit(kind, self._group(concept))

    # -- rewrites, parts and spans --------------------------------------------

    def _rewritten(self, text: str, kind: str) -> list[Hit]:
        if kind == "intervention":
            core = drug_core(text)
            hits: list[Hit] = []
            if core and bag_key(core) != bag_key(text):
                hits = self.lookup(core, kind)
            acid = acid_form(core or fold(text))
            if not hits and acid:
                hits = self.lookup(acid, kind)
            return demote(hits, "stripped", 0.92, exact=True)
        folded = fold(text)
        for variant in condition_variants(text):
            hits = self.lookup(variant, kind)
            if hits:
                neo = "neoplasms" in variant and "neoplasms" not in folded
                return demote(hits, "variant" if neo else "stripped", 0.85, exact=False)
        return []

    def _whole(self, text: str, kind: str) -> list[Hit]:
        return self.lookup(text, kind) or self._rewritten(text, kind)

    def _spans(self, text: str, kind: str) -> list[Hit]:
        hits: list[Hit] = []
        for chunk in _CHUNKS.split(text):
            if chunk.strip():
                hits.extend(self._chunk_spans(chunk, kind))
        return hits

    def _chunk_spans(self, text: str, kind: str) -> list[Hit]:
        """Spans of one phrase; a single word counts only as the phrase's head (its last word)."""
        words = tokens(text)[:MAX_SPAN_TOKENS]
        taken = [False] * len(words)
        hits: list[Hit] = []
        allowed = SPAN_GROUPS.get(kind, frozenset())
        single_types = {"label"}
        head = len(words) - 1
        trailing = dose_words() if kind == "intervention" else QUALIFIER_WORDS
        while head > 0 and (words[head] in trailing or words[head].isdigit()):
            head -= 1  # a name followed by its dose and form, or by "type 2" / "stage 4"
        for size in range(min(len(words), MAX_SPAN_SIZE), 0, -1):
            for start in range(len(words) - size + 1):
                if any(taken[start : start + size]):
                    continue
                key = " ".join(sorted(set(words[start : start + size])))
                if key in STOP_KEYS or key in GENERIC_WORDS or (size == 1 and len(key) < 4):
                    continue
                modifier = size == 1 and start != head  # "Gold standard", "oxygen inhalation"
                terms = [
                    t
                    for t in self.lexicon.by_key(key)
                    if self._group(t.concept) in allowed
                    and (size > 1 or t.type in single_types)
                    and not self.excluded(kind, t.concept)
                    and (not modifier or self._specific_drug(kind, t.concept))
                ]
                if not terms:
                    continue
                found = self._choose(terms, kind, "key", " ".join(words[start : start + size]))
                hits.extend(demote(found, "span", 0.7, exact=False))
                taken[start : start + size] = [True] * size
        return hits

    def _segments(self, text: str, kind: str) -> list[Hit]:
        """Comma-separated lists whose items may themselves hold commas (MeSH's inverted
        names): the longest run of items that matches wins, left to right."""
        items = [i.strip() for i in text.split(",") if i.strip()]
        if len(items) < 2:
            return []
        hits: list[Hit] = []
        start = 0
        while start < len(items):
            for end in range(len(items), start, -1):
                if end - start == len(items):
                    continue  # the whole string: already tried
                found = [
                    h
                    for h in self._whole(", ".join(items[start:end]), kind)
                    if self.fit(kind, h.term.concept) == 0
                ]
                if found:
                    hits.extend(demote(found, "component", 0.85, exact=False))
                    start = end
                    break
            else:
                if hits or start > 0:  # a list item that is no term: look inside it
                    hits.extend(self._spans(items[start], kind))
                start += 1
        return dedupe(hits)

    def match(self, text: str, kind: str) -> list[Hit]:
        """The best hits for a reported string (one per namespace, or one per part)."""
        text = " ".join(text.split())
        if not text:
            return []
        hits = self._inside_generic(text, kind) or self._whole(text, kind)
        if hits:
            return hits
        hits = self._segments(text, kind)
        if hits:
            return hits
        parts = split_parts(text)
        shared = shared_head(text)
        if shared:
            parts = shared
        if len(parts) > 1:
            for part in parts:
                found = [h for h in self._whole(part, kind) if self.fit(kind, h.term.concept) <= 1]
                if found:
                    hits.extend(demote(found, "component", 0.85, exact=False))
                else:
                    hits.extend(self._spans(part, kind))
            hits = dedupe(hits)
            if hits:
                return hits
        if kind == "condition":
            for variant in [text, *condition_variants(text)[-1:]]:
                hits = self._spans(variant, kind)
                if hits:
                    return dedupe(hits)
            return []
        return dedupe(self._spans(text, kind))


_SHARED_HEAD = re.compile(r"^([A-Za-z]{3,}) (?:and|or|&) ([A-Za-z]{3,}) ([A-Za-z][\w -]{2,})$")


def shared_head(text: str) -> list[str]:
    """Coordinated modifiers sharing one head, read as two phrases.

    >>> shared_head("Mental and behavioral disorders")
    ['Mental disorders', 'behavioral disorders']
    >>> shared_head("Anxiety and depression")
    []
    """
    found = _SHARED_HEAD.match(text.strip())
    if not found:
        return []
    first, second, head = found.groups()
    return [f"{first} {head}", f"{second} {head}"]


def demote(hits: Iterable[Hit], match_type: str, factor: float, *, exact: bool) -> list[Hit]:
    """Mark hits found through a rewrite: new match type, lower confidence."""
    out = []
    for hit in hits:
        keep_exact = exact and hit.predicate == EXACT
        out.append(
            replace(
                hit,
                match_type=match_type,
                predicate=EXACT if keep_exact else CLOSE,
                confidence=round(hit.confidence * factor, 3),
            )
        )
    return out


def dedupe(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per concept (the most confident), in first-seen order."""
    best: dict[str, Hit] = {}
    for hit in hits:
        old = best.get(hit.term.concept)
        if old is None or hit.confidence > old.confidence:
            best[hit.term.concept] = hit
    return list(best.values())
