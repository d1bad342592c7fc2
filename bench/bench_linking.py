"""Linking benchmark: lexicon load time and strings/s, printed as one JSON object.

    .venv/bin/python bench/bench_linking.py [--corpus ../shared/corpus]

Strings are the condition and intervention strings of the records found under
--corpus when it exists (read with kg.reading), else a built-in synthetic mix.
Each string is linked twice: "cold" (first sight) and "warm" (memoised).
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

from kg.linking import Linker  # noqa: E402
from kg.model import TrialRecord  # noqa: E402

SYNTHETIC = [
    ("Dermatomyositis", "condition"),
    ("Recurrent Breast Carcinoma", "condition"),
    ("Carcinoma, Hepatocellular", "condition"),
    ("Type II diabetes mellitus", "condition"),
    ("Metformin Hydrochloride 500 mg tablets", "intervention"),
    ("Busulfan/Cyclophosphamide", "intervention"),
    ("Orencia", "intervention"),
    ("Unknown investigational product XYZ-123", "intervention"),
]


def strings(corpus: Path | None) -> list[tuple[str, str]]:
    if corpus is None or not corpus.is_dir():
        return [
            (f"{text} {i}" if i else text, kind) for i in range(500) for text, kind in SYNTHETIC
        ]
    from kg.reading import read_records

    out: list[tuple[str, str]] = []
    for record in read_records([str(corpus)]):
        if isinstance(record, TrialRecord):
            out += [(c, "condition") for c in record.conditions]
            out += [
                (s, "intervention") for i in record.interventions for s in (i.name, *i.other_names)
            ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
    )
    args = parser.parse_args()
    items = strings(args.corpus)
    from kg.linking.sources import bundled

    fresh = not bundled.snapshot_path(bundled.lexicon_dir()).exists()
    start = time.perf_counter()
    bundled.load()  # the first use builds the local index (timed apart)
    first = time.perf_counter() - start
    start = time.perf_counter()
    linker = Linker.load()
    load = time.perf_counter() - start
    start = time.perf_counter()
    linked = sum(1 for text, kind in items if linker.link(text, kind))
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for text, kind in items:
        linker.link(text, kind)
    warm = time.perf_counter() - start
    print(
        json.dumps(
            {
                "lexicon_load_s": round(load, 3),
                "lexicon_first_use_s": round(first, 3) if fresh else None,
                "concepts": len(linker.lexicon),
                "terms": linker.lexicon.term_count(),
                "strings": len(items),
                "linked": linked,
                "strings_per_s_cold": round(len(items) / cold) if cold else None,
                "strings_per_s_warm": round(len(items) / warm) if warm else None,
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
