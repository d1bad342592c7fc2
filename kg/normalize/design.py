"""Study design texts -> :class:`~kg.model.Design`.

Three shapes occur: ClinicalTrials.gov-style "Key: value." lists (also with ","
or ";" or ``<br>`` between parts), EUCTR yes/no flag lists ("Randomised: yes"),
and free text ("Randomized parallel controlled trial"). Known keys fill the
coded fields; other "Key: value" parts go to ``Design.extra``; ``raw`` is kept.

>>> d = parse_design("Observational Model: Cohort, Time Perspective: Prospective")
>>> d.observational_model.code, d.time_perspective.code
('cohort', 'prospective')
>>> parse_design("Randomized parallel controlled trial").allocation.code
'randomized'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.model import Coded, Design
from kg.normalize import Unrecognised, coded
from kg.normalize.text import clean, clean_line

# "Key:" at the start or after a part separator. Keys are short words (no digits).
_KEY = re.compile(r"(?:^|(?<=[.;,\n]))\s*([A-Za-z][A-Za-z ,/()-]{0,60}?)\s*:(?!//)")

_FIELDS: dict[str, str] = {
    "allocation": "allocation",
    "randomization": "allocation",
    "randomisation": "allocation",
    "intervention model": "intervention_model",
    "assignment": "intervention_model",
    "primary purpose": "primary_purpose",
    "purpose": "primary_purpose",
    "study design purpose": "primary_purpose",
    "masking": "masking",
    "blinding": "masking",
    "observational model": "observational_model",
    "time perspective": "time_perspective",
    "timing": "time_perspective",
}

_PARSERS: dict[str, Callable[[str | None], Coded | None]] = {
    "allocation": coded.allocation,
    "intervention_model": coded.intervention_model,
    "primary_purpose": coded.primary_purpose,
    "masking": coded.masking,
    "observational_model": coded.observational_model,
    "time_perspective": coded.time_perspective,
}

# EUCTR flags: "Key: yes" implies a coded value.
_FLAGS: dict[str, tuple[str, str]] = {
    "randomised": ("allocation", "randomized"),
    "randomized": ("allocation", "randomized"),
    "open": ("masking", "none"),
    "single blind": ("masking", "single"),
    "double blind": ("masking", "double"),
    "parallel group": ("intervention_model", "parallel"),
    "cross over": ("intervention_model", "crossover"),
}
_FLAGS_NO: dict[str, tuple[str, str]] = {
    "randomised": ("allocation", "non-randomized"),
    "randomized": ("allocation", "non-randomized"),
}

# Free text: (pattern, field, code), first match per field wins.
_FREE: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\b(non|not|quasi)[- ]?randomi[sz]", re.I), "allocation", "non-randomized"),
    (re.compile(r"\brandomi[sz]", re.I), "allocation", "randomized"),
    (re.compile(r"\bsingle[- ](arm|group|assignment)", re.I), "intervention_model", "single-group"),
    (re.compile(r"\bparallel\b", re.I), "intervention_model", "parallel"),
    (re.compile(r"\bcross[- ]?over\b", re.I), "intervention_model", "crossover"),
    (re.compile(r"\bfactorial\b", re.I), "intervention_model", "factorial"),
    (re.compile(r"\bsequential\b", re.I), "intervention_model", "sequential"),
    (re.compile(r"\bquadruple\b", re.I), "masking", "quadruple"),
    (re.compile(r"\btriple[- ]blind", re.I), "masking", "triple"),
    (re.compile(r"\bdouble[- ]blind", re.I), "masking", "double"),
    (re.compile(r"\bsingle[- ]blind", re.I), "masking", "single"),
    (re.compile(r"\bopen[- ]label\b|\bmasking not used\b|\bopen\(", re.I), "masking", "none"),
    (re.compile(r"\bcase[- ]control\b", re.I), "observational_model", "case-control"),
    (re.compile(r"\bcohort\b", re.I), "observational_model", "cohort"),
    (re.compile(r"\bcross[- ]sectional\b", re.I), "time_perspective", "cross-sectional"),
    (re.compile(r"\bprospective\b", re.I), "time_perspective", "prospective"),
    (re.compile(r"\bretrospective\b", re.I), "time_perspective", "retrospective"),
    (re.compile(r"\b(\w+(?: \w+)?) purpose\b", re.I), "primary_purpose", ""),
    (re.compile(r"\(([A-Za-z ]+)\)\s*$"), "primary_purpose", ""),
]


def _parts(text: str) -> list[tuple[str, str]]:
    """Split "Key: value. Key: value" into (key, value) pairs; [] when no key found."""
    keys = list(_KEY.finditer(text))
    pairs: list[tuple[str, str]] = []
    for i, match in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        value = text[match.end() : end].strip().rstrip(".;,").strip()
        pairs.append((match[1].strip(), value))
    return pairs


def _set(result: Design, field: str, value: Coded) -> None:
    if getattr(result, field) is None or getattr(result, field).code is None:
        setattr(result, field, value)


def _add_extra(result: Design, key: str, value: str) -> None:
    name, n = key, 2
    while name in result.extra:
        name, n = f"{key} ({n})", n + 1
    result.extra[name] = value


def _free_text(result: Design, text: str) -> None:
    for pattern, field, code in _FREE:
        if getattr(result, field) is not None:
            continue
        match = pattern.search(text)
        if match is None:
            continue
        if code:
            setattr(result, field, Coded(match[0], code))
        else:  # the captured word is a purpose: keep it only when it is a known one
            found = coded.primary_purpose(match[1])
            if found is not None and found.code is not None:
                result.primary_purpose = found


def parse_design(raw: str | None) -> Design:
    """Parse a design text; ``Design()`` for empty input.

    >>> d = parse_design("Allocation: Randomized. Intervention model: Parallel Assignment. "
    ...     "Primary purpose: Prevention. Masking: Quadruple (Participant, Care Provider, "
    ...     "Investigator, Outcomes Assessor).")
    >>> d.masking.code, d.who_masked
    ('quadruple', ('participant', 'care-provider', 'investigator', 'outcomes-assessor'))
    >>> parse_design("Controlled: yes\\nRandomised: yes\\nDouble blind: yes").extra
    {'Controlled': 'yes', 'Randomised': 'yes', 'Double blind': 'yes'}
    """
    text = clean(raw)
    if text is None:
        return Design()
    result = Design(raw=text)
    pairs = _parts(text)
    for key, value in pairs:
        lowered = " ".join(key.lower().replace("-", " ").split())
        field = _FIELDS.get(lowered)
        if field is not None and value:
            parsed = _PARSERS[field](value)
            if field == "masking" and parsed is not None:
                result.who_masked = coded.who_masked(value)
            if field == "allocation" and parsed is not None and parsed.code is None:
                flag = _flag(value)
                if flag is not None:
                    parsed = Coded(parsed.raw, "randomized" if flag else "non-randomized")
            if field == "primary_purpose" and parsed is not None and parsed.code is None:
                other = coded.observational_model(value)
                if other is not None and other.code is not None:
                    _set(result, "observational_model", other)
                    continue
            if parsed is not None:
                if parsed.code is None:
                    _add_extra(result, key, value)
                _set(result, field, parsed)
            continue
        _add_extra(result, key, value)
        flag = _flag(value)
        implied = (_FLAGS if flag else _FLAGS_NO).get(lowered) if flag is not None else None
        if implied is not None:
            _set(result, implied[0], Coded(f"{key}: {value}", implied[1]))
    if not pairs:
        _free_text(result, clean_line(text) or text)
    return result


def _flag(value: str) -> bool | None:
    try:
        return coded.yes_no(value)
    except Unrecognised:
        return None
