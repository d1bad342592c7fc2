"""What the matcher may link, and how well: the linking policy as data.

Which semantic groups fit which kind of mention (a condition prefers a disease, an
intervention a drug or procedure), which strings are never linked (comparators and
non-entities), which words are too general to link alone, which MeSH branches are
never linked, and the confidence of a match by how it matched and the term's type.
:mod:`kg.linking.match` applies it.
"""

from __future__ import annotations

from kg.linking.normalise import bag_key

# How well each semantic group fits each kind (lower is better).
GROUP_FIT: dict[str, dict[str, int]] = {
    "condition": {"disease": 0, "behaviour": 1, "phenomenon": 1, "unknown": 1, "other": 1},
    "intervention": {
        "drug": 0,
        "procedure": 0,
        "drug-class": 1,
        "unknown": 1,
        "other": 1,
        "behaviour": 1,
    },
}
WORST_FIT = 3
MISFILED_GROUPS = {
    "condition": frozenset({"drug", "drug-class"}),
    "intervention": frozenset({"disease"}),
}
SPAN_GROUPS = {
    "condition": frozenset({"disease", "behaviour"}),
    "intervention": frozenset({"drug", "procedure"}),
}
MAX_SPAN_TOKENS = 30
MAX_SPAN_SIZE = 8  # longer spans name nothing in MeSH; keeps span search linear
QUALIFIER_WORDS = frozenset({"type", "stage", "grade", "class", "phase", "group", "a", "b", "c"})

# Comparators and non-entities: never linked (CT.gov's own coding does not code them either).
STOP_STRINGS = (
    "placebo",
    "placebos",
    "matching placebo",
    "sham",
    "control",
    "control group",
    "usual care",
    "standard of care",
    "standard care",
    "standard treatment",
    "no intervention",
    "no treatment",
    "healthy",
    "healthy volunteers",
    "healthy subjects",
    "healthy participants",
    "other",
    "none",
)
STOP_KEYS = frozenset(bag_key(s) for s in STOP_STRINGS)
# Words too general to be linked when found alone inside a longer string.
GENERIC_WORDS = frozenset(
    bag_key(w)
    for w in [
        "disease",
        "disorder",
        "syndrome",
        "condition",
        "patient",
        "group",
        "study",
        "therapy",
        "treatment",
        "drug",
        "injection",
        "health",
        "care",
        "control",
        "use",
        "cell",
        "type",
        "stage",
        "grade",
        "level",
        "test",
        "procedure",
        "drug therapy",
        "therapeutics",
        "diagnosis",
    ]
)

# Branches never linked: anatomy, persons, study designs, publication types, geography...
EXCLUDED_TREES: dict[str, tuple[str, ...]] = {
    "condition": ("A", "M", "N05", "E05.318", "V", "Z", "J", "K", "L"),
    "intervention": ("A", "M", "N05", "E05.318", "V", "Z", "J", "K", "L", "F01", "G", "D26.255"),
}

TYPE_CONF = {
    "fold": {"label": 0.99, "synonym": 0.95, "brand": 0.92, "xref-label": 0.9},
    "key": {"label": 0.9, "synonym": 0.87, "brand": 0.85, "xref-label": 0.82},
}
SOURCE_RANK = {"label": 0, "synonym": 1, "brand": 1, "xref-label": 2}


def kind_fit(kind: str, group: str) -> int:
    """How well a concept of semantic ``group`` fits a mention of ``kind`` (lower is better).

    >>> kind_fit("condition", "disease"), kind_fit("condition", "drug")
    (0, 3)
    """
    if group in MISFILED_GROUPS.get(kind, ()):
        return WORST_FIT
    return GROUP_FIT.get(kind, {}).get(group, 2)
