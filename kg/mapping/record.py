"""One record's triples: the sections of the mapper, in order, and the privacy pass."""

from __future__ import annotations

from pyoxigraph import RdfFormat, Triple, parse

from kg.mapping import concepts, eligibility, outcomes, parties, trial
from kg.mapping.builder import Builder
from kg.mapping.options import MappingOptions
from kg.model import TrialRecord
from kg.privacy import scrub_line


def map_record(record: TrialRecord, options: MappingOptions | None = None) -> list[Triple]:
    """All triples one record gives (deduplicated, in first-seen order), as pyoxigraph terms."""
    text = "".join(record_lines(record, options or MappingOptions()))
    return list(parse(text, format=RdfFormat.N_TRIPLES))


def record_lines(record: TrialRecord, options: MappingOptions) -> list[str]:
    """The record's triples as N-Triples lines (deduplicated, in first-seen order)."""
    own, shared = record_parts(record, options)
    return list(dict.fromkeys(own + shared))


def record_parts(record: TrialRecord, options: MappingOptions) -> tuple[list[str], list[str]]:
    """The record's own lines, and the lines it shares with every trial that names the
    same things (a country's code and English name: kg.mapping.countries), each
    deduplicated, in first-seen order."""
    b = Builder(record, options)
    trial.identity(b)
    trial.dates(b)
    trial.status_and_design(b)
    parties.countries(b)
    parties.organizations(b)
    parties.contacts(b)
    concepts.conditions(b)
    concepts.arms(b, concepts.interventions(b))
    eligibility.eligibility(b)
    outcomes.outcomes(b)
    parties.sites(b)
    parties.ethics(b)
    outcomes.results(b)
    outcomes.references(b)
    trial.extra(b)
    trial.provenance(b)
    shared = list(dict.fromkeys(b.shared))
    if options.include_contacts:
        return list(dict.fromkeys(b.out)), shared
    return [x for x in dict.fromkeys(map(scrub_line, b.out)) if x is not None], shared  # kg.privacy
