"""A stand-in for the shared corpus where it is absent: the real records of tests/data,
the ICTRP CSV rows replicated under fresh trial IDs until there are more than
:data:`kg.pipeline.SMALL` of them, so worker processes start; the ICTRP XML records a
few times, so a load of them runs long enough to be killed part-way (tests/test_kill.py).

Each copy of an ICTRP CSV row or XML ``<Trial>`` is the record unchanged but for its
trial ID, which gets a suffix (``NCT04246242`` becomes ``NCT04246242-r0001``): every copy
is a trial of its own, so ``convert`` keeps them all (one graph per trial), and the
shared nodes (sponsors, conditions, countries) are met again as in a real export.
The ClinicalTrials.gov files and the other folders of tests/data are copied as they are.

>>> row = ["NCT04246242", "3 February 2020", "Arbidol"]
>>> _renamed_row(row, 7)
['NCT04246242-r0007', '3 February 2020', 'Arbidol']
>>> _renamed_xml("<Trial><TrialID>NCT06360289\\n    </TrialID></Trial>", 2)
'<Trial><TrialID>NCT06360289-r0002</TrialID></Trial>'
"""

from __future__ import annotations

import csv
import gzip
import re
import shutil
from pathlib import Path

from kg.pipeline import SMALL

FORMATS = ("ctgov-v1-json", "ctgov-v2-json", "ctgov-xml", "ictrp-csv", "ictrp-xml")
XML_COPIES = 3  # a load takes ~50 ms a record: 24 XML records keep the kill tests short
_TRIAL_ID = re.compile(r"<TrialID>\s*(.*?)\s*</TrialID>", re.S)


def _suffix(copy: int) -> str:
    return f"-r{copy:04d}"


def _renamed_row(row: list[str], copy: int) -> list[str]:
    return [row[0] + _suffix(copy), *row[1:]]


def _renamed_xml(trials: str, copy: int) -> str:
    return _TRIAL_ID.sub(lambda m: f"<TrialID>{m.group(1)}{_suffix(copy)}</TrialID>", trials)


def copies_needed(records: int) -> int:
    """How many copies of ``records`` records make more than ``SMALL`` units of work."""
    return SMALL // records + 1


def replicate_csv(source: Path, target: Path, copies: int) -> int:
    """The rows of an ICTRP CSV export ``copies`` times, under fresh IDs, gzipped.
    Returns the number of rows written."""
    with source.open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    with gzip.open(target, "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for copy in range(1, copies + 1):
            writer.writerows(_renamed_row(row, copy) for row in rows)
    return len(rows) * copies


def replicate_xml(source: Path, target: Path, copies: int) -> int:
    """The ``<Trial>`` records of an ICTRP XML export ``copies`` times, under fresh IDs.
    Returns the number of records written."""
    text = source.read_text(encoding="utf-8")
    start, end = text.index("<Trial>"), text.rindex("</Trial>") + len("</Trial>")
    trials = text[start:end]
    body = "\n  ".join(_renamed_xml(trials, copy) for copy in range(1, copies + 1))
    target.write_text(text[:start] + body + text[end:], encoding="utf-8")
    return trials.count("<Trial>") * copies


def stand_in(data: Path, target: Path) -> Path:
    """tests/data's format folders in ``target`` (returned), the ICTRP CSV rows replicated
    past ``SMALL`` (10 rows 26 times: 260), the 8 XML records ``XML_COPIES`` times (24)."""
    for name in FORMATS:
        (target / name).mkdir(parents=True)
    for name in ("ctgov-v1-json", "ctgov-v2-json", "ctgov-xml"):
        for path in sorted((data / name).iterdir()):
            shutil.copyfile(path, target / name / path.name)
    (csv_source,) = (data / "ictrp-csv").glob("*.csv")
    with csv_source.open(encoding="utf-8-sig", newline="") as fh:
        rows = sum(1 for _ in csv.reader(fh)) - 1
    replicate_csv(
        csv_source, target / "ictrp-csv" / f"{csv_source.stem}.csv.gz", copies_needed(rows)
    )
    (xml_source,) = (data / "ictrp-xml").glob("*.xml")
    replicate_xml(xml_source, target / "ictrp-xml" / xml_source.name, XML_COPIES)
    return target
