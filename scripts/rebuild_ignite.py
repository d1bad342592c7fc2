"""Rebuild the records of heldout13 to heldout19 and heldout-sex4 to heldout-sex10 from saved
ignite-sd.com pages (issue 12).

PYTHONPATH=$PWD .venv/bin/python scripts/rebuild_ignite.py [--check]

Every pool of ../shared/corpus is used up, so these criteria-gold sets come from stored
copies of ignite-sd.com "Eligibility Module" pages: one ClinicalTrials.gov study's eligibility
module each, its criteria the v2 API's markdown with the newlines flattened to spaces (the draws:
tests/data/criteria-gold/README.md, "How heldout13 and heldout-sex4 were drawn", "How heldout14
and heldout-sex5 were drawn", "How heldout15 and heldout-sex6 were drawn", "How heldout16 and
heldout-sex7 were drawn", "How heldout17 and heldout-sex8 were drawn"). Each page is saved under
tests/data/criteria-gold/sources/ignite/<NCT>.txt, its URL on the first line, then the page's
lines from "NCT ID:" on. This script turns each into a ClinicalTrials.gov v2 JSON study
(the shape trialkg's ctgov-json reader takes) under records/<set>/ctgov-v2-json/<NCT>.json:
``identificationModule`` {nctId, briefTitle ``TITLE``: the pages carry no title} and
``eligibilityModule`` {eligibilityCriteria, healthyVolunteers, sex, minimumAge, maximumAge} as the
page gives them (absent fields left out). The criteria's newlines are restored by
:func:`restore_newlines` and nothing else is changed (the markdown escapes stay, as in the v2 API).
``--check`` writes nothing and fails when a record differs from what the sources give.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "criteria-gold"
SOURCES = GOLD / "sources" / "ignite"
TITLE = "(title not in source)"

# the drawn trials of each set, in draw order (README, "How heldout13 and heldout-sex4 were drawn")
HELDOUT_SEX4: tuple[str, ...] = (
    "NCT01802060",
    "NCT02400060",
    "NCT01024959",
    "NCT01429103",
    "NCT03985618",
    "NCT07169292",
    "NCT00927095",
    "NCT03518034",
    "NCT01603303",
    "NCT06940466",
    "NCT03215368",
    "NCT05340634",
    "NCT03018132",
    "NCT01092858",
    "NCT04825002",
    "NCT03436303",
    "NCT01116167",
    "NCT04746456",
    "NCT05756634",
    "NCT05465135",
    "NCT03483857",
    "NCT03074903",
    "NCT04204395",
    "NCT03823820",
    "NCT05632003",
    "NCT03338504",
    "NCT04800133",
    "NCT05152433",
    "NCT04712058",
    "NCT05758402",
    "NCT03577535",
    "NCT03999268",
    "NCT04757220",
    "NCT05061992",
    "NCT07183657",
    "NCT03668132",
    "NCT04093492",
    "NCT04074603",
    "NCT03309995",
    "NCT04816916",
    "NCT03317860",
    "NCT03767634",
    "NCT00713934",
    "NCT07060066",
    "NCT04910750",
)
HELDOUT13: tuple[str, ...] = (
    "NCT06278532",
    "NCT05401058",
    "NCT03835104",
    "NCT00966069",
    "NCT04800068",
    "NCT02374450",
    "NCT03964467",
    "NCT05336903",
    "NCT00674804",
    "NCT03778450",
    "NCT03704103",
    "NCT06958393",
    "NCT04675905",
    "NCT04546360",
    "NCT00923156",
)
# the second draw (README, "How heldout14 and heldout-sex5 were drawn")
HELDOUT_SEX5: tuple[str, ...] = (
    "NCT06666933",
    "NCT02411357",
    "NCT00284492",
    "NCT05562518",
    "NCT00004993",
    "NCT04245566",
    "NCT03086057",
    "NCT02149992",
    "NCT03981861",
    "NCT01216358",
    "NCT00283192",
    "NCT01144468",
    "NCT03394651",
    "NCT06931106",
    "NCT01833559",
    "NCT01539720",
    "NCT02981732",
    "NCT03256435",
    "NCT07263412",
    "NCT00269620",
    "NCT05520905",
    "NCT03957603",
    "NCT00236795",
    "NCT03767803",
    "NCT04298034",
    "NCT04302220",
    "NCT03828058",
    "NCT03202420",
    "NCT02301403",
    "NCT05786820",
    "NCT03384732",
    "NCT03439735",
    "NCT02651350",
    "NCT03408158",
    "NCT01948869",
    "NCT04713995",
    "NCT03434704",
    "NCT04941456",
    "NCT04887558",
    "NCT02954393",
)
HELDOUT14: tuple[str, ...] = (
    "NCT04226768",
    "NCT03884218",
    "NCT04760392",
    "NCT06923657",
    "NCT06295666",
    "NCT03711734",
    "NCT06515405",
    "NCT03373656",
    "NCT02821767",
    "NCT05858892",
    "NCT04413994",
    "NCT04303494",
    "NCT03125850",
    "NCT04000568",
    "NCT06842316",
    "NCT02609204",
)
# the third draw (README, "How heldout15 and heldout-sex6 were drawn")
HELDOUT_SEX6: tuple[str, ...] = (
    "NCT05072093",
    "NCT01156857",
    "NCT06594094",
    "NCT04393194",
    "NCT04487392",
    "NCT03547661",
    "NCT04450056",
    "NCT06237166",
    "NCT03342859",
    "NCT00803335",
    "NCT06105567",
    "NCT04655820",
    "NCT07202650",
    "NCT03574766",
    "NCT04938466",
    "NCT05804305",
    "NCT04905212",
    "NCT03470493",
    "NCT02667756",
    "NCT04076735",
    "NCT04234750",
    "NCT06744959",
    "NCT04328818",
    "NCT05091632",
    "NCT04527861",
    "NCT03457935",
    "NCT04988204",
    "NCT07074951",
)
HELDOUT15: tuple[str, ...] = (
    "NCT04026932",
    "NCT01024166",
    "NCT05610059",
    "NCT04802018",
    "NCT07151456",
    "NCT04262102",
    "NCT06869135",
    "NCT03824158",
    "NCT06124703",
    "NCT02914366",
    "NCT03996759",
    "NCT03242759",
    "NCT04473703",
    "NCT03894332",
    "NCT04086251",
)
# the fourth draw (README, "How heldout16 and heldout-sex7 were drawn")
HELDOUT_SEX7: tuple[str, ...] = (
    "NCT03062020",
    "NCT03749902",
    "NCT03462758",
    "NCT07243834",
    "NCT03557268",
    "NCT04823156",
    "NCT03046004",
    "NCT03609567",
    "NCT02935504",
    "NCT04785950",
    "NCT00888459",
    "NCT04745494",
    "NCT00931827",
    "NCT06991166",
    "NCT06566651",
    "NCT04445532",
    "NCT06117904",
    "NCT03809858",
    "NCT07295418",
    "NCT05040828",
    "NCT04596592",
    "NCT03596034",
    "NCT03624595",
    "NCT01775735",
    "NCT03293394",
    "NCT00733902",
    "NCT05596461",
    "NCT01435369",
)
HELDOUT16: tuple[str, ...] = (
    "NCT03441633",
    "NCT04597450",
    "NCT03706794",
    "NCT03892720",
    "NCT01869712",
    "NCT00000404",
    "NCT05471505",
    "NCT06143969",
    "NCT03772860",
    "NCT00928720",
    "NCT06977269",
    "NCT03785535",
    "NCT03815058",
    "NCT03873402",
    "NCT01693692",
    "NCT00256893",
)
# the fifth draw (README, "How heldout17 and heldout-sex8 were drawn")
HELDOUT_SEX8: tuple[str, ...] = (
    "NCT06551493",
    "NCT05781061",
    "NCT01367834",
    "NCT03938766",
    "NCT07213258",
    "NCT03450135",
    "NCT00635635",
    "NCT04114305",
    "NCT03506204",
    "NCT03320057",
    "NCT04846569",
    "NCT00840658",
    "NCT01186302",
    "NCT06270056",
    "NCT03270332",
    "NCT04227951",
    "NCT04431895",
    "NCT06867120",
    "NCT06564805",
    "NCT05982067",
    "NCT04430257",
    "NCT04035135",
    "NCT01332695",
    "NCT03364556",
    "NCT04872257",
    "NCT03161951",
    "NCT05921305",
    "NCT07298928",
)
HELDOUT17: tuple[str, ...] = (
    "NCT03540966",
    "NCT01474057",
    "NCT03762551",
    "NCT01765634",
    "NCT00972660",
    "NCT07032857",
    "NCT06025435",
    "NCT06097494",
    "NCT00477269",
    "NCT04716712",
    "NCT03615950",
    "NCT06752434",
    "NCT05172895",
    "NCT03621332",
    "NCT03136757",
    "NCT03952520",
    "NCT04331392",
)
# the sixth draw (README, "How heldout18 and heldout-sex9 were drawn")
HELDOUT_SEX9: tuple[str, ...] = (
    "NCT04468256",
    "NCT04617561",
    "NCT03719066",
    "NCT04017468",
    "NCT03671460",
    "NCT05037032",
    "NCT03003104",
    "NCT05029167",
    "NCT00401934",
    "NCT07018193",
    "NCT07212634",
    "NCT03508869",
    "NCT04207203",
    "NCT05293457",
)
HELDOUT18: tuple[str, ...] = (
    "NCT04035668",
    "NCT01400620",
    "NCT06372457",
    "NCT05691556",
    "NCT05456061",
    "NCT03962361",
    "NCT01808560",
    "NCT06299904",
    "NCT02826057",
    "NCT04265235",
    "NCT03870893",
    "NCT05126693",
    "NCT01418157",
)
# the seventh draw (README, "How heldout19 and heldout-sex10 were drawn")
HELDOUT_SEX10: tuple[str, ...] = (
    "NCT05281068",
    "NCT03991169",
    "NCT07030595",
    "NCT03535935",
    "NCT05814094",
    "NCT04962360",
    "NCT07303205",
    "NCT05698394",
    "NCT04835792",
    "NCT03477058",
    "NCT02092259",
    "NCT03433859",
    "NCT03097250",
    "NCT00469560",
    "NCT05471050",
    "NCT05180292",
    "NCT03691220",
    "NCT04813003",
    "NCT04169061",
    "NCT05989633",
    "NCT02280759",
    "NCT03258866",
    "NCT06368895",
    "NCT03036150",
    "NCT01731795",
    "NCT05066620",
    "NCT01705795",
    "NCT01814202",
    "NCT03052361",
    "NCT04951960",
    "NCT05070234",
)
HELDOUT19: tuple[str, ...] = (
    "NCT03199950",
    "NCT02389803",
    "NCT04351906",
    "NCT06903494",
    "NCT01243892",
    "NCT03161106",
    "NCT05308628",
    "NCT02876393",
    "NCT04028505",
    "NCT02345057",
    "NCT01412502",
    "NCT03808805",
    "NCT04530994",
)
SETS = {
    "heldout-sex4": HELDOUT_SEX4,
    "heldout13": HELDOUT13,
    "heldout-sex5": HELDOUT_SEX5,
    "heldout14": HELDOUT14,
    "heldout-sex6": HELDOUT_SEX6,
    "heldout15": HELDOUT15,
    "heldout-sex7": HELDOUT_SEX7,
    "heldout16": HELDOUT16,
    "heldout-sex8": HELDOUT_SEX8,
    "heldout17": HELDOUT17,
    "heldout-sex9": HELDOUT_SEX9,
    "heldout18": HELDOUT18,
    "heldout-sex10": HELDOUT_SEX10,
    "heldout19": HELDOUT19,
}

_FIELDS = (
    "NCT ID",
    "Eligibility Criteria",
    "Healthy Volunteers",
    "Sex",
    "Minimum Age",
    "Maximum Age",
)
_FIELD_LINE = re.compile(r"^(" + "|".join(_FIELDS) + r"|Study): ?(.*)$")
# a heading (any case, "Key " before it if written), a list marker after a space (or at the
# start), a numbered marker "N. " / "N) " after a space (or at the start)
_TOKEN = re.compile(
    r"(?P<head>(?i:(?:key )?(?:inclusion|exclusion) criteria:))"
    r"|(?:^|(?<= ))(?P<bullet>\* |\\- )"
    r"|(?:^|(?<= ))(?P<num>(?P<n>\d{1,2})(?P<style>[.)]) )"
)
_MARKER_ONLY = re.compile(r"(?:\* |\\- |-)?")


def restore_newlines(flat: str) -> str:
    """The v2 markdown's line breaks, restored from text whose newlines became spaces.

    A heading stands on a line of its own with a blank line before (unless it opens the text,
    or only a list marker precedes it on its line) and after; " * " and " \\- " start a new line;
    " N. " / " N) " start one when N is 1 or follows the previous number of that style.

    >>> restore_newlines("Inclusion Criteria: * a * b Exclusion Criteria: * c")
    'Inclusion Criteria:\\n\\n* a\\n* b\\n\\nExclusion Criteria:\\n\\n* c'
    >>> restore_newlines("1. age 18 2. weight 3.5 kg 4. no 3. never 3) x 1) y 2) z")
    '1. age 18\\n2. weight 3.5 kg 4. no\\n3. never 3) x\\n1) y\\n2) z'
    >>> restore_newlines("* INCLUSION CRITERIA: * Age \\\\>35 years. \\\\- note")
    '* INCLUSION CRITERIA:\\n\\n* Age \\\\>35 years.\\n\\\\- note'
    """
    out: list[str] = []
    pos = 0
    last = {".": 0, ")": 0}
    for m in _TOKEN.finditer(flat):
        start = m.start()
        if start < pos:  # inside the spaces skipped after a heading
            continue
        if m.group("num") is not None:
            n, style = int(m.group("n")), m.group("style")
            if n != 1 and n != last[style] + 1:
                continue
            last[style] = n
        at_line_start = start == pos and (not out or out[-1].endswith("\n"))
        if m.group("head") is not None:
            before = flat[pos:start]
            line = ("".join(out) + before).rsplit("\n", 1)[-1]
            if _MARKER_ONLY.fullmatch(line):  # opens the text, or only a marker before it
                out.append(before)
            else:
                out.extend((before.rstrip(" "), "\n\n"))
            out.append(m.group("head"))
            pos = m.end()
            while pos < len(flat) and flat[pos] == " ":
                pos += 1
            out.append("\n\n")
            continue
        if not at_line_start and start > 0:
            out.append(flat[pos : start - 1])  # the space before the marker becomes the break
            out.append("\n")
            pos = start
    out.append(flat[pos:])
    return "".join(out).rstrip()


def read_page(path: Path) -> tuple[str, dict[str, str]]:
    """(URL, field -> value) of a saved page; the criteria are the rest of their line."""
    lines = path.read_text("utf-8").splitlines()
    fields: dict[str, str] = {}
    for line in lines[1:]:
        m = _FIELD_LINE.match(line)
        if m and m.group(1) not in fields:
            fields[m.group(1)] = m.group(2)
    return lines[0].strip(), fields


def record(path: Path) -> dict[str, object]:
    """The ClinicalTrials.gov v2 JSON study of one saved page."""
    _, fields = read_page(path)
    eligibility: dict[str, object] = {
        "eligibilityCriteria": restore_newlines(fields["Eligibility Criteria"])
    }
    if "Healthy Volunteers" in fields:
        eligibility["healthyVolunteers"] = fields["Healthy Volunteers"].strip() == "True"
    for field, key in (
        ("Sex", "sex"),
        ("Minimum Age", "minimumAge"),
        ("Maximum Age", "maximumAge"),
    ):
        if fields.get(field, "").strip():
            eligibility[key] = fields[field].strip()
    ident = {"nctId": fields["NCT ID"].strip(), "briefTitle": TITLE}
    return {"protocolSection": {"identificationModule": ident, "eligibilityModule": eligibility}}


def render(path: Path) -> str:
    return json.dumps(record(path), indent=2, ensure_ascii=False) + "\n"


def target(name: str, nct: str) -> Path:
    return GOLD / "records" / name / "ctgov-v2-json" / f"{nct}.json"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    differ = []
    for name, ids in SETS.items():
        for nct in ids:
            text, out = render(SOURCES / f"{nct}.txt"), target(name, nct)
            if check:
                if not out.exists() or out.read_text("utf-8") != text:
                    differ.append(str(out.relative_to(ROOT)))
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, "utf-8")
    for path in differ:
        print(f"differs from its source: {path}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
