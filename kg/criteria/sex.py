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
Round 14 (heldout-sex4; its sex calls in the gold README): the relative clause needs no
method word when the criterion has no reproductive word at all ("Women who are not capable of
giving consent."); a later sentence whose subject or object is the sex word ("The investigators
will also exclude women who have had hysterectomies …", "Women with … will be excluded") restricts
even after a reproductive subgroup of the same sex earlier in the paragraph, when its own
sentence has no reproductive word near the word; a restriction by anatomy ("people with
ovaries (women, trans-men and non-binary people)") is the sex it names, whatever the genders
listed; a plural possessive ("Total Aging Males' symptom score", a score's name) restricts nobody.
Round 15 (heldout-sex5): a sex word after "with another" in its clause is a partner ("sex for
money or drugs with another man", "sex with another person assigned male at birth who
identifies as a man"); "male factor" is a cause of infertility, not the subject's sex; "if they
were female … patients" names the subject (an "if" with a pronoun and "be" is no condition).
Session 8 (the lead): a value given for one sex is a condition on that sex, not a restriction
("Waist circumference ≥ 94 cm for men", "Haemoglobin < 12 g/dL in women"): "for" or "in" right
before the sex word with a number in the 40 characters before them, in the same clause, unless
the value is an age ("Aged 18 to 65 years for women" may say whom the trial takes).
Round 16 (heldout-sex6; its sex calls in the gold README): a mother in a lactation or feeding
requirement is a reproductive subgroup ("Mothers must be willing to provide a complete breastmilk
expression", "Mother reports mixed feeding of her infant"): a lactation or feeding word in the
mother word's clause; a gender is not a sex ("female gender", "Self-identify as Cisgender Male",
"a transgender woman"); a sex word after a verb of benefit or effect names whom an intervention
or a disease concerns, in a rationale run into the criterion ("mylovia is hypothesized to help
women …"), not its subject; a reproductive relative clause after the sex word and its age
("Female patients aged >=18 years who were of childbearing years …") is the subgroup "Women of
childbearing potential" is.

Round 17 (heldout-sex7): a capitalised sex word run into the word before it by the record
("hypertensionWomen will be included") is a word of its own, under every other rule; a sex word
right after "cisgender" / "transgender" is a gender ("PCOS for cisgender females").

Round 18 (heldout-sex8): sex words that stand in a count per person, a reference population,
an example or note, or a group heading run in name no subject (kg.criteria.asides).

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
>>> [c.value for c in sexes("Women who are not capable of giving consent.")]
['female']
>>> [(c.value, c.text) for c in sexes("people with ovaries (women, trans-men, non-binary people)")]
[('female', 'people with ovaries')]
>>> sexes("Total Aging Males' symptom score above 36")
[]
>>> sexes("Mothers must be willing to provide a complete breastmilk expression from one breast")
[]
>>> [c.value for c in sexes("1) Mothers of all ages will be included 2) Infants fed by bottle")]
['female']
>>> sexes("female gender"), sexes("Self-identify as Cisgender Male")
([], [])
>>> sexes("the app is hypothesized to help women irrespective of the etiology")
[]
>>> t = "We exclude women who are pregnant. We will also exclude women who had a hysterectomy."
>>> [(c.value, c.start) for c in sexes(t)]
[('female', 56)]
"""

from __future__ import annotations

import re

from kg.criteria.asides import aside
from kg.criteria.model import Constraint, ConstraintType
from kg.criteria.screen import any_in, lower_case, lowered

_FEMALE = re.compile(r"\b(?:wom[ae]n|females?|girls?|mothers?|ladies)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:m[ae]n|males?|boys?)\b", re.IGNORECASE)
# for a lower-cased ASCII text (kg.criteria.screen.lower_case)
_LOWER = {p: lower_case(p) for p in (_FEMALE, _MALE)}
_FEMALE_WORDS = ("wom", "female", "girl", "mother", "ladies")
_MALE_WORDS = ("man", "men", "male", "boy")
_ANY_WORDS = ("gender", "sex")  # a word every _ANY match holds (kg.criteria.screen)
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
_IF = re.compile(
    r"\bif\s+(?!(?:they|he|she)\s+(?:are|were|is|was)\s+$)(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)  # round 15: "if they were female Han Chinese patients" names the subject
_FOR_START = re.compile(r"^\W*for\s+$", re.IGNORECASE)
# "… 94 cm for men", "… < 12 g/dL in women": a value for one sex (session 8)
_VALUE_FOR = re.compile(
    r"\d(?:(?!years?\b|yrs?\b|aged?\b)[^.;:,()]){0,30}\s(?:for|in)\s+(?:the\s+)?$", re.IGNORECASE
)  # not an age ("18 to 65 years for women" may be whom the trial takes)
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
# round 12: the sex word after "have sex with" names a partner, not the subject; round 15:
# so does one after "with another" in its clause ("… with another person assigned male …")
_PARTNER = re.compile(
    r"\b(?:sex|sexual\s+(?:intercourse|relations|contact)|intercourse)\s+with\s+(?:any\s+)?$"
    r"|\bwith\s+another\b[^.;,()]*$",
    re.IGNORECASE,
)
_CAUSE = re.compile(r"[\s-]+factors?\b", re.IGNORECASE)  # round 15: "male factor" (infertility)
# round 16: a gender, not a sex: "female gender", "current male gender identity", "Self-identify
# as Cisgender Male", "a transgender woman"
_GENDER_AFTER = re.compile(r"\s+gender\b", re.IGNORECASE)
_GENDER_BEFORE = re.compile(
    r"\b(?:(?:cis|trans)[\s-]?gender(?:ed)?\s+|identif(?:y|ies|ied|ying)\s+as\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,3})$",
    re.IGNORECASE,
)
# round 16: those an intervention or a disease concerns, in a rationale run into a criterion
# ("… mylovia is hypothesized to help women …"), not the criterion's subject
_CONCERNS = re.compile(
    r"\b(?:help|helps|helping|benefit|benefits|benefiting|affect|affects|affecting|protect|"
    r"protects|protecting)\s+(?:the\s+|all\s+|many\s+|most\s+)?$",
    re.IGNORECASE,
)
# round 16: a reproductive relative clause after the sex word and its age ("Female patients aged
# >=18 years who were of childbearing years …") makes the subgroup "Women of childbearing
# potential" is
_REPRODUCTIVE_RELATIVE = re.compile(
    r"[^.;]{0,40}?\bwho\s+(?:are|were|is|was)\s+(?:of\s+|in\s+)?(?:child[- ]?bearing|"
    r"reproductive|fertile)",
    re.IGNORECASE,
)
# round 16: a mother in a lactation or feeding requirement is a reproductive subgroup ("Mothers
# must be willing to provide a complete breastmilk expression", "Mother reports mixed feeding of
# her infant"): a lactation or feeding word in the mother word's clause (to a sentence end, ";"
# or a run-on item marker "2)")
_LACTATION = re.compile(r"breast|lactat|nursing|feed|nippl|\bmilk", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[.;](?:\s|$)|\s\(?\d{1,2}\)\s")


# round 17: a capitalised sex word run into the word before it by the record ("… preeclampsia
# or hypertensionWomen will be included …"): a word of its own
_RUN_TOGETHER = re.compile(r"(?<=[a-z])(?:(?P<f>Wom[ae]n|Females?)|(?P<m>M[ae]n|Males?))\b")


def _run_together(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The female and the male sex words run into the word before them."""
    found = list(_RUN_TOGETHER.finditer(text))
    if not found:
        return [], []
    return [m for m in found if m.group("f")], [m for m in found if m.group("m")]


def _subject(text: str, m: re.Match[str], near: str) -> bool:
    """ "Male subjects not willing to use contraception", "Male subjects must be surgically
    sterile": the criterion starts with the sex word and a person noun, the only reproductive
    words near it are a method (contraception, sterility), and nothing reproductive is
    attached to the noun ("Female subjects of childbearing potential", "Female patients during
    pregnancy", "female patients who are pregnant" are subgroups); or (round 13) the sex word,
    with or without the noun, opens a relative clause and the criterion's only reproductive
    words are methods ("Men who did not take effective contraception"), or (round 14) it has
    none ("Women who are not capable of giving consent.")."""
    if text[: m.start()].strip(" -•*.:"):
        return False
    if _SUBJECT.match(text, m.end()) and all(
        _METHOD.match(w.group()) for w in _SUBGROUP.finditer(near)
    ):
        return True
    # round 13: "Men who did not take effective contraception …": a relative clause, every
    # reproductive word of the whole criterion a method ("who are" itself is no such word)
    words = [w.group() for w in _SUBGROUP.finditer(text) if not w.group().lower().startswith("who")]
    return _RELATIVE.match(text, m.end()) is not None and all(_METHOD.match(w) for w in words)


# round 14: a restriction by anatomy, whatever the genders listed after it
_ANATOMY = re.compile(
    r"\b(?:people|persons?|individuals?|participants?|subjects?|patients?|those|anyone)\s+"
    r"(?:with|who\s+have)\s+(?:an?\s+|intact\s+|a\s+natal\s+)?"
    r"(?:(?P<female>ovaries|a?\s*uterus|a?\s*cervix|a?\s*womb)|(?P<male>testes|testicles|a?\s*prostate))\b",
    re.IGNORECASE,
)
_ORGANS = ("ovar", "uter", "ervix", "womb", "estes", "estic", "rostate")
# round 14: the sex word as a later sentence's subject, or the object of "exclude"/"include"
_SENTENCE = re.compile(r"(?:^|[.;!?]\s+)$")
_VERB_BEFORE = re.compile(
    r"\b(?:exclude|include|enrol|enroll|recruit)d?\s+(?:all\s+|any\s+)?$", re.I
)


def _later_subject(text: str, m: re.Match[str], after: int) -> bool:
    """The sex word opens a later sentence or follows "exclude"/"include" in one, with no
    reproductive word near it in its sentence (see the module doc, round 14)."""
    before = text[max(0, m.start() - 30) : m.start()]
    if m.start() <= after or not (_SENTENCE.search(before) or _VERB_BEFORE.search(before)):
        return False
    starts = [e.end() for e in re.finditer(r"[.;!?]\s", text, 0) if e.end() <= m.start()]
    stops = [e.start() for e in re.finditer(r"[.;!?](?:\s|$)", text) if e.start() >= m.end()]
    if not starts or starts[-1] <= after:
        return False  # a sentence after the subgroup's
    near = text[
        max(starts[-1], m.start() - 40) : min(stops[0] if stops else len(text), m.end() + 40)
    ]
    return not any(not w.group().lower().startswith("who") for w in _SUBGROUP.finditer(near))


def _lactation(text: str, m: re.Match[str]) -> bool:
    """A lactation or feeding word in the clause of the mother word ``m`` (round 16)."""
    starts = [e.end() for e in _CLAUSE_STOP.finditer(text, 0, m.start())]
    stop = _CLAUSE_STOP.search(text, m.end())
    clause = text[starts[-1] if starts else 0 : stop.start() if stop else len(text)]
    return _LACTATION.search(clause) is not None


def sexes(text: str) -> list[Constraint]:
    """At most one sex constraint: the criterion's only sex, when it names one."""
    low = lowered(text)
    if any_in(low, _ANY_WORDS) and _ANY.search(text):
        return []
    organs = any(w in text for w in _ORGANS)  # cheap test first
    anatomy = _ANATOMY.search(text) if organs else None
    if anatomy is not None:
        value = "female" if anatomy.group("female") else "male"
        return [Constraint(ConstraintType.SEX, anatomy.start(), anatomy.end(), anatomy.group(),
                           value=value)]  # fmt: skip
    female, male = (
        [
            m
            for m in (pattern.finditer(text) if low is None else _LOWER[pattern].finditer(low))
            if not _PARTNER.search(text, max(0, m.start() - 90), m.start())
            and not _CAUSE.match(text, m.end())
        ]
        if any_in(low, needs)  # a word every match holds (kg.criteria.screen)
        else []
        for pattern, needs in ((_FEMALE, _FEMALE_WORDS), (_MALE, _MALE_WORDS))
    )
    run_female, run_male = _run_together(text)
    if run_female or run_male:  # round 17, the same filters
        female, male = (
            sorted(
                words + [m for m in run if not _PARTNER.search(text, max(0, m.start() - 90),
                                                              m.start())
                         and not _CAUSE.match(text, m.end())],
                key=lambda m: m.start(),
            )
            for words, run in ((female, run_female), (male, run_male))
        )  # fmt: skip
    if female and male:
        return []
    for matches, value in ((female, "female"), (male, "male")):
        subgroup = -1  # end of a reproductive subgroup's sex word (round 14)
        for m in matches:
            if aside(text, m.start(), m.end()):
                continue  # round 18: a count per person, a reference population, an example,
                # a note, a group heading run in (kg.criteria.asides)
            if subgroup >= 0:
                if _later_subject(text, m, subgroup):
                    word = text[m.start() : m.end()]
                    return [Constraint(ConstraintType.SEX, m.start(), m.end(), word, value=value)]
                continue
            if _IF.search(text, max(0, m.start() - 30), m.start()) or _FOR_START.match(
                text[: m.start()]
            ):
                continue  # "If male, not agreeable to using condoms": a condition, not a subject
            if _VALUE_FOR.search(text, max(0, m.start() - 40), m.start()):
                continue  # a value for one sex ("≥ 94 cm for men") restricts nobody
            if _TALLY_BEFORE.search(text, max(0, m.start() - 60), m.start()) or _TALLY_AFTER.match(
                text, m.end()
            ):
                continue  # an item of a score or risk tally restricts nobody
            if text[m.end() : m.end() + 2] in ("'s", "’s") or (
                m.group()[-1] in "sS" and text[m.end() : m.end() + 1] in ("'", "’")
            ):
                continue  # a possessive names a place or an attribute ("Women's Hospital",
                # round 14: "Aging Males' symptom score")
            if m.group().lower().startswith("mother") and (
                _RELATIVE_BEFORE.search(text, max(0, m.start() - 30), m.start())
                or _RELATIVE_AFTER.match(text, m.end())
            ):
                continue
            if _GENDER_AFTER.match(text, m.end()) or _GENDER_BEFORE.search(
                text, max(0, m.start() - 60), m.start()
            ):
                continue  # a gender, not a sex (round 16)
            if _CONCERNS.search(text, max(0, m.start() - 30), m.start()):
                continue  # "hypothesized to help women": whom it concerns (round 16)
            if _REPRODUCTIVE_RELATIVE.match(text, m.end()):
                subgroup = m.end()  # "… aged >=18 years who were of childbearing years" (16)
                continue
            if m.group().lower().startswith("mother") and _lactation(text, m):
                subgroup = m.end()  # a lactation requirement's mother (round 16)
                continue
            near = text[max(0, m.start() - 40) : m.end() + 40]
            if (
                _SUBGROUP.search(near)
                and not _POSTMENOPAUSAL.search(text[: m.start()])
                and not _subject(text, m, near)
            ):
                subgroup = m.end()  # a subgroup; a later "women" in its explanation is the
                continue  # same subgroup, unless a later sentence is about it (round 14)
            word = text[m.start() : m.end()]  # (as written: ``m`` may be of the lower case)
            return [Constraint(ConstraintType.SEX, m.start(), m.end(), word, value=value)]
    return []
