"""The overview page's plots, drawn on the server as SVG (matplotlib, no JavaScript).

Counts come from the store with SPARQL (trial graphs only, one count per trial).

>>> svg = bar_svg("Trials per phase", [("phase-2", 3), ("phase-3", 1)])
>>> svg.startswith("<?xml") and "phase-2" in svg
True
"""

from __future__ import annotations

import io

from kg.namespaces import RDFS, SKOS, TKG
from kg.stores import GraphStore
from kg.views import code

_TRIAL = f"?g <{TKG.aboutTrial.value}> ?t ."
PLOTS: dict[str, tuple[str, str, bool]] = {
    # name -> (title, pattern binding ?x for trial ?t, values are vocabulary IRIs)
    "phase": ("Trials per phase", f"?t <{TKG.phase.value}> ?x", True),
    "status": ("Trials per recruitment status", f"?t <{TKG.recruitmentStatus.value}> ?x", True),
    "year": (
        "Trials per registration year",
        f"?t <{TKG.registrationDate.value}> ?d BIND(SUBSTR(STR(?d), 1, 4) AS ?x)",
        False,
    ),
    "register": (
        "Trials per register",
        f"?t <{TKG.register.value}>/<{RDFS.label.value}> ?x",
        False,
    ),
    "country": (
        "Trials per country (top 20)",
        f"?t <{TKG.country.value}> ?x",  # named after counting (_country_names)
        False,
    ),
    "conditions": (
        "Top conditions (by concept)",
        f"?t <{TKG.studiesCondition.value}> ?c . ?c <{SKOS.prefLabel.value}> ?x",
        False,
    ),
    "interventions": (
        "Top interventions (by concept)",
        f"?t <{TKG.studiesIntervention.value}> ?c . ?c <{SKOS.prefLabel.value}> ?x",
        False,
    ),
}


def counts(store: GraphStore, name: str, limit: int = 20) -> list[tuple[str, int]]:
    """(value, trials) for one plot, largest first (years in order)."""
    _, pattern, vocab = PLOTS[name]
    order = "?x" if name == "year" else "DESC(?n) ?x"
    _, rows = store.select(
        f"SELECT (STR(?x) AS ?v) (COUNT(DISTINCT ?t) AS ?n) WHERE {{ GRAPH ?g {{ {_TRIAL} "
        f"{pattern} }} }} GROUP BY ?x ORDER BY {order} LIMIT {limit if name != 'year' else 200}"
    )
    found: dict[str, int] = {}
    names = _country_names(store, [v.value for v, _ in rows if v]) if name == "country" else {}
    for v, n in rows:
        if v is None or n is None:
            continue
        label = (code(v.value) or v.value) if vocab else names.get(v.value, v.value)
        found[label] = found.get(label, 0) + int(n.value)
    if names:
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return list(found.items())


def _country_names(store: GraphStore, countries: list[str]) -> dict[str, str]:
    """Country IRI -> its English or reported name: a store keeps the code and English name
    once, in the countries' vocabulary graph (kg.mapping.countries), a code-less name in
    the trial's graph."""
    if not countries:
        return {}
    values = " ".join(f"<{c}>" for c in countries)
    _, rows = store.select(
        f"SELECT ?c (MIN(STR(?name)) AS ?n) WHERE {{ VALUES ?c {{ {values} }} GRAPH ?g "
        f"{{ ?c <{SKOS.prefLabel.value}>|<{RDFS.label.value}> ?name }} }} GROUP BY ?c"
    )
    return {c.value: n.value for c, n in rows if c is not None and n is not None}


def bar_svg(title: str, data: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as an SVG document (text kept as text)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "trialkg"  # stable ids: the same data draws the same SVG
    labels = [(label if len(label) <= 40 else label[:37] + "...") for label, _ in data]
    fig, ax = plt.subplots(figsize=(7, 0.32 * max(len(data), 3) + 1.0))
    ax.barh(range(len(data)), [n for _, n in data], color="#3b6ea5")
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("trials", fontsize=8)
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out.getvalue()


def plot(store: GraphStore, name: str) -> str:
    title = PLOTS[name][0]
    return bar_svg(title, counts(store, name))


__all__ = ["PLOTS", "bar_svg", "counts", "plot"]
