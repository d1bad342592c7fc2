"""Condition and treatment mentions: noun phrases cut at punctuation and function words,
trimmed of modifiers, kept when the linker (kg.linking, public API) resolves them to a
disease or a drug, or when they carry a disease or treatment head word.

>>> t = "No history of diabetes mellitus or prior chemotherapy"
>>> [(c.type.value, c.text, c.negated) for c in mentions(t)]
[('condition', 'diabetes mellitus', True), ('treatment', 'chemotherapy', True)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kg.criteria.model import Constraint, ConstraintType
from kg.criteria.negation import negated

if TYPE_CHECKING:
    from kg.linking.link import Link

LinkFunction = Callable[[str, str], "Sequence[Link]"]

# Clause breaks: punctuation, a few multi-word connectives, and any whole word; a word
# breaks only when it is in _BREAK_WORDS (a set lookup instead of ~180 regex alternatives).
_BREAK = re.compile(
    r"[,;:()\[\]{}\"“”/]|\.(?=\s|$|[A-Z])|\s-\s"
    r"|\b(?:and/or|such\s+as|e\.g|i\.e|due\s+to|treatment\s+with|therapy\s+with)\b"
    r"|\b[^\W\d_]+\b",
    re.IGNORECASE,
)
_BREAK_WORDS = frozenset({
    "a", "able", "above", "according", "active", "adult", "adults", "after", "agree", "all",
    "alone", "also", "an", "and", "any", "are", "as", "associated", "at", "based", "be", "been",
    "before", "being", "below", "both", "but", "by", "can", "cannot", "caused", "children",
    "chronic", "clinically", "combination", "combined", "concomitant", "confirmed", "considered",
    "could", "current", "currently", "deemed", "defined", "diagnosed", "diagnosis", "documented",
    "dosage", "dose", "during", "either", "especially", "etc", "evidence", "except", "excluding",
    "existing", "following", "for", "from", "give", "given", "giving", "had", "has", "have",
    "having", "her", "his", "history", "if", "in", "include", "includes", "including",
    "individual", "individuals", "induced", "investigator", "is", "its", "judged", "judgment",
    "known", "least", "less", "like", "likely", "may", "men", "mild", "moderate", "more", "most",
    "must", "need", "needing", "needs", "no", "nor", "not", "of", "on", "one", "ongoing", "only",
    "opinion", "or", "other", "over", "participant", "participants", "patient", "patients",
    "people", "per", "period", "person", "persons", "plus", "presence", "previous", "previously",
    "prior", "received", "receiving", "refractory", "related", "relevant", "required",
    "requiring", "risk", "secondary", "severe", "should", "sign", "signed", "significant",
    "single", "stable", "start", "starting", "study", "subject", "subjects", "such", "suspected",
    "taking", "than", "that", "the", "their", "these", "this", "those", "to", "treated", "trial",
    "two", "unable", "uncontrolled", "under", "underlying", "use", "used", "using", "via",
    "volunteer", "volunteers", "was", "washout", "were", "when", "where", "which", "while", "who",
    "whom", "will", "willing", "with", "within", "without", "women", "would",
})  # fmt: skip
_CONDITION_CUE = re.compile(
    r"(?:itis|osis|oma|omas|emia|aemia|pathy|pathies|plasia|trophy|algia|ectasia|uria|"
    r"penia|cytosis|ism|sclerosis|plegia|paresis)\b|\b(?:disease|diseases|disorder|disorders|"
    r"syndrome|infection|infections|cancer|cancers|carcinoma|failure|insufficiency|"
    r"deficiency|injury|dysfunction|hypertension|diabetes|allergy|allergies|pneumonia|"
    r"tumou?rs?|neoplasms?|lesions?|fibrosis|cirrhosis|hepatitis|HIV|AIDS|tuberculosis|"
    r"TB|stroke|infarction|arrhythmias?|angina|epilepsy|seizures?|dementia|depression|"
    r"asthma|COPD|sepsis|shock|malignan\w+|metastas[ie]s|fracture|obesity|addiction|"
    r"abuse|dependence|COVID-19|SARS-CoV-2|nCoV|coronavirus|influenza|bleeding|"
    r"haemorrhage|hemorrhage|thrombosis|embolism|ulcer|psychosis|schizophrenia|"
    r"hypersensitivity|intolerance|abnormalit(?:y|ies)|impairment|instability|"
    r"delirium|amyloidosis|myopathy|myasthenia|mutation|variant|atelectasis|effusions?)\b",
    re.IGNORECASE,
)
_TREATMENT_CUE = re.compile(
    r"\b(?:\w*therapy|\w*therapies|chemotherapy|radiotherapy|surgery|surgical|resection|"
    r"transplant\w*|vaccin\w*|drugs?|medications?|medicines?|agents?|inhibitors?|"
    r"antagonists?|agonists?|blockers?|steroids?|corticosteroids?|glucocorticoids?|"
    r"antibiotics?|antivirals?|immunosuppress\w+|immunotherapy|insulin|dialysis|"
    r"ventilation|ECMO|oxygen|anticoagula\w+|statins?|antibod(?:y|ies)|\w+mab|\w+nib|"
    r"\w+vir|\w+cillin|\w+mycin|\w+floxacin|\w+prazole|\w+sartan|\w+pril|\w+olol|"
    r"\w+quine|\w+platin|\w+taxel|\w+rubicin|\w+parin|biologics?|procedures?|"
    r"intubation|infusion|transfusion|revasculari[sz]ation|operations?|by-?pass|implants?|"
    r"implantation|angioplasty|stent\w*|ablation|grafts?|grafting|nutrition|feeding|"
    r"radiation|irradiation|vitamins?|supplements?|minerals?)\b",
    re.IGNORECASE,
)
_NOT_A_MENTION = re.compile(
    r"^(?:\d[\d.,]*\w*|[a-z]|treatment|therapy|drugs?|medications?|agents?|disease|diseases|"
    r"condition|conditions|procedures?|criteria|study|lesions?|history|ulcer|variant|"
    r"surgery|shock|abuse|infusion|oxygen|abnormalit(?:y|ies)|impairment|intolerance|"
    r"failure|side\s+effects?|allergy|allergies|hypersensitivity|dependence|variant)$",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^[\s\-'.*&+]+")
_TRAIL = re.compile(r"[\s\-'.*&+]+$")
_MAX_WORDS = 7


def _breaks(word: str) -> bool:
    lower = word.lower()
    return lower in _BREAK_WORDS or lower.startswith("caus")


def _chunks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _BREAK.finditer(text):
        word = m.group()
        if word.isalpha() and not _breaks(word):
            continue
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        lead = _LEAD.match(piece)
        trail = _TRAIL.search(piece)
        s = start + (lead.end() if lead else 0)
        e = end - (len(trail.group()) if trail else 0)
        if e > s:
            out.append((s, e))
    return out


def _classify(
    phrase: str, linker: LinkFunction | None
) -> tuple[ConstraintType, Link | None] | None:
    if linker is not None:
        for link in linker(phrase, "condition")[:1]:
            if link.confidence < 0.6 or link.match_type in ("span", "component"):
                break
            if link.semantic_group == "disease":
                return ConstraintType.CONDITION, link
            if link.semantic_group in ("drug", "drug-class", "chemical"):
                return ConstraintType.TREATMENT, link
            if _TREATMENT_CUE.search(phrase):
                return ConstraintType.TREATMENT, link
            if _CONDITION_CUE.search(phrase):
                return ConstraintType.CONDITION, link
            return None
    if _CONDITION_CUE.search(phrase):
        return ConstraintType.CONDITION, None
    if _TREATMENT_CUE.search(phrase):
        return ConstraintType.TREATMENT, None
    return None


def mentions(
    text: str, linker: LinkFunction | None = None, taken: Sequence[tuple[int, int]] = ()
) -> list[Constraint]:
    """Condition and treatment mentions outside the ``taken`` spans, with their negation."""
    out: list[Constraint] = []
    for start, end in _chunks(text):
        phrase = text[start:end]
        if len(phrase.split()) > _MAX_WORDS or _NOT_A_MENTION.match(phrase):
            continue
        if not re.search(r"[A-Za-z]{3}", phrase):
            continue
        if any(start < e and s < end for s, e in taken):
            continue
        found = _classify(phrase, linker)
        if found is None:
            continue
        kind, link = found
        out.append(
            Constraint(
                kind,
                start,
                end,
                phrase,
                negated=negated(text, start, end),
                concept=None if link is None else link.target,
                concept_label=None if link is None else link.target_label,
                concept_iri=None if link is None else link.target_iri,
                exact=None if link is None else link.exact,
            )
        )
    return out
