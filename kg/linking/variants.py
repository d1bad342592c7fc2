"""Fallback rewrites of a reported string, tried when it does not match as given.

Drugs: strip doses, dose forms, routes and salts ("metformin hydrochloride 500
mg tablets" -> "metformin"). Conditions: drop course modifiers ("recurrent",
"refractory", "advanced") and read "cancer"/"carcinoma"/"tumour" as MeSH's
"neoplasms". Both: split combinations ("A/B", "A + B", "A or B", "A (B)") into
parts. Every function is pure and deterministic.

>>> drug_core("Metformin Hydrochloride 500 mg tablets")
'metformin'
>>> condition_variants("Recurrent Breast Carcinoma")
['breast carcinoma', 'recurrent breast neoplasms', 'breast neoplasms']
>>> split_parts("sacubitril/valsartan (LCZ696)")
['sacubitril', 'valsartan', 'LCZ696']
"""

from __future__ import annotations

import re

from kg.linking.normalise import fold

_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:x\s*10\^?\d+\s*)?"
    r"(?:mg|mcg|µg|ug|g|kg|ml|l|iu|units?|u|%|mmol|meq|cfu|mg/kg|mg/m2|mg/ml|mcg/kg|"
    r"particle units|particles|vp|pfu|gy|cgy)(?:/(?:kg|m2|ml|day|d|dose))?(?=\W|$)",
    re.IGNORECASE,
)
_FORMS = frozenset(
    [
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "cap",
        "caps",
        "injection",
        "injections",
        "injectable",
        "infusion",
        "oral",
        "orally",
        "iv",
        "intravenous",
        "intravenously",
        "subcutaneous",
        "sc",
        "im",
        "intramuscular",
        "topical",
        "solution",
        "suspension",
        "cream",
        "gel",
        "ointment",
        "spray",
        "nasal",
        "patch",
        "patches",
        "powder",
        "syrup",
        "drops",
        "drop",
        "inhaler",
        "inhalation",
        "film",
        "coated",
        "film-coated",
        "extended-release",
        "extended",
        "delayed-release",
        "sustained-release",
        "release",
        "er",
        "xr",
        "sr",
        "dr",
        "mr",
        "chewable",
        "dispersible",
        "lotion",
        "foam",
        "liquid",
        "elixir",
        "suppository",
        "suppositories",
        "vial",
        "vials",
        "pen",
        "prefilled",
        "syringe",
        "dose",
        "doses",
        "daily",
        "once",
        "twice",
        "weekly",
        "monthly",
        "bid",
        "tid",
        "qd",
        "od",
        "formulation",
        "regimen",
        "drug",
        "medication",
        "therapy",
        "treatment",
        "administration",
    ]
)
_SALTS = frozenset(
    [
        "hydrochloride",
        "diphosphate",
        "hcl",
        "dihydrochloride",
        "hydrobromide",
        "sodium",
        "disodium",
        "potassium",
        "calcium",
        "magnesium",
        "sulfate",
        "sulphate",
        "phosphate",
        "acetate",
        "maleate",
        "mesylate",
        "mesilate",
        "dimesylate",
        "tartrate",
        "bitartrate",
        "citrate",
        "succinate",
        "besylate",
        "besilate",
        "bromide",
        "chloride",
        "malate",
        "tosylate",
        "lactate",
        "gluconate",
        "monohydrate",
        "dihydrate",
        "trihydrate",
        "hydrate",
        "anhydrous",
        "propionate",
        "dipropionate",
        "valerate",
        "furoate",
        "hyclate",
        "trometamol",
        "tromethamine",
        "pamoate",
        "embonate",
        "stearate",
        "estolate",
        "ethylsuccinate",
        "fumarate",
        "hemifumarate",
        "succinate",
        "sesquihydrate",
        "mofetil",
        "axetil",
        "medoxomil",
        "pivoxil",
    ]
)
_MODIFIERS = frozenset(
    [
        "recurrent",
        "refractory",
        "relapsed",
        "advanced",
        "metastatic",
        "unresectable",
        "progressive",
        "locally",
        "early",
        "late",
        "newly",
        "diagnosed",
        "untreated",
        "previously",
        "treated",
        "resistant",
        "persistent",
        "severe",
        "moderate",
        "mild",
        "primary",
        "secondary",
        "adult",
        "adults",
        "childhood",
        "pediatric",
        "paediatric",
        "suspected",
        "confirmed",
        "active",
        "stage",
    ]
)
_NEOPLASM_WORDS = re.compile(
    r"\b(?:cancers?|carcinomas?|tumou?rs?|malignanc(?:y|ies)|malignant neoplasms?|neoplasms?)\b"
)
_STAGE = re.compile(r"\bstage\s+(?:[0-4]|i{1,3}|iv)[a-c]?\b")
_SPLIT = re.compile(r"\s*(?:/|\+|;|,|\band\b|\bor\b|\bplus\b|\bwith\b|&|\bvs\.?\b)\s*")
_PAREN = re.compile(r"\(([^()]*)\)")


_UNITS = frozenset(
    ["mg", "mcg", "ug", "g", "kg", "ml", "l", "iu", "unit", "u", "mmol", "gx", "bid", "tds", "qid"]
)
_GLUED = re.compile(r"(?<=[A-Za-z]{5})(?=\d+[.,]\d|\d+\s*(?:mg|mcg|g|ml|iu)\b)")


def unglue_dose(text: str) -> str:
    """A space between a name and a dose written against it ("phosphate1.0g" -> "phosphate 1.0g").

    >>> unglue_dose("Chloroquine phosphate1.0gx2"), unglue_dose("COVID19"), unglue_dose("B12")
    ('Chloroquine phosphate 1.0gx2', 'COVID19', 'B12')
    """
    return _GLUED.sub(" ", text)


def dose_words() -> frozenset[str]:
    """Words that follow a drug name without naming anything (forms, routes, units).

    >>> "tablet" in dose_words(), "mg" in dose_words(), "noscapine" in dose_words()
    (True, True, False)
    """
    return _DOSE_WORDS


def drug_core(text: str) -> str:
    """The drug name without dose, dose form, route or salt (may be empty).

    >>> drug_core("Levobupivacaine hydrochloride")
    'levobupivacaine'
    >>> drug_core("Amlodipine 5mg tablets")
    'amlodipine'
    >>> drug_core("Saline 0.9%")
    'saline'
    """
    text = _DOSE.sub(" ", fold(text))
    text = _PAREN.sub(" ", text)
    words = [w for w in re.split(r"[\s,]+", text) if w]
    kept = [w for w in words if w not in _FORMS and w not in _SALTS]
    return " ".join(kept).strip(" -.,;:")


_DOSE_WORDS = frozenset(_FORMS | _UNITS)


def acid_form(core: str) -> str | None:
    """The acid an "-ate" name is the salt or ester of (mycophenolate -> mycophenolic acid).

    >>> acid_form("mycophenolate"), acid_form("aspirin")
    ('mycophenolic acid', None)
    """
    if core.endswith("ate") and " " not in core and len(core) > 6:
        return core[:-3] + "ic acid"
    return None


def condition_variants(text: str) -> list[str]:
    """Rewrites of a condition string, most specific first (the input itself excluded).

    >>> condition_variants("Lung Cancer")
    ['lung neoplasms']
    >>> condition_variants("Stage IV Melanoma")
    ['melanoma']
    """
    base = fold(text)
    out: list[str] = []
    stripped = _STAGE.sub(" ", base)
    words = stripped.split()
    while words and words[0].strip(",") in _MODIFIERS:
        words = words[1:]
    stripped = " ".join(words)
    for candidate in (stripped, _NEOPLASM_WORDS.sub("neoplasms", base)):
        if candidate and candidate != base and candidate not in out:
            out.append(candidate)
    both = _NEOPLASM_WORDS.sub("neoplasms", stripped)
    if both and both != base and both not in out:
        out.append(both)
    return out


def split_parts(text: str) -> list[str]:
    """Split a combination or a "name (alias)" string into its parts (at least 3 letters).

    >>> split_parts("Busulfan/Cyclophosphamide")
    ['Busulfan', 'Cyclophosphamide']
    >>> split_parts("Chemotherapy (Gemcitabine + Carboplatin or Eribulin)")
    ['Chemotherapy', 'Gemcitabine', 'Carboplatin', 'Eribulin']
    >>> split_parts("ABC: abacavir: Ziagen")
    ['ABC', 'abacavir', 'Ziagen']
    """
    pieces: list[str] = []
    outer = _PAREN.sub(" ; ", text)
    inner = _PAREN.findall(text)
    for chunk in [outer, *inner]:
        for part in re.split(r"\s*:\s*", chunk):
            pieces.extend(_SPLIT.split(part))
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip(" -.,;:'\"")
        if sum(c.isalpha() for c in piece) >= 3 and piece not in out:
            out.append(piece)
    return out
