"""Which ClinicalTrials.gov API v2 fields the JSON parser maps, and which it leaves out.

Keys are source field paths (dotted, list indices removed); a key also covers
every path below it (see :func:`kg.parsers._ctgov.classify`). ``FIELD_MAP``
values are model attribute paths; ``extra[...]`` means the value is kept
verbatim in ``TrialRecord.extra`` under that key. ``IGNORED`` values say why
a field is deliberately not mapped.

>>> FIELD_MAP["protocolSection.designModule.phases"]
'phases'
>>> set(FIELD_MAP) & set(IGNORED)
set()
"""

from __future__ import annotations

_P = "protocolSection."
_ID = _P + "identificationModule."
_ST = _P + "statusModule."
_SP = _P + "sponsorCollaboratorsModule."
_DS = _P + "designModule."
_AI = _P + "armsInterventionsModule."
_OUT = _P + "outcomesModule."
_EL = _P + "eligibilityModule."
_CL = _P + "contactsLocationsModule."
_REF = _P + "referencesModule."
_IPD = _P + "ipdSharingStatementModule."
_DER = "derivedSection."


def _extra(*paths: str) -> dict[str, str]:
    """Fields kept verbatim in ``extra`` under their path below ``protocolSection``."""
    return {path: f"extra[{path.removeprefix(_P)}]" for path in paths}


FIELD_MAP: dict[str, str] = {
    # identification
    _ID + "nctId": "main_id, url",
    _ID + "orgStudyIdInfo.id": "secondary_ids.value",
    _ID + "orgStudyIdInfo.type": "secondary_ids.kind",
    _ID + "orgStudyIdInfo.link": "extra[identificationModule.orgStudyIdInfo.link]",
    _ID + "secondaryIdInfos.id": "secondary_ids.value",
    _ID + "secondaryIdInfos.type": "secondary_ids.kind",
    _ID + "secondaryIdInfos.domain": "secondary_ids.issuer",
    _ID + "secondaryIdInfos.link": "extra[identificationModule.secondaryIdInfos.link]",
    _ID + "nctIdAliases": "secondary_ids.value",
    _ID + "briefTitle": "public_title",
    _ID + "officialTitle": "scientific_title",
    _ID + "acronym": "acronym",
    _ID + "organization.fullName": "secondary_ids.issuer",
    _ID + "organization.class": "extra[identificationModule.organization]",
    # status
    _ST + "overallStatus": "recruitment_status",
    _ST + "whyStopped": "why_stopped",
    _ST + "startDateStruct": "first_enrolment",
    _ST + "primaryCompletionDateStruct": "primary_completion",
    _ST + "completionDateStruct": "completion",
    _ST + "studyFirstSubmitDate": "registration_date",
    _ST + "lastUpdatePostDateStruct": "last_update",
    _ST + "lastUpdateSubmitDate": "last_update",
    _ST + "resultsFirstPostDateStruct": "results.date_posted",
    **_extra(
        _ST + "lastKnownStatus",
        _ST + "statusVerifiedDate",
        _ST + "expandedAccessInfo",
        _ST + "studyFirstPostDateStruct.date",
        _ST + "dispFirstPostDateStruct.date",
    ),
    # sponsors
    _SP + "leadSponsor.name": "primary_sponsor.name",
    _SP + "leadSponsor.class": "primary_sponsor.agency_class",
    _SP + "collaborators.name": "secondary_sponsors.name",
    _SP + "collaborators.class": "secondary_sponsors.agency_class",
    _SP + "responsibleParty.investigatorFullName": "contacts.name (role responsible)",
    _SP + "responsibleParty.investigatorAffiliation": "contacts.affiliation",
    _SP + "responsibleParty.investigatorTitle": "contacts.official_role",
    **_extra(
        _SP + "responsibleParty.type",
        _SP + "responsibleParty.oldNameTitle",
        _SP + "responsibleParty.oldOrganization",
    ),
    _P + "oversightModule": "extra[oversightModule.*]",
    # description and conditions
    _P + "descriptionModule.briefSummary": "brief_summary",
    _P + "descriptionModule.detailedDescription": "detailed_description",
    _P + "conditionsModule.conditions": "conditions",
    _P + "conditionsModule.keywords": "keywords",
    # design
    _DS + "studyType": "study_type",
    _DS + "phases": "phases",
    _DS + "designInfo.allocation": "design.allocation",
    _DS + "designInfo.interventionModel": "design.intervention_model",
    _DS + "designInfo.interventionModelDescription": "design.extra[interventionModelDescription]",
    _DS + "designInfo.primaryPurpose": "design.primary_purpose",
    _DS + "designInfo.maskingInfo.masking": "design.masking",
    _DS + "designInfo.maskingInfo.whoMasked": "design.who_masked",
    _DS + "designInfo.maskingInfo.maskingDescription": "design.extra[maskingDescription]",
    _DS + "designInfo.observationalModel": "design.observational_model",
    _DS + "designInfo.timePerspective": "design.time_perspective",
    _DS + "enrollmentInfo.count": "enrolment | target_size",
    _DS + "enrollmentInfo.type": "enrolment.status | target_size.status",
    **_extra(
        _DS + "patientRegistry",
        _DS + "targetDuration",
        _DS + "bioSpec.retention",
        _DS + "bioSpec.description",
    ),
    # arms and interventions
    _AI + "armGroups.label": "arms.label",
    _AI + "armGroups.type": "arms.type",
    _AI + "armGroups.description": "arms.description",
    _AI + "armGroups.interventionNames": "arms.intervention_names",
    _AI + "interventions.type": "interventions.type",
    _AI + "interventions.name": "interventions.name",
    _AI + "interventions.description": "interventions.description",
    _AI + "interventions.otherNames": "interventions.other_names",
    _AI + "interventions.armGroupLabels": "interventions.arm_labels",
    # outcomes
    **{
        _OUT + f"{kind}Outcomes.{key}": f"outcomes.{attr}"
        for kind in ("primary", "secondary", "other")
        for key, attr in (
            ("measure", "measure"),
            ("timeFrame", "time_frame"),
            ("description", "description"),
        )
    },
    # eligibility
    _EL + "eligibilityCriteria": "eligibility.criteria, eligibility.inclusion_text",
    _EL + "sex": "eligibility.gender",
    _EL + "minimumAge": "eligibility.min_age",
    _EL + "maximumAge": "eligibility.max_age",
    _EL + "healthyVolunteers": "eligibility.healthy_volunteers",
    _EL + "studyPopulation": "eligibility.population",
    _EL + "samplingMethod": "eligibility.sampling_method",
    **_extra(_EL + "stdAges", _EL + "genderBased", _EL + "genderDescription"),
    # contacts and locations
    _CL + "centralContacts.name": "contacts.name (role central)",
    _CL + "centralContacts.phone": "contacts.telephone",
    _CL + "centralContacts.phoneExt": "contacts.telephone",
    _CL + "centralContacts.email": "contacts.email",
    _CL + "centralContacts.role": "contacts.official_role",
    _CL + "overallOfficials.name": "contacts.name (role official)",
    _CL + "overallOfficials.affiliation": "contacts.affiliation",
    _CL + "overallOfficials.role": "contacts.official_role",
    _CL + "locations.facility": "sites.facility",
    _CL + "locations.city": "sites.city",
    _CL + "locations.state": "sites.state",
    _CL + "locations.zip": "sites.postal_code",
    _CL + "locations.country": "sites.country, countries",
    _CL + "locations.status": "sites.status",
    _CL + "locations.geoPoint.lat": "sites.latitude",
    _CL + "locations.geoPoint.lon": "sites.longitude",
    _CL + "locations.contacts.name": "contacts.name (role site)",
    _CL + "locations.contacts.role": "contacts.official_role",
    _CL + "locations.contacts.phone": "contacts.telephone",
    _CL + "locations.contacts.phoneExt": "contacts.telephone",
    _CL + "locations.contacts.email": "contacts.email",
    # references and data sharing
    _REF + "references.pmid": "references.pmid",
    _REF + "references.type": "references.type",
    _REF + "references.citation": "references.citation",
    **_extra(_REF + "seeAlsoLinks", _REF + "availIpds"),
    _IPD + "ipdSharing": "results.ipd_plan",
    _IPD + "description": "results.ipd_description",
    **_extra(_IPD + "infoTypes", _IPD + "timeFrame", _IPD + "accessCriteria", _IPD + "url"),
    # derived coding and results
    _DER + "conditionBrowseModule.meshes": "mesh_conditions",
    _DER + "interventionBrowseModule.meshes": "mesh_interventions",
    _DER + "miscInfoModule.versionHolder": "provenance.exported_on",
    _DER
    + "miscInfoModule.removedCountries": "extra[derivedSection.miscInfoModule.removedCountries]",
    "hasResults": "results.available, results.url",
}

_HIERARCHY = "derived MeSH hierarchy (recomputable from the MeSH terms), not registry data"

IGNORED: dict[str, str] = {
    _ST + "studyFirstSubmitQcDate": "QC date of the registry's review, not a trial date",
    _ST + "studyFirstPostDateStruct.type": "always ACTUAL/ESTIMATED of a posting date",
    _ST + "resultsFirstSubmitDate": "results submission workflow date; results.date_posted kept",
    _ST + "resultsFirstSubmitQcDate": "QC date of the registry's review, not a trial date",
    _ST + "dispFirstSubmitDate": "certification/delay submission workflow date",
    _ST + "dispFirstSubmitQcDate": "QC date of the registry's review, not a trial date",
    _ST + "dispFirstPostDateStruct.type": "always ACTUAL/ESTIMATED of a posting date",
    _ST + "lastUpdatePostDateStruct.type": "posting date type; the date itself is mapped",
    _ST + "delayedPosting": "registry workflow flag",
    _DER + "conditionBrowseModule.ancestors": _HIERARCHY,
    _DER + "conditionBrowseModule.browseLeaves": _HIERARCHY,
    _DER + "conditionBrowseModule.browseBranches": _HIERARCHY,
    _DER + "interventionBrowseModule.ancestors": _HIERARCHY,
    _DER + "interventionBrowseModule.browseLeaves": _HIERARCHY,
    _DER + "interventionBrowseModule.browseBranches": _HIERARCHY,
    _DER + "miscInfoModule.modelPredictions": "machine predictions by the registry, not reported",
    _DER + "miscInfoModule.submissionTracking": "registry submission workflow",
    _DER + "largeDocumentModule": "document file metadata, not trial data",
    "documentSection": "uploaded document file metadata (protocol/SAP PDFs), not trial data",
    "annotationSection": "registry workflow annotations (unposted events), not trial data",
    "resultsSection": "results tables (participant flow, baseline, outcome measures, adverse "
    "events) are not mapped; results.available and results.url point to them",
}
