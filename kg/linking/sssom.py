"""Links out as SSSOM TSV, plus the unmapped-strings report beside it.

Each row maps one per-trial mention (subject_id: its IRI as a ``trialkg:``
CURIE, subject_label: the string as reported) to a concept, with the
justification, confidence and the lexicon string matched. Crosswalk rows
(MeSH -> MONDO/DOID/ChEBI/DrugBank) follow with their own provenance.
Output is deterministic (sorted rows, no dates).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from kg.atomic import atomic_text
from kg.iris import DEFAULT_BASE
from kg.linking.link import Link
from kg.linking.prefixes import prefix_map
from kg.namespaces import (
    CC0_LICENCE,
    OWL_NS,
    RDF_NS,
    RDFS_NS,
    SEMAPV_NS,
    SKOS_NS,
    SSSOM_NS,
    TKG_MAPPINGS_NS,
)

TOOL = "trialkg"
TOOL_VERSION = "0.1.0"
LICENSE = CC0_LICENCE
MAPPING_SET_ID = TKG_MAPPINGS_NS + "links.sssom.tsv"
COLUMNS = (
    "subject_id",
    "subject_label",
    "subject_category",
    "predicate_id",
    "object_id",
    "object_label",
    "object_category",
    "mapping_justification",
    "confidence",
    "match_string",
    "other",
    "comment",
)
_BUILTIN = {
    "skos": SKOS_NS,
    "semapv": SEMAPV_NS,
    "owl": OWL_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "sssom": SSSOM_NS,
}


def mention_curie(iri: str, base: str = DEFAULT_BASE) -> str:
    """A mention IRI as a ``trialkg:`` CURIE.

    >>> mention_curie("https://w3id.org/trialkg/id/trial/NCT04946669/condition/1")
    'trialkg:trial/NCT04946669/condition/1'
    """
    return "trialkg:" + iri[len(base) :] if iri.startswith(base) else iri


def unmapped_path(path: Path) -> Path:
    """Where the unmapped report goes: ``x.sssom.tsv`` -> ``x.unmapped.tsv``.

    >>> unmapped_path(Path("out/mappings.sssom.tsv")).as_posix()
    'out/mappings.unmapped.tsv'
    """
    name = path.name
    stem = name[: -len(".sssom.tsv")] if name.endswith(".sssom.tsv") else path.stem
    return path.with_name(f"{stem}.unmapped.tsv")


def _cell(value: object) -> str:
    return " ".join(str(value).split())


def write_sssom(
    links: Iterable[tuple[str, Link]],
    path: Path,
    *,
    unmapped: Iterable[tuple[str, str]] = (),
    crosswalks: bool = True,
    base: str = DEFAULT_BASE,
    mapping_set_id: str = MAPPING_SET_ID,
) -> None:
    """Write SSSOM TSV (metadata block + rows) and the unmapped report beside it.

    ``links`` pairs a mention IRI with a :class:`Link`; ``unmapped`` gives
    (kind, reported string) for every mention that got no link.
    """
    rows: set[tuple[str, ...]] = set()
    xrows: set[tuple[str, ...]] = set()
    used: set[str] = {"trialkg", "skos", "semapv"}
    for iri, link in links:
        comment = ""
        if link.misfiled:
            comment = f"misfiled: reported as {link.kind}, resolves to a {link.semantic_group}"
        rows.add(
            (
                mention_curie(iri, base),
                link.subject_text,
                link.kind,
                link.predicate,
                link.target,
                link.target_label,
                link.semantic_group,
                link.justification,
                f"{link.confidence:.3f}",
                link.match_string,
                f"source={link.source}",
                comment,
            )
        )
        used.add(link.target.partition(":")[0])
        if crosswalks:
            for x in link.xrefs:
                xrows.add(
                    (
                        link.target,
                        link.target_label,
                        "",
                        x.predicate,
                        x.target,
                        x.target_label,
                        "",
                        x.justification,
                        "",
                        "",
                        f"source={x.source}",
                        "crosswalk",
                    )
                )
                used.add(x.target.partition(":")[0])
    known = {**prefix_map(), **_BUILTIN, "trialkg": base}
    curie_map = {p: known[p] for p in sorted(used) if p in known}
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_text(path) as out:
        out.write("# curie_map:\n")
        for prefix, uri in curie_map.items():
            out.write(f"#   {prefix}: {uri}\n")
        out.write(f"# mapping_set_id: {mapping_set_id}\n")
        out.write(f"# license: {LICENSE}\n")
        out.write(f"# mapping_tool: {TOOL}\n")
        out.write(f"# mapping_tool_version: {TOOL_VERSION}\n")
        out.write("\t".join(COLUMNS) + "\n")
        for row in sorted(rows) + sorted(xrows):
            out.write("\t".join(_cell(c) for c in row) + "\n")
    write_unmapped(unmapped, unmapped_path(path))


def write_unmapped(unmapped: Iterable[tuple[str, str]], path: Path) -> None:
    """Unmapped reported strings ranked by frequency (then kind, then string)."""
    counts = Counter((kind, _cell(text)) for kind, text in unmapped)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    with atomic_text(path) as out:
        out.write("count\tkind\tstring\n")
        for (kind, text), count in ranked:
            out.write(f"{count}\t{kind}\t{text}\n")
