"""Registry identifiers recognised by pattern.

>>> identifier("NCT04946669")
Identifier(value='NCT04946669', scheme='clinicaltrials', kind=None, issuer=None)
>>> identifier("2021-000037-14").scheme, identifier("EUCTR2021-000037-14-ES").scheme
('euctr', 'euctr')
>>> register_of("ChiCTR2000029949")
'ChiCTR'
"""

from __future__ import annotations

import re

from kg.model import Identifier

# scheme (bioregistry-style prefix) -> (pattern, register name as ICTRP names it)
SCHEMES: dict[str, tuple[re.Pattern[str], str]] = {
    "clinicaltrials": (re.compile(r"NCT\d{8}", re.I), "ClinicalTrials.gov"),
    "euctr": (
        re.compile(r"(?:EUCTR)?\d{4}-\d{6}-\d{2}(?:-[A-Z]{2,3})?", re.I),
        "EU Clinical Trials Register",
    ),
    "ctis": (
        re.compile(r"(?:CTIS)?\d{4}-5\d{5}-\d{2}-\d{2}", re.I),
        "Clinical Trials Information System",
    ),
    "isrctn": (re.compile(r"ISRCTN\d{8}", re.I), "ISRCTN"),
    "chictr": (re.compile(r"ChiCTR-?[A-Z]{0,4}-?\d{6,10}", re.I), "ChiCTR"),
    "ctri": (re.compile(r"CTRI/\d{4}/\d{2,3}/\d{6}", re.I), "CTRI"),
    "irct": (re.compile(r"IRCT\d+N\d+|IRCT\d{8,}", re.I), "IRCT"),
    "jrct": (re.compile(r"(?:JPRN-)?jRCT[sd12]?\d{9,10}", re.I), "JPRN"),
    "umin": (re.compile(r"(?:JPRN-)?(?:UMIN|C)\d{9}", re.I), "JPRN"),
    "jprn": (re.compile(r"JPRN-(?:JapicCTI|JMA-IIA|JAPIC|JMA)-?[A-Z]*\d+", re.I), "JPRN"),
    "drks": (re.compile(r"DRKS\d{8}", re.I), "German Clinical Trials Register"),
    "anzctr": (re.compile(r"ACTRN\d{14}p?", re.I), "ANZCTR"),
    "kcris": (re.compile(r"KCT\d{7}", re.I), "CRIS"),
    "tctr": (re.compile(r"TCTR\d{11}", re.I), "TCTR"),
    "pactr": (re.compile(r"PACTR\d{15,16}", re.I), "PACTR"),
    "slctr": (re.compile(r"SLCTR/\d{4}/\d{3}", re.I), "SLCTR"),
    "rebec": (re.compile(r"RBR-[0-9a-z]{6,8}", re.I), "ReBec"),
    "nl-omon": (re.compile(r"NL-OMON\d+", re.I), "NL-OMON"),
    "ntr": (
        re.compile(r"NTR\d{1,5}|NL\d{1,5}|NL-?\d{5}\.\d{3}\.\d{2}", re.I),
        "Netherlands Trial Register",
    ),
    "lbctr": (re.compile(r"LBCTR\d{10}", re.I), "LBCTR"),
    "rpcec": (re.compile(r"RPCEC\d{8}", re.I), "RPCEC"),
    "itmctr": (re.compile(r"ITMCTR\d{10,}", re.I), "ITMCTR"),
    "utn": (re.compile(r"U\d{4}-\d{4}-\d{4}", re.I), "WHO Universal Trial Number"),
}

_SPACE = re.compile(r"\s+")


def scheme_of(value: str) -> str | None:
    """The ID scheme of a value, or ``None``.

    >>> scheme_of("CTRI/2021/05/033585"), scheme_of("JPRN-UMIN000012345"), scheme_of("ABA-DM")
    ('ctri', 'umin', None)
    """
    text = _SPACE.sub("", value)
    for scheme, (pattern, _) in SCHEMES.items():
        if pattern.fullmatch(text):
            return scheme
    return None


def identifier(value: str) -> Identifier:
    """An :class:`~kg.model.Identifier` with its scheme when the pattern is known.

    >>> identifier("U1111-1296-5487").scheme, identifier(" ABA-DM ").scheme
    ('utn', None)
    """
    text = value.strip()
    return Identifier(text, scheme_of(text))


def register_of(trial_id: str) -> str | None:
    """The register (as ICTRP names it) that issues a trial ID.

    >>> register_of("EUCTR2021-000037-14-ES"), register_of("JPRN-jRCTs031200041")
    ('EU Clinical Trials Register', 'JPRN')
    >>> register_of("whatever") is None
    True
    """
    scheme = scheme_of(trial_id)
    return SCHEMES[scheme][1] if scheme else None
