"""Draw heldout-sex: criteria with a sex word, at random, from unseen trials (issue 12).

PYTHONPATH=$PWD .venv/bin/python scripts/draw_sex_gold.py [SEED] [SHARED] [COUNT]
[--one-sex | --both]   (defaults: 20261207, ../shared, 100)

Random held-out sets hold 0-2 sex constraints each, so their sex scores are noise; this set
gives sex a real sample. Pool: every splitter criterion text (``trialkg criteria --json``, the
constraints dropped unread) of the corpus trials that scripts/draw_criteria_gold.py would not
pass over (seen in any criteria-gold file but heldout-sex.jsonl and those drawn after it, or a
golden Turtle file; a copy of a seen trial; a criterion quoted in tests/test_criteria*.py; no
criteria or more than 40), whose text matches ``SEX_WORD`` (sex words, and the pregnancy,
lactation, childbearing and contraception words where false sex readings come from). A trial
found in several formats is taken in the first (draw_criteria_gold.FORMATS order).
``random.Random(SEED)`` shuffles the pool (sorted by format, trial, kind, ordinal); criteria are
taken in that order, at most 2 per trial, until COUNT. Prints the pool size, then one JSON line
per drawn criterion (format, trial_id, kind, ordinal, text), in the drawn order.

``--one-sex`` (heldout-sex2: sex recall): the pool is the criteria of unseen trials (1) whose
record restricts enrolment to one sex by its structured field (read by trialkg's own parsers:
CT.gov XML ``eligibility/gender``, CT.gov v2 JSON ``eligibilityModule.sex``, ICTRP XML
``Inclusion_gender``, ICTRP CSV ``Inclusion gender``; the parsed code ``female`` or ``male``)
and whose text has a sex, person or reproductive word (``ANY_WORD``), or (2) of any record,
whose text has a sex or person word (``PERSON_WORD``: women, men, female, girls, mothers,
wives, sex, gender, postmenopausal ...; not the reproductive words alone, where heldout-sex's
pool was mostly pregnancy exclusions). (1) alone is 6 criteria on the corpus (few records
restrict by sex, most of them seen). After the shuffle the criteria of (1) and those of (2)
without a reproductive word (``first_group``) come first, in shuffled order, then the rest
(most are "pregnant or lactating women"), so the criteria where a sex restriction is likely
are drawn before any reproductive phrase. Seen here: every criteria-gold file but the sets
drawn after heldout-sex2 (``LEAVE_OUT_ONE_SEX``), so a re-run draws the same. Each drawn row
also carries the record's sex code (``record_sex``).

``--both`` (heldout-sex3): the two pools in one run, every criteria-gold file seen (heldout-sex,
heldout-sex2, heldout11 and heldout12 included; ``LEAVE_OUT_BOTH`` is heldout-sex3 and the sets
drawn after it, none yet, so a re-run draws the same): a criterion of an unseen trial is in the
pool when the default pool takes it (``SEX_WORD``) or the ``--one-sex`` pool does
(``PERSON_WORD``, or a single-sex record and ``ANY_WORD``); rows carry ``record_sex``, and
``first_group`` orders them as ``--one-sex`` does (so the criteria where a restriction is likely
come first, the reproductive phrases after).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from draw_criteria_gold import FORMATS, ROOT, checks, metadata, register, split_rows

from kg.parsers.base import Rejected
from kg.reading import read_records

_REPRODUCTIVE_WORDS = (
    r"pregnan\w*|lactat\w*|breast[- ]?feed\w*|nursing|child[- ]?bearing|contracept\w*"
)
_PERSON_WORDS = (
    r"wom[ae]n|m[ae]n|(?:fe)?males?|girls?|boys?|sex|gender|mothers?|fathers?|wi(?:fe|ves)"
    r"|husbands?|daughters?|lad(?:y|ies)|(?:pre|post|peri)?-?menopaus\w*"
)
SEX_WORD = re.compile(
    r"\b(?:wom[ae]n|m[ae]n|(?:fe)?males?|girls?|boys?|sex|gender"
    rf"|{_REPRODUCTIVE_WORDS})\b",
    re.IGNORECASE,
)
PERSON_WORD = re.compile(rf"\b(?:{_PERSON_WORDS})\b", re.IGNORECASE)
REPRODUCTIVE_WORD = re.compile(rf"\b(?:{_REPRODUCTIVE_WORDS})\b", re.IGNORECASE)
ANY_WORD = re.compile(rf"\b(?:{_PERSON_WORDS}|{_REPRODUCTIVE_WORDS})\b", re.IGNORECASE)
SEED, COUNT, PER_TRIAL = 20261207, 100, 2
# a set and those drawn after it are not seen for its draw (so a re-run draws the same)
_AFTER_SEX2 = frozenset({"heldout11.jsonl", "heldout12.jsonl", "heldout-sex3.jsonl"})
LEAVE_OUT = frozenset({"heldout-sex.jsonl", "heldout-sex2.jsonl"}) | _AFTER_SEX2
LEAVE_OUT_ONE_SEX = frozenset({"heldout-sex2.jsonl"}) | _AFTER_SEX2
LEAVE_OUT_BOTH = frozenset({"heldout-sex3.jsonl"})  # every other gold file is seen
ONE_SEX = frozenset({"female", "male"})


def record_sexes(folder: Path) -> dict[str, str]:
    """Trial ID -> the record's structured sex code (female, male, all ...), by the parsers."""
    out: dict[str, str] = {}
    for result in read_records([str(folder)]):
        if isinstance(result, Rejected):
            continue
        coded = result.eligibility.gender
        if coded is not None and coded.code is not None:
            out.setdefault(result.main_id, coded.code)
    return out


def _taken(text: str, sex: str, one_sex: bool, both: bool) -> bool:
    """Whether the pool takes a criterion text (of a record whose structured sex is ``sex``)."""
    default = SEX_WORD.search(text) is not None
    person = PERSON_WORD.search(text) is not None or (
        sex in ONE_SEX and ANY_WORD.search(text) is not None
    )
    if both:
        return default or person
    return person if one_sex else default


def pool(shared: Path, one_sex: bool = False, both: bool = False) -> list[dict[str, object]]:
    corpus = shared / "corpus"
    meta = metadata(corpus)
    rows = {f: split_rows([corpus / f]) for f in FORMATS}
    criteria: dict[str, dict[str, list[str]]] = {f: {} for f in FORMATS}
    for f in FORMATS:
        for row in rows[f]:
            criteria[f].setdefault(str(row["trial_id"]), []).append(str(row["text"]))
    leave_out = LEAVE_OUT_BOTH if both else LEAVE_OUT_ONE_SEX if one_sex else LEAVE_OUT
    reason = checks(meta, criteria, leave_out)
    out: list[dict[str, object]] = []
    taken: set[str] = set()
    for f in FORMATS:
        passing = {t for t in meta[f] if t not in taken and reason(f, t) is None}
        taken |= passing
        sexes = record_sexes(corpus / f) if one_sex or both else {}
        for r in rows[f]:
            text, sex = str(r["text"]), sexes.get(str(r["trial_id"]), "")
            if r["trial_id"] not in passing or not _taken(text, sex, one_sex, both):
                continue
            if one_sex or both:
                out.append({"format": f, **r, "record_sex": sex or None})
            else:
                out.append({"format": f, **r})
    return out


def first_group(row: dict[str, object]) -> bool:
    """--one-sex, --both: a single-sex record's criterion, or one without a reproductive word."""
    return row["record_sex"] in ONE_SEX or not REPRODUCTIVE_WORD.search(str(row["text"]))


def draw(
    seed: int, shared: Path, count: int = COUNT, one_sex: bool = False, both: bool = False
) -> tuple[int, list[dict[str, object]]]:
    found = pool(shared, one_sex, both)
    rng = random.Random(seed)
    rng.shuffle(found)
    if one_sex or both:  # a stable sort: the shuffled order within each group
        found.sort(key=lambda r: not first_group(r))
    per_trial: dict[str, int] = {}
    drawn: list[dict[str, object]] = []
    for row in found:
        trial = str(row["trial_id"])
        if len(drawn) < count and per_trial.get(trial, 0) < PER_TRIAL:
            per_trial[trial] = per_trial.get(trial, 0) + 1
            drawn.append(row)
    return len(found), drawn


def main() -> None:
    one_sex, both = "--one-sex" in sys.argv, "--both" in sys.argv
    if one_sex and both:
        sys.exit("--one-sex and --both: one or the other")
    args = [a for a in sys.argv[1:] if a not in ("--one-sex", "--both")]
    seed = int(args[0]) if len(args) > 0 else SEED
    shared = Path(args[1]) if len(args) > 1 else ROOT.parent / "shared"
    count = int(args[2]) if len(args) > 2 else COUNT
    size, drawn = draw(seed, shared, count, one_sex, both)
    print(f"pool {size} criteria")
    for row in drawn:
        print(json.dumps(row, ensure_ascii=False))
    trials = {str(r["trial_id"]) for r in drawn}
    registers = {register(t) for t in trials}
    print(f"{len(drawn)} criteria, {len(trials)} trials, {len(registers)} registers")


if __name__ == "__main__":
    main()
