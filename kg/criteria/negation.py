"""NegEx-style negation: a trigger before (or after) a mention, within its clause.

Pre-triggers ("no", "not", "without", "free of", "no history of", "incapable
of", "unable to", "non-", "negative") negate mentions that follow them in the
same clause; post-triggers ("ruled out", "is negative") those before them.
Pseudo-triggers ("not limited to", "not only") negate nothing. A clause ends
at ".", ";", ":" or "but"/"however"/"except"/"other than".

>>> t = "No history of diabetes, hypertension or stroke; asthma"
>>> [negated(t, t.index(w), t.index(w) + len(w)) for w in ("diabetes", "stroke", "asthma")]
[True, True, False]
>>> t = "including but not limited to rheumatoid arthritis"
>>> negated(t, t.index("rheumatoid"), len(t))
False
>>> negated("non-pregnant", 4, 12)
True
"""

from __future__ import annotations

import re

_PSEUDO = re.compile(
    r"\b(?:not\s+limited\s+to|not\s+only|no\s+(?:increase|change|significant\s+change)|"
    r"not\s+necessarily|whether\s+or\s+not|not\s+be\s+excluded|not\s+exclude[ds]?|"
    r"if\s+not|not\s+otherwise\s+specified|no\s+longer\s+than|no\s+more\s+than|"
    r"no\s+less\s+than|not\s+more\s+than|not\s+less\s+than|not\s+exceed\w*)\b",
    re.IGNORECASE,
)
_PRE = re.compile(
    r"(?:\b(?:no|not|without|never|nor|neither|absence\s+of|absent|free\s+of|"
    r"negative\s+(?:for|on)?|denies|denied|lack\s+of|lacking|incapable\s+of|unable\s+to|"
    r"inability\s+to|cannot|can\s*not|can't|refus(?:e|es|ed|al)\s+(?:to|of)?|"
    r"withdr[ae]wn?\s+(?:of\s+)?|rule\s+out|ruled\s+out|excluding)\b|\bnon-?(?=\w|$))",
    re.IGNORECASE,
)
_POST = re.compile(
    r"^[^.;:]{0,30}?\b(?:(?:is|are|was|were|be)\s+(?:negative|ruled\s+out|excluded|absent)|"
    r"ruled\s+out)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;:]\s|[;:]|\b(?:but|however|except|although|other\s+than|unless|apart\s+from|"
    r"which|who\s+(?:have|has|are)|if|provided)\b",
    re.IGNORECASE,
)
_MAX_WORDS = 12


def negated(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``text[start:end]`` is negated in its clause."""
    before = text[:start]
    clause_start = 0
    for m in _CLAUSE_END.finditer(before):
        clause_start = m.end()
    window = _PSEUDO.sub(lambda m: " " * len(m.group()), before[clause_start:])
    for trigger in _PRE.finditer(window):
        between = window[trigger.end() :]
        if len(between.split()) <= _MAX_WORDS:
            return True
    after = text[end:]
    return _POST.match(after) is not None and not _CLAUSE_END.search(after[:12])
