"""Offline linking of condition and intervention strings to MeSH (+ MONDO/DOID/ChEBI/DrugBank).

>>> linker = Linker.load()
>>> [link.target for link in linker.link("Dermatomyositis", "condition")]
['mesh:D003882']
"""

from kg.linking.evaluate import EvaluationReport, KindScore, evaluate
from kg.linking.link import Link, LinkedXref
from kg.linking.linker import Linker
from kg.linking.sssom import write_sssom

__all__ = [
    "EvaluationReport",
    "KindScore",
    "Link",
    "LinkedXref",
    "Linker",
    "evaluate",
    "write_sssom",
]
