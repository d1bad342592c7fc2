"""Size limits on untrusted input, with defaults that real registry data never reaches.

Each limit turns an oversized input into a reject naming the limit and the
flag that raises it, instead of memory growing with whatever a file holds
(a small gzip file can expand to gigabytes). Nesting depth is bounded by
Python's recursion limit: JSON nested deeper is a reject ("nested too deeply").

========================  =========  =========================
limit                     default    flag (convert, load, audit)
========================  =========  =========================
one CSV field             16 MB      ``--max-field-size``
one record (JSON study,   64 MB      ``--max-record-size``
NDJSON line)
========================  =========  =========================

The limits are process-wide settings read by the parsers (reading happens
in the main process; worker processes only build and map what was read).

>>> LIMITS.field_bytes, LIMITS.record_bytes
(16000000, 64000000)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Limits:
    field_bytes: int = 16_000_000
    record_bytes: int = 64_000_000


LIMITS = Limits()


def set_limits(*, field_bytes: int | None = None, record_bytes: int | None = None) -> None:
    """Raise (or lower) the limits for this process."""
    if field_bytes is not None:
        LIMITS.field_bytes = field_bytes
    if record_bytes is not None:
        LIMITS.record_bytes = record_bytes
