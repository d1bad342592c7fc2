"""Stable IRI minting (see docs/decisions/0001-iri-policy.md).

Every IRI is derived from what the record says (its registry ID, a name, a
position), never random, so converting the same input twice gives the same
IRIs, and the same trial or organization seen in two files meets in one node.

>>> m = Minter()
>>> m.trial("NCT04946669")
'https://w3id.org/trialkg/id/trial/NCT04946669'
>>> m.trial("CTRI/2021/05/033585")
'https://w3id.org/trialkg/id/trial/CTRI%2F2021%2F05%2F033585'
>>> m.part("NCT04946669", "criterion", "inclusion", 2)
'https://w3id.org/trialkg/id/trial/NCT04946669/criterion/inclusion/2'
>>> m.graph("NCT04946669")
'https://w3id.org/trialkg/id/graph/NCT04946669'
>>> m.organization("The  First Affiliated Hospital with Nanjing Medical University")
'https://w3id.org/trialkg/id/org/the-first-affiliated-hospital-with-nanjing-medical-university'
>>> m.concept("condition", "Dermatomyositis") == m.concept("condition", " dermatomyositis ")
True
>>> Minter("http://example.org/kg/").trial("ISRCTN13694948")
'http://example.org/kg/trial/ISRCTN13694948'
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import quote

from kg.namespaces import TKG_ID_NS, TKGV_NS, tkgv

DEFAULT_BASE = TKG_ID_NS
VOCAB_BASE = TKGV_NS

_SPACE = re.compile(r"\s+")
_MAX_KEY = 120
_EDGE = " \t\r\n.,;:"  # "Example Inc." and "Example Inc" are one organization


@functools.lru_cache(maxsize=65536)
def encode(segment: str) -> str:
    """Percent-encode one path segment ("/" included), keeping unreserved characters.

    >>> encode("CTRI/2021/05/033585")
    'CTRI%2F2021%2F05%2F033585'
    >>> encode("JPRN-jRCTs031200041")
    'JPRN-jRCTs031200041'
    """
    return quote(segment, safe="-._~")


def name_key(text: str) -> str:
    """The comparison key of a name: NFKC, case-folded, whitespace runs as "-".

    Long names are cut and suffixed with a short digest of the whole key, so the
    IRI stays readable and still unique.

    >>> name_key("  Breast   Cancer ")
    'breast-cancer'
    >>> name_key("Orlando Health, Inc.") == name_key("Orlando Health, Inc")
    True
    >>> len(name_key("x" * 500))
    113
    """
    key = _full_key(text)
    if len(key) > _MAX_KEY:
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        key = key[:100] + "-" + digest
    return key


def _full_key(text: str) -> str:
    return _SPACE.sub("-", unicodedata.normalize("NFKC", text).strip(_EDGE).casefold())


def concept_label(text: str) -> str:
    """The one preferred label of a shared concept: the name its IRI is keyed by.

    The key does not tell a hyphen from a space, so neither does the label.
    Every spelling that meets in one concept node has the same label, so the
    node has exactly one ``skos:prefLabel`` however many trials name it.

    >>> concept_label("  Breast   Cancer. "), concept_label("breast cancer")
    ('breast cancer', 'breast cancer')
    >>> concept_label("COVID-19") == concept_label("Covid 19")
    True
    """
    return _full_key(text).replace("-", " ")


def trial_key(main_id: str) -> str:
    """The trial ID as used in IRIs: trimmed, inner whitespace removed.

    >>> trial_key(" NCT04946669 ")
    'NCT04946669'
    """
    return _SPACE.sub("", main_id)


class Minter:
    """Mints every IRI trialkg writes, under one configurable base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def vocab_graph(self, name: str) -> str:
        """The named graph of a controlled vocabulary (``mesh``) in a store.

        >>> Minter().vocab_graph("mesh")
        'https://w3id.org/trialkg/id/graph/vocab/mesh'
        """
        return f"{self.base}graph/vocab/{encode(name)}"

    def trial(self, main_id: str) -> str:
        return f"{self.base}trial/{encode(trial_key(main_id))}"

    def part(self, main_id: str, *path: str | int) -> str:
        """A node that belongs to one trial (criterion, outcome, design, contact...)."""
        tail = "/".join(encode(str(p)) for p in path)
        return f"{self.trial(main_id)}/{tail}"

    def graph(self, main_id: str) -> str:
        """The named graph that holds everything one trial's record says."""
        return f"{self.base}graph/{encode(trial_key(main_id))}"

    def record(self, main_id: str, source_format: str) -> str:
        """The source record (one per trial and source format), for provenance."""
        return self.part(main_id, "record", source_format)

    def organization(self, name: str) -> str:
        return f"{self.base}org/{encode(name_key(name))}"

    def concept_scheme(self, kind: str) -> str:
        """The scheme holding every shared concept of one kind (condition, intervention)."""
        return f"{self.base}{kind}"

    def concept(self, kind: str, label: str) -> str:
        """A shared condition/intervention/keyword concept, keyed by its name."""
        return f"{self.base}{kind}/{encode(name_key(label))}"

    def register(self, name: str) -> str:
        return f"{self.base}register/{encode(name_key(name))}"

    def country(self, code_or_name: str) -> str:
        return f"{self.base}country/{encode(name_key(code_or_name))}"

    def dataset(self) -> str:
        return f"{self.base}dataset"


def vocab(scheme: str, code: str) -> str:
    """A concept of one of trialkg's controlled vocabularies (ontologies/vocab.ttl).

    >>> vocab("phase", "early-phase-1")
    'https://w3id.org/trialkg/vocab/phase/early-phase-1'
    """
    return tkgv(scheme, code)
