"""Pure, table-driven normalisers: raw registry strings -> typed model values.

Every function here is pure (no I/O). Empty input gives ``None``; a value that
cannot be understood keeps its raw string (``Coded(raw, None)``, ``Age(raw)``...)
or, where there is nothing to keep it in, raises :class:`Unrecognised`.

>>> from kg.normalize import Unrecognised
>>> from kg.normalize.dates import parse_date
>>> try:
...     parse_date("sometime soon")
... except Unrecognised as e:
...     print(e)
unrecognised date: 'sometime soon'
"""

from __future__ import annotations


class Unrecognised(ValueError):
    """A non-empty value that a normaliser cannot understand."""


__all__ = ["Unrecognised"]
