"""Criteria extraction benchmark: criteria/s and constraints/s, printed as one JSON object.

    .venv/bin/python bench/bench_criteria.py [--corpus ../shared/corpus]

Criteria are those of the records under --corpus (read with kg.reading) when it
exists, else a built-in synthetic mix. Extraction runs without the linker
("rules") and with it ("linked", the lexicon loaded before timing starts).
The end-to-end figure of bench/run.py includes extraction: convert maps every
criterion's constraints unless --no-criteria-structure is given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from run import CORPUS  # noqa: E402  (../shared or $TRIALKG_SHARED)

from kg.criteria import extract  # noqa: E402
from kg.linking import Linker  # noqa: E402

SYNTHETIC = [
    "Aged 18-75 years, male or female",
    "eGFR < 30 mL/min/1.73 m2 or ALT > 2.5 x ULN",
    "No history of myocardial infarction within 6 months before randomisation",
    "Pregnant or lactating women; women of childbearing potential not using contraception",
    "Signed informed consent",
]


def criteria_texts(corpus: Path | None) -> list[str]:
    if corpus is None or not corpus.is_dir():
        return [f"{t} {i}" for i in range(400) for t in SYNTHETIC]
    from kg.parsers.base import Rejected
    from kg.reading import read_records

    inputs = [str(p) for p in sorted(corpus.iterdir()) if p.is_dir() and "v1" not in p.name]
    texts: list[str] = []
    for record in read_records(inputs):
        if not isinstance(record, Rejected):
            texts.extend(c.text for c in record.eligibility.criteria)
    return texts


def timed(texts: list[str], linker: Linker | None) -> dict[str, float]:
    start, cpu = time.perf_counter(), time.process_time()
    constraints = sum(len(extract(t, None if linker is None else linker.link)) for t in texts)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "criteria_per_s": round(len(texts) / seconds, 1),
        "criteria_per_cpu_s": round(len(texts) / cpu_seconds, 1),
        "constraints_per_s": round(constraints / seconds, 1),
        "constraints": constraints,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus",
        default=str(CORPUS),
    )
    args = parser.parse_args()
    texts = criteria_texts(Path(args.corpus))
    rules = timed(texts, None)
    linker = Linker.load()
    linked = timed(texts, linker)
    print(json.dumps({"criteria": len(texts), "rules": rules, "linked": linked}))


if __name__ == "__main__":
    main()
