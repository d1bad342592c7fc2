"""Spellings a record mangled, mended after the thresholds are read (kg.criteria.thresholds):
a European thousands point in a count per microlitre, a "°C" lost to "?" after a temperature,
"oxygen > 90%" that is a saturation, not a flow (round 7)."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.criteria.model import Constraint

_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?![\d.,])")
_LOST_CELSIUS = re.compile(r"\s*\?")


def lost_units(text: str, out: list[Constraint]) -> list[Constraint]:
    """Spellings a record mangled: a European thousands point in a count per microlitre
    ("above 25.000 per microliter": 25000 /uL; a count is whole, so "." before three digits
    groups thousands), and a "°C" lost to "?" after a body temperature ("= 37.8 ?": Cel)."""
    done: list[Constraint] = []
    for c in out:
        if c.unit == "/uL" and isinstance(c.value, float):
            groups = _THOUSANDS.search(c.text)
            if groups is not None and float(groups.group()) == c.value:
                c = replace(c, value=int(groups.group(1) + groups.group(2)))
        elif c.quantity == "temperature" and c.unit == "deg":
            c = replace(c, unit="Cel")  # "temperature > 37.3 degrees", "(temperature=37.3 ° )"
        elif c.quantity == "temperature" and c.unit is None and 34 <= float(c.value or 0) <= 43:
            lost = _LOST_CELSIUS.match(text, c.end)
            if lost is not None:
                c = replace(c, unit="Cel", end=lost.end(), text=text[c.start : lost.end()])
        done.append(c)
    return done


_PLAIN_OXYGEN = re.compile(r"oxygen\s*(?:[<>≤≥=]|(?:of|more|greater|less|above|below)\b)", re.I)


def saturation(out: list[Constraint]) -> list[Constraint]:
    """ "oxygen > 90% on room air" is a saturation, not a flow (unless a saturation inside its
    span read that value: "oxygen therapy to maintain SpO2 > 94%")."""
    done: list[Constraint] = []
    for c in out:
        if c.quantity == "oxygen flow" and c.unit == "%":
            if not _PLAIN_OXYGEN.match(c.text) or any(
                o is not c and o.start < c.end and c.start < o.end for o in out
            ):
                continue  # "oxygen supply greater than 60%" (a fraction), read twice
            c = replace(c, quantity="oxygen saturation")
        done.append(c)
    return done
