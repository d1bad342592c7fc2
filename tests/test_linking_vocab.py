"""User vocabularies: OBO (pronto), MeSH XML and N-Triples, RxNorm RRF, indexed once in SQLite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.linking import Linker
from kg.linking.sources import vocab

FIXTURES = Path(__file__).parent / "fixtures" / "linking"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    target = tmp_path / "vocab"
    shutil.copytree(FIXTURES, target)
    return target


def test_format_sniffing(files: Path) -> None:
    assert vocab.sniff(files / "mini-mondo.obo") == "obo"
    assert vocab.sniff(files / "mini-desc.xml") == "mesh-xml"
    assert vocab.sniff(files / "mini-mesh.nt") == "mesh-nt"
    assert vocab.sniff(files / "RXNCONSO.RRF") == "rxnorm-rrf"


def test_obo_terms_synonyms_and_mesh_xrefs(files: Path, tmp_path: Path) -> None:
    pytest.importorskip("pronto")
    linker = Linker.load(vocab=[files / "mini-mondo.obo"], cache_dir=tmp_path / "cache")
    links = linker.link("Zorblax disease", "condition")  # an EXACT synonym
    targets = {lk.target: lk for lk in links}
    assert "MONDO:9000001" in targets
    assert targets["MONDO:9000001"].target_iri == "http://purl.obolibrary.org/obo/MONDO_9000001"
    # the MONDO term's MeSH xref gives the MeSH link by mapping chaining
    assert targets["mesh:D003882"].match_type == "xref-chain"
    assert targets["mesh:D003882"].justification == "semapv:MappingChaining"
    # and MeSH links now carry the MONDO crosswalk
    derm = linker.link("Dermatomyositis", "condition")[0]
    assert "MONDO:9000001" in {x.target for x in derm.xrefs}
    assert linker.link("zorblaxoid thing", "condition") == []  # RELATED synonyms are not used
    assert linker.link("obsolete gloop", "condition") == []


def test_mesh_xml_descriptors_with_trees_and_entry_terms(files: Path, tmp_path: Path) -> None:
    linker = Linker.load(vocab=[files / "mini-desc.xml"], cache_dir=tmp_path)
    tumour = linker.link("Flurbish Tumours", "condition")
    assert [(lk.target, lk.semantic_group) for lk in tumour] == [("mesh:D999001", "disease")]
    drug = linker.link("WBL-0042", "condition")
    assert [(lk.target, lk.misfiled) for lk in drug] == [("mesh:D999002", True)]


def test_mesh_ntriples(files: Path, tmp_path: Path) -> None:
    linker = Linker.load(vocab=[files / "mini-mesh.nt"], cache_dir=tmp_path, bundled_lexicon=False)
    assert [lk.target for lk in linker.link("Snorgle Palsy", "condition")] == ["mesh:D999003"]
    assert linker.lexicon.concepts["mesh:D999003"].group == "disease"


def test_rxnorm_rrf(files: Path, tmp_path: Path) -> None:
    linker = Linker.load(
        vocab=[files / "RXNCONSO.RRF", files / "mini-desc.xml"],
        cache_dir=tmp_path,
        bundled_lexicon=False,
    )
    links = {lk.target: lk for lk in linker.link("Frobnicillin", "intervention")}
    assert set(links) == {"rxnorm:9990001", "mesh:D999002"}  # the MSH atom gives the MeSH link
    assert (
        links["rxnorm:9990001"].target_iri == "http://purl.bioontology.org/ontology/RXNORM/9990001"
    )
    assert [lk.target for lk in linker.link("Frobnix", "intervention")] == ["rxnorm:9990002"]
    assert linker.link("suppressed thing", "intervention") == []


def test_index_is_built_once_and_rebuilt_when_the_file_changes(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = files / "mini-mesh.nt"
    built: list[Path] = []
    real = vocab.build_index

    def counting(source: Path, target: Path, fmt: str | None = None) -> int:
        built.append(source)
        return real(source, target, fmt)

    monkeypatch.setattr(vocab, "build_index", counting)
    for _ in range(2):
        Linker.load(vocab=[path], cache_dir=tmp_path, bundled_lexicon=False)
    assert len(built) == 1
    assert len(list(vocab.iter_index_files(tmp_path))) == 1
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            "<http://id.nlm.nih.gov/mesh/D999004> "
            '<http://www.w3.org/2000/01/rdf-schema#label> "Gronk Fever"@en .\n'
        )
    linker = Linker.load(vocab=[path], cache_dir=tmp_path, bundled_lexicon=False)
    assert len(built) == 2
    assert [lk.target for lk in linker.link("gronk fever", "condition")] == ["mesh:D999004"]
