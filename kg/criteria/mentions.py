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

_BREAK = re.compile(
    r"[,;:()\[\]{}\"“”/]|\.(?=\s|$|[A-Z])|\s-\s|\b(?:and/or|and|or|nor|with|without|including|such\s+as|"
    r"e\.g|i\.e|etc|due\s+to|for|who|whom|that|which|in|on|by|to|from|as|after|before|during|"
    r"within|of|at|than|especially|except|but|if|will|should|must|may|can|cannot|could|would|"
    r"are|is|was|were|be|been|being|has|have|had|having|not|no|any|other|known|history|"
    r"excluding|include|includes|requiring|required|receiving|received|taking|using|use|"
    r"treated|treatment\s+with|therapy\s+with|diagnosed|diagnosis|suspected|confirmed|"
    r"documented|evidence|presence|patients?|subjects?|participants?|persons?|individuals?|"
    r"women|men|children|adults?|volunteers?|people|the|a|an|this|these|those|their|his|her|"
    r"its|such|all|both|either|previous|prior|current|currently|concomitant|ongoing|"
    r"existing|underlying|clinically|significant|relevant|like|via|per|under|over|"
    r"while|where|when|also|only|than|more|less|least|most|based|according|defined|"
    r"following|above|below|caused|associated|related|secondary|induced|unable|able|"
    r"willing|agree|sign|signed|give|given|giving|study|trial|investigator|opinion|judgment|"
    r"judged|considered|deemed|likely|risk|need|needing|needs|combined|combination|plus|"
    r"alone|previously|used|one|two|single|stable|dose|dosage|washout|period|etc|"
    r"refractory|severe|mild|moderate|active|uncontrolled|chronic|caus\w*|starting|start)\b",
    re.IGNORECASE,
)
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


def _chunks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _BREAK.finditer(text):
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
