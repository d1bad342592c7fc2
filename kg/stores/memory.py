"""Give freed heap memory back to the system between store writes.

A long load frees what each batch held (its graphs, the parsed quads, the engine's
write buffers), but glibc keeps freed arenas mapped for reuse, so the resident size
of the process only grows with the input. ``malloc_trim(0)`` returns them; it exists
only in glibc, so elsewhere (macOS, musl, Windows) :func:`release_memory` does nothing.

>>> release_memory() in (True, False)
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim  # type: ignore[no-any-return]


def release_memory() -> bool:
    """Return the free memory at the top and in the holes of the heap to the system
    (glibc ``malloc_trim(0)``); False where there is no such call."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
