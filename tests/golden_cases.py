"""The golden cases: one fixture record and one real record per input format.

The real records are in tests/data (cut from the shared corpus by
scripts/cut_test_data.py, contacts redacted; tests/data/SOURCES.md), so the
golden tests run in a fresh clone.

Shared by tests/test_golden_formats.py (compares) and scripts/update_golden.py
(rewrites the expected Turtle after a reviewed change).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data"  # the real-record sample, laid out as the shared corpus
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = FIXTURES / "golden"

# name -> (input file, trial ID to pick, a real record of tests/data?)
CASES: dict[str, tuple[Path, str, bool]] = {
    "ictrp-trial2-fixture": (ROOT / "examples" / "NCT90000001.txt", "NCT90000001", False),
    "ictrp-xml-fixture": (FIXTURES / "ictrp" / "sample.xml", "NCT09990001", False),
    "ictrp-xml-corpus": (
        CORPUS / "ictrp-xml" / "ictrp-sample.xml",
        "EUCTR2021-000037-14-ES",
        True,
    ),
    "ictrp-csv-fixture": (FIXTURES / "ictrp" / "covid40.csv", "ChiCTR2000088888", False),
    "ictrp-csv-corpus": (
        CORPUS / "ictrp-csv" / "ictrp-sample.csv",
        "ChiCTR2000029308",
        True,
    ),
    "ctgov-json-fixture": (FIXTURES / "ctgov" / "study_full.json", "NCT09000001", False),
    "ctgov-json-corpus": (CORPUS / "ctgov-v2-json" / "NCT03418623.json", "NCT03418623", True),
    "ctgov-xml-fixture": (FIXTURES / "ctgov" / "study_full.xml", "NCT09000011", False),
    "ctgov-xml-corpus": (CORPUS / "ctgov-xml" / "NCT02591810.xml", "NCT02591810", True),
}


def graph_lines(path: Path, trial_id: str) -> str:
    """The N-Triples of one trial's graph, as trialkg maps it by default."""
    from kg.mapping import trial_graph
    from kg.model import TrialRecord
    from kg.reading import read_records

    records = [
        r for r in read_records([str(path)]) if isinstance(r, TrialRecord) and r.main_id == trial_id
    ]  # other records of a fixture may be deliberately broken
    [graph] = [trial_graph(r) for r in records]
    return "".join(graph.lines)
