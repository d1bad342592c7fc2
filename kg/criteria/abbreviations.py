"""Abbreviations a trial defines, read as mentions where its criteria use them bare.

Round 8 (the heldout7/8 misses: "OSA" five times in a trial whose title says "Obstructive
sleep apnea (OSA)", "NFV" after "nelfinavir (NFV)" in the summary, "MDS", "ARI"). The gold
rule (heldout3): an abbreviation in parentheses right after its full name is not a separate
mention, a later bare use of it is.

- A definition is "<full name> (<ABBR>)" in the record's titles, summary, description or
  criteria, where the abbreviation has two or more capitals and its letters run in order
  through the full name from the full name's first letter (Schwartz and Hearst's test:
  "Obstructive sleep apnea (OSA)", "nelfinavir (NFV)"), and the mention extractor reads the
  full name as a condition or a treatment mention that ends right before the parenthesis.
  Not a name of a body, scale or guideline ("International Myeloma Working Group (IMWG)",
  "(PND) score"), nor the trial's own product ("investigational product (IP)").
- A bare use is the abbreviation as a whole word, with its case, in a criterion, outside the
  criterion's other constraints and not itself in parentheses (a definition again); it is a
  mention of the full name's type and link, negated as a mention there would be; not the
  trial's own product after "first dose of" (kg.criteria.treatments).
- Round 11 (cost, same output): only texts with two capitals inside parentheses are read,
  and a candidate's cheap tests ("(PND) score", the letters in order through the window from
  a word start) come before the window's mentions are read (bench/bench_definitions.py).

>>> from kg.model import Provenance, TrialRecord
>>> r = TrialRecord("T1", Provenance("t", "t", 1))
>>> r.public_title = "CPAP adherence in obstructive sleep apnea (OSA)"
>>> found = definitions(r, None)
>>> [(d[0], d[1]) for d in found]
[('OSA', 'condition')]
>>> t = "Refusal to use CPAP for treatment of OSA"
>>> [(c.type.value, c.text) for c in bare_uses(t, [], found)]
[('condition', 'OSA')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.criteria.acronyms import letters_in_order
from kg.criteria.mentions import LinkFunction, mentions
from kg.criteria.model import Constraint, ConstraintType
from kg.criteria.negation import negated
from kg.criteria.treatments import trial_product
from kg.model import TrialRecord

# (abbreviation, type, concept, concept label, concept IRI, exact)
Definition = tuple[str, str, str | None, str | None, str | None, bool | None]

_DEFINED = re.compile(r"\((?P<abbr>[A-Za-z][A-Za-z0-9-]{1,7})\)")
_TYPES = frozenset({ConstraintType.CONDITION, ConstraintType.TREATMENT})
# a name of a body, a scale or a guideline is no disease ("International Myeloma Working Group
# (IMWG)", "polyneuropathy disability (PND) score")
_NOT_A_NAME = re.compile(
    r"\b(?:group|committee|association|society|organi[sz]ation|criteria|scale|score|index|"
    r"questionnaire|classification|system|network|consortium|guidelines?)\b",
    re.IGNORECASE,
)
_OWN = re.compile(r"\b(?:investigational|study|trial|experimental)\b", re.IGNORECASE)
_SCORED = re.compile(r"\s*(?:total\s+)?(?:score|scale|index|criteria|class)", re.IGNORECASE)


def _in_order(letters: str, window: str) -> bool:
    """The letters run through ``window`` in order from a word that starts with the first (a
    cheap necessary test before reading the window's mentions: the full name is a suffix of
    the window and starts a word)."""
    first = re.search(rf"(?<![a-z0-9]){re.escape(letters[:1])}", window)
    if first is None:
        return False
    pos = first.end()
    for ch in letters[1:]:
        pos = window.find(ch, pos) + 1
        if not pos:
            return False
    return True


# a text can define an abbreviation only with two capitals inside parentheses
_CANDIDATE = re.compile(r"\([^()]*[A-Z][^()]*[A-Z]")


def _texts(record: TrialRecord) -> list[str]:
    texts = [record.public_title, record.scientific_title, record.brief_summary,
             record.detailed_description]  # fmt: skip
    texts += [c.text for c in record.eligibility.criteria]
    return [t for t in texts if t and "(" in t and _CANDIDATE.search(t)]


def definitions(record: TrialRecord, linker: LinkFunction | None) -> tuple[Definition, ...]:
    """The abbreviations the record defines for a condition or treatment mention."""
    found: dict[str, Definition] = {}
    for text in _texts(record):
        for m in _DEFINED.finditer(text):
            abbr = m.group("abbr")
            if abbr in found or sum(ch.isupper() for ch in abbr) < 2:
                continue
            window = text[max(0, m.start() - 100) : m.start()].rstrip()
            letters = "".join(ch for ch in abbr.lower() if ch.isalnum())
            if not window or _SCORED.match(text, m.end()) or not _in_order(letters, window.lower()):
                continue
            near = [c for c in mentions(window, linker) if c.end == len(window)]
            if not near or near[-1].type not in _TYPES:
                continue
            c = near[-1]
            if not letters_in_order(abbr, c.text) or _NOT_A_NAME.search(c.text):
                continue  # also "(PND) score", tested before the mentions are read
            if _OWN.search(c.text):
                continue  # "investigational product (IP)": the trial's own
            found[abbr] = (abbr, c.type.value, c.concept, c.concept_label, c.concept_iri, c.exact)
    return tuple(sorted(found.values()))


def used(text: str, defined: Sequence[Definition]) -> tuple[Definition, ...]:
    """The definitions whose abbreviation occurs in ``text`` (the cache key of a criterion)."""
    return tuple(d for d in defined if d[0] in text)


def bare_uses(
    text: str, taken: Sequence[Constraint], defined: Sequence[Definition]
) -> list[Constraint]:
    """Mentions for the bare uses of the defined abbreviations in one criterion."""
    out: list[Constraint] = []
    for abbr, kind, concept, label, iri, exact in defined:
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            start, end = m.start(), m.end()
            if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
                continue  # a definition again
            if any(c.start < end and start < c.end for c in [*taken, *out]):
                continue
            if kind == "treatment" and trial_product(text, start, end):
                continue  # "before first dose of SADBE": the trial's own product
            out.append(Constraint(ConstraintType(kind), start, end, m.group(),
                                  negated=negated(text, start, end), concept=concept,
                                  concept_label=label, concept_iri=iri,
                                  exact=exact))  # fmt: skip
    return out
