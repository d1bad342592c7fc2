"""Generate ontologies/vocab.ttl: trialkg's controlled vocabularies as SKOS.

The concept codes and English labels come from ``kg.normalize.schemes.SCHEMES``
(the same tables the normalisers use), definitions and certain standard
equivalents from the tables below, so the published vocabulary and the code
cannot drift. A test regenerates the file and compares it byte for byte.

    .venv/bin/python scripts/build_vocab.py            # rewrite ontologies/vocab.ttl
    .venv/bin/python scripts/build_vocab.py --check    # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.iris import VOCAB_BASE, vocab  # noqa: E402
from kg.namespaces import (  # noqa: E402
    FHIR_NS,
    FHIR_TERMINOLOGY_NS,
    OBO_NS,
    SCHEMA_NS,
    WIKIDATA_NS,
    coding_system,
)
from kg.normalize import coded, kinds  # noqa: E402

SCHEMES: dict[str, dict[str, str]] = {**coded.SCHEMES, **kinds.SCHEMES}

OUT = ROOT / "ontologies" / "vocab.ttl"

SCHEME_INFO: dict[str, tuple[str, str]] = {
    "phase": ("Trial phase", "The phase of clinical development a trial belongs to."),
    "recruitment-status": (
        "Recruitment status",
        "Where a trial stands in recruiting participants, or the availability of an expanded "
        "access programme, as reported by its register.",
    ),
    "study-type": ("Study type", "Whether a study assigns interventions or only observes."),
    "intervention-type": ("Intervention type", "The kind of intervention a trial studies."),
    "allocation": ("Allocation", "How participants are assigned to the arms of a trial."),
    "intervention-model": (
        "Intervention model",
        "The general design of the strategy for assigning interventions to participants.",
    ),
    "primary-purpose": (
        "Primary purpose",
        "The main reason for which an interventional trial is done.",
    ),
    "masking": ("Masking", "How many parties to a trial are kept unaware of the assignment."),
    "who-masked": ("Masked party", "A party to a trial that is kept unaware of the assignment."),
    "observational-model": (
        "Observational model",
        "The design by which participants of an observational study are identified and followed.",
    ),
    "time-perspective": (
        "Time perspective",
        "The temporal relation between observation and the events an observational study records.",
    ),
    "gender": ("Eligible sex", "The sex of the participants a trial accepts."),
    "date-status": (
        "Date status",
        "Whether a reported date has happened or is a planned or estimated date.",
    ),
    "agency-class": (
        "Agency class",
        "The kind of organisation a sponsor or collaborator is, as ClinicalTrials.gov classes it.",
    ),
    "contact-role": ("Contact role", "Why a person is named on a trial's record."),
    "arm-type": ("Arm type", "The role of an arm (group of participants) in a trial's design."),
    "review-status": ("Review status", "Where an ethics committee's review of a trial stands."),
    "reference-type": (
        "Reference type",
        "How a publication cited by a trial's record relates to the trial.",
    ),
    "sample-size-kind": (
        "Sample size kind",
        "Whether a sample size is the planned (target) or the actual enrolment.",
    ),
    "publisher": (
        "Record publisher",
        "The organisations that publish the registry records trialkg reads.",
    ),
    "coding-system": (
        "Coding system",
        "Terminologies that registers code conditions and interventions with. Systems with a "
        "bioregistry entry are named by their bioregistry IRI.",
    ),
}

DEFINITIONS: dict[str, dict[str, str]] = {
    "phase": {
        "early-phase-1": "Exploratory first-in-human trial with very limited human exposure and "
        "no therapeutic or diagnostic intent (formerly 'Phase 0' in ClinicalTrials.gov).",
        "phase-0": "Phase 0 as registers such as ChiCTR report it: an exploratory or "
        "pre-phase-1 study, or a study for which the register's phase field is 0.",
        "phase-1": "Trial of a new intervention in a small group, mainly to assess safety, "
        "tolerability and pharmacology (human pharmacology).",
        "phase-2": "Trial in participants with the condition to explore efficacy and "
        "side effects (therapeutic exploratory).",
        "phase-3": "Trial in larger groups to confirm efficacy and monitor adverse effects "
        "(therapeutic confirmatory).",
        "phase-4": "Trial after marketing authorisation to study the intervention in "
        "routine use (therapeutic use).",
        "not-applicable": "Phases do not apply: a trial without a drug or biological product "
        "under study, or an observational study.",
    },
    "recruitment-status": {
        "not-yet-recruiting": "The study has not started recruiting participants.",
        "recruiting": "The study is recruiting participants.",
        "enrolling-by-invitation": "The study enrols participants selected by invitation only.",
        "active-not-recruiting": "The study is ongoing but no longer recruits participants.",
        "not-recruiting": "The register reports the study as not recruiting, without saying "
        "whether it has yet to start, is ongoing or has ended (ICTRP 'Not recruiting').",
        "suspended": "Recruitment or enrolment has stopped early but may resume.",
        "terminated": "The study stopped early and will not resume.",
        "completed": "The study has ended normally.",
        "withdrawn": "The study stopped before enrolling its first participant.",
        "unknown": "The status is not known: not verified recently, or not given by the register.",
        "available": "Expanded access is currently available for this treatment.",
        "no-longer-available": "Expanded access was available but no longer is.",
        "temporarily-not-available": "Expanded access is temporarily not available.",
        "approved-for-marketing": "The treatment has been approved for sale to the public.",
        "withheld": "The register withholds the status of this record.",
        "authorised": "The trial has been authorised by the competent authority (EU Clinical "
        "Trials Register status).",
        "pending": "Recruitment is pending: the study has not yet started recruiting as the "
        "register reports it (e.g. ANZCTR, ISRCTN).",
    },
    "study-type": {
        "interventional": "Participants are assigned by the investigators to receive one or "
        "more interventions, whose effects are evaluated.",
        "observational": "Participants are observed and outcomes measured without "
        "intervention assigned by the investigators.",
        "expanded-access": "A programme giving patients access to an investigational product "
        "outside a clinical trial.",
        "other": "A study type the register gives that is neither interventional, "
        "observational nor expanded access (e.g. ChiCTR 'Diagnostic test', 'Basic Science').",
    },
    "intervention-type": {
        "drug": "A medicinal product, including placebo.",
        "device": "A medical device, including a sham device.",
        "biological": "A biological product such as a vaccine, blood product or gene therapy.",
        "procedure": "A surgical or other procedure.",
        "radiation": "A radiation-based intervention.",
        "behavioral": "A behavioural intervention, such as psychotherapy or lifestyle counselling.",
        "genetic": "A genetic intervention, such as gene transfer or stem cell therapy.",
        "dietary-supplement": "A dietary supplement, such as vitamins or minerals.",
        "combination-product": "A combination of drug, device and/or biological product.",
        "diagnostic-test": "A diagnostic test, such as an imaging or in-vitro test.",
        "other": "An intervention of another type.",
    },
    "allocation": {
        "randomized": "Participants are assigned to arms by chance.",
        "non-randomized": "Participants are assigned to arms other than by chance.",
        "not-applicable": "Allocation does not apply: a single-arm study.",
    },
    "intervention-model": {
        "single-group": "All participants receive the same intervention (one arm).",
        "parallel": "Groups of participants receive different interventions at the same time.",
        "crossover": "Participants receive the interventions one after another, in a "
        "different order per group.",
        "factorial": "Two or more interventions are studied in combinations, each alone and "
        "together.",
        "sequential": "Groups of participants are assigned to interventions one after "
        "another (e.g. dose escalation).",
    },
    "primary-purpose": {
        "treatment": "To treat a disease, syndrome or condition.",
        "prevention": "To prevent a disease or condition.",
        "diagnostic": "To evaluate ways of diagnosing a disease or condition.",
        "supportive-care": "To maximise comfort or reduce symptoms rather than cure.",
        "screening": "To evaluate ways of detecting a disease in people without symptoms.",
        "health-services-research": "To evaluate the delivery, process, management or "
        "financing of health care.",
        "basic-science": "To examine the basic mechanism of an intervention or process.",
        "device-feasibility": "To evaluate the feasibility of a device in a few participants.",
        "educational": "To evaluate education, counselling or training.",
        "other": "Another primary purpose.",
    },
    "masking": {
        "none": "No masking: an open-label study.",
        "single": "One party is masked.",
        "double": "Two parties are masked.",
        "triple": "Three parties are masked.",
        "quadruple": "Four parties are masked.",
    },
    "who-masked": {
        "participant": "The participants do not know their assignment.",
        "care-provider": "The people giving the intervention do not know the assignment.",
        "investigator": "The investigators do not know the assignment.",
        "outcomes-assessor": "The people assessing the outcomes do not know the assignment.",
    },
    "observational-model": {
        "cohort": "A group sharing a characteristic is followed over time.",
        "case-control": "People with a condition are compared with people without it.",
        "case-only": "Only people with the condition or exposure are studied.",
        "case-crossover": "Each participant serves as their own control at different times.",
        "ecologic-or-community": "Groups or communities rather than individuals are the "
        "unit of analysis.",
        "family-based": "Families or relatives are studied.",
        "defined-population": "A population defined by a shared characteristic is studied.",
        "natural-history": "The natural course of a disease is studied.",
        "other": "Another observational model.",
    },
    "time-perspective": {
        "prospective": "Data are collected forward in time from the start of the study.",
        "retrospective": "Data are collected about past events.",
        "cross-sectional": "Data are collected at one point in time.",
        "other": "Another time perspective.",
    },
    "gender": {
        "all": "Participants of any sex are accepted.",
        "female": "Only female participants are accepted.",
        "male": "Only male participants are accepted.",
    },
    "date-status": {
        "actual": "The date has happened.",
        "anticipated": "The date is planned or estimated.",
    },
    "agency-class": {
        "nih": "The U.S. National Institutes of Health.",
        "fed": "A U.S. federal government agency other than the NIH.",
        "other-gov": "A government agency other than a U.S. federal one (state, local, foreign).",
        "individual": "An individual person.",
        "industry": "A pharmaceutical, biotechnology or device company.",
        "network": "A network or cooperative group of institutions.",
        "ambiguous": "ClinicalTrials.gov could not tell the class.",
        "other": "Another kind of organisation: a university, hospital or foundation.",
        "unknown": "The class is not known.",
    },
    "contact-role": {
        "public": "The contact for public queries.",
        "scientific": "The contact for scientific queries.",
        "central": "The contact for enrolment questions across all sites.",
        "official": "A person responsible for the scientific leadership of the trial.",
        "site": "A contact or investigator at one site.",
        "responsible": "The party responsible for registering the trial and reporting it.",
    },
    "arm-type": {
        "experimental": "An arm receiving the intervention under study.",
        "active-comparator": "An arm receiving an active treatment the experimental one is "
        "compared with.",
        "placebo-comparator": "An arm receiving a placebo.",
        "sham-comparator": "An arm receiving a procedure or device that imitates the "
        "intervention without its active part.",
        "no-intervention": "An arm receiving no intervention.",
        "other": "An arm of another type.",
    },
    "review-status": {
        "approved": "The ethics committee approved the trial.",
        "submitted": "The trial was submitted for review and awaits a decision.",
        "not-approved": "The ethics committee did not approve the trial.",
        "not-required": "No ethics review is required for the trial.",
    },
    "reference-type": {
        "background": "A publication giving background to the trial.",
        "result": "A publication reporting results of the trial.",
        "derived": "A publication about the trial found by the register (e.g. by its ID in "
        "PubMed), not given by the sponsor.",
    },
    "sample-size-kind": {
        "target": "The number of participants the trial plans to enrol.",
        "actual": "The number of participants the trial has enrolled.",
    },
    "publisher": {
        "who-ictrp": "The World Health Organization's International Clinical Trials Registry "
        "Platform, which gathers the records of the world's registers.",
        "clinicaltrials-gov": "ClinicalTrials.gov, run by the U.S. National Library of Medicine.",
    },
    "coding-system": {
        "mesh": "Medical Subject Headings, the U.S. National Library of Medicine's thesaurus.",
        "meddra": "The Medical Dictionary for Regulatory Activities.",
        "icd10": "The International Classification of Diseases, 10th revision.",
        "atc": "The Anatomical Therapeutic Chemical classification of drugs.",
        "ema-therapeutic-area": "The therapeutic areas of the EU Clinical Trials Register "
        "(named after MeSH disease categories).",
    },
}

# Standard equivalents we are certain of: (property, IRI). schema.org terms as published
# on https://schema.org/MedicalStudyStatus and https://schema.org/MedicalTrialDesign.
SCHEMA = SCHEMA_NS
MATCHES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("recruitment-status", "not-yet-recruiting"): [("exactMatch", SCHEMA + "NotYetRecruiting")],
    ("recruitment-status", "recruiting"): [("exactMatch", SCHEMA + "Recruiting")],
    ("recruitment-status", "enrolling-by-invitation"): [
        ("exactMatch", SCHEMA + "EnrollingByInvitation")
    ],
    ("recruitment-status", "active-not-recruiting"): [
        ("exactMatch", SCHEMA + "ActiveNotRecruiting")
    ],
    ("recruitment-status", "suspended"): [("exactMatch", SCHEMA + "Suspended")],
    ("recruitment-status", "terminated"): [("exactMatch", SCHEMA + "Terminated")],
    ("recruitment-status", "completed"): [("exactMatch", SCHEMA + "Completed")],
    ("recruitment-status", "withdrawn"): [("exactMatch", SCHEMA + "Withdrawn")],
    ("allocation", "randomized"): [("closeMatch", SCHEMA + "RandomizedTrial")],
    ("masking", "none"): [("closeMatch", SCHEMA + "OpenTrial")],
    ("masking", "single"): [("closeMatch", SCHEMA + "SingleBlindTrial")],
    ("masking", "double"): [("closeMatch", SCHEMA + "DoubleBlindedTrial")],
    ("masking", "triple"): [("closeMatch", SCHEMA + "TripleBlindedTrial")],
}


def _add(scheme: str, code: str, prop: str, iri: str) -> None:
    MATCHES.setdefault((scheme, code), []).append((prop, iri))


# FHIR R5 code systems (concept IRI: the code system's canonical URL, "#", the code).
_FHIR_PHASE = FHIR_TERMINOLOGY_NS + "research-study-phase#"
_FHIR_PURPOSE = FHIR_TERMINOLOGY_NS + "research-study-prim-purp-type#"
_FHIR_ARM = FHIR_TERMINOLOGY_NS + "research-study-arm-type#"
_FHIR_STATUS = FHIR_NS + "research-study-status#"
for _code, _fhir in {
    "early-phase-1": "early-phase-1",
    "phase-1": "phase-1",
    "phase-2": "phase-2",
    "phase-3": "phase-3",
    "phase-4": "phase-4",
    "not-applicable": "n-a",
}.items():
    _add("phase", _code, "exactMatch", _FHIR_PHASE + _fhir)
for _code in (
    "treatment", "prevention", "diagnostic", "supportive-care", "screening",
    "health-services-research", "basic-science", "device-feasibility",
):  # fmt: skip
    _add("primary-purpose", _code, "exactMatch", _FHIR_PURPOSE + _code)
for _code in (
    "experimental", "active-comparator", "placebo-comparator", "sham-comparator",
    "no-intervention",
):  # fmt: skip
    _add("arm-type", _code, "exactMatch", _FHIR_ARM + _code)
_add("arm-type", "other", "exactMatch", _FHIR_ARM + "other-arm-type")
# FHIR R5 study-design (SEVCO codes) for the ResearchStudy.studyDesign element.
_FHIR_DESIGN = FHIR_NS + "study-design#"
_add("study-type", "interventional", "exactMatch", _FHIR_DESIGN + "SEVCO:01001")
_add("study-type", "observational", "exactMatch", _FHIR_DESIGN + "SEVCO:01002")
_add("allocation", "randomized", "exactMatch", _FHIR_DESIGN + "SEVCO:01003")
# FHIR research-study-status is the NCI's protocol life cycle: close, not the same cut.
for _code, _fhir in {
    "not-yet-recruiting": "approved",
    "recruiting": "active",
    "active-not-recruiting": "closed-to-accrual",
    "suspended": "temporarily-closed-to-accrual",
    "terminated": "administratively-completed",
    "completed": "completed",
    "withdrawn": "withdrawn",
}.items():
    _add("recruitment-status", _code, "closeMatch", _FHIR_STATUS + _fhir)
# Wikidata's items for the values of P6099 (clinical trial phase) and NCIt's phase classes:
# a phase of a trial, where ours is the phase itself, hence closeMatch.
for _code, _wikidata, _ncit in (
    ("phase-1", "Q42824069", "C15600"),
    ("phase-2", "Q42824440", "C15601"),
    ("phase-3", "Q42824827", "C15602"),
    ("phase-4", "Q42825046", "C15603"),
):
    _add("phase", _code, "closeMatch", WIKIDATA_NS + _wikidata)
    _add("phase", _code, "closeMatch", OBO_NS + "NCIT_" + _ncit)
# OBI's study classes (the types trials are also given) and schema.org's GenderType.
_add("study-type", "interventional", "closeMatch", OBO_NS + "OBI_0003699")
_add("study-type", "observational", "closeMatch", OBO_NS + "OBI_0003693")
_add("gender", "female", "closeMatch", SCHEMA + "Female")
_add("gender", "male", "closeMatch", SCHEMA + "Male")
_add("gender", "female", "closeMatch", WIKIDATA_NS + "Q6581072")  # the values of P21 (sex)
_add("gender", "male", "closeMatch", WIKIDATA_NS + "Q6581097")
# schema.org types a consumer would type an intervention or an observational design with.
for _code, _type in {
    "drug": "Drug",
    "device": "MedicalDevice",
    "procedure": "MedicalProcedure",
    "radiation": "RadiationTherapy",
    "behavioral": "BehavioralTherapy",
    "dietary-supplement": "DietarySupplement",
}.items():
    _add("intervention-type", _code, "closeMatch", SCHEMA + _type)
_add("observational-model", "cohort", "closeMatch", SCHEMA + "CohortStudy")
_add("time-perspective", "cross-sectional", "closeMatch", SCHEMA + "CrossSectional")
# Our coding-system concepts are the bioregistry entries themselves where one exists.
EXTERNAL_MEMBERS: dict[str, dict[str, str]] = {
    "coding-system": {
        code: coding_system(code)
        for code in kinds.SCHEMES["coding-system"]
        if coding_system(code) != vocab("coding-system", code)
    },
}
TYPES: dict[str, str] = {"publisher": "schema:Organization"}

HEADER = """\
# GENERATED by scripts/build_vocab.py from kg/normalize/coded.py: do not edit by hand.
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .

"""


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@en'


def _member(scheme: str, code: str) -> str:
    return EXTERNAL_MEMBERS.get(scheme, {}).get(code) or vocab(scheme, code)


def _iri(iri: str) -> str:
    if iri.startswith(SCHEMA):
        return "schema:" + iri[len(SCHEMA) :]
    return f"<{iri}>"


def render() -> str:
    """The whole vocabulary as Turtle text (deterministic)."""
    missing = [
        (scheme, code)
        for scheme, concepts in SCHEMES.items()
        for code in concepts
        if code not in DEFINITIONS.get(scheme, {})
    ]
    if missing or set(SCHEME_INFO) != set(SCHEMES):
        raise SystemExit(f"definitions missing for {missing or 'a scheme'}")
    parts = [HEADER]
    for scheme, concepts in SCHEMES.items():
        label, definition = SCHEME_INFO[scheme]
        scheme_iri = f"{VOCAB_BASE}{scheme}"
        parts.append(
            f"<{scheme_iri}> a skos:ConceptScheme ;\n"
            f"    skos:prefLabel {_literal(label)} ;\n"
            f"    skos:definition {_literal(definition)} ;\n"
            f'    dcterms:creator "trialkg" ;\n'
            + "".join(f"    skos:hasTopConcept <{_member(scheme, c)}> ;\n" for c in concepts)
            + f'    skos:notation "{scheme}" .\n\n'
        )
        for code, pref in concepts.items():
            kind = f"skos:Concept, {TYPES[scheme]}" if scheme in TYPES else "skos:Concept"
            lines = [
                f"<{_member(scheme, code)}> a {kind} ;",
                f"    skos:prefLabel {_literal(pref)} ;",
                f"    skos:definition {_literal(DEFINITIONS[scheme][code])} ;",
                f'    skos:notation "{code}" ;',
            ]
            for prop, target in MATCHES.get((scheme, code), []):
                lines.append(f"    skos:{prop} {_iri(target)} ;")
            lines.append(f"    skos:inScheme <{scheme_iri}> ;")
            lines.append(f"    skos:topConceptOf <{scheme_iri}> .")
            parts.append("\n".join(lines) + "\n\n")
    return "".join(parts).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run scripts/build_vocab.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
