"""Every namespace and term trialkg writes, declared once.

No raw IRI appears anywhere else in the package: code refers to ``TKG.publicTitle``,
``SCHEMA.MedicalTrial``... Our own terms (``TKG``) are checked against
ontologies/trialkg.ttl by a meta-test: each must be declared there with a label
and a definition. A misspelt term is an AttributeError at import time.

>>> TKG.publicTitle.value
'https://w3id.org/trialkg/publicTitle'
>>> TKG.nonsense
Traceback (most recent call last):
...
AttributeError: type object 'TKG' has no attribute 'nonsense'
"""

from __future__ import annotations

from pyoxigraph import NamedNode

TKG_NS = "https://w3id.org/trialkg/"
SCHEMA_NS = "https://schema.org/"
DCTERMS_NS = "http://purl.org/dc/terms/"
PROV_NS = "http://www.w3.org/ns/prov#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
SEMAPV_NS = "https://w3id.org/semapv/vocab/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
OBO_NS = "http://purl.obolibrary.org/obo/"
VOID_NS = "http://rdfs.org/ns/void#"
DCAT_NS = "http://www.w3.org/ns/dcat#"
SH_NS = "http://www.w3.org/ns/shacl#"
MESH_NS = "http://id.nlm.nih.gov/mesh/"
PUBMED_NS = "https://pubmed.ncbi.nlm.nih.gov/"
MEDDRA_NS = "http://purl.bioontology.org/ontology/MEDDRA/"
# trialkg's own IRIs: minted data (default base, --base overrides) and controlled vocabularies
TKG_ID_NS = "https://w3id.org/trialkg/id/"
TKGV_NS = "https://w3id.org/trialkg/vocab/"
TKG_MAPPINGS_NS = "https://w3id.org/trialkg/mappings/"
# terminologies and registries referred to by IRI
BIOREGISTRY_NS = "https://bioregistry.io/registry/"
FHIR_NS = "http://hl7.org/fhir/"
FHIR_TERMINOLOGY_NS = "http://terminology.hl7.org/CodeSystem/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"
MESHV_NS = "http://id.nlm.nih.gov/mesh/vocab#"
ORCID_NS = "https://orcid.org/"
SSSOM_NS = "https://w3id.org/sssom/"
UCUM_NS = "http://unitsofmeasure.org/"
VIRTRDF_NS = "http://www.openlinksw.com/schemas/virtrdf#"
LDP_NS = "http://www.w3.org/ns/ldp#"
# the sources' own web pages, licences and record pages
CTGOV_SITE = "https://clinicaltrials.gov/"
CTGOV_STUDY_NS = "https://clinicaltrials.gov/study/"
CTGOV_LICENCE = "https://clinicaltrials.gov/about-site/terms-conditions"
ICTRP_SITE = "https://trialsearch.who.int/"
ICTRP_LICENCE = "https://www.who.int/clinical-trials-registry-platform/network/who-data-set"
CC0_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"

PREFIXES: dict[str, str] = {
    "tkg": TKG_NS,
    "tkgv": TKGV_NS,
    "schema": SCHEMA_NS,
    "dcterms": DCTERMS_NS,
    "prov": PROV_NS,
    "skos": SKOS_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "xsd": XSD_NS,
    "owl": OWL_NS,
    "obo": OBO_NS,
    "void": VOID_NS,
    "dcat": DCAT_NS,
    "sh": SH_NS,
    "mesh": MESH_NS,
    "semapv": SEMAPV_NS,
}


def _n(ns: str, local: str) -> NamedNode:
    return NamedNode(ns + local)


class TKG:
    """trialkg's own ontology terms (ontologies/trialkg.ttl)."""

    # classes
    Trial = _n(TKG_NS, "Trial")
    Register = _n(TKG_NS, "Register")
    RegistryIdentifier = _n(TKG_NS, "RegistryIdentifier")
    SourceRecord = _n(TKG_NS, "SourceRecord")
    TrialGraph = _n(TKG_NS, "TrialGraph")
    Condition = _n(TKG_NS, "Condition")
    ConditionMention = _n(TKG_NS, "ConditionMention")
    Intervention = _n(TKG_NS, "Intervention")
    InterventionMention = _n(TKG_NS, "InterventionMention")
    Keyword = _n(TKG_NS, "Keyword")
    EligibilityCriterion = _n(TKG_NS, "EligibilityCriterion")
    InclusionCriterion = _n(TKG_NS, "InclusionCriterion")
    ExclusionCriterion = _n(TKG_NS, "ExclusionCriterion")
    AgeLimit = _n(TKG_NS, "AgeLimit")
    Outcome = _n(TKG_NS, "Outcome")
    PrimaryOutcome = _n(TKG_NS, "PrimaryOutcome")
    SecondaryOutcome = _n(TKG_NS, "SecondaryOutcome")
    OtherOutcome = _n(TKG_NS, "OtherOutcome")
    StudyDesign = _n(TKG_NS, "StudyDesign")
    Contact = _n(TKG_NS, "Contact")
    Country = _n(TKG_NS, "Country")
    EthicsReview = _n(TKG_NS, "EthicsReview")
    Results = _n(TKG_NS, "Results")
    SamplePart = _n(TKG_NS, "SamplePart")
    Arm = _n(TKG_NS, "Arm")
    Site = _n(TKG_NS, "Site")
    Reference = _n(TKG_NS, "Reference")
    RegistryCoding = _n(TKG_NS, "RegistryCoding")
    SourceField = _n(TKG_NS, "SourceField")
    Link = _n(TKG_NS, "Link")
    # identity, register, provenance
    trialId = _n(TKG_NS, "trialId")
    register = _n(TKG_NS, "register")
    secondaryId = _n(TKG_NS, "secondaryId")
    identifierValue = _n(TKG_NS, "identifierValue")
    identifierScheme = _n(TKG_NS, "identifierScheme")
    identifierKind = _n(TKG_NS, "identifierKind")
    identifierIssuer = _n(TKG_NS, "identifierIssuer")
    identifiesTrial = _n(TKG_NS, "identifiesTrial")
    relatedRecord = _n(TKG_NS, "relatedRecord")
    euTrialNumber = _n(TKG_NS, "euTrialNumber")
    sourceRecord = _n(TKG_NS, "sourceRecord")
    sourceFormat = _n(TKG_NS, "sourceFormat")
    sourceFile = _n(TKG_NS, "sourceFile")
    positionInFile = _n(TKG_NS, "positionInFile")
    exportDate = _n(TKG_NS, "exportDate")
    exportDateText = _n(TKG_NS, "exportDateText")
    aboutTrial = _n(TKG_NS, "aboutTrial")
    versionDate = _n(TKG_NS, "versionDate")
    sourceRank = _n(TKG_NS, "sourceRank")
    contentDigest = _n(TKG_NS, "contentDigest")
    sourceField = _n(TKG_NS, "sourceField")
    fieldName = _n(TKG_NS, "fieldName")
    fieldValue = _n(TKG_NS, "fieldValue")
    # titles and text
    publicTitle = _n(TKG_NS, "publicTitle")
    scientificTitle = _n(TKG_NS, "scientificTitle")
    acronym = _n(TKG_NS, "acronym")
    briefSummary = _n(TKG_NS, "briefSummary")
    detailedDescription = _n(TKG_NS, "detailedDescription")
    # dates
    registrationDate = _n(TKG_NS, "registrationDate")
    lastRefreshed = _n(TKG_NS, "lastRefreshed")
    firstEnrolmentDate = _n(TKG_NS, "firstEnrolmentDate")
    primaryCompletionDate = _n(TKG_NS, "primaryCompletionDate")
    completionDate = _n(TKG_NS, "completionDate")
    lastUpdated = _n(TKG_NS, "lastUpdated")
    dateStatus = _n(TKG_NS, "dateStatus")
    firstEnrolmentDateStatus = _n(TKG_NS, "firstEnrolmentDateStatus")
    primaryCompletionDateStatus = _n(TKG_NS, "primaryCompletionDateStatus")
    completionDateStatus = _n(TKG_NS, "completionDateStatus")
    unparsedDate = _n(TKG_NS, "unparsedDate")
    prospectiveRegistration = _n(TKG_NS, "prospectiveRegistration")
    prospectiveRegistrationText = _n(TKG_NS, "prospectiveRegistrationText")
    # status, type, design, phase, size
    recruitmentStatus = _n(TKG_NS, "recruitmentStatus")
    recruitmentStatusText = _n(TKG_NS, "recruitmentStatusText")
    whyStopped = _n(TKG_NS, "whyStopped")
    studyType = _n(TKG_NS, "studyType")
    studyTypeText = _n(TKG_NS, "studyTypeText")
    design = _n(TKG_NS, "design")
    designText = _n(TKG_NS, "designText")
    designNote = _n(TKG_NS, "designNote")
    allocation = _n(TKG_NS, "allocation")
    interventionModel = _n(TKG_NS, "interventionModel")
    primaryPurpose = _n(TKG_NS, "primaryPurpose")
    masking = _n(TKG_NS, "masking")
    whoMasked = _n(TKG_NS, "whoMasked")
    observationalModel = _n(TKG_NS, "observationalModel")
    timePerspective = _n(TKG_NS, "timePerspective")
    phase = _n(TKG_NS, "phase")
    phaseText = _n(TKG_NS, "phaseText")
    targetSampleSize = _n(TKG_NS, "targetSampleSize")
    targetSampleSizeText = _n(TKG_NS, "targetSampleSizeText")
    actualEnrolment = _n(TKG_NS, "actualEnrolment")
    actualEnrolmentText = _n(TKG_NS, "actualEnrolmentText")
    targetSampleSizeStatus = _n(TKG_NS, "targetSampleSizeStatus")
    actualEnrolmentStatus = _n(TKG_NS, "actualEnrolmentStatus")
    samplePart = _n(TKG_NS, "samplePart")
    country = _n(TKG_NS, "country")
    countryCode = _n(TKG_NS, "countryCode")
    # organizations and people
    primarySponsor = _n(TKG_NS, "primarySponsor")
    secondarySponsor = _n(TKG_NS, "secondarySponsor")
    fundingSource = _n(TKG_NS, "fundingSource")
    agencyClass = _n(TKG_NS, "agencyClass")
    agencyClassText = _n(TKG_NS, "agencyClassText")
    contactRoleText = _n(TKG_NS, "contactRoleText")
    armTypeText = _n(TKG_NS, "armTypeText")
    siteStatusText = _n(TKG_NS, "siteStatusText")
    reviewStatusText = _n(TKG_NS, "reviewStatusText")
    referenceTypeText = _n(TKG_NS, "referenceTypeText")
    codingSystemText = _n(TKG_NS, "codingSystemText")
    sampleSizeKind = _n(TKG_NS, "sampleSizeKind")
    ucumCode = _n(TKG_NS, "ucumCode")
    contact = _n(TKG_NS, "contact")
    contactRole = _n(TKG_NS, "contactRole")
    officialRole = _n(TKG_NS, "officialRole")
    degrees = _n(TKG_NS, "degrees")
    affiliation = _n(TKG_NS, "affiliation")
    city = _n(TKG_NS, "city")
    region = _n(TKG_NS, "region")
    postalCode = _n(TKG_NS, "postalCode")
    countryName = _n(TKG_NS, "countryName")
    # conditions and interventions
    conditionMention = _n(TKG_NS, "conditionMention")
    interventionMention = _n(TKG_NS, "interventionMention")
    reportedText = _n(TKG_NS, "reportedText")
    searchToken = _n(TKG_NS, "searchToken")  # the super-property of the kinds' tokens
    conditionToken = _n(TKG_NS, "conditionToken")
    interventionToken = _n(TKG_NS, "interventionToken")
    titleToken = _n(TKG_NS, "titleToken")
    organizationToken = _n(TKG_NS, "organizationToken")
    constraintToken = _n(TKG_NS, "constraintToken")
    exclusionToken = _n(TKG_NS, "exclusionToken")  # keeps out: in an exclusion criterion
    negatedInclusionToken = _n(TKG_NS, "negatedInclusionToken")  # keeps out: negated inclusion
    position = _n(TKG_NS, "position")
    mentions = _n(TKG_NS, "mentions")
    studiesCondition = _n(TKG_NS, "studiesCondition")
    studiesIntervention = _n(TKG_NS, "studiesIntervention")
    interventionName = _n(TKG_NS, "interventionName")
    interventionType = _n(TKG_NS, "interventionType")
    otherName = _n(TKG_NS, "otherName")
    keyword = _n(TKG_NS, "keyword")
    arm = _n(TKG_NS, "arm")
    armType = _n(TKG_NS, "armType")
    armIntervention = _n(TKG_NS, "armIntervention")
    registryConditionCoding = _n(TKG_NS, "registryConditionCoding")
    registryInterventionCoding = _n(TKG_NS, "registryInterventionCoding")
    codingSystem = _n(TKG_NS, "codingSystem")
    meshTreeNumber = _n(TKG_NS, "meshTreeNumber")
    codingDetail = _n(TKG_NS, "codingDetail")
    # eligibility
    eligibilityCriterion = _n(TKG_NS, "eligibilityCriterion")
    criterionText = _n(TKG_NS, "criterionText")
    inclusionCriteriaText = _n(TKG_NS, "inclusionCriteriaText")
    exclusionCriteriaText = _n(TKG_NS, "exclusionCriteriaText")
    minimumAge = _n(TKG_NS, "minimumAge")
    maximumAge = _n(TKG_NS, "maximumAge")
    ageInYears = _n(TKG_NS, "ageInYears")
    ageText = _n(TKG_NS, "ageText")
    noLimit = _n(TKG_NS, "noLimit")
    gender = _n(TKG_NS, "gender")
    genderText = _n(TKG_NS, "genderText")
    healthyVolunteers = _n(TKG_NS, "healthyVolunteers")
    studyPopulation = _n(TKG_NS, "studyPopulation")
    samplingMethod = _n(TKG_NS, "samplingMethod")
    # outcomes
    outcome = _n(TKG_NS, "outcome")
    measure = _n(TKG_NS, "measure")
    timeFrame = _n(TKG_NS, "timeFrame")
    outcomeText = _n(TKG_NS, "outcomeText")
    # sites, ethics, results, references
    site = _n(TKG_NS, "site")
    siteStatus = _n(TKG_NS, "siteStatus")
    ethicsReview = _n(TKG_NS, "ethicsReview")
    reviewStatus = _n(TKG_NS, "reviewStatus")
    approvalDate = _n(TKG_NS, "approvalDate")
    results = _n(TKG_NS, "results")
    resultsAvailable = _n(TKG_NS, "resultsAvailable")
    resultsAvailableText = _n(TKG_NS, "resultsAvailableText")
    resultsPostedDate = _n(TKG_NS, "resultsPostedDate")
    studyCompletedDate = _n(TKG_NS, "studyCompletedDate")
    firstPublicationDate = _n(TKG_NS, "firstPublicationDate")
    protocolUrl = _n(TKG_NS, "protocolUrl")
    resultsSummary = _n(TKG_NS, "resultsSummary")
    baselineCharacteristics = _n(TKG_NS, "baselineCharacteristics")
    participantFlow = _n(TKG_NS, "participantFlow")
    adverseEvents = _n(TKG_NS, "adverseEvents")
    outcomeMeasures = _n(TKG_NS, "outcomeMeasures")
    ipdSharingPlan = _n(TKG_NS, "ipdSharingPlan")
    ipdSharingDescription = _n(TKG_NS, "ipdSharingDescription")
    reference = _n(TKG_NS, "reference")
    citation = _n(TKG_NS, "citation")
    pmid = _n(TKG_NS, "pmid")
    referenceType = _n(TKG_NS, "referenceType")
    # linking (kg/linking)
    linkConfidence = _n(TKG_NS, "linkConfidence")
    matchType = _n(TKG_NS, "matchType")
    matchString = _n(TKG_NS, "matchString")
    linkSource = _n(TKG_NS, "linkSource")
    misfiled = _n(TKG_NS, "misfiled")
    link = _n(TKG_NS, "link")
    linkTarget = _n(TKG_NS, "linkTarget")
    linkPredicate = _n(TKG_NS, "linkPredicate")
    linkedText = _n(TKG_NS, "linkedText")
    mappingJustification = _n(TKG_NS, "mappingJustification")
    semanticGroup = _n(TKG_NS, "semanticGroup")
    # eligibility criteria as data (kg.criteria)
    EligibilityConstraint = _n(TKG_NS, "EligibilityConstraint")
    AgeConstraint = _n(TKG_NS, "AgeConstraint")
    SexConstraint = _n(TKG_NS, "SexConstraint")
    ThresholdConstraint = _n(TKG_NS, "ThresholdConstraint")
    TemporalConstraint = _n(TKG_NS, "TemporalConstraint")
    ConditionConstraint = _n(TKG_NS, "ConditionConstraint")
    TreatmentConstraint = _n(TKG_NS, "TreatmentConstraint")
    ReproductiveConstraint = _n(TKG_NS, "ReproductiveConstraint")
    ConsentConstraint = _n(TKG_NS, "ConsentConstraint")
    constraint = _n(TKG_NS, "constraint")
    constraintText = _n(TKG_NS, "constraintText")
    spanStart = _n(TKG_NS, "spanStart")
    spanEnd = _n(TKG_NS, "spanEnd")
    comparator = _n(TKG_NS, "comparator")
    upperValue = _n(TKG_NS, "upperValue")
    quantityName = _n(TKG_NS, "quantityName")
    temporalRelation = _n(TKG_NS, "temporalRelation")
    temporalAnchor = _n(TKG_NS, "temporalAnchor")
    restrictedSex = _n(TKG_NS, "restrictedSex")
    reproductiveStatus = _n(TKG_NS, "reproductiveStatus")
    negated = _n(TKG_NS, "negated")
    soleNumericIn = _n(TKG_NS, "soleNumericIn")
    ageFromYears = _n(TKG_NS, "ageFromYears")
    ageAboveYears = _n(TKG_NS, "ageAboveYears")
    ageToYears = _n(TKG_NS, "ageToYears")
    ageBelowYears = _n(TKG_NS, "ageBelowYears")
    # one study across registers (kg/clusters.py), a trial's history (kg/history.py)
    StudyCluster = _n(TKG_NS, "StudyCluster")
    registration = _n(TKG_NS, "registration")
    registrationKey = _n(TKG_NS, "registrationKey")
    TrialVersion = _n(TKG_NS, "TrialVersion")
    versionOf = _n(TKG_NS, "versionOf")
    replacedByVersion = _n(TKG_NS, "replacedByVersion")
    changedField = _n(TKG_NS, "changedField")
    snapshot = _n(TKG_NS, "snapshot")


class SCHEMA:
    MedicalStudy = _n(SCHEMA_NS, "MedicalStudy")
    MedicalTrial = _n(SCHEMA_NS, "MedicalTrial")
    MedicalObservationalStudy = _n(SCHEMA_NS, "MedicalObservationalStudy")
    Organization = _n(SCHEMA_NS, "Organization")
    Person = _n(SCHEMA_NS, "Person")
    MedicalCondition = _n(SCHEMA_NS, "MedicalCondition")
    QuantitativeValue = _n(SCHEMA_NS, "QuantitativeValue")
    name = _n(SCHEMA_NS, "name")
    givenName = _n(SCHEMA_NS, "givenName")
    familyName = _n(SCHEMA_NS, "familyName")
    email = _n(SCHEMA_NS, "email")
    telephone = _n(SCHEMA_NS, "telephone")
    address = _n(SCHEMA_NS, "address")
    url = _n(SCHEMA_NS, "url")
    value = _n(SCHEMA_NS, "value")
    unitCode = _n(SCHEMA_NS, "unitCode")
    startDate = _n(SCHEMA_NS, "startDate")
    endDate = _n(SCHEMA_NS, "endDate")
    alternateName = _n(SCHEMA_NS, "alternateName")
    codeValue = _n(SCHEMA_NS, "codeValue")
    latitude = _n(SCHEMA_NS, "latitude")
    longitude = _n(SCHEMA_NS, "longitude")
    healthCondition = _n(SCHEMA_NS, "healthCondition")


class DCTERMS:
    identifier = _n(DCTERMS_NS, "identifier")
    title = _n(DCTERMS_NS, "title")
    description = _n(DCTERMS_NS, "description")
    publisher = _n(DCTERMS_NS, "publisher")
    license = _n(DCTERMS_NS, "license")
    rights = _n(DCTERMS_NS, "rights")
    source = _n(DCTERMS_NS, "source")
    modified = _n(DCTERMS_NS, "modified")
    created = _n(DCTERMS_NS, "created")
    creator = _n(DCTERMS_NS, "creator")
    bibliographicCitation = _n(DCTERMS_NS, "bibliographicCitation")
    hasVersion = _n(DCTERMS_NS, "hasVersion")
    dateSubmitted = _n(DCTERMS_NS, "dateSubmitted")


class PROV:
    Entity = _n(PROV_NS, "Entity")
    wasDerivedFrom = _n(PROV_NS, "wasDerivedFrom")
    generatedAtTime = _n(PROV_NS, "generatedAtTime")
    wasAttributedTo = _n(PROV_NS, "wasAttributedTo")
    wasGeneratedBy = _n(PROV_NS, "wasGeneratedBy")


class SKOS:
    Concept = _n(SKOS_NS, "Concept")
    prefLabel = _n(SKOS_NS, "prefLabel")
    altLabel = _n(SKOS_NS, "altLabel")
    notation = _n(SKOS_NS, "notation")
    exactMatch = _n(SKOS_NS, "exactMatch")
    closeMatch = _n(SKOS_NS, "closeMatch")
    broadMatch = _n(SKOS_NS, "broadMatch")
    broader = _n(SKOS_NS, "broader")
    inScheme = _n(SKOS_NS, "inScheme")
    ConceptScheme = _n(SKOS_NS, "ConceptScheme")


class RDF:
    type = _n(RDF_NS, "type")
    value = _n(RDF_NS, "value")


class RDFS:
    label = _n(RDFS_NS, "label")
    comment = _n(RDFS_NS, "comment")
    seeAlso = _n(RDFS_NS, "seeAlso")


class XSD:
    string = _n(XSD_NS, "string")
    date = _n(XSD_NS, "date")
    gYearMonth = _n(XSD_NS, "gYearMonth")
    gYear = _n(XSD_NS, "gYear")
    dateTime = _n(XSD_NS, "dateTime")
    integer = _n(XSD_NS, "integer")
    decimal = _n(XSD_NS, "decimal")
    boolean = _n(XSD_NS, "boolean")
    anyURI = _n(XSD_NS, "anyURI")


class OBO:
    """OBI study types (http://purl.obolibrary.org/obo/)."""

    investigation = _n(OBO_NS, "OBI_0000066")
    clinical_trial = _n(OBO_NS, "OBI_0003699")
    observational_investigation = _n(OBO_NS, "OBI_0003693")


class VOID:
    Dataset = _n(VOID_NS, "Dataset")
    triples = _n(VOID_NS, "triples")
    entities = _n(VOID_NS, "entities")
    dataDump = _n(VOID_NS, "dataDump")


class DCAT:
    Dataset = _n(DCAT_NS, "Dataset")
    Distribution = _n(DCAT_NS, "Distribution")
    distribution = _n(DCAT_NS, "distribution")
    downloadURL = _n(DCAT_NS, "downloadURL")
    mediaType = _n(DCAT_NS, "mediaType")
    byteSize = _n(DCAT_NS, "byteSize")


def mesh(descriptor_id: str) -> NamedNode:
    """The MeSH RDF IRI of a descriptor.

    >>> mesh("D003882").value
    'http://id.nlm.nih.gov/mesh/D003882'
    """
    return _n(MESH_NS, descriptor_id)


def meddra(code: str) -> NamedNode:
    """The MedDRA term IRI (BioPortal / bioregistry form).

    >>> meddra("10036673").value
    'http://purl.bioontology.org/ontology/MEDDRA/10036673'
    """
    return _n(MEDDRA_NS, code)


def pubmed(pmid: str) -> NamedNode:
    return _n(PUBMED_NS, f"{pmid}/")


def tkgv(scheme: str, code: str) -> str:
    """The IRI of a concept of trialkg's controlled vocabularies (ontologies/vocab.ttl).

    >>> tkgv("phase", "early-phase-1")
    'https://w3id.org/trialkg/vocab/phase/early-phase-1'
    """
    return f"{TKGV_NS}{scheme}/{code}"


# Coding systems with a bioregistry entry are named by it; the others are our own concepts.
_BIOREGISTRY_SYSTEMS = frozenset({"mesh", "meddra", "icd10", "atc"})


def coding_system(code: str) -> str:
    """The IRI of a terminology a register codes with (``kg.normalize.kinds.CodingSystem``).

    >>> coding_system("mesh"), coding_system("ema-therapeutic-area")
    ('https://bioregistry.io/registry/mesh', 'https://w3id.org/trialkg/vocab/coding-system/ema-therapeutic-area')
    """
    if code in _BIOREGISTRY_SYSTEMS:
        return BIOREGISTRY_NS + code
    return tkgv("coding-system", code)


# Code systems the exports write (kg/exports): FHIR, UCUM, SNOMED CT, bioregistry.
FHIR_PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase"
FHIR_MESH_SYSTEM = "http://terminology.hl7.org/CodeSystem/MSH"
FHIR_GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender"
UCUM_SYSTEM = "http://unitsofmeasure.org"
SNOMED_SYSTEM = "http://snomed.info/sct"
