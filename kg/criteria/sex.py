"""Sex: only when the criterion restricts to one sex.

"Women and men", "regardless of gender", "male or female" restrict nothing; a
sex word inside a reproductive phrase ("pregnant women", "women of
childbearing potential") names a subgroup, not a restriction.
Round 7: a criterion that starts with a sex word and a person noun is its subject's
restriction even when a birth-control word follows ("Male subjects not willing to use
contraceptive methods", "Male subjects must be surgically sterile"); pregnancy, lactation or
childbearing near the word, or an attribute attached to the noun, still make a subgroup
("Female patients during pregnancy", "Female subjects of childbearing potential").
A condition on one sex is not a restriction ("If sexually active female, …", "For men: …" at the
start), nor a possessive ("Women's Hospital"), nor "mother" as the subject's relative
("neonates born by infected mothers", "mother-to-child transmission").
Round 8: once a sex word names a reproductive subgroup, a later one of the same sex is that
subgroup again ("Pregnant or lactating women: The effects of NFV … have been studied in HIV
positive women (21)."), not a restriction.
Round 10: a sex word that is an item of a score or risk tally restricts nobody ("Tisdale score
exceeding 6 as tallied below - 1 point each: age>67, female sex, or being on loop diuretic"):
a tally word ("point(s)", "risk factor(s)", "tallied") shortly before it, with no sentence end
between, or a point count right after it ("female sex (1 point)"); "score" alone is not one
("Karnofsky score >= 70, women aged 18-65" is a restriction).
Round 12: a sex word right after "sex with", "sexual intercourse with" names the partner, not
the subject ("men agree not to have sex with women for seven days …" restricts to men).
Round 13: the round-7 subject may take a relative clause when every reproductive word of the
criterion is a method ("Men who did not take effective contraception …", "Male patients who
refuse contraception"); a clause with pregnancy, lactation, childbearing or a family plan anywhere
is still a subgroup ("Female patients who are pregnant or planning to become pregnant", "females
who are identified as donors must not be pregnant", "Women who have no planned pregnancy …").

>>> [(c.value, c.text) for c in sexes("Postmenopausal women aged 50-75")]
[('female', 'women')]
>>> sexes("If male, not agreeable to using condoms during the study")
[]
>>> sexes("Pregnant and lactating women"), sexes("Male or females 12-24 years old")
([], [])
>>> [(c.value, c.text) for c in sexes("Healthy male volunteers")]
[('male', 'male')]
>>> [c.value for c in sexes("Male patients must agree to use contraception")]
['male']
>>> sexes("Female patients who are pregnant"), sexes("Female subjects of child-bearing potential")
([], [])
>>> sexes("Pregnant or lactating women: the drug has been studied in HIV positive women.")
[]
>>> sexes("Score > 6: 1 point each: age>67, female sex, or loop diuretic")
[]
>>> sexes("At least two risk factors: age over 65, male sex, smoking")
[]
>>> [c.value for c in sexes("men agree not to have sex with women for seven days")]
['male']
>>> [c.value for c in sexes("Female sex")], sexes("Male gender (1 point)")
(['female'], [])
>>> [c.value for c in sexes("Men who did not take effective contraception during the study")]
['male']
>>> sexes("Women who are pregnant or use hormonal contraception")
[]
"""

from __future__ import annotations

import re

from kg.criteria.model import Constraint, ConstraintType
from kg.criteria.screen import any_in, lower_case, lowered

_FEMALE = re.compile(r"\b(?:wom[ae]n|females?|girls?|mothers?|ladies)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:m[ae]n|males?|boys?)\b", re.IGNORECASE)
# for a lower-cased ASCII text (kg.criteria.screen.lower_case)
_LOWER = {p: lower_case(p) for p in (_FEMALE, _MALE)}
_FEMALE_WORDS = ("wom", "female", "girl", "mother", "ladies")
_MALE_WORDS = ("man", "men", "male", "boy")
_ANY = re.compile(
    r"\b(?:regardless\s+of|irrespective\s+of|any|either|both|all)\s+(?:gender|sex(?:es)?)\b"
    r"|\b(?:gender|sex)\s*(?:[:;]|is|are)?\s*(?:not\s+limited|unlimited|any|all|both)\b",
    re.IGNORECASE,
)
_SUBGROUP = re.compile(
    r"pregnan|lactat|breast|nursing|child[- ]?bearing|reproductive|fertile|contracep|"
    r"menopaus|menstrua|sterile|partner|spouse|wives|wife|who\s+(?:are|is|could)|gestation",
    re.IGNORECASE,
)
# a condition on one sex, not the subject: "If male, …", "If sexually active female, …", and
# "For men: …" / "For females only, …" at the criterion's start
_IF = re.compile(r"\bif\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_FOR_START = re.compile(r"^\W*for\s+$", re.IGNORECASE)
# "mother" as the subject's relative: "neonates born by infected mothers", "whose mother",
# "mother-to-child transmission"
_RELATIVE_BEFORE = re.compile(
    r"\b(?:by|whose|the|their|his|her|of|from|to)\s+(?:[\w-]+\s+)?$", re.I
)
_RELATIVE_AFTER = re.compile(r"\s*-?\s*to\b", re.IGNORECASE)
_POSTMENOPAUSAL = re.compile(r"post-?menopausal\s+$", re.IGNORECASE)
# round 10: an item of a score or risk tally ("1 point each: age>67, female sex, ..."); the
# tally word within 60 characters before, no sentence end between; or "(1 point)" after
_TALLY_BEFORE = re.compile(r"\b(?:points?|risk\s+factors?|tall(?:y|ied))\b[^.;]*$", re.IGNORECASE)
_TALLY_AFTER = re.compile(r"\s*(?:sex|gender)?\s*[(:=-]?\s*[+]?\d+\s*points?\b", re.IGNORECASE)


_SUBJECT = re.compile(
    r"\s+(?:subjects?|patients?|participants?|volunteers?|individuals?|persons?)\b"
    r"(?!\s*(?:\(\w+\)\s*)?(?:of\b|who\b|that\b|which\b|with\s+(?:a\s+)?(?:partner|child)|"
    r"(?:are|is|being)\s|pregnan|lactat|breast|nursing|capable|able\s+to\s+(?:bear|become)))",
    re.IGNORECASE,
)


_METHOD = re.compile(r"contracep|sterile", re.IGNORECASE)
# round 13: the sex word (with or without a person noun) opening a relative clause
_RELATIVE = re.compile(
    r"(?:\s+(?:subjects?|patients?|participants?|volunteers?|individuals?|persons?))?"
    r"\s+(?:who|that)\b",
    re.IGNORECASE,
)
# round 12: the sex word after "have sex with" names a partner, not the subject
_PARTNER = re.compile(
    r"\b(?:sex|sexual\s+(?:intercourse|relations|contact)|intercourse)\s+with\s+(?:any\s+)?$",
    re.IGNORECASE,
)


def _subject(text: str, m: re.Match[str], near: str) -> bool:
    """ "Male subjects not willing to use contraception", "Male subjects must be surgically
    sterile": the criterion starts with the sex word and a person noun, the only reproductive
    words near it are a method (contraception, sterility), and nothing reproductive is
    attached to the noun ("Female subjects of childbearing potential", "Female patients during
    pregnancy", "female patients who are pregnant" are subgroups); or (round 13) the sex word,
    with or without the noun, opens a relative clause and the criterion's only reproductive
    words are methods ("Men who did not take effective contraception")."""
    if text[: m.start()].strip(" -•*.:"):
        return False
    if _SUBJECT.match(text, m.end()) and all(
        _METHOD.match(w.group()) for w in _SUBGROUP.finditer(near)
    ):
        return True
    # round 13: "Men who did not take effective contraception …": a relative clause, every
    # reproductive word of the whole criterion a method ("who are" itself is no such word)
    words = [w.group() for w in _SUBGROUP.finditer(text) if not w.group().lower().startswith("who")]
    return (
        _RELATIVE.match(text, m.end()) is not None
        and bool(words)
        and all(_METHOD.match(w) for w in words)
    )


def sexes(text: str) -> list[Constraint]:
    """At most one sex constraint: the criterion's only sex, when it names one."""
    low = lowered(text)
    if any_in(low, ("gender", "sex")) and _ANY.search(text):
        return []
    female, male = (
        [
            m
            for m in (pattern.finditer(text) if low is None else _LOWER[pattern].finditer(low))
            if not _PARTNER.search(text, max(0, m.start() - 40), m.start())
        ]
        if any_in(low, needs)  # a word every match holds (kg.criteria.screen)
        else []
        for pattern, needs in ((_FEMALE, _FEMALE_WORDS), (_MALE, _MALE_WORDS))
    )
    if female and male:
        return []
    for matches, value in ((female, "female"), (male, "male")):
        for m in matches:
            if _IF.search(text, max(0, m.start() - 30), m.start()) or _FOR_START.match(
                text[: m.start()]
            ):
                continue  # "If male, not agreeable to using condoms": a condition, not a subject
            if _TALLY_BEFORE.search(text, max(0, m.start() - 60), m.start()) or _TALLY_AFTER.match(
                text, m.end()
            ):
                continue  # an item of a score or risk tally restricts nobody
            if text[m.end() : m.end() + 2] in ("'s", "’s"):
                continue  # a possessive names a place or an attribute ("Women's Hospital")
            if m.group().lower().startswith("mother") and (
                _RELATIVE_BEFORE.search(text, max(0, m.start() - 30), m.start())
                or _RELATIVE_AFTER.match(text, m.end())
            ):
                continue
            near = text[max(0, m.start() - 40) : m.end() + 40]
            if (
                _SUBGROUP.search(near)
                and not _POSTMENOPAUSAL.search(text[: m.start()])
                and not _subject(text, m, near)
            ):
                break  # a subgroup; a later "women" in its explanation is the same subgroup
            word = text[m.start() : m.end()]  # (as written: ``m`` may be of the lower case)
            return [Constraint(ConstraintType.SEX, m.start(), m.end(), word, value=value)]
    return []
