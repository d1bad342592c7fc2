"""The linker on the bundled lexicon: the seed's requirements and the matching ladder."""

from __future__ import annotations

import pytest

from kg.linking import Link, Linker


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.load()


def only(links: list[Link]) -> Link:
    assert len(links) == 1, links
    return links[0]


def test_seed_condition_dermatomyositis(linker: Linker) -> None:
    link = only(linker.link("Dermatomyositis", "condition"))
    assert (link.target, link.target_iri) == ("mesh:D003882", "http://id.nlm.nih.gov/mesh/D003882")
    assert (link.match_type, link.predicate, link.semantic_group) == (
        "exact-label",
        "skos:exactMatch",
        "disease",
    )
    assert link.justification == "semapv:LexicalMatching"
    assert not link.misfiled


def test_seed_abatacept_reported_as_condition_is_misfiled(linker: Linker) -> None:
    link = only(linker.link("Abatacept", "condition"))
    assert link.target == "mesh:D000069594"
    assert link.semantic_group == "drug"
    assert link.misfiled
    as_drug = only(linker.link("Abatacept", "intervention"))
    assert as_drug.target == "mesh:D000069594" and not as_drug.misfiled
    assert "drugbank:DB01281" in {x.target for x in as_drug.xrefs}


def test_brand_resolves_to_generic(linker: Linker) -> None:
    link = only(linker.link("Orencia", "intervention"))
    assert link.target == "mesh:D000069594"
    assert link.match_string.casefold() == "orencia"


def test_salt_dose_and_form_are_stripped(linker: Linker) -> None:
    link = only(linker.link("Metformin Hydrochloride 500 mg tablets", "intervention"))
    assert (link.target_label, link.match_type) == ("Metformin", "stripped")
    assert link.predicate == "skos:exactMatch"


def test_inverted_word_order(linker: Linker) -> None:
    forward = only(linker.link("Hepatocellular Carcinoma", "condition"))
    inverted = only(linker.link("Carcinoma, Hepatocellular", "condition"))
    assert forward.target == inverted.target
    assert inverted.match_type == "exact-label"


def test_cancer_read_as_neoplasms(linker: Linker) -> None:
    link = only(linker.link("Lung Cancer", "condition"))
    assert link.target_label == "Lung Neoplasms"


def test_combination_gives_each_part_as_close_match(linker: Linker) -> None:
    links = linker.link("Busulfan/Cyclophosphamide", "intervention")
    assert {lk.target_label for lk in links} == {"Busulfan", "Cyclophosphamide"}
    assert {lk.predicate for lk in links} == {"skos:closeMatch"}
    assert all(lk.confidence < 0.9 for lk in links)


def test_confidence_orders_the_ladder(linker: Linker) -> None:
    ladder = [
        only(linker.link(text, "condition"))
        for text in ["Lung Neoplasms", "Lungs, Neoplasms", "Recurrent Lung Neoplasms"]
    ]
    assert [lk.match_type for lk in ladder] == ["exact-label", "normalised", "stripped"]
    assert len({lk.target for lk in ladder}) == 1
    assert 1.0 >= ladder[0].confidence > ladder[1].confidence > ladder[2].confidence > 0.0


@pytest.mark.parametrize("text", ["Placebo", "placebos", "Sham", "Usual care", "", "  "])
def test_comparators_and_blanks_are_not_linked(linker: Linker, text: str) -> None:
    assert linker.link(text, "intervention") == []


def test_unknown_string_gives_nothing(linker: Linker) -> None:
    assert linker.link("Zorblax frumious bandersnatch", "condition") == []


def test_acronyms_only_link_to_a_fitting_group(linker: Linker) -> None:
    for link in linker.link("PPD", "condition"):
        assert link.semantic_group == "disease"


def test_kind_is_checked(linker: Linker) -> None:
    with pytest.raises(ValueError, match="kind"):
        linker.link("Dermatomyositis", "outcome")


def test_links_are_deterministic(linker: Linker) -> None:
    fresh = Linker(linker.lexicon)
    for text in ["Lung Cancer", "Busulfan/Cyclophosphamide", "Orencia"]:
        assert fresh.link(text, "intervention") == linker.link(text, "intervention")


def test_throughput_is_thousands_per_second(linker: Linker) -> None:
    """Not a timing assertion: counts work, checks every string was processed."""
    texts = [f"Dermatomyositis type {i}" for i in range(2000)]
    assert sum(1 for t in texts if linker.link(t, "condition")) == 2000


def test_generic_therapy_word_gives_way_to_the_drugs_in_its_brackets(linker: Linker) -> None:
    """Not Drug Therapy for "Chemotherapy (...)": the drugs the brackets name."""
    ids = {x.mesh_id for x in linker.link("Chemotherapy (cisplatin + etoposide)", "intervention")}
    assert {"D002945", "D005047"} <= ids  # Cisplatin, Etoposide
    assert "D004358" not in ids
    # without brackets the word is still what the string names
    assert "D004358" in {x.mesh_id for x in linker.link("Chemotherapy", "intervention")}
