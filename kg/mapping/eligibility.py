"""Who may take part: criteria (with their typed constraints), age limits, gender,
healthy volunteers, population."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.mapping.builder import Builder
from kg.mapping.options import LinkFunction
from kg.mapping.terms import Term, _bool, _dec, _int, _s
from kg.model import Age
from kg.namespaces import RDF, SCHEMA, TKG

if TYPE_CHECKING:
    from kg.criteria.abbreviations import Definition


def eligibility(b: Builder) -> None:
    e, t = b.r.eligibility, b.trial
    defined = _definitions(b) if b.o.criteria_structure and e.criteria else ()
    for c in e.criteria:
        n = b.node("criterion", c.kind, c.position)
        cls = TKG.InclusionCriterion if c.kind == "inclusion" else TKG.ExclusionCriterion
        b.add(t, TKG.eligibilityCriterion, n)
        b.add(n, RDF.type, TKG.EligibilityCriterion)
        b.add(n, RDF.type, cls)
        b.add(n, TKG.criterionText, _s(c.text))
        b.add(n, TKG.position, _int(c.position))
        if b.o.criteria_structure:
            constraints(b, n, c.text, c.kind, defined)
    b.text(t, TKG.inclusionCriteriaText, e.inclusion_text)
    b.text(t, TKG.exclusionCriteriaText, e.exclusion_text)
    age(b, TKG.minimumAge, "minimum", e.min_age)
    age(b, TKG.maximumAge, "maximum", e.max_age)
    b.coded(t, TKG.gender, "gender", e.gender, TKG.genderText)
    if e.healthy_volunteers is not None:
        b.add(t, TKG.healthyVolunteers, _bool(e.healthy_volunteers))
    b.text(t, TKG.studyPopulation, e.population)
    b.text(t, TKG.samplingMethod, e.sampling_method)


def _definitions(b: Builder) -> tuple[Definition, ...]:
    """The abbreviations the trial defines (kg.criteria.abbreviations)."""
    from kg.criteria.abbreviations import definitions

    return definitions(b.r, b.o.linker)


def constraints(
    b: Builder, criterion: str, text: str, kind: str, defined: tuple[Definition, ...] = ()
) -> None:
    """The constraints of one criterion (``criterion``: its IRI in N-Triples form)."""
    from kg.criteria import extract_used
    from kg.criteria.abbreviations import used
    from kg.criteria.rdf import constraint_triples

    iri = criterion[:-1]  # "<" and the IRI: how it starts each of its terms
    defined = used(text, defined)
    key = (text, kind, b.o.linker, defined)
    cached = _LINES.get(key)
    if cached is not None:
        b.out.extend([line.replace(_HOLE, iri) for line in cached])
        return
    found = extract_used(text, b.o.linker, kind, defined)  # ``defined`` filtered once, above
    triples = constraint_triples(criterion, found, kind)
    start = len(b.out)
    for s, p, o in triples:
        b.add(s, p, o)
    lines = b.out[start:]
    joined = "\n" + "".join(lines)
    # the criterion's IRI starts the lines of its nodes and is the object naming each
    # constraint node; anywhere else (inside a literal) the lines are not kept for reuse
    places = joined.count("\n" + iri) + len(found)
    if joined.count(iri) == places and _HOLE not in joined:
        if len(_LINES) >= _KEPT:
            del _LINES[next(iter(_LINES))]
        _LINES[key] = tuple(line.replace(iri, _HOLE) for line in lines)


# Criteria repeat (shared templates, one EU-CTR trial per member state): the lines of a
# text's constraints are kept with a hole where the criterion's IRI goes, so a repeat
# costs a replace per line instead of extraction and writing.
_HOLE = "\x00"  # never in a line: escaped in literals, not allowed in IRIs
_KEPT = 8192
_LINES: dict[tuple[str, str, LinkFunction | None, tuple[Definition, ...]], tuple[str, ...]] = {}


def age(b: Builder, p: Term, which: str, age: Age | None) -> None:
    if age is None:
        return
    n = b.child(p, TKG.AgeLimit, "age", which)
    b.add(n, TKG.ageText, _s(age.raw))
    if age.value is not None and age.unit is not None:
        b.add(n, SCHEMA.value, _dec(age.value))
        b.add(n, TKG.ucumCode, _s(age.unit))
        years = age.years
        if years is not None:
            b.add(n, TKG.ageInYears, _dec(years))
    if age.no_limit:
        b.add(n, TKG.noLimit, _bool(True))
