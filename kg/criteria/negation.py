"""NegEx-style negation: a trigger before (or after) a mention, within its clause.

Pre-triggers ("no", "not", "without", "free of", "no history of", "incapable
of", "unable to", "non-", "negative", round 17 "naive to") negate mentions that follow them in the
same clause; post-triggers ("ruled out", "is negative") those before them.
Pseudo-triggers ("not limited to", "not only") negate nothing. A clause ends
at ".", ";", ":" or "but"/"however"/"except"/"other than".

Round 11 (scope; the false negations of the seen sets, by family):

- "non-" is a prefix: it negates only the mention it starts or stands right before
  ("non-pregnant", "non-childbearing potential"), not the words after its own
  ("non-invasive ventilatory support (bipap …)", "non-study NSAIDs", "nonmyeloablative
  and myeloablative conditioning regimens", "non-treated peptic ulcer disease").
- A trigger inside parentheses ends at the closing ")" ("(when not dieting) or
  increased appetite", "(ambulatory without assistance) … Polyneuropathy").
- "negative" governs its test: the scope ends at "test", "result", "screen",
  "serology", "assay" ("negative pregnancy test and contraception"), unless "for"/"of"
  follows ("negative serology for hepatitis B virus"; not a person after it: "negative
  pregnancy test for female subjects of child-bearing potential").
- More clause ends: an upper-case "OR"/"AND" joining statements, a sub-item marker
  (" - Item", " o Item", "•"), a new person phrase "with (a) history/diagnosis of", a
  time clause "while"/"during" ("while on no X or … while on X"), a relative "that is/has",
  a population in parentheses "(for women of …)".
- More pseudo-triggers: "with/without", "with or without"; "no obvious etiology", "the
  absence of an alternative explanation for" (the trigger governs the cause, not the
  disease named after it; the causes it lists are governed: "absence of other causes
  (e.g., X, Y)"); "(will|should) not be enrolled/entered/included", "not suitable for
  entering the study" (the trigger governs taking part: "who are not suitable …, including
  but not limited to X" does not negate X); "not greater/higher than" (a comparison).
- The items of a list whose lead-in a trigger governs are governed, up to the list's first
  sentence end or "NOTE" ("Patients must not have any uncontrolled illness including, but
  not limited to: - X - Y …"; "but not limited to" ends no clause).
- A parenthesis with a verb of its own is a clause ("Unable to take oral medication (X and
  Y can be administered through tube feeding …)").
- Consent: "Consent declined", "consent cannot be obtained", "is not obtained" (post); "that
  prevents informed consent" is read in kg.criteria.reproductive (only before consent).
- Post-triggers added: "X negative" / "X-negative", "X naïve", "X not available",
  "X not (subsequently) confirmed", "X not present", "X may not be used / will not be
  permitted / started / placed / given"; "are excluded" no longer negates what a person
  phrase of its sentence has ("Subjects with untreated metastases are excluded",
  "patients that are pregnant … are excluded"). Pre-triggers added: "exclusion of";
  "refusal," and "inability," before a list of refusals.

>>> t = "No history of diabetes, hypertension or stroke; asthma"
>>> [negated(t, t.index(w), t.index(w) + len(w)) for w in ("diabetes", "stroke", "asthma")]
[True, True, False]
>>> t = "including but not limited to rheumatoid arthritis"
>>> negated(t, t.index("rheumatoid"), len(t))
False
>>> negated("non-pregnant", 4, 12)
True
>>> t = "non-invasive ventilation or intubation"
>>> negated(t, t.index("intubation"), len(t))
False
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.criteria.screen import Paired, lower_case

_PSEUDO = re.compile(
    r"\b(?:not\s+limited\s+to|not\s+only|no\s+(?:increase|change|significant\s+change)|"
    r"not\s+necessarily|whether\s+or\s+not|not\s+be\s+excluded|not\s+exclude[ds]?|"
    r"if\s+not|not\s+otherwise\s+specified|no\s+longer\s+than|no\s+more\s+than|"
    r"no\s+less\s+than|not\s+more\s+than|not\s+less\s+than|not\s+exceed\w*|"
    r"(?:not|no)\s+(?:greater|higher|lower|larger|smaller)\s+than|"
    r"with\s*/\s*without|with\s+or\s+without|"
    r"(?:no|without|(?:the\s+)?absence\s+of)\s+(?:an?\s+|any\s+)?"
    r"(?:(?:obvious|other|alternative|apparent|known|identifiable|clear)\s+)?"
    r"(?:etiology|aetiology|cause|explanation|reason)s?(?!\s*(?:\(|such\s+as|e\.g|including))|"
    r"not\s+be\s+(?:enrolled|entered|included|recruited|randomi[sz]ed)|"
    r"not\s+(?:be\s+)?(?:suitable|eligible|appropriate|fit)(?:\s+for\s+(?:\w+ing\s+)?(?:the\s+)?"
    r"(?:study|trial|participation|enrol?ment|inclusion))?)\b",
    re.IGNORECASE,
)
_PRE = re.compile(
    r"(?:\b(?:no|not|without|never|nor|neither|absence\s+of|absent|free\s+of|"
    r"negative(?:\s+(?:for|on)\b)?|denies|denied|lack\s+of|lacking|incapable\s+of|unable\s+to|"
    r"inability(?:\s+to)?|cannot|can\s*not|can't|refus(?:e|es|ed|al)(?:\s+(?:to|of)\b)?|"
    r"withdr[ae]wn?(?:\s+of\b)?|rule\s+out|ruled\s+out|excluding|exclusion\s+of|"
    r"na[iï]ve\s+to)\b|"  # round 17: "Naive to prior systemic anti-cancer therapy"
    r"\bnon-?(?=\w|$))",
    re.IGNORECASE,
)
_POST = re.compile(
    r"^[^.;:]{0,30}?\b(?:(?:is|are|was|were|be)\s+(?:negative|ruled\s+out|excluded|absent)|"
    r"ruled\s+out|not\s+(?:\w+ly\s+)?confirmed|not\s+(?:available|present)|"
    r"(?:is\s+|are\s+|was\s+|be\s+)?not\s+(?:be\s+)?obtained|cannot\s+be\s+(?:obtained|given))\b|"
    r"^\s+(?:declined|refused)\b|"
    r"^[-\s]?(?:negative|na[iï]ve)\b|"
    r"^[^.;:]{0,30}?\b(?:is|are|will|may|must|should|can|could)\s+not\s+(?:be\s+)?"
    r"(?:permitted|allowed|used|started|given|placed|administered|taken)\b",
    re.IGNORECASE,
)
# for a lower-cased ASCII text (kg.criteria.screen.lower_case); _governs reads a trigger and
# the words after it case-insensitively, and a post-trigger is read by _EXCLUDED alike
_PSEUDO_LOWER, _PRE_LOWER = lower_case(_PSEUDO), lower_case(_PRE)
_POST_PAIRED = Paired(_POST)
_EXCLUDED = re.compile(r"excluded\b", re.IGNORECASE)
_PERSON_WITH = re.compile(
    r"\b(?:patients?|subjects?|participants?|persons?|people|individuals?|those|children|"
    r"women|men|females?|males?)\s+(?:with|that|who|having)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;:]\s|[;:]|\bbut\b(?!\s+not\s+limited)|\b(?:however|except|although|other\s+than|unless|apart\s+from|"
    r"which|who\s+(?:have|has|are)|if|provided)\b|"
    r"(?-i:\s(?:OR|AND)\s)|\s[-o•]\s+(?=[A-Z])|•|\bwith\s+(?:a\s+)?(?:history|diagnosis)\s+of\b|"
    r"\b(?:while|whilst|during)\b|\bthat\s+(?:is|are|was|were|has|have)\b|"
    r"\(\s*(?:for|in)\s+(?:all\s+)?(?:female|male|wom[ae]n|men|subjects?|patients?|participants?)",
    re.IGNORECASE,
)
# _CLAUSE_END for a lower-cased ASCII text without an upper-case "OR" or "AND" (so that its
# case-sensitive " OR " / " AND " cannot match): the same matches, found faster (no
# case-folding of every character tried; the words after one "\b", where only a letter can
# start and the alternatives taken out of the way start with a space or "•")
_CLAUSE_END_LOWER = re.compile(
    r"[.;:]\s|[;:]|\b(?:but\b(?!\s+not\s+limited)|(?:however|except|although|other\s+than|"
    r"unless|apart\s+from|which|who\s+(?:have|has|are)|if|provided)\b|"
    r"with\s+(?:a\s+)?(?:history|diagnosis)\s+of\b|(?:while|whilst|during)\b|"
    r"that\s+(?:is|are|was|were|has|have)\b)|"
    r"\s[-o•]\s+(?=[a-z])|•|"
    r"\(\s*(?:for|in)\s+(?:all\s+)?(?:female|male|wom[ae]n|men|subjects?|patients?|participants?)"
)
_TEST = re.compile(r"\b(?:tests?|results?|screen(?:ing)?|serology|assays?)\b", re.IGNORECASE)
_OF_AGENT = re.compile(r"\s+(?:for|of|on)\b", re.IGNORECASE)
_PERSON = re.compile(
    r"\s+(?:for|of|on|in)\s+(?:all\s+|the\s+)?(?:female|male|wom[ae]n|men|subjects?|patients?|"
    r"participants?|persons?|people|individuals?)",
    re.IGNORECASE,
)
_ITS_OWN = re.compile(r"[-\s]negative$", re.IGNORECASE)  # "HIV negative"
_MODAL = re.compile(r"\b(?:can|could|is|are|was|were|will|may|must|should|would)\b", re.I)


# every clause end a scan of the whole text finds: those that end well before a mention (by more
# than any clause end's reach) are the ones a scan of the text before it finds
_MARGIN = 80


@lru_cache(maxsize=1024)
def _clause_scan(text: str) -> tuple[re.Pattern[str], str, tuple[int, ...]]:
    """The clause-end pattern to scan the text with, the text it scans (lower-cased for
    _CLAUSE_END_LOWER) and every clause end a scan of the whole text finds."""
    if text.isascii() and "OR" not in text and "AND" not in text:
        pattern, scanned = _CLAUSE_END_LOWER, text.lower()
    else:
        pattern, scanned = _CLAUSE_END, text
    return pattern, scanned, tuple(m.end() for m in pattern.finditer(scanned))


def _clause_start(before: str, text: str) -> int:
    """Where the mention's clause starts: after the last clause end, or inside a parenthesis
    that is a sentence of its own ("(X and Y can be administered through tube feeding)")."""
    pattern, scanned, ends = _clause_scan(text)
    known = bisect_right(ends, len(before) - _MARGIN)
    start = ends[known - 1] if known else 0
    # the scan of ``before`` resumed near its end (same matches: ``endpos`` ends the text there)
    for m in pattern.finditer(scanned, start, len(before)):
        start = m.end()
    if "(" not in before[start:]:
        return start  # no parenthesis opened in the clause (the common case)
    depth, opened = 0, -1
    for i in range(len(before) - 1, start - 1, -1):
        if before[i] == ")":
            depth += 1
        elif before[i] == "(":
            if depth == 0:
                opened = i
                break
            depth -= 1
    if opened >= 0:
        close = text.find(")", opened)
        if _MODAL.search(text, opened, close if close >= 0 else len(text)):
            return opened + 1
    return start


_MAX_WORDS = 12
_LIST_END = re.compile(r"[.;]\s|[.;]$|\bNOTE\b|:")


def _governs(trigger: re.Match[str], window: str) -> bool:
    """Whether a pre-trigger in ``window`` reaches the mention at its end."""
    between = window[trigger.end() :]
    if len(between.split()) > _MAX_WORDS:
        return False
    depth = 0
    for char in between:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False  # "(when not dieting) or increased appetite"
    word = trigger.group().lower()
    if word.startswith("non"):
        return not between.strip()  # a prefix: "non-pregnant", not "non-invasive support"
    test = _TEST.search(between) if word.startswith("negative") else None
    return test is None or (
        _OF_AGENT.match(between, test.end()) is not None
        and _PERSON.match(between, test.end()) is None
    )


def _pre(text: str, start: int) -> bool:
    before = text[:start]
    clause_start = _clause_start(before, text)
    window = before[clause_start:]
    pre, pseudo = _PRE, _PSEUDO
    if window.isascii():  # the same matches in the lower-cased window (kg.criteria.screen)
        window, pre, pseudo = window.lower(), _PRE_LOWER, _PSEUDO_LOWER
    if pre.search(window) is None:
        # no trigger: nor any pseudo-trigger (each holds one: "not limited to", "no more
        # than", "with or without", "absence of an alternative cause"), so blanking them
        # out would change nothing and leave no trigger either
        return False
    window = pseudo.sub(_blank, window)
    return any(_governs(t, window) for t in pre.finditer(window))


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _listed(text: str, start: int) -> bool:
    """A mention in the items of a list whose lead-in a trigger governs ("must not have any
    illness including, but not limited to: - X - Y"), up to the list's first sentence end."""
    colon = text.rfind(":", 0, start)
    if colon < 0 or _LIST_END.search(text, colon + 1, start):
        return False
    return _pre(text, len(text[:colon].rstrip()))


def negated(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``text[start:end]`` is negated in its clause."""
    own = end - start > 8 and _ITS_OWN.search(text, start, end) is not None  # 9 characters
    if own or _pre(text, start) or _listed(text, start):
        return True
    after = text[end:]
    post = _POST_PAIRED.match(after)
    if post is None or _CLAUSE_END.search(after[:12]):
        return False
    sentence_start = _sentence_start(text, start)
    return not (_EXCLUDED.search(post.group()) and _PERSON_WITH.search(text, sentence_start, start))


def _sentence_start(text: str, start: int) -> int:
    return max(text.rfind(". ", 0, start), text.rfind(";", 0, start)) + 1
