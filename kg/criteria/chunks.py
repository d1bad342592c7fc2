"""The noun phrases of a criterion (the mention candidates): the text cut at punctuation, a
few multi-word connectives and function words, each piece trimmed of leading and trailing
dashes, quotes and dots.

Round 11: an inline list number ("… 1. Patisiran 2. Inotersen 3. …", a space, one or two
digits, "." or ")" and a space) is a cut, so the items of a numbered list inside one
criterion are phrases of their own ("Patisiran", not "Patisiran 2"); so is a sub-item marker
before a capital ("left bundle branch block -Atrial fibrillation", "… o Atrial …", "•").

>>> t = "Prior use of: 1. Patisiran 2. Inotersen"
>>> [t[s:e] for s, e in chunks(t)]
['Patisiran', 'Inotersen']
"""

from __future__ import annotations

import re

from kg.criteria.screen import word_tree

# Clause breaks: punctuation, a few multi-word connectives, and any whole word; a word
# breaks only when it is in _BREAK_WORDS (a set lookup instead of ~180 regex alternatives).
_BREAK = re.compile(
    r"[,;:()\[\]{}\"“”/•]|\.(?=\s|$|[A-Z])|\s-\s|\s\d{1,2}[.)](?=\s)"  # "… 2. Inotersen"
    r"|\s(?:-|o\s)(?=[A-Z])"  # a sub-item marker: "… block -Atrial …", "… block o Atrial …"
    r"|\b(?:and/or|such\s+as|e\.g|i\.e|due\s+to|treatment\s+with|therapy\s+with)\b"
    r"|\b[^\W\d_]+\b",
    re.IGNORECASE,
)
_BREAK_WORDS = frozenset({
    "a", "able", "above", "according", "active", "adult", "adults", "after", "agree", "all",
    "alone", "also", "an", "and", "any", "are", "as", "associated", "at", "based", "be", "been",
    "before", "being", "below", "both", "but", "by", "can", "cannot", "caused", "changing",
    "children", "chronic", "clinically", "combination", "combined", "concomitant", "confirmed",
    "considered", "could", "current", "currently", "deemed", "defined", "diagnosed", "diagnosis",
    "documented", "dosage", "dose", "during", "either", "especially", "etc", "evidence", "except",
    "excluding", "existing", "following", "for", "from", "give", "given", "giving", "had", "has",
    "have", "having", "her", "his", "history", "if", "in", "include", "includes", "including",
    "individual", "individuals", "induced", "initiating", "investigator", "is", "its", "judged",
    "judgment", "known", "least", "less", "like", "likely", "may", "men", "mild", "moderate",
    "more", "most", "must", "need", "needing", "needs", "no", "nor", "not", "of", "on", "one",
    "ongoing", "only", "opinion", "or", "other", "over", "participant", "participants", "patient",
    "patients", "people", "per", "period", "person", "persons", "plus", "prescribed", "presence",
    "previous", "previously", "prior", "received", "receiving", "refractory", "related", "relevant",
    "required", "requiring", "risk", "secondary", "severe", "should", "sign", "signed",
    "significant", "single", "stable", "start", "starting", "study", "subject", "subjects", "such",
    "suspected", "taking", "than", "that", "the", "their", "these", "this", "those", "to",
    "treated", "trial", "two", "unable", "uncontrolled", "under", "underlying", "use", "used",
    "using", "via", "volunteer", "volunteers", "was", "washout", "were", "when", "where", "which",
    "while", "who", "whom", "will", "willing", "with", "within", "without", "women", "would",
})  # fmt: skip
# what a phrase is trimmed of at both ends: "\s" (every character ``str.isspace`` calls
# whitespace, as ``re`` reads "\s" in a str pattern) and "-'.*&+"
# _BREAK for a lower-cased ASCII text: the same alternatives, but a word matches only when it
# breaks (one of _BREAK_WORDS, whole, or a word starting "caus"): a word that does not is
# passed over inside ``re`` (nothing else can match within it) instead of in Python
_BREAK_LOWER = re.compile(
    r"[,;:()\[\]{}\"“”/•]|\.(?=\s|$|[a-z])|\s-\s|\s\d{1,2}[.)](?=\s)"
    r"|\s(?:-|o\s)(?=[a-z])"
    r"|\b(?:and/or|such\s+as|e\.g|i\.e|due\s+to|treatment\s+with|therapy\s+with)\b"
    rf"|\b(?:caus[a-z]*|{word_tree(sorted(_BREAK_WORDS), False)})\b"
)
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)  # tests/test_criteria_screen.py checks it against re's "\s"
_TRIM = _SPACES + "-'.*&+"


def chunks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    last = 0
    if text.isascii():  # each piece trimmed as it is cut (what _trimmed does, in one pass)
        out: list[tuple[int, int]] = []
        for m in _BREAK_LOWER.finditer(text.lower()):
            start, end = m.span()
            piece = text[last:start]
            stripped = piece.lstrip(_TRIM)
            if stripped:
                s = last + len(piece) - len(stripped)
                out.append((s, s + len(stripped.rstrip(_TRIM))))
            last = end
        return _trimmed(text, [], last, out)
    for m in _BREAK.finditer(text):
        word = m.group()
        if word.isalpha():  # a word breaks when it is a function word or "caus…"
            lower = word.lower()
            if lower not in _BREAK_WORDS and not lower.startswith("caus"):
                continue
        spans.append((last, m.start()))
        last = m.end()
    return _trimmed(text, spans, last, [])


def _trimmed(
    text: str, spans: list[tuple[int, int]], last: int, out: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``out`` and the pieces of ``spans`` and from ``last`` to the end, trimmed."""
    spans.append((last, len(text)))
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.lstrip(_TRIM)
        if stripped:  # else nothing is left (the trailing characters are those of the lead)
            s = start + len(piece) - len(stripped)
            out.append((s, s + len(stripped.rstrip(_TRIM))))
    return out
