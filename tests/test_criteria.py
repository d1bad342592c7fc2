"""Eligibility criteria as typed constraints (kg.criteria), the CLI and the gold evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.criteria import extract
from kg.criteria.evaluate import evaluate
from kg.linking import Linker

from .conftest import ROOT

GOLD = ROOT / "tests" / "data" / "criteria-gold"
# the source records of heldout*.jsonl, contacts redacted (scripts/cut_test_data.py, SOURCES.md)
RECORDS = GOLD / "records"


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.load()


def _rows(args: list[str]) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["criteria", *args, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_seed_checks(seed: Path) -> None:
    rows = _rows([str(seed)])
    by_key = {(r["kind"], r["ordinal"]): r for r in rows}
    inc1 = by_key[("inclusion", 1)]["constraints"]
    assert isinstance(inc1, list)
    ages = [(c["op"], c["value"], c["unit"]) for c in inc1 if c["type"] == "age"]
    assert ages == [(">=", 18, "a")]
    dermato = [c for c in inc1 if c["type"] == "condition" and c["text"] == "Dermatomyositis"]
    assert dermato and dermato[0]["concept"] == "mesh:D003882"
    exc3 = by_key[("exclusion", 3)]["constraints"]
    assert isinstance(exc3, list)
    aminotransferase = [
        c
        for c in exc3
        if c["type"] == "threshold" and c["quantity"] in ("ALT", "AST", "aminotransferase")
    ]
    assert {(c["op"], c["value"], c["unit"]) for c in aminotransferase} == {(">", 2, "×ULN")}


def test_spans_are_exact(seed: Path) -> None:
    for row in _rows([str(seed)]):
        text = row["text"]
        assert isinstance(text, str) and isinstance(row["constraints"], list)
        for c in row["constraints"]:
            assert text[c["start"] : c["end"]] == c["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aged 18-75 years", [("age", "between", 18, 75, "a")]),
        ("Age < 18 years", [("age", "<", 18, None, "a")]),  # exclusion polarity kept as written
        ("eGFR < 30 mL/min/1.73 m2", [("threshold", "<", 30, None, "mL/min/{1.73_m2}")]),
        ("ALT ≤ 2.5 × ULN", [("threshold", "<=", 2.5, None, "×ULN")]),
        ("Platelets >= 100 x 10^9/L", [("threshold", ">=", 100, None, "10*9/L")]),
        ("HbA1c between 7% and 10%", [("threshold", "between", 7, 10, "%")]),
        (
            "Chemotherapy within 4 weeks before randomisation",
            [("temporal", None, 4, None, "wk")],
        ),
    ],
)
def test_numeric_constraints(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.type.value, c.op.value if c.op else None, c.value, c.value2, c.unit)
        for c in extract(text)
        if c.type.value in ("age", "threshold", "temporal")
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NYHA class III-IV heart failure", [("NYHA", "between", 3, 4, None)]),
        ("ECOG performance status of 0 or 1", [("ECOG", "<=", 1, None, None)]),
        (
            "bilirubin or γGT > ULN",
            [("bilirubin", ">", 1, None, "×ULN"), ("GGT", ">", 1, None, "×ULN")],
        ),
        ("Neutrophils < 1.5 ×10^9/l", [("ANC", "<", 1.5, None, "10*9/L")]),
        ("FEV1 < 50% predicted", [("FEV1", "<", 50, None, "%")]),
        ("PaO2 < 8 kPa", [("PaO2", "<", 8, None, "kPa")]),
        ("Child-Pugh score >= 7", [("Child-Pugh", ">=", 7, None, None)]),
        ("serum testosterone < 50 ng/dL", [("testosterone", "<", 50, None, "ng/dL")]),
    ],
)
def test_threshold_quantities_and_scales(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.quantity, c.op.value if c.op else None, c.value, c.value2, c.unit)
        for c in extract(text)
        if c.type.value == "threshold"
    ]
    assert found == expected


def test_disorder_named_threshold_keeps_its_condition_mention() -> None:
    found = {(c.type.value, c.text) for c in extract("Severe hypokalaemia (< 2.5 mmol/L)")}
    assert ("condition", "hypokalaemia") in found
    assert ("threshold", "hypokalaemia (< 2.5 mmol/L") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("any investigational drug in the prior 30 days", ("within", 30, "d")),
        ("steroids during the 6 months prior to screening", ("within", 6, "mo")),
        ("on a stable dose for 3 months", ("at least", 3, "mo")),
        ("surgery ≥ 4 weeks before enrolment", ("at least", 4, "wk")),
        ("for at least 2 years", ("at least", 2, "a")),
    ],
)
def test_durations_without_cue_words(text: str, expected: tuple[object, ...]) -> None:
    (c,) = [c for c in extract(text) if c.relation]
    assert (c.relation.value, c.value, c.unit) == expected


def test_temporal_anchor_and_relation() -> None:
    (c,) = [c for c in extract("Chemotherapy within 4 weeks before randomisation") if c.relation]
    assert (c.relation.value, c.anchor and c.anchor.value) == ("within", "randomisation")
    (d,) = [c for c in extract("at least 6 months since diagnosis") if c.relation]
    assert (d.relation.value, d.anchor and d.anchor.value) == ("at least", "diagnosis")


@pytest.mark.parametrize(
    ("text", "mention", "negated"),
    [
        ("No history of prior anti-TNF therapy", "anti-TNF therapy", True),
        ("Patients without diabetes", "diabetes", True),
        ("Free of active tuberculosis", "tuberculosis", True),
        ("Active tuberculosis", "tuberculosis", False),
        ("including but not limited to rheumatoid arthritis", "rheumatoid arthritis", False),
    ],
)
def test_mentions_and_negation(linker: Linker, text: str, mention: str, negated: bool) -> None:
    found = [c for c in extract(text, linker.link) if mention in c.text]
    assert found and all(c.negated is negated for c in found)


def test_sex_only_when_restricted() -> None:
    assert [c.value for c in extract("Postmenopausal women") if c.type.value == "sex"] == ["female"]
    assert not [c for c in extract("Men and women aged 18-65") if c.type.value == "sex"]
    assert not [c for c in extract("Pregnant or lactating women") if c.type.value == "sex"]


# Round 7: the families of the heldout6 misses, each on a corpus criterion outside the gold sets
# (../shared/corpus; the trial in the comment) or a made-up one where the corpus has none.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 20 and 60 years.", [("age", "between", 20, 60, "a")]),  # made up
        ("Aged 16+", [("age", ">=", 16, None, "a")]),  # made up
        ("<= 8 days since illness onset", [("temporal", "within", 8, "d", "unspecified")]),
        # ChiCTR2000029839
        (
            "Hospitalised with a new onset respiratory illness (=7 days since illness onset)",
            [("temporal", "within", 7, "d", "unspecified")],
        ),  # NCT04261907: a lost "≤"
        (
            "participated in other clinical trials within 4 weeks before the start of this study",
            [("temporal", "within", 4, "wk", "study start")],
        ),  # ChiCTR2000031023
        (
            "Heart surgery anticipated w/in 3 months after proposed transplantation",
            [("temporal", "within", 3, "mo", "unspecified")],
        ),  # NCT01220531
        ("Willing to take contraception during the study and within 7 days after treatment", []),
        # ChiCTR2000029600: a contraception period
        ("Patient cough score > 1", [("threshold", ">", 1, None, "cough")]),  # ChiCTR2000029991
        (
            "require oxygen (Ordinal Scale for Clinical Improvement score >3)",
            [("threshold", ">", 3, None, "clinical improvement")],
        ),  # NCT04312997
        ("Axillary temperature >37.3?", [("threshold", ">", 37.3, "Cel", "temperature")]),
        # NCT04287686: "°C" lost to "?"
        ("fever >37.8oC", [("threshold", ">", 37.8, "Cel", "temperature")]),  # NCT04326387
        (
            "CD4 cell count below 350 cells per microliter",
            [("threshold", "<", 350, "/uL", "CD4")],
        ),  # ChiCTR2000030481
        ("leukocytes above 12.000 per microliter", [("threshold", ">", 12000, "/uL", "WBC")]),
        # made up: a European thousands point
        (
            "requiring oxygen therapy < 6 L/min (or FiO2< 0.50)",
            [("threshold", "<", 6, "L/min", "oxygen flow"), ("threshold", "<", 0.5, None, "FiO2")],
        ),  # NCT04320056
        ("SpO2/FiO2 <90", []),  # NCT04325906: a ratio, not FiO2
        ("Below 21 years", [("age", "<", 21, None, "a")]),  # NCT04305574: the whole criterion
        ("Male or Female, aged 0 - 24 years inclusive.", [("age", "between", 0, 24, "a")]),
        # NCT04061382
        ("Patient is aged =18 to 75 years, inclusive.", [("age", "between", 18, 75, "a")]),
        # NCT00630864
        ("Age less than (<) 40 years during study period.", [("age", "<", 40, None, "a")]),
        # NCT02958956
        (
            "The participant is younger than 18 years or older than 85 years of age",
            [("age", "<", 18, None, "a"), ("age", ">", 85, None, "a")],
        ),  # NCT01705626: "18 years or older than 85" is no "18 or older"
        (
            "Time between onset of symptoms and enrollment is 72 hours or less",
            [("temporal", "within", 72, "h", "unspecified")],
        ),  # NCT04333654
        (
            "Death is deemed to be imminent and inevitable within the next 24 hours",
            [("temporal", "within", 24, "h", "unspecified")],
        ),  # ACTRN12620000445976: a future window
        (
            "Be on stable treatment with biological agents, for a minimum period of 6 months",
            [("temporal", "at least", 6, "mo", "unspecified")],
        ),  # NCT04330495
    ],
)
def test_round7_families(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.type.value, c.op.value if c.op else c.relation and c.relation.value, c.value)
        + ((c.value2, c.unit) if c.type.value == "age" else ())
        + ((c.unit, c.anchor and c.anchor.value) if c.type.value == "temporal" else ())
        + ((c.unit, c.quantity) if c.type.value == "threshold" else ())
        for c in extract(text)
        if c.type.value in ("age", "threshold", "temporal")
    ]
    assert found == expected


def test_sex_of_a_subject_next_to_birth_control_words() -> None:
    """ChiCTR2000030894: the subject is male although contraception follows; a pregnancy word
    or "If" still makes a subgroup or a condition (ChiCTR2000029935, JPRN-jRCTs041190120)."""
    male = "Male patients agree to effective contraception within 7 days of last oral medication."
    assert [
        (c.type.value, c.value) for c in extract(male) if c.type.value in ("sex", "temporal")
    ] == [("sex", "male")]
    assert not [c for c in extract("Female patients during pregnancy") if c.type.value == "sex"]
    assert not [
        c for c in extract("If male, not agreeable to using condoms") if c.type.value == "sex"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "If sexually active female, not on an accepted method of birth control.",  # NCT02586688
        "For men: agreement to remain abstinent",  # NCT03424005
        "The neonates with COVID-19,or neonates born by infected mothers",  # NCT04279899
        "Patients admitted to ICU at the Royal Brisbane & Women's Hospital",  # ACTRN12620000447954
    ],
)
def test_no_sex_for_conditions_relatives_and_possessives(text: str) -> None:
    assert not [c for c in extract(text) if c.type.value == "sex"]


def test_sex_in_a_score_tally_restricts_nobody_but_its_age_is_kept() -> None:
    """Round 10: "female sex" as one point of a risk tally (NCT04349592) is no sex constraint;
    the gold keeps the tally's "age>67" as an age constraint."""
    text = (
        "Tisdale36 score exceeding 6 as tallied below (based on ACC recommendations)* - 1 point"
        " each: age>67, female sex, or being on loop diuretic - 2 points each: serum potassium"
        " <3.6, QTc>449, acute myocardial infarction"
    )
    found = extract(text, kind="exclusion")
    assert not [c for c in found if c.type.value == "sex"]
    assert [c.text for c in found if c.type.value == "age"] == ["age>67"]
    assert [c.value for c in extract("Female sex") if c.type.value == "sex"] == ["female"]


def test_evaluate_scores_a_perfect_and_an_empty_prediction() -> None:
    gold = [json.loads(line) for line in (GOLD / "gold.jsonl").open(encoding="utf-8")]
    perfect = evaluate(gold, gold)
    assert perfect["criteria"]["f1"] == 1.0
    assert all(s["precision"] == 1.0 for s in perfect["constraints"].values())
    empty = evaluate(gold, [{**r, "constraints": []} for r in gold])
    assert empty["constraints"]["age"]["recall"] == 0.0


def test_gold_file_is_well_formed() -> None:
    """Spans point at their text; the gold covers >= 10 trials of several registers."""
    gold = [json.loads(line) for line in (GOLD / "gold.jsonl").open(encoding="utf-8")]
    trials = {r["trial_id"] for r in gold}
    assert len(trials) >= 10
    assert len({t[:3] for t in trials}) >= 5
    for row in gold:
        for c in row["constraints"]:
            assert row["text"][c["start"] : c["end"]] == c["text"], (row["trial_id"], c)


# drawn by scripts/draw_sex_gold.py (at most 2 criteria a trial) and scripts/draw_ignite.py
# (heldout-sex4 to heldout-sex10: at most 3), the splitter's ordinals: file -> criteria a trial
# at most
_SEX_DRAWN = {
    "heldout-sex.jsonl": 2,
    "heldout-sex2.jsonl": 2,
    "heldout-sex3.jsonl": 2,
    "heldout-sex4.jsonl": 3,
    "heldout-sex5.jsonl": 3,
    "heldout-sex6.jsonl": 3,
    "heldout-sex7.jsonl": 3,
    "heldout-sex8.jsonl": 3,
    "heldout-sex9.jsonl": 3,
    "heldout-sex10.jsonl": 3,
}


def test_every_gold_file_has_exact_spans_and_ordinals() -> None:
    """Each gold file (gold.jsonl and every held-out set): spans point at their text, and the
    ordinals run 1..n per trial and kind. heldout-sex to heldout-sex10 are not checked for the
    ordinal run: they hold at most 2 (heldout-sex4 to heldout-sex10: 3) drawn criteria per trial,
    each with the splitter's own ordinal (so 3, 13)."""
    for path in sorted(GOLD.glob("*.jsonl")):
        ordinals: dict[tuple[str, str], list[int]] = {}
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            for c in row["constraints"]:
                assert row["text"][c["start"] : c["end"]] == c["text"], (path.name, c)
            ordinals.setdefault((row["trial_id"], row["kind"]), []).append(row["ordinal"])
        for key, found in ordinals.items():
            if path.name in _SEX_DRAWN:
                assert len(found) == len(set(found)) <= _SEX_DRAWN[path.name], (path.name, key)
                continue
            assert found == list(range(1, len(found) + 1)), (path.name, key)


# heldout11: ChiCTR2000030163's two texts say "Observational study, no inclusion/exclusion
# criteria" ("None" by the gold README's rules, heldout9), so it has no gold line
_DRAWN_WITHOUT_GOLD = {"heldout11": {"ChiCTR2000030163"}}
# heldout12: the CT.gov XML, CT.gov v2 JSON and ICTRP XML pools have no unseen trial left, so all
# its trials are ICTRP CSV rows of 4 registers (JPRN, CT.gov, EUCTR, ChiCTR); heldout13: every
# corpus pool used up, drawn from stored ignite-sd.com pages of ClinicalTrials.gov records
# (scripts/draw_ignite.py), rebuilt as CT.gov v2 JSON, and heldout14 to heldout19 the same way
# (its second to seventh draws): (registers, folders)
_EXHAUSTED_POOLS = {
    "heldout12": (4, 1),
    "heldout13": (1, 1),
    "heldout14": (1, 1),
    "heldout15": (1, 1),
    "heldout16": (1, 1),
    "heldout17": (1, 1),
    "heldout18": (1, 1),
    "heldout19": (1, 1),
}


@pytest.mark.parametrize(
    "name",
    [
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
        "heldout11",
        "heldout12",
        "heldout13",
        "heldout14",
        "heldout15",
        "heldout16",
        "heldout17",
        "heldout18",
        "heldout19",
    ],
)
def test_drawn_held_out_gold_is_the_sample(name: str) -> None:
    """heldout6 to heldout19 (drawn at random by scripts/draw_criteria_gold.py; heldout13 to
    heldout19 by scripts/draw_ignite.py from a new source): >= 10
    trials of >= 5 registers, >= 150 criteria, its records (and only those) in records/<name>,
    laid out as the corpus. Only the trial IDs of the extractor's output are read. A drawn
    trial whose texts are all "None" by the labelling rules has no gold line
    (_DRAWN_WITHOUT_GOLD); a set drawn after pools ran out has fewer registers and folders
    (_EXHAUSTED_POOLS)."""
    gold = [json.loads(line) for line in (GOLD / f"{name}.jsonl").open(encoding="utf-8")]
    trials = {r["trial_id"] for r in gold}
    assert len(trials) >= 10 and len(gold) >= 150
    registers, formats = _EXHAUSTED_POOLS.get(name, (5, 3))
    assert len({t[:3] for t in trials}) >= registers
    found = {r["trial_id"] for r in _rows([str(RECORDS / name), "--no-link"])}
    assert trials <= found <= trials | _DRAWN_WITHOUT_GOLD.get(name, set())
    folders = {p.name for p in (RECORDS / name).iterdir()}
    assert folders <= {"ctgov-v2-json", "ctgov-xml", "ictrp-csv", "ictrp-xml"}
    assert len(folders) >= formats


@pytest.mark.parametrize("name", [n.removesuffix(".jsonl") for n in _SEX_DRAWN])
def test_drawn_held_out_sex_set_is_its_records(name: str) -> None:
    """A sex set's records (records/<name>, laid out as the corpus) hold its trials and only
    those, and every gold line is a splitter text of its trial and kind (as --evaluate matches
    criteria; the ordinals may have moved since the draw: heldout-sex's EUCTR2015-002340-14-NL;
    the extractor's constraints are not read). Sex is the only type labelled."""
    gold = [json.loads(line) for line in (GOLD / f"{name}.jsonl").open(encoding="utf-8")]
    rows = _rows([str(RECORDS / name), "--no-link"])
    assert {r["trial_id"] for r in gold} == {r["trial_id"] for r in rows}
    split = {(r["trial_id"], r["kind"], r["text"]) for r in rows}
    for row in gold:
        assert (row["trial_id"], row["kind"], row["text"]) in split, row
        assert {c["type"] for c in row["constraints"]} <= {"sex"}, row
    folders = {p.name for p in (RECORDS / name).iterdir()}
    assert folders <= {"ctgov-v2-json", "ctgov-xml", "ictrp-csv", "ictrp-xml"}


_ISSUE_BARS = {  # type: (precision, recall) from issue 12's "Done when"
    "age": (0.90, 0.90),
    "sex": (0.90, 0.90),
    "threshold": (0.85, 0.70),
    "temporal": (0.85, 0.70),
    "condition": (0.70, 0.60),
    "treatment": (0.70, 0.60),
}
_XML, _V2 = RECORDS / "ctgov-xml", RECORDS / "ctgov-v2-json"
_ICTRP = [RECORDS / "ictrp-xml", RECORDS / "ictrp-csv"]

# Each held-out set was labelled before the rules it scored were written and scored once (the
# gold README says how); the bars it met at that score are pinned, and a bar it missed is pinned
# only where later rounds (developed on it, so "seen") met it. `missed` lists what is not pinned
# as (type, "precision" | "recall"), with the score at its one blind run.
HELD_OUT = {
    # sex: 1 false reading, 0 gold at its score; none predicted since (pinned in round 11)
    "heldout": ([_V2 / "NCT00763412.json", *_ICTRP], {}),
    # treatment 0.42/0.47 at its score; met after round 3 (developed on it)
    "heldout2": ([_XML / "NCT00513591.xml", _XML / "NCT02567188.xml", _V2 / "NCT03475563.json",
                  *_ICTRP], {}),
    # temporal precision 0.80 at its score; 1.00 after round 4 (seen)
    # (no sex in gold nor output; pinned in round 11 so that none appears)
    "heldout3": ([_XML / "NCT02970669.xml", _V2 / "NCT02552212.json", *_ICTRP], {}),
    # age 0.60/0.60 and threshold recall 0.56 at its score; met after round 5 (seen)
    "heldout4": ([_XML / "NCT03521479.xml", *_ICTRP], {}),
    # threshold 0.842/0.333 and treatment precision 0.65 at its score
    # met since (threshold 1.00/1.00, treatment 0.90/0.90 in round 11; pinned then)
    "heldout5": ([_XML / "NCT01174550.xml", _V2 / "NCT02210780.json", *_ICTRP], {}),
    # drawn at random (scripts/draw_criteria_gold.py), scored once after round 6: age recall
    # 0.867, sex 0/1 (one gold constraint), threshold recall 0.583, temporal recall 0.571;
    # met after round 7 (developed on it, so seen)
    "heldout6": ([RECORDS / "heldout6"], {}),
    # drawn at random, labelled by a non-rule-writer, scored once after round 7 (18:58 UTC
    # 2026-12-02): threshold recall 0.489 (23 of 47), sex precision 0.50 (1 of 2 predicted);
    # developed on in round 8 (seen): threshold 1.00/0.915, sex 1.00/1.00
    "heldout7": ([RECORDS / "heldout7"], {}),
    # drawn and scored the same way: threshold 0.833/0.536; developed on in round 8 (seen):
    # threshold 1.00/1.00
    "heldout8": ([RECORDS / "heldout8"], {}),
    # drawn and labelled the same way, scored once after round 8 (08:47 UTC 2026-12-03):
    # splitting F1 0.845 (NCT05023889's garbled numbering, NCT02028676's headed sub-lists), age
    # recall 0.455 (NCT02028676's age strata), threshold 0.829/0.630; developed on in round 9
    # (seen): splitting F1 0.923, age 1.00/0.913, threshold 0.957/0.863
    "heldout9": ([RECORDS / "heldout9"], {}),
    # drawn and labelled the same way, scored once after round 9 (09:23 UTC 2026-12-03):
    # every bar met except sex precision 0.50 (1 gold, 2 predicted: "female sex" as a point of a
    # risk score); developed on in round 10 (seen): sex 1.00/1.00
    "heldout10": ([RECORDS / "heldout10"], {}),
    # drawn and labelled the same way, scored twice blind (13:58 UTC 2026-12-03 with the round-10
    # rules, 14:43 UTC with round 11's): every bar met except threshold recall 0.635 (33 of 52;
    # P 0.868; with quantity 0.605/0.442); developed on in round 12 (seen): threshold 1.00/0.923
    "heldout11": ([RECORDS / "heldout11"], {}),
    # drawn from a new source (ClinicalTrials.gov pages rebuilt as v2 JSON), labelled the same
    # way, scored once blind after round 13 (16:45 UTC 2026-12-03): splitting 0.894 (headings the
    # rebuild ran into items), age 0.933/0.875, threshold 0.938/0.517, treatment 0.760/0.679;
    # developed on in round 14 (seen): every bar met (splitting 0.993, threshold 1.00/1.00)
    "heldout13": ([RECORDS / "heldout13"], {}),
    # drawn the same way (a second draw), scored twice blind (16:50 UTC 2026-12-03 with the
    # round-13 rules, 17:12 UTC with round 14's): age recall 0.818, threshold 0.769/0.357,
    # temporal recall 0.636; developed on in round 15 (seen): every bar met (age 1.00/0.909,
    # threshold 1.00/1.00, temporal 1.00/0.909)
    "heldout14": ([RECORDS / "heldout14"], {}),
    # drawn the same way (a third draw), scored twice blind (17:13 and 17:44 UTC 2026-12-03 with
    # the round-14 and round-15 rules): threshold 0.952/0.667 (round 15), temporal 0.786/0.786,
    # age recall 0.933; developed on in round 16 (seen): every bar met (threshold 1.00/1.00,
    # temporal 1.00/1.00, age 1.00/1.00)
    "heldout15": ([RECORDS / "heldout15"], {}),
    # drawn the same way (a fourth draw), scored twice blind (19:00 and 19:07 UTC 2026-12-03 with
    # the round-15 and round-16 rules, the same both times): threshold 0.929/0.565, treatment
    # 0.884/0.559; developed on in round 17 (seen): every bar met (threshold 1.00/1.00,
    # treatment 0.985/0.971)
    "heldout16": ([RECORDS / "heldout16"], {}),
    # drawn the same way (a fifth draw), scored twice blind (19:12 and 20:00 UTC 2026-12-03 with
    # the round-16 and round-17 rules): threshold 1.00/0.364 both times, temporal 0.920/0.852,
    # age recall 0.941; developed on in round 18 (seen): every bar met (threshold 1.00/1.00,
    # temporal 1.00/0.964, age 1.00/1.00, splitting 0.981)
    "heldout17": ([RECORDS / "heldout17"], {}),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_gold_keeps_the_bars_it_met(name: str) -> None:
    inputs, missed = HELD_OUT[name]
    result = CliRunner().invoke(
        main, ["criteria", "--evaluate", str(GOLD / f"{name}.jsonl"), *map(str, inputs), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.splitlines()[-1])
    if "split" not in missed:
        assert report["criteria"]["f1"] >= 0.90
    assert report["negation"]["accuracy"] >= 0.85
    for kind, (precision, recall) in _ISSUE_BARS.items():
        score = report["constraints"][kind]
        skip = missed.get(kind, ())
        if "precision" not in skip:
            assert score["precision"] >= precision, (kind, score)
        if "recall" not in skip:
            assert score["recall"] >= recall, (kind, score)


# heldout-sex (100 criteria with sex or reproductive words, only sex labelled), scored once
# after round 10: recall 1.0, one false reading of 99 criteria without a sex restriction;
# heldout-sex2 (80 criteria), scored twice blind (rounds 10 and 11): P 1.00, R 0.75 (3 of 4),
# no false reading; developed on in round 12 (seen): 4 of 4; heldout-sex3 (113 criteria), scored
# once blind (round 12): R 0.00 (0 of 1), no false reading; developed on in round 13 (seen): 1
# of 1; heldout-sex4 (77 criteria, 45 trials of a new source), scored once blind (round 13):
# P 0.952, R 0.870 (20 of 23), one false reading; developed on in round 14 (seen): 23 of 23, no
# false reading; heldout-sex5 (76 criteria, 40 trials of a second draw), scored twice blind
# (rounds 13 and 14): P 0.824, R 0.933 (14 of 15), three false readings; developed on in round
# 15 (seen): 15 of 15, no false reading; heldout-sex6 (49 criteria, 28 trials of a third draw),
# scored twice blind (rounds 14 and 15): P 0.562, R 1.00 (9 of 9), seven false readings;
# developed on in round 16 (seen): 9 of 9, no false reading; heldout-sex's one false reading
# (kept since round 10) is gone in round 16 (a reproductive relative clause); heldout-sex7 (51
# criteria, 28 trials of a fourth draw), scored twice blind (rounds 15 and 16): P 0.913 -> 0.955,
# R 0.955 (21 of 22); developed on in round 17 (seen): 22 of 22, no false reading; heldout-sex8
# (48 criteria, 28 trials of a fifth draw), scored twice blind (rounds 16 and 17): P 0.667 ->
# 0.706, R 1.00 (12 of 12); developed on in round 18 (seen): 12 of 12, no false reading. Pinned:
# recall 1.0 and at most the false readings each had since (the gold README, "heldout-sex,
# scored once", "Round 12" to "Round 18").
_SEX_SETS = {
    "heldout-sex": 0, "heldout-sex2": 0, "heldout-sex3": 0, "heldout-sex4": 0, "heldout-sex5": 0,
    "heldout-sex6": 0, "heldout-sex7": 0, "heldout-sex8": 0,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(_SEX_SETS))
def test_heldout_sex_sets_keep_their_score(name: str) -> None:
    result = CliRunner().invoke(
        main,
        ["criteria", "--evaluate", str(GOLD / f"{name}.jsonl"), str(RECORDS / name), "--json"],
    )
    assert result.exit_code == 0, result.output
    sex = json.loads(result.stdout.splitlines()[-1])["constraints"]["sex"]
    assert sex["gold"] >= 1 and sex["recall"] == 1.0
    assert sex["predicted"] - sex["correct"] <= _SEX_SETS[name], sex


# gold.jsonl is the union of these sets, in this order (the gold README's table)
_UNION = [
    "dev",
    "heldout",
    *(f"heldout{i}" for i in range(2, 12)),
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
]


def test_gold_file_is_the_union_of_the_scored_sets() -> None:
    union = "".join((GOLD / f"{name}.jsonl").read_text("utf-8") for name in _UNION)
    assert (GOLD / "gold.jsonl").read_text("utf-8") == union


def test_no_criteria_structure_flag(seed: Path) -> None:
    with_structure = CliRunner().invoke(main, ["convert", str(seed), "-o", "-"])
    without = CliRunner().invoke(main, ["convert", str(seed), "-o", "-", "--no-criteria-structure"])
    assert "/constraint/1>" in with_structure.stdout
    assert "/constraint/" not in without.stdout
    assert "criterion/inclusion/1>" in without.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # TCTR20200321001 (heldout7): "≥" / "≤" garbled by a wrong encoding
            "qSOFA >=1 (respiratory rate â?¥ 22, systolic blood pressure â?¤ 100 mmHg, or altered",
            [("qSOFA", ">=", 1, None, None), ("respiratory rate", ">=", 22, None, None),
             ("systolic blood pressure", "<=", 100, None, "mm[Hg]")],
        ),
        (  # the same: a value past another name and a colon is the nearer name's (not "fever")
            "Patients suspected of Covid-19 (fever + cough) presenting: qSOFA >=1",
            [("qSOFA", ">=", 1, None, None)],
        ),
        (  # NCT02438137 (heldout8)
            "specifically lymphocyte counts less than 1.2 K/μL at screening.",
            [("lymphocytes", "<", 1.2, None, "10*3/uL")],
        ),
        (  # NCT01029262 (heldout7): an unnamed quantity with a real unit
            "Resistant to erythropoiesis stimulating agents (ESAs) or blood erythropoietin level "
            "> 500 mU/mL",
            [("erythropoietin", ">", 500, None, "mU/mL")],
        ),
        (  # NCT03191552 (heldout8): degrees, an abbreviation skipped
            "severe scoliosis (Cobb angle (CA) >40°)", [("cobb angle", ">", 40, None, "deg")],
        ),
        (  # NCT03191552: a count per week is a frequency
            "having reflux more than 3 times a week.", [("reflux frequency", ">", 3, None, "/wk")],
        ),
        (  # NCT01220531 (heldout7): counts per minute, a second value in the same unit
            "Atypical cDGA whose T cells have PHA response <40,000 cpm when on immunosuppression "
            "or <75,000 cpm to PHA when not on immunosuppression",
            [("PHA response", "<", 40000, None, "{counts}/min"),
             ("PHA response", "<", 75000, None, "{counts}/min")],
        ),
        (  # NCT01220531: a multiple of a response; counts per volume after "… cells"
            "Typical cDGA whose T cells have a PHA response < 5,000 cpm and < 20 fold PHA "
            "response.",
            [("PHA response", "<", 5000, None, "{counts}/min"),
             ("PHA response fold", "<", 20, None, None)],
        ),
        (
            "Complete DiGeorge: <50 CD3+ T cells/cumm or <50 CD3+ T cells/cumm that are CD62L+",
            [("CD3+ T cells", "<", 50, None, "/uL"), ("CD3+ T cells", "<", 50, None, "/uL")],
        ),
        (  # NCT01065844 (heldout7): "above institutional normal" is > 1 ×ULN
            "creatinine clearance ≥ 60 mL/min/1.73 m2 for patients with creatinine levels above "
            "institutional normal.",
            [("creatinine clearance", ">=", 60, None, "mL/min/{1.73_m2}"),
             ("creatinine", ">", 1, None, "×ULN")],
        ),
        (  # EUCTR2011-000776-34-SE (heldout8): misspelt name, "ml" for mL/min
            "Renal insufficiency (kreatinine clearence < 30 ml calculated from the Cocroft-Gault "
            "formula)",
            [("creatinine clearance", "<", 30, None, "mL/min")],
        ),
        (  # EUCTR2011-000776-34-SE: the unit after the counted noun
            "Thrombocytopenia (< 100,000 platelets/mm3)", [("platelets", "<", 100000, None, "/uL")],
        ),
        (  # NCT01029262: an abbreviation between the name and its sign
            "Renal insufficiency creatinine clearance (CrC1)<40 mL/min by Cockcroft-Gault method)",
            [("creatinine clearance", "<", 40, None, "mL/min")],
        ),
        (  # NCT04963985 (heldout7): plural transaminases
            "alanine transaminases (ALT) and/or aspartate transaminases (AST) >2 times upper limit "
            "of normal (ULN) that in the medical judgment",
            [("ALT", ">", 2, None, "×ULN"), ("AST", ">", 2, None, "×ULN")],
        ),
        (  # NCT04963985: "limit survival" is life expectancy
            "Participant has a co-morbidity anticipated to limit survival to less than 18 months.",
            [("life expectancy", "<", 18, None, "mo")],
        ),
        (  # NCT03245528 (heldout8): a vasopressor dose
            "who received or are receiving a total sum norepinephrine (NE) equivalent unit dose of "
            "> 0.2 µg/kg/min for at least 2 hours prior to LJPC-501 infusion.",
            [("norepinephrine dose", ">", 0.2, None, "ug/kg/min")],
        ),
        (  # NCT03245528: "CI" is a cardiac index before L/min/m2 only
            "documented by either estimated or measured CI > 2.3 L/min/m^2 determined by "
            "echocardiogram or another cardiac output monitoring modality OR a concurrent CVP > 8 "
            "mmHg and ScvO2 > 70%.",
            [("cardiac index", ">", 2.3, None, "L/min/m2"), ("CVP", ">", 8, None, "mm[Hg]"),
             ("ScvO2", ">", 70, None, "%")],
        ),
        ("hazard ratio 95% CI > 0.8", []),  # made up: a confidence interval
        ("Patients with an ANC < 500 cells/mm^3.", [("ANC", "<", 500, None, "/uL")]),  # NCT03245528
        (  # NCT01642004 (heldout8): "N mg daily <drug>" is in mg
            "on a stable or decreasing dose of ≤10 mg daily prednisone (or equivalent)",
            [("prednisone dose", "<=", 10, None, "mg")],
        ),
        (  # NCT00151216 (heldout8): a score range
            "For group A, subjects will have a LINCL average total disability score 0 to 4, the "
            "severe form of the disease.",
            [("disability", "between", 0, 4, None)],
        ),
        (  # ChiCTR2000030312 (heldout8): a list of two scores, the scale named after
            "Cases who score 3 or 4 according to 6-grade scale",
            [("6-grade scale", "between", 3, 4, None)],
        ),
        (  # NCT03191552: an ordinal level in Roman numerals, its abbreviation before
            "being classified at Gross Motor Function Classification System (GMFCS) level III-IV",
            [("GMFCS", "between", 3, 4, None)],
        ),
        (  # JPRN-jRCTs031210156 (heldout7): "Scale N or higher"
            "difficult to control with existing symptomatic medications for diarrhea (Bristol "
            "Stool Shape Scale 6 or higher)",
            [("bristol stool shape", ">=", 6, None, None)],
        ),
        # unnamed phrases, not thresholds: a verb (ChiCTR2000030552), a conversion
        # (NCT04287686), a sex word (ChiCTR2000030701), a lost sign (NCT04275414)
        ("Pulmonary imaging showed that the lesions progressed more than 50% within 24-48 hours",
         []),
        ("PaO2/FiO2 =300 mmHg(1 mmHg=0.133 KPa)", [("PaO2/FiO2", "<=", 300, None, "mm[Hg]")]),
        (  # the known name reads its first value; "males" is no quantity
            "Low body weight patients (females<45kg, males<57kg)",
            [("body weight", "<", 45, None, "kg")],
        ),
        ("(Except those who use small doses of aspirin =325mg / day)", []),
    ],
)  # fmt: skip
def test_round8_families(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.quantity, c.op.value if c.op else None, c.value, c.value2, c.unit)
        for c in extract(text)
        if c.type.value == "threshold"
    ]
    assert found == expected


def test_round8_mentions_and_sex() -> None:
    """NCT01029262 (heldout7): a threshold named inside a phrase cuts the mention before it;
    NCT01065844: a later "women" explaining a reproductive subgroup is no sex restriction."""
    renal = "Renal insufficiency creatinine clearance (CrC1)<40 mL/min by Cockcroft-Gault method)"
    assert ("condition", "Renal insufficiency") in {(c.type.value, c.text) for c in extract(renal)}
    pregnant = (
        "Pregnant or lactating women: The effects of NFV on the developing human fetus have been "
        "studied in HIV positive women (21). In addition, the chemotherapy will be deleterious to "
        "the fetus."
    )
    assert not [c for c in extract(pregnant) if c.type.value == "sex"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Has acute respiratory illness (ARI)* OR", [("condition", "acute respiratory illness")]),
        # ISRCTN14966673 (heldout8): an "illness" head
        ("Regular use of CPAP within the last 2 months", [("treatment", "CPAP")]),  # NCT02438137
        ("having undergone selective dorsal rhizotomy",  # NCT03191552: a procedure by its suffix
         [("treatment", "undergone selective dorsal rhizotomy")]),
        ("Moribund or for palliative care", [("treatment", "palliative care")]),
        # ACTRN12620000438954 (heldout8)
        ("Any serious illness", []),  # made up: a generic illness is no mention
    ],
)  # fmt: skip
def test_round8_mention_heads(text: str, expected: list[tuple[str, str]]) -> None:
    found = [
        (c.type.value, c.text) for c in extract(text) if c.type.value in ("condition", "treatment")
    ]
    assert found == expected


def test_round8_abbreviations_the_trial_defines() -> None:
    """NCT02438137 (heldout8): its description defines "Obstructive sleep apnea (OSA)"; a bare
    "OSA" in a criterion is a condition mention (as the gold labels it), a "(PND) score" or an
    "investigational product (IP)" defines nothing."""
    from kg.criteria import criterion_rows
    from kg.model import Criterion, Provenance, TrialRecord

    record = TrialRecord("NCT02438137", Provenance("t", "t", 1))
    record.detailed_description = (
        "Obstructive sleep apnea (OSA) is a common disorder that involves collapse of the upper "
        "airway during sleep. The polyneuropathy disability (PND) score is read; the "
        "investigational product (IP) is given."
    )
    record.eligibility.criteria = [
        Criterion("inclusion", 2, "Diagnosis of OSA as confirmed by previous clinical sleep "
                  "study (polysomnography, PSG)"),
        Criterion("exclusion", 1, "No PND and no IP within 7 days"),
    ]  # fmt: skip
    rows = criterion_rows(record)
    first = [(c["type"], c["text"]) for c in rows[0]["constraints"]]
    assert ("condition", "OSA") in first
    assert not [c for c in rows[1]["constraints"] if c["text"] in ("PND", "IP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # NCT02028676 (heldout9): age strata with their person noun, a "1-<3" band
            "CD4%<25% for infants <12 months; for children 1-<3 years",
            [("<", 12, "mo"), (">=", 1, "a"), ("<", 3, "a")],
        ),
        (  # NCT02028676: a number word
            "children under three years of age receiving anti-tuberculosis therapy",
            [("<", 3, "a")],
        ),
        ("Male or female >18", [(">", 18, "a")]),  # NCT05023889: the bare number is the age
        (  # NCT02028676: a range with two units is two limits; a stratum in parentheses
            "Age 3 months to 17 years (13-17 years to be capped at 10%)",
            [(">=", 3, "mo"), ("<=", 17, "a"), ("between", 13, "a")],
        ),
        (  # NCT02465060: a relative's age at a death is no limit
            "family history of long QT syndrome or unexplained sudden death under 40 years of age",
            [],
        ),
        ("children with a CD4 count <500 cells/mm3", []),  # a count, not an age
    ],
)  # fmt: skip
def test_round9_ages(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [(c.op.value if c.op else None, c.value, c.unit) for c in extract(text)
             if c.type.value == "age"]  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # NCT02699827 (heldout9): a unit written once after two values
            "Height < 150 or > 180 cm.",
            [("height", "<", 150, "cm"), ("height", ">", 180, "cm")],
        ),
        ("High cholesterol (>4.0 mmoL/L)", [("cholesterol", ">", 4.0, "mmol/L")]),  # NCT02061878
        (  # NCT02465060: "HR" before a sign is a heart rate, per minute
            "HR < 60 or > 100 bpm",
            [("heart rate", "<", 60, "/min"), ("heart rate", ">", 100, "/min")],
        ),
        ("HR-positive breast cancer", []),  # a hormone receptor, no heart rate
        ("CD4%<20% for children", [("CD4%", "<", 20, "%")]),  # NCT02028676: its own quantity
        (  # NCT02465060: "greater or equal to", a count per mm^3
            "CD4+ cell count greater or equal to 250 cells/mm^3",
            [("CD4", ">=", 250, "/uL")],
        ),
        (  # NCT02465060: a slash between Roman classes is a range
            "Symptomatic congestive heart failure (New York Heart Association [NYHA] "
            "classification of III/IV)",
            [("NYHA", "between", 3, None)],
        ),
        (  # NCT02465060: a dose "N mg daily" after its drug is in mg (as value first)
            "prednisone 10 mg daily or less",
            [("prednisone dose", "<=", 10, "mg")],
        ),
        ("prednisone 20 mg/day or less", [("prednisone dose", "<=", 20, "mg/d")]),
        (  # NCT06414746 (heldout9): weight loss named, its lost sign read as ">=", "kilos" as kg
            "unintentional weight loss =5 kilos within 6 months",
            [("weight loss", ">=", 5, "kg")],
        ),
        ("microalbuminuria > 30 mg/g", [("albuminuria", ">", 30, "mg/g")]),
        ("serum albumin < 3 g/dL", [("albumin", "<", 3, "g/dL")]),
        (  # NCT06414746 (heldout9): "above reference range" is > 1 x ULN; "below" is not
            "serum creatinine (SCr) above reference range",
            [("creatinine", ">", 1, "×ULN")],
        ),
        ("creatinine below reference range", []),
    ],
)  # fmt: skip
def test_round9_thresholds(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.quantity, c.op.value if c.op else None, c.value, c.unit)
        for c in extract(text)
        if c.type.value == "threshold"
    ]
    assert found == expected


# Round 11: negation scope (kg/criteria/negation.py), on made-up criteria or corpus criteria
# outside the gold sets (the trial in the comment)
@pytest.mark.parametrize(
    ("text", "mention", "negated"),
    [
        # NCT00409175
        ("Chronic use of non-steroidal anti-inflammatory drugs (NSAIDs)", "NSAIDs", False),
        ("Active solid or non-solid malignancy or lymphoma", "lymphoma", False),  # NCT04328441
        ("non-smoker", "smoker", True),
        ("Fever (when not on antipyretics) or chills", "chills", False),
        ("Negative pregnancy test and contraception", "contraception", False),
        ("Negative serology for hepatitis C virus", "hepatitis C virus", True),
        ("Negative pregnancy test for women of childbearing potential", "childbearing", False),
        ("no cough OR Confirmed diagnosis of influenza", "influenza", False),
        ("Hepatitis with or without cirrhosis", "cirrhosis", False),
        ("anemia with no obvious etiology atypical thalassemia", "thalassemia", False),
        ("Subjects with untreated brain metastases are excluded", "brain metastases", False),
        ("Tuberculosis ruled out", "Tuberculosis", True),
        ("Methotrexate may not be used during the study", "Methotrexate", True),
        ("Patients must not have any of the following: - Stroke - Angina", "Angina", True),
        ("No stroke. - Angina", "Angina", False),
        ("Unable to swallow tablets (aspirin can be crushed)", "aspirin", False),
        ("Refusal, inability or reluctance to use insulin", "insulin", True),
    ],
)  # fmt: skip
def test_round11_negation_scope(text: str, mention: str, negated: bool) -> None:
    from kg.criteria.negation import negated as is_negated

    start = text.index(mention)
    assert is_negated(text, start, start + len(mention)) is negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a full name restated in parentheses after an abbreviation; a second limit in
        # parentheses in the same unit (made up)
        ("Alanine aminotransferase (ALT) (serum glutamate pyruvate transaminase [SGPT])/"
         "aspartate aminotransferase (AST) (serum glutamic oxaloacetic transaminase [SGOT]) "
         "<= 3 x ULN (<= 5 x ULN with liver metastases)",
         [("ALT", "<=", 3, None, "×ULN"), ("AST", "<=", 3, None, "×ULN"),
          ("ALT", "<=", 5, None, "×ULN"), ("AST", "<=", 5, None, "×ULN")]),
        ("prior radiotherapy of 45 gray [Gy] or more", [("radiation dose", ">=", 45, None, "Gy")]),
        ("1 to 3 g/dL serum M-protein", [("monoclonal protein", "between", 1, 3, "g/dL")]),
        ("On 60% oxygen (or greater)", [("FiO2", ">=", 60, None, "%")]),
        ("steroids defined as prednisolone 5 mg daily or less",
         [("prednisolone dose", "<=", 5, None, "mg")]),
        ("UACR > 30 mg/g of creatinine", [("UACR", ">", 30, None, "mg/g")]),
        ("ALT above 3 x ULN or bilirubin 2 x ULN",  # an elided comparison (made up)
         [("ALT", ">", 3, None, "×ULN"), ("bilirubin", ">", 2, None, "×ULN")]),
    ],
)  # fmt: skip
def test_round11_thresholds(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.quantity, c.op.value if c.op else None, c.value, c.value2, c.unit)
        for c in extract(text)
        if c.type.value == "threshold"
    ]
    assert found == expected


def test_round11_mentions(linker: Linker) -> None:
    listed = "Prior use of: 1. Patisiran 2. Inotersen 3. Tafamidis"  # made up
    treatments = [c.text for c in extract(listed, linker.link) if c.type.value == "treatment"]
    assert treatments == ["Patisiran", "Inotersen", "Tafamidis"]
    organism = "Infection with methicillin-resistant Staphylococcus aureus"
    found = {c.text: c.type.value for c in extract(organism, linker.link)}
    assert found["methicillin-resistant Staphylococcus aureus"] == "condition"
    defined = "Prior allogeneic hematopoietic stem cell transplantation (HSCT) or BMT"  # made up
    assert [c.text for c in extract(defined) if c.type.value == "treatment"] == [
        "allogeneic hematopoietic stem cell transplantation",
        "BMT",
    ]
    rhythm = "History of recurrent syncope or QT prolongation"  # made up: new head words
    assert {c.text for c in extract(rhythm) if c.type.value == "condition"} == {
        "recurrent syncope",
        "QT prolongation",
    }


def test_round11_age_between_two_signs() -> None:
    found = [
        (c.op.value if c.op else None, c.value, c.value2)
        for c in extract("65 years = age = 18years")  # made up: lost signs, either way round
        if c.type.value == "age"
    ]
    assert found == [("between", 18, 65)]


def test_round11_birth_control_methods_and_consent() -> None:
    methods = "use of an intrauterine device, spermicide or true abstinence"  # made up
    found = [(c.text, c.value) for c in extract(methods) if c.type.value == "reproductive"]
    assert found == [
        ("intrauterine device", "contraception"),
        ("spermicide", "contraception"),
        ("true abstinence", "contraception"),
    ]
    assert not [c for c in extract("abstinence from alcohol") if c.type.value == "reproductive"]
    for text in ("Consent declined", "consent cannot be obtained",
                 "dementia that prevents informed consent"):  # fmt: skip
        (c,) = [c for c in extract(text) if c.type.value == "consent"]
        assert c.negated is True, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # made up in the manner of the heldout11 records: Roman grades, classes and stages of a
        # named scale; "IIIB" is class III; a stage only with a comparison
        ("ASA grade I-II", [("ASA", "between", 1, 2, None)]),
        ("PND score of I-IIIA at baseline", [("PND", "between", 1, 3, None)]),
        ("CKD stage IV or greater (GFR < 30)",
         [("CKD stage", ">=", 4, None, None), ("GFR", "<", 30, None, None)]),
        ("adequately treated stage I or II cancer", []),
        ("Class III or IV congestive heart failure", []),
        ("NYHA class III (severe) and above", [("NYHA", ">=", 3, None, None)]),
        ("Distress on K6 (scores 13-24)", [("K6", "between", 13, 24, None)]),
        ("Estes ECG score must be >4", [("estes ECG", ">", 4, None, None)]),
        # ordinal gestational weeks
        ("loss at or beyond the 12th week of gestation",
         [("gestational age", ">=", 12, None, "wk")]),
        ("birth before the 32nd week of pregnancy", [("gestational age", "<", 32, None, "wk")]),
        ("from the 2nd week of treatment", []),
        # units: "mmˆ3" (a modifier circumflex), "Celsius", "LO2/min", per day and 1.73 m2
        ("platelets less than 75,000/mmˆ3", [("platelets", "<", 75000, None, "/uL")]),
        ("temperature > 37.5 Celsius", [("temperature", ">", 37.5, None, "Cel")]),
        ("If the patient needs > 3 LO2/min", [("oxygen flow", ">", 3, None, "L/min")]),
        ("proteinuria ≥300 mg/day/1.73 m2", [("proteinuria", ">=", 300, None, "mg/d/{1.73_m2}")]),
        # a change by an amount is the quantity's change; the level reached is the quantity
        ("a decline in eGFR of >25%", [("eGFR decline", ">", 25, None, "%")]),
        ("Decrease in creatinine clearance to < 40 mL/minute",
         [("creatinine clearance", "<", 40, None, "mL/min")]),
        # a second limit after ", but" shares the unit written after it
        ("PaO2/FiO2 >150, but <300 mm Hg",
         [("PaO2/FiO2", ">", 150, None, "mm[Hg]"), ("PaO2/FiO2", "<", 300, None, "mm[Hg]")]),
        # named as written: GFR not called estimated, SpO2; "SaO2 / SpO2" is one reading
        ("glomerular filtration rate < 20 mL/min", [("GFR", "<", 20, None, "mL/min")]),
        ("eGFR < 20 mL/min", [("eGFR", "<", 20, None, "mL/min")]),
        ("SpO2 < 92% on room air", [("SpO2", "<", 92, None, "%")]),
        ("SaO2 / SpO2 < 92% at rest", [("oxygen saturation", "<", 92, None, "%")]),
    ],
)  # fmt: skip
def test_round12_thresholds(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (c.quantity, c.op.value if c.op else None, c.value, c.value2, c.unit)
        for c in extract(text)
        if c.type.value == "threshold"
    ]
    assert found == expected


def test_round12_sex_partner_is_not_the_subject() -> None:
    text = "men agree not to have sex with women for 14 days after the last dose"  # made up
    assert [c.value for c in extract(text) if c.type.value == "sex"] == ["male"]
    both = "Men and women who have sexual intercourse with men"  # both sexes are subjects
    assert not [c for c in extract(both) if c.type.value == "sex"]
