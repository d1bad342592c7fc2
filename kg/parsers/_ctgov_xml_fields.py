"""Which legacy ClinicalTrials.gov XML fields the XML parser maps, and which it leaves out.

Keys are element paths below ``<clinical_study>`` (``a/b``, attributes as
``a/b@type``); a key also covers every path below it (see
:func:`kg.parsers._ctgov.classify`). ``FIELD_MAP`` values are model attribute
paths (``extra[...]``: kept verbatim in ``TrialRecord.extra`` under that key);
``IGNORED`` values say why a field is deliberately not mapped.

>>> FIELD_MAP["eligibility/minimum_age"]
'eligibility.min_age'
>>> set(FIELD_MAP) & set(IGNORED)
set()
"""

from __future__ import annotations


def _extra(*paths: str) -> dict[str, str]:
    return {path: f"extra[{path}]" for path in paths}


def _people(prefix: str, target: str) -> dict[str, str]:
    """The parts of a legacy contact/investigator structure."""
    return {
        f"{prefix}/first_name": f"{target}.given_name, {target}.name",
        f"{prefix}/middle_name": f"{target}.name",
        f"{prefix}/last_name": f"{target}.family_name, {target}.name",
        f"{prefix}/degrees": f"{target}.degrees",
        f"{prefix}/phone": f"{target}.telephone",
        f"{prefix}/phone_ext": f"{target}.telephone",
        f"{prefix}/email": f"{target}.email",
        f"{prefix}/role": f"{target}.official_role",
        f"{prefix}/affiliation": f"{target}.affiliation",
    }


FIELD_MAP: dict[str, str] = {
    "required_header/download_date": "provenance.exported_on",
    # identification
    "id_info/nct_id": "main_id, url",
    "id_info/org_study_id": "secondary_ids (kind Org Study ID)",
    "id_info/secondary_id": "secondary_ids",
    "id_info/nct_alias": "secondary_ids (kind NCT alias)",
    "brief_title": "public_title",
    "official_title": "scientific_title",
    "acronym": "acronym",
    "source": "secondary_ids.issuer, extra[source]",
    "brief_summary/textblock": "brief_summary",
    "detailed_description/textblock": "detailed_description",
    "condition": "conditions",
    "keyword": "keywords",
    # sponsors and oversight
    "sponsors/lead_sponsor/agency": "primary_sponsor.name",
    "sponsors/lead_sponsor/agency_class": "primary_sponsor.agency_class",
    "sponsors/collaborator/agency": "secondary_sponsors.name",
    "sponsors/collaborator/agency_class": "secondary_sponsors.agency_class",
    "responsible_party/investigator_full_name": "contacts.name (role responsible)",
    "responsible_party/investigator_affiliation": "contacts.affiliation",
    "responsible_party/investigator_title": "contacts.official_role",
    **_extra(
        "responsible_party/responsible_party_type",
        "responsible_party/name_title",
        "responsible_party/organization",
    ),
    "oversight_info": "extra[oversight_info/*]",
    # status and dates
    "overall_status": "recruitment_status",
    "why_stopped": "why_stopped",
    "start_date": "first_enrolment",
    "primary_completion_date": "primary_completion",
    "completion_date": "completion",
    "study_first_submitted": "registration_date",
    "firstreceived_date": "registration_date",
    "last_update_posted": "last_update",
    "last_update_submitted": "last_update",
    "lastchanged_date": "last_update",
    "results_first_posted": "results.date_posted",
    **_extra(
        "last_known_status",
        "verification_date",
        "has_expanded_access",
        "expanded_access_info",
        "study_first_posted",
        "disposition_first_posted",
    ),
    # design
    "study_type": "study_type",
    "phase": "phases, phase_raw",
    "study_design_info/allocation": "design.allocation",
    "study_design_info/intervention_model": "design.intervention_model",
    "study_design_info/intervention_model_description": (
        "design.extra[interventionModelDescription]"
    ),
    "study_design_info/primary_purpose": "design.primary_purpose",
    "study_design_info/masking": "design.masking, design.who_masked",
    "study_design_info/masking_description": "design.extra[maskingDescription]",
    "study_design_info/observational_model": "design.observational_model",
    "study_design_info/time_perspective": "design.time_perspective",
    "enrollment": "enrolment | target_size (by @type)",
    **_extra(
        "study_design",
        "number_of_arms",
        "number_of_groups",
        "target_duration",
        "biospec_retention",
        "biospec_descr",
    ),
    # arms, interventions, outcomes
    "arm_group/arm_group_label": "arms.label",
    "arm_group/arm_group_type": "arms.type",
    "arm_group/description": "arms.description",
    "intervention/intervention_type": "interventions.type",
    "intervention/intervention_name": "interventions.name",
    "intervention/description": "interventions.description",
    "intervention/other_name": "interventions.other_names",
    "intervention/arm_group_label": "interventions.arm_labels, arms.intervention_names",
    **{
        f"{kind}_outcome/{key}": f"outcomes.{attr}"
        for kind in ("primary", "secondary", "other")
        for key, attr in (
            ("measure", "measure"),
            ("time_frame", "time_frame"),
            ("description", "description"),
        )
    },
    # eligibility
    "eligibility/criteria/textblock": "eligibility.criteria, eligibility.inclusion_text",
    "eligibility/gender": "eligibility.gender",
    "eligibility/minimum_age": "eligibility.min_age",
    "eligibility/maximum_age": "eligibility.max_age",
    "eligibility/healthy_volunteers": "eligibility.healthy_volunteers",
    "eligibility/study_pop/textblock": "eligibility.population",
    "eligibility/sampling_method": "eligibility.sampling_method",
    **_extra("eligibility/gender_based", "eligibility/gender_description"),
    # people and places
    **_people("overall_official", "contacts (role official)"),
    **_people("overall_contact", "contacts (role central)"),
    **_people("overall_contact_backup", "contacts (role central)"),
    **_people("location/contact", "contacts (role site)"),
    **_people("location/contact_backup", "contacts (role site)"),
    **_people("location/investigator", "contacts (role site)"),
    "location/facility/name": "sites.facility, contacts.affiliation",
    "location/facility/address/city": "sites.city",
    "location/facility/address/state": "sites.state",
    "location/facility/address/zip": "sites.postal_code",
    "location/facility/address/country": "sites.country",
    "location/status": "sites.status",
    "location_countries/country": "countries",
    **_extra("removed_countries/country"),
    # references, data sharing, results, MeSH
    "reference/citation": "references.citation (type background)",
    "reference/PMID": "references.pmid",
    "results_reference/citation": "references.citation (type result)",
    "results_reference/PMID": "references.pmid",
    "link/url": "extra[link]",
    "link/description": "extra[link]",
    "patient_data/sharing_ipd": "results.ipd_plan",
    "patient_data/ipd_description": "results.ipd_description",
    **_extra(
        "patient_data/ipd_info_type",
        "patient_data/ipd_time_frame",
        "patient_data/ipd_access_criteria",
        "patient_data/ipd_url",
    ),
    "condition_browse/mesh_term": "mesh_conditions",
    "intervention_browse/mesh_term": "mesh_interventions",
}

_QC = "QC date of the registry's review, not a trial date"

IGNORED: dict[str, str] = {
    "@rank": "rank of the study in the search that exported it, not trial data",
    "required_header/link_text": "boilerplate link text",
    "required_header/url": "the canonical study URL is rebuilt from the NCT ID",
    "study_first_submitted_qc": _QC,
    "last_update_submitted_qc": _QC,
    "results_first_submitted": "results submission workflow date; results.date_posted kept",
    "results_first_submitted_qc": _QC,
    "disposition_first_submitted": "certification/delay submission workflow date",
    "disposition_first_submitted_qc": _QC,
    "pending_results": "results submitted but not yet through QC (workflow), not trial data",
    "provided_document_section": "uploaded document file metadata (protocol/SAP PDFs)",
    "study_docs": "document file metadata, not trial data",
    "clinical_results": "results tables (participant flow, baseline, outcome measures, adverse "
    "events) are not mapped; their presence sets results.available and results.url",
}
