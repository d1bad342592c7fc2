"""Which way a lost comparison sign points, and which units a quantity's threshold needs.

A bare "=" (EU-CTR and ICTRP exports) or "*" (NL-OMON) before a value is a lost "≥" or
"≤": its direction is read from the criterion's sense, known from the quantity and the
criterion's kind (see kg.criteria.thresholds). A dose ("prednisone dose") needs a dose
unit; a few quantities whose name is also an everyday word need their own unit
("diarrhea > 4 times / day" is a stool frequency only with "/d").

>>> lost_sign(Op.GE, "platelets", "10*9/L", "exclusion"), unit_ok("prednisone dose", "wk")
(<Op.LE: '<='>, False)
>>> bare_equals("HbA1C * 7%", 0, 10), bare_equals("Platelets =100 x 10*9/L", 0, 23)
(True, True)
"""

from __future__ import annotations

import re

from kg.criteria.model import Op

_OXYGENATION = frozenset({"oxygen saturation", "SpO2", "PaO2", "PaO2/FiO2"})
_LOW_ABNORMAL = frozenset({
    "platelets", "ANC", "lymphocytes", "WBC", "hemoglobin", "hematocrit", "eGFR", "GFR",
    "creatinine clearance", "albumin", "LVEF", "Karnofsky", "life expectancy", "CD4", "CD4%",
    "FEV1", "FVC", "DLCO", "TLC", "ABI", "MAP", "cardiac index",
})  # fmt: skip
_HIGH_ABNORMAL = frozenset({
    "ALT", "AST", "aminotransferase", "bilirubin", "creatinine", "ALP", "GGT", "INR", "UPCR",
    "UACR", "urine protein", "proteinuria", "LDH", "BUN",
})  # fmt: skip
# inflammation markers: an inclusion asks for them raised (a cytokine storm), even in ×ULN
_INFLAMMATION = frozenset({"IL-6", "CRP", "ferritin", "D-dimer", "procalcitonin"})
# vasopressors: ug/kg/min; insulin: U/kg/d (round 14)
_DOSE_UNITS = frozenset({"mg", "mg/d", "mg/kg", "mg/kg/d", "ug/kg/min", "U/kg/d"})
_PRESSURE = frozenset({None, "mm[Hg]", "kPa"})
# quantities whose name is also an everyday word or a drug: a threshold only with these units
_UNITS_REQUIRED: dict[str, frozenset[str | None]] = {
    "radiation dose": frozenset({"Gy", "cGy"}),  # round 11: "30 gray [Gy] or less"
    "monoclonal protein": frozenset({"g/dL", "g/L", "mg/dL", "g/(24.h)", "mg/(24.h)"}),
    "stool frequency": frozenset({"/d"}), "stenosis": frozenset({"%"}), "BSA": frozenset({"%"}),
    "red blood cells": frozenset({"/[HPF]", "10*12/L", "/uL"}),
    "life expectancy": frozenset({"a", "mo", "wk", "d", "h"}),
    "oxygen flow": frozenset({"L/min", "L", "%"}), "pain": frozenset({None, "mm"}),
    "FiO2": frozenset({None, "%"}),
    # round 14: a pressure in pressure units ("blood pressure … 40-100 beats/min" is not one);
    # ASA, a class (not aspirin's dose "ASA 81 mg")
    "blood pressure": _PRESSURE, "systolic blood pressure": _PRESSURE,
    "diastolic blood pressure": _PRESSURE, "ASA": frozenset({None}),
    "birth weight": frozenset({"g", "kg"}),  # round 15: "birth weight of 500-1250g"
}  # fmt: skip


def unit_ok(quantity: str, unit: str | None) -> bool:
    """A dose needs a dose unit; a few other quantities need theirs (see _UNITS_REQUIRED)."""
    allowed = _UNITS_REQUIRED.get(quantity)
    if allowed is not None:
        return unit in allowed  # "radiation dose" in Gy
    return unit in _DOSE_UNITS if quantity.endswith(" dose") else True


def lost_sign(op: Op, quantity: str, unit: str | None, kind: str | None) -> Op:
    """The comparison a bare "=" stood for, from the quantity and the criterion's kind."""
    if op is not Op.GE:
        return op
    exclusion = kind == "exclusion"
    if quantity in _OXYGENATION or (quantity in _LOW_ABNORMAL and exclusion):
        return Op.LE
    if (unit == "×ULN" or quantity in _HIGH_ABNORMAL) and not exclusion:
        return Op.GE if quantity in _INFLAMMATION else Op.LE  # "IL-6 =3 x ULN": raised
    return Op.GE


def bare_equals(text: str, start: int, stop: int) -> bool:
    """The comparison in text[start:stop] is a bare "=" (a lost "≥" or "≤")."""
    signs = re.findall(r"[<>≤≥=]+|(?<![\w)])\*(?=\s*\d)"
                       r"|\b(?:at least|more|less|greater|above|below|over|under)\b",
                       text[start:stop])  # fmt: skip
    return signs in (["="], ["*"])
