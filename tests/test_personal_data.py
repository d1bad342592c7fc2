"""No real person's contact data in the repository's test data.

The fixtures, the golden files, the examples and the real-record sample in
tests/data may hold e-mail addresses and telephone numbers only from an
allow-list of fictional ones: addresses at the reserved example domains
(RFC 2606) and numbers whose digits are all 0 (tests/data/SOURCES.md: the
real records' contacts are redacted that way by scripts/cut_test_data.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import DATA, EXAMPLES, FIXTURES

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
FICTIONAL_DOMAINS = frozenset({"example.org", "example.com", "example.net"})
# a telephone number is found where a record or a graph labels it as one
PHONES = (
    re.compile(r"(?im)^\s*(?:Telephone|Tel|Phone)\s*:\s*(.+)$"),  # Trial2 pages
    re.compile(r'"phone"\s*:\s*"([^"]*)"'),  # ClinicalTrials.gov JSON (an extension alone is not)
    re.compile(r"(?s)<(?:phone|Contact_Tel|Ethics_review_contact_phone)>(.*?)</"),
    re.compile(r'(?:schema:telephone|schema.org/telephone>)\s+"([^"]*)"'),  # goldens
)
SCANNED = (FIXTURES, DATA, EXAMPLES)
TEXT = {".txt", ".json", ".ndjson", ".xml", ".csv", ".ttl", ".nt", ".nq", ".trig", ".jsonld"}


def files() -> list[Path]:
    return sorted(p for root in SCANNED for p in root.rglob("*") if p.suffix in TEXT)


def fictional_phone(value: str) -> bool:
    """Only zeros where digits would be (a real number has other digits)."""
    return not re.search(r"[1-9]", value)


def contacts(path: Path) -> Iterator[tuple[str, str]]:
    """("email" | "phone", value) for every contact value the file holds."""
    text = path.read_text("utf-8", errors="replace")
    for match in EMAIL.finditer(text):
        yield "email", match.group(0)
    for pattern in PHONES:
        for match in pattern.finditer(text):
            yield "phone", match.group(1).strip()
    if path.suffix == ".csv":  # ICTRP CSV: the telephone column
        rows = list(csv.reader(io.StringIO(text)))
        columns = [i for i, name in enumerate(rows[0] if rows else []) if "tel" in name.lower()]
        for row in rows[1:]:
            yield from (("phone", row[i]) for i in columns if i < len(row) and row[i].strip())


def test_the_scan_finds_contacts_where_they_are() -> None:
    seed = DATA / "seeds" / "000_6c0a2388d8003ccd.txt"
    found = set(contacts(seed))
    assert ("email", "redacted@example.org") in found and ("phone", "000 00000000000") in found
    assert not fictional_phone("086 18061202878") and fictional_phone("+00 (000) 000-0000")


@pytest.mark.parametrize("path", files(), ids=lambda p: str(p.relative_to(FIXTURES.parents[1])))
def test_only_fictional_contacts(path: Path) -> None:
    real = [
        (kind, value)
        for kind, value in contacts(path)
        if (kind == "email" and value.split("@")[1].lower() not in FICTIONAL_DOMAINS)
        or (kind == "phone" and not fictional_phone(value))
    ]
    assert real == [], (
        f"{path}: replace with fictional values (an address at example.org, a number of "
        f"zeros), or cut real records again with scripts/cut_test_data.py: {real}"
    )
