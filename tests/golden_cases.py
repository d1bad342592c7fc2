"""The golden cases: one fixture record and one real corpus record per input format.

Shared by tests/test_golden_formats.py (compares) and scripts/update_golden.py
(rewrites the expected Turtle after a reviewed change).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = FIXTURES / "golden"

# name -> (input file, trial ID to pick, from the shared corpus?)
CASES: dict[str, tuple[Path, str, bool]] = {
    "ictrp-trial2-fixture": (ROOT / "examples" / "NCT90000001.txt", "NCT90000001", False),
    "ictrp-xml-fixture": (FIXTURES / "ictrp" / "sample.xml", "NCT09990001", False),
    "ictrp-xml-corpus": (
        CORPUS / "ictrp-xml" / "machado-t_ICTRP-Results(1).xml",
        "EUCTR2021-000037-14-ES",
        True,
    ),
    "ictrp-csv-fixture": (FIXTURES / "ictrp" / "covid40.csv", "ChiCTR2000088888", False),
    "ictrp-csv-corpus": (
        CORPUS / "ictrp-csv" / "COVID19-927-trials_7Apr2020.csv.gz",
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
