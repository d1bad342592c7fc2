"""What a trial studies: conditions, registry codings, interventions, arms, shared
concepts and the links of a mention (with a linker)."""

from __future__ import annotations

from decimal import Decimal

from pyoxigraph import NamedNode

from kg import iris
from kg.mapping.builder import Builder
from kg.mapping.terms import Term, _bool, _dec, _int, _iri, _s, _t
from kg.model import Intervention
from kg.namespaces import (
    DCTERMS,
    RDF,
    RDFS,
    SCHEMA,
    SEMAPV_NS,
    SKOS,
    SKOS_NS,
    TKG,
    coding_system,
    meddra,
    mesh,
)
from kg.normalize import kinds

_SCHEME_LABELS = {
    "condition": "Conditions named by trials",
    "intervention": "Interventions named by trials",
}


def conditions(b: Builder) -> None:
    t = b.trial
    for i, text in enumerate(b.r.conditions, start=1):
        n = b.node("condition", i)
        concept = _iri(b.m.concept("condition", text))
        b.add(t, TKG.conditionMention, n)
        b.add(n, RDF.type, TKG.ConditionMention)
        b.add(n, TKG.reportedText, _s(text))
        b.tokens(n, TKG.conditionToken, text)
        b.add(n, TKG.position, _int(i))
        b.add(n, TKG.mentions, concept)
        b.add(t, TKG.studiesCondition, concept)
        shared_concept(b, concept, TKG.Condition, "condition", text)
        links(b, n, "condition", (text,))
    for kw in b.r.keywords:
        b.add(t, TKG.keyword, _s(kw))
    for p, terms in (
        (TKG.registryConditionCoding, b.r.mesh_conditions),
        (TKG.registryInterventionCoding, b.r.mesh_interventions),
    ):
        kind = "condition" if p == TKG.registryConditionCoding else "intervention"
        for i, term in enumerate(terms, start=1):
            n = b.child(p, TKG.RegistryCoding, "registry-coding", kind, i)
            b.add(n, RDFS.label, _s(term.term))
            b.add(n, TKG.codingSystem, _iri(coding_system(kinds.CodingSystem.MESH)))
            if term.id:
                b.add(n, SCHEMA.codeValue, _s(term.id))
                b.add(n, SKOS.exactMatch, mesh(term.id))
    start = len(b.r.mesh_conditions)
    for i, coding in enumerate(b.r.condition_codings, start=start + 1):
        n = b.child(
            TKG.registryConditionCoding, TKG.RegistryCoding, "registry-coding", "condition", i
        )
        b.add(n, RDFS.label, _s(coding.term))
        system = kinds.lookup("coding-system", coding.system)
        if system is not None and system.code is not None:
            b.add(n, TKG.codingSystem, _iri(coding_system(system.code)))
        else:
            b.add(n, TKG.codingSystemText, _s(coding.system))
        if coding.code:
            b.add(n, SCHEMA.codeValue, _s(coding.code))
            if coding.system == "MedDRA":
                b.add(n, SKOS.exactMatch, meddra(coding.code))
        for detail in coding.details:
            b.add(n, TKG.codingDetail, _s(detail))
        links(b, n, "condition", (coding.term,), is_mention=False)  # the registry's coding


def interventions(b: Builder) -> dict[str, str]:
    t = b.trial
    by_name: dict[str, str] = {}
    for i, iv in enumerate(b.r.interventions, start=1):
        n = b.node("intervention", i)
        by_name.setdefault(iv.name.casefold(), n)
        _intervention(b, n, iv, i)
        b.add(t, TKG.interventionMention, n)
    return by_name


def _intervention(b: Builder, n: Term, iv: Intervention, i: int) -> None:
    concept = _iri(b.m.concept("intervention", iv.name))
    b.add(n, RDF.type, TKG.InterventionMention)
    b.add(n, TKG.reportedText, _s(iv.raw))
    b.add(n, TKG.interventionName, _s(iv.name))
    b.add(n, TKG.position, _int(i))
    b.coded(n, TKG.interventionType, "intervention-type", iv.type, None)
    b.text(n, DCTERMS.description, iv.description)
    for other in iv.other_names:
        b.add(n, TKG.otherName, _s(other))
    b.tokens(n, TKG.interventionToken, iv.name, *iv.other_names)
    b.add(n, TKG.mentions, concept)
    b.add(b.trial, TKG.studiesIntervention, concept)
    shared_concept(b, concept, TKG.Intervention, "intervention", iv.name)
    links(b, n, "intervention", (iv.name, *iv.other_names))


def shared_concept(b: Builder, concept: str, cls: NamedNode, kind: str, text: str) -> None:
    """A shared concept: one preferred label (the name as keyed), the spelling beside."""
    scheme = _iri(b.m.concept_scheme(kind))
    pref = iris.concept_label(text)
    b.add(concept, RDF.type, cls)
    b.add(concept, SKOS.inScheme, scheme)
    b.add(concept, SKOS.prefLabel, _s(pref))
    if text != pref:
        b.add(concept, SKOS.altLabel, _s(text))
    b.add(scheme, RDF.type, SKOS.ConceptScheme)
    b.add(scheme, SKOS.prefLabel, _s(_SCHEME_LABELS[kind]))


def links(
    b: Builder, mention: Term, kind: str, texts: tuple[str, ...], is_mention: bool = True
) -> None:
    """trialkg's links for a mention (or a registry coding's term, ``is_mention=False``): a
    direct skos match plus a link node with provenance."""
    if b.o.linker is None:
        return
    seen: set[str] = set()
    for text in texts:
        for lk in b.o.linker(text, kind):
            if lk.target_iri in seen:
                continue
            seen.add(lk.target_iri)
            target = NamedNode(lk.target_iri)
            predicate = _skos(lk.predicate)
            node = _iri(f"{_t(mention)[1:-1]}/link/{len(seen)}")
            b.add(mention, predicate, target)
            b.add(mention, TKG.link, node)
            b.add(node, RDF.type, TKG.Link)
            b.add(node, TKG.linkTarget, target)
            b.add(node, TKG.linkPredicate, predicate)
            b.add(node, TKG.linkedText, _s(text))
            b.add(node, TKG.matchType, _s(lk.match_type))
            b.add(node, TKG.matchString, _s(lk.match_string))
            b.add(node, TKG.linkConfidence, _dec(Decimal(str(round(lk.confidence, 4)))))
            b.add(node, TKG.linkSource, _s(lk.source))
            b.add(node, TKG.mappingJustification, _semapv(lk.justification))
            b.add(node, TKG.semanticGroup, _s(lk.semantic_group))
            if lk.target_label:
                b.add(target, RDFS.label, _s(lk.target_label))
            if lk.misfiled and is_mention:
                b.add(mention, TKG.misfiled, _bool(True))
            for x in lk.xrefs:
                b.add(target, _skos(x.predicate), NamedNode(x.target_iri))
                if x.target_label:
                    b.add(NamedNode(x.target_iri), RDFS.label, _s(x.target_label))


def arms(b: Builder, by_name: dict[str, str]) -> None:
    for i, arm in enumerate(b.r.arms, start=1):
        n = b.child(TKG.arm, TKG.Arm, "arm", i)
        b.add(n, RDFS.label, _s(arm.label))
        b.kind(n, TKG.armType, "Arm.type", arm.type, TKG.armTypeText)
        b.text(n, DCTERMS.description, arm.description)
        for name in arm.intervention_names:
            target = by_name.get(_strip_type(name).casefold()) or by_name.get(name.casefold())
            if target is not None:
                b.add(n, TKG.armIntervention, target)
            else:
                b.add(n, TKG.designNote, _s(f"intervention: {name}"))


def _skos(curie: str) -> NamedNode:
    """skos:exactMatch / skos:closeMatch (or a full IRI) as a term."""
    local = curie.split(":", 1)[1] if curie.startswith("skos:") else None
    return NamedNode(SKOS_NS + local) if local else NamedNode(curie)


def _semapv(curie: str) -> NamedNode:
    if curie.startswith("semapv:"):
        return NamedNode(SEMAPV_NS + curie.split(":", 1)[1])
    return NamedNode(curie)


def _strip_type(name: str) -> str:
    head, sep, tail = name.partition(":")
    return tail.strip() if sep and len(head) <= 30 else name
