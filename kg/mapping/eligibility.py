"""Who may take part: criteria (with their typed constraints), age limits, gender,
healthy volunteers, population."""

from __future__ import annotations

from kg.mapping.builder import Builder
from kg.mapping.terms import Term, _bool, _dec, _int, _s
from kg.model import Age
from kg.namespaces import RDF, SCHEMA, TKG


def eligibility(b: Builder) -> None:
    e, t = b.r.eligibility, b.trial
    for c in e.criteria:
        n = b.node("criterion", c.kind, c.position)
        cls = TKG.InclusionCriterion if c.kind == "inclusion" else TKG.ExclusionCriterion
        b.add(t, TKG.eligibilityCriterion, n)
        b.add(n, RDF.type, TKG.EligibilityCriterion)
        b.add(n, RDF.type, cls)
        b.add(n, TKG.criterionText, _s(c.text))
        b.add(n, TKG.position, _int(c.position))
        if b.o.criteria_structure:
            constraints(b, n, c.text, c.kind)
    b.text(t, TKG.inclusionCriteriaText, e.inclusion_text)
    b.text(t, TKG.exclusionCriteriaText, e.exclusion_text)
    age(b, TKG.minimumAge, "minimum", e.min_age)
    age(b, TKG.maximumAge, "maximum", e.max_age)
    b.coded(t, TKG.gender, "gender", e.gender, TKG.genderText)
    if e.healthy_volunteers is not None:
        b.add(t, TKG.healthyVolunteers, _bool(e.healthy_volunteers))
    b.text(t, TKG.studyPopulation, e.population)
    b.text(t, TKG.samplingMethod, e.sampling_method)


def constraints(b: Builder, criterion: str, text: str, kind: str) -> None:
    from kg.criteria import extract
    from kg.criteria.rdf import constraint_triples

    for s, p, o in constraint_triples(criterion, extract(text, b.o.linker, kind)):
        b.add(s, p, o)


def age(b: Builder, p: Term, which: str, age: Age | None) -> None:
    if age is None:
        return
    n = b.node("age", which)
    b.add(b.trial, p, n)
    b.add(n, RDF.type, TKG.AgeLimit)
    b.add(n, TKG.ageText, _s(age.raw))
    if age.value is not None and age.unit is not None:
        b.add(n, SCHEMA.value, _dec(age.value))
        b.add(n, TKG.ucumCode, _s(age.unit))
        years = age.years
        if years is not None:
            b.add(n, TKG.ageInYears, _dec(years))
    if age.no_limit:
        b.add(n, TKG.noLimit, _bool(True))
