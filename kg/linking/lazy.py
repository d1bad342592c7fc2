"""A linker that travels: a small picklable description that loads its Linker on first use.

Worker processes receive the description, not the loaded lexicon, and load it
once each (the lexicon loads in about 2 s).

>>> linker = LazyLinker()
>>> [link.mesh_id for link in linker("Dermatomyositis", "condition")]
['D003882']
>>> import pickle; len(pickle.dumps(linker)) < 200
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.linking.link import Link
from kg.linking.linker import Linker

_LOADED: dict[LazyLinker, Linker] = {}


@dataclass(frozen=True, slots=True)
class LazyLinker:
    """Link with the bundled lexicon plus these vocabularies (and online lookups)."""

    vocab: tuple[str, ...] = ()
    online: bool = False

    def linker(self) -> Linker:
        found = _LOADED.get(self)
        if found is None:
            found = _LOADED[self] = Linker.load(
                vocab=[Path(v) for v in self.vocab], online=self.online
            )
        return found

    def __call__(self, text: str, kind: str) -> list[Link]:
        return self.linker().link(text, kind)
