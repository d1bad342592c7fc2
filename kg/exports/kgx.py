"""Biolink/KGX nodes and edges TSV: interventions ``biolink:in_clinical_trials_for`` conditions.

Conditions and interventions are nodes by MeSH CURIE (``MESH:D001249``), from
the registry's coding or trialkg's links; one edge per (intervention,
condition) pair with the highest phase reached as ``max_research_phase`` and
the trials as ``has_supporting_studies``. Trials without MeSH codes on both
sides give no edge (counted). ``-o kg.tsv`` writes ``kg_nodes.tsv`` and
``kg_edges.tsv``. :func:`check` tests the names against the Biolink model
shipped by the ``biolink-model`` package.

>>> files_for("out/kg.tsv")
('out/kg_nodes.tsv', 'out/kg_edges.tsv')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.exports import ExportReport, mesh_ids
from kg.views import TrialView

PREDICATE = "biolink:in_clinical_trials_for"
NODE_COLUMNS = ("id", "category", "name", "provided_by")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "max_research_phase",
    "has_supporting_studies",
)
KNOWLEDGE_SOURCE = "infores:trialkg"
_DRUGS = {"drug", "biological", "dietary-supplement", "combination-product", "genetic"}
_PHASE = {
    "phase-1": "clinical_trial_phase_1",
    "phase-2": "clinical_trial_phase_2",
    "phase-3": "clinical_trial_phase_3",
    "phase-4": "clinical_trial_phase_4",
    "early-phase-1": "clinical_trial_phase_1",
    "phase-0": "clinical_trial_phase",
}
_ORDER = [
    "clinical_trial_phase",
    "clinical_trial_phase_1",
    "clinical_trial_phase_1_to_2",
    "clinical_trial_phase_2",
    "clinical_trial_phase_2_to_3",
    "clinical_trial_phase_3",
    "clinical_trial_phase_4",
]


def files_for(output: str) -> tuple[str, str]:
    stem = output[:-4] if output.endswith(".tsv") else output
    return f"{stem}_nodes.tsv", f"{stem}_edges.tsv"


def trial_phase(phases: list[str]) -> str:
    """The ResearchPhaseEnum value of a trial's phases (phase 1 + 2 -> phase_1_to_2).

    >>> trial_phase(["phase-1", "phase-2"]), trial_phase([]), trial_phase(["phase-3"])
    ('clinical_trial_phase_1_to_2', 'clinical_trial_phase', 'clinical_trial_phase_3')
    """
    found = sorted({_PHASE[p] for p in phases if p in _PHASE}, key=_ORDER.index)
    if found[-2:] == ["clinical_trial_phase_1", "clinical_trial_phase_2"]:
        return "clinical_trial_phase_1_to_2"
    if found[-2:] == ["clinical_trial_phase_2", "clinical_trial_phase_3"]:
        return "clinical_trial_phase_2_to_3"
    return found[-1] if found else "clinical_trial_phase"


@dataclass(slots=True)
class _Edge:
    phase: str = "clinical_trial_phase"
    trials: set[str] = field(default_factory=set)


def build(
    views: list[TrialView], report: ExportReport
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    nodes: dict[str, dict[str, str]] = {}
    edges: dict[tuple[str, str], _Edge] = {}
    for v in views:
        conditions = mesh_ids(v, "condition")
        interventions = mesh_ids(v, "intervention")
        if not conditions or not interventions:
            report.left_out["trials without MeSH-coded conditions and interventions"] += 1
            continue
        drug = any(m.kind in _DRUGS for m in v.interventions) or not v.interventions
        for c, label in conditions:
            nodes.setdefault(f"MESH:{c}", _node(f"MESH:{c}", "biolink:Disease", label))
        for i, label in interventions:
            category = "biolink:Drug" if drug else "biolink:Treatment"
            nodes.setdefault(f"MESH:{i}", _node(f"MESH:{i}", category, label))
        phase = trial_phase(v.phases)
        for i, _ in interventions:
            for c, _ in conditions:
                edge = edges.setdefault((f"MESH:{i}", f"MESH:{c}"), _Edge())
                edge.trials.add(v.iri)
                if _ORDER.index(phase) > _ORDER.index(edge.phase):
                    edge.phase = phase
        report.written += 1
    edge_rows = [
        {
            "id": f"trialkg:edge/{s}/{o}",
            "subject": s,
            "predicate": PREDICATE,
            "object": o,
            "knowledge_level": "knowledge_assertion",
            "agent_type": "manual_agent",
            "primary_knowledge_source": KNOWLEDGE_SOURCE,
            "max_research_phase": e.phase,
            "has_supporting_studies": "|".join(sorted(e.trials)),
        }
        for (s, o), e in sorted(edges.items())
    ]
    return [nodes[k] for k in sorted(nodes)], edge_rows


def _node(curie: str, category: str, name: str) -> dict[str, str]:
    return {"id": curie, "category": category, "name": name, "provided_by": KNOWLEDGE_SOURCE}


def write(views: list[TrialView], output: str, report: ExportReport) -> None:
    nodes, edges = build(views, report)
    for path, rows, columns in zip(
        files_for(output), (nodes, edges), (NODE_COLUMNS, EDGE_COLUMNS), strict=True
    ):
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, columns, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        report.files.append(path)
    problems = check(nodes, edges)
    for p in problems:
        report.left_out[f"Biolink check: {p}"] += 1


@lru_cache(maxsize=1)
def _model() -> dict[str, Any] | None:
    try:
        from importlib.resources import files

        import yaml  # type: ignore[import-untyped]

        text = files("biolink_model").joinpath("schema/biolink_model.yaml").read_text("utf-8")
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return None
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _snake(name: str) -> str:
    return name.replace(" ", "_")


def _camel(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in name.split(" "))


def check(nodes: list[dict[str, str]], edges: list[dict[str, str]]) -> list[str]:
    """Names not in the Biolink model (empty: all known); needs the ``biolink-model`` package."""
    model = _model()
    if model is None:
        return ["biolink-model package not installed: not checked"]
    classes = {f"biolink:{_camel(c)}" for c in model["classes"]}
    slots = {_snake(s) for s in model["slots"]}
    predicates = {
        f"biolink:{_snake(s)}"
        for s, d in model["slots"].items()
        if _is_predicate(model["slots"], s)
    }
    phases = set(model["enums"]["ResearchPhaseEnum"]["permissible_values"])
    problems = [f"unknown category {n['category']}" for n in nodes if n["category"] not in classes]
    problems += [
        f"unknown predicate {e['predicate']}" for e in edges if e["predicate"] not in predicates
    ]
    problems += [
        f"unknown phase {e['max_research_phase']}"
        for e in edges
        if e["max_research_phase"] not in phases
    ]
    extra = set(NODE_COLUMNS + EDGE_COLUMNS) - slots - {"id"}
    problems += [f"unknown column {c}" for c in sorted(extra)]
    return sorted(set(problems))


def _is_predicate(slots: dict[str, Any], name: str) -> bool:
    seen: set[str] = set()
    while name and name not in seen:
        if name == "related to":
            return True
        seen.add(name)
        name = (slots.get(name) or {}).get("is_a") or ""
    return False


__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "PREDICATE", "build", "check", "files_for", "write"]
