"""Structured eligibility constraints highlighted in their criterion's text.

A constraint carries the span of the text it was read from; the page shows the
criterion as text segments, the constrained ones marked with their kind. Spans
that do not match the text (another version of it) or overlap an earlier one
are left unmarked rather than guessed.

>>> segments("Aged 18 years or older, not pregnant", [(0, 22, "age"), (24, 36, "reproductive")])
[('Aged 18 years or older', 'age'), (', ', None), ('not pregnant', 'reproductive')]
>>> segments("short", [(2, 99, "age")])
[('short', None)]
"""

from __future__ import annotations

from collections.abc import Iterable


def segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The text cut into (segment, constraint kind or None), in order."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, kind in sorted(spans):
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], kind))
        at = end
    if at < len(text) or not out:
        out.append((text[at:], None))
    return out


__all__ = ["segments"]
