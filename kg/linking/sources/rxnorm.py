"""RxNorm RXNCONSO.RRF (pipe-separated, one atom a line).

RxNorm atoms give concepts (ingredients, brands, clinical drugs) with their
names; MSH atoms on the same RXCUI give the MeSH cross-reference.

>>> line = "1|ENG||||||||||RXNORM|IN|1|abatacept||N||"
>>> parse_line(line)["STR"]
'abatacept'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from kg.linking.lexicon import Concept, Term, Xref
from kg.linking.sources.entries import Entry

COLUMNS = [
    "RXCUI",
    "LAT",
    "TS",
    "LUI",
    "STT",
    "SUI",
    "ISPREF",
    "RXAUI",
    "SAUI",
    "SCUI",
    "SDUI",
    "SAB",
    "TTY",
    "CODE",
    "STR",
    "SRL",
    "SUPPRESS",
    "CVF",
]
NAME_TTYS = ("IN", "PIN", "MIN", "SCD", "SBD", "GPCK", "BPCK")  # preferred names, in order
SYNONYM_TTYS = frozenset({"SY", "TMSY", "PSN", "SCDC", "SCDF"})
BRAND_TTYS = frozenset({"BN"})


def parse_line(line: str) -> dict[str, str]:
    return dict(zip(COLUMNS, line.rstrip("\n").split("|"), strict=False))


def _name_rank(tty: str) -> int:
    return NAME_TTYS.index(tty) if tty in NAME_TTYS else len(NAME_TTYS)


def entries(path: Path, source: str) -> Iterator[Entry]:
    atoms: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = parse_line(line)
            if row.get("LAT", "ENG") == "ENG" and row.get("SUPPRESS", "N") in ("N", ""):
                atoms[row["RXCUI"]].append(row)
    for rxcui in sorted(atoms, key=lambda c: (len(c), c)):
        rows = atoms[rxcui]
        own = [r for r in rows if r["SAB"] == "RXNORM"]
        if not own:
            continue
        named = sorted(own, key=lambda r: _name_rank(r["TTY"]))
        cid = f"rxnorm:{rxcui}"
        label = named[0]["STR"]
        terms = [Term(cid, label, "label", source)]
        for r in own:
            if r["STR"] != label and (r["TTY"] in SYNONYM_TTYS or r["TTY"] in BRAND_TTYS):
                terms.append(
                    Term(cid, r["STR"], "brand" if r["TTY"] in BRAND_TTYS else "synonym", source)
                )
        xrefs = {
            r["CODE"]: Xref(
                cid,
                f"mesh:{r['CODE']}",
                r["STR"],
                "skos:exactMatch",
                "semapv:UnspecifiedMatching",
                source,
            )
            for r in rows
            if r["SAB"] == "MSH" and r["CODE"][:1] in ("D", "C")
        }
        yield Entry(
            Concept(cid, label, "drug", (), source),
            tuple(terms),
            tuple(xrefs[k] for k in sorted(xrefs)),
        )
