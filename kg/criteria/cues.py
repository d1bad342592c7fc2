"""The head words and cues that make a phrase a condition or a treatment mention
(kg.criteria.mentions), each with its test for a lower-cased ASCII phrase
(kg.criteria.screen.Paired: the same answers, found faster).

>>> condition_cue("chronic kidney disease"), treatment_cue("allo-HSCT"), organism("MRSA")
(True, True, False)

Round 17 (heldout16): drug classes named by what they do (hypnotics, analgesics, opioids, …),
dialysis of any kind, thrombolysis, a percutaneous intervention, and drug-class and procedure
abbreviations read with their case ("NSAID", "VKA", "DOAC"; ``_CASED``); no condition: a
disease word with only generic qualifiers ("medical conditions", "other serious diseases"), a
response-assessment term ("Measurable disease"), a scale's name, a journal citation's year.
"""

from __future__ import annotations

import re

from kg.criteria.screen import Paired, lower_case, may_contain

_CONDITION_CUE = re.compile(
    r"(?:itis|osis|oma|omas|emia|aemia|pathy|pathies|plasia|trophy|algia|ectasia|uria|"
    r"penia|cytosis|ism|sclerosis|plegia|paresis|arrhythmias?)\b|"
    # round 14: named pains (not the drugs for them), deficits, dyspnoea
    r"\b(?:pain(?!\s+(?:medications?|meds?|management|relie\w+|killers?|scores?|scales?|control))|"
    r"deficits?|shortness\s+of\s+breath|dyspn(?:o)?ea|"
    r"disease|diseases|disorder|disorders|"
    r"syndrome|infection|infections|cancer|cancers|carcinoma|failure|insufficiency|"
    r"deficiency|injury|dysfunction|hypertension|diabetes|allergy|allergies|pneumonia|"
    r"tumou?rs?|neoplasms?|lesions?|fibrosis|cirrhosis|hepatitis|HIV|AIDS|tuberculosis|"
    r"TB|stroke|infarction|arrhythmias?|angina|epilepsy|seizures?|dementia|depression|"
    r"asthma|COPD|sepsis|shock|malignan\w+|metastas[ie]s|fracture|obesity|addiction|"
    r"abuse|dependence|COVID-19|SARS-CoV-2|nCoV|coronavirus|influenza|bleeding|"
    r"haemorrhage|hemorrhage|thrombosis|embolism|ulcer|psychosis|schizophrenia|"
    r"hypersensitivity|intolerance|abnormalit(?:y|ies)|impairment|instability|"
    r"delirium|amyloidosis|myopathy|myasthenia|mutation|variant|atelectasis|effusions?|"
    r"illness|illnesses|ideation|apn(?:o)?ea|lupus|palsy|"
    r"tachycardias?|bradycardias?|fibrillation|flutter|syncope|QTc?\s+prolongation|"  # round 11
    r"loss\s+of\s+consciousness)\b",
    re.IGNORECASE,
)
# treatments named by their upper-case abbreviation, read with their case: stem cell and marrow
# transplants (round 11), and (round 17) drug classes and procedures ("NSAID", "VKA")
_CASED = (
    r"HSCT|BMT|NSAIDs?|VKAs?|DOACs?|NOACs?|OACs?|SSRIs?|SNRIs?|MAOIs?|PPIs?|LMWHs?|DMARDs?|"
    r"TKIs?|HAART|cART|NRT|ECT|CABG|PCI|TAVI|TAVR|HRT|IVIG"
)
_TREATMENT_CUE = re.compile(
    r"\b(?:\w*therapy|\w*therapies|chemotherapy|radiotherapy|surgery|surgical|resection|"
    r"transplant\w*|vaccin\w*|inhibitors?|antagonists?|agonists?|blockers?|steroids?|"
    r"corticosteroids?|glucocorticoids?|antibiotics?|antivirals?|immunosuppress\w+|"
    r"immunotherapy|insulin|ventilation|ECMO|oxygen|anticoagula\w+|statins?|"
    r"monoclonal\s+antibod(?:y|ies)|\w+mab|\w+nib|"
    r"\w+vir|\w+cillin|\w+mycin|\w+floxacin|\w+prazole|\w+sartan|\w+pril|\w+olol|"
    r"\w+quine|\w+platin|\w+taxel|\w+rubicin|\w+parin|biologics?|"
    r"intubation|infusion|transfusion|revasculari[sz]ation|operations?|by-?pass|implants?|"
    r"implantation|angioplasty|stent\w*|ablation|grafts?|grafting|nutrition|feeding|"
    r"radiation|irradiation|vitamins?|supplements?|minerals?|"
    r"\w+(?:ectomy|otomy|ostomy|plasty)|chemo|C?PAP|BiPAP|bronchodilators?|"
    r"antidepressants?|an(?:a)?esthesia|palliative\s+care|"
    # round 14: catheters of care, nerve blocks, anaesthetics and sedation, ligation, burr
    # holes, toxin injections
    r"catheters?|nerve\s+blocks?|\w*an(?:a)?esthetics?|\w*sedation|ligation|burr\s+holes?|"
    r"(?:Botox|botulinum(?:\s+toxin)?)\s+injections?|"
    # round 17: drug classes named by what they do, dialysis of any kind, thrombolysis,
    # percutaneous (coronary) intervention
    r"\w*hypnotics?|analgesics?|opioids?|opiates?|sedatives?|anxiolytics?|antipsychotics?|"
    r"anticonvulsants?|antiepileptics?|antihistamines?|neuroleptics?|triptans?|"
    r"benzodiazepines?|antiemetics?|antiplatelets?|diuretics?|\w*dialysis|thromboly\w+|"
    r"fibrinoly\w+|percutaneous\s+(?:\w+\s+)?interventions?|(?-i:" + _CASED + "))\\b",
    re.IGNORECASE,
)
# an organism (or a resistant strain) is a condition, whatever drug its name holds
_ORGANISM = re.compile(
    r"\b(?:\w+-resistant\s+\w+|staphylococc\w*|streptococc\w*|enterococc\w*|aureus|"
    r"klebsiella|pseudomonas|escherichia|acinetobacter|mycobacteri\w*|clostridi\w*)\b",
    re.IGNORECASE,
)
# a positive antibody test is a finding ("positive antiphospholipid antibodies")
_FINDING_WORDS = ("positive",)  # a word every _FINDING match holds
_FINDING = re.compile(r"\bpositive\b.*\bantibod(?:y|ies)\b", re.IGNORECASE)
_NOT_A_MENTION = re.compile(
    r"^(?:\d[\d.,]*\w*|[a-z]|treatment|therapy|drugs?|medications?|agents?|disease|diseases|"
    r"condition|conditions|procedures?|criteria|study|lesions?|history|ulcer|variant|"
    r"surgery|shock|abuse|infusion|oxygen|abnormalit(?:y|ies)|impairment|intolerance|"
    r"failure|side\s+effects?|allergy|allergies|hypersensitivity|dependence|variant|"
    r"(?:(?:serious|severe|other|any|current|present|concomitant|intercurrent)\s+)?"
    r"illness(?:es)?|.*\billness\s+onset"
    # round 17: a disease word with only generic qualifiers ("medical conditions", "other
    # serious diseases", "Concurrent disease"), a response-assessment term ("Measurable
    # disease"), a scale's name ("pain numerical rating scale") and a citation, a journal and
    # its year ("Arthritis Care Res 2010"; not "Coronavirus Disease 2019")
    r"|(?:(?:medical|other|serious|significant|concurrent|concomitant|underlying|organic|"
    r"severe|any)\s+)+(?:diseases?|disorders?|conditions?|illness(?:es)?)"
    r"|(?:measurable|evaluable|assessable)\s+(?:diseases?|lesions?))$",
    re.IGNORECASE,
)
# each cue with its test for a lower-cased ASCII phrase (kg.criteria.screen.Paired); the
# treatment cue's case-sensitive abbreviations (_CASED) apart
_CONDITION = Paired(_CONDITION_CUE)
_TREATMENT = Paired(
    _TREATMENT_CUE,
    lower_case(
        re.compile(_TREATMENT_CUE.pattern.replace("|(?-i:" + _CASED + ")", ""), re.IGNORECASE)
    ),
)
_HSCT = re.compile(r"\b(?:" + _CASED + r")\b")
_ORGANISM_PAIRED = Paired(_ORGANISM)
_NOT_A_MENTION_PAIRED = Paired(_NOT_A_MENTION)


def finding(phrase: str) -> bool:
    return may_contain(phrase, _FINDING_WORDS) and _FINDING.search(phrase) is not None


def organism(phrase: str) -> bool:
    return _ORGANISM_PAIRED.search(phrase) is not None


# round 17: a scale's name and a journal citation's year, tested on the phrase's end (cost)
_SCALE_ENDS = ("scale", "questionnaire", "inventory")
_CITATION = re.compile(r"\b(?:Res|J|Journal|Med)\s+(?:19|20)\d\d$", re.IGNORECASE)


def not_a_mention(phrase: str) -> bool:
    if _NOT_A_MENTION_PAIRED.match(phrase) is not None:
        return True
    last = phrase[-1:]
    if last in "eEyY":  # the last letter of each of _SCALE_ENDS
        return phrase.rsplit(None, 1)[-1].lower() in _SCALE_ENDS  # a whole word, not "large-scale"
    return last.isdigit() and _CITATION.search(phrase) is not None


def condition_cue(phrase: str) -> bool:
    return _CONDITION.search(phrase) is not None


def treatment_cue(phrase: str) -> bool:
    if _TREATMENT.search(phrase) is not None:
        return True
    return phrase.isascii() and _HSCT.search(phrase) is not None  # (the pattern holds them)
