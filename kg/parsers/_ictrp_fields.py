"""The fields of ICTRP exports (XML, CSV) and where each goes in the model.

Both ICTRP parsers read a record into a ``{canonical name: text}`` mapping;
canonical names are the XML element names (``Date_enrollement`` sic). CSV
columns are renamed to them (:data:`CSV_RENAMES`, or spaces -> ``_``).
``FIELD_MAP`` says which model attribute each field fills, for the coverage
audit; every field is mapped (nothing is in ``IGNORED`` today).

>>> FIELD_MAP["Date_registration3"]
'registration_date'
>>> canonical("Date enrollement"), canonical("Source Name"), canonical("trial_id")
('Date_enrollement', 'Source_Support', 'TrialID')
"""

from __future__ import annotations

# canonical field -> model attribute path
FIELD_MAP: dict[str, str] = {
    "Export_date": "provenance.exported_on",
    "Internal_Number": "extra.Internal_Number",
    "TrialID": "main_id",
    "Last_Refreshed_on": "last_refreshed",
    "Public_title": "public_title",
    "Scientific_title": "scientific_title",
    "Acronym": "acronym",
    "Primary_sponsor": "primary_sponsor",
    "Retrospective_flag": "prospective_registration",
    "Prospective_registration": "prospective_registration",
    "Date_registration3": "registration_date",
    "Date_registration": "registration_date",
    "Source_Register": "register",
    "web_address": "url",
    "Recruitment_Status": "recruitment_status",
    "other_records": "extra.other_records",
    "Inclusion_agemin": "eligibility.min_age",
    "Inclusion_agemax": "eligibility.max_age",
    "Inclusion_gender": "eligibility.gender",
    "Date_enrollement": "first_enrolment",
    "Target_size": "target_size",
    "Study_type": "study_type",
    "Study_design": "design",
    "Phase": "phases",
    "Countries": "countries",
    "Contact_Firstname": "contacts.given_name",
    "Contact_Lastname": "contacts.family_name",
    "Contact_Address": "contacts.address",
    "Contact_Email": "contacts.email",
    "Contact_Tel": "contacts.telephone",
    "Contact_Affiliation": "contacts.affiliation",
    "Inclusion_Criteria": "eligibility.criteria",
    "Exclusion_Criteria": "eligibility.criteria",
    "Condition": "conditions",
    "Intervention": "interventions",
    "Primary_outcome": "outcomes",
    "Secondary_outcome": "outcomes",
    "Secondary_ID": "secondary_ids",
    "Source_Support": "funding_sources",
    "Secondary_Sponsor": "secondary_sponsors",
    "Ethics_review_status": "ethics_reviews.status",
    "Ethics_review_approval_date": "ethics_reviews.approval_date",
    "Ethics_review_contact_name": "ethics_reviews.contact_name",
    "Ethics_review_contact_address": "ethics_reviews.contact_address",
    "Ethics_review_contact_phone": "ethics_reviews.contact_phone",
    "Ethics_review_contact_email": "ethics_reviews.contact_email",
    "results_yes_no": "results.available",
    "results_date_posted": "results.date_posted",
    "results_date_completed": "results.date_completed",
    "results_date_first_publication": "results.date_first_publication",
    "results_url_link": "results.url",
    "results_url_protocol": "results.protocol_url",
    "results_summary": "results.summary",
    "results_baseline_char": "results.baseline_characteristics",
    "results_participant_flow": "results.participant_flow",
    "results_adverse_events": "results.adverse_events",
    "results_outcome_measures": "results.outcome_measures",
    "results_ipd_plan": "results.ipd_plan",
    "results_ipd_description": "results.ipd_description",
    "results_actual_enrollment": "enrolment",
    "Bridging_flag": "extra.Bridging_flag",
    "Bridged_type": "extra.Bridged_type",
    "children": "related_records",
    "type_enrollment": "target_size.status",
    # weekly full dataset: two contact sets
    "Public_Contact_Firstname": "contacts.given_name",
    "Public_Contact_Lastname": "contacts.family_name",
    "Public_Contact_Address": "contacts.address",
    "Public_Contact_Email": "contacts.email",
    "Public_Contact_Tel": "contacts.telephone",
    "Public_Contact_Affiliation": "contacts.affiliation",
    "Scientific_Contact_Firstname": "contacts.given_name",
    "Scientific_Contact_Lastname": "contacts.family_name",
    "Scientific_Contact_Address": "contacts.address",
    "Scientific_Contact_Email": "contacts.email",
    "Scientific_Contact_Tel": "contacts.telephone",
    "Scientific_Contact_Affiliation": "contacts.affiliation",
}

# Fields deliberately not mapped, with the reason (none today: unknown fields go to extra).
IGNORED: dict[str, str] = {}

# CSV column names (lower-cased, spaces as "_") that differ from the canonical names.
CSV_RENAMES: dict[str, str] = {
    # search-portal / COVID-19 exports
    "source_name": "Source_Support",
    "ethics_status": "Ethics_review_status",
    "ethics_approval_date": "Ethics_review_approval_date",
    "ethics_contact_name": "Ethics_review_contact_name",
    "ethics_contact_address": "Ethics_review_contact_address",
    "ethics_contact_phone": "Ethics_review_contact_phone",
    "ethics_contact_email": "Ethics_review_contact_email",
    "bridging_flag_truefalse": "Bridging_flag",
    "prospective_registration": "Prospective_registration",
    # weekly full dataset (headerless; names from its published column list)
    "trial_id": "TrialID",
    "ictrp_date_str": "Last_Refreshed_on",
    "secondary_ids": "Secondary_ID",
    "url": "web_address",
    "registration_date_str": "Date_registration",
    "enrollment_date_str": "Date_enrollement",
    "secondary_sponsors": "Secondary_Sponsor",
    "countries": "Countries",
    "conditions": "Condition",
    "interventions": "Intervention",
    "age_min": "Inclusion_agemin",
    "age_max": "Inclusion_agemax",
    "gender": "Inclusion_gender",
    "secondary_outcomes": "Secondary_outcome",
    "results_posted_date_str": "results_date_posted",
    "results_first_publication_date_str": "results_date_first_publication",
    "results_completed_date_str": "results_date_completed",
    "ethics_approval_date_str": "Ethics_review_approval_date",
}

_BY_LOWER: dict[str, str] = {name.lower(): name for name in FIELD_MAP}

# The weekly full dataset has no header row: its 63 columns, in order.
WEEKLY_COLUMNS: tuple[str, ...] = (
    "trial_id",
    "ictrp_date_str",
    "secondary_ids",
    "public_title",
    "scientific_title",
    "url",
    "public_contact_firstname",
    "public_contact_lastname",
    "public_contact_address",
    "public_contact_email",
    "public_contact_tel",
    "public_contact_affiliation",
    "scientific_contact_firstname",
    "scientific_contact_lastname",
    "scientific_contact_address",
    "scientific_contact_email",
    "scientific_contact_tel",
    "scientific_contact_affiliation",
    "study_type",
    "study_design",
    "phase",
    "registration_date_str",
    "enrollment_date_str",
    "target_size",
    "recruitment_status",
    "primary_sponsor",
    "secondary_sponsors",
    "source_support",
    "countries",
    "conditions",
    "interventions",
    "age_min",
    "age_max",
    "gender",
    "inclusion_criteria",
    "exclusion_criteria",
    "primary_outcome",
    "secondary_outcomes",
    "bridging_flag",
    "bridged_type",
    "children",
    "type_enrollment",
    "retrospective_flag",
    "results_actual_enrollment",
    "results_url_link",
    "results_summary",
    "results_posted_date_str",
    "results_first_publication_date_str",
    "results_baseline_char",
    "results_participant_flow",
    "results_adverse_events",
    "results_outcome_measures",
    "results_url_protocol",
    "results_ipd_plan",
    "results_ipd_description",
    "results_completed_date_str",
    "results_yes_no",
    "ethics_status",
    "ethics_approval_date_str",
    "ethics_contact_name",
    "ethics_contact_address",
    "ethics_contact_phone",
    "ethics_contact_email",
)


def canonical(column: str) -> str:
    """The canonical (XML) name of an ICTRP CSV column; unknown names pass through.

    >>> canonical("Bridging flag truefalse"), canonical("Public title"), canonical("Foo bar")
    ('Bridging_flag', 'Public_title', 'Foo bar')
    """
    key = "_".join(column.strip().lower().split())
    if key in CSV_RENAMES:
        return CSV_RENAMES[key]
    return _BY_LOWER.get(key, column.strip())


def criteria_key(fields: dict[str, str]) -> str | None:
    """The inclusion and exclusion criteria of an ICTRP record (CSV row or XML trial), or
    None when it has neither."""
    inclusion = fields.get("Inclusion_Criteria") or ""
    exclusion = fields.get("Exclusion_Criteria") or ""
    return f"{inclusion}\x00{exclusion}" if inclusion or exclusion else None
