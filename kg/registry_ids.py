"""Registry IDs across registers: one comparable key per registration, bioregistry prefixes.

The patterns are kg.normalize.identifiers' (bioregistry-style schemes). A key
drops what only one register's copy adds (EU-CTR's ``EUCTR`` prefix and
member-state suffix, JPRN's ``JPRN-`` prefix), so the same study named by two
registers meets on one key.

>>> registration_key("EUCTR2021-000037-14-ES"), registration_key("2021-000037-14")
('euctr:2021-000037-14', 'euctr:2021-000037-14')
>>> registration_key("JPRN-jRCTs031200041"), registration_key("NCT04946669")
('jrct:jRCTs031200041', 'clinicaltrials:NCT04946669')
>>> registration_key("146070") is None
True
>>> bioregistry_prefix("euctr"), local_id("EUCTR2021-000037-14-ES")
('euclinicaltrials', '2021-000037-14')
"""

from __future__ import annotations

import functools
import re

from kg.normalize.identifiers import scheme_of

# Schemes that name one study's registration (a sponsor's protocol number does not).
TRIAL_SCHEMES = frozenset(
    {
        "clinicaltrials", "euctr", "ctis", "isrctn", "chictr", "ctri", "irct", "jrct", "umin",
        "jprn", "drks", "anzctr", "kcris", "tctr", "pactr", "slctr", "rebec", "ntr", "nl-omon",
        "lbctr", "rpcec", "itmctr", "utn",
    }
)  # fmt: skip
# kg scheme -> bioregistry prefix, where the two differ
_BIOREGISTRY = {"euctr": "euclinicaltrials", "umin": "uminctr"}
_EUCTR = re.compile(r"^(?:EUCTR)?(\d{4}-\d{6}-\d{2})(?:-[A-Z]{2,3})?$", re.I)
_SPACE = re.compile(r"\s+")


def local_id(value: str) -> str:
    """The ID as its own register writes it (no ICTRP prefixes or country suffixes)."""
    text = _SPACE.sub("", value)
    m = _EUCTR.match(text)
    if m:
        return m.group(1)
    if text.upper().startswith("JPRN-") and scheme_of(text) in {"jrct", "umin"}:
        return text[5:]
    if text.upper().startswith("CTIS"):
        return text[4:]
    return text


def registration_key(value: str) -> str | None:
    """``scheme:local ID`` for a value that names a registration, else ``None``."""
    scheme = scheme_of(value)
    if scheme not in TRIAL_SCHEMES:
        return None
    local = local_id(value)
    return f"{scheme}:{local.upper() if scheme in {'clinicaltrials', 'isrctn'} else local}"


def bioregistry_prefix(scheme: str) -> str:
    return _BIOREGISTRY.get(scheme, scheme)


@functools.lru_cache(maxsize=64)
def wikidata_property(scheme: str) -> str | None:
    """The Wikidata property for IDs of that scheme, from bioregistry's mappings (offline).

    >>> wikidata_property("clinicaltrials")
    'P3098'
    """
    import bioregistry

    resource = bioregistry.get_resource(bioregistry_prefix(scheme))
    if resource is None:
        return None
    found = resource.get_mappings().get("wikidata.property")
    return str(found) if found else None


__all__ = [
    "TRIAL_SCHEMES",
    "bioregistry_prefix",
    "local_id",
    "registration_key",
    "wikidata_property",
]
