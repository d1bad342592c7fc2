"""Read a reported string the way an indexer does, before and after matching.

Before: strip arm and section labels ("Control group:", "Case series:"),
bullets and leading dashes; read EU-CTR product blocks ("Trade Name: X
Product Name: Y ...") as their names only; read bare ICD-10 codes through
their ICD-10-CM titles; split registry category lines ("Category -
Subcategory") and keep the subcategory. After (:func:`refine`): an organism
named as a condition becomes its infection, a salt's supplementary concept
becomes its parent drug, the parts of a combination become the combination
concept where MeSH has one, and a heading is dropped when a more specific one
of the same string was found (tree numbers). Pure functions over the lexicon.

>>> strip_label("Control group:Lopinavir / Ritonavir")
'Lopinavir / Ritonavir'
>>> strip_label("hydroxychloroquine sulfate:Day1: first dose")
'hydroxychloroquine sulfate:Day1: first dose'
>>> strip_label("•Requiring mechanical ventilation")
'Requiring mechanical ventilation'
>>> product_names("Trade Name: Plaquenil Product Name: Plaquenil Pharmaceutical Form: Tablet")
['Plaquenil']
>>> icd_code("U07.100x001"), icd_code("E85.1"), icd_code("Sepsis")
('U07.100X001', 'E85.1', None)
>>> icd_title_variants("Other specified systemic involvement of connective tissue")
['systemic involvement of connective tissue']
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^[\s•·*\-–—>]+")
_LABEL = re.compile(r"^\s*(?P<label>[^:]{1,60}?)\s*:\s*(?P<rest>\S.*)$", re.DOTALL)
_ARM_WORDS = re.compile(
    r"\b(?:g\w{0,2}[ou]\w?ps?|arms?|cohorts?|controls?|experimental|experiment|"
    r"series|index test|gold standard|standard|interventions?|treatments?|patients?|"
    r"people|population|participants?|subjects?|cases?|study|stage|phase|observation|"
    r"exposure|day|days|week|weeks)\b",
    re.IGNORECASE,
)
_SHORT_LABEL = re.compile(r"^(?:[A-Za-z]\d?|\d+|[IVX]+)$")
_PRODUCT_FIELD = re.compile(
    r"(Trade Name|Product Name|Product Code|Pharmaceutical Form|INN or Proposed INN|"
    r"CAS Number|Current Sponsor code|Other descriptive name|Concentration unit|"
    r"Concentration type|Concentration number|Strength|Pharmaceutical form of the placebo|"
    r"Route of administration of the placebo)\s*:",
)
_NAME_FIELDS = frozenset({"Trade Name", "Product Name", "INN or Proposed INN"})
_ICD = re.compile(r"^([A-TV-Z]\d{2}|U\d{2})(?:\.(\d{1,4}[A-Z0-9]*))?$")
_ICD_HEAD = re.compile(r"^(?:other specified|other|unspecified)\s+", re.IGNORECASE)
_ICD_TAIL = re.compile(
    r"(?:,?\s*(?:unspecified|not elsewhere classified|nec|nos)|"
    r"\s+in diseases classified elsewhere|,?\s*unspecified site)$",
    re.IGNORECASE,
)
_CATEGORY = re.compile(r"^(?P<head>[^-]{3,60}?)\s+-\s+(?P<tail>\S.*)$")


def strip_label(text: str) -> str:
    """The string without bullets and without an arm or section label before a colon."""
    text = _BULLET.sub("", text).strip()
    found = _LABEL.match(text)
    while found is not None:
        label = found["label"]
        if not (_ARM_WORDS.search(label) or _SHORT_LABEL.match(label.strip())):
            break
        text = _BULLET.sub("", found["rest"]).strip()
        found = _LABEL.match(text)
    return text


def product_names(text: str) -> list[str]:
    """The names in an EU-CTR product block (trade, product, INN), or [] if it is none."""
    pieces = _PRODUCT_FIELD.split(text)
    if len(pieces) < 3:
        return []
    out: list[str] = []
    for field, value in zip(pieces[1::2], pieces[2::2], strict=False):
        value = value.strip(" ,;")
        if field in _NAME_FIELDS and value and value not in out:
            out.append(value)
    return out


def icd_code(text: str) -> str | None:
    """The ICD-10 code a bare string is, upper-cased (None if it is not one)."""
    candidate = text.strip().upper()
    return candidate if _ICD.match(candidate) else None


def icd_candidates(code: str) -> list[str]:
    """The code and its shorter parents, most specific first.

    >>> icd_candidates("U07.100X001")
    ['U07.100X001', 'U07.100X00', 'U07.100X0', 'U07.100X', 'U07.100', 'U07.10', 'U07.1', 'U07']
    """
    out = [code]
    while len(code) > 3:
        code = code[:-1].rstrip(".")
        out.append(code)
    return out


def icd_title_variants(title: str) -> list[str]:
    """A title without ICD's residual wording ("Other ...", "..., unspecified")."""
    stripped = _ICD_TAIL.sub("", _ICD_HEAD.sub("", title)).strip(" ,")
    return [stripped] if stripped and stripped != title else []


def category_tail(text: str) -> str | None:
    """The subcategory of a registry category line ("Mental Health - Depression").

    >>> category_tail("Oral and Gastrointestinal - Crohn's disease")
    "Crohn's disease"
    >>> category_tail("Covid-19") is None
    True
    """
    found = _CATEGORY.match(text)
    return found["tail"] if found else None


_DEFINED = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9-]{1,9})\s*\)")


def _defines(words: list[str], abbreviation: str) -> bool:
    """Schwartz-Hearst: the abbreviation's letters, last to first, found right to left in the
    words before it, the first letter at the start of a word."""
    letters = [c for c in abbreviation.lower() if c.isalnum()]
    text = " ".join(w.lower() for w in words)
    i = len(text) - 1
    for n in range(len(letters) - 1, -1, -1):
        c = letters[n]
        while i >= 0 and (text[i] != c or (n == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def drop_defined_abbreviations(text: str) -> str:
    """Remove "(ABBR)" where the words before it spell it out: the string defines it.

    >>> drop_defined_abbreviations("novel coronavirus pneumonia (NCP)")
    'novel coronavirus pneumonia'
    >>> drop_defined_abbreviations("Transthyretin (TTR)-mediated amyloidosis")
    'Transthyretin-mediated amyloidosis'
    >>> drop_defined_abbreviations("Lopinavir (Kaletra)")
    'Lopinavir (Kaletra)'
    """
    out: list[str] = []
    last = 0
    for found in _DEFINED.finditer(text):
        abbreviation = found.group(1)
        if not any(c.isupper() for c in abbreviation):
            continue
        words = re.findall(r"[\w'-]+", text[: found.start()])[-(len(abbreviation) + 2) :]
        if words and _defines(words, abbreviation):
            out.append(text[last : found.start()])
            last = found.end()
    out.append(text[last:])
    return "".join(out).strip()
