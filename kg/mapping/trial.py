"""The trial itself: identity, dates, status and design, sample size, source fields and
provenance."""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from kg import iris
from kg.mapping.builder import Builder
from kg.mapping.options import CTGOV_ATTRIBUTION, ICTRP_ATTRIBUTION, ICTRP_FORMATS
from kg.mapping.terms import Term, _bool, _date, _int, _iri, _s, _url_node
from kg.model import SampleSize
from kg.namespaces import (
    CTGOV_LICENCE,
    DCTERMS,
    ICTRP_LICENCE,
    OBO,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    TKG,
    XSD,
)
from kg.normalize import kinds

_EUCTR = re.compile(r"^(EUCTR\d{4}-\d{6}-\d{2})-[A-Z]{2,3}$")
_TRIAL_REGISTRY_SCHEMES = frozenset(
    {
        "clinicaltrials", "euctr", "ctis", "isrctn", "chictr", "ctri", "irct", "jrct", "umin",
        "drks", "anzctr", "kcris", "tctr", "pactr", "slctr", "rebec", "ntr", "nl-omon", "lbctr",
        "rpcec",
    }
)  # fmt: skip


def identity(b: Builder) -> None:
    r, t = b.r, b.trial
    b.add(t, RDF.type, TKG.Trial)
    code = r.study_type.code if r.study_type else None
    if code == "interventional":
        b.add(t, RDF.type, SCHEMA.MedicalTrial)
        b.add(t, RDF.type, OBO.clinical_trial)
    elif code == "observational":
        b.add(t, RDF.type, SCHEMA.MedicalObservationalStudy)
        b.add(t, RDF.type, OBO.observational_investigation)
    else:
        b.add(t, RDF.type, SCHEMA.MedicalStudy)
    b.add(t, TKG.trialId, _s(iris.trial_key(b.id)))
    b.add(t, DCTERMS.identifier, _s(iris.trial_key(b.id)))
    if r.register:
        reg = _iri(b.m.register(r.register))
        b.add(t, TKG.register, reg)
        b.add(reg, RDF.type, TKG.Register)
        b.add(reg, RDFS.label, _s(r.register))
    b.url(t, SCHEMA.url, r.url)
    for i, ident in enumerate(r.secondary_ids, start=1):
        n = b.child(TKG.secondaryId, TKG.RegistryIdentifier, "identifier", i)
        b.add(n, TKG.identifierValue, _s(ident.value))
        b.text(n, TKG.identifierScheme, ident.scheme)
        b.text(n, TKG.identifierKind, ident.kind)
        b.text(n, TKG.identifierIssuer, ident.issuer)
        if ident.scheme in _TRIAL_REGISTRY_SCHEMES and ident.value != b.id:
            b.add(n, TKG.identifiesTrial, _iri(b.m.trial(ident.value)))
    m = _EUCTR.match(iris.trial_key(b.id))
    if m:
        b.add(t, TKG.euTrialNumber, _s(m.group(1)[len("EUCTR") :]))
    for other in r.related_records:
        if other != b.id:
            b.add(t, TKG.relatedRecord, _iri(b.m.trial(other)))
    for p in (TKG.publicTitle, DCTERMS.title, SCHEMA.name):
        b.text(t, p, r.public_title)
    b.text(t, TKG.scientificTitle, r.scientific_title)
    b.tokens(t, TKG.titleToken, r.public_title, r.scientific_title)
    b.text(t, TKG.acronym, r.acronym)
    b.text(t, SCHEMA.alternateName, r.acronym)
    b.text(t, TKG.briefSummary, r.brief_summary)
    b.text(t, TKG.detailedDescription, r.detailed_description)


def dates(b: Builder) -> None:
    r, t = b.r, b.trial
    b.date(t, TKG.registrationDate, r.registration_date)
    b.date(t, DCTERMS.dateSubmitted, r.registration_date)
    b.date(t, SCHEMA.startDate, r.first_enrolment)
    b.date(t, SCHEMA.endDate, r.completion)
    b.date(t, TKG.lastRefreshed, r.last_refreshed)
    b.date(t, TKG.lastUpdated, r.last_update)
    for d, p, status_p in (
        (r.first_enrolment, TKG.firstEnrolmentDate, TKG.firstEnrolmentDateStatus),
        (r.primary_completion, TKG.primaryCompletionDate, TKG.primaryCompletionDateStatus),
        (r.completion, TKG.completionDate, TKG.completionDateStatus),
    ):
        b.date(t, p, d)
        if d is not None and d.status:
            b.add(t, status_p, _iri(iris.vocab("date-status", d.status)))
    if r.prospective_registration is not None:
        b.add(t, TKG.prospectiveRegistration, _bool(r.prospective_registration))
    b.text(t, TKG.prospectiveRegistrationText, r.prospective_registration_raw)


def status_and_design(b: Builder) -> None:
    r, t = b.r, b.trial
    b.coded(t, TKG.recruitmentStatus, "recruitment-status", r.recruitment_status,
               TKG.recruitmentStatusText)  # fmt: skip
    b.text(t, TKG.whyStopped, r.why_stopped)
    b.coded(t, TKG.studyType, "study-type", r.study_type, TKG.studyTypeText)
    for p in r.phases:
        b.coded(t, TKG.phase, "phase", p, None)
    b.text(t, TKG.phaseText, r.phase_raw)
    d = r.design
    if not d.is_empty() or d.who_masked or d.extra:
        n = b.child(TKG.design, TKG.StudyDesign, "design")
        b.text(n, TKG.designText, d.raw)
        b.coded(n, TKG.allocation, "allocation", d.allocation, None)
        b.coded(n, TKG.interventionModel, "intervention-model", d.intervention_model, None)
        b.coded(n, TKG.primaryPurpose, "primary-purpose", d.primary_purpose, None)
        b.coded(n, TKG.masking, "masking", d.masking, None)
        for who in d.who_masked:
            b.add(n, TKG.whoMasked, _iri(iris.vocab("who-masked", who)))
        b.coded(n, TKG.observationalModel, "observational-model", d.observational_model,
                   None)  # fmt: skip
        b.coded(n, TKG.timePerspective, "time-perspective", d.time_perspective, None)
        for key, value in sorted(d.extra.items()):
            b.add(n, TKG.designNote, _s(f"{key}: {value}"))
    size(b, TKG.targetSampleSize, TKG.targetSampleSizeText, r.target_size, "target",
              TKG.targetSampleSizeStatus)  # fmt: skip
    size(b, TKG.actualEnrolment, TKG.actualEnrolmentText, r.enrolment, "actual",
              TKG.actualEnrolmentStatus)  # fmt: skip


def size(
    b: Builder, p: Term, raw_p: Term, size: SampleSize | None, kind: str, status_p: Term
) -> None:
    if size is None:
        return
    t = b.trial
    if size.total is not None:
        b.add(t, p, _int(size.total))
    if size.status:  # actual or anticipated, as a date's status
        b.add(t, status_p, _iri(iris.vocab("date-status", size.status)))
    if size.total is None or size.parts or size.raw.strip() != str(size.total):
        b.text(t, raw_p, size.raw)
    for i, part in enumerate(size.parts, start=1):
        n = b.child(TKG.samplePart, TKG.SamplePart, "sample-size", kind, i)
        b.add(n, TKG.sampleSizeKind, _iri(iris.vocab("sample-size-kind", kind)))
        b.add(n, RDFS.label, _s(part.label))
        b.add(n, SCHEMA.value, _int(part.size))


def extra(b: Builder) -> None:
    for i, (key, value) in enumerate(sorted(b.r.extra.items()), start=1):
        n = b.child(TKG.sourceField, TKG.SourceField, "source-field", i)
        b.add(n, TKG.fieldName, _s(key))
        b.add(n, TKG.fieldValue, _s(value))


def provenance(b: Builder) -> None:
    p, t = b.r.provenance, b.trial
    rec = _iri(b.m.record(b.id, p.source_format))
    b.add(t, TKG.sourceRecord, rec)
    b.add(rec, RDF.type, TKG.SourceRecord)
    b.add(rec, RDF.type, PROV.Entity)
    b.add(rec, TKG.sourceFormat, _s(p.source_format))
    b.add(rec, TKG.sourceFile, _s(_basename(p.source_file)))
    b.add(rec, TKG.positionInFile, _int(p.position))
    if p.exported_on is not None:
        b.add(rec, TKG.exportDate, _date(p.exported_on))
    if p.exported_on_raw and (p.exported_on is None or p.exported_on_raw != p.exported_on.iso()):
        b.add(rec, TKG.exportDateText, _s(p.exported_on_raw))  # with its time, verbatim
    version = b.r.version_date()
    if version is not None:
        b.add(rec, DCTERMS.modified, _date(version))
    ictrp = p.source_format in ICTRP_FORMATS
    publisher = kinds.Publisher.WHO_ICTRP if ictrp else kinds.Publisher.CLINICALTRIALS_GOV
    pub = _iri(iris.vocab("publisher", publisher))
    b.add(rec, DCTERMS.publisher, pub)
    b.add(pub, RDF.type, SCHEMA.Organization)
    b.add(pub, SCHEMA.name, _s(kinds.SCHEMES["publisher"][publisher]))
    b.add(rec, DCTERMS.rights, _s(ICTRP_ATTRIBUTION if ictrp else CTGOV_ATTRIBUTION))
    b.add(rec, DCTERMS.license, NamedNode(ICTRP_LICENCE if ictrp else CTGOV_LICENCE))
    source_url = _url_node(b.r.url) if b.r.url else None
    if source_url is not None:
        b.add(rec, PROV.wasDerivedFrom, source_url)
    if b.o.processed_at:
        b.add(rec, PROV.generatedAtTime, Literal(b.o.processed_at, datatype=XSD.dateTime))


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
