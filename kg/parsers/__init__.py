"""Parser registry: one module per input format, found by name or by sniffing.

>>> sorted(names())[:2]
['ctgov-json', 'ctgov-xml']
>>> detect(b"<?xml version='1.0' encoding='UTF-8' ?><Trials_downloaded_from_ICTRP>")
'ictrp-xml'
"""

from __future__ import annotations

import importlib
from typing import cast

from kg.parsers.base import ParserModule

# Sniffing order matters: the most specific formats first.
_MODULES: dict[str, str] = {
    "ictrp-xml": "kg.parsers.ictrp_xml",
    "ctgov-xml": "kg.parsers.ctgov_xml",
    "ctgov-json": "kg.parsers.ctgov_json",
    "ictrp-trial2": "kg.parsers.ictrp_trial2",
    "ictrp-csv": "kg.parsers.ictrp_csv",
}


def names() -> list[str]:
    """The registered format names."""
    return list(_MODULES)


def get(name: str) -> ParserModule:
    """The parser module for a format name (KeyError names the known ones)."""
    if name not in _MODULES:
        raise KeyError(f"unknown format {name!r}; known: {', '.join(sorted(_MODULES))}")
    module = importlib.import_module(_MODULES[name])
    return cast(ParserModule, module)


def detect(head: bytes) -> str | None:
    """The first registered format whose ``sniff`` accepts these leading bytes."""
    for name in _MODULES:
        if get(name).sniff(head):
            return name
    return None
