"""Draw the trials of a held-out criteria gold set at random, reproducibly (issue 12).

.venv/bin/python scripts/draw_criteria_gold.py [SEED] [SHARED] [MIN]   (defaults: 20261202,
../shared, 150)

Pool: every record of the shared corpus in the four formats trialkg converts (CT.gov XML,
CT.gov v2 JSON, ICTRP XML, ICTRP CSV). Quotas: 2, 2, 3, 3 trials; one ``random.Random(SEED)``
shuffles the four pools in that order, then the ICTRP pools' register lists in that order.
CT.gov formats: the first trials of the shuffled pool that pass the checks. ICTRP formats: the
registers in shuffled order, each only if no trial of it was drawn yet (so the set spans
registers), and in a register the first trial of the shuffled pool that passes. A trial is
passed over, with the reason printed, when it is already seen (in a criteria-gold file or a
golden Turtle file), a copy of a seen trial (a shared or linked ID, the EU-CTR number, the same
title, word-trigram overlap of its criteria with a seen trial's > 0.10), has a criterion quoted
in tests/test_criteria*.py (trigram overlap >= 0.5), has no criteria or more than 40. While the
set has fewer than MIN criteria, one more trial is drawn per format in the same order, the same
way (once no undrawn register has a trial that passes, any register). The criteria are the
splitter's texts (``trialkg criteria --json``; the constraints are dropped unread).
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "criteria-gold"
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
FORMATS = ("ctgov-xml", "ctgov-v2-json", "ictrp-xml", "ictrp-csv")
QUOTA = {"ctgov-xml": 2, "ctgov-v2-json": 2, "ictrp-xml": 3, "ictrp-csv": 3}
MIN_CRITERIA, MAX_PER_TRIAL, MAX_OVERLAP, QUOTED = 150, 40, 0.10, 0.5
WORD = re.compile(r"\w+")


def register(trial_id: str) -> str:
    """The register of a trial ID: CT.gov for NCT, else its leading letters (JPRN, EUCTR, NL...)."""
    prefix = re.match(r"[A-Za-z]+", trial_id)
    name = prefix.group(0) if prefix else trial_id
    return "CT.gov" if name == "NCT" else name


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def norm(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def _ids(text: str) -> set[str]:
    return {t.upper() for t in re.findall(r"[A-Za-z]{2,}[A-Za-z0-9-]*\d{4,}[A-Za-z0-9-]*", text)}


def metadata(corpus: Path) -> dict[str, dict[str, tuple[str, set[str], set[str]]]]:
    """format -> trial ID -> (format, titles, linked IDs) for every record of the corpus."""
    out: dict[str, dict[str, tuple[str, set[str], set[str]]]] = {f: {} for f in FORMATS}
    for path in sorted((corpus / "ctgov-xml").glob("*.xml")):
        text = path.read_text("utf-8")
        nct = re.search(r"<nct_id>(\S+)</nct_id>", text).group(1)  # type: ignore[union-attr]
        titles = set(re.findall(r"<(?:brief|official)_title>(.*?)</", text, re.S))
        linked = _ids(" ".join(re.findall(r"<(?:secondary_id|org_study_id)>(.*?)</", text)))
        out["ctgov-xml"][nct] = ("ctgov-xml", {norm(t) for t in titles}, linked)
    for path in sorted((corpus / "ctgov-v2-json").glob("*.json")):
        ident = json.loads(path.read_text("utf-8"))["protocolSection"]["identificationModule"]
        titles = {norm(ident.get(k, "")) for k in ("briefTitle", "officialTitle")} - {""}
        secondary = [s.get("id", "") for s in ident.get("secondaryIdInfos", [])]
        linked = _ids(" ".join([ident.get("orgStudyIdInfo", {}).get("id", ""), *secondary]))
        out["ctgov-v2-json"][ident["nctId"]] = ("ctgov-v2-json", titles, linked)
    for path in sorted((corpus / "ictrp-xml").glob("*.xml")):
        for trial in re.findall(r"(?s)<Trial>.*?</Trial>", path.read_text("utf-8")):
            tid = re.search(r"<TrialID>\s*(\S+)", trial).group(1)  # type: ignore[union-attr]
            titles = re.findall(r"<(?:Public|Scientific)_title>(.*?)</", trial, re.S)
            linked = _ids(" ".join(re.findall(r"<Secondary_ID>(.*?)</", trial, re.S)))
            out["ictrp-xml"][tid] = ("ictrp-xml", {norm(t) for t in titles} - {""}, linked)
    for path in sorted((corpus / "ictrp-csv").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                titles = {norm(row["Public title"]), norm(row["Scientific title"])} - {""}
                out["ictrp-csv"][row["TrialID"]] = ("ictrp-csv", titles, set())
    return out


def split_rows(inputs: list[Path]) -> list[dict[str, object]]:
    """The splitter's rows (trial_id, kind, ordinal, text); the constraints dropped unread."""
    run = subprocess.run(
        [sys.executable, "-m", "kg", "criteria", *map(str, inputs), "--json", "--no-link"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    return [{k: r[k] for k in ("trial_id", "kind", "ordinal", "text")} for r in rows]


def split(inputs: list[Path]) -> dict[str, list[str]]:
    """trial ID -> its criterion texts, from the splitter (constraints dropped unread)."""
    texts: dict[str, list[str]] = {}
    for row in split_rows(inputs):
        texts.setdefault(str(row["trial_id"]), []).append(str(row["text"]))
    return texts


def seen_trials(leave_out: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Trial ID -> criterion texts of every criteria-gold file but those named in ``leave_out``
    (golden trials added by checks)."""
    seen: dict[str, list[str]] = {}
    for path in sorted(GOLD.glob("*.jsonl")):
        if path.name in leave_out:
            continue
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            seen.setdefault(row["trial_id"], []).append(row["text"])
    return seen


def golden_trials() -> set[str]:
    found: set[str] = set()
    for path in GOLDEN.glob("*.ttl"):
        found |= set(re.findall(r"/trial/([A-Za-z0-9-]+)[/>]", path.read_text("utf-8")))
    return found


def checks(
    meta: dict[str, dict[str, tuple[str, set[str], set[str]]]],
    criteria: dict[str, dict[str, list[str]]],
    leave_out: frozenset[str] = frozenset(),
) -> Callable[[str, str], str | None]:
    """reason(format, trial): why a trial is passed over (seen, a copy, quoted, no or too many
    criteria), or None; seen = every criteria-gold file and the golden Turtle trials."""
    seen = seen_trials(leave_out)
    golden = golden_trials()
    for trial in sorted(golden - set(seen)):
        seen[trial] = next((c[trial] for c in criteria.values() if trial in c), [])
    seen_grams = {t: set().union(*map(trigrams, texts)) for t, texts in seen.items()}
    seen_meta = [m for f in FORMATS for t, m in meta[f].items() if t in seen]
    seen_titles = set().union(*(m[1] for m in seen_meta))
    seen_ids = set(seen) | set().union(*(m[2] for m in seen_meta))
    quoted = trigrams(
        " ".join(p.read_text("utf-8") for p in sorted((ROOT / "tests").glob("test_criteria*.py")))
    )

    def reason(fmt: str, trial: str) -> str | None:
        texts = criteria[fmt].get(trial, [])
        _, titles, linked = meta[fmt][trial]
        eu = re.match(r"EUCTR(\d{4}-\d{6}-\d{2})", trial)
        if trial in seen:
            return "seen (criteria gold or golden Turtle)"
        if ({trial} | linked) & seen_ids or trial in set().union(*(m[2] for m in seen_meta)):
            return "copy of a seen trial (linked ID)"
        if eu and any(s.startswith("EUCTR" + eu.group(1)) for s in seen):
            return "copy of a seen trial (same EU-CTR number)"
        if titles & seen_titles:
            return "copy of a seen trial (same title)"
        if not texts:
            return "no criteria"
        if len(texts) > MAX_PER_TRIAL:
            return f"{len(texts)} criteria (> {MAX_PER_TRIAL})"
        grams = set().union(*map(trigrams, texts))
        for other, other_grams in seen_grams.items():
            if grams and len(grams & other_grams) / len(grams) > MAX_OVERLAP:
                return f"copy of a seen trial (trigram overlap with {other})"
        for text in texts:
            g = trigrams(text)
            if len(g) >= 3 and len(g & quoted) / len(g) >= QUOTED:
                return "a criterion is quoted in tests/test_criteria*.py"
        return None

    return reason


def draw(seed: int, shared: Path, least: int = MIN_CRITERIA) -> list[tuple[str, str, int]]:
    corpus = shared / "corpus"
    meta = metadata(corpus)
    criteria = {f: split([corpus / f]) for f in FORMATS}
    reason = checks(meta, criteria)
    rng = random.Random(seed)
    pools = {f: sorted(meta[f]) for f in FORMATS}
    for f in FORMATS:
        rng.shuffle(pools[f])
    registers = {f: sorted({register(t) for t in pools[f]}) for f in FORMATS if "ictrp" in f}
    for f in registers:
        rng.shuffle(registers[f])
    drawn: list[tuple[str, str, int]] = []
    decided: set[str] = set()

    def candidates(fmt: str) -> list[str]:
        """The pool in shuffled order; for ICTRP, the registers not yet drawn first (grouped),
        then the rest of the pool (any register), so a format whose undrawn registers hold no
        trial that passes still draws."""
        taken = {register(t) for _, t, _ in drawn}
        order = [r for r in registers.get(fmt, []) if r not in taken]
        first = [t for r in order for t in pools[fmt] if register(t) == r]
        return first + [t for t in pools[fmt] if register(t) not in order]

    def take(fmt: str) -> None:
        for trial in candidates(fmt):
            if trial in decided:
                continue
            decided.add(trial)
            why = reason(fmt, trial)
            if why:
                print(f"skip {fmt} {trial}: {why}")
                continue
            drawn.append((fmt, trial, len(criteria[fmt][trial])))
            print(f"draw {fmt} {trial} ({register(trial)}): {len(criteria[fmt][trial])} criteria")
            return

    for f in FORMATS:
        for _ in range(QUOTA[f]):
            take(f)
    while sum(n for *_, n in drawn) < least:
        for f in FORMATS:
            if sum(n for *_, n in drawn) < least:
                take(f)
    return drawn


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 20261202
    shared = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared"
    least = int(sys.argv[3]) if len(sys.argv) > 3 else MIN_CRITERIA
    drawn = draw(seed, shared, least)
    total = sum(n for *_, n in drawn)
    registers = len({register(t) for _, t, _ in drawn})
    print(f"{len(drawn)} trials, {total} criteria, {registers} registers")


if __name__ == "__main__":
    main()
