"""Cut the real-record sample of tests/data from the shared corpus and seed (run once, review).

.venv/bin/python scripts/cut_test_data.py [SHARED]   (default: ../shared beside the checkout)

Whole files are copied for ClinicalTrials.gov and the seed page; the ICTRP XML and
CSV exports are cut to a few records of several registers, and the records of the study
clusters of the ICTRP XML export go to clusters/ictrp-clusters.xml. Contact e-mail addresses
become ``redacted@example.org`` and every digit (and letter) of a telephone number becomes 0, so
the copies hold no personal contact data (tests/data/SOURCES.md says so).
cut_criteria_records writes the source records of the held-out criteria gold
(heldout*.jsonl) to tests/data/criteria-gold/records/, cut and redacted the same way;
the records of the randomly drawn sets (scripts/draw_criteria_gold.py: heldout6 to
heldout10) go to records/heldoutN/, so the inputs of the earlier sets stay as they were.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
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
# every record of the study clusters kg.clusters.rebuild finds in ICTRP_XML (ten clusters;
# tests/test_linked_clusters.py checks EUCTR2021-000037-14 and CTIS2023-507385-11-00)
ICTRP_CLUSTER_IDS = (
    "CTIS2023-507385-11-00", "NCT05697861",
    "EUCTR2013-002987-17-SE", "NCT01960348",
    "EUCTR2013-004561-13-PT", "NCT02175004",
    "EUCTR2014-003865-11-NL", "NCT02312206",
    "EUCTR2014-003877-40-ES", "NCT02510261",
    "EUCTR2017-005115-13-ES", "EUCTR2017-005115-13-FR",
    "EUCTR2018-003519-24-GB", "NCT03862807",
    "EUCTR2019-001698-10-PT", "JPRN-jRCT2071210009", "NL-OMON55279",
    "EUCTR2021-000037-14-DK", "EUCTR2021-000037-14-ES", "EUCTR2021-000037-14-HU",
    "EUCTR2021-000037-14-PL", "EUCTR2021-000037-14-PT",
    "JPRN-jRCT2080224769", "NCT03759379",
)  # fmt: skip
ICTRP_CSV = "COVID19-927-trials_7Apr2020.csv.gz"
ICTRP_CSV_IDS = (
    "ChiCTR2000029308", "NCT", "ACTRN", "IRCT", "ISRCTN", "NL", "EUCTR", "JPRN", "TCTR", "DRKS",
)  # fmt: skip

# the source records of the held-out criteria gold (tests/data/criteria-gold/heldout*.jsonl)
CRITERIA_GOLD = DATA / "criteria-gold"
CRITERIA_RECORDS = CRITERIA_GOLD / "records"
CRITERIA_CTGOV_XML = ("NCT00513591", "NCT02567188", "NCT02970669", "NCT03521479", "NCT01174550")
CRITERIA_CTGOV_JSON = ("NCT00763412", "NCT03475563", "NCT02552212", "NCT02210780")
CRITERIA_ICTRP_XML = (
    "ChiCTR2100050713", "EUCTR2018-002548-10-IT", "EUCTR2014-001586-27-ES", "JPRN-jRCT2080224769",
    "EUCTR2015-004318-14-DE", "NL-OMON55279",
)  # fmt: skip
CRITERIA_ICTRP_CSV = (
    "EUCTR2020-000890-25-FR", "JPRN-jRCTs041190120", "NL8490", "NL8491", "ChiCTR2000030015",
    "NCT04323839", "IRCT20200316046792N1", "ACTRN12620000417987",
    "ChiCTR2000030084", "NCT04333472", "ChiCTR2000030170",
)  # fmt: skip
# heldout6: the random draw of scripts/draw_criteria_gold.py (seed 20261202), its own folder
HELDOUT6: dict[str, tuple[str, ...]] = {
    "ctgov-xml": ("NCT04452435", "NCT03391583", "NCT01841593", "NCT02798588"),
    "ctgov-v2-json": ("NCT03630471", "NCT04207047"),
    "ictrp-xml": ("NL-OMON31535", "CTIS2023-507385-11-00", "JPRN-jRCT2080221636", "DRKS00030545"),
    "ictrp-csv": (
        "ISRCTN83971151", "IRCT20200128046294N2", "ACTRN12620000421932", "EUCTR2020-001254-22-BE",
    ),
}  # fmt: skip
# heldout7: the same script's draw with seed 20261203 and MIN 160, records/heldout7/
HELDOUT7: dict[str, tuple[str, ...]] = {
    "ctgov-xml": (
        "NCT01357915", "NCT01065844", "NCT02317510", "NCT01029262", "NCT01220531", "NCT02903849",
    ),
    "ctgov-v2-json": (),
    "ictrp-xml": (
        "DRKS00031084", "JPRN-jRCTs031210156", "EUCTR2018-003519-24-GB", "NCT03237494",
        "NCT04985734", "NCT05925621", "NCT04963985",
    ),
    "ictrp-csv": (
        "IRCT20160625028622N1", "NL8483", "ISRCTN51287266", "ACTRN12620000443998",
        "ChiCTR2000030720", "TCTR20200321001",
    ),
}  # fmt: skip
# heldout8: the same script's draw with seed 20261204 and MIN 160, records/heldout8/
HELDOUT8: dict[str, tuple[str, ...]] = {
    "ctgov-xml": (
        "NCT01642004", "NCT00151216", "NCT02438137", "NCT03245528", "NCT03133988", "NCT03191552",
    ),
    "ctgov-v2-json": (),
    "ictrp-xml": (
        "JPRN-UMIN000008396", "EUCTR2011-000776-34-SE", "DRKS00015863", "NCT02713880",
        "NCT02175004", "NCT05311488",
    ),
    "ictrp-csv": (
        "IRCT20151227025726N12", "NL8485", "ChiCTR2000030312", "ISRCTN14966673",
        "ACTRN12620000438954", "TCTR20200324001",
    ),
}  # fmt: skip
# heldout9: the same script's draw with seed 20261205 and MIN 160, records/heldout9/
HELDOUT9: dict[str, tuple[str, ...]] = {
    "ctgov-xml": ("NCT02699827", "NCT02028676", "NCT02465060", "NCT01076361"),
    "ctgov-v2-json": (),
    "ictrp-xml": (
        "JPRN-jRCTs031210288", "DRKS00021577", "NCT05023889", "NCT06414746", "NCT02061878",
    ),
    "ictrp-csv": ("ChiCTR2000030687", "NL8473", "ACTRN12620000449932", "ISRCTN16912075"),
}  # fmt: skip
# heldout10: the same script's draw with seed 20261206 and MIN 160, records/heldout10/
HELDOUT10: dict[str, tuple[str, ...]] = {
    "ctgov-xml": ("NCT02708238", "NCT03147742", "NCT04349592", "NCT03840122", "NCT00001177"),
    "ctgov-v2-json": (),
    "ictrp-xml": (
        "JPRN-UMIN000001825", "NCT05950867", "NCT06360289", "NCT04828928", "NCT04601051",
        "NCT01821118",
    ),
    "ictrp-csv": (
        "ChiCTR2000029435", "EUCTR2020-001243-15-BE", "DRKS00021134", "ACTRN12620000444987",
        "NCT04251871",
    ),
}  # fmt: skip
# heldout11: the same script's draw with seed 20261209 and MIN 160, records/heldout11/
HELDOUT11: dict[str, tuple[str, ...]] = {
    "ctgov-xml": ("NCT00482794", "NCT01298141"),
    "ctgov-v2-json": (),
    "ictrp-xml": (
        "JPRN-UMIN000027045", "NCT02152644", "NCT04850105", "NCT03431896", "NCT01604122",
        "NCT05087953", "NCT04201418",
    ),
    "ictrp-csv": (
        "ACTRN12620000448943", "ChiCTR2000030681", "EUCTR2020-001162-12-FR", "NCT04322396",
        "NCT04331470", "ChiCTR2000030331", "NCT04324021", "ChiCTR2000030852", "ChiCTR2000030163",
        "ChiCTR2000031247", "NCT04326075", "NCT04226157", "ChiCTR2000029747", "NCT04318444",
        "NCT04331899",
    ),
}  # fmt: skip
# heldout12: the same script's draw with seed 20261210 and MIN 160, records/heldout12/ (all 19
# from the ICTRP CSV: the CT.gov XML, CT.gov v2 JSON and ICTRP XML pools have no unseen trial left)
HELDOUT12: dict[str, tuple[str, ...]] = {
    "ctgov-xml": (),
    "ctgov-v2-json": (),
    "ictrp-xml": (),
    "ictrp-csv": (
        "JPRN-jRCTs031190227", "NCT04333628", "EUCTR2020-001281-11-FR", "ChiCTR2000030759",
        "NCT04326790", "ChiCTR2000029461", "ChiCTR2000029883", "ChiCTR2000030477",
        "ChiCTR2000030841", "ChiCTR2000030816", "ChiCTR2000031337", "NCT04323787",
        "ChiCTR2000030215", "ChiCTR2000030761", "ChiCTR2000030484", "NCT04329546",
        "ChiCTR2000030578", "ChiCTR2000030290", "ChiCTR2000029781",
    ),
}  # fmt: skip
# heldout-sex: scripts/draw_sex_gold.py with seed 20261207 (100 criteria), records/heldout-sex/
HELDOUT_SEX: dict[str, tuple[str, ...]] = {
    "ctgov-xml": ("NCT00023673",),
    "ctgov-v2-json": (),
    "ictrp-xml": ("NCT03588468",),
    "ictrp-csv": (
        "ChiCTR2000029386", "ChiCTR2000029459", "ChiCTR2000029580", "ChiCTR2000029732",
        "ChiCTR2000029741", "ChiCTR2000029757", "ChiCTR2000029759", "ChiCTR2000029761",
        "ChiCTR2000029763", "ChiCTR2000029765", "ChiCTR2000029780", "ChiCTR2000029819",
        "ChiCTR2000029837", "ChiCTR2000029851", "ChiCTR2000029867", "ChiCTR2000029941",
        "ChiCTR2000029976", "ChiCTR2000029988", "ChiCTR2000029992", "ChiCTR2000029996",
        "ChiCTR2000029999", "ChiCTR2000030007", "ChiCTR2000030022", "ChiCTR2000030029",
        "ChiCTR2000030031", "ChiCTR2000030058", "ChiCTR2000030116", "ChiCTR2000030138",
        "ChiCTR2000030165", "ChiCTR2000030224", "ChiCTR2000030262", "ChiCTR2000030317",
        "ChiCTR2000030322", "ChiCTR2000030387", "ChiCTR2000030417", "ChiCTR2000030468",
        "ChiCTR2000030485", "ChiCTR2000030489", "ChiCTR2000030540", "ChiCTR2000030552",
        "ChiCTR2000030700", "ChiCTR2000030717", "ChiCTR2000030722", "ChiCTR2000030836",
        "ChiCTR2000030940", "ChiCTR2000031089", "ChiCTR2000031104", "ChiCTR2000031139",
        "ChiCTR2000031324", "ChiCTR2000031432", "ChiCTR2000031494", "EUCTR2015-002340-14-NL",
        "EUCTR2020-001039-29-GR", "EUCTR2020-001172-15-DK", "EUCTR2020-001345-38-GR",
        "NCT03808922", "NCT04244591", "NCT04252118", "NCT04260594", "NCT04261270",
        "NCT04261517", "NCT04272710", "NCT04273321", "NCT04273529", "NCT04273581",
        "NCT04288102", "NCT04291053", "NCT04293692", "NCT04304313", "NCT04312997",
        "NCT04317040", "NCT04318015", "NCT04320615", "NCT04321174", "NCT04322682",
        "NCT04322773", "NCT04324073", "NCT04324606", "NCT04325893", "NCT04326309",
        "NCT04327401", "NCT04327505", "NCT04328285", "NCT04328441", "NCT04328961",
        "NCT04329533", "NCT04330300", "NCT04330495", "NCT04331054", "NCT04331600",
        "NCT04333225", "NCT04333914",
    ),
}  # fmt: skip
# heldout-sex2: scripts/draw_sex_gold.py --one-sex with seed 20261208 (80 criteria),
# records/heldout-sex2/
HELDOUT_SEX2: dict[str, tuple[str, ...]] = {
    "ctgov-xml": ("NCT01339988", "NCT03228394"),
    "ctgov-v2-json": (),
    "ictrp-xml": ("NCT04418024",),
    "ictrp-csv": (
        "ChiCTR2000029460", "ChiCTR2000029544", "ChiCTR2000029621", "ChiCTR2000029739",
        "ChiCTR2000029755", "ChiCTR2000029803", "ChiCTR2000029813", "ChiCTR2000029895",
        "ChiCTR2000029947", "ChiCTR2000029954", "ChiCTR2000029959", "ChiCTR2000029990",
        "ChiCTR2000030001", "ChiCTR2000030008", "ChiCTR2000030020", "ChiCTR2000030028",
        "ChiCTR2000030046", "ChiCTR2000030088", "ChiCTR2000030093", "ChiCTR2000030187",
        "ChiCTR2000030327", "ChiCTR2000030389", "ChiCTR2000030476", "ChiCTR2000030483",
        "ChiCTR2000030509", "ChiCTR2000030556", "ChiCTR2000030702", "ChiCTR2000030716",
        "ChiCTR2000030718", "ChiCTR2000030779", "ChiCTR2000030835", "ChiCTR2000030850",
        "ChiCTR2000030897", "ChiCTR2000030920", "ChiCTR2000030962", "ChiCTR2000030987",
        "ChiCTR2000031187", "ChiCTR2000031196", "ChiCTR2000031204", "ChiCTR2000031319",
        "ChiCTR2000031430", "EUCTR2020-000919-69-NL", "NCT03331445", "NCT04252885",
        "NCT04256395", "NCT04261426", "NCT04269525", "NCT04273646", "NCT04273763",
        "NCT04275388", "NCT04275414", "NCT04276987", "NCT04279197", "NCT04280224",
        "NCT04283461", "NCT04285190", "NCT04298060", "NCT04305106", "NCT04306497",
        "NCT04312100", "NCT04317092", "NCT04319900", "NCT04320238", "NCT04323631",
        "NCT04331613", "NCT04332380", "NCT04332835", "NCT04332913", "NCT04333550",
    ),
}  # fmt: skip
# heldout-sex3: scripts/draw_sex_gold.py --both with seed 20261211 (113 criteria),
# records/heldout-sex3/
HELDOUT_SEX3: dict[str, tuple[str, ...]] = {
    "ctgov-xml": (),
    "ctgov-v2-json": (),
    "ictrp-xml": (),
    "ictrp-csv": (
        "ChiCTR2000029387", "ChiCTR2000029418", "ChiCTR2000029431", "ChiCTR2000029479",
        "ChiCTR2000029541", "ChiCTR2000029542", "ChiCTR2000029606", "ChiCTR2000029609",
        "ChiCTR2000029658", "ChiCTR2000029740", "ChiCTR2000029760", "ChiCTR2000029778",
        "ChiCTR2000029789", "ChiCTR2000029790", "ChiCTR2000029806", "ChiCTR2000029821",
        "ChiCTR2000029822", "ChiCTR2000029853", "ChiCTR2000029869", "ChiCTR2000029935",
        "ChiCTR2000029939", "ChiCTR2000029972", "ChiCTR2000029985", "ChiCTR2000029994",
        "ChiCTR2000030002", "ChiCTR2000030006", "ChiCTR2000030033", "ChiCTR2000030034",
        "ChiCTR2000030055", "ChiCTR2000030089", "ChiCTR2000030173", "ChiCTR2000030196",
        "ChiCTR2000030226", "ChiCTR2000030258", "ChiCTR2000030260", "ChiCTR2000030261",
        "ChiCTR2000030333", "ChiCTR2000030388", "ChiCTR2000030424", "ChiCTR2000030465",
        "ChiCTR2000030469", "ChiCTR2000030487", "ChiCTR2000030503", "ChiCTR2000030544",
        "ChiCTR2000030557", "ChiCTR2000030564", "ChiCTR2000030580", "ChiCTR2000030721",
        "ChiCTR2000030741", "ChiCTR2000030750", "ChiCTR2000030751", "ChiCTR2000030832",
        "ChiCTR2000030857", "ChiCTR2000030883", "ChiCTR2000030892", "ChiCTR2000030898",
        "ChiCTR2000030906", "ChiCTR2000030922", "ChiCTR2000030944", "ChiCTR2000030992",
        "ChiCTR2000031203", "ChiCTR2000031329", "ChiCTR2000031453", "ChiCTR2000031501",
        "ChiCTR2000031504", "ChiCTR2000031630", "ChiCTR2000031639", "EUCTR2020-001010-38-NO",
        "NCT03680274", "NCT04263402", "NCT04264533", "NCT04268537", "NCT04276688", "NCT04280588",
        "NCT04282902", "NCT04286503", "NCT04292964", "NCT04306393", "NCT04312243", "NCT04313127",
        "NCT04315896", "NCT04320511", "NCT04320953", "NCT04322123", "NCT04322565", "NCT04323592",
        "NCT04323800", "NCT04324996", "NCT04325646", "NCT04326426", "NCT04327180", "NCT04327206",
        "NCT04328480", "NCT04329559", "NCT04329611", "NCT04329650", "NCT04330144", "NCT04330586",
        "NCT04331808", "NCT04331834", "NCT04332094", "NCT04332666", "NCT04333251", "NCT04333407",
        "NCT04333589", "NCT04334044",
    ),
}  # fmt: skip
DRAWN = {
    "heldout6": HELDOUT6, "heldout7": HELDOUT7, "heldout8": HELDOUT8, "heldout9": HELDOUT9,
    "heldout10": HELDOUT10, "heldout-sex": HELDOUT_SEX, "heldout-sex2": HELDOUT_SEX2,
    "heldout11": HELDOUT11, "heldout12": HELDOUT12, "heldout-sex3": HELDOUT_SEX3,
}  # fmt: skip

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


def _ictrp_xml_trials(source: Path) -> tuple[str, list[str], list[str]]:
    """The text before the first ``<Trial>``, the ``<Trial>`` elements and their trial IDs."""
    text = source.read_text("utf-8")
    trials = re.findall(r"(?s)<Trial>.*?</Trial>", text)
    ids = [re.search(r"<TrialID>\s*(\S+)", t).group(1) for t in trials]  # type: ignore[union-attr]
    return text[: text.index("<Trial>")], trials, ids


def _write_ictrp_xml(out: Path, head: str, kept: list[str]) -> None:
    body = "\n  ".join(redact_text(t, PHONE_IN_XML) for t in kept)
    out.write_text(f"{head}{body}\n</Trials_downloaded_from_ICTRP>\n", "utf-8")


def cut_ictrp_xml(source: Path, out: Path) -> None:
    head, trials, ids = _ictrp_xml_trials(source)
    wanted = {_first_with_prefix(ids, p) for p in ICTRP_XML_IDS}
    _write_ictrp_xml(out, head, [t for t, i in zip(trials, ids, strict=True) if i in wanted])


def cut_ictrp_clusters(source: Path, out: Path) -> None:
    """The records of ICTRP_CLUSTER_IDS, in the order of the source file."""
    head, trials, ids = _ictrp_xml_trials(source)
    missing = set(ICTRP_CLUSTER_IDS) - set(ids)
    if missing:
        raise SystemExit(f"not in {source.name}: {sorted(missing)}")
    wanted = set(ICTRP_CLUSTER_IDS)
    _write_ictrp_xml(out, head, [t for t, i in zip(trials, ids, strict=True) if i in wanted])


def cut_ictrp_csv(source: Path, out: Path, prefixes: tuple[str, ...] = ICTRP_CSV_IDS) -> None:
    """The header and the first row of each prefix (an exact TrialID picks that trial)."""
    with gzip.open(source, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, rows = rows[0], rows[1:]
    ids = [r[0] for r in rows]
    wanted = {_first_with_prefix(ids, p) for p in prefixes}
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


def cut_criteria_records(corpus: Path, out: Path = CRITERIA_RECORDS) -> None:
    """The source records of the held-out criteria gold (heldout*.jsonl), laid out as the corpus."""
    gold_ids = {
        json.loads(line)["trial_id"]
        for name in sorted(p.name for p in CRITERIA_GOLD.glob("heldout*.jsonl"))
        if name.removesuffix(".jsonl") not in DRAWN
        for line in (CRITERIA_GOLD / name).read_text("utf-8").splitlines()
        if line.strip()
    }
    cut = {*CRITERIA_CTGOV_XML, *CRITERIA_CTGOV_JSON, *CRITERIA_ICTRP_XML, *CRITERIA_ICTRP_CSV}
    assert cut == gold_ids, sorted(cut ^ gold_ids)
    for folder in ("ctgov-xml", "ctgov-v2-json", "ictrp-xml", "ictrp-csv"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for nct in CRITERIA_CTGOV_XML:
        text = (corpus / "ctgov-xml" / f"{nct}.xml").read_text("utf-8")
        (out / "ctgov-xml" / f"{nct}.xml").write_text(redact_text(text, PHONE_IN_XML), "utf-8")
    for nct in CRITERIA_CTGOV_JSON:
        text = (corpus / "ctgov-v2-json" / f"{nct}.json").read_text("utf-8")
        redacted = redact_text(text, PHONE_IN_JSON)
        (out / "ctgov-v2-json" / f"{nct}.json").write_text(redacted, "utf-8")
    head, trials, ids = _ictrp_xml_trials(corpus / "ictrp-xml" / ICTRP_XML)
    assert set(CRITERIA_ICTRP_XML) <= set(ids), sorted(set(CRITERIA_ICTRP_XML) - set(ids))
    kept = [t for t, i in zip(trials, ids, strict=True) if i in CRITERIA_ICTRP_XML]
    _write_ictrp_xml(out / "ictrp-xml" / "ictrp-heldout.xml", head, kept)
    csv_out = out / "ictrp-csv" / "ictrp-heldout.csv"
    cut_ictrp_csv(corpus / "ictrp-csv" / ICTRP_CSV, csv_out, CRITERIA_ICTRP_CSV)
    for name, trials in DRAWN.items():
        cut_drawn_records(corpus, name, trials)


def _ctgov_file(folder: Path, nct: str) -> Path:
    """The corpus file of a CT.gov record (some names carry a suffix: NCT04452435_covid_19.xml)."""
    return next(p for p in sorted(folder.iterdir()) if p.name.startswith(nct))


def cut_drawn_records(corpus: Path, name: str, drawn: dict[str, tuple[str, ...]]) -> None:
    """The source records of a drawn set (``name``.jsonl) in records/``name``/, as the corpus."""
    out = CRITERIA_RECORDS / name
    for folder, trials in drawn.items():
        if trials:
            (out / folder).mkdir(parents=True, exist_ok=True)
    for nct in drawn["ctgov-xml"]:
        text = _ctgov_file(corpus / "ctgov-xml", nct).read_text("utf-8")
        (out / "ctgov-xml" / f"{nct}.xml").write_text(redact_text(text, PHONE_IN_XML), "utf-8")
    for nct in drawn["ctgov-v2-json"]:
        text = _ctgov_file(corpus / "ctgov-v2-json", nct).read_text("utf-8")
        redacted = redact_text(text, PHONE_IN_JSON)
        (out / "ctgov-v2-json" / f"{nct}.json").write_text(redacted, "utf-8")
    head, trials, ids = _ictrp_xml_trials(corpus / "ictrp-xml" / ICTRP_XML)
    wanted = set(drawn["ictrp-xml"])
    assert wanted <= set(ids), sorted(wanted - set(ids))
    kept = [t for t, i in zip(trials, ids, strict=True) if i in wanted]
    if kept:  # heldout12 drew no ICTRP XML trial
        _write_ictrp_xml(out / "ictrp-xml" / f"ictrp-{name}.xml", head, kept)
    csv_out = out / "ictrp-csv" / f"ictrp-{name}.csv"
    cut_ictrp_csv(corpus / "ictrp-csv" / ICTRP_CSV, csv_out, drawn["ictrp-csv"])


def main(shared: Path) -> None:
    corpus = shared / "corpus"
    for folder in (
        "seeds",
        "ctgov-v1-json",
        "ctgov-v2-json",
        "ctgov-xml",
        "ictrp-xml",
        "ictrp-csv",
        "clusters",
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
    cut_ictrp_clusters(corpus / "ictrp-xml" / ICTRP_XML, DATA / "clusters" / "ictrp-clusters.xml")
    cut_criteria_records(corpus)
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
