"""Condition and treatment mentions: noun phrases cut at punctuation and function words,
trimmed of modifiers, kept when the linker (kg.linking, public API) resolves them to a
disease or a drug, or when they carry a disease or treatment head word; the treatment
rules (generic heads, treatment context, devices, boilerplate) are in :mod:`treatments`.

Also: "hypersensitivity / allergy / intolerance to X" gives the reaction as a condition
(and X by the treatment rules); "medications that affect glucose metabolism" is one
treatment (a generic head qualified by its clause); "<disorder> surgery" is the disorder
and the treatment; a modifier coordinated with the next mention ("hepatic or renal
insufficiency", "immuno- or chemotherapy") is a mention of its type; a positive antibody
is a finding, not a drug; a single lower-case English word the lexicon knows only as a
brand ("select", "guardian") is not a drug.

Round 11: the phrases are cut in :mod:`chunks` (an inline list number "… 1. Patisiran 2.
Inotersen" is a cut); an organism or a resistant strain is a condition, whatever drug its
name holds ("methicillin-resistant Staphylococcus aureus"); head words for rhythm disorders
(tachycardia, bradycardia, fibrillation, flutter, syncope, QT(c) prolongation) and "loss of
consciousness"; HSCT and BMT (stem cell and marrow transplants: "allo-HSCT") are treatments;
an abbreviation in parentheses right after the mention it abbreviates (its letters in order
from a word of it) is no mention of its own ("non-steroidal anti-inflammatory drugs
(NSAIDs)", "… stem cell transplantation (HSCT)"; the gold rule of heldout3).

Round 17 (heldout16): a disease word in a classification's, college's or society's name or
after "Criteria in" is no mention (kg.criteria.cues: nor a generic disease, an assessment term,
a scale's name, a citation); "anti-<disease>" names a drug class, not the disease ("anti-cancer
therapy", its "therapy" taken back from the "therapy with" cut; an antibody or a test for a
virus stays); a bare drug word or "intervention(s)" with a purpose after "for" ("interventions
for pain relief") or a participle after it ("agents specifically targeting …") is one
treatment; a bare "surgery" listed with other items is one ("disease, surgery, or"), after "of"
/ "after" it is a time point.

Round 8 (the heldout7/8 misses): head words "illness" ("acute respiratory illness", "mental
illness"; a bare or generic "illness", "serious illnesses", "illness onset" are not mentions,
as "disease" alone is not), "ideation", "apnoea", "lupus", "palsy"; procedures by their
suffix ("-ectomy", "-otomy", "-ostomy", "-plasty": "selective dorsal rhizotomy"), CPAP and
BiPAP, bronchodilators, antidepressants, "chemo", anaesthesia, palliative care. A threshold
named by its quantity inside a phrase cuts the mention before it ("Renal insufficiency
creatinine clearance (CrC1)<40": "Renal insufficiency"), unless the threshold's span starts
at "score", "scale" or "level" (the words before name the scale).

>>> t = "No history of mental illness or splenectomy; regular use of CPAP"
>>> [(c.type.value, c.text, c.negated) for c in mentions(t)]
[('condition', 'mental illness', True), ('treatment', 'splenectomy', True),
 ('treatment', 'CPAP', False)]

>>> t = "No history of diabetes mellitus or prior chemotherapy"
>>> [(c.type.value, c.text, c.negated) for c in mentions(t)]
[('condition', 'diabetes mellitus', True), ('treatment', 'chemotherapy', True)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.criteria.acronyms import restates
from kg.criteria.chunks import chunks
from kg.criteria.cues import (
    condition_cue,
    finding,
    not_a_mention,
    organism,
    treatment_cue,
)
from kg.criteria.kinds import anti_class, drug_lead, head_after, in_a_name, listed_surgery, may_name
from kg.criteria.model import Constraint, ConstraintType
from kg.criteria.negation import negated
from kg.criteria.treatments import (
    boilerplate,
    context_starts,
    device,
    generic_treatment,
    list_starts,
    measured,
    name_like,
    not_treatment,
    own_product,
    trial_product,
)

if TYPE_CHECKING:
    from kg.linking.link import Link

LinkFunction = Callable[[str, str], "Sequence[Link]"]

_MAX_WORDS = 7
# inside mentions(): the slices they were asked of are read with ``pos`` / ``endpos`` (the
# same matches: none looks behind its start)
_LETTERS_AT_END = re.compile(r"[A-Za-z]{3}\s*$")  # "psychotherapy" of "psychotherapy 12 weeks"
_SPACE_LETTER = re.compile(r"\s+[A-Za-z]")
_LETTERS = re.compile(r"[A-Za-z]{3}")
_HYPHEN_WORD = re.compile(r"-\w")


def _treatment_word(phrase: str) -> bool:
    return treatment_cue(phrase) or device(phrase) or generic_treatment(phrase)


@lru_cache(maxsize=32768)  # phrases repeat across criteria; the cues are many regexes
def _by_words(phrase: str) -> ConstraintType | None:
    if finding(phrase) or condition_cue(phrase):
        return ConstraintType.CONDITION
    if _treatment_word(phrase):
        return ConstraintType.TREATMENT
    return None


_SALT_OR_DOSE = re.compile(
    r"\w\s+(?:sodium|potassium|calcium|magnesium|hydrochloride|hydrobromide|\w*hydrate|"
    r"anhydrous|acetate|sulfate|sulphate|phosphate|mesilate|mesylate|citrate|maleate|"
    r"tartrate|fumarate|succinate|tablets?|capsules?|injection|patch(?:es)?)\b"
    r"|\b(?:sodium|potassium|oral|topical)\s+\w"
    r"|\d\s*(?:mg|mcg|µg)\b",
    re.IGNORECASE,
)
_NO_SALT = re.compile(r"\b(?:doses?|protocols?|excipients?|drugs?|treatments?)\b", re.IGNORECASE)
# the intervention pass takes only sure matches, never a bare acronym
_SURE_MATCHES = frozenset({"exact-label", "synonym", "stripped", "brand"})
_WORD_MATCHES = frozenset({"brand", "normalised"})
_ABBREVIATION = re.compile(r"^[A-Z0-9-]{2,5}$")


def _linked(
    phrase: str, linker: LinkFunction, kind: str
) -> tuple[ConstraintType | None, Link] | None:
    """The type the first usable link says (None: linked to neither), or None: no link."""
    for link in linker(phrase, kind)[:1]:
        if link.confidence < (0.6 if kind == "condition" else 0.65):
            return None
        if link.match_type in ("span", "component"):
            return None
        if kind == "intervention" and (
            link.match_type not in _SURE_MATCHES or _ABBREVIATION.match(phrase)
        ):
            return None
        if link.match_type in _WORD_MATCHES and phrase.islower() and " " not in phrase:
            return None  # "guardian", "select", "factors": English words, not brands
        if link.semantic_group == "disease" and kind == "condition":
            return ConstraintType.CONDITION, link
        if link.semantic_group in ("drug", "drug-class", "chemical"):
            return ConstraintType.TREATMENT, link
        return _by_words(phrase), link
    return None


def _classify(
    phrase: str, linker: LinkFunction | None, context: int
) -> tuple[ConstraintType, Link | None] | None:
    """Condition or treatment (with its link), by the linker, head words and ``context``
    (0 none, 1 after a treatment trigger, 2 an item of a list of drugs)."""
    if finding(phrase):
        return ConstraintType.CONDITION, None
    if organism(phrase):  # round 11: "methicillin-resistant Staphylococcus aureus"
        found = _linked(phrase, linker, "condition") if linker is not None else None
        link = found[1] if found is not None and found[0] is ConstraintType.CONDITION else None
        return ConstraintType.CONDITION, link
    if linker is not None:
        found = _linked(phrase, linker, "condition")
        if found is not None:
            kind, link = found
            return None if kind is None else (kind, link)
    by_words = _by_words(phrase)
    if by_words is not None:
        return by_words, None
    if linker is not None and _SALT_OR_DOSE.search(phrase) and not _NO_SALT.search(phrase):
        # salt forms, dosage forms and doses ("sodium ascorbate", "prednisone 10 mg") are
        # read as an intervention; asked only then (the lookup is the extractor's cost)
        found = _linked(phrase, linker, "intervention")
        if found is not None and found[0] is ConstraintType.TREATMENT:
            return ConstraintType.TREATMENT, found[1]
    if (context == 1 and name_like(phrase)) or (context == 2 and len(phrase.split()) <= 3):
        return ConstraintType.TREATMENT, None
    return None


_COORDINATED = re.compile(r"\s*(?:,|/|\bor\b|\band\b|\band/or\b|\s)*\s*")


def _in_context(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Per chunk: 2 an item of a list of drugs, 1 right after a treatment trigger (or
    coordinated with such a chunk), else 0."""
    weak, strong = set(context_starts(text)), set(list_starts(text))
    out: list[int] = []
    for i, (start, _) in enumerate(spans):
        here = 2 if start in strong else 1 if start in weak else 0
        if not here and i and out[i - 1]:
            gap = text[spans[i - 1][1] : start]
            here = out[i - 1] if _COORDINATED.fullmatch(gap) is not None else 0
        out.append(here)
    return out


# "medications that affect glucose metabolism": a generic head qualified by its clause
# round 17: "effects" (a misspelt "affects"), "target"; a participle after the head ("agents
# specifically targeting T-cell co-stimulation"); a purpose after "for" ("interventions for
# pain relief")
_RELATIVE = re.compile(
    r"\s+(?:(?:that|which)\s+(?:(?:may|can|could|might|are|is|known|to|also)\s+)*"
    r"(?:affect|effect|target|prolong|interfere|induce|inhibit|cause|increase|decrease|alter|"
    r"influence|impair|potentiate|interact|lower|raise|suppress)\w*"
    r"|(?:\w+ly\s+)?(?:affecting|targeting|inhibiting|inducing|prolonging|interfering|"
    r"altering|lowering|raising|suppressing|potentiating)\b)"
    r"[^,;.()]*?(?=\s+(?:or|and)\s|[,;.()]|$)"
    r"|\s+for\s+(?:[a-z]+\s+){0,2}(?:relief|control|management|prevention|prophylaxis)\b",
    re.IGNORECASE,
)
_BARE_REACTION = re.compile(
    r"^(?:hypersensitivity|allerg(?:y|ies|ic)|intolerance)$", re.IGNORECASE
)  # round 14: "Allergic to droperidol"
_TO = re.compile(r"\s+(?:reactions?\s+)?to\b", re.IGNORECASE)
_BARE_DRUG = re.compile(
    r"^(?:drugs?|meds|medications?|medicines?|agents?|interventions?)$", re.IGNORECASE
)
# "aortic valve disease surgery": a disorder, then the treatment of it
_TREATED = re.compile(
    r"^(?P<disorder>.+?)\s+(?P<head>surgery|surgeries|therapy|therapies|treatments?|"
    r"transplant(?:ation)?|resection|repair|replacement)$",
    re.IGNORECASE,
)


def _split_treated(phrase: str) -> int:
    """Where the treatment head starts in "<disorder> surgery", else 0."""
    m = _TREATED.match(phrase)
    if m is None or not condition_cue(m.group("disorder")):
        return 0
    return m.start("head")


# "hepatic or renal insufficiency", "immuno- or chemotherapy": a modifier (or a prefix
# whose hyphen waits) coordinated with the next mention is a mention of the same type
_MODIFIER = re.compile(r"^(?:non-)?[A-Za-z]+(?:al|ic|ous|ive|ary|ar|oid)$", re.IGNORECASE)
_NOT_MODIFIER = frozenset({
    "clinical", "medical", "physical", "general", "normal", "local", "usual", "total",
    "typical", "several", "additional", "potential", "special", "social", "personal", "legal",
    "actual", "optimal", "minimal", "maximal", "original", "initial", "final", "formal",
    "positive", "negative", "effective", "primary", "regular", "similar", "particular",
    "major", "minor", "familiar", "necessary", "temporary", "voluntary", "ordinary",
    "oral", "topical", "systemic", "experimental", "investigational", "hospital",
    "diagnostic", "symptomatic", "therapeutic", "prophylactic",
})  # fmt: skip
_COORDINATOR = re.compile(r"\s*(?:,|\bor\b|\band\b|\band/or\b)\s*(?:(?:or|and)\s+)?")


def _coordinated(text: str, waiting: list[tuple[int, int]], nxt: Constraint) -> list[Constraint]:
    """The modifiers (or hyphen-waiting prefixes) coordinated before ``nxt``."""
    out: list[Constraint] = []
    following = nxt.start
    for s, e in reversed(waiting):
        hyphen = text[e : e + 1] == "-"
        gap = text[e + hyphen : following]
        word = text[s:e]
        if _COORDINATOR.fullmatch(gap) is None:
            break
        if not hyphen and (_MODIFIER.match(word) is None or word.lower() in _NOT_MODIFIER):
            break
        out.append(_constraint(text, s, e + hyphen, nxt.type, None))
        following = s
    return out[::-1]


def _constraint(
    text: str, start: int, end: int, kind: ConstraintType, link: Link | None
) -> Constraint:
    return Constraint(
        kind,
        start,
        end,
        text[start:end],
        negated=negated(text, start, end),
        concept=None if link is None else link.target,
        concept_label=None if link is None else link.target_label,
        concept_iri=None if link is None else link.target_iri,
        exact=None if link is None else link.exact,
    )


# a taken span (a period, a threshold) that starts inside a chunk with its number cuts the
# chunk there: "received psychotherapy 12 weeks prior to screening" keeps "psychotherapy"
_NUMBER_START = re.compile(
    r"\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b", re.I
)


# or a threshold named by its quantity: "Renal insufficiency creatinine clearance (CrC1)<40"
# keeps "Renal insufficiency" (not a score's span: "a seizure score <3" names the scale)
_NAMED_START = re.compile(r"(?!(?:scores?|scales?|levels?)\b)[A-Za-z]", re.IGNORECASE)


# a value-first threshold at a chunk's start ("> 50% carotid stenosis", ">10 mg prednisone")
# leaves the words after it to the mention
_VALUE_START = re.compile(r"[<>≤≥=*]|\d|(?:at\s+least|more|less|greater|fewer)\b", re.I)


def _cut(text: str, start: int, end: int, taken: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """A chunk's span without a taken span that starts inside it with its number (or a
    threshold named by its quantity), nor one it starts inside with a value first."""
    cut = min((s for s, e in taken if start < s < end), default=end)
    if (
        cut < end
        and (_NUMBER_START.match(text, cut) or _NAMED_START.match(text, cut))
        and _LETTERS_AT_END.search(text, start, cut)
    ):
        end = start + len(text[start:cut].rstrip())  # "psychotherapy" of "psychotherapy 12 weeks"
    lead = max((e for s, e in taken if s <= start < e < end and _VALUE_START.match(text, s)),
               default=start)  # fmt: skip
    if lead > start and _SPACE_LETTER.match(text, lead, end):
        start = lead + len(text[lead:end]) - len(text[lead:end].lstrip())  # "> 50% | stenosis"
    return start, end


def mentions(
    text: str, linker: LinkFunction | None = None, taken: Sequence[tuple[int, int]] = ()
) -> list[Constraint]:
    """Condition and treatment mentions outside the ``taken`` spans, with their negation."""
    out: list[Constraint] = []
    spans = chunks(text)
    context = _in_context(text, spans)
    no_treatments = boilerplate(text)
    names = may_name(text)  # round 17: a word a name of a body needs (cost)
    waiting: list[tuple[int, int]] = []  # unclassified chunks just before each mention
    covered = 0  # end of a mention that reached past its chunk
    for (start, end), in_context in zip(spans, context, strict=True):
        if taken:  # (none taken, the usual case: nothing to cut, nothing overlaps)
            start, end = _cut(text, start, end, taken)
            if any(start < e and s < end for s, e in taken):
                continue
        phrase = text[start:end]
        if start < covered:
            continue
        found: tuple[ConstraintType, Link | None] | None = None
        lead = drug_lead(phrase)  # round 17
        relative = _RELATIVE.match(text, start + lead) if lead else None
        if relative is not None and relative.end() >= end:
            end = covered = relative.end()
            phrase, found = text[start:end], (ConstraintType.TREATMENT, None)
        elif len(phrase) <= 13 and _BARE_DRUG.match(phrase):  # "medications", a "\n" at most
            relative = _RELATIVE.match(text, end)
            if relative is None:
                continue
            end = covered = relative.end()
            phrase, found = text[start:end], (ConstraintType.TREATMENT, None)
        elif len(phrase) <= 17 and _BARE_REACTION.match(phrase) and _TO.match(text, end):
            found = (ConstraintType.CONDITION, None)  # "hypersensitivity to …"
        elif len(phrase.split()) > _MAX_WORDS or (
            not_a_mention(phrase) and not listed_surgery(text, start, end)
        ):
            continue
        if not _LETTERS.search(phrase):
            continue
        if names and in_a_name(text, start):
            continue  # round 17: "International Classification of Headache Disorders"
        if len(phrase) <= 4 and _HYPHEN_WORD.match(text, end, end + 2):
            continue  # "Pre" of "Pre-existing"
        found = found or _classify(phrase, linker, in_context)
        if found is None:
            waiting.append((start, end))
            continue
        kind, link = found
        if kind is ConstraintType.CONDITION and anti_class(phrase):
            kind, link = ConstraintType.TREATMENT, None  # round 17: "anti-cancer therapy"
            head_end = head_after(text, end)
            if head_end:  # "anti-cancer" of "anti-cancer therapy with"
                end = covered = head_end
                phrase = text[start:end]
        head = _split_treated(phrase) if kind is ConstraintType.CONDITION else 0
        if head:
            disorder_end = start + len(phrase[:head].rstrip())
            out.append(_constraint(text, start, disorder_end, kind, None))
            start, kind, link, phrase = start + head, ConstraintType.TREATMENT, None, phrase[head:]
        if kind is ConstraintType.TREATMENT and (
            no_treatments
            or not_treatment(phrase)
            or (generic_treatment(phrase) and own_product(text, start))
            or measured(text, start, end)
            or trial_product(text, start, end)
        ):
            continue
        if restates(text, start, end, out[-1] if out else None):
            continue  # round 11
        mention = _constraint(text, start, end, kind, link)
        out += _coordinated(text, waiting, mention)
        waiting = []
        out.append(mention)
    return out
