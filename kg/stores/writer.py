"""One writer thread: batches written in the order they are put while the caller makes the next.

``load`` (:mod:`kg.stores.loading`) hands it the store's batch writes, so parsing and
mapping overlap the store's work (the engine's writes release the GIL).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from kg.stores.memory import release_memory

T = TypeVar("T")


class Writer(Generic[T]):
    """One thread that writes batches in the order they are put, while the caller makes
    the next; ``put`` waits while one batch is queued beside the one being written.

    An exception raised by ``write`` ends the thread; the next ``put``, or leaving the
    ``with`` block, raises it in the caller (batches put after it are not written).
    Leaving the block waits for every batch put before to be written.

    >>> done = []
    >>> with Writer(done.append) as w:
    ...     for batch in ([1], [2, 3], [4]):
    ...         w.put(batch)
    >>> done
    [[1], [2, 3], [4]]
    """

    def __init__(self, write: Callable[[list[T]], None]) -> None:
        self._write = write
        self._queue: queue.Queue[list[T] | None] = queue.Queue(maxsize=1)  # None: the end
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="trialkg-writer", daemon=True)

    def __enter__(self) -> Writer[T]:
        self._thread.start()
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self._stop()
        if self._error is not None and exc is None:
            raise self._error

    def put(self, batch: list[T]) -> None:
        """Hand a batch to the writer (waits while the queue is full)."""
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(batch, timeout=0.1)
                return
            except queue.Full:
                continue

    def _stop(self) -> None:
        while self._thread.is_alive():
            try:
                self._queue.put(None, timeout=0.1)
                break
            except queue.Full:
                continue
        self._thread.join()

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue  # failed before: drain what is put until the end
            try:
                self._write(batch)
            except BaseException as err:  # handed to the caller's thread
                err.add_note(f"while writing a batch of {len(batch)}: {_named(batch)}")
                self._error = err
            del batch
            release_memory()  # the batch's graphs and the engine's buffers are free now


def _named(batch: list[T]) -> str:
    ids = [str(getattr(item, "trial_id", item)) for item in batch]
    return ", ".join(ids) if len(ids) <= 3 else f"{ids[0]} ... {ids[-1]}"
