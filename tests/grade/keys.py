"""Keys built by hand, shaped like rendered ones: grading tests need no rendering.

One of each kind the grader meets: an endoscopy post with pixels, text and
metadata findings and two consent gaps; a control with decoys; a consent-led
case with no findings; a DICOM-like case with only metadata findings.
"""

from __future__ import annotations

from safeshare.model.key import Decoy, Finding, Key
from safeshare.model.locations import Box, Location, MetaField, Span
from safeshare.taxonomy import category


def finding(cat: str, location: Location, evidence: str, n: int = 1) -> Finding:
    """A key finding with the taxonomy's severity, explanation, guidance and remedy."""
    c = category(cat)
    return Finding(
        id=f"{location.asset}:{cat}:{n}",
        category=cat,
        location=location,
        severity=c.severity.value,
        evidence=evidence,
        explanation=c.description,
        guidance=c.guidance,
        remedy=c.remedy,
    )


ENDOSCOPY = Key(
    case_id="H01",
    seed=1,
    findings=(
        finding("patient_name", Box("frame", 24, 18, 152, 18), "PRICE, Eleanor M"),
        finding("patient_number", Box("frame", 24, 40, 118, 18), "999 401 2287"),
        finding("date_of_birth", Box("frame", 24, 62, 96, 18), "03/11/1948"),
        finding("date_of_care", Box("frame", 1100, 18, 96, 18), "14/03/2025"),
        finding("clinician_identity", Box("frame", 24, 650, 140, 18), "Dr A Okafor"),
        finding("institution", Box("frame", 1040, 650, 210, 18), "Northgate General"),
        finding("date_of_care", Span("post", "text", 12, 31), "this morning's list", 2),
        finding("author_profile", Span("post", "author.bio", 27, 45), "Northgate General"),
        finding("exif_gps", MetaField("photo", "GPSInfo"), "53.41 N, 2.16 W"),
        finding("exif_device_serial", MetaField("photo", "BodySerialNumber"), "4821007"),
    ),
    consent_gaps=("scope_excludes_social_media", "platforms_not_named"),
    decision="share_after_deidentification",
    decision_reason="Crop the overlay and rewrite the text (GMC recordings paras 10-12).",
    decoys=(
        Decoy(location=Box("frame", 1100, 620, 60, 16), explanation="Eh:A5 is a setting."),
        Decoy(location=Span("post", "text", 40, 48), explanation="A polyp size is no identifier."),
    ),
)

CONTROL = Key(
    case_id="H02",
    seed=4,
    findings=(),
    consent_gaps=(),
    decision="share_as_is",
    decision_reason="Nothing identifies the patient and no consent is needed.",
    decoys=(
        Decoy(location=Box("frame", 30, 20, 60, 16), explanation="ANON is the anonymised label."),
    ),
)

CONSENT_LED = Key(
    case_id="H03",
    seed=2,
    findings=(),
    consent_gaps=("no_consent_recorded",),
    decision="obtain_consent_first",
    decision_reason="A face needs specific written consent (GMC recordings paras 36-38).",
)

DICOM = Key(
    case_id="H04",
    seed=9,
    findings=(
        finding("dicom_patient_identity", MetaField("study", "PatientName"), "PRICE^ELEANOR"),
        finding("dicom_patient_identity", MetaField("study", "PatientBirthDate"), "19481103", 2),
        finding("dicom_care_context", MetaField("study", "InstitutionName"), "Northgate"),
        finding("dicom_private_tag", MetaField("study", "(0009,1010)"), "PRICE E"),
        finding("patient_name", Box("image", 10, 10, 120, 14), "PRICE E"),
    ),
    consent_gaps=(),
    decision="share_after_deidentification",
    decision_reason="De-identify the header and the pixels.",
)

HAND_KEYS: tuple[Key, ...] = (ENDOSCOPY, CONTROL, CONSENT_LED, DICOM)
