"""Record -> RDF: a pure function from one :class:`TrialRecord` to its triples.

No I/O happens here. :func:`map_record` returns the triples of one trial;
:func:`trial_graph` wraps them as a named graph with the metadata a loader
needs (version date, source rank, content digest). Only this module knows how
the model becomes triples; IRIs come from :mod:`kg.iris`, terms from
:mod:`kg.namespaces`.

>>> from kg.model import TrialRecord, Provenance
>>> rec = TrialRecord("NCT00000001", Provenance("ictrp-trial2", "x.txt", 1),
...                   public_title="A fictional trial")
>>> triples = map_record(rec)
>>> any(t.object.value == "A fictional trial" for t in triples)
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import pycountry
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from kg import iris
from kg.iris import Minter
from kg.model import Age, Coded, Intervention, PartialDate, Precision, SampleSize, TrialRecord
from kg.namespaces import (
    CTGOV_LICENCE,
    CTGOV_SITE,
    DCTERMS,
    ICTRP_LICENCE,
    ICTRP_SITE,
    OBO,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEMAPV_NS,
    SKOS,
    SKOS_NS,
    TKG,
    XSD,
    coding_system,
    meddra,
    mesh,
    pubmed,
)
from kg.normalize import kinds
from kg.normalize.tokens import text_tokens
from kg.privacy import scrub_line

if TYPE_CHECKING:
    from kg.linking.link import Link

# Which source wins when two records describe one trial (kg.precedence): the trial's own
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
_EUCTR = re.compile(r"^(EUCTR\d{4}-\d{6}-\d{2})-[A-Z]{2,3}$")
_IRI_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


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


@dataclass(frozen=True, slots=True)
class TrialGraph:
    """One trial's named graph, ready for a store or a serializer."""

    graph: str
    trial_id: str
    version: str | None
    source_rank: int
    digest: str
    lines: tuple[str, ...]  # the graph's triples as sorted N-Triples lines (each ending " .\n")
    source: str = ""  # the input format of the record (kg.parsers name), for reports

    def nquad_lines(self) -> list[str]:
        """The graph as N-Quads lines, in the same (sorted) order as ``lines``."""
        suffix = f" <{self.graph}> .\n"
        return [line[:-3] + suffix for line in self.lines]

    def ntriples(self) -> bytes:
        """Sorted N-Triples of the graph (deterministic)."""
        return "".join(self.lines).encode("utf-8")


# Terms are written straight to canonical N-Triples (as pyoxigraph writes them):
# the mapper is the hot path, and building a Python object per term cost most of it.
Term = str | NamedNode | Literal  # str: a term already in N-Triples form
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})
_TERMS: dict[NamedNode, str] = {}


def _t(term: Term) -> str:
    """A term in N-Triples form (constants cached)."""
    if type(term) is str:
        return term
    if isinstance(term, NamedNode):
        found = _TERMS.get(term)
        if found is None:
            found = _TERMS[term] = str(term)
        return found
    return str(term)


def _iri(value: str) -> str:
    """An IRI trialkg minted (percent-encoded by kg.iris, so safe as it is)."""
    return f"<{value}>"


def _s(value: str) -> str:
    """A plain string literal.

    >>> _s('say "hi"\\n\\x01') == str(Literal('say "hi"\\n\\x01'))
    True
    """
    return '"' + value.translate(_ESCAPES) + '"'


def _typed(lexical: str, datatype: NamedNode) -> str:
    return f'"{lexical}"^^{_t(datatype)}'


_DATE_TYPES = {Precision.DAY: XSD.date, Precision.MONTH: XSD.gYearMonth, Precision.YEAR: XSD.gYear}


def _date(d: PartialDate) -> str:
    return _typed(d.iso(), _DATE_TYPES[d.precision])


def _dec(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return _typed(text, XSD.decimal)


def _int(value: int) -> str:
    return _typed(str(value), XSD.integer)


def _bool(value: bool) -> str:
    return _typed("true" if value else "false", XSD.boolean)


def _url_node(value: str) -> NamedNode | None:
    """A URL as an IRI, or None when it is not one (a bad host): kept as text then,
    never failing the record."""
    if not _IRI_OK.match(value):
        return None
    try:
        return NamedNode(value)
    except ValueError:
        return None


class _Builder:
    """Collects the triples of one trial (and only of that trial)."""

    def __init__(self, record: TrialRecord, options: MappingOptions) -> None:
        self.r = record
        self.o = options
        self.m = Minter(options.base)
        self.id = record.main_id
        self.prefix = self.m.trial(record.main_id) + "/"
        self.trial = _iri(self.prefix[:-1])
        self.out: list[str] = []

    def add(self, s: Term, p: Term, o: Term) -> None:
        self.out.append(
            f"{s if type(s) is str else _t(s)} {_t(p)} {o if type(o) is str else _t(o)} .\n"
        )

    def text(self, s: Term, p: Term, value: str | None) -> None:
        if value:
            self.add(s, p, _s(value))

    def tokens(self, s: Term, *texts: str | None) -> None:  # what a search finds s by
        for token in text_tokens(t for t in texts if t):
            self.add(s, TKG.searchToken, _s(token))

    def node(self, *path: str | int) -> str:
        return _iri(self.prefix + "/".join(iris.encode(str(p)) for p in path))

    def coded(self, s: Term, p: Term, scheme: str, value: Coded | None, raw_p: Term | None) -> None:
        if value is None:
            return
        if value.code is not None:
            self.add(s, p, _iri(iris.vocab(scheme, value.code)))
        if raw_p is not None and value.raw:
            self.add(s, raw_p, _s(value.raw))

    def kind(self, s: Term, p: Term, scheme: str, raw: str | None, text_p: Term) -> None:
        """A closed kind: its concept IRI, or (unknown to the scheme) its text beside."""
        value = kinds.lookup(scheme, raw)
        if value is None:
            return
        if value.code is not None:
            self.add(s, p, _iri(iris.vocab(scheme, value.code)))
        else:
            self.add(s, text_p, _s(value.raw))

    def date(self, s: Term, p: Term, d: PartialDate | None) -> None:
        if d is None:
            return
        self.add(s, p, _date(d))

    def url(self, s: Term, p: Term, value: str | None) -> None:
        if not value:
            return
        iri = _url_node(value)
        self.add(s, p, iri if iri is not None else Literal(value, datatype=XSD.anyURI))

    # -- sections -------------------------------------------------------

    def identity(self) -> None:
        r, t = self.r, self.trial
        self.add(t, RDF.type, TKG.Trial)
        code = r.study_type.code if r.study_type else None
        if code == "interventional":
            self.add(t, RDF.type, SCHEMA.MedicalTrial)
            self.add(t, RDF.type, OBO.clinical_trial)
        elif code == "observational":
            self.add(t, RDF.type, SCHEMA.MedicalObservationalStudy)
            self.add(t, RDF.type, OBO.observational_investigation)
        else:
            self.add(t, RDF.type, SCHEMA.MedicalStudy)
        self.add(t, TKG.trialId, _s(iris.trial_key(self.id)))
        self.add(t, DCTERMS.identifier, _s(iris.trial_key(self.id)))
        if r.register:
            reg = _iri(self.m.register(r.register))
            self.add(t, TKG.register, reg)
            self.add(reg, RDF.type, TKG.Register)
            self.add(reg, RDFS.label, _s(r.register))
        self.url(t, SCHEMA.url, r.url)
        for i, ident in enumerate(r.secondary_ids, start=1):
            n = self.node("identifier", i)
            self.add(t, TKG.secondaryId, n)
            self.add(n, RDF.type, TKG.RegistryIdentifier)
            self.add(n, TKG.identifierValue, _s(ident.value))
            self.text(n, TKG.identifierScheme, ident.scheme)
            self.text(n, TKG.identifierKind, ident.kind)
            self.text(n, TKG.identifierIssuer, ident.issuer)
            if ident.scheme in _TRIAL_REGISTRY_SCHEMES and ident.value != self.id:
                self.add(n, TKG.identifiesTrial, _iri(self.m.trial(ident.value)))
        m = _EUCTR.match(iris.trial_key(self.id))
        if m:
            self.add(t, TKG.euTrialNumber, _s(m.group(1)[len("EUCTR") :]))
        for other in r.related_records:
            if other != self.id:
                self.add(t, TKG.relatedRecord, _iri(self.m.trial(other)))
        for p in (TKG.publicTitle, DCTERMS.title, SCHEMA.name):
            self.text(t, p, r.public_title)
        self.text(t, TKG.scientificTitle, r.scientific_title)
        self.tokens(t, r.public_title, r.scientific_title)
        self.text(t, TKG.acronym, r.acronym)
        self.text(t, SCHEMA.alternateName, r.acronym)
        self.text(t, TKG.briefSummary, r.brief_summary)
        self.text(t, TKG.detailedDescription, r.detailed_description)

    def dates(self) -> None:
        r, t = self.r, self.trial
        self.date(t, TKG.registrationDate, r.registration_date)
        self.date(t, DCTERMS.dateSubmitted, r.registration_date)
        self.date(t, SCHEMA.startDate, r.first_enrolment)
        self.date(t, SCHEMA.endDate, r.completion)
        self.date(t, TKG.lastRefreshed, r.last_refreshed)
        self.date(t, TKG.lastUpdated, r.last_update)
        for d, p, status_p in (
            (r.first_enrolment, TKG.firstEnrolmentDate, TKG.firstEnrolmentDateStatus),
            (r.primary_completion, TKG.primaryCompletionDate, TKG.primaryCompletionDateStatus),
            (r.completion, TKG.completionDate, TKG.completionDateStatus),
        ):
            self.date(t, p, d)
            if d is not None and d.status:
                self.add(t, status_p, _iri(iris.vocab("date-status", d.status)))
        if r.prospective_registration is not None:
            self.add(t, TKG.prospectiveRegistration, _bool(r.prospective_registration))
        self.text(t, TKG.prospectiveRegistrationText, r.prospective_registration_raw)

    def status_and_design(self) -> None:
        r, t = self.r, self.trial
        self.coded(t, TKG.recruitmentStatus, "recruitment-status", r.recruitment_status,
                   TKG.recruitmentStatusText)  # fmt: skip
        self.text(t, TKG.whyStopped, r.why_stopped)
        self.coded(t, TKG.studyType, "study-type", r.study_type, TKG.studyTypeText)
        for p in r.phases:
            self.coded(t, TKG.phase, "phase", p, None)
        self.text(t, TKG.phaseText, r.phase_raw)
        d = r.design
        if not d.is_empty() or d.who_masked or d.extra:
            n = self.node("design")
            self.add(t, TKG.design, n)
            self.add(n, RDF.type, TKG.StudyDesign)
            self.text(n, TKG.designText, d.raw)
            self.coded(n, TKG.allocation, "allocation", d.allocation, None)
            self.coded(n, TKG.interventionModel, "intervention-model", d.intervention_model, None)
            self.coded(n, TKG.primaryPurpose, "primary-purpose", d.primary_purpose, None)
            self.coded(n, TKG.masking, "masking", d.masking, None)
            for who in d.who_masked:
                self.add(n, TKG.whoMasked, _iri(iris.vocab("who-masked", who)))
            self.coded(n, TKG.observationalModel, "observational-model", d.observational_model,
                       None)  # fmt: skip
            self.coded(n, TKG.timePerspective, "time-perspective", d.time_perspective, None)
            for key, value in sorted(d.extra.items()):
                self.add(n, TKG.designNote, _s(f"{key}: {value}"))
        self.size(TKG.targetSampleSize, TKG.targetSampleSizeText, r.target_size, "target",
                  TKG.targetSampleSizeStatus)  # fmt: skip
        self.size(TKG.actualEnrolment, TKG.actualEnrolmentText, r.enrolment, "actual",
                  TKG.actualEnrolmentStatus)  # fmt: skip

    def size(
        self, p: Term, raw_p: Term, size: SampleSize | None, kind: str, status_p: Term
    ) -> None:
        if size is None:
            return
        t = self.trial
        if size.total is not None:
            self.add(t, p, _int(size.total))
        if size.status:  # actual or anticipated, as a date's status
            self.add(t, status_p, _iri(iris.vocab("date-status", size.status)))
        if size.total is None or size.parts or size.raw.strip() != str(size.total):
            self.text(t, raw_p, size.raw)
        for i, part in enumerate(size.parts, start=1):
            n = self.node("sample-size", kind, i)
            self.add(t, TKG.samplePart, n)
            self.add(n, RDF.type, TKG.SamplePart)
            self.add(n, TKG.sampleSizeKind, _iri(iris.vocab("sample-size-kind", kind)))
            self.add(n, RDFS.label, _s(part.label))
            self.add(n, SCHEMA.value, _int(part.size))

    def countries(self) -> None:
        seen: set[str] = set()
        for c in self.r.countries:
            key = c.code or c.raw
            if key in seen:
                continue
            seen.add(key)
            n = self.country_node(c.raw, c.code)
            self.add(self.trial, TKG.country, n)

    def country_node(self, raw: str, code: str | None) -> str:
        n = _iri(self.m.country(code or raw))
        self.add(n, RDF.type, TKG.Country)
        if code:
            self.add(n, TKG.countryCode, _s(code))
            name = _country_name(code)
            if name:
                self.add(n, SKOS.prefLabel, Literal(name, language="en"))
            if raw and raw != name and raw != code:
                self.add(n, SKOS.altLabel, _s(raw))
        else:
            self.add(n, RDFS.label, _s(raw))
        return n

    def organizations(self) -> None:
        r, t = self.r, self.trial
        groups = (
            (TKG.primarySponsor, [r.primary_sponsor] if r.primary_sponsor else []),
            (TKG.secondarySponsor, r.secondary_sponsors),
            (TKG.fundingSource, r.funding_sources),
        )
        for p, orgs in groups:
            for org in orgs:
                n = _iri(self.m.organization(org.name))
                self.add(t, p, n)
                self.add(n, RDF.type, SCHEMA.Organization)
                self.add(n, SCHEMA.name, _s(org.name))
                self.tokens(n, org.name)
                self.kind(n, TKG.agencyClass, "agency-class", org.agency_class,
                          TKG.agencyClassText)  # fmt: skip

    def contacts(self) -> None:
        for i, c in enumerate(self.r.contacts, start=1):
            n = self.node("contact", i)
            self.add(self.trial, TKG.contact, n)
            self.add(n, RDF.type, TKG.Contact)
            self.kind(n, TKG.contactRole, "contact-role", c.role,
                      TKG.contactRoleText)  # fmt: skip
            self.text(n, SCHEMA.name, c.name)
            self.text(n, SCHEMA.givenName, c.given_name)
            self.text(n, SCHEMA.familyName, c.family_name)
            self.text(n, TKG.degrees, c.degrees)
            self.text(n, TKG.officialRole, c.official_role)
            self.text(n, TKG.affiliation, c.affiliation)
            self.text(n, TKG.city, c.city)
            self.text(n, TKG.countryName, c.country)
            if self.o.include_contacts:
                self.text(n, SCHEMA.address, c.address)
                self.text(n, SCHEMA.telephone, c.telephone)
                self.text(n, SCHEMA.email, c.email)

    def conditions(self) -> None:
        t = self.trial
        for i, text in enumerate(self.r.conditions, start=1):
            n = self.node("condition", i)
            concept = _iri(self.m.concept("condition", text))
            self.add(t, TKG.conditionMention, n)
            self.add(n, RDF.type, TKG.ConditionMention)
            self.add(n, TKG.reportedText, _s(text))
            self.tokens(n, text)
            self.add(n, TKG.position, _int(i))
            self.add(n, TKG.mentions, concept)
            self.add(t, TKG.studiesCondition, concept)
            self.concept(concept, TKG.Condition, "condition", text)
            self.links(n, "condition", (text,))
        for kw in self.r.keywords:
            self.add(t, TKG.keyword, _s(kw))
        for p, terms in (
            (TKG.registryConditionCoding, self.r.mesh_conditions),
            (TKG.registryInterventionCoding, self.r.mesh_interventions),
        ):
            kind = "condition" if p == TKG.registryConditionCoding else "intervention"
            for i, term in enumerate(terms, start=1):
                n = self.node("registry-coding", kind, i)
                self.add(t, p, n)
                self.add(n, RDF.type, TKG.RegistryCoding)
                self.add(n, RDFS.label, _s(term.term))
                self.add(n, TKG.codingSystem, _iri(coding_system(kinds.CodingSystem.MESH)))
                if term.id:
                    self.add(n, SCHEMA.codeValue, _s(term.id))
                    self.add(n, SKOS.exactMatch, mesh(term.id))
        start = len(self.r.mesh_conditions)
        for i, coding in enumerate(self.r.condition_codings, start=start + 1):
            n = self.node("registry-coding", "condition", i)
            self.add(t, TKG.registryConditionCoding, n)
            self.add(n, RDF.type, TKG.RegistryCoding)
            self.add(n, RDFS.label, _s(coding.term))
            system = kinds.lookup("coding-system", coding.system)
            if system is not None and system.code is not None:
                self.add(n, TKG.codingSystem, _iri(coding_system(system.code)))
            else:
                self.add(n, TKG.codingSystemText, _s(coding.system))
            if coding.code:
                self.add(n, SCHEMA.codeValue, _s(coding.code))
                if coding.system == "MedDRA":
                    self.add(n, SKOS.exactMatch, meddra(coding.code))
            for detail in coding.details:
                self.add(n, TKG.codingDetail, _s(detail))
            self.links(n, "condition", (coding.term,), is_mention=False)  # the registry's coding

    def interventions(self) -> dict[str, str]:
        t = self.trial
        by_name: dict[str, str] = {}
        for i, iv in enumerate(self.r.interventions, start=1):
            n = self.node("intervention", i)
            by_name.setdefault(iv.name.casefold(), n)
            self._intervention(n, iv, i)
            self.add(t, TKG.interventionMention, n)
        return by_name

    def _intervention(self, n: Term, iv: Intervention, i: int) -> None:
        concept = _iri(self.m.concept("intervention", iv.name))
        self.add(n, RDF.type, TKG.InterventionMention)
        self.add(n, TKG.reportedText, _s(iv.raw))
        self.add(n, TKG.interventionName, _s(iv.name))
        self.add(n, TKG.position, _int(i))
        self.coded(n, TKG.interventionType, "intervention-type", iv.type, None)
        self.text(n, DCTERMS.description, iv.description)
        for other in iv.other_names:
            self.add(n, TKG.otherName, _s(other))
        self.tokens(n, iv.name, *iv.other_names)
        self.add(n, TKG.mentions, concept)
        self.add(self.trial, TKG.studiesIntervention, concept)
        self.concept(concept, TKG.Intervention, "intervention", iv.name)
        self.links(n, "intervention", (iv.name, *iv.other_names))

    def concept(self, concept: str, cls: NamedNode, kind: str, text: str) -> None:
        """A shared concept: one preferred label (the name as keyed), the spelling beside."""
        scheme = _iri(self.m.concept_scheme(kind))
        pref = iris.concept_label(text)
        self.add(concept, RDF.type, cls)
        self.add(concept, SKOS.inScheme, scheme)
        self.add(concept, SKOS.prefLabel, _s(pref))
        if text != pref:
            self.add(concept, SKOS.altLabel, _s(text))
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, SKOS.prefLabel, _s(_SCHEME_LABELS[kind]))

    def links(
        self, mention: Term, kind: str, texts: tuple[str, ...], is_mention: bool = True
    ) -> None:
        """trialkg's links for a mention (or a registry coding's term, ``is_mention=False``): a
        direct skos match plus a link node with provenance."""
        if self.o.linker is None:
            return
        seen: set[str] = set()
        for text in texts:
            for lk in self.o.linker(text, kind):
                if lk.target_iri in seen:
                    continue
                seen.add(lk.target_iri)
                target = NamedNode(lk.target_iri)
                predicate = _skos(lk.predicate)
                node = _iri(f"{_t(mention)[1:-1]}/link/{len(seen)}")
                self.add(mention, predicate, target)
                self.add(mention, TKG.link, node)
                self.add(node, RDF.type, TKG.Link)
                self.add(node, TKG.linkTarget, target)
                self.add(node, TKG.linkPredicate, predicate)
                self.add(node, TKG.linkedText, _s(text))
                self.add(node, TKG.matchType, _s(lk.match_type))
                self.add(node, TKG.matchString, _s(lk.match_string))
                self.add(node, TKG.linkConfidence, _dec(Decimal(str(round(lk.confidence, 4)))))
                self.add(node, TKG.linkSource, _s(lk.source))
                self.add(node, TKG.mappingJustification, _semapv(lk.justification))
                self.add(node, TKG.semanticGroup, _s(lk.semantic_group))
                if lk.target_label:
                    self.add(target, RDFS.label, _s(lk.target_label))
                if lk.misfiled and is_mention:
                    self.add(mention, TKG.misfiled, _bool(True))
                for x in lk.xrefs:
                    self.add(target, _skos(x.predicate), NamedNode(x.target_iri))
                    if x.target_label:
                        self.add(NamedNode(x.target_iri), RDFS.label, _s(x.target_label))

    def arms(self, by_name: dict[str, str]) -> None:
        for i, arm in enumerate(self.r.arms, start=1):
            n = self.node("arm", i)
            self.add(self.trial, TKG.arm, n)
            self.add(n, RDF.type, TKG.Arm)
            self.add(n, RDFS.label, _s(arm.label))
            self.kind(n, TKG.armType, "arm-type", arm.type, TKG.armTypeText)
            self.text(n, DCTERMS.description, arm.description)
            for name in arm.intervention_names:
                target = by_name.get(_strip_type(name).casefold()) or by_name.get(name.casefold())
                if target is not None:
                    self.add(n, TKG.armIntervention, target)
                else:
                    self.add(n, TKG.designNote, _s(f"intervention: {name}"))

    def eligibility(self) -> None:
        e, t = self.r.eligibility, self.trial
        for c in e.criteria:
            n = self.node("criterion", c.kind, c.position)
            cls = TKG.InclusionCriterion if c.kind == "inclusion" else TKG.ExclusionCriterion
            self.add(t, TKG.eligibilityCriterion, n)
            self.add(n, RDF.type, TKG.EligibilityCriterion)
            self.add(n, RDF.type, cls)
            self.add(n, TKG.criterionText, _s(c.text))
            self.add(n, TKG.position, _int(c.position))
            if self.o.criteria_structure:
                self.constraints(n, c.text)
        self.text(t, TKG.inclusionCriteriaText, e.inclusion_text)
        self.text(t, TKG.exclusionCriteriaText, e.exclusion_text)
        self.age(TKG.minimumAge, "minimum", e.min_age)
        self.age(TKG.maximumAge, "maximum", e.max_age)
        self.coded(t, TKG.gender, "gender", e.gender, TKG.genderText)
        if e.healthy_volunteers is not None:
            self.add(t, TKG.healthyVolunteers, _bool(e.healthy_volunteers))
        self.text(t, TKG.studyPopulation, e.population)
        self.text(t, TKG.samplingMethod, e.sampling_method)

    def constraints(self, criterion: str, text: str) -> None:
        from kg.criteria import extract
        from kg.criteria.rdf import constraint_triples

        for s, p, o in constraint_triples(criterion, extract(text, self.o.linker)):
            self.add(s, p, o)

    def age(self, p: Term, which: str, age: Age | None) -> None:
        if age is None:
            return
        n = self.node("age", which)
        self.add(self.trial, p, n)
        self.add(n, RDF.type, TKG.AgeLimit)
        self.add(n, TKG.ageText, _s(age.raw))
        if age.value is not None and age.unit is not None:
            self.add(n, SCHEMA.value, _dec(age.value))
            self.add(n, TKG.ucumCode, _s(age.unit))
            years = age.years
            if years is not None:
                self.add(n, TKG.ageInYears, _dec(years))
        if age.no_limit:
            self.add(n, TKG.noLimit, _bool(True))

    def outcomes(self) -> None:
        classes = {
            "primary": TKG.PrimaryOutcome,
            "secondary": TKG.SecondaryOutcome,
            "other": TKG.OtherOutcome,
        }
        for o in self.r.outcomes:
            n = self.node("outcome", o.kind, o.position)
            self.add(self.trial, TKG.outcome, n)
            self.add(n, RDF.type, TKG.Outcome)
            if o.kind in classes:
                self.add(n, RDF.type, classes[o.kind])
            self.add(n, TKG.measure, _s(o.measure))
            self.text(n, TKG.timeFrame, o.time_frame)
            self.text(n, DCTERMS.description, o.description)
            self.add(n, TKG.position, _int(o.position))
            if o.raw and o.raw != o.measure:
                self.add(n, TKG.outcomeText, _s(o.raw))

    def sites(self) -> None:
        for i, s in enumerate(self.r.sites, start=1):
            n = self.node("site", i)
            self.add(self.trial, TKG.site, n)
            self.add(n, RDF.type, TKG.Site)
            self.text(n, SCHEMA.name, s.facility)
            self.text(n, TKG.city, s.city)
            self.text(n, TKG.region, s.state)
            self.text(n, TKG.postalCode, s.postal_code)
            self.kind(n, TKG.siteStatus, "recruitment-status", s.status,
                      TKG.siteStatusText)  # fmt: skip
            if s.country is not None:
                self.add(n, TKG.country, self.country_node(s.country.raw, s.country.code))
            if s.latitude is not None and s.longitude is not None:
                self.add(n, SCHEMA.latitude, _dec(Decimal(str(s.latitude))))
                self.add(n, SCHEMA.longitude, _dec(Decimal(str(s.longitude))))

    def ethics(self) -> None:
        for i, e in enumerate(self.r.ethics_reviews, start=1):
            n = self.node("ethics-review", i)
            self.add(self.trial, TKG.ethicsReview, n)
            self.add(n, RDF.type, TKG.EthicsReview)
            self.kind(n, TKG.reviewStatus, "review-status", e.status,
                      TKG.reviewStatusText)  # fmt: skip
            self.date(n, TKG.approvalDate, e.approval_date)
            if e.approval_date is None:  # unreadable or a placeholder: kept verbatim
                self.text(n, TKG.unparsedDate, e.approval_date_raw)
            self.text(n, SCHEMA.name, e.contact_name)
            if self.o.include_contacts:  # an address, or at times a person's name: contact data
                self.text(n, SCHEMA.address, e.contact_address)
                self.text(n, SCHEMA.telephone, e.contact_phone)
                self.text(n, SCHEMA.email, e.contact_email)

    def results(self) -> None:
        res = self.r.results
        if res.is_empty():
            return
        n = self.node("results")
        self.add(self.trial, TKG.results, n)
        self.add(n, RDF.type, TKG.Results)
        if res.available is not None:
            self.add(n, TKG.resultsAvailable, _bool(res.available))
        elif res.available_raw:
            self.add(n, TKG.resultsAvailableText, _s(res.available_raw))
        self.date(n, TKG.resultsPostedDate, res.date_posted)
        self.date(n, TKG.studyCompletedDate, res.date_completed)
        self.date(n, TKG.firstPublicationDate, res.date_first_publication)
        self.url(n, SCHEMA.url, res.url)
        self.url(n, TKG.protocolUrl, res.protocol_url)
        self.text(n, TKG.resultsSummary, res.summary)
        self.text(n, TKG.baselineCharacteristics, res.baseline_characteristics)
        self.text(n, TKG.participantFlow, res.participant_flow)
        self.text(n, TKG.adverseEvents, res.adverse_events)
        self.text(n, TKG.outcomeMeasures, res.outcome_measures)
        self.text(n, TKG.ipdSharingPlan, res.ipd_plan)
        self.text(n, TKG.ipdSharingDescription, res.ipd_description)

    def references(self) -> None:
        for i, ref in enumerate(self.r.references, start=1):
            n = self.node("reference", i)
            self.add(self.trial, TKG.reference, n)
            self.add(n, RDF.type, TKG.Reference)
            self.text(n, TKG.citation, ref.citation)
            self.kind(n, TKG.referenceType, "reference-type", ref.type,
                      TKG.referenceTypeText)  # fmt: skip
            if ref.pmid:
                self.add(n, TKG.pmid, _s(ref.pmid))
                if ref.pmid.isdigit():
                    self.add(n, RDFS.seeAlso, pubmed(ref.pmid))

    def extra(self) -> None:
        for i, (key, value) in enumerate(sorted(self.r.extra.items()), start=1):
            n = self.node("source-field", i)
            self.add(self.trial, TKG.sourceField, n)
            self.add(n, RDF.type, TKG.SourceField)
            self.add(n, TKG.fieldName, _s(key))
            self.add(n, TKG.fieldValue, _s(value))

    def provenance(self) -> None:
        p, t = self.r.provenance, self.trial
        rec = _iri(self.m.record(self.id, p.source_format))
        self.add(t, TKG.sourceRecord, rec)
        self.add(rec, RDF.type, TKG.SourceRecord)
        self.add(rec, RDF.type, PROV.Entity)
        self.add(rec, TKG.sourceFormat, _s(p.source_format))
        self.add(rec, TKG.sourceFile, _s(_basename(p.source_file)))
        self.add(rec, TKG.positionInFile, _int(p.position))
        if p.exported_on is not None:
            self.add(rec, TKG.exportDate, _date(p.exported_on))
        if p.exported_on_raw and (
            p.exported_on is None or p.exported_on_raw != p.exported_on.iso()
        ):
            self.add(rec, TKG.exportDateText, _s(p.exported_on_raw))  # with its time, verbatim
        version = self.r.version_date()
        if version is not None:
            self.add(rec, DCTERMS.modified, _date(version))
        ictrp = p.source_format in ICTRP_FORMATS
        publisher = kinds.Publisher.WHO_ICTRP if ictrp else kinds.Publisher.CLINICALTRIALS_GOV
        pub = _iri(iris.vocab("publisher", publisher))
        self.add(rec, DCTERMS.publisher, pub)
        self.add(pub, RDF.type, SCHEMA.Organization)
        self.add(pub, SCHEMA.name, _s(kinds.SCHEMES["publisher"][publisher]))
        self.add(rec, DCTERMS.rights, _s(ICTRP_ATTRIBUTION if ictrp else CTGOV_ATTRIBUTION))
        self.add(rec, DCTERMS.license, NamedNode(ICTRP_LICENCE if ictrp else CTGOV_LICENCE))
        source_url = _url_node(self.r.url) if self.r.url else None
        if source_url is not None:
            self.add(rec, PROV.wasDerivedFrom, source_url)
        if self.o.processed_at:
            self.add(rec, PROV.generatedAtTime, Literal(self.o.processed_at, datatype=XSD.dateTime))


_SCHEME_LABELS = {
    "condition": "Conditions named by trials",
    "intervention": "Interventions named by trials",
}
_TRIAL_REGISTRY_SCHEMES = frozenset(
    {
        "clinicaltrials", "euctr", "ctis", "isrctn", "chictr", "ctri", "irct", "jrct", "umin",
        "drks", "anzctr", "kcris", "tctr", "pactr", "slctr", "rebec", "ntr", "nl-omon", "lbctr",
        "rpcec",
    }
)  # fmt: skip


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


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _country_name(code: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code)
    return str(found.name) if found is not None else None


def map_record(record: TrialRecord, options: MappingOptions | None = None) -> list[Triple]:
    """All triples one record gives (deduplicated, in first-seen order), as pyoxigraph terms."""
    text = "".join(_lines(record, options or MappingOptions()))
    return list(parse(text, format=RdfFormat.N_TRIPLES))


def _lines(record: TrialRecord, options: MappingOptions) -> list[str]:
    """The record's triples as N-Triples lines (deduplicated, in first-seen order)."""
    b = _Builder(record, options)
    b.identity()
    b.dates()
    b.status_and_design()
    b.countries()
    b.organizations()
    b.contacts()
    b.conditions()
    b.arms(b.interventions())
    b.eligibility()
    b.outcomes()
    b.sites()
    b.ethics()
    b.results()
    b.references()
    b.extra()
    b.provenance()
    if options.include_contacts:
        return list(dict.fromkeys(b.out))
    return [x for x in dict.fromkeys(map(scrub_line, b.out)) if x is not None]  # kg.privacy


def graph_digest(lines: Iterable[str]) -> str:
    """The content digest of a trial's own triples: sha256 of its sorted, unique N-Triples lines.

    >>> graph_digest(["<a:s> <a:p> <a:o> .\\n", "<a:s> <a:p> <a:x> .\\n"]) == graph_digest(
    ...     ["<a:s> <a:p> <a:x> .\\n", "<a:s> <a:p> <a:o> .\\n", "<a:s> <a:p> <a:o> .\\n"])
    True
    """
    return "sha256:" + hashlib.sha256("".join(sorted(set(lines))).encode("utf-8")).hexdigest()


_VERSION_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def assemble(
    graph: str,
    trial: str,
    trial_id: str,
    lines: Iterable[str],
    *,
    version: str | None,
    source_rank: int,
    source: str = "",
) -> TrialGraph:
    """A trial graph (IRI ``graph``, about ``trial``) from its own N-Triples lines.

    The digest is computed and the metadata triples are added.

    ``version`` is the ISO lexical form of the record's refresh/update date
    (day, month or year precision) or ``None``.
    """
    body = sorted(set(lines))
    digest = graph_digest(body)
    g = _iri(graph)
    meta: list[tuple[Term, Term, Term]] = [
        (g, RDF.type, TKG.TrialGraph),
        (g, TKG.aboutTrial, _iri(trial)),
        (g, TKG.sourceRank, _int(source_rank)),
        (g, TKG.contentDigest, _s(digest)),
    ]
    if version is not None:
        meta.append((g, TKG.versionDate, _typed(version, _VERSION_TYPES[len(version)])))
    return TrialGraph(
        graph=graph,
        trial_id=trial_id,
        version=version,
        source_rank=source_rank,
        digest=digest,
        lines=tuple(sorted(body + [f"{_t(s)} {_t(p)} {_t(o)} .\n" for s, p, o in meta])),
        source=source,
    )


def trial_graph(record: TrialRecord, options: MappingOptions | None = None) -> TrialGraph:
    """The trial's named graph: its triples plus the metadata a loader needs.

    The digest covers the trial's own triples (sorted N-Triples), so the same
    record mapped twice has the same digest, and any change shows.
    """
    opts = options or MappingOptions()
    version = record.version_date()
    minter = Minter(opts.base)
    return assemble(
        minter.graph(record.main_id),
        minter.trial(record.main_id),
        iris.trial_key(record.main_id),
        _lines(record, opts),
        version=version.iso() if version else None,
        source_rank=SOURCE_RANK.get(record.provenance.source_format, 0),
        source=record.provenance.source_format,
    )
