"""Graphs' lines spooled to files where they are made give the same output as lines in memory."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from kg import pipeline, serialize
from kg.atomic import atomic_output, check_trailer
from kg.iris import DEFAULT_BASE
from kg.mapping import TrialGraph
from kg.pipeline import convert
from kg.precedence import Superseded, one_per_trial
from kg.serialize import write_graphs
from kg.spool import Spool, put, winners
from kg.stores.loading import trial_graph

from .conftest import EXAMPLES, FIXTURES

# the examples twice: identical copies that lose (kg.precedence), so spool files hold
# graphs that are not written
INPUTS = [
    str(EXAMPLES),
    str(FIXTURES / "ictrp" / "sample.xml"),
    str(FIXTURES / "ictrp" / "broken.csv"),
    str(FIXTURES / "ctgov" / "studies.ndjson"),
    str(FIXTURES / "ctgov" / "study_full.xml"),
    str(EXAMPLES),
]


def _written(syntax: str, jobs: int, spooled: bool) -> bytes:
    out = io.BytesIO()
    superseded: list[Superseded] = []
    if not spooled:
        graphs = [r.graph for r in convert(INPUTS, jobs=jobs) if r.graph]
        write_graphs(one_per_trial(graphs, superseded), out, syntax, DEFAULT_BASE)
    else:
        with Spool.temporary(syntax) as spool:
            results = convert(INPUTS, jobs=jobs, spool=spool)
            graphs = [r.graph for r in results if r.graph]
            assert all(g.lines == () and g.spooled for g in graphs)
            write_graphs(one_per_trial(graphs, superseded), out, syntax, DEFAULT_BASE, spool)
    assert superseded  # the second copies of the examples
    return out.getvalue()


@pytest.mark.parametrize("syntax", ["nt", "nq"])
@pytest.mark.parametrize("system_sort", [True, False])
def test_spooled_output_is_the_in_memory_output(
    monkeypatch: pytest.MonkeyPatch, syntax: str, system_sort: bool
) -> None:
    monkeypatch.setattr(pipeline, "SMALL", 2)  # start workers even for these few records
    if not system_sort:
        monkeypatch.setattr(serialize.shutil, "which", lambda _name: None)
    expected = _written(syntax, 1, spooled=False)
    assert len(expected) > 1000
    assert _written(syntax, 1, spooled=True) == expected
    assert _written(syntax, 2, spooled=True) == expected


def _graph(trial: str, title: str) -> TrialGraph:
    nt = f'<urn:t/{trial}> <urn:title> "{title}" .\n'.encode()
    return trial_graph(f"urn:g/{trial}", trial, nt, version=None, source_rank=1)


def test_a_file_is_used_whole_or_only_its_winners_are_copied(tmp_path: Path) -> None:
    with Spool.temporary("nt") as spool:
        graphs = [put(_graph(t, t.lower()), spool) for t in ("A", "B", "C")]
        where = [g.spooled for g in graphs if g.spooled is not None]
        files = [Path(spool.folder, name) for name in {name for name, _, _ in where}]
        assert len(files) == 1  # one process, one file
        whole = files[0].read_bytes()
        assert [Path(p) for p in winners(graphs, spool)] == files  # every graph: the file itself
        kept = winners([graphs[0], graphs[2]], spool)
        assert kept != [str(files[0])]
        a, c = (whole[o : o + n] for _, o, n in (where[0], where[2]))
        assert Path(kept[0]).read_bytes() == a + c
        assert winners([], spool) == []


def test_nothing_to_write_is_a_trailer_alone() -> None:
    with Spool.temporary("nq") as spool:
        spooled, plain = io.BytesIO(), io.BytesIO()
        assert write_graphs([], spooled, "nq", DEFAULT_BASE, spool) == 0
        write_graphs([], plain, "nq", DEFAULT_BASE)
    assert spooled.getvalue() == plain.getvalue()
    assert not Path(spool.folder).exists()


@pytest.mark.parametrize("syntax", ["nt", "nq"])
def test_a_superseded_record_is_not_written(syntax: str) -> None:
    """The ICTRP copy loses to the register's own record: its lines stay in the spool."""
    inputs = [
        str(FIXTURES / "crossformat" / "NCT04946669.ictrp.xml"),
        str(FIXTURES / "ctgov" / "NCT04946669.json"),
    ]
    plain, spooled = io.BytesIO(), io.BytesIO()
    graphs = [r.graph for r in convert(inputs) if r.graph]
    write_graphs(one_per_trial(graphs, []), plain, syntax, DEFAULT_BASE)
    with Spool.temporary(syntax) as spool:
        graphs = [r.graph for r in convert(inputs, spool=spool) if r.graph]
        assert len(graphs) == 2
        write_graphs(one_per_trial(graphs, []), spooled, syntax, DEFAULT_BASE, spool)
    assert spooled.getvalue() == plain.getvalue()
    assert b"/record/ictrp-xml>" not in plain.getvalue()
    assert b"/record/ctgov-json>" in plain.getvalue()


def test_sort_writes_straight_into_an_output_file(tmp_path: Path) -> None:
    """Into a plain file (kg.atomic opens it read-write) the system sort writes itself and
    the trailer is computed from the file; the bytes are those written through a pipe."""
    expected = _written("nq", 1, spooled=False)
    target = tmp_path / "out.nq"
    with Spool.temporary("nq") as spool, atomic_output(target) as out:
        assert serialize._read_write_file(out) is not None
        graphs = [r.graph for r in convert(INPUTS, spool=spool) if r.graph]
        write_graphs(one_per_trial(graphs, []), out, "nq", DEFAULT_BASE, spool)
    assert target.read_bytes() == expected
    assert check_trailer(expected) is None
    with gzip.open(tmp_path / "x.gz", "wb") as packed:
        assert serialize._read_write_file(packed) is None  # type: ignore[arg-type]
