"""The one interface: ``Linker.load(...)`` then ``linker.link(text, kind)``.

>>> linker = Linker.load()
>>> [(l.target, l.match_type) for l in linker.link("Dermatomyositis", "condition")]
[('mesh:D003882', 'exact-label')]
>>> [(l.target, l.semantic_group, l.misfiled) for l in linker.link("Abatacept", "condition")]
[('mesh:D000069594', 'drug', True)]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.linking.lexicon import Lexicon
from kg.linking.link import EXACT, MAPPING_CHAINING, Link, LinkedXref
from kg.linking.match import MISFILED_GROUPS, Hit, Matcher
from kg.linking.prefixes import iri
from kg.linking.sources import bundled
from kg.linking.sources.online import OnlineResolver
from kg.linking.sources.vocab import load_vocab

KINDS = ("condition", "intervention")
_CACHE_LIMIT = 200_000


class Linker:
    """Links reported condition and intervention strings to MeSH (and user vocabularies)."""

    def __init__(self, lexicon: Lexicon, *, online: OnlineResolver | None = None) -> None:
        self.lexicon = lexicon
        self.matcher = Matcher(lexicon)
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
            hits = self.matcher.match(text, kind)
            if not hits and self.online is not None:
                hits = self.online.resolve(text, kind, self.lexicon)
            cached = tuple(self._links(text, kind, hits))
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[key] = cached
        return list(cached)

    # -- hits -> links ---------------------------------------------------------

    def _links(self, text: str, kind: str, hits: list[Hit]) -> list[Link]:
        hits = hits + self._chained(hits)
        misfiled = bool(hits) and all(h.group in MISFILED_GROUPS[kind] for h in hits)
        links = [self._link(text, kind, hit, misfiled) for hit in hits]
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
