"""Field coverage audit: for each source field present in the input, is it
mapped, kept verbatim, deliberately ignored, or dropped?

Every parser module names its source fields: ``FIELD_MAP`` (field path ->
model attribute), ``IGNORED`` (field path -> why it is left out) and
``present_fields(stream, source)`` (the non-empty field paths of each record).
A key covers its own path and every path below it
(:func:`kg.parsers._ctgov.classify`). A present field that neither table
names is *dropped*, except in the formats of :data:`VERBATIM_FORMATS`, whose
parsers keep unknown fields verbatim in ``TrialRecord.extra`` (mapped as
``tkg:SourceField`` nodes): there it counts as *kept verbatim*, a kind of mapped.

Then the values themselves are measured on the output (:mod:`kg.emitted`): each
record is mapped, and each model attribute it fills (rows ``model Class.field``)
counts as mapped only if its value, or its normalised form, appears in the
trial's graph; otherwise it is *dropped*, with examples.

>>> import json, pathlib, tempfile
>>> study = {"protocolSection": {"identificationModule": {"nctId": "NCT1"}, "newModule": {"x": 1}}}
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "NCT1.json").write_text(json.dumps(study))
>>> report = audit([str(folder)])
>>> for count in report.counts:
...     print(count.field, count.status, count.present)
model Provenance.position mapped 1
model Provenance.source_format mapped 1
model TrialRecord.provenance mapped 1
model TrialRecord.register mapped 1
model TrialRecord.url mapped 1
protocolSection.identificationModule.nctId mapped 1
protocolSection.newModule.x dropped 1
>>> report.line()
'1 records in 1 file(s); 2 source fields: 1 mapped, 0 kept verbatim, 0 ignored, 1 dropped; \
5 model fields: 5 in the graph, 0 dropped'
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from kg import parsers
from kg.emitted import measure
from kg.model import TrialRecord
from kg.parsers._ctgov import classify
from kg.parsers.base import InputError
from kg.reading import expand, open_members, read_records

MAPPED = "mapped"
KEPT = "kept verbatim"
IGNORED = "ignored"
DROPPED = "dropped"

# Formats whose parsers keep every field they do not map in TrialRecord.extra
# (kg.parsers._ictrp_build._extras, kg.parsers.ictrp_trial2._read_page): nothing is lost.
VERBATIM_FORMATS = frozenset({"ictrp-xml", "ictrp-csv", "ictrp-trial2"})

HEADER = ("format", "field", "present", "mapped", "ignored", "dropped", "status", "detail")

MODEL = "model "  # the prefix of the rows that measure model values on the graph
_SEPARATORS = "./@"  # as in kg.parsers._ctgov.classify


class Audited(Protocol):
    """What the audit needs from a parser module."""

    FIELD_MAP: Mapping[str, str]
    IGNORED: Mapping[str, str]

    def present_fields(self, stream: BinaryIO, source: str) -> Iterator[set[str]]: ...


def auditable(fmt: str) -> Audited:
    """The parser module of a format, seen through its field tables.

    >>> auditable("ctgov-xml").FIELD_MAP["eligibility/minimum_age"]
    'eligibility.min_age'
    """
    return cast(Audited, parsers.get(fmt))


@dataclass(frozen=True, slots=True)
class FieldCount:
    """One source field of one format: in how many records it is present, and its fate.

    ``detail`` is the model attribute it fills (mapped), the ``extra`` key it is
    kept under (kept verbatim) or the reason it is left out (ignored).
    """

    format: str
    field: str
    present: int
    status: str
    detail: str = ""

    @property
    def mapped(self) -> int:
        return self.present if self.status in (MAPPED, KEPT) else 0

    @property
    def ignored(self) -> int:
        return self.present if self.status == IGNORED else 0

    @property
    def dropped(self) -> int:
        return self.present if self.status == DROPPED else 0

    def row(self) -> tuple[str, str, int, int, int, int, str, str]:
        """The values of :data:`HEADER`."""
        return (
            self.format,
            self.field,
            self.present,
            self.mapped,
            self.ignored,
            self.dropped,
            self.status,
            self.detail,
        )


@dataclass(frozen=True, slots=True)
class AuditedFile:
    """One input stream: its format, how many records it held, or why it was not read."""

    name: str
    format: str | None
    records: int
    problem: str | None = None


@dataclass
class AuditReport:
    """Field counts per (format, field), sorted, and the files they come from."""

    counts: list[FieldCount] = field(default_factory=list)
    files: list[AuditedFile] = field(default_factory=list)

    @property
    def records(self) -> Counter[str]:
        """Records read per format."""
        found: Counter[str] = Counter()
        for item in self.files:
            if item.format is not None:
                found[item.format] += item.records
        return found

    @property
    def dropped(self) -> list[FieldCount]:
        return [c for c in self.counts if c.status == DROPPED]

    @property
    def unread(self) -> list[AuditedFile]:
        """Inputs that could not be read at all (unknown format, not decompressible...)."""
        return [f for f in self.files if f.problem is not None]

    @property
    def empty(self) -> list[AuditedFile]:
        """Readable inputs without one auditable record (e.g. only rejected records)."""
        return [f for f in self.files if f.problem is None and f.records == 0]

    def line(self) -> str:
        """One summary line: records, files, source fields and model fields by status."""
        source = [c for c in self.counts if not c.field.startswith(MODEL)]
        values = [c for c in self.counts if c.field.startswith(MODEL)]
        by_status = Counter(c.status for c in source)
        lost = sum(1 for c in values if c.status == DROPPED)
        unread = f"; {len(self.unread)} file(s) not read" if self.unread else ""
        return (
            f"{sum(self.records.values())} records in {len(self.files)} file(s); "
            f"{len(source)} source fields: {by_status[MAPPED]} mapped, "
            f"{by_status[KEPT]} kept verbatim, {by_status[IGNORED]} ignored, "
            f"{by_status[DROPPED]} dropped; {len(values)} model fields: "
            f"{len(values) - lost} in the graph, {lost} dropped{unread}"
        )


def audit(inputs: Sequence[str], fmt: str | None = None) -> AuditReport:
    """Count, per format and source field, the records where it is present and its fate.

    Inputs are files, folders, globs or ``-`` (:func:`kg.reading.expand`), gzip
    and zip opened transparently; ``fmt`` overrides format detection. A file
    that cannot be read is listed with its problem; :class:`InputError` only
    when an input names nothing (no such file, folder or glob match).
    Standard input is read once into a temporary file (the audit reads twice).
    """
    if "-" in inputs:
        with tempfile.TemporaryDirectory() as folder:
            spooled = Path(folder) / "stdin"
            with spooled.open("wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out)
            return audit([str(spooled) if i == "-" else i for i in inputs], fmt)
    present: dict[str, Counter[str]] = {}
    files: list[AuditedFile] = []
    for source in expand(inputs):
        try:
            for name, stream, detected in open_members(source):
                found = fmt or detected
                if found is None:
                    problem = "unknown format: not a supported registry record file"
                    files.append(AuditedFile(name, None, 0, problem))
                    continue
                files.append(_count(name, stream, found, present.setdefault(found, Counter())))
        except InputError as err:  # raised by open_members only: _count catches its own
            files.append(AuditedFile(err.source, None, 0, err.reason))
    counts = [
        _classify(name, path, n, auditable(name))
        for name, fields in present.items()
        for path, n in fields.items()
    ]
    counts.extend(_values(inputs, fmt))
    counts.sort(key=lambda c: (c.format, c.field))
    return AuditReport(counts, files)


def _values(inputs: Sequence[str], fmt: str | None) -> list[FieldCount]:
    """Model fields per format: present in how many records, and the values the graph lacks."""
    present: Counter[tuple[str, str]] = Counter()
    lost: dict[tuple[str, str], list[str]] = {}
    for record in read_records(inputs, fmt):
        if not isinstance(record, TrialRecord):
            continue
        source = record.provenance.source_format
        for key, missing in measure(record).items():
            present[source, key] += 1
            if missing:
                lost.setdefault((source, key), []).extend(missing)
    counts = []
    for (source, key), n in present.items():
        missing = lost.get((source, key), [])
        if missing:
            examples = "; ".join(repr(v[:60]) for v in list(dict.fromkeys(missing))[:3])
            detail = f"{len(missing)} value(s) not in the graph, e.g. {examples}"
            counts.append(FieldCount(source, MODEL + key, n, DROPPED, detail))
        else:
            counts.append(FieldCount(source, MODEL + key, n, MAPPED, "in the graph"))
    return counts


def _count(name: str, stream: BinaryIO, fmt: str, present: Counter[str]) -> AuditedFile:
    records = 0
    problem: str | None = None
    try:
        for fields in auditable(fmt).present_fields(stream, name):
            records += 1
            present.update(fields)
    except InputError as err:
        problem = err.reason
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        problem = f"read error: {exc}"
    return AuditedFile(name, fmt, records, problem)


def _classify(fmt: str, path: str, present: int, module: Audited) -> FieldCount:
    targets, reasons = module.FIELD_MAP, module.IGNORED
    status = classify(path, targets, reasons)
    if status == "mapped":
        return FieldCount(fmt, path, present, MAPPED, targets[_key(path, targets)])
    if status == "ignored":
        return FieldCount(fmt, path, present, IGNORED, reasons[_key(path, reasons)])
    if fmt in VERBATIM_FORMATS:
        return FieldCount(fmt, path, present, KEPT, f"extra[{path}]")
    return FieldCount(fmt, path, present, DROPPED, "neither in FIELD_MAP nor in IGNORED")


def _key(path: str, table: Mapping[str, str]) -> str:
    """The longest key of ``table`` that covers ``path`` (itself or a parent).

    >>> _key("start_date@type", {"start_date": "first_enrolment", "start": "?"})
    'start_date'
    """
    covering = [
        key
        for key in table
        if path == key or (path.startswith(key) and path[len(key)] in _SEPARATORS)
    ]
    return max(covering, key=len)
