"""The committed lexicon: canonical form, provenance documented, keys match the normaliser."""

from __future__ import annotations

import gzip
import json

from kg.linking.lexicon import CONCEPTS_FILE, TERM_TYPES, TERMS_FILE, XREFS_FILE
from kg.linking.normalise import NORMALISER_VERSION, fold, keys
from kg.linking.sources.bundled import lexicon_dir

LEX = lexicon_dir()


def _rows(name: str) -> list[list[str]]:
    with gzip.open(LEX / name, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle][1:]


def test_files_are_small() -> None:
    total = sum(p.stat().st_size for p in LEX.iterdir())
    assert total < 25_000_000, "the wheel must stay <= 40 MB: keep ontologies/lexicon/ compact"


def test_keys_match_the_current_normaliser() -> None:
    """If this fails, the normaliser changed: rerun scripts/build_lexicon.py."""
    manifest = json.loads((LEX / "manifest.json").read_text())
    assert manifest["normaliser_version"] == NORMALISER_VERSION
    rows = _rows(TERMS_FILE)
    for _concept, text, kind, _source, folded, strong in rows[::97]:
        assert kind in TERM_TYPES
        assert folded == fold(text), text
        assert strong.split("|") == list(keys(text)), text


def test_rows_are_sorted_and_well_formed() -> None:
    for name, width in ((CONCEPTS_FILE, 5), (TERMS_FILE, 6), (XREFS_FILE, 6)):
        rows = _rows(name)
        assert rows == sorted(rows), f"{name}: not in canonical order; rebuild"
        assert all(len(r) == width for r in rows), name


def test_every_concept_is_a_mesh_id_and_terms_point_to_concepts() -> None:
    concepts = {r[0] for r in _rows(CONCEPTS_FILE)}
    assert all(c.startswith(("mesh:D", "mesh:C")) for c in concepts)
    assert {r[0] for r in _rows(TERMS_FILE)} <= concepts
    assert {r[0] for r in _rows(XREFS_FILE)} <= concepts


def test_every_source_is_documented_with_version_and_licence() -> None:
    manifest = json.loads((LEX / "manifest.json").read_text())
    sources = (LEX / "SOURCES.md").read_text()
    rows = {
        line.split("|")[1].strip(): line for line in sources.splitlines() if line.startswith("| ")
    }
    for package, version in manifest["packages"].items():
        assert package in rows, f"{package}: add a row to ontologies/lexicon/SOURCES.md"
        assert version in rows[package], f"{package}: SOURCES.md names another version"
        assert any(lic in rows[package] for lic in ("MIT", "BSD", "CC0", "Apache")), package
