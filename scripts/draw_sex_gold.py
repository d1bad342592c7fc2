"""Draw heldout-sex: criteria with a sex word, at random, from unseen trials (issue 12).

PYTHONPATH=$PWD .venv/bin/python scripts/draw_sex_gold.py [SEED] [SHARED] [COUNT]
(defaults: 20261207, ../shared, 100)

Random held-out sets hold 0-2 sex constraints each, so their sex scores are noise; this set
gives sex a real sample. Pool: every splitter criterion text (``trialkg criteria --json``, the
constraints dropped unread) of the corpus trials that scripts/draw_criteria_gold.py would not
pass over (seen in any criteria-gold file but heldout-sex.jsonl itself, or a golden Turtle file; a
copy of a seen trial; a criterion quoted in tests/test_criteria*.py; no criteria or more than
40), whose text matches ``SEX_WORD`` (sex words, and the pregnancy, lactation, childbearing and
contraception words where false sex readings come from). A trial found in several formats is
taken in the first (draw_criteria_gold.FORMATS order). ``random.Random(SEED)`` shuffles the pool
(sorted by format, trial, kind, ordinal); criteria are taken in that order, at most 2 per trial,
until COUNT. Prints the pool size, then one JSON line per drawn criterion (format, trial_id,
kind, ordinal, text), in the drawn order.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from draw_criteria_gold import FORMATS, ROOT, checks, metadata, register, split_rows

SEX_WORD = re.compile(
    r"\b(?:wom[ae]n|m[ae]n|(?:fe)?males?|girls?|boys?|sex|gender"
    r"|pregnan\w*|lactat\w*|breast[- ]?feed\w*|nursing|child[- ]?bearing"
    r"|contracept\w*)\b",
    re.IGNORECASE,
)
SEED, COUNT, PER_TRIAL = 20261207, 100, 2
LEAVE_OUT = frozenset({"heldout-sex.jsonl"})


def pool(shared: Path) -> list[dict[str, object]]:
    corpus = shared / "corpus"
    meta = metadata(corpus)
    rows = {f: split_rows([corpus / f]) for f in FORMATS}
    criteria: dict[str, dict[str, list[str]]] = {f: {} for f in FORMATS}
    for f in FORMATS:
        for row in rows[f]:
            criteria[f].setdefault(str(row["trial_id"]), []).append(str(row["text"]))
    reason = checks(meta, criteria, LEAVE_OUT)
    out: list[dict[str, object]] = []
    taken: set[str] = set()
    for f in FORMATS:
        passing = {t for t in meta[f] if t not in taken and reason(f, t) is None}
        taken |= passing
        out += [
            {"format": f, **r}
            for r in rows[f]
            if r["trial_id"] in passing and SEX_WORD.search(str(r["text"]))
        ]
    return out


def draw(seed: int, shared: Path, count: int = COUNT) -> tuple[int, list[dict[str, object]]]:
    found = pool(shared)
    rng = random.Random(seed)
    rng.shuffle(found)
    per_trial: dict[str, int] = {}
    drawn: list[dict[str, object]] = []
    for row in found:
        trial = str(row["trial_id"])
        if len(drawn) < count and per_trial.get(trial, 0) < PER_TRIAL:
            per_trial[trial] = per_trial.get(trial, 0) + 1
            drawn.append(row)
    return len(found), drawn


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else SEED
    shared = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared"
    count = int(sys.argv[3]) if len(sys.argv) > 3 else COUNT
    size, drawn = draw(seed, shared, count)
    print(f"pool {size} criteria")
    for row in drawn:
        print(json.dumps(row, ensure_ascii=False))
    trials = {str(r["trial_id"]) for r in drawn}
    registers = {register(t) for t in trials}
    print(f"{len(drawn)} criteria, {len(trials)} trials, {len(registers)} registers")


if __name__ == "__main__":
    main()
