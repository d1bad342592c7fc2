"""Routing units of work to worker processes, by affinity, with results in input order.

Each worker is a process of its own (a one-process ``ProcessPoolExecutor``), and an
item always goes to the worker its affinity key names (``key % workers``): items
that share a key (ICTRP CSV rows with the same eligibility criteria: the copies of
one trial, shared templates) meet the same worker, whose caches (the criteria
extractor's, the constraint lines') then hit, instead of every worker computing
the same texts again. Items travel in chunks; at most ``ahead`` items are read
before the oldest one's results are given back, so memory does not grow with the
input, and results come back in input order whatever the routing.

A worker that dies (killed, out of memory, a crash in native code) costs only the
records it was converting: the chunk it was running is tried again item by item in a
new process, and the item that kills that one too is given to ``crashed`` (which
turns it into a reject); every other item still comes back converted.

>>> from concurrent.futures import ThreadPoolExecutor  # processes in kg.pipeline
>>> start = lambda: ThreadPoolExecutor(1)
>>> out = dispatch(iter("abcdefg"), workers=[start, start], fn=_upper, key=ord,
...                crashed=lambda item, why: [item + "!"], chunk=2, ahead=4)
>>> "".join(out)
'ABCDEFG'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")  # an item of work
R = TypeVar("R")  # one result of an item (an item may give several)

RESTARTS = 8  # new processes in a row for one worker with nothing converted in between


def _upper(chunk: list[str]) -> list[list[str]]:
    return [[item.upper()] for item in chunk]


@dataclass(slots=True)
class _Part(Generic[T, R]):
    """Items sent to a worker in one call, and what came back (one list per item)."""

    items: list[T]
    future: Future[list[list[R]]] | None = None
    results: list[list[R]] | None = None
    singles: list[_Part[T, R]] | None = None  # after a crash: one part per item


@dataclass(slots=True)
class _Chunk(Generic[T, R]):
    """Consecutive items routed to one worker, sent as one part when full (or needed)."""

    worker: int
    items: list[T] = field(default_factory=list)
    part: _Part[T, R] | None = None


class _Workers(Generic[T, R]):
    """One executor per worker; a broken one is replaced and its parts sent again."""

    def __init__(
        self,
        starts: Sequence[Callable[[], Executor]],
        fn: Callable[[list[T]], list[list[R]]],
        crashed: Callable[[T, str], list[R]],
    ) -> None:
        self.starts, self.fn, self.crashed = starts, fn, crashed
        self.executors: list[Executor | None] = [None] * len(starts)
        self.sent: list[deque[_Part[T, R]]] = [deque() for _ in starts]  # in sending order
        self.restarts = [0] * len(starts)

    def send(self, worker: int, part: _Part[T, R]) -> None:
        executor = self.executors[worker]
        if executor is None:
            executor = self.executors[worker] = self.starts[worker]()
        sent = self.sent[worker]
        while sent and sent[0].results is not None:
            sent.popleft()
        try:
            part.future = executor.submit(self.fn, part.items)
        except BrokenProcessPool as exc:  # it broke since the last wait: as if sent and lost
            part.future = Future()
            part.future.set_exception(exc)
        sent.append(part)

    def wait(self, worker: int, part: _Part[T, R]) -> None:
        while part.results is None:
            if part.singles is not None:  # split after a crash: its items one by one
                for single in part.singles:
                    self.wait(worker, single)
                part.results = [r for single in part.singles for r in single.results or ()]
                return
            assert part.future is not None
            try:
                part.results = part.future.result()
                self.restarts[worker] = 0
            except BrokenProcessPool as exc:
                self._recover(worker, exc)

    def _recover(self, worker: int, exc: BrokenProcessPool) -> None:
        """The worker died: the first part it had not finished was running. That part's
        items go again one by one (or, if it was one item, that item is given up); the
        parts after it go again as they were, to a new process. (A part whose future is not
        settled yet counts as unfinished: converting it twice gives the same results,
        waiting for it could be forever.)"""
        self.restarts[worker] += 1
        if self.restarts[worker] > RESTARTS:
            raise RuntimeError(f"worker process {worker} keeps dying: {exc}") from exc
        broken = self.executors[worker]
        self.executors[worker] = None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        again: list[_Part[T, R]] = []
        culprit: _Part[T, R] | None = None
        for part in self.sent[worker]:
            if part.results is not None:
                continue
            future = part.future
            assert future is not None
            if future.done() and not future.cancelled() and future.exception() is None:
                part.results = future.result()  # finished before the process died
            elif culprit is None:
                culprit = part
            else:
                again.append(part)
        self.sent[worker].clear()
        if culprit is not None and len(culprit.items) == 1:
            reason = f"the worker process converting it died ({exc})"
            culprit.results = [self.crashed(culprit.items[0], reason)]
        elif culprit is not None:
            culprit.singles = [_Part([item]) for item in culprit.items]
            again = culprit.singles + again
        for part in again:
            self.send(worker, part)

    def close(self) -> None:
        for executor in self.executors:
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)


def dispatch(
    work: Iterator[T],
    *,
    workers: Sequence[Callable[[], Executor]],
    fn: Callable[[list[T]], list[list[R]]],
    key: Callable[[T], int],
    crashed: Callable[[T, str], list[R]],
    chunk: int = 16,
    ahead: int = 128,
) -> Iterator[R]:
    """The results of ``fn`` over every item of ``work``, in input order.

    ``workers`` start one single-process executor each (lazily, again after a crash);
    ``fn`` (picklable, top-level) converts a list of items into one list of results per
    item; ``key`` is an item's affinity (same key, same worker); ``crashed`` gives an
    item's results when the process converting it died twice.
    """
    pool = _Workers(workers, fn, crashed)
    n = len(workers)
    filling: list[_Chunk[T, R] | None] = [None] * n
    order: deque[tuple[_Chunk[T, R], int]] = deque()

    def flush(c: _Chunk[T, R]) -> _Part[T, R]:
        c.part = _Part(c.items)
        pool.send(c.worker, c.part)
        filling[c.worker] = None
        return c.part

    def oldest() -> list[R]:
        c, index = order.popleft()
        part = c.part or flush(c)
        pool.wait(c.worker, part)
        assert part.results is not None
        return part.results[index]

    try:
        for item in work:
            worker = key(item) % n
            c = filling[worker]
            if c is None:
                c = filling[worker] = _Chunk(worker)
            order.append((c, len(c.items)))
            c.items.append(item)
            if len(c.items) >= chunk:
                flush(c)
            while len(order) > ahead:
                yield from oldest()
        while order:
            yield from oldest()
    finally:
        pool.close()
