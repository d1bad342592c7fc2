"""kg.dispatch: results in input order, the same key to the same worker, a dying worker
costs only the item that killed it; kg.pipeline's use of it (affinity, rejects)."""

from __future__ import annotations

import multiprocessing
import os
import random
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from kg import pipeline
from kg.dispatch import dispatch
from kg.reading import RawItem


def _tagged(chunk: list[int]) -> list[list[tuple[int, str]]]:
    """Each item with the name of the thread or process that converted it."""
    me = f"{os.getpid()}/{threading.current_thread().name}"
    return [[(item, me)] * (item % 3) for item in chunk]  # 0, 1 or 2 results an item


def _threads(n: int) -> list[Callable[[], Executor]]:
    return [lambda i=i: ThreadPoolExecutor(1, thread_name_prefix=f"w{i}") for i in range(n)]


def _never(item: object, reason: str) -> list[object]:
    raise AssertionError(f"{item}: {reason}")


@pytest.mark.parametrize(("chunk", "ahead"), [(1, 1), (3, 5), (16, 128)])
def test_results_come_in_input_order(chunk: int, ahead: int) -> None:
    items = list(range(500))
    rnd = random.Random(chunk)
    keys = {item: rnd.randrange(1000) for item in items}
    out = dispatch(
        iter(items), workers=_threads(3), fn=_tagged, key=keys.__getitem__, crashed=_never,
        chunk=chunk, ahead=ahead,
    )  # fmt: skip
    got = [item for item, _ in out]
    assert got == [item for item in items for _ in range(item % 3)]


def test_the_same_key_goes_to_the_same_worker() -> None:
    items = list(range(1, 600))
    key = {item: item % 7 for item in items}.__getitem__
    out = list(dispatch(iter(items), workers=_threads(2), fn=_tagged, key=key, crashed=_never))
    by_key: dict[int, set[str]] = {}
    for item, worker in out:
        by_key.setdefault(key(item), set()).add(worker)
    assert all(len(workers) == 1 for workers in by_key.values())
    assert len({w for workers in by_key.values() for w in workers}) == 2  # both did work


def test_read_ahead_is_bounded() -> None:
    read = 0

    def counted() -> object:
        nonlocal read
        for item in range(1, 1000):
            read += 1
            yield item

    out = dispatch(counted(), workers=_threads(2), fn=_tagged, key=int, crashed=_never, ahead=40)
    for _ in range(50):
        next(out)
        assert read <= 50 + 40 + 1
    out.close()


def _deadly(chunk: list[int]) -> list[list[int]]:
    """Converts items; item 13 kills the process converting it."""
    if 13 in chunk:
        os._exit(3)
    return [[item * 10] for item in chunk]


def _processes(n: int) -> list[Callable[[], Executor]]:
    ctx = multiprocessing.get_context("fork")  # the test module is already imported there
    return [lambda: ProcessPoolExecutor(1, mp_context=ctx) for _ in range(n)]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_dying_worker_costs_only_the_item_that_killed_it() -> None:
    said: list[str] = []

    def crashed(item: int, reason: str) -> list[int]:
        said.append(reason)
        return [-item]

    items = list(range(40))
    out = dispatch(
        iter(items), workers=_processes(2), fn=_deadly, key=lambda i: i // 5, crashed=crashed,
        chunk=4, ahead=12,
    )  # fmt: skip
    assert list(out) == [-13 if item == 13 else item * 10 for item in items]
    assert len(said) == 1 and "died" in said[0]


def _always_dies(chunk: list[int]) -> list[list[int]]:
    os._exit(3)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_worker_that_always_dies_ends_the_run() -> None:
    out = dispatch(
        iter(range(50)), workers=_processes(1), fn=_always_dies, key=int,
        crashed=lambda item, reason: [item], chunk=10,
    )  # fmt: skip
    with pytest.raises(RuntimeError, match="keeps dying"):
        list(out)


def test_pipeline_rejects_a_record_whose_worker_died() -> None:
    raw = RawItem("ictrp-csv", "a.csv", 7, (9, {"TrialID": "NCT1"}))
    (result,) = pipeline._crashed(raw, "the worker died", options=pipeline.MappingOptions())
    assert result.graph is None and result.rejected is not None
    assert (result.rejected.source_file, result.rejected.position) == ("a.csv", 7)
    assert result.rejected.reason == "the worker died"


def test_rows_with_the_same_criteria_have_the_same_affinity() -> None:
    criteria = {"Inclusion_Criteria": "Adults", "Exclusion_Criteria": "Pregnancy"}
    a = RawItem("ictrp-csv", "a.csv", 1, (2, {"TrialID": "NCT1", **criteria}))
    b = RawItem("ictrp-csv", "a.csv", 900, (901, {"TrialID": "NCT1-r1", **criteria}))
    c = RawItem("ictrp-csv", "a.csv", 2, (3, {"TrialID": "NCT2"}))
    d = RawItem("ictrp-csv", "a.csv", 3, (4, {"TrialID": "NCT3"}))
    assert pipeline.affinity(a) == pipeline.affinity(b)
    assert pipeline.affinity(c) != pipeline.affinity(d)  # no criteria: by position
    assert pipeline.affinity(a) == zlib.crc32(b"Adults\x00Pregnancy")  # stable: not hash()
