"""The one interface: ``Linker.load(...)`` then ``linker.link(text, kind)``.

>>> linker = Linker.load()
>>> [(l.target, l.match_type) for l in linker.link("Dermatomyositis", "condition")]
[('mesh:D003882', 'exact-label')]
>>> [(l.target, l.semantic_group, l.misfiled) for l in linker.link("Abatacept", "condition")]
[('mesh:D000069594', 'drug', True)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from kg.linking.lexicon import Lexicon
from kg.linking.link import BROAD, EXACT, MAPPING_CHAINING, Link, LinkedXref
from kg.linking.match import Hit, Matcher, dedupe, demote
from kg.linking.policy import MISFILED_GROUPS
from kg.linking.prefixes import iri
from kg.linking.reading import (
    category_tail,
    drop_defined_abbreviations,
    icd_candidates,
    icd_code,
    icd_title_variants,
    product_names,
    strip_label,
)
from kg.linking.refine import DRUG_COMBINATIONS, Refiner
from kg.linking.sources import bundled
from kg.linking.sources.online import OnlineResolver
from kg.linking.sources.vocab import load_vocab
from kg.linking.spelling import repair
from kg.linking.variants import unglue_dose

KINDS = ("condition", "intervention")
_CACHE_LIMIT = 200_000


class Linker:
    """Links reported condition and intervention strings to MeSH (and user vocabularies)."""

    def __init__(self, lexicon: Lexicon, *, online: OnlineResolver | None = None) -> None:
        self.lexicon = lexicon
        self.matcher = Matcher(lexicon)
        self.refiner = Refiner(lexicon)
        self.online = online
        self._cache: dict[tuple[str, str], tuple[Link, ...]] = {}
        self._reverse: dict[str, list[tuple[str, str]]] = {}
        for subject in sorted(lexicon.foreign_xref_subjects):
            for x in lexicon.xrefs.get(
                subject, []
            ):  # user vocabulary term -> MeSH: reverse it for MeSH links
                if x.object.lower().startswith("mesh:"):
                    self._reverse.setdefault(x.object, []).append((subject, x.source))

    @classmethod
    def load(
        cls,
        *,
        vocab: Sequence[Path] = (),
        online: bool = False,
        cache_dir: Path | None = None,
        bundled_lexicon: bool = True,
        online_base_urls: dict[str, str] | None = None,
        offline_replay: bool = False,
    ) -> Linker:
        """The bundled lexicon, plus user vocabularies (indexed once into SQLite under
        ``cache_dir``), plus online lookups (cached, replayable) when ``online``."""
        lexicon = bundled.load() if bundled_lexicon else Lexicon()
        for path in vocab:
            load_vocab(Path(path), lexicon, cache_dir=cache_dir)
        resolver = None
        if online or offline_replay:
            resolver = OnlineResolver(
                cache_dir=cache_dir, base_urls=online_base_urls, replay_only=not online
            )
        return cls(lexicon, online=resolver)

    def link(self, text: str, kind: str) -> list[Link]:
        """The best links for one reported string of a kind ("condition" | "intervention")."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        key = (text, kind)
        cached = self._cache.get(key)
        if cached is None:
            hits = self.read(text, kind)
            if not hits and self.online is not None:
                hits = self.online.resolve(text, kind, self.lexicon)
            cached = tuple(self._links(text, kind, hits))
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[key] = cached
        return list(cached)

    # -- reading like an indexer ----------------------------------------------

    def read(self, text: str, kind: str) -> list[Hit]:
        """Labels stripped, product blocks, ICD codes and category lines read, then refined."""
        text = drop_defined_abbreviations(strip_label(" ".join(text.split())))
        if kind == "intervention":
            text = unglue_dose(text)
        names = product_names(text)
        if names:
            hits = [h for name in names for h in self.matcher.match(name, kind)]
        else:
            hits = self._codes(text, kind) or self._category(text, kind)
            if not hits:
                hits = self.matcher.match(text, kind)
            repaired = repair(text, self.lexicon)
            if repaired is not None:
                found = self.matcher.match(repaired, kind)
                hits += demote(found, "spelling", 0.8, exact=False)
        return self.refiner.refine(dedupe(hits), kind)

    def _codes(self, text: str, kind: str) -> list[Hit]:
        code = icd_code(text)
        if code is None or kind != "condition":
            return []
        titles = bundled.icd_titles()
        for candidate in icd_candidates(code):
            title = titles.get(candidate)
            if title is None:
                continue
            for variant in [title, *icd_title_variants(title)]:
                found = self.matcher.match(variant, kind)
                if found:
                    return demote(found, "icd10-title", 0.8, exact=False)
            return []
        return []

    def _category(self, text: str, kind: str) -> list[Hit]:
        tail = category_tail(text)
        if tail is None:
            return []
        if icd_code(category_head := text[: len(text) - len(tail)].strip(" -")):
            found = self._codes(category_head, kind)
            if found:
                return found
        for variant in [tail, *icd_title_variants(tail)]:
            found = [
                h
                for h in self.matcher.match(variant, kind)
                if self.matcher.fit(kind, h.term.concept) <= 1
            ]
            if found:
                return found
        return []

    # -- hits -> links ---------------------------------------------------------

    def _links(self, text: str, kind: str, hits: list[Hit]) -> list[Link]:
        hits = hits + self._chained(hits)
        misfiled = bool(hits) and all(h.group in MISFILED_GROUPS[kind] for h in hits)
        links = [self._link(text, kind, hit, misfiled) for hit in hits]
        links.extend(self._headings(text, kind, links))
        links.sort(key=lambda lk: (lk.mesh_id is None, -lk.confidence, lk.target))
        return links

    def _chained(self, hits: list[Hit]) -> list[Hit]:
        """MeSH hits through a user vocabulary's cross-references, when MeSH had none."""
        if any(h.term.concept.startswith("mesh:") for h in hits):
            return []
        out: list[Hit] = []
        for hit in hits:
            for x in self.lexicon.xrefs.get(hit.term.concept, []):
                target = self.lexicon.concepts.get(x.object)
                if x.object.startswith("mesh:") and target is not None:
                    term = type(hit.term)(x.object, hit.term.text, "xref-chain", x.source)
                    out.append(
                        Hit(
                            term,
                            target.group,
                            "xref-chain",
                            hit.predicate,
                            round(hit.confidence * 0.9, 3),
                            hit.tried,
                        )
                    )
        return out

    def _headings(self, text: str, kind: str, links: list[Link]) -> list[Link]:
        """A supplementary concept's mapped descriptors, as skos:broadMatch links."""
        have = {lk.target for lk in links}
        out: list[Link] = []
        for lk in links:
            if not lk.target.startswith("mesh:C"):
                continue
            for x in lk.xrefs:
                if x.predicate != BROAD or x.target in have or x.target == DRUG_COMBINATIONS:
                    continue
                have.add(x.target)
                row = self.lexicon.concepts.row(x.target)
                out.append(
                    replace(
                        lk,
                        target=x.target,
                        target_iri=iri(x.target),
                        target_label=x.target_label,
                        predicate=BROAD,
                        match_type="mapped-heading",
                        confidence=round(lk.confidence * 0.9, 3),
                        justification=MAPPING_CHAINING,
                        semantic_group=row[1] if row else "unknown",
                        misfiled=False,
                        xrefs=(),
                    )
                )
        return out

    def _link(self, text: str, kind: str, hit: Hit, misfiled: bool) -> Link:
        target = hit.term.concept
        concept = self.lexicon.concepts.get(target)
        xrefs = [
            LinkedXref(
                x.object, iri(x.object), x.object_label, x.predicate, x.justification, x.source
            )
            for x in self.lexicon.xrefs.get(target, [])
        ]
        for subject, source in self._reverse.get(target, []):
            label = self.lexicon.concepts[subject].label if subject in self.lexicon.concepts else ""
            xrefs.append(LinkedXref(subject, iri(subject), label, EXACT, MAPPING_CHAINING, source))
        justification = MAPPING_CHAINING if hit.match_type == "xref-chain" else None
        return Link(
            subject_text=text,
            kind=kind,
            target=target,
            target_iri=iri(target),
            target_label=concept.label if concept else hit.term.text,
            predicate=hit.predicate,
            match_type=hit.match_type,
            match_string=hit.term.text,
            confidence=hit.confidence,
            source=hit.term.source,
            **({"justification": justification} if justification else {}),
            semantic_group=hit.group,
            misfiled=misfiled and hit.group in MISFILED_GROUPS[kind],
            xrefs=tuple(sorted(xrefs, key=lambda x: x.target)),
        )
