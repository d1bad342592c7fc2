"""Issue 10: no e-mail address or telephone number in exported literals without
--include-contacts, over the real records (the whole shared corpus, or tests/data) and
the hostile corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.privacy import scrub

from . import hostile_corpus

RUN = CliRunner()
EMAIL = re.compile(rb"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(rb"\+\d{1,3}[ -]?\(?\d{1,4}\)?(?:[ -]?\d{2,5}){2,}")


def _literals(path: Path) -> bytes:
    """The literal parts of every line (IRIs could hold digits, never contacts)."""
    return b"\n".join(line[line.find(b'"') :] for line in path.read_bytes().splitlines()
                      if b'"' in line)  # fmt: skip


@pytest.mark.slow
def test_no_contact_data_in_the_corpus_output(real: Path, tmp_path: Path) -> None:
    """tests/data's contacts are redacted to ``redacted@example.org`` and ``+00 0000...``:
    still an e-mail address and a telephone number to the scrubber, in the same fields."""
    hostile_corpus.write(tmp_path / "hostile")
    inputs = [str(real), str(tmp_path / "hostile")]
    closed, opened = tmp_path / "closed.nq", tmp_path / "open.nq"
    RUN.invoke(main, ["convert", *inputs, "-o", str(closed)])
    RUN.invoke(main, ["convert", *inputs, "-o", str(opened), "--include-contacts"])
    with_contacts = _literals(opened)
    assert len(EMAIL.findall(with_contacts)) >= 10  # the inputs hold them: the test can fail
    assert PHONE.search(with_contacts)
    without = _literals(closed)
    assert EMAIL.findall(without) == []
    assert PHONE.findall(without) == []


def test_scrub_keeps_what_is_not_contact_data() -> None:
    kept = [
        "Aged >= 18 years; dose 1,000 mg on 2020-01-01",
        "ISRCTN12345678 and NCT04946669; EudraCT 2020-001234-56",
        "Group A:20;Group B:20;",
        "Body weight 50-100 kg, BMI 18.5-30",
    ]
    assert [scrub(text) for text in kept] == kept
    assert scrub("Committee (ethics@uni.example), phone: 030 450 570 000") == "Committee, phone:"
