"""Cut the real-record sample of tests/data from the shared corpus and seed (run once, review).

.venv/bin/python scripts/cut_test_data.py [SHARED]   (default: ../shared beside the checkout)

Whole files are copied for ClinicalTrials.gov and the seed page; the ICTRP XML and
CSV exports are cut to a few records of several registers. Contact e-mail addresses
become ``redacted@example.org`` and every digit (and letter) of a telephone number becomes 0, so
the copies hold no personal contact data (tests/data/SOURCES.md says so).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = "000_6c0a2388d8003ccd.txt"
CTGOV_JSON = ("NCT03418623", "NCT04207047", "NCT06171568")
CTGOV_XML = ("NCT02591810", "NCT00001177", "NCT01642004")
CTGOV_V1 = ("NCT04780763",)  # the retired API v1: a record trialkg must reject
ICTRP_XML = "machado-t_ICTRP-Results(1).xml"
ICTRP_XML_IDS = (
    "EUCTR2021-000037-14-ES", "NCT06360289", "DRKS", "JPRN", "ChiCTR", "KCT", "NL", "CTIS",
)  # fmt: skip
ICTRP_CSV = "COVID19-927-trials_7Apr2020.csv.gz"
ICTRP_CSV_IDS = (
    "ChiCTR2000029308", "NCT", "ACTRN", "IRCT", "ISRCTN", "NL", "EUCTR", "JPRN", "TCTR", "DRKS",
)  # fmt: skip

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
REDACTED_EMAIL = "redacted@example.org"


def zero_digits(text: str) -> str:
    """A telephone number with every digit and letter 0 (its shape kept, its number gone)."""
    return re.sub(r"[0-9A-Za-z]", "0", text)


def redact_text(text: str, phone_field: re.Pattern[str]) -> str:
    """E-mail addresses replaced; the values matched by ``phone_field`` (group 2) zeroed."""
    text = EMAIL.sub(REDACTED_EMAIL, text)
    return phone_field.sub(lambda m: m.group(1) + zero_digits(m.group(2)) + m.group(3), text)


PHONE_IN_TEXT = re.compile(r"(?m)^(Telephone:)([^\n]*)()$")
PHONE_IN_JSON = re.compile(r'("phone(?:Ext)?"\s*:\s*")([^"]*)(")')
PHONE_IN_XML = re.compile(
    r"(?s)(<(?:phone|phone_ext|Contact_Tel|Ethics_review_contact_phone)>)(.*?)(</)"
)


def _first_with_prefix(ids: list[str], prefix: str) -> str:
    if prefix in ids:
        return prefix
    return next(i for i in ids if i.startswith(prefix))


def cut_ictrp_xml(source: Path, out: Path) -> None:
    text = source.read_text("utf-8")
    trials = re.findall(r"(?s)<Trial>.*?</Trial>", text)
    ids = [re.search(r"<TrialID>\s*(\S+)", t).group(1) for t in trials]  # type: ignore[union-attr]
    wanted = {_first_with_prefix(ids, p) for p in ICTRP_XML_IDS}
    kept = [t for t, i in zip(trials, ids, strict=True) if i in wanted]
    head = text[: text.index("<Trial>")]
    body = "\n  ".join(redact_text(t, PHONE_IN_XML) for t in kept)
    out.write_text(f"{head}{body}\n</Trials_downloaded_from_ICTRP>\n", "utf-8")


def cut_ictrp_csv(source: Path, out: Path) -> None:
    with gzip.open(source, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, rows = rows[0], rows[1:]
    ids = [r[0] for r in rows]
    wanted = {_first_with_prefix(ids, p) for p in ICTRP_CSV_IDS}
    phone_columns = [i for i, name in enumerate(header) if "tel" in name.lower()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        if row[0] in wanted:
            row = [EMAIL.sub(REDACTED_EMAIL, v) for v in row]
            for i in phone_columns:
                row[i] = zero_digits(row[i])
            writer.writerow(row)
    out.write_text(buffer.getvalue(), "utf-8", newline="")


def main(shared: Path) -> None:
    corpus = shared / "corpus"
    for folder in (
        "seeds",
        "ctgov-v1-json",
        "ctgov-v2-json",
        "ctgov-xml",
        "ictrp-xml",
        "ictrp-csv",
    ):
        (DATA / folder).mkdir(parents=True, exist_ok=True)
    seed = (shared / "seeds" / SEED).read_text("utf-8")
    (DATA / "seeds" / SEED).write_text(redact_text(seed, PHONE_IN_TEXT), "utf-8")
    for nct in CTGOV_JSON:
        text = (corpus / "ctgov-v2-json" / f"{nct}.json").read_text("utf-8")
        (DATA / "ctgov-v2-json" / f"{nct}.json").write_text(redact_text(text, PHONE_IN_JSON))
    for nct in CTGOV_V1:
        text = (corpus / "ctgov-v1-json" / f"{nct}.json").read_text("utf-8")
        (DATA / "ctgov-v1-json" / f"{nct}.json").write_text(redact_text(text, PHONE_IN_JSON))
    for nct in CTGOV_XML:
        text = (corpus / "ctgov-xml" / f"{nct}.xml").read_text("utf-8")
        (DATA / "ctgov-xml" / f"{nct}.xml").write_text(redact_text(text, PHONE_IN_XML))
    cut_ictrp_xml(corpus / "ictrp-xml" / ICTRP_XML, DATA / "ictrp-xml" / "ictrp-sample.xml")
    cut_ictrp_csv(corpus / "ictrp-csv" / ICTRP_CSV, DATA / "ictrp-csv" / "ictrp-sample.csv")
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
