"""Reading parsed JSON without trusting its shape: a missing or mistyped member reads as empty.

>>> study = {"protocolSection": {"conditionsModule": {"conditions": ["Asthma"]}}, "x": 3}
>>> list_at(object_at(object_at(study, "protocolSection"), "conditionsModule"), "conditions")
['Asthma']
>>> object_at(study, "x"), list_at(study, "x"), objects_at({"a": [{"b": 1}, 2]}, "a")
({}, [], [{'b': 1}])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Json = Mapping[str, Any]


def object_at(parent: object, key: str) -> Json:
    """A nested object, or an empty one when absent or not an object."""
    if isinstance(parent, Mapping):
        value = parent.get(key)
        if isinstance(value, Mapping):
            return value
    return {}


def list_at(parent: Json, key: str) -> list[Any]:
    """A member that is a list, or an empty list."""
    value = parent.get(key)
    return value if isinstance(value, list) else []


def objects_at(parent: Json, key: str) -> list[Json]:
    """The objects of a member that is a list (other items skipped)."""
    return [item for item in list_at(parent, key) if isinstance(item, Mapping)]
