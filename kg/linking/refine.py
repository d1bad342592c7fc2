"""After matching: turn what matched into what an indexer would assign.

* an organism named as a condition -> its infection ("Coronavirus" ->
  Coronavirus Infections), when MeSH names one "<organism> infection(s)";
* a salt's or ester's supplementary concept -> the parent drug's descriptor
  ("chloroquine diphosphate" -> Chloroquine);
* the parts of a combination -> the combination concept where MeSH has one
  (lopinavir + ritonavir -> lopinavir-ritonavir drug combination);
* a heading dropped when a more specific descriptor of the same string was
  found (its tree number lies under the heading's).

>>> under("C01.748.610.763.500", "C01.748.610"), under("C01.748", "C01.748")
(True, False)
"""

from __future__ import annotations

from dataclasses import replace

from kg.linking.lexicon import Lexicon, Term
from kg.linking.match import Hit
from kg.linking.normalise import fold
from kg.linking.variants import drug_core

DRUG_COMBINATIONS = "mesh:D004338"  # the descriptor every combination concept maps to
_INFECTION_SUFFIXES = (" infections", " infection", " disease")


def under(tree: str, ancestor: str) -> bool:
    """Whether a tree number lies strictly below another."""
    return tree.startswith(ancestor + ".")


class Refiner:
    """The after-matching rules, over one lexicon (combination index built on first use)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._combinations: dict[frozenset[str], str] | None = None

    def _trees(self, concept: str) -> tuple[str, ...]:
        row = self.lexicon.concepts.row(concept)
        return tuple(row[2].split("|")) if row and row[2] else ()

    def _group(self, concept: str) -> str:
        row = self.lexicon.concepts.row(concept)
        return row[1] if row else "unknown"

    def _label(self, concept: str) -> str:
        row = self.lexicon.concepts.row(concept)
        return row[0] if row else ""

    def _retarget(self, hit: Hit, concept: str, factor: float) -> Hit:
        term = Term(concept, hit.term.text, hit.term.type, hit.term.source)
        return replace(
            hit,
            term=term,
            group=self._group(concept),
            confidence=round(hit.confidence * factor, 3),
        )

    def _first(self, text: str, group: str, prefix: str = "mesh:") -> str | None:
        for term in self.lexicon.by_fold(fold(text)):
            if term.concept.startswith(prefix) and self._group(term.concept) == group:
                return term.concept
        return None

    def infection(self, hit: Hit) -> Hit:
        """An organism -> the infection MeSH names after it (else the hit unchanged)."""
        if hit.group != "organism":
            return hit
        names = [self._label(hit.term.concept), hit.term.text]
        for name in names:
            for suffix in _INFECTION_SUFFIXES:
                found = self._first(name + suffix, "disease")
                if found is not None:
                    return self._retarget(hit, found, 0.95)
        return hit

    def parent_drug(self, hit: Hit) -> Hit:
        """A supplementary concept that is a salt or ester of a descriptor's drug -> that drug."""
        if not hit.term.concept.startswith("mesh:C") or hit.group != "drug":
            return hit
        label = self._label(hit.term.concept)
        core = drug_core(label)
        if not core or fold(core) == fold(label):
            return hit
        found = self._first(core, "drug", "mesh:D")
        return self._retarget(hit, found, 0.97) if found else hit

    def combinations(self) -> dict[frozenset[str], str]:
        """Combination concepts by the set of drug descriptors they map to."""
        if self._combinations is None:
            found: dict[frozenset[str], str] = {}
            for cid in self.lexicon.concept_ids_like("mesh:C", "combination"):
                parts = frozenset(
                    x.object
                    for x in self.lexicon.xrefs.get(cid, [])
                    if x.predicate == "skos:broadMatch" and x.object != DRUG_COMBINATIONS
                )
                if len(parts) >= 2:
                    found.setdefault(parts, cid)
            self._combinations = found
        return self._combinations

    def combination(self, hits: list[Hit]) -> list[Hit]:
        """Two or more drug descriptors of one string -> their combination concept, if any."""
        drugs = [h for h in hits if h.term.concept.startswith("mesh:D") and h.group == "drug"]
        if len(drugs) < 2:
            return hits
        key = frozenset(h.term.concept for h in drugs)
        found = self.combinations().get(key)
        if found is None:
            return hits
        merged = replace(self._retarget(drugs[0], found, 0.95), match_type="combination")
        return [merged] + [h for h in hits if h not in drugs]

    def prune_headings(self, hits: list[Hit]) -> list[Hit]:
        """Drop a hit when another hit's descriptor lies under it in the tree."""
        trees = {h.term.concept: self._trees(h.term.concept) for h in hits}
        kept = []
        for hit in hits:
            mine = trees[hit.term.concept]
            covered = any(
                under(t, a)
                for other in hits
                if other.term.concept != hit.term.concept
                for t in trees[other.term.concept]
                for a in mine
            )
            if not covered:
                kept.append(hit)
        return kept

    def refine(self, hits: list[Hit], kind: str) -> list[Hit]:
        if kind == "condition":
            hits = [self.infection(h) for h in hits]
        else:
            hits = self.combination([self.parent_drug(h) for h in hits])
        best: dict[str, Hit] = {}
        for hit in hits:
            old = best.get(hit.term.concept)
            if old is None or hit.confidence > old.confidence:
                best[hit.term.concept] = hit
        return self.prune_headings(list(best.values()))
