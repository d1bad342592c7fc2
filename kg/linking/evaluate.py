"""Measure links against ClinicalTrials.gov's own MeSH coding of the same records.

Per record r and kind: G(r) = the MeSH descriptors CT.gov assigned
(``mesh_conditions`` / ``mesh_interventions``; a term without ID is resolved
to its descriptor through the lexicon's authority labels, and one that does
not resolve still counts as gold that cannot be matched); L(r) = the MeSH IDs
trialkg links r's reported strings to (exact or close matches only: a
supplementary concept's broadMatch headings do not count; no hierarchy
expansion). Precision = sum|L & G| / sum|L|, recall = sum|L & G| / sum|G|.

Only records that carry CT.gov coding for a kind are scored for that kind
(an absent browse module means "not coded", not "nothing to code");
``precision_all`` also counts the links of uncoded records.

>>> mesh_key("D000013166") == mesh_key("D013166")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.linking.link import CLOSE, EXACT
from kg.linking.linker import Linker
from kg.linking.normalise import fold
from kg.model import MeshTerm, TrialRecord


def mesh_key(mesh_id: str) -> str:
    """A comparison key for MeSH IDs, blind to zero-padding (D013166 = D000013166)."""
    mesh_id = mesh_id.strip()
    head, digits = mesh_id[:1].upper(), mesh_id[1:]
    return f"{head}{int(digits)}" if digits.isdigit() else mesh_id


@dataclass(slots=True)
class Miss:
    record: str
    mesh: str  # gold key or linked key
    label: str  # gold term or linked reported string


@dataclass(slots=True)
class KindScore:
    """Scores for one kind (conditions or interventions)."""

    records: int = 0
    links: int = 0
    gold: int = 0
    correct: int = 0
    uncoded_links: int = 0
    unresolved_gold: int = 0
    misses: list[Miss] = field(default_factory=list)  # gold not linked
    extras: list[Miss] = field(default_factory=list)  # links not in gold

    @property
    def precision(self) -> float:
        return self.correct / self.links if self.links else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    def as_dict(self, *, details: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "links": self.links,
            "gold": self.gold,
            "correct": self.correct,
            "records": self.records,
            "precision_all": round(
                self.correct / (self.links + self.uncoded_links)
                if self.links + self.uncoded_links
                else 0.0,
                4,
            ),
            "unresolved_gold": self.unresolved_gold,
        }
        if details:
            out["misses"] = [_miss(m) for m in self.misses]
            out["extras"] = [_miss(m) for m in self.extras]
        return out


def _miss(m: Miss) -> dict[str, str]:
    return {"record": m.record, "mesh": m.mesh, "label": m.label}


@dataclass(slots=True)
class EvaluationReport:
    conditions: KindScore = field(default_factory=KindScore)
    interventions: KindScore = field(default_factory=KindScore)

    def as_dict(self, *, details: bool = False) -> dict[str, object]:
        return {
            "conditions": self.conditions.as_dict(details=details),
            "interventions": self.interventions.as_dict(details=details),
        }


def _gold(
    terms: list[MeshTerm], labels: dict[str, str], synonyms: dict[str, str], score: KindScore
) -> dict[str, str]:
    out: dict[str, str] = {}
    for term in terms:
        if term.id:
            out[mesh_key(term.id)] = term.term
            continue
        concept = labels.get(fold(term.term)) or synonyms.get(fold(term.term))
        if concept is None:
            score.unresolved_gold += 1
            out[f"unresolved:{fold(term.term)}"] = term.term
        else:
            out[mesh_key(concept.partition(":")[2])] = term.term
    return out


def _linked(linker: Linker, strings: Iterable[str], kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for text in strings:
        for link in linker.link(text, kind):
            if link.mesh_id and link.predicate in (EXACT, CLOSE):
                out.setdefault(mesh_key(link.mesh_id), text)
    return out


def _score(record: str, gold: dict[str, str], linked: dict[str, str], score: KindScore) -> None:
    if not gold:
        score.uncoded_links += len(linked)
        return
    score.records += 1
    score.links += len(linked)
    score.gold += len(gold)
    score.correct += len(linked.keys() & gold.keys())
    score.misses.extend(Miss(record, k, v) for k, v in gold.items() if k not in linked)
    score.extras.extend(Miss(record, k, v) for k, v in linked.items() if k not in gold)


def evaluate(records: Iterable[TrialRecord], linker: Linker) -> EvaluationReport:
    """Score ``linker`` on records that carry CT.gov's MeSH coding.

    >>> from kg.model import Intervention, Provenance
    >>> r = TrialRecord("NCT0", Provenance("t", "t", 1), conditions=["Dermatomyositis"],
    ...                 mesh_conditions=[MeshTerm("Dermatomyositis")],
    ...                 interventions=[Intervention("Drug: Abatacept", "Abatacept")],
    ...                 mesh_interventions=[MeshTerm("Abatacept", "D000069594")])
    >>> report = evaluate([r], Linker.load())
    >>> report.conditions.precision, report.interventions.recall
    (1.0, 1.0)
    """
    labels = linker.lexicon.label_index()
    synonyms = linker.lexicon.synonym_index()
    report = EvaluationReport()
    for record in records:
        gold_c = _gold(record.mesh_conditions, labels, synonyms, report.conditions)
        linked_c = _linked(linker, record.conditions, "condition")
        _score(record.main_id, gold_c, linked_c, report.conditions)
        strings = [s for i in record.interventions for s in (i.name, *i.other_names)]
        gold_i = _gold(record.mesh_interventions, labels, synonyms, report.interventions)
        linked_i = _linked(linker, strings, "intervention")
        _score(record.main_id, gold_i, linked_i, report.interventions)
    return report
