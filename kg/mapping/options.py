"""How to map, and what the mapping knows about its sources (rank, licences)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import iris
from kg.namespaces import CTGOV_SITE, ICTRP_SITE

if TYPE_CHECKING:
    from kg.linking.link import Link

# register (ClinicalTrials.gov formats, rank >= 2) over the ICTRP copy (rank 1) whatever
# the dates; among one register's formats the newer record, then the higher rank.
SOURCE_RANK: dict[str, int] = {
    "ctgov-json": 3,
    "ctgov-xml": 2,
    "ictrp-xml": 1,
    "ictrp-csv": 1,
    "ictrp-trial2": 1,
}
ICTRP_FORMATS = frozenset({"ictrp-xml", "ictrp-csv", "ictrp-trial2"})
ICTRP_ATTRIBUTION = (
    "Source: WHO International Clinical Trials Registry Platform (ICTRP), "
    f"{ICTRP_SITE}. WHO ICTRP terms of use apply: attribute WHO ICTRP, "
    "show the date of processing, no commercial use."
)
CTGOV_ATTRIBUTION = (
    "Source: ClinicalTrials.gov, U.S. National Library of Medicine "
    f"(public domain U.S. government data), {CTGOV_SITE}."
)


# A linker: (reported string, "condition" | "intervention") -> links (see kg.linking).
LinkFunction = Callable[[str, str], "Sequence[Link]"]


@dataclass(frozen=True, slots=True)
class MappingOptions:
    """How to map: base IRI, personal data, pinned processing time, optional linking."""

    base: str = iris.DEFAULT_BASE
    include_contacts: bool = False
    processed_at: str | None = None  # xsd:dateTime lexical form, pinned by the caller
    linker: LinkFunction | None = None  # deterministic for a given lexicon
    criteria_structure: bool = True  # typed constraints under each criterion (kg.criteria)
