"""Linking cost inside ``convert --link``: seconds per record, with and without linking.

    .venv/bin/python bench/bench_link_cost.py [--records 5000]

Converts the same replicated ICTRP CSV (the corpus's COVID-19 export: free-text
conditions and interventions, no registry coding) twice with one worker, without
and with ``--link``, and reports the difference per record. The lexicon's local
index is built before timing (first use), so both runs measure steady state.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import replicate_csv, run  # noqa: E402
from kg.linking.sources import bundled  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=5_000)
    args = parser.parse_args()
    bundled.load()  # builds the local index once if it is missing
    n = args.records
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ictrp.csv.gz"
        replicate_csv(n, source)
        base = [sys.executable, "-m", "kg", "convert", str(source), "--from", "ictrp-csv"]
        plain = run([*base, "-j", "1", "-o", str(Path(tmp) / "plain.nt")])
        linked = run([*base, "-j", "1", "--link", "-o", str(Path(tmp) / "linked.nt")])
    extra = linked["seconds"] - plain["seconds"]
    print(
        json.dumps(
            {
                "records": n,
                "convert_s": plain["seconds"],
                "convert_link_s": linked["seconds"],
                "link_ms_per_record": round(1000 * extra / n, 3),
                "peak_rss_mb": plain["peak_rss_mb"],
                "peak_rss_link_mb": linked["peak_rss_mb"],
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
