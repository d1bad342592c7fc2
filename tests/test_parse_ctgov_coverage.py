"""Every non-empty ClinicalTrials.gov field is either mapped or deliberately ignored.

When a test here fails, a source field appeared that neither ``FIELD_MAP`` nor
``IGNORED`` of the parser module names: map it in the parser (and add it to
``FIELD_MAP``), or add it to ``IGNORED`` with the reason it is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import BinaryIO, Protocol

import pytest

from kg.parsers import ctgov_json, ctgov_xml
from kg.parsers._ctgov import classify

from .conftest import REAL

FIXTURES = Path(__file__).parent / "fixtures" / "ctgov"
CORPUS = REAL


class Audited(Protocol):
    """What the audit needs from a parser module."""

    FIELD_MAP: dict[str, str]
    IGNORED: dict[str, str]

    def present_fields(self, stream: BinaryIO, source: str) -> Iterator[set[str]]: ...


def unknown_fields(module: Audited, files: list[Path]) -> dict[str, list[str]]:
    """Source field path -> files where it is present but neither mapped nor ignored."""
    found: dict[str, list[str]] = {}
    for path in files:
        with path.open("rb") as stream:
            for fields in module.present_fields(stream, str(path)):
                for field in fields:
                    if classify(field, module.FIELD_MAP, module.IGNORED) == "unknown":
                        found.setdefault(field, []).append(path.name)
    return found


@pytest.mark.parametrize("module", [ctgov_json, ctgov_xml], ids=["json", "xml"])
def test_tables_are_disjoint_and_explained(module: ModuleType) -> None:
    assert not set(module.FIELD_MAP) & set(module.IGNORED)
    assert all(target.strip() for target in module.FIELD_MAP.values())
    assert all(len(reason) > 10 for reason in module.IGNORED.values())


def test_fixture_fields_are_all_covered() -> None:
    json_files = [FIXTURES / n for n in ("study_full.json", "page_two.json", "NCT04946669.json")]
    assert unknown_fields(ctgov_json, json_files) == {}
    assert unknown_fields(ctgov_xml, [FIXTURES / "study_full.xml"]) == {}


def test_an_unknown_field_is_reported() -> None:
    probe = FIXTURES / "partial.json"
    assert unknown_fields(ctgov_json, [probe]) == {}
    bare = dict(ctgov_json.FIELD_MAP)
    del bare["protocolSection.identificationModule.briefTitle"]

    class Narrow:
        FIELD_MAP = bare
        IGNORED = ctgov_json.IGNORED
        present_fields = staticmethod(ctgov_json.present_fields)

    assert unknown_fields(Narrow(), [probe]) == {
        "protocolSection.identificationModule.briefTitle": ["partial.json"]
    }


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("module", "folder", "pattern"),
    [(ctgov_json, "ctgov-v2-json", "*.json"), (ctgov_xml, "ctgov-xml", "*.xml")],
    ids=["json", "xml"],
)
def test_corpus_fields_are_all_covered(module: ModuleType, folder: str, pattern: str) -> None:
    directory = CORPUS / folder
    if not directory.is_dir():
        pytest.skip(f"corpus folder {directory} is absent (shared/corpus not laid beside the repo)")
    files = sorted(directory.glob(pattern))
    assert files
    unknown = unknown_fields(module, files)
    assert unknown == {}, (
        f"{len(unknown)} field(s) present in the corpus are neither in "
        f"{module.__name__}.FIELD_MAP nor IGNORED: {sorted(unknown)}"
    )
