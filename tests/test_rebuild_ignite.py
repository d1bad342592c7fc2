"""The records of heldout13 to heldout19 and heldout-sex4 to heldout-sex10 are
what scripts/rebuild_ignite.py makes of the saved ignite-sd.com pages, and scripts/draw_ignite.py
draws those sets from them, each draw from its own answers file (issue 12)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT

GOLD = ROOT / "tests" / "data" / "criteria-gold"


def _script(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


rebuild = _script("rebuild_ignite")


@pytest.mark.parametrize(
    ("flat", "restored"),
    [
        (  # headings on lines of their own, a blank line after; "* " items
            "Inclusion Criteria: * a * b Exclusion Criteria: * c",
            "Inclusion Criteria:\n\n* a\n* b\n\nExclusion Criteria:\n\n* c",
        ),
        (  # any case, "Key " kept; a heading after text gets a blank line before it
            "Key inclusion criteria: 1. x 2. y KEY EXCLUSION CRITERIA: 1) z",
            "Key inclusion criteria:\n\n1. x\n2. y\n\nKEY EXCLUSION CRITERIA:\n\n1) z",
        ),
        (  # a number starts a line only when it is 1 or follows the last of its style
            "1. a 3.5 kg 2. b 4. c 3. d 3) e 1) f 2) g",
            "1. a 3.5 kg\n2. b 4. c\n3. d 3) e\n1) f\n2) g",
        ),
        (  # a marker before a heading stays on its line; "\-" items; escapes unchanged
            "* INCLUSION CRITERIA: * Age \\>35 \\- note -INCLUSION",
            "* INCLUSION CRITERIA:\n\n* Age \\>35\n\\- note -INCLUSION",
        ),
        (  # no markers: nothing but the headings' lines changes
            "Inclusion Criteria: Age 18 or older. Exclusion Criteria: None",
            "Inclusion Criteria:\n\nAge 18 or older.\n\nExclusion Criteria:\n\nNone",
        ),
        ("1\\. escaped number * star", "1\\. escaped number\n* star"),
    ],
)
def test_restore_newlines(flat: str, restored: str) -> None:
    assert rebuild.restore_newlines(flat) == restored


def test_a_saved_page_becomes_a_v2_study(tmp_path: Path) -> None:
    page = tmp_path / "NCT00000001.txt"
    page.write_text(
        "https://ignite-sd.com/clinical/show/eligibilitymodule/1\n"
        "NCT ID: NCT00000001\n"
        "Eligibility Criteria: Inclusion Criteria: * Women \\>= 18 Exclusion Criteria: * None\n"
        "Healthy Volunteers: False\nSex: FEMALE\nMinimum Age: 18 Years\n"
        "Study: NCT00000001\nStudy Brief:\nProtocol Section: NCT00000001\n",
        "utf-8",
    )
    assert rebuild.record(page) == {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT00000001", "briefTitle": rebuild.TITLE},
            "eligibilityModule": {
                "eligibilityCriteria": (
                    "Inclusion Criteria:\n\n* Women \\>= 18\n\nExclusion Criteria:\n\n* None"
                ),
                "healthyVolunteers": False,
                "sex": "FEMALE",
                "minimumAge": "18 Years",
            },
        }
    }


def test_the_records_are_what_the_sources_give() -> None:
    """Each set's folder holds exactly its trials' records, byte for byte as rebuilt."""
    for name, ids in rebuild.SETS.items():
        folder = GOLD / "records" / name / "ctgov-v2-json"
        assert sorted(p.stem for p in folder.iterdir()) == sorted(ids), name
        for nct in ids:
            text = (folder / f"{nct}.json").read_text("utf-8")
            assert text == rebuild.render(rebuild.SOURCES / f"{nct}.txt"), nct
    every = [nct for ids in rebuild.SETS.values() for nct in ids]
    assert len(every) == len(set(every))  # no trial in two sets


draw = _script("draw_ignite")


@pytest.mark.parametrize(
    "spec",
    [draw.FIRST, draw.SECOND, draw.THIRD, draw.FOURTH, draw.FIFTH, draw.SIXTH, draw.SEVENTH],
    ids=["first", "second", "third", "fourth", "fifth", "sixth", "seventh"],
)
def test_the_draw_gives_the_sets_and_the_sex_criteria(spec: object) -> None:
    """scripts/draw_ignite.py on a draw's answers file (sources/ignite/draw.tsv to draw7.tsv)
    and the saved pages draws its two sets in draw order, and the sex set's
    gold lines are its drawn criteria (splitter rows)."""
    sex_set, general, drawn = draw.draw(draw.answers(spec), spec)
    assert (tuple(sex_set), tuple(general)) == (
        rebuild.SETS[spec.sex_set],
        rebuild.SETS[spec.general_set],
    )
    keys = ("trial_id", "kind", "ordinal", "text")
    path = GOLD / f"{spec.sex_set}.jsonl"
    gold = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert sorted(tuple(r[k] for k in keys) for r in gold) == sorted(
        tuple(r[k] for k in keys) for r in drawn
    )


def test_the_sixth_draw_fell_back_to_all_trials_person_words() -> None:
    """The sixth draw kept fewer than 8 single-sex pages with a pool criterion, so its sex set
    (heldout-sex9) is the fallback: Sex: ALL pages only, in draw order, their criteria with a
    sex or person word (at most 3 a trial), until 40 criteria or the pages run out."""
    rows = draw.answers(draw.SIXTH)
    sex = {r["nct"]: r["sex"] for r in rows if r["decision"] == "kept"}
    one_sex = [nct for nct, value in sex.items() if value in draw.ONE_SEX]
    assert 0 < len(one_sex) < draw.SIXTH.fallback_below
    sex_set, _, drawn = draw.draw(rows, draw.SIXTH)
    assert {sex[nct] for nct in sex_set} == {"ALL"}
    assert all(draw.PERSON_WORD.search(str(r["text"])) for r in drawn)
    assert len(drawn) < draw.SIXTH.fallback_criteria  # every ALL page read, too few criteria


def test_the_seventh_draw_takes_every_other_page_unseen_pool_criteria() -> None:
    """The seventh draw (its amendment) draws heldout19 first, from every kept page; its sex set
    (heldout-sex10) is then every other kept page in draw order, single-sex or not, that has a
    criterion with a sex, person or reproductive word whose text no earlier gold file holds, at
    most 3 of them a trial; every page is read."""
    rows = draw.answers(draw.SEVENTH)
    sex = {r["nct"]: r["sex"] for r in rows if r["decision"] == "kept"}
    sex_set, general, drawn = draw.draw(rows, draw.SEVENTH)
    assert not set(sex_set) & set(general)
    assert {sex[nct] for nct in sex_set} > {"ALL"}  # a single-sex page too
    seen = draw.gold_texts(draw.SEVENTH)
    assert all(draw.ANY_WORD.search(str(r["text"])) for r in drawn)
    assert not [r for r in drawn if draw._norm(str(r["text"])) in seen]
    per_trial = [sum(r["trial_id"] == nct for r in drawn) for nct in sex_set]
    assert per_trial and max(per_trial) <= draw.SEVENTH.per_trial
    order = [r["nct"] for r in draw.round_robin(rows)]
    split = draw.splitter(order)
    rest = [nct for nct in order if nct not in general and draw.enough(split[nct])]
    has_pool = [
        nct
        for nct in rest
        if draw.pool_rows([r for r in split[nct] if draw._norm(str(r["text"])) not in seen], 3)
    ]
    assert sex_set == has_pool  # every other page read, in draw order
