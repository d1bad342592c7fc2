"""Measured quantities that criteria put thresholds on: spelling -> normalised short name.

>>> [(name, m.group()) for name, m in find_quantities("ALT or AST > 2.5 x ULN")]
[('ALT', 'ALT'), ('AST', 'AST')]
>>> [name for name, _ in find_quantities("estimated glomerular filtration rate (eGFR) <45")]
['eGFR']
"""

from __future__ import annotations

import re

_COUNT = r"(?:\s+counts?)?"
_QUANTITIES: tuple[tuple[str, str], ...] = (
    ("HbA1c", r"\bHbA1c\b|\bA1C\b|glyc(?:ated|osylated)\s+ha?emoglobin|ha?emoglobin\s+A1c"),
    ("ALT", r"alanine\s+(?:amino)?trans(?:aminase|ferase)|\bALT\b|\bSGPT\b|\bALAT\b|\bGPT\b"),
    ("AST", r"asp[ae]rtate\s+(?:amino)?trans(?:aminase|ferase)|\bAST\b|\bSGOT\b|\bASAT\b"),
    ("aminotransferase", r"\b(?:amino)?transferases?\b|\btransaminases?\b|\bliver\s+enzymes\b"),
    ("bilirubin", r"(?:total\s+|serum\s+|direct\s+)?bilirubin"),
    ("creatinine clearance", r"creatinine\s+clearance|\bCrCl\b|\bCLcr\b"),
    ("eGFR", r"(?:estimated\s+)?glomerular\s+filtration\s+rate(?:\s*\(e?GFR\))?|\be?GFR\b"),
    ("creatinine", r"(?:serum\s+)?creatinine"),
    ("platelets", rf"platelets?{_COUNT}|\bPLT\b|thrombocytes?{_COUNT}"),
    ("neutrophils",
     rf"(?:absolute\s+)?neutrophils?{_COUNT}(?:\s*\(ANC\))?|\bANC\b|granulocytes?{_COUNT}"),
    ("lymphocytes", rf"(?:absolute\s+)?lymphocytes?{_COUNT}"),
    ("WBC", rf"white\s+blood\s+cells?{_COUNT}(?:\s*\(WBC\))?|\bWBC\b|leu[ck]ocytes?{_COUNT}"),
    ("hemoglobin", r"ha?emoglobin|\bHgb\b|\bHb\b"),
    ("BMI", r"body\s+mass\s+index(?:\s*\(BMI\))?|\bBMI\b"),
    ("ECOG", r"\bECOG\b(?:\s+performance\s+status)?(?:\s*\(PS\))?|\bZubrod\b|performance\s+status"),
    ("Karnofsky", r"Karnofsky(?:\s+performance\s+(?:status|score))?|\bKPS\b"),
    ("QTc", r"\bQTc[FB]?\b(?:\s+interval)?|corrected\s+QT(?:\s+interval)?(?:\s*\(QTc[FB]?\))?"
            r"|\bQT\s+interval"),
    ("LVEF", r"(?:left\s+ventricular\s+)?ejection\s+fraction(?:\s*\(LVEF\))?|\bLVEF\b"),
    ("life expectancy", r"life\s+expectancy|expected\s+survival"),
    ("weight", r"body\s+weight|\bweight\b"),
    ("systolic blood pressure", r"systolic\s+(?:blood\s+pressure|BP)(?:\s*\(SBP\))?|\bSBP\b"),
    ("diastolic blood pressure", r"diastolic\s+(?:blood\s+pressure|BP)|\bDBP\b"),
    ("oxygen saturation", r"(?:oxygen|O2)\s+saturation|\bSp[Oo]2\b|\bSaO2\b|\bSpO₂"),
    ("PaO2/FiO2", r"PaO2\s*/\s*FiO2(?:\s+ratio)?|\bP/F\s+ratio"),
    ("NT-proBNP", r"NT-?pro-?BNP"),
    ("troponin", r"troponin(?:[- ]?[TI])?"),
    ("INR", r"\bINR\b"),
    ("glucose", r"(?:fasting\s+)?(?:blood\s+|plasma\s+)?glucose"),
    ("albumin", r"(?:serum\s+)?albumin"),
    ("CD4", r"\bCD4\+?(?:\s+T[- ]?(?:cells?|lymphocytes?))?(?:\s+cell)?(?:\s+counts?)?"),
    ("FEV1", r"\bFEV\s*_?1\b|\bFEV\)\s*_?1\b"
             r"|forced\s+expiratory\s+volume(?:\s+in\s+(?:1|one)\s+second)?"),
    ("temperature", r"(?:body\s+)?temperature|\bfever\b"),
    ("respiratory rate", r"respiratory\s+rate|breathing\s+rate"),
    ("heart rate", r"heart\s+rate|pulse(?:\s+rate)?"),
    ("qSOFA", r"\bqSOFA\b(?:\s+score)?"),
    ("SOFA", r"\bSOFA\b(?:\s+score)?"),
    ("NEWS", r"\bNEWS-?2?\b(?:\s+score)?"),
    ("MMSE", r"\bMMSE\b(?:\s+score)?|mini[- ]mental\s+state(?:\s+exam(?:ination)?)?"),
    ("CRP", r"C-reactive\s+protein|\bCRP\b"),
    ("D-dimer", r"D-?dimer"),
    ("ferritin", r"ferritin"),
    ("viral load", r"viral\s+load|HIV[- ]?1?\s+RNA"),
    ("CDR", r"Clinical\s+Dementia\s+Rating|\bCDR\b"),
    ("dFLC", r"\bdFLC\b"),
    ("ALP", r"alkaline\s+phosphatase|\bALP\b"),
    ("GGT", r"gamma[- ]?glutamyl\s*transferase|\b(?:γ|gamma-?)?GGT\b|γ-?GT\b|\bGGTP\b"),
    ("IMT", r"intima[- ]media\s+thickness|\bIMT\b"),
    ("potassium", r"(?:serum\s+)?potassium"),
    ("sodium", r"(?:serum\s+)?sodium"),
)  # fmt: skip
_PATTERN = re.compile(
    "|".join(f"(?P<q{i}>{pattern})" for i, (_, pattern) in enumerate(_QUANTITIES)),
    re.IGNORECASE,
)
_NAMES = {f"q{i}": name for i, (name, _) in enumerate(_QUANTITIES)}
_CASED = re.compile(r"\b(?:AST|ALT|GPT|ANC|PLT|WBC|Hb|Hgb|INR|CRP|CDR|KPS|EF|SBP|DBP)\b")


def find_quantities(text: str) -> list[tuple[str, re.Match[str]]]:
    """Quantity mentions in text (short name, match), left to right."""
    out: list[tuple[str, re.Match[str]]] = []
    for m in _PATTERN.finditer(text):
        group = m.lastgroup
        if group is None:
            continue
        surface = m.group()
        if surface.isalpha() and len(surface) <= 4 and surface.upper() == surface.upper():
            if surface.lower() == surface and not _CASED.fullmatch(surface.upper()):
                pass
            elif surface.lower() == surface and surface.upper() in {"AST", "ALT", "GPT", "ANC"}:
                continue  # "ast"/"alt" in lower case are words, not the enzymes
        out.append((_NAMES[group], m))
    return out
