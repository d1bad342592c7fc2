"""Rules that say a phrase is (or is not) a treatment, beyond the linker and head words.

Written rules (the gold README's labelling rules in code, no gold strings):

- *Generic heads* ("drug", "medication", "agent", "treatment", "product", …) make a
  treatment only as the phrase's last word and with a qualifier ("investigational
  drug", "antiplatelet treatment"); "drug effects" or "drug treatment arms" are not.
  "the investigational product" (the trial's own) is not a mention.
- *Treatment context*: a name right after "treated with", "treatment with", "receiving",
  "taking", "administration of", "contraindication to", "hypersensitivity to", …, and
  the names coordinated with it, is a treatment when it looks like a name (a capitalised
  or upper-case word, or a code such as "BMS-936558"), so brand names the lexicon lacks
  are read.
- *Devices*: implanted or therapeutic devices (pacemaker, prosthesis, clips, stent, …)
  are treatments; assistive aids are not.
- *Not treatments*: SmPC / package-leaflet boilerplate criteria ("This medicine
  contains …"), "pre-dialysis" (the state before a treatment), time expressions
  ("40 days post-implant"), bare "feeding", "nutrition", "water".
- *Suspended hyphen*: "immuno- or chemotherapy" gives "immuno-" as a treatment too.
- *Measured, not given*: a laboratory quantity's name ("Hemoglobin", "alanine
  aminotransferase") and a substance measured ("Serum vitamin A (or retinol) level",
  "vitamin D deficiency", "transthyretin concentration") are not treatments.
- *The trial's own product*: a name after "the last / first dose of" ("until 24 weeks
  after the last dose of ION-682884 or inotersen") is not a mention.
- *Generic words*: the word right before a generic head must name a kind ("oral drugs",
  "approved drug", "research drugs", "urgent treatment", "adequate therapy" are not
  treatments); allergens (latex), what a product is made of ("vaccine components"),
  states named after a treatment ("oxygen-dependent", "infusion-related"), alcohol and
  tobacco are not treatments; nor is a name followed by "-related" ("Grade 3
  infusion-related reaction") or naming a gene, a variant or a tracer ("transthyretin (TTR)
  wild type", "pyrophosphate (99mTc PYP) scintigraphy").
- Round 14 (heldout13): a procedure named only as a time point or another of the same ("index
  treatment", "additional operation", "subsequent surgery"), how long it lasts ("operation
  time") and who gives it ("surgical staff") are not treatments; catheters of care, nerve
  blocks, anaesthetics, sedation, ligation, burr holes and toxin injections are (mentions.py).
- Round 17 (heldout16): "prescribed" / "initiating" are treatment contexts; "meds" is a generic
  head and heads may stack ("acute treatment regimen"); "prohibited" / "forbidden" /
  "disallowed" / "excluded" medications are a kind; what is implanted, artificial valves, skin
  patches, stimulators and every anti-PD-L<n> are devices or drugs; a metal object or fragment is
  a foreign body (no device), and an organ alone, "metal" and "combination(s)" are no
  treatments; a pregnancy risk category ("Category C medications") names no kind.

>>> boilerplate("This medicine contains 15% by volume of ethanol (alcohol)")
True
>>> [generic_treatment(p) for p in ("investigational drug", "drug effects", "drugs")]
[True, False, False]
>>> t = "treated with MIRCERA and continue"
>>> [t[s:] for s in context_starts(t)]
['MIRCERA and continue']
"""

from __future__ import annotations

import re

from kg.criteria.quantities import find_quantities
from kg.criteria.screen import any_in, lower_case, lowered, may_contain

# SmPC / package-leaflet sentences copied into EU-CTR criteria: their drugs are not criteria.
_BOILERPLATE = re.compile(
    r"\bthis\s+medic\w*(?:\s+product)?\s+contains\b|\bexcipients?\s+with\s+known\s+effect"
    r"|\bharmful\s+for\s+(?:those|people|patients)\b|\bper\s+dose\b.*\b(?:taken\s+into|harmful)"
    r"|\bkeep\s+(?:this\s+medicine\s+)?out\s+of\s+the\s+(?:sight|reach)\b",
    re.IGNORECASE,
)
# a word every match of _BOILERPLATE, _CONTEXT, _LIST holds (kg.criteria.screen)
_BOILERPLATE_WORDS = ("contains", "excipient", "harmful", "dose", "keep")
_CONTEXT_WORDS = (
    "treated", "treatment", "therapy", "medicate", "receiv", "taking", "took", "administration",
    "prescribed", "initiating",
    "exposure", "indication", "hypersensitivity", "allerg", "intoleran",
)  # fmt: skip
_LIST_WORDS = ("excipient", "drug", "medication", "medicine", "agent", "substance")
_GENERIC_HEAD = re.compile(
    r"(?:\b(?:drugs?|meds|medications?|medicines?|medicinal\s+products?|products?|agents?|"
    r"treatments?|therapy|therapies|regimens?|compounds?))$",
    re.IGNORECASE,
)
# qualifiers that name no kind of treatment ("various drugs", "the study drug")
_EMPTY_QUALIFIER = re.compile(
    r"^(?:(?:any|other|various|certain|some|all|such|these|those|similar|same|new|usual|"
    r"standard|current|previous|prior|study|trial|medical|appropriate|adequate|specific|"
    r"additional|further|allowed|permitted|following|above|below|"
    r"failed|unsuccessful|successful|effective|ineffective|ongoing|active|initial|"
    r"another|against|receive|suggested|recommended|required|"
    r"necessary|routine|regular|monitoring|once|daily|twice|given|last|safely|"
    r"discontinued|stopped|voluntarily|accept|clinical|approved|research|urgent|optimal|"
    r"maximal|maximum|conventional|emergency|marketed|licensed|commercial|available|"
    r"therapeutic|unrelated|"
    r"non-?study|drug|drugs|medication|treatment)\s+)+",
    re.IGNORECASE,
)
# a pregnancy risk category names a risk, not a kind of drug
_CATEGORY = re.compile(r"\bcategory\s+[A-DX]$", re.IGNORECASE)
_OWN_PRODUCT = re.compile(r"\b(?:the|this)\s+(?:study\s+)?$", re.IGNORECASE)
_DEVICE = re.compile(
    r"\b(?:pace-?makers?|(?:\w+\s+)?prosthes[ie]s|prosthetic\s+\w+|defibrillators?|"
    r"neurostimulators?|(?:metal(?:lic)?\s+)?clips|shunts?|cochlear\s+\w+|"
    r"mechanical\s+(?:heart\s+)?valves?|(?:metal(?:lic)?|ferromagnetic)\s+(?:implants?|"
    r"devices?)|insulin\s+pumps?|(?:pressure|ventilatory|respiratory|"
    r"circulatory|inotropic|vasopressor|mechanical|nutritional)\s+support|"
    r"anti-?(?:TNF|CD\d+|IL-?\d+\w*|VEGF|PD-?L?\d|CTLA-?4|EGFR|HER-?2|IgE|integrin)\w*|"
    # round 17: what is implanted, artificial valves, skin patches, stimulators
    r"implanted\s+(?:\w+\s+)?\w+|artificial\s+(?:heart\s+)?valves?|(?:trans)?dermal\s+patch(?:es)?|"
    r"\w*stimulators?|"
    r"anti-[\w-]+(?:\s+[\w-]+){0,3}\s+antibod(?:y|ies))\b",
    re.IGNORECASE,
)
_NOT_TREATMENT = re.compile(
    r"^(?:pre-\w+(?:\s+\w+)?|\d+\s*(?:h|hours?|days?|weeks?|months?|years?)\b.*|"
    r"(?:breast\s*)?feeding|nutrition|water|excipients?|placebo|injections?|tablets?|"
    r"capsules?|granules?|solutions?|smoke|protocols?|alcohol|tobacco|cigarettes?|caffeine|"
    r"metal(?:s|lic)?|combinations?|"
    r"barrier(?:\s+methods?)?)$"
    # what a product is made of, allergens, and states named after a treatment
    r"|\b(?:components?|ingredients?|constituents?)$|\b(?:latex|rubber)\b"
    r"|\w-(?:dependent|related|associated|induced|naive|naïve)$"
    # tests, imaging and antibodies measured (not given) are not treatments
    r"|\b(?:MRI|MR|CT|PET|SPECT|ECG|EKG|EEG|x-?rays?|scans?|scanning|imaging|ultrasound|"
    r"biops(?:y|ies)|tests?|testing|assays?|PPD|antigens?|HB[se]Ag|nucleic\s+acids?|"
    r"partial\s+pressure|concentrations?|saturation|levels?)\b"
    r"|^CYP\w*$|^(?!.*\bmonoclonal\b)(?!anti-).*\bantibod(?:y|ies)\b"
    # round 14: a procedure named only as a time point or another of the same ("index
    # treatment", "additional operation", "subsequent surgery"), its duration ("operation
    # time"), and the people who give it ("surgical staff")
    r"|^(?:(?:index|additional|subsequent|further|another|repeat)\s+)+(?:treatments?|operations?"
    r"|surgery|surgeries|procedures?)$|\bindex\s+(?:treatment|operation|surgery|procedure)$"
    r"|\b(?:operation|operative|operating|surgery|surgical|procedure)\s+(?:time|duration)$"
    r"|\b(?:staff|team|personnel)$"
    # round 17: an organ alone ("thyroid" in "lab values (liver, kidney, thyroid)")
    r"|^(?:thyroid|adrenal|pituitary|liver|kidney|pancreas)$",
    re.IGNORECASE,
)
# words that put the name after them in a treatment context
_CONTEXT = re.compile(
    r"\b(?:treated\s+with|treatment\s+with|therapy\s+with|(?:self-)?medicate[ds]?\s+with|"
    r"prescribed|initiating|"
    r"receiv(?:e|es|ed|ing)|taking(?!\s+(?:part|place|into))|took|administration\s+of|"
    r"exposure\s+to|contra-?indications?\s+(?:to|for|with|against)|"
    r"(?:hypersensitivity|allerg(?:y|ies|ic)|intoleran(?:ce|t))\s+to)\b\s*",
    re.IGNORECASE,
)
# a list introduced by a drug word: its items are drugs, whatever they look like
_LIST = re.compile(
    r"\b(?:excipients?|drugs?|medications?|medicines?|agents?|substances?)\s*"
    r"(?::|\(|such\s+as|including|e\.g\.?,?|like)\s*",
    re.IGNORECASE,
)
_SKIPPABLE = re.compile(
    r"(?:\s|\b(?:the|a|an|any|prior|previous|previously|concomitant|current|other|"
    r"one|more|of|to|or|and)\b)*",
    re.IGNORECASE,
)
_NAME_LIKE = re.compile(
    r"^(?:[A-Z][A-Za-z]{2,}|[A-Z0-9]{2,}(?:-[A-Z0-9]+)*|[A-Za-z]{2,}-?\d{2,}[\w-]*)"
    r"(?:\s+[A-Za-z0-9-]+)?$"
)


# a measured substance: "Serum vitamin A (or retinol) level", "hemoglobin concentration"
_MEASURED_BEFORE = re.compile(
    r"\b(?:serum|plasma|blood|urine|urinary|fasting|total|direct|ionized|free)\s+$", re.IGNORECASE
)
_MEASURED_AFTER = re.compile(
    r"^\s*(?:[A-Z]\b\s*)?(?:\([^()]{0,40}\)\s*)?(?:levels?|concentrations?|values?|counts?|"
    r"ratio|tit(?:er|re)s?|tests?|testing|measurements?|deficiency|insufficiency|"
    r"abnormalit\w*|increases?|elevations?|tendency|status|result|wild[- ]type|genes?|"
    r"mutations?|variants?|genotype|scintigraphy|scans?|imaging)\b"
    # a state named after a treatment: "infusion-related reaction", "oxygen-dependent"
    r"|^-(?:related|associated|dependent)\b",
    re.IGNORECASE,
)
_MEASURED_PHRASE = re.compile(
    r"^(?:serum|plasma|blood|urine|urinary|fasting|total|direct|ionized|free)\s"
    r"(?!.*\b(?:treatments?|therapy|therapies|transfusions?|purification|products?)$)",
    re.IGNORECASE,
)
_GIVEN = frozenset({"oxygen flow", "albumin", "glucose", "potassium", "sodium", "magnesium",
                    "calcium"})  # quantities that are also given as treatments  # fmt: skip
# the trial's own product: "until 24 weeks after the last dose of ION-682884 or inotersen"
_LAST_DOSE = re.compile(
    r"\b(?:last|final|first)\s+(?:dose|administration|injection|infusion)s?\s+of\s+"
    r"(?:the\s+)?(?:study\s+)?(?:[\w*-]+\s*(?:,|or|and|/)\s*)*$",
    re.IGNORECASE,
)


def _lab_name(phrase: str) -> bool:
    """The whole phrase is a lab quantity's name ("Hemoglobin", "alanine aminotransferase")."""
    found = find_quantities(phrase)
    return (
        len(found) == 1
        and found[0][1].start() == 0
        and found[0][1].end() == len(phrase)
        and not found[0][0].endswith(" dose")
        and found[0][0] not in _GIVEN
    )


def measured(text: str, start: int, end: int) -> bool:
    """The phrase at text[start:end] names a measured substance (a level), not a treatment."""
    return (
        _MEASURED_PHRASE.match(text, start, end) is not None
        or _MEASURED_BEFORE.search(text, max(0, start - 20), start) is not None
        or _MEASURED_AFTER.match(text[end : end + 60]) is not None
        or _lab_name(text[start:end])
    )


_CLASS_OF_CARE = re.compile(r"(?:therapy|therapies|radiation|surgery)$", re.IGNORECASE)


def trial_product(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] follows "the last dose of" (the trial's own product);
    a kind of care there ("last dose of chemotherapy") is not the product."""
    if _CLASS_OF_CARE.search(text, start, end) is not None:
        return False
    return _LAST_DOSE.search(text, max(0, start - 80), start) is not None


def boilerplate(text: str) -> bool:
    """True for an SmPC / package-leaflet sentence copied into a criterion."""
    return may_contain(text, _BOILERPLATE_WORDS) and _BOILERPLATE.search(text) is not None


def generic_treatment(phrase: str) -> bool:
    """A generic head ("drug", "treatment") with a qualifier that names a kind, right before
    it ("difficulty swallowing oral drugs" is not one)."""
    if _GENERIC_HEAD.search(phrase) is None:
        return False
    before = _GENERIC_HEAD.sub("", phrase).strip(" -")
    if _GENERIC_HEAD.search(before) is not None:  # round 17: "acute treatment regimen"
        before = _GENERIC_HEAD.sub("", before).strip(" -")
    if _CATEGORY.search(before) is not None:  # round 17: "Category C medications"
        return False
    qualifier = _EMPTY_QUALIFIER.sub("", before).strip(" -")
    last = before.split()[-1:] or [""]
    return len(qualifier) >= 3 and _EMPTY_QUALIFIER.fullmatch(last[0] + " ") is None


def own_product(text: str, start: int) -> bool:
    """The phrase at ``start`` follows "the" / "the study": the trial's own product."""
    return _OWN_PRODUCT.search(text, 0, start) is not None


def device(phrase: str) -> bool:
    return _DEVICE.search(phrase) is not None


def not_treatment(phrase: str) -> bool:
    return _NOT_TREATMENT.search(phrase) is not None


def name_like(phrase: str) -> bool:
    """One or two words that look like a drug name (Capitalised, UPPER, or a code)."""
    return _NAME_LIKE.match(phrase) is not None


def context_starts(text: str) -> list[int]:
    """Offsets where a name in a treatment context may start (after the trigger)."""
    return _starts(text, _CONTEXT, _CONTEXT_WORDS)


def list_starts(text: str) -> list[int]:
    """Offsets where the items of a list introduced by a drug word start."""
    return _starts(text, _LIST, _LIST_WORDS)


def _starts(text: str, trigger: re.Pattern[str], needs: tuple[str, ...]) -> list[int]:
    """Where the words after each trigger start, past the skippable ones; on the lower-cased
    text when it is ASCII (the same offsets, kg.criteria.screen)."""
    low = lowered(text)
    if not any_in(low, needs):
        return []
    if low is None:
        return [_SKIPPABLE.match(text, m.end()).end() for m in trigger.finditer(text)]  # type: ignore[union-attr]
    skippable = _LOWER[_SKIPPABLE]
    return [skippable.match(low, m.end()).end() for m in _LOWER[trigger].finditer(low)]  # type: ignore[union-attr]


_LOWER = {p: lower_case(p) for p in (_CONTEXT, _LIST, _SKIPPABLE)}
