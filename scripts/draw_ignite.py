"""Draw the criteria-gold sets of saved ignite-sd.com eligibility pages (issue 12).

PYTHONPATH=$PWD .venv/bin/python scripts/draw_ignite.py
    [--second|--third|--fourth|--fifth|--sixth|--seventh] [--criteria]

Seven draws, each a sex set and a general set: the first (``FIRST``: heldout-sex4 and heldout13,
sources/ignite/draw.tsv), with ``--second`` the second (``SECOND``: heldout-sex5 and heldout14,
sources/ignite/draw2.tsv), with ``--third`` the third (``THIRD``: heldout-sex6 and heldout15,
sources/ignite/draw3.tsv) and with ``--fourth`` the fourth (``FOURTH``: heldout-sex7 and
heldout16, sources/ignite/draw4.tsv) and with ``--fifth`` the fifth (``FIFTH``: heldout-sex8 and
heldout17, sources/ignite/draw5.tsv) and with ``--sixth`` the sixth (``SIXTH``: heldout-sex9 and
heldout18, sources/ignite/draw6.tsv) and with ``--seventh`` the seventh (``SEVENTH``:
heldout-sex10 and heldout19, sources/ignite/draw7.tsv). The procedures are
tests/data/criteria-gold/README.md, "How heldout13 and heldout-sex4 were drawn", "How heldout14
and heldout-sex5 were drawn", "How heldout15 and heldout-sex6 were drawn", "How heldout16 and
heldout-sex7 were drawn", "How heldout17 and heldout-sex8 were drawn", "How heldout18 and
heldout-sex9 were drawn" and "How heldout19 and heldout-sex10 were drawn". A draw's
answers file lists every answer of its fixed search queries (query, rank, URL, NCT ID, sex,
complete, decision), its decision taken when the answer came: ``kept`` (a complete excerpt of an
NCT ID in no file of ../shared/corpus nor of tests/data, its first answer) or why not. Kept pages
are ordered round-robin over the queries (each query's first kept page, then each query's second
...). The splitter's rows of a page come from its saved source (sources/ignite/<NCT>.txt, rebuilt
by scripts/rebuild_ignite.py); a page stays in only when the splitter gives it an inclusion and an
exclusion criterion, or at least 3.

The sex set: in that order, single-sex pages (``FEMALE``/``MALE``) with a splitter criterion that
has a sex, person or reproductive word (``ANY_WORD``, the ``--both`` pool of
scripts/draw_sex_gold.py) until ``single``, then ``ALL`` pages with one until as many as the
single-sex ones or ``mixed``, whichever is fewer (the sixth draw: when fewer than
``fallback_below`` single-sex pages have such a criterion, only ``ALL`` pages, in that order, with
a criterion with a sex or person word, ``PERSON_WORD``, until ``fallback_criteria`` criteria; the
seventh draw, ``every_page``: the general set is drawn first, from every kept page, and the sex set
is then every other page in that order, whatever its sex, with a pool criterion whose text is in no
earlier gold file, all pages read); of each, at most ``per_trial`` such criteria, those with a
person word and no reproductive word first, each group by (kind, ordinal). The general set:
the other kept pages (every kept page in the seventh draw), sorted by NCT ID, shuffled by
``random.Random(seed)``, taken in that order when the splitter gives 3 to 40 criteria, until
``min_texts`` texts and ``trials`` trials.

Prints one JSON object: {"<sex set>": [...], "<general set>": [...]} (trial IDs in draw order),
and with ``--criteria`` then one line per drawn sex-set criterion (trial_id, kind, ordinal,
text). A page the draw needs whose source is not saved yet stops it with its NCT ID.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from draw_criteria_gold import split_rows
from draw_sex_gold import ANY_WORD, PERSON_WORD, REPRODUCTIVE_WORD
from rebuild_ignite import GOLD, SOURCES, render


class Draw(NamedTuple):
    """One draw's answers file, its two sets' names and its numbers (the README's procedure)."""

    answers: str
    sex_set: str
    general_set: str
    seed: int
    min_texts: int
    trials: int
    single: int
    mixed: int
    per_trial: int
    # the sixth draw's fallback: fewer than ``fallback_below`` single-sex pages with a pool
    # criterion make the sex set of ``ALL`` pages' person-word criteria, until ``fallback_criteria``
    fallback_below: int = 0
    fallback_criteria: int = 0
    # the seventh draw: the general set first, then every other page, whatever its sex, its pool
    # criteria in no earlier gold file (README, the seventh draw's amendment)
    every_page: bool = False


FIRST = Draw("draw.tsv", "heldout-sex4", "heldout13", 20261212, 150, 10, 30, 20, 3)
SECOND = Draw("draw2.tsv", "heldout-sex5", "heldout14", 20261213, 150, 10, 25, 15, 3)
THIRD = Draw("draw3.tsv", "heldout-sex6", "heldout15", 20261214, 150, 10, 25, 15, 3)
FOURTH = Draw("draw4.tsv", "heldout-sex7", "heldout16", 20261215, 150, 10, 30, 15, 3)
FIFTH = Draw("draw5.tsv", "heldout-sex8", "heldout17", 20261216, 150, 10, 30, 15, 3)
SIXTH = Draw("draw6.tsv", "heldout-sex9", "heldout18", 20261217, 150, 10, 30, 15, 3, 8, 40)
SEVENTH = Draw(
    "draw7.tsv", "heldout-sex10", "heldout19", 20261218, 150, 10, 0, 0, 3, every_page=True
)
ONE_SEX = frozenset({"FEMALE", "MALE"})
Row = dict[str, object]


class Missing(Exception):
    """The draw needs a page whose source is not saved."""


def answers(spec: Draw = FIRST) -> list[dict[str, str]]:
    with (SOURCES / spec.answers).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def round_robin(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The kept pages, each query's first, then each query's second, ..."""
    by_query: dict[int, list[dict[str, str]]] = {}
    for row in rows:
        if row["decision"] == "kept":
            by_query.setdefault(int(row["query"]), []).append(row)
    order = []
    for i in range(max(map(len, by_query.values()))):
        order += [pages[i] for _, pages in sorted(by_query.items()) if i < len(pages)]
    return order


def splitter(ids: list[str]) -> dict[str, list[Row]]:
    """NCT ID -> the splitter's rows of its rebuilt record (every saved source of ``ids``)."""
    with tempfile.TemporaryDirectory() as tmp:
        for nct in ids:
            if (SOURCES / f"{nct}.txt").exists():
                (Path(tmp) / f"{nct}.json").write_text(render(SOURCES / f"{nct}.txt"), "utf-8")
        rows = split_rows([Path(tmp)])
    out: dict[str, list[Row]] = {nct: [] for nct in ids if (SOURCES / f"{nct}.txt").exists()}
    for row in rows:
        out[str(row["trial_id"])].append(row)
    return out


def _rows(split: dict[str, list[Row]], nct: str) -> list[Row]:
    if nct not in split:
        raise Missing(nct)
    return split[nct]


def enough(rows: list[Row]) -> bool:
    kinds = {r["kind"] for r in rows}
    return kinds == {"inclusion", "exclusion"} or len(rows) >= 3


def pool_rows(rows: list[Row], per_trial: int) -> list[Row]:
    """A trial's criteria with a sex, person or reproductive word, likely restrictions first."""
    hits = [r for r in rows if ANY_WORD.search(str(r["text"]))]

    def key(r: Row) -> tuple[bool, bool, int]:
        text = str(r["text"])
        likely = PERSON_WORD.search(text) is not None and not REPRODUCTIVE_WORD.search(text)
        return (not likely, r["kind"] != "inclusion", int(str(r["ordinal"])))

    return sorted(hits, key=key)[:per_trial]


def person_rows(rows: list[Row], per_trial: int) -> list[Row]:
    """A trial's criteria with a sex or person word (the fallback pool), likely ones first."""
    hits = [r for r in rows if PERSON_WORD.search(str(r["text"]))]

    def key(r: Row) -> tuple[bool, bool, int]:
        reproductive = REPRODUCTIVE_WORD.search(str(r["text"])) is not None
        return (reproductive, r["kind"] != "inclusion", int(str(r["ordinal"])))

    return sorted(hits, key=key)[:per_trial]


def _fallback(
    order: list[dict[str, str]], split: dict[str, list[Row]], spec: Draw
) -> dict[str, list[Row]]:
    """The fallback sex set: ``ALL`` pages in order, their person-word criteria, until enough."""
    criteria: dict[str, list[Row]] = {}
    taken = 0
    for page in order:
        if taken >= spec.fallback_criteria:
            break
        nct = page["nct"]
        if page["sex"] == "ALL" and enough(_rows(split, nct)):
            found = person_rows(split[nct], spec.per_trial)
            if found:
                criteria[nct] = found
                taken += len(found)
    return criteria


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def gold_texts(spec: Draw) -> frozenset[str]:
    """The normalised texts of every gold file but the draw's own two sets'."""
    own = {f"{spec.sex_set}.jsonl", f"{spec.general_set}.jsonl"}
    return frozenset(
        _norm(json.loads(line)["text"])
        for path in sorted(GOLD.glob("*.jsonl"))
        if path.name not in own
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    )


def _every_page(
    order: list[dict[str, str]], split: dict[str, list[Row]], spec: Draw, general: list[str]
) -> dict[str, list[Row]]:
    """The seventh draw's sex set: every page in order but the general set's, its pool criteria
    in no earlier gold file."""
    seen = gold_texts(spec)
    criteria: dict[str, list[Row]] = {}
    for page in order:
        nct = page["nct"]
        if nct not in general and enough(_rows(split, nct)):
            unseen = [r for r in split[nct] if _norm(str(r["text"])) not in seen]
            found = pool_rows(unseen, spec.per_trial)
            if found:
                criteria[nct] = found
    return criteria


def _general(
    order: list[dict[str, str]], split: dict[str, list[Row]], spec: Draw, sex_set: list[str]
) -> list[str]:
    """The general set: the pages not in the sex set, sorted, shuffled, 3 to 40 criteria each."""
    rest = sorted(r["nct"] for r in order if r["nct"] not in sex_set)
    random.Random(spec.seed).shuffle(rest)
    general: list[str] = []
    texts = 0
    for nct in rest:
        if texts >= spec.min_texts and len(general) >= spec.trials:
            break
        found = _rows(split, nct)
        if enough(found) and 3 <= len(found) <= 40:
            general.append(nct)
            texts += len(found)
    return general


def draw(rows: list[dict[str, str]], spec: Draw = FIRST) -> tuple[list[str], list[str], list[Row]]:
    """(sex set, general set, the sex set's drawn criteria) of one draw's answers."""
    order = round_robin(rows)
    split = splitter([r["nct"] for r in order])
    single: list[str] = []
    mixed: list[str] = []
    criteria: dict[str, list[Row]] = {}

    def pool(nct: str) -> list[Row]:
        return pool_rows(split[nct], spec.per_trial)

    if spec.every_page:
        general = _general(order, split, spec, [])
        criteria = _every_page(order, split, spec, general)
        return list(criteria), general, [row for rows in criteria.values() for row in rows]
    for page in order:
        if len(single) >= spec.single:
            break
        nct = page["nct"]
        if page["sex"] in ONE_SEX and enough(_rows(split, nct)) and pool(nct):
            single.append(nct)
            criteria[nct] = pool(nct)
    if len(single) < spec.fallback_below:
        criteria = _fallback(order, split, spec)
        single, mixed = [], list(criteria)
    for page in order:
        if len(mixed) >= min(len(single), spec.mixed):
            break
        nct = page["nct"]
        if page["sex"] == "ALL" and enough(_rows(split, nct)) and pool(nct):
            mixed.append(nct)
            criteria[nct] = pool(nct)
    sex_set = single + mixed
    general = _general(order, split, spec, sex_set)
    drawn = [row for nct in sex_set for row in criteria[nct]]
    return sex_set, general, drawn


def main(argv: list[str]) -> int:
    spec = next(
        (
            d
            for flag, d in (
                ("--seventh", SEVENTH),
                ("--sixth", SIXTH),
                ("--fifth", FIFTH),
                ("--fourth", FOURTH),
                ("--third", THIRD),
                ("--second", SECOND),
            )
            if flag in argv
        ),
        FIRST,
    )
    try:
        sex_set, general, drawn = draw(answers(spec), spec)
    except Missing as missing:
        print(f"save the source of {missing} first (sources/ignite/{missing}.txt)", file=sys.stderr)
        return 2
    print(json.dumps({spec.sex_set: sex_set, spec.general_set: general}))
    if "--criteria" in argv:
        for row in drawn:
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
