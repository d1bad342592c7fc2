"""Cheap tests before expensive patterns: a word every match of a pattern contains, looked
up in the lower-cased text (a substring test, in C) before the pattern scans the text.

Most criteria name no pregnancy, no consent, no period of time; a case-insensitive pattern
(no literal prefix, so ``re`` tries it at every position) then costs microseconds to find
nothing. The test is exact: it is made only on an ASCII text, where a case-insensitive match
of an ASCII word is that word in ``text.lower()``; any other text (``re`` folds "ſ" to "s",
"K" to "k") runs every pattern, as before.

>>> may_contain("Known allergy to latex", ("pregnan", "gravid"))
False
>>> may_contain("PREGNANT women", ("pregnan", "gravid")), may_contain("ſo", ("so",))
(True, True)
"""

from __future__ import annotations

import re
from typing import Any


def lowered(text: str) -> str | None:
    """``text.lower()`` when the text is ASCII (same offsets, exact case folding), else None.
    The last text's answer is kept: the families of one extraction ask for it in turn."""
    global _LAST
    last = _LAST  # one read: another thread may replace it, never half of it
    if text is last[0]:
        return last[1]
    low = text.lower() if text.isascii() else None
    _LAST = (text, low)
    return low


_LAST: tuple[str | None, str | None] = (None, None)  # the last text asked, its answer


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when the text (ASCII) holds none of the lower-case ``words``."""
    return any_in(lowered(text), words)


def any_in(low: str | None, words: tuple[str, ...]) -> bool:
    """:func:`may_contain` on a text already :func:`lowered` (None: not ASCII, always True)."""
    if low is None:
        return True
    for word in words:  # noqa: SIM110 - a loop: no generator made on every call
        if word in low:
            return True
    return False


def lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern made case-sensitive for a :func:`lowered` text: the same
    matches at the same places (for an ASCII text, ``re.IGNORECASE`` matches an ASCII letter
    as its lower case), but ``re`` no longer folds the case of every character it tries, and
    an alternative whose first letter differs fails at once. Only for patterns written with
    no upper-case escape (``\\W``, ``\\S``...) and no case-sensitive part (``(?-i:...)``);
    group names are kept (a match's groups hold the lower-cased text).

    >>> lower_case(re.compile(r"\\bHIV\\b|disease", re.I)).search("hiv-1 disease").group()
    'hiv'
    """
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[A-Z]|\(\?[aiLmsux-]+[:)]", source):
        raise ValueError(f"not a pattern lower_case can rewrite: {source[:60]}")
    lowered = re.compile(source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))
    if lowered.groupindex != pattern.groupindex:
        raise ValueError(f"group names not in lower case: {source[:60]}")
    return lowered


class Paired:
    """A case-insensitive pattern and its :func:`lower_case` twin (or a twin given): an ASCII
    phrase is read lower-cased by the twin (the same answers, found faster), any other phrase
    by the pattern itself. A match on an ASCII phrase holds the lower-cased text.

    >>> cue = Paired(re.compile(r"\\bdisease\\b", re.I))
    >>> cue.search("Crohn's DISEASE").group(), cue.search("Krankheit ſ") is None
    ('disease', True)
    """

    __slots__ = ("lower", "pattern")

    def __init__(self, pattern: re.Pattern[str], lower: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self.lower = lower_case(pattern) if lower is None else lower

    def search(self, phrase: str) -> re.Match[str] | None:
        if phrase.isascii():
            return self.lower.search(phrase.lower())
        return self.pattern.search(phrase)

    def match(self, phrase: str) -> re.Match[str] | None:
        if phrase.isascii():
            return self.lower.match(phrase.lower())
        return self.pattern.match(phrase)


def word_tree(words: list[str], boundary: bool) -> str:
    r"""One alternation of ``words`` as a tree of their common prefixes, the longer
    continuation first at each branch (``boundary``: "\b" after each word): where several
    words match at one place (each a prefix of the next) they are tried longest first, as in
    an alternation of the words sorted by length, but a place where none can start fails after
    one test per first character, not one per word.

    >>> word_tree(["at least", "at most", "a"], True)
    'a(?:t\\ (?:least\\b|most\\b)|\\b)'
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        parts = [re.escape(c) + alternation(n) for c, n in node.items() if c]
        if "" in node:
            parts.append(r"\b" if boundary else "")  # the word ends here: tried last
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"

    return alternation(tree)
