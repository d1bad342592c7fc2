"""The cheap tests before the extractor's patterns (kg.criteria.screen) change no output."""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any

import pytest

from kg.criteria.screen import any_in, lowered, may_contain

# the modules (kg.criteria's names "reproductive", "temporal" are its functions)
chunks, negation, reproductive, sex, temporal, periods, treatments, agestrata, agelimits, cues = (
    import_module(f"kg.criteria.{name}")
    for name in (
        "chunks",
        "negation",
        "reproductive",
        "sex",
        "temporal",
        "periods",
        "treatments",
        "agestrata",
        "agelimits",
        "cues",
    )
)


def test_the_trimmed_spaces_are_those_re_reads_as_backslash_s() -> None:
    spaces = "".join(chr(i) for i in range(0x110000) if re.fullmatch(r"\s", chr(i)))
    assert spaces == chunks._SPACES


def test_a_non_ascii_text_is_never_screened_out() -> None:
    # re folds the long s to "s" and the Kelvin sign to "k": a substring test would miss them
    assert lowered("ſuch") is None and may_contain("ſuch", ("such",))
    assert any_in(None, ("x",)) and not any_in("abc", ("x", "y"))
    assert reproductive._REPRODUCTIVE[2][1].search("PREGNANſY") is None  # (the pattern itself)
    assert sex._MALE.search("\u212aid") is None


# every screened pattern of kg.criteria and the words its screen looks up first
_SCREENED = [
    *zip([p for _, p in reproductive._REPRODUCTIVE], reproductive._NEEDS, strict=True),
    (reproductive._CONSENT, reproductive._CONSENT_WORDS),
    *zip([p for _, p in periods.PATTERNS], periods.NEEDS, strict=True),
    (sex._ANY, sex._ANY_WORDS),
    (sex._FEMALE, sex._FEMALE_WORDS),
    (sex._MALE, sex._MALE_WORDS),
    (treatments._BOILERPLATE, treatments._BOILERPLATE_WORDS),
    (treatments._CONTEXT, treatments._CONTEXT_WORDS),
    (treatments._LIST, treatments._LIST_WORDS),
    (agestrata._BAND, agestrata._YOUNG_WORDS),
    (agestrata._CMP, agestrata._YOUNG_WORDS),
    (agestrata._BAND, ("<",)),
    (agestrata._CMP, agestrata._SIGNS),
    (agestrata.WORD_AGE, agestrata.WORD_AGE_UNITS),
    (agelimits._SANDWICH, agelimits._SANDWICH_WORDS),
    (cues._FINDING, cues._FINDING_WORDS),
]


def _words_hold(pattern: re.Pattern[str], needs: tuple[str, ...], text: str) -> None:
    """Where the pattern matches an ASCII text, the screen lets it through."""
    if pattern.search(text) is not None:
        assert any_in(lowered(text), needs), (pattern.pattern[:40], text)


_SAMPLES = [
    "Women of child-bearing potential must use contraception (IUD, abstinence)",
    "Pregnant or breast-feeding; WOCBP; post-menopausal; nursing mothers",
    "within the next 24 hours; in the past 2 years; =8 days since onset; 72 hours or less",
    "at least 4 weeks before randomisation; 12 months of amenorrhea; for 3 months",
    "received X 12 weeks prior to screening; 48h after sedation; during the 6 months prior to",
    "previous 30 days; over 2 weeks; >= 3 months; ≥ 6 weeks; minimum of 1 year",
    "Male or female; girls and boys; any gender; ladies; men",
    "treated with MIRCERA; contraindication to aspirin; drugs such as: X; excipients (lactose)",
    "This medicine contains 15% ethanol; keep out of the reach of children; per dose harmful",
    "children 1-<3 years, infants <12 months, Babies >= 2 mos; under three years of age",
]


@pytest.mark.parametrize("text", _SAMPLES)
def test_every_screened_pattern_matches_only_with_a_word_it_needs(text: str) -> None:
    matched = 0
    for pattern, needs in _SCREENED:
        _words_hold(pattern, needs, text)
        # and with each needed word taken out, a match (if any) still holds another one
        for word in needs:
            _words_hold(pattern, needs, text.lower().replace(word, "#" * len(word)))
        matched += pattern.search(text) is not None
    assert matched  # each sample exercises at least one screened pattern
    assert negation._PRE.search("no more than") is not None


def test_the_time_unit_screen_is_the_hint_pattern() -> None:
    for text in ("24h", "h", "x h y", "3 hrs", "ah", "2-h", "hh", "month", "none", "H", "5H"):
        low = text.lower()
        screened = any_in(low, temporal._UNIT_WORDS) or temporal._H.search(low) is not None
        assert screened == (temporal._HINT.search(text) is not None), text


def test_the_comparison_tree_matches_as_the_list_of_comparisons_longest_first() -> None:
    measure = import_module("kg.criteria.measure")
    texts = [
        f"{pre}{case(k)}{post}"
        for k in measure.OPERATORS
        for pre in ("", "a ", "x", " (")
        for post in ("", " 5", "5", "<5", " or = 3", " than 2", "x", " to 4", "s 3")
        for case in (str.lower, str.upper, str.title)
    ]
    assert "at or above 5" in texts and "LESS THAN <5" in texts
    for template in (r"(?P<op>{})", r"(?P<op>{})\s*(?P<a>\d+)", r"(?:{}|older\s+than)\s*$"):
        for flags in (0, re.IGNORECASE):
            listed = re.compile(template.format(measure.OP_PATTERN_LIST), flags)
            tree = re.compile(template.format(measure.OP_PATTERN), flags)
            for text in texts:
                want = [(m.span(), m.groupdict()) for m in listed.finditer(text)]
                assert [(m.span(), m.groupdict()) for m in tree.finditer(text)] == want, text


@pytest.mark.parametrize(
    "text",
    [
        "No history of X; but not limited to Y: however Z, which has (for women only) W",
        "Patients with a history of stroke - Asthma o Epilepsy • gout, unless treated",
        "WHILE on X other than Y apart from Z who are pregnant, that is provided if during",
        "If. Then:x;y (in all subjects) (for Participants) - a - B that were excluded",
    ],
)
def test_the_lower_case_clause_ends_are_the_clause_ends(text: str) -> None:
    for swap in (text, text.upper().replace("OR", "Or").replace("AND", "And"), text.swapcase()):
        if "OR" in swap or "AND" in swap:
            continue  # the upper-case "OR" / "AND" are read by _CLAUSE_END only
        low = swap.lower()
        for end in range(0, len(swap) + 1, 7):
            for start in (0, end // 2):
                want = [m.span() for m in negation._CLAUSE_END.finditer(swap[:end], start)]
                got = [m.span() for m in negation._CLAUSE_END_LOWER.finditer(low, start, end)]
                assert got == want, (swap, start, end)


@pytest.mark.parametrize(
    "phrase",
    [
        "HIV infection", "hiv", "COVID-19 pneumonia", "QTc  prolongation", "loss of consciousness",
        "allo-HSCT", "hsct", "BMT", "Rituximab", "nivolumab therapy", "cholecystectomy", "Stenting",
        "chemo", "CPAP", "pap", "BiPAP", "anaesthesia", "Palliative Care", "aspirin", "arthritis",
        "MYOPATHY", "tumours", "apnea", "metastases", "ſurgery", "\u212aidney disease",
    ],
)  # fmt: skip
def test_the_lower_case_cues_find_what_the_cues_find(phrase: str) -> None:
    cues = import_module("kg.criteria.cues")
    assert cues.condition_cue(phrase) == bool(cues._CONDITION_CUE.search(phrase))
    assert cues.treatment_cue(phrase) == bool(cues._TREATMENT_CUE.search(phrase))
    assert cues.organism(phrase) == bool(cues._ORGANISM.search(phrase))
    assert cues.not_a_mention(phrase) == bool(cues._NOT_A_MENTION.match(phrase))


def test_lower_case_refuses_what_it_cannot_rewrite() -> None:
    from kg.criteria.screen import lower_case

    for pattern in (r"\Wx", r"a(?-i:B)", r"(?i)x", r"\S+", r"(?P<unitA>x)"):
        with pytest.raises(ValueError):
            lower_case(re.compile(pattern, re.IGNORECASE))
    with pytest.raises(ValueError):
        lower_case(re.compile("x"))  # case-sensitive already
    found = lower_case(re.compile(r"(?P<unit>[A-Z])\d(?P=unit)", re.IGNORECASE)).fullmatch("x1x")
    assert found is not None and found.group("unit") == "x"


def _chunks_by_words(text: str) -> list[tuple[int, int]]:
    """kg.criteria.chunks before round 6: every word matched, then looked up in Python."""
    spans, last = [], 0
    for m in chunks._BREAK.finditer(text):
        word = m.group()
        lower = word.lower()
        if word.isalpha() and lower not in chunks._BREAK_WORDS and not lower.startswith("caus"):
            continue
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    out = []
    for start, end in spans:
        lead = re.match(r"^[\s\-'.*&+]+", text[start:end])
        trail = re.search(r"[\s\-'.*&+]+$", text[start:end])
        s, e = start + (lead.end() if lead else 0), end - (len(trail.group()) if trail else 0)
        if e > s:
            out.append((s, e))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Prior use of: 1. Patisiran 2. Inotersen; AND/OR such as e.g. X, i.e. Y due to Z",
        "Treatment with ABC-123 therapy with x caused by HIV1 infection because of Causality",
        "left bundle branch block -Atrial fibrillation o Atrial flutter • gout. Done.End",
        "  -- 'Severe' asthma && *chronic* COPD... plus ables able abc1 a1 A_b  ",
        "Subjects WHO ARE NOT ABLE TO GIVE CONSENT (e.g., dementia)/ Alzheimer's",
    ],
)
def test_the_break_word_tree_cuts_as_the_word_lookup(text: str) -> None:
    for variant in (text, text.upper(), text.swapcase(), text.title()):
        assert chunks.chunks(variant) == _chunks_by_words(variant), variant


def _holds(items: list[Any], words: tuple[str, ...], runs: frozenset[str]) -> bool:
    """Whether every match of the parsed ``items`` (with the text its lookaheads and
    lookbehinds read) holds one of ``words``, written out in its literal characters:
    ``runs`` are the lower-cased literal texts that can end right before ``items``."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.LITERAL or (op is c.IN and all(k is c.LITERAL for k, _ in av)):
            chars = [chr(av).lower()] if op is c.LITERAL else [chr(v).lower() for _, v in av]
            runs = frozenset((r + ch)[-40:] for r in runs for ch in chars)
            if all(any(w in r for w in words) for r in runs):
                return True
            continue
        if op is c.SUBPATTERN and _holds(list(av[-1]), words, runs):
            return True
        if op is c.ASSERT and _holds(list(av[1]), words, frozenset({""})):
            return True
        if op is c.BRANCH and all(_holds(list(b), words, runs) for b in av[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and _holds(list(av[2]), words, runs):
            return True
        if op not in (c.AT, c.ASSERT_NOT):
            runs = frozenset({""})
    return False


def test_every_screened_pattern_needs_one_of_its_words_in_every_alternative() -> None:
    """The screens are written from the patterns: a word added to a pattern (a new
    alternative) without one of its screen's words would be skipped silently; this reads
    every alternative of every screened pattern and finds one of the words in it."""
    from re import _parser  # type: ignore[attr-defined]

    for pattern, needs in _SCREENED:
        parsed = list(_parser.parse(pattern.pattern, pattern.flags))
        assert _holds(parsed, needs, frozenset({""})), (pattern.pattern[:60], needs)
    # and the check can fail: an alternative without the words
    assert not _holds(
        list(_parser.parse(r"\bpregnan\w*|gravid|expecting")),
        ("pregnan", "gravid"),
        frozenset({""}),
    )
