"""Controlled vocabularies: source spellings -> concept codes of our SKOS schemes.

One table per scheme maps normalised source spellings (lower case, ``_``/``-``
and punctuation as spaces) to a code. Every function keeps the raw text:
``Coded(raw, None)`` when no concept matched, ``None`` only for empty input.
The schemes and spellings themselves are data, in :mod:`kg.normalize.schemes`.

>>> recruitment_status("Not Recruiting")
Coded(raw='Not Recruiting', code='not-recruiting')
>>> study_type("INTERVENTIONAL").code, study_type("Observational [Patient Registry]").code
('interventional', 'observational')
>>> [c.code for c in phases("Phase 2/Phase 3")]
['phase-2', 'phase-3']
>>> gender("<br>Female: yes<br>Male: yes<br>").code
'all'
"""

from __future__ import annotations

import re

from kg.model import Coded, Design
from kg.normalize import Unrecognised
from kg.normalize.schemes import SCHEMES, SPELLINGS
from kg.normalize.text import clean, clean_line

_NON_WORD = re.compile(r"[^\w/+]+")


def _key(text: str) -> str:
    """The lookup form of a spelling: lower case, ``_``/``-``/punctuation as one space."""
    return _NON_WORD.sub(" ", text.lower().replace("_", " ")).strip()


spelling_key = _key  # the lookup form, for tables built elsewhere (kg.normalize.kinds)


def _build() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for scheme, concepts in SCHEMES.items():
        table: dict[str, str] = {}
        for code, label in concepts.items():
            table[_key(code)] = code
            table[_key(label)] = code
        for spelling, code in SPELLINGS.get(scheme, {}).items():
            if code not in concepts:  # pragma: no cover - guarded by a test
                raise AssertionError(f"{scheme}: {spelling!r} -> unknown code {code!r}")
            table[_key(spelling)] = code
        tables[scheme] = table
    return tables


TABLES: dict[str, dict[str, str]] = _build()


def lookup(scheme: str, raw: str | None) -> Coded | None:
    """Look a spelling up in one scheme's table.

    >>> lookup("masking", "Double Blind")
    Coded(raw='Double Blind', code='double')
    >>> lookup("masking", "blurry")
    Coded(raw='blurry', code=None)
    """
    text = clean_line(raw)
    if text is None:
        return None
    return Coded(text, TABLES[scheme].get(_key(text)))


def recruitment_status(raw: str | None) -> Coded | None:
    """Recruitment / overall status.

    >>> recruitment_status("ACTIVE_NOT_RECRUITING").code, recruitment_status("Authorised").code
    ('active-not-recruiting', 'authorised')
    """
    return lookup("recruitment-status", raw)


def study_type(raw: str | None) -> Coded | None:
    """Study type.

    >>> study_type("Interventional clinical trial of medicinal product").code
    'interventional'
    """
    return lookup("study-type", raw)


_PHASE_WORD = re.compile(r"\bphase\s*")
_ROMAN = {"iv": "4", "iii": "3", "ii": "2", "i": "1"}
_ROMAN_TOKEN = re.compile(r"\b(iv|iii|ii|i)\b")
_PHASE_SPLIT = re.compile(r"\s*(?:/|,|;|\+|&|\band\b|-|\bto\b)\s*", re.IGNORECASE)
_EU_PHASE = re.compile(r"\(\s*phase\s+(iv|iii|ii|i)\s*\)\s*:\s*(yes|no)\b", re.IGNORECASE)


def _phase_code(piece: str) -> str | None:
    key = _key(piece)
    key = _ROMAN_TOKEN.sub(lambda m: _ROMAN[m[1]], key)
    key = _PHASE_WORD.sub("", key).strip()
    return TABLES["phase"].get(key)


def phases(raw: str | None) -> list[Coded]:
    """Trial phases; several for combined phases, ``[]`` for empty input.

    >>> [c.code for c in phases("2-3")], [c.code for c in phases("EARLY_PHASE1")]
    (['phase-2', 'phase-3'], ['early-phase-1'])
    >>> eu = "Human pharmacology (Phase I): no\\nTherapeutic exploratory (Phase II): yes"
    >>> phases(eu)
    [Coded(raw='Therapeutic exploratory (Phase II): yes', code='phase-2')]
    >>> phases("Retrospective study")
    [Coded(raw='Retrospective study', code=None)]
    """
    text = clean(raw)
    if text is None:
        return []
    eu = _EU_PHASE.findall(text)
    if eu:
        out: list[Coded] = []
        for line in re.split(r"\n|(?<=yes)\s+|(?<=no)\s+", text):
            found = _EU_PHASE.search(line)
            if found and found[2].lower() == "yes":
                out.append(Coded(clean_line(line) or line, f"phase-{_ROMAN[found[1].lower()]}"))
        return out or [Coded(clean_line(text) or text, None)]
    line = clean_line(text) or text
    whole = _phase_code(line)
    if whole is not None:
        return [Coded(line, whole)]
    pieces = [p for p in _PHASE_SPLIT.split(line) if p.strip()]
    codes = [_phase_code(p) for p in pieces]
    if len(pieces) > 1 and all(codes):
        result: list[Coded] = []
        for piece, code in zip(pieces, codes, strict=True):
            if code not in [c.code for c in result]:
                result.append(Coded(piece.strip(), code))
        return result
    return [Coded(line, None)]


_EU_SEX = re.compile(r"\b(female|male)\s*:\s*(yes|no)\b", re.IGNORECASE)


def gender(raw: str | None) -> Coded | None:
    """Eligible sex/gender.

    >>> gender("Both, male and female").code, gender("FEMALE").code
    ('all', 'female')
    >>> gender("Male: yes Female: no").code
    'male'
    """
    text = clean_line(raw)
    if text is None:
        return None
    flags = {sex.lower(): answer.lower() == "yes" for sex, answer in _EU_SEX.findall(text)}
    if flags:
        female, male = flags.get("female", False), flags.get("male", False)
        code = "all" if female and male else "female" if female else "male" if male else None
        return Coded(text, code)
    return lookup("gender", text)


def intervention_type(raw: str | None) -> Coded | None:
    """Intervention type.

    >>> intervention_type("DIETARY_SUPPLEMENT").code, intervention_type("Biological").code
    ('dietary-supplement', 'biological')
    """
    return lookup("intervention-type", raw)


def allocation(raw: str | None) -> Coded | None:
    """Allocation.

    >>> allocation("Non-Randomized").code, allocation("N/A").code
    ('non-randomized', 'not-applicable')
    """
    return lookup("allocation", raw)


def intervention_model(raw: str | None) -> Coded | None:
    """Intervention model.

    >>> intervention_model("Single Group Assignment").code
    'single-group'
    """
    return lookup("intervention-model", raw)


def primary_purpose(raw: str | None) -> Coded | None:
    """Primary purpose.

    >>> primary_purpose("SUPPORTIVE_CARE").code
    'supportive-care'
    """
    return lookup("primary-purpose", raw)


_PARENS = re.compile(r"\(([^()]*)\)")


def masking(raw: str | None) -> Coded | None:
    """Masking level; the "(who...)" part is ignored here (see :func:`who_masked`).

    >>> masking("Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)").code
    'quadruple'
    >>> masking("None (Open Label)").code
    'none'
    """
    text = clean_line(raw)
    if text is None:
        return None
    code = TABLES["masking"].get(_key(text))
    if code is None:
        code = TABLES["masking"].get(_key(_PARENS.sub(" ", text)))
    return Coded(text, code)


def who_masked(raw: str | None) -> tuple[str, ...]:
    """Who is masked: codes of the recognised roles, in source order.

    >>> who_masked("Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)")
    ('participant', 'care-provider', 'investigator', 'outcomes-assessor')
    >>> who_masked("PARTICIPANT, OUTCOMES_ASSESSOR")
    ('participant', 'outcomes-assessor')
    """
    text = clean_line(raw)
    if text is None:
        return ()
    inside = _PARENS.search(text)
    body = inside[1] if inside else text
    out: list[str] = []
    for piece in re.split(r"[,;/]|\band\b", body):
        code = TABLES["who-masked"].get(_key(piece))
        if code is not None and code not in out:
            out.append(code)
    return tuple(out)


def observational_model(raw: str | None) -> Coded | None:
    """Observational model.

    >>> observational_model("Case-Control").code, observational_model("ECOLOGIC_OR_COMMUNITY").code
    ('case-control', 'ecologic-or-community')
    """
    return lookup("observational-model", raw)


def time_perspective(raw: str | None) -> Coded | None:
    """Time perspective.

    >>> time_perspective("CROSS_SECTIONAL").code
    'cross-sectional'
    """
    return lookup("time-perspective", raw)


def date_status(raw: str | None) -> Coded | None:
    """Whether a date is actual or anticipated.

    >>> date_status("ESTIMATED").code, date_status("Actual").code
    ('anticipated', 'actual')
    """
    return lookup("date-status", raw)


_YES = frozenset({"yes", "y", "true", "t", "1"})
_NO = frozenset({"no", "n", "false", "f", "0"})


def yes_no(raw: str | None) -> bool | None:
    """A yes/no flag; ``None`` when empty, :class:`Unrecognised` when not a flag.

    >>> yes_no("Yes"), yes_no("false"), yes_no("0"), yes_no("")
    (True, False, False, None)
    """
    text = clean_line(raw)
    if text is None:
        return None
    key = _key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise Unrecognised(f"unrecognised yes/no value: {text!r}")


def design(raw: str | None) -> Design:
    """Parse a study design text into a :class:`~kg.model.Design` (raw always kept).

    See :func:`kg.normalize.design.parse_design`.

    >>> d = design("Allocation: N/A. Intervention model: Single Group Assignment. "
    ...            "Primary purpose: Treatment. Masking: None (Open Label).")
    >>> d.allocation.code, d.intervention_model.code, d.primary_purpose.code, d.masking.code
    ('not-applicable', 'single-group', 'treatment', 'none')
    """
    from kg.normalize.design import parse_design  # the design parser builds on this module

    return parse_design(raw)


__all__ = [
    "SCHEMES",
    "TABLES",
    "allocation",
    "date_status",
    "design",
    "gender",
    "intervention_model",
    "intervention_type",
    "lookup",
    "masking",
    "observational_model",
    "phases",
    "primary_purpose",
    "recruitment_status",
    "spelling_key",
    "study_type",
    "time_perspective",
    "who_masked",
    "yes_no",
]
