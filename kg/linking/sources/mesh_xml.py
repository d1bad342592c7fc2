"""MeSH descriptor (desc20xx.xml) and supplementary (supp20xx.xml) XML, streamed.

Descriptors give ID, name, tree numbers and every entry term; supplementary
concept records give ID, name and entry terms (their group: drug).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse

from kg.linking.lexicon import Concept, Term, group_of_trees
from kg.linking.sources.entries import Entry

_RECORDS = {"DescriptorRecord": "Descriptor", "SupplementalRecord": "SupplementalRecord"}


def _entry(element: Element, prefix: str, source: str) -> Entry | None:
    ui = element.findtext(f"{prefix}UI")
    name = element.findtext(f"{prefix}Name/String")
    if not ui or not name:
        return None
    cid = f"mesh:{ui.strip()}"
    trees = tuple(t.text.strip() for t in element.iterfind("TreeNumberList/TreeNumber") if t.text)
    group = group_of_trees(trees) if prefix == "Descriptor" else "drug"
    terms = [Term(cid, name.strip(), "label", source)]
    seen = {name.strip()}
    for string in element.iterfind("ConceptList/Concept/TermList/Term/String"):
        text = (string.text or "").strip()
        if text and text not in seen:
            seen.add(text)
            terms.append(Term(cid, text, "synonym", source))
    top = tuple(sorted({t.split(".")[0] for t in trees}))
    return Entry(Concept(cid, name.strip(), group, top, source), tuple(terms))


def entries(path: Path, source: str) -> Iterator[Entry]:
    for _event, element in iterparse(str(path), events=("end",)):
        prefix = _RECORDS.get(element.tag)
        if prefix is None:
            continue
        entry = _entry(element, prefix, source)
        element.clear()
        if entry is not None:
            yield entry
