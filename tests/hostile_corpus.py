"""A hostile corpus, made here: every bad input of issue 10, next to good ones.

:func:`write` puts the files into a folder; :data:`CASES` says what each must
become (``good``: records that must all convert; ``reject``: a file that must
appear in the rejects; ``note``: converted with a note). Big inputs (200k-deep
JSON, a gzip bomb) are built on the fly so the repository stays small.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ICTRP_HEADER = "TrialID,Public title,Phase,Contact Email,Contact Tel\r\n"


def _study(nct: str, title: str = "A study") -> dict[str, object]:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": title},
            "statusModule": {"overallStatus": "RECRUITING"},
        }
    }


def _line(nct: str, title: str = "A study") -> bytes:
    return json.dumps(_study(nct, title)).encode() + b"\n"


def _ictrp_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<Trials_downloaded_from_ICTRP>'
        f"{body}</Trials_downloaded_from_ICTRP>\n"
    ).encode()


def _truncated_gz() -> bytes:
    packed = gzip.compress(b"".join(_line(f"NCT0900{i:04d}") for i in range(1, 41)))
    return packed[: len(packed) * 2 // 3]


def _zip_with_bad_member() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("good.ndjson", _line("NCT09880001"))
        archive.writestr("bad.json", b'{"protocolSection": \xff}')
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    good: int = 0  # records that must convert
    reject: bool = False  # the file must be named in the rejects
    note: bool = False  # converted with a file note (legacy encoding)
    why: str = ""


CASES: list[Case] = [
    Case(
        "latin1.csv",
        lambda: (ICTRP_HEADER + "NCT09770001,Étude café,Phase 2,,\r\n").encode("latin-1"),
        good=1,
        note=True,
        why="legacy encoding: converted, with a note",
    ),
    Case(
        "mixed-encoding.csv",
        lambda: (
            (ICTRP_HEADER + "NCT09770002,Naïve,Phase 2,,\r\n").encode()
            + "NCT09770003,Crème brûlée,Phase 3,,\r\n".encode("cp1252")
        ),
        good=2,
        note=True,
    ),
    Case(
        "utf16-bom.csv",
        lambda: (ICTRP_HEADER + "NCT09770004,Ünïcode,Phase 1,,\r\n").encode("utf-16"),
        good=1,
    ),
    Case(
        "bad-utf8.json",
        lambda: json.dumps(_study("NCT09770005")).encode().replace(b"A study", b"A \xff study"),
        reject=True,
    ),
    Case(
        "deep.json",
        lambda: b'{"protocolSection": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        reject=True,
    ),
    Case("truncated.ndjson.gz", _truncated_gz, good=1, reject=True, why="good: at least 1"),
    Case(
        "one-bad-line.ndjson",
        lambda: _line("NCT09770006") + b'{"protocolSection": \n' + _line("NCT09770007"),
        good=2,
        reject=True,
    ),
    Case(
        "xxe.xml",
        lambda: _ictrp_xml(
            "<Trial><TrialID>NCT09770008</TrialID><Public_title>&s;</Public_title></Trial>",
            '<!DOCTYPE Trials_downloaded_from_ICTRP [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n',
        ),
        reject=True,
    ),
    Case(
        "billion-laughs.xml",
        lambda: _ictrp_xml(
            "<Trial><TrialID>NCT09770009</TrialID><Public_title>&c;</Public_title></Trial>",
            '<!DOCTYPE x [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n',
        ),
        reject=True,
    ),
    Case(
        "external-dtd.xml",
        lambda: _ictrp_xml(
            "<Trial><TrialID>NCT09770010</TrialID></Trial>",
            '<!DOCTYPE Trials_downloaded_from_ICTRP SYSTEM "http://127.0.0.1:9/x.dtd">\n',
        ),
        reject=True,
    ),
    Case(
        "bad-byte.xml",
        lambda: _ictrp_xml(
            "<Trial><TrialID>NCT09770011</TrialID></Trial>"
            "<Trial><TrialID>NCT09770012</TrialID><Public_title>x\xff</Public_title></Trial>"
        ).replace("x\xff".encode(), b"x\xff"),
        good=1,
        reject=True,
    ),
    Case(
        "injection.csv",
        lambda: (
            ICTRP_HEADER + 'NCT09770013,"Title> <a:b> ""quoted"" \\ \nline <script>",Phase 2,,\r\n'
        ).encode(),
        good=1,
        why="IRI and literal injection: converted safely",
    ),
    Case(
        "contacts.csv",
        lambda: (
            ICTRP_HEADER + "NCT09770014,Call +44 20 7946 0958 or write to x.y@example.org,"
            "Phase 2,x.y@example.org,+44 20 7946 0958\r\n"
        ).encode(),
        good=1,
    ),
    Case(
        "lone-surrogate.ndjson",
        lambda: (
            _line("NCT09770015", "bad \ud800 title")  # json.dumps writes "\\ud800"
            + _line("NCT09770016")
        ),
        good=1,
        reject=True,
    ),
    Case(
        "unbalanced-quote.csv",
        lambda: (
            ICTRP_HEADER + "NCT09770017,Fine,Phase 2,,\r\n"
            'NCT09770018,"Unbalanced title,Phase 2,,\r\nNCT09770019,Eaten,Phase 3,,\r\n'
        ).encode(),
        good=1,
        reject=True,
        why="the swallowed record is named and counted: 3 in, 1 converted, 2 rejected",
    ),
    Case("garbage.bin", lambda: bytes(range(256)) * 4, reject=True),
    Case("empty.json", lambda: b"", reject=True, why="not a registry file"),
    Case("archive.zip", _zip_with_bad_member, good=1, reject=True),
    Case("v1.json", lambda: b'{"FullStudiesResponse": {"APIVrs": "1.01.05"}}', reject=True),
]


def gzip_bomb(field_bytes: int) -> bytes:
    """An ICTRP CSV whose second row has one field of ``field_bytes``, gzip-compressed."""
    rows = ICTRP_HEADER + "NCT09770020,Small,Phase 2,,\r\n"
    big = "NCT09770021," + "A" * field_bytes + ",Phase 2,,\r\n"
    return gzip.compress((rows + big + "NCT09770022,After,Phase 2,,\r\n").encode(), 9)


def write(folder: Path) -> dict[str, Case]:
    """Write every case into ``folder``; returns them by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    return {case.name: case for case in CASES}
