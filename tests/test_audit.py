"""The field coverage audit (``kg.audit``, ``trialkg audit``).

When the corpus test fails, a source field appeared that neither ``FIELD_MAP``
nor ``IGNORED`` of its parser module names: map it in the parser (and add it
to ``FIELD_MAP``), or add it to ``IGNORED`` with the reason it is left out.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import parsers
from kg.audit import DROPPED, IGNORED, KEPT, MAPPED, VERBATIM_FORMATS, audit
from kg.cli import main
from kg.parsers import ictrp_trial2
from kg.parsers.base import InputError, Rejected
from kg.reading import Source, read_source

RUN = CliRunner()


def _study(nct_id: str, **sections: object) -> dict[str, object]:
    protocol: dict[str, object] = {
        "identificationModule": {"nctId": nct_id, "briefTitle": "A title"},
    }
    protocol.update(sections)
    return {"protocolSection": protocol}


ICTRP_XML = (
    b"<?xml version='1.0' encoding='UTF-8'?>\n<Trials_downloaded_from_ICTRP>"
    b"<Trial><TrialID>ISRCTN11111111</TrialID><Public_title>One</Public_title>"
    b"<Favourite_colour>blue</Favourite_colour></Trial>"
    b"<Trial><TrialID>ISRCTN22222222</TrialID><Public_title>Two</Public_title>"
    b"<Favourite_colour> </Favourite_colour></Trial>"
    b"</Trials_downloaded_from_ICTRP>\n"
)
ICTRP_CSV = b"TrialID,Public title,Favourite colour\nISRCTN11111111,One,blue\n"
TRIAL2 = (
    b"Register: ISRCTN\nMain ID: ISRCTN11111111\nPublic title: One\n"
    b"Favourite colour: blue\nA line without a label\n"
)
# (format, file name, content, unknown field path, the extra key it is kept under)
UNKNOWN_FIELDS = [
    ("ictrp-xml", "t.xml", ICTRP_XML, "Favourite_colour", "Favourite_colour"),
    ("ictrp-csv", "t.csv", ICTRP_CSV, "Favourite colour", "Favourite colour"),
    ("ictrp-trial2", "t.txt", TRIAL2, "Favourite colour", "Favourite colour"),
    ("ictrp-trial2", "t.txt", TRIAL2, ictrp_trial2.UNLABELLED, "line 2"),
]


def _fields(folder: Path, fmt: str | None = None) -> dict[tuple[str, str], tuple[str, int]]:
    report = audit([str(folder)], fmt)
    return {(c.format, c.field): (c.status, c.present) for c in report.counts}


# --- the parser modules' tables ---------------------------------------------


@pytest.mark.parametrize("name", parsers.names())
def test_every_parser_module_has_the_audit_interface(name: str) -> None:
    module = parsers.get(name)
    field_map = getattr(module, "FIELD_MAP", None)
    ignored = getattr(module, "IGNORED", None)
    assert isinstance(field_map, dict) and field_map, f"{name}: parser module needs FIELD_MAP"
    assert isinstance(ignored, dict), f"{name}: parser module needs IGNORED (may be empty)"
    assert callable(getattr(module, "present_fields", None)), f"{name}: needs present_fields"
    assert not set(field_map) & set(ignored), "a field is either mapped or ignored, not both"
    assert all(str(target).strip() for target in field_map.values())


@pytest.mark.parametrize("name", parsers.names())
def test_every_ignored_field_has_a_reason(name: str) -> None:
    ignored: dict[str, str] = getattr(parsers.get(name), "IGNORED")  # noqa: B009
    empty = [path for path, reason in ignored.items() if not reason.strip()]
    assert not empty, f"say why these {name} fields are ignored: {empty}"


def test_verbatim_formats_are_registered() -> None:
    assert set(parsers.names()) >= VERBATIM_FORMATS
    assert not VERBATIM_FORMATS & {"ctgov-json", "ctgov-xml"}


def test_trial2_field_map_names_every_label_and_section() -> None:
    fields = set(ictrp_trial2.FIELD_MAP)
    assert set(ictrp_trial2.SCALARS) <= fields
    assert {f"Contacts/{label}" for label in ictrp_trial2.CONTACT_LABELS} <= fields
    assert {f"Ethics review/{label}" for label in ictrp_trial2.ETHICS_LABELS} <= fields
    assert {f"Results/{label}" for label in ictrp_trial2.RESULTS_LABELS} <= fields
    blocks = {"contacts", "ethics", "results"}
    assert set(ictrp_trial2.SECTION_FIELDS) == set(ictrp_trial2.SECTIONS.values()) - blocks
    assert set(ictrp_trial2.SECTION_FIELDS.values()) <= fields


# --- counting on small inputs -----------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "content", "field", "extra_key"),
    UNKNOWN_FIELDS,
    ids=["xml", "csv", "trial2-label", "trial2-line"],
)
def test_an_unknown_ictrp_field_is_kept_verbatim(
    tmp_path: Path, fmt: str, name: str, content: bytes, field: str, extra_key: str
) -> None:
    assert fmt in VERBATIM_FORMATS
    (tmp_path / name).write_bytes(content)
    found = _fields(tmp_path)
    assert found[(fmt, field)] == (KEPT, 1)
    assert found[(fmt, "TrialID" if fmt != "ictrp-trial2" else "Main ID")][0] == MAPPED
    assert not [k for k, (status, _) in found.items() if status == DROPPED]
    # what the audit claims is what the parser does: the value is in extra
    records = [r for r in read_source(Source(name, tmp_path / name)) if not isinstance(r, Rejected)]
    assert records[0].extra[extra_key] in ("blue", "A line without a label")


def test_present_counts_records_with_a_non_empty_value(tmp_path: Path) -> None:
    (tmp_path / "t.xml").write_bytes(ICTRP_XML)
    found = _fields(tmp_path)
    assert found[("ictrp-xml", "TrialID")] == (MAPPED, 2)
    assert found[("ictrp-xml", "Favourite_colour")] == (KEPT, 1)  # blank in the second trial


def test_an_unknown_ctgov_module_is_dropped_and_the_command_exits_1(tmp_path: Path) -> None:
    study = _study("NCT00000001", futureModule={"score": 3, "notes": ["x", ""]})
    (tmp_path / "NCT00000001.json").write_text(json.dumps(study))
    report = audit([str(tmp_path)])
    assert [(c.field, c.present, c.dropped) for c in report.dropped] == [
        ("protocolSection.futureModule.notes", 1, 1),
        ("protocolSection.futureModule.score", 1, 1),
    ]
    title = next(c for c in report.counts if c.field.endswith("briefTitle"))
    assert (title.status, title.mapped, title.dropped) == (MAPPED, 1, 0)
    assert title.detail == "public_title"

    result = RUN.invoke(main, ["audit", str(tmp_path), "--only-dropped", "--format", "json"])
    assert result.exit_code == 1, result.output
    rows = json.loads(result.stdout)
    assert {row["field"] for row in rows} == {
        "protocolSection.futureModule.notes",
        "protocolSection.futureModule.score",
    }
    assert rows[0]["present"] == 1 and rows[0]["dropped"] == 1 and rows[0]["status"] == DROPPED
    assert "2 dropped" in result.stderr and "IGNORED" in result.stderr


def test_ignored_fields_carry_their_reason(tmp_path: Path) -> None:
    study = _study("NCT00000002")
    study["resultsSection"] = {"baselineCharacteristicsModule": {"groups": [{"id": "BG000"}]}}
    (tmp_path / "s.json").write_text(json.dumps(study))
    report = audit([str(tmp_path)])
    [ignored] = [c for c in report.counts if c.status == IGNORED]
    assert ignored.field == "resultsSection.baselineCharacteristicsModule.groups.id"
    assert ignored.ignored == 1 and ignored.mapped == 0 and "results" in ignored.detail
    result = RUN.invoke(main, ["audit", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "format,field,present,mapped,ignored,dropped,status,detail"
    )
    assert "1 records in 1 file(s); 3 source fields: 2 mapped" in result.stderr


def test_compressed_inputs_are_audited_per_member_and_format(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "mixed.zip", "w") as archive:
        archive.writestr("a.xml", ICTRP_XML)
        archive.writestr("b.csv", ICTRP_CSV)
    (tmp_path / "s.json.gz").write_bytes(gzip.compress(json.dumps(_study("NCT3")).encode()))
    report = audit([str(tmp_path)])
    assert report.records == {"ictrp-xml": 2, "ictrp-csv": 1, "ctgov-json": 1}
    assert {f.name.rsplit("/", 1)[-1] for f in report.files} == {
        "mixed.zip!a.xml",
        "mixed.zip!b.csv",
        "s.json.gz",
    }


def test_from_overrides_detection(tmp_path: Path) -> None:
    (tmp_path / "t.xml").write_bytes(ICTRP_XML)
    report = audit([str(tmp_path)], "ctgov-xml")
    assert report.counts == [] and [f.format for f in report.empty] == ["ctgov-xml"]


def test_unreadable_inputs_are_listed_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing a registry wrote\n")
    (tmp_path / "cut.xml.gz").write_bytes(gzip.compress(ICTRP_XML)[:30])
    (tmp_path / "t.csv").write_bytes(ICTRP_CSV)
    report = audit([str(tmp_path)])
    problems = {Path(f.name).name: f.problem for f in report.unread}
    assert set(problems) == {"notes.txt", "cut.xml.gz"}
    assert problems["notes.txt"] and problems["notes.txt"].startswith("unknown format")
    assert problems["cut.xml.gz"] and problems["cut.xml.gz"].startswith("cannot decompress")
    assert report.records == {"ictrp-csv": 1}
    result = RUN.invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "not read:" in result.stderr and "2 file(s) not read" in result.stderr


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        audit([str(tmp_path / "nope.xml")])
    result = RUN.invoke(main, ["audit", str(tmp_path / "nope.xml")])
    assert result.exit_code == 2 and "nope.xml" in result.stderr


def test_read_source_still_reports_what_it_cannot_read(tmp_path: Path) -> None:
    """kg.reading.read_source now goes through open_members: same rejects as before."""
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(gzip.compress(ICTRP_XML)[:30])
    [rejected] = read_source(Source(str(cut), cut))
    assert isinstance(rejected, Rejected) and rejected.reason.startswith("cannot decompress")
    [missing] = read_source(Source("gone.xml", tmp_path / "gone.xml"))
    assert isinstance(missing, Rejected) and missing.reason.startswith("cannot read file")
    odd = tmp_path / "odd.bin"
    odd.write_bytes(b"\x00\x01")
    [unknown] = read_source(Source(str(odd), odd))
    assert isinstance(unknown, Rejected) and unknown.reason.startswith("unknown format")


def test_stdin_is_audited() -> None:
    result = RUN.invoke(main, ["audit", "-", "--format", "csv"], input=io.BytesIO(ICTRP_CSV))
    assert result.exit_code == 0, result.output
    assert "ictrp-csv,Favourite colour,1,1,0,0,kept verbatim,extra[Favourite colour]" in (
        result.stdout.splitlines()
    )


# --- the shared corpus and the seed record -----------------------------------


@pytest.mark.corpus
def test_no_field_of_the_corpus_is_dropped(real: Path) -> None:
    # the record folders (tests/data also holds the linking and criteria gold files)
    report = audit([str(p) for p in sorted(real.iterdir()) if p.is_dir() and "gold" not in p.name])
    dropped = [(c.format, c.field, c.present) for c in report.dropped]
    assert dropped == [], (
        "map these fields in their parser (FIELD_MAP) or list them in IGNORED "
        f"with the reason: {dropped}"
    )
    assert report.unread == []
    formats = {"ictrp-xml", "ictrp-csv", "ctgov-json", "ctgov-xml"}
    assert formats <= {fmt for fmt, n in report.records.items() if n > 0}
    # only the retired CT.gov API v1 files hold no auditable (v2) study
    assert {Path(f.name).parent.name for f in report.empty} <= {"ctgov-v1-json"}
    for count in report.counts:
        assert count.present == count.mapped + count.ignored + count.dropped
        assert count.detail.strip(), f"{count.format} {count.field}: no target or reason"


@pytest.mark.corpus
def test_the_audit_command_passes_on_the_corpus(real: Path) -> None:
    result = RUN.invoke(main, ["audit", str(real), "--only-dropped"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2  # header and rule: no dropped field
    assert ", 0 dropped" in result.stderr


def test_the_seed_record_is_fully_mapped(seed: Path) -> None:
    report = audit([str(seed)])
    assert report.records == {"ictrp-trial2": 1}
    assert {c.status for c in report.counts} == {MAPPED}
    assert {"Main ID", "Contacts/Email", "Key inclusion & exclusion criteria"} <= {
        c.field for c in report.counts
    }
