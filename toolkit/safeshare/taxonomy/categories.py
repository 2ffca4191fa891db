"""Categories of finding: what can identify a patient in a shared clinical image.

Three groups: direct identifiers (identify alone), indirect identifiers (identify
in combination: time, place, person, rarity) and hidden data (travels with the
file without being seen). Each category says what it is, why it matters, which
guidance it rests on and how to remedy it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["CATEGORIES", "Category", "Group", "Severity", "category"]


class Group(StrEnum):
    """The three groups of finding."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    HIDDEN = "hidden"


class Severity(StrEnum):
    """How much a finding weighs: a direct identifier weighs most."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Category:
    """One category of finding."""

    id: str
    """Stable identifier used in specs, keys and answers."""
    group: Group
    """Direct, indirect or hidden."""
    label: str
    """Short learner-facing name."""
    description: str
    """What it is and why it identifies, in a sentence or two."""
    severity: Severity
    """Default weight of a finding of this category."""
    guidance: tuple[str, ...]
    """Guidance ids the category rests on."""
    remedy: str
    """What to do about it before sharing."""


def _c(
    id: str,
    group: Group,
    label: str,
    description: str,
    severity: Severity,
    guidance: tuple[str, ...],
    remedy: str,
) -> Category:
    return Category(id, group, label, description, severity, guidance, remedy)


D, IND, H = Group.DIRECT, Group.INDIRECT, Group.HIDDEN
HIGH, MEDIUM, LOW = Severity.HIGH, Severity.MEDIUM, Severity.LOW

_ALL = [
    # Direct identifiers
    _c(
        "patient_name",
        D,
        "Patient name or initials",
        "A name, surname or initials of the patient. Initials identify too: with a date or a "
        "place they point at one person, and HHS's Safe Harbor guidance says to remove them.",
        HIGH,
        ("hipaa_names", "hhs_initials", "rcr_anonymisation", "gmc_recordings_10_12"),
        "Remove it: crop or mask the area, then check the result at full size.",
    ),
    _c(
        "date_of_birth",
        D,
        "Date of birth",
        "A full or partial date of birth. With a name or a town it identifies almost anyone.",
        HIGH,
        ("hipaa_dates", "rcr_anonymisation"),
        "Remove it from the image and the text.",
    ),
    _c(
        "patient_number",
        D,
        "NHS, hospital or record number",
        "An NHS number, hospital number, medical record number or patient ID: unique by design.",
        HIGH,
        ("hipaa_numbers", "rcr_anonymisation"),
        "Remove it; never post a screenshot from a clinical system without masking every ID.",
    ),
    _c(
        "address_or_contact",
        D,
        "Address or contact details",
        "A home address, postcode, telephone number or email address of the patient or a relative.",
        HIGH,
        ("hipaa_geography", "hipaa_contact"),
        "Remove it.",
    ),
    _c(
        "full_face",
        D,
        "Face",
        "A full face or a comparable image, including a 3D reconstruction of a head scan. A bar "
        "over the eyes does not anonymise a face.",
        HIGH,
        ("hipaa_face", "gmc_recordings_38", "gmc_recordings_17"),
        "Do not share without specific written consent; crop to the clinical sign if that "
        "teaches the point.",
    ),
    _c(
        "distinctive_mark",
        D,
        "Tattoo, birthmark or jewellery",
        "A tattoo, birthmark, scar, piercing or distinctive ring that friends and family "
        "recognise: a unique identifying characteristic.",
        HIGH,
        ("hipaa_other_unique", "gmc_recordings_17"),
        "Crop it out or obtain specific written consent.",
    ),
    _c(
        "label_or_wristband",
        D,
        "Wristband, label or name tag",
        "A wristband, specimen label, bed label or name tag carrying a name, number or barcode.",
        HIGH,
        ("hipaa_names", "hipaa_numbers", "rcr_anonymisation"),
        "Retake the photograph without it, or crop it out.",
    ),
    _c(
        "unique_number",
        D,
        "Accession, specimen or other unique number",
        "An accession number, specimen number, study ID or account number: any unique code "
        "that leads back to the record.",
        HIGH,
        ("hipaa_other_unique", "hipaa_numbers", "dicom_ps315_e"),
        "Remove it; a number that means nothing to you means everything to a records system.",
    ),
    _c(
        "background_information",
        D,
        "Other patients' details in the background",
        "A whiteboard, worklist, theatre list or screen behind the subject that shows names or "
        "numbers, often of other patients.",
        HIGH,
        ("caldicott_4", "hipaa_names", "gmc_recordings_17"),
        "Check the whole frame, not just the subject; retake or crop.",
    ),
    # Indirect identifiers
    _c(
        "date_of_care",
        IND,
        "Date or time of care",
        "The procedure, admission or scan date or time, or words that give it away ('this "
        "morning's list', 'tonight'). The commonest identifier in endoscopy posts.",
        MEDIUM,
        ("hipaa_dates", "seed_box1_links", "walradt_2021"),
        "Remove dates and times; post later and avoid words that date the encounter.",
    ),
    _c(
        "place",
        IND,
        "Place",
        "A town, village, ward or location tag smaller than a region: with a date it narrows "
        "the patient down to a few people.",
        MEDIUM,
        ("hipaa_geography", "seed_box1_links"),
        "Remove the place and turn off location tagging.",
    ),
    _c(
        "institution",
        IND,
        "Hospital or unit",
        "The name or logo of the hospital, trust, unit or clinic, in the image, the text, a "
        "hashtag or the author's profile.",
        MEDIUM,
        ("rcr_anonymisation", "seed_box1_links"),
        "Remove the institution from the image and the post.",
    ),
    _c(
        "clinician_identity",
        IND,
        "Clinician identity",
        "The name of the endoscopist, radiologist or author that, with the date, points to the "
        "list and so to the patient.",
        MEDIUM,
        ("rcr_anonymisation", "seed_box1_links"),
        "Remove the clinician's name from the image; remember your own profile names you.",
    ),
    _c(
        "age_or_sex",
        IND,
        "Age or sex",
        "The patient's age or sex. Ages over 89 identify on their own under HIPAA; with a "
        "place and a condition even a younger age narrows the field.",
        MEDIUM,
        ("hipaa_dates", "seed_box1_links"),
        "Give a range or alter age and sex where the history permits.",
    ),
    _c(
        "rarity",
        IND,
        "Rare condition or event",
        "A rare condition, a rare procedure or a newsworthy event: the rarer it is, the fewer "
        "people it can be.",
        MEDIUM,
        ("seed_box1_rarity", "gmc_recordings_17", "ico_motivated_intruder"),
        "Obtain specific written consent, or hold the case back; rarity cannot be masked.",
    ),
    _c(
        "personal_details",
        IND,
        "Occupation or life details",
        "An occupation, hobby, business or life event ('ex-professional footballer', 'runs "
        "the village bakery') that people who know the patient recognise.",
        MEDIUM,
        ("gmc_recordings_17", "seed_box1_links"),
        "Leave it out; it rarely serves the teaching point.",
    ),
    _c(
        "author_profile",
        IND,
        "Author's profile",
        "The author's name, role, unit or town in the profile: it supplies the place and the "
        "clinician the post leaves out.",
        MEDIUM,
        ("seed_box1_links", "seed_box1_profile"),
        "Share from an account that does not tie the case to your unit, or remove other links.",
    ),
    _c(
        "reply_identifies",
        IND,
        "A reply that identifies",
        "A reply from a relative, friend or colleague who recognises the patient, naming or "
        "pointing to them in public.",
        MEDIUM,
        ("gmc_recordings_17", "gmc_social_media"),
        "Remove the post; do not confirm or engage in public.",
    ),
    _c(
        "linkage",
        IND,
        "Linkage across posts",
        "Details spread over a thread or several posts that together identify, though each "
        "alone looked safe.",
        MEDIUM,
        ("ico_motivated_intruder", "seed_box1_links"),
        "Treat the whole thread as one disclosure; read it as a stranger would.",
    ),
    # Hidden data
    _c(
        "exif_gps",
        H,
        "GPS position in the photo",
        "EXIF GPS tags give where the photo was taken: the ward, or a patient's home.",
        HIGH,
        ("hipaa_geography", "caldicott_3"),
        "Strip metadata before sharing; turn off location in the camera.",
    ),
    _c(
        "exif_timestamp",
        H,
        "Capture date and time",
        "EXIF DateTimeOriginal records when the photo was taken: the date of care.",
        MEDIUM,
        ("hipaa_dates", "seed_box1_links"),
        "Strip metadata before sharing.",
    ),
    _c(
        "exif_owner",
        H,
        "Camera owner or artist",
        "EXIF Artist or CameraOwnerName names the clinician who took the photo.",
        MEDIUM,
        ("seed_box1_links", "rcr_anonymisation"),
        "Strip metadata before sharing.",
    ),
    _c(
        "exif_device_serial",
        H,
        "Camera serial number",
        "EXIF BodySerialNumber ties the photo to one device and so to its owner, usually the "
        "clinician: a link to the professional and, through them, to the place.",
        LOW,
        ("dicom_ps315_device", "seed_box1_links"),
        "Strip metadata before sharing.",
    ),
    _c(
        "exif_description",
        H,
        "Description or comment in the file",
        "EXIF ImageDescription or UserComment often holds a name, bed or hospital number.",
        HIGH,
        ("hipaa_names", "rcr_anonymisation"),
        "Strip metadata before sharing.",
    ),
    _c(
        "dicom_patient_identity",
        H,
        "Patient identity in the DICOM header",
        "PatientName, PatientID, PatientBirthDate, PatientAddress and similar attributes travel "
        "with the file even when the pixels are clean.",
        HIGH,
        ("dicom_ps315_e", "rcr_anonymisation"),
        "De-identify the file with the confidentiality profile, or share an exported image "
        "instead of the DICOM file.",
    ),
    _c(
        "dicom_care_context",
        H,
        "Institution, clinicians and dates in the DICOM header",
        "InstitutionName, physicians' names, study dates and times: the time, place and "
        "person of the encounter.",
        MEDIUM,
        ("dicom_ps315_e", "rcr_anonymisation"),
        "De-identify the file with the confidentiality profile.",
    ),
    _c(
        "dicom_study_number",
        H,
        "Accession number or study ID in the header",
        "AccessionNumber and StudyID lead straight back to the order and the patient.",
        HIGH,
        ("dicom_ps315_e", "hipaa_other_unique"),
        "De-identify the file with the confidentiality profile.",
    ),
    _c(
        "dicom_device_serial",
        H,
        "Device serial number in the header",
        "DeviceSerialNumber and StationName tie the study to one scanner and site, which "
        "narrows down who the patient could be.",
        LOW,
        ("dicom_ps315_device", "dicom_ps315_e"),
        "De-identify the file with the confidentiality profile.",
    ),
    _c(
        "dicom_private_tag",
        H,
        "Private tag holding identifiers",
        "Vendor private tags can copy the patient's name or ID; viewers rarely show them.",
        HIGH,
        ("dicom_ps315_private", "dicom_ps315_e"),
        "Remove private tags: the basic profile removes them all, and only the Retain Safe "
        "Private option keeps those known to be safe.",
    ),
    _c(
        "dicom_burned_in",
        H,
        "Burned-in annotation flag",
        "BurnedInAnnotation = YES warns that the pixels themselves carry identifying text.",
        MEDIUM,
        ("dicom_ps315_pixels", "gmc_recordings_10_12"),
        "Clean the pixel data (change the pixels under the text, not an overlay), then set the "
        "flag to NO.",
    ),
]

CATEGORIES: dict[str, Category] = {c.id: c for c in _ALL}


def category(category_id: str) -> Category:
    """Return the category with this id (KeyError names the unknown id)."""
    try:
        return CATEGORIES[category_id]
    except KeyError:
        raise KeyError(f"unknown category {category_id!r}") from None
