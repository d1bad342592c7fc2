"""What a trial measures and reports: outcomes, results and references."""

from __future__ import annotations

from kg.mapping.builder import Builder
from kg.mapping.terms import _bool, _int, _s
from kg.namespaces import DCTERMS, RDF, RDFS, SCHEMA, TKG, pubmed


def outcomes(b: Builder) -> None:
    classes = {
        "primary": TKG.PrimaryOutcome,
        "secondary": TKG.SecondaryOutcome,
        "other": TKG.OtherOutcome,
    }
    for o in b.r.outcomes:
        n = b.child(TKG.outcome, TKG.Outcome, "outcome", o.kind, o.position)
        if o.kind in classes:
            b.add(n, RDF.type, classes[o.kind])
        b.add(n, TKG.measure, _s(o.measure))
        b.text(n, TKG.timeFrame, o.time_frame)
        b.text(n, DCTERMS.description, o.description)
        b.add(n, TKG.position, _int(o.position))
        if o.raw and o.raw != o.measure:
            b.add(n, TKG.outcomeText, _s(o.raw))


def results(b: Builder) -> None:
    res = b.r.results
    if res.is_empty():
        return
    n = b.child(TKG.results, TKG.Results, "results")
    if res.available is not None:
        b.add(n, TKG.resultsAvailable, _bool(res.available))
    elif res.available_raw:
        b.add(n, TKG.resultsAvailableText, _s(res.available_raw))
    b.date(n, TKG.resultsPostedDate, res.date_posted)
    b.date(n, TKG.studyCompletedDate, res.date_completed)
    b.date(n, TKG.firstPublicationDate, res.date_first_publication)
    b.url(n, SCHEMA.url, res.url)
    b.url(n, TKG.protocolUrl, res.protocol_url)
    b.text(n, TKG.resultsSummary, res.summary)
    b.text(n, TKG.baselineCharacteristics, res.baseline_characteristics)
    b.text(n, TKG.participantFlow, res.participant_flow)
    b.text(n, TKG.adverseEvents, res.adverse_events)
    b.text(n, TKG.outcomeMeasures, res.outcome_measures)
    b.text(n, TKG.ipdSharingPlan, res.ipd_plan)
    b.text(n, TKG.ipdSharingDescription, res.ipd_description)


def references(b: Builder) -> None:
    for i, ref in enumerate(b.r.references, start=1):
        n = b.child(TKG.reference, TKG.Reference, "reference", i)
        b.text(n, TKG.citation, ref.citation)
        b.kind(n, TKG.referenceType, "Reference.type", ref.type,
                  TKG.referenceTypeText)  # fmt: skip
        if ref.pmid:
            b.add(n, TKG.pmid, _s(ref.pmid))
            if ref.pmid.isdigit():
                b.add(n, RDFS.seeAlso, pubmed(ref.pmid))
