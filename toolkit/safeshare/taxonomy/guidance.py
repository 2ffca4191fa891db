"""The guidance a finding rests on: short, citable references.

Paraphrased from the primary sources; course text cites these labels. Where the
evidence is uncertain, the summary says so.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GUIDANCE", "Guidance", "guidance"]


@dataclass(frozen=True, slots=True)
class Guidance:
    """One citable piece of guidance."""

    id: str
    """Stable identifier used in specs, keys and feedback."""
    label: str
    """Short citation a learner sees, e.g. 'GMC recordings, para 17'."""
    summary: str
    """One or two sentences in plain words."""


_ALL = [
    Guidance(
        "gmc_recordings_10_12",
        "GMC, Making and using visual and audio recordings of patients, paras 10-12",
        "Recordings of internal organs, endoscopy, ultrasound, X-rays and pathology need no "
        "separate consent to make, and may be used for other purposes without consent if "
        "anonymised, for example by removing writing in an X-ray margin.",
    ),
    Guidance(
        "gmc_recordings_17",
        "GMC, Making and using visual and audio recordings of patients, para 17",
        "Apparently insignificant details may still be capable of identifying the patient.",
    ),
    Guidance(
        "gmc_recordings_36_38",
        "GMC, Making and using visual and audio recordings of patients, paras 36-38",
        "For widely accessible public media, including the internet, consent is normally needed, "
        "usually in writing; where the patient is or may be identifiable it is mandatory.",
    ),
    Guidance(
        "gmc_social_media",
        "GMC, Doctors' use of social media",
        "The standards expected of doctors do not change because they communicate through "
        "social media; confidentiality is a pillar of the profession.",
    ),
    Guidance(
        "gmc_after_death",
        "GMC, Confidentiality: good practice in handling patient information",
        "The duty of confidentiality continues after a patient has died.",
    ),
    Guidance(
        "caldicott_1",
        "Caldicott Principle 1",
        "Justify the purpose(s) for using confidential information.",
    ),
    Guidance(
        "caldicott_2",
        "Caldicott Principle 2",
        "Use confidential information only when it is necessary.",
    ),
    Guidance(
        "caldicott_3",
        "Caldicott Principle 3",
        "Use the minimum necessary confidential information.",
    ),
    Guidance(
        "caldicott_4",
        "Caldicott Principle 4",
        "Access to confidential information should be on a strict need-to-know basis.",
    ),
    Guidance(
        "caldicott_5",
        "Caldicott Principle 5",
        "Everyone with access to confidential information should understand their "
        "responsibilities.",
    ),
    Guidance(
        "caldicott_6",
        "Caldicott Principle 6",
        "Comply with the law.",
    ),
    Guidance(
        "caldicott_7",
        "Caldicott Principle 7",
        "The duty to share information for individual care is as important as the duty to "
        "protect patient confidentiality.",
    ),
    Guidance(
        "caldicott_8",
        "Caldicott Principle 8 (added 2020)",
        "Inform patients and service users about how their confidential information is used.",
    ),
    Guidance(
        "hipaa_safe_harbor",
        "HIPAA Safe Harbor, 45 CFR 164.514(b)(2)",
        "Eighteen identifiers of the patient or relatives, employers and household members must "
        "be removed for data to count as de-identified.",
    ),
    Guidance(
        "hipaa_names",
        "HIPAA Safe Harbor (A): names",
        "Names, including initials, identify.",
    ),
    Guidance(
        "hipaa_geography",
        "HIPAA Safe Harbor (B): geographic units smaller than a state",
        "Street address, town, county and postcode are identifiers.",
    ),
    Guidance(
        "hipaa_dates",
        "HIPAA Safe Harbor (C): dates and ages over 89",
        "All elements of dates except the year (birth, admission, discharge, procedure) and all "
        "ages over 89 are identifiers.",
    ),
    Guidance(
        "hipaa_contact",
        "HIPAA Safe Harbor (D-F): telephone, fax, email",
        "Telephone and fax numbers and email addresses are identifiers.",
    ),
    Guidance(
        "hipaa_numbers",
        "HIPAA Safe Harbor (G-K): social security, record, plan, account and licence numbers",
        "Social security, medical record, health plan, account, certificate and licence numbers "
        "are identifiers.",
    ),
    Guidance(
        "hipaa_devices",
        "HIPAA Safe Harbor (L-M): vehicle and device identifiers, serial numbers",
        "Device identifiers and serial numbers are identifiers.",
    ),
    Guidance(
        "hipaa_web",
        "HIPAA Safe Harbor (N-O): URLs and IP addresses",
        "Web addresses and IP addresses are identifiers.",
    ),
    Guidance(
        "hipaa_biometric",
        "HIPAA Safe Harbor (P): biometric identifiers",
        "Biometric identifiers identify a person.",
    ),
    Guidance(
        "hipaa_face",
        "HIPAA Safe Harbor (Q): full-face photographs and comparable images",
        "A full-face photograph, or any comparable image, is an identifier.",
    ),
    Guidance(
        "hipaa_other_unique",
        "HIPAA Safe Harbor (R): any other unique identifying number, characteristic or code",
        "A unique characteristic or code identifies even without a name.",
    ),
    Guidance(
        "rcr_anonymisation",
        "Royal College of Radiologists, anonymising images",
        "Remove name, date of birth, NHS or hospital number, hospital name and doctor's name, "
        "including from metadata.",
    ),
    Guidance(
        "dicom_ps315_e",
        "DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile",
        "Lists the header attributes that identify (names, IDs, dates, addresses, institutions, "
        "device serials, private tags) and what to do with each; options cover burned-in pixel "
        "data and recognisable features.",
    ),
    Guidance(
        "seed_box1_data_guardian",
        "Practice point 1 (Box 1): ask the data guardian",
        "Seek support from your organisation's data guardian (Caldicott Guardian) before sharing "
        "widely.",
    ),
    Guidance(
        "seed_box1_consent",
        "Practice point 2 (Box 1): specific written consent",
        "Formal written consent should name social media, the platforms, the public visibility "
        "of the content and the loss of control once shared.",
    ),
    Guidance(
        "seed_box1_profile",
        "Practice point 3 (Box 1): consent statement on your profile",
        "State your consent practice prominently in your social-media profile.",
    ),
    Guidance(
        "seed_box1_links",
        "Practice point 4 (Box 1): remove links to time, place and person",
        "Remove links to the time, place and person (patient and professional) and the "
        "institution; alter case specifics such as age and sex where the history permits.",
    ),
    Guidance(
        "seed_box1_rarity",
        "Practice point 5 (Box 1): rarity identifies",
        "The rarer the case, image or procedure, the more identifiable it is.",
    ),
    Guidance(
        "montgomery",
        "Montgomery v Lanarkshire Health Board [2015] UKSC 11",
        "Disclose a risk a reasonable person in the patient's position would attach significance "
        "to: for social media, the public nature of the post and the loss of control.",
    ),
    Guidance(
        "mca_2005",
        "Mental Capacity Act 2005",
        "Presume capacity; a person must be able to understand, retain and weigh the information "
        "and communicate a decision. A sedated patient cannot give valid consent.",
    ),
    Guidance(
        "gillick",
        "Gillick competence",
        "A child under 16 may consent if competent; otherwise a person with parental "
        "responsibility decides, in the child's best interests.",
    ),
    Guidance(
        "gmc_consent_withdrawal",
        "GMC, consent to recordings",
        "Patients may refuse or withdraw consent at any time without any effect on their care; "
        "the consent record is kept with the recording.",
    ),
    Guidance(
        "consent_journal_scope",
        "Scope of consent",
        "Consent for publication in a journal does not automatically extend to a public "
        "social-media post.",
    ),
    Guidance(
        "ico_motivated_intruder",
        "ICO anonymisation guidance: the motivated intruder test",
        "Data are anonymous only if a determined person with ordinary resources could not "
        "re-identify anyone from them, alone or linked with other information.",
    ),
    Guidance(
        "walradt_2021",
        "Walradt et al., Am J Gastroenterol 2021",
        "18.5% of 956 endoscopy tweets were at risk for confidentiality non-compliance; the "
        "procedure date was the commonest identifier (17.9% of tweets); one at-risk tweet "
        "mentioned consent.",
    ),
]

GUIDANCE: dict[str, Guidance] = {g.id: g for g in _ALL}


def guidance(guidance_id: str) -> Guidance:
    """Return the guidance with this id (KeyError names the unknown id)."""
    try:
        return GUIDANCE[guidance_id]
    except KeyError:
        raise KeyError(f"unknown guidance id {guidance_id!r}") from None
