"""The guidance a finding rests on: short, citable points, each tied to a full reference.

Paraphrased from the primary sources. Each entry names the reference it rests on
(`references.py`) and the paragraph or section relied on, so feedback can show
a short label and a module can print the citation in full. Where the evidence
is uncertain, the summary says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from safeshare.taxonomy.references import REFERENCES

__all__ = ["GUIDANCE", "Guidance", "full_citation", "guidance"]


@dataclass(frozen=True, slots=True)
class Guidance:
    """One citable piece of guidance."""

    id: str
    """Stable identifier used in specs, keys and feedback."""
    label: str
    """Short citation a learner sees, e.g. 'GMC recordings guidance, para 17'."""
    summary: str
    """One or two sentences in plain words."""
    reference: str
    """Id of the full reference in `REFERENCES`."""
    section: str
    """The paragraph, section or part of the reference relied on."""


def _g(id: str, label: str, summary: str, reference: str, section: str) -> Guidance:
    return Guidance(id, label, summary, reference, section)


_REC = "GMC, Making and using visual and audio recordings of patients"
_SM = "GMC, Using social media as a medical professional (2024)"
_HIPAA = "HIPAA Safe Harbor"
_BOX1 = "Segal and Hansen 2021, Box 1"

_ALL = [
    _g(
        "gmc_recordings_10_12",
        f"{_REC}, paras 10-12",
        "Images of internal organs, endoscopy, ultrasound, X-rays and pathology slides need no "
        "separate consent to make (para 10), and may be used for secondary purposes without "
        "consent once anonymised, for example by removing writing in the margins of an X-ray "
        "(para 12). For a public post, para 38 still calls seeking consent good practice.",
        "gmc_recordings",
        "paras 10-12",
    ),
    _g(
        "gmc_recordings_17",
        f"{_REC}, para 17",
        "Anonymised or coded recordings may be used for research, teaching, training or other "
        "healthcare purposes without consent; but apparently insignificant details may still "
        "be capable of identifying the patient.",
        "gmc_recordings",
        "para 17",
    ),
    _g(
        "gmc_recordings_24",
        f"{_REC}, para 24",
        "Written consent, or a record of oral consent, is stored with the recording.",
        "gmc_recordings",
        "para 24",
    ),
    _g(
        "gmc_recordings_36_38",
        f"{_REC}, paras 36-38",
        "Widely accessible public media, including the internet: consent to make a recording "
        "for them should usually be in writing (para 37); a recording made during care may be "
        "published only with consent if the patient is or may be identifiable, and even when "
        "it is anonymised seeking consent is good practice (para 38). Paragraph numbers as in "
        "the 2011 text; unverified in the December 2024 update.",
        "gmc_recordings",
        "paras 36-38 (2011 numbering)",
    ),
    _g(
        "gmc_recordings_37",
        f"{_REC}, para 37",
        "Consent to make a recording for widely accessible public media should usually be in "
        "writing.",
        "gmc_recordings",
        "para 37 (2011 numbering)",
    ),
    _g(
        "gmc_recordings_38",
        f"{_REC}, para 38",
        "To publish in public media a recording made during care: consent is required if the "
        "patient is or may be identifiable; if it is anonymised, seeking consent is still good "
        "practice, and it may be published without only where seeking consent is not "
        "practicable.",
        "gmc_recordings",
        "para 38 (2011 numbering)",
    ),
    _g(
        "gmc_consent_withdrawal",
        f"{_REC}, paras 24-25",
        "Before recording, patients are told they may refuse or withdraw consent, without any "
        "effect on their care; written consent or a record of oral consent is kept with the "
        "recording. (The point about care, para 25, was seen only in secondary summaries.)",
        "gmc_recordings",
        "paras 24-25",
    ),
    _g(
        "gmc_social_media",
        f"{_SM}, paras 4 and 19",
        "The standards expected of doctors do not change on social media (para 4); pieces of "
        "information that do not identify on their own can, in sum, let a patient or someone "
        "close to them recognise the case (para 19).",
        "gmc_social_media_2024",
        "paras 4 and 18-19",
    ),
    _g(
        "gmc_after_death",
        "GMC, Confidentiality: good practice in handling patient information",
        "The duty of confidentiality continues after a patient has died.",
        "gmc_confidentiality_2017",
        "section 'Disclosure after a patient's death' (para 70 of the 2009 edition)",
    ),
    _g(
        "caldicott_1",
        "Caldicott Principle 1",
        "Justify the purpose(s) for using confidential information.",
        "caldicott_2020",
        "Principle 1",
    ),
    _g(
        "caldicott_2",
        "Caldicott Principle 2",
        "Use confidential information only when it is necessary.",
        "caldicott_2020",
        "Principle 2",
    ),
    _g(
        "caldicott_3",
        "Caldicott Principle 3",
        "Use the minimum necessary confidential information.",
        "caldicott_2020",
        "Principle 3",
    ),
    _g(
        "caldicott_4",
        "Caldicott Principle 4",
        "Access to confidential information should be on a strict need-to-know basis.",
        "caldicott_2020",
        "Principle 4",
    ),
    _g(
        "caldicott_5",
        "Caldicott Principle 5",
        "Everyone with access to confidential information should understand their "
        "responsibilities.",
        "caldicott_2020",
        "Principle 5",
    ),
    _g(
        "caldicott_6",
        "Caldicott Principle 6",
        "Comply with the law.",
        "caldicott_2020",
        "Principle 6",
    ),
    _g(
        "caldicott_7",
        "Caldicott Principle 7",
        "The duty to share information for individual care is as important as the duty to "
        "protect patient confidentiality.",
        "caldicott_2020",
        "Principle 7",
    ),
    _g(
        "caldicott_8",
        "Caldicott Principle 8 (added 2020)",
        "Inform patients and service users about how their confidential information is used.",
        "caldicott_2020",
        "Principle 8",
    ),
    _g(
        "hipaa_safe_harbor",
        f"{_HIPAA}, 45 CFR 164.514(b)(2)",
        "Eighteen kinds of identifier of the patient or of their relatives, employers or "
        "household members must be removed, with no actual knowledge that what remains could "
        "identify the patient, for data to count as de-identified.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(A)-(R) and (ii)",
    ),
    _g(
        "hipaa_names",
        f"{_HIPAA} (A): names",
        "Names of the patient, or of their relatives, employers or household members.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(A)",
    ),
    _g(
        "hhs_initials",
        "HHS de-identification guidance (2012): initials",
        "HHS's guidance on Safe Harbor says initials must be removed too. (Seen in secondary "
        "summaries of the guidance; the primary text is unverified.)",
        "hhs_deid_2012",
        "guidance on the Safe Harbor method (section number unverified)",
    ),
    _g(
        "hipaa_geography",
        f"{_HIPAA} (B): geographic units smaller than a state",
        "Street address, town, county and postcode are identifiers.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(B)",
    ),
    _g(
        "hipaa_dates",
        f"{_HIPAA} (C): dates and ages over 89",
        "All elements of dates except the year (birth, admission, discharge, death and other "
        "dates directly related to the patient) and all ages over 89 are identifiers.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(C)",
    ),
    _g(
        "hipaa_contact",
        f"{_HIPAA} (D-F): telephone, fax, email",
        "Telephone and fax numbers and email addresses are identifiers.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(D)-(F)",
    ),
    _g(
        "hipaa_numbers",
        f"{_HIPAA} (G-K): social security, record, plan, account and licence numbers",
        "Social security, medical record, health plan beneficiary, account and certificate or "
        "licence numbers of the patient (or of their relatives, employers or household "
        "members) are identifiers.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(G)-(K)",
    ),
    _g(
        "hipaa_devices",
        f"{_HIPAA} (L-M): vehicle and device identifiers, serial numbers",
        "Vehicle identifiers, and identifiers and serial numbers of the patient's own devices "
        "such as an implant, are identifiers. Safe Harbor covers the patient and their "
        "relatives, employers or household members, not the hospital's equipment.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(L)-(M)",
    ),
    _g(
        "hipaa_web",
        f"{_HIPAA} (N-O): URLs and IP addresses",
        "Web addresses and IP addresses are identifiers.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(N)-(O)",
    ),
    _g(
        "hipaa_biometric",
        f"{_HIPAA} (P): biometric identifiers, including finger and voice prints",
        "Biometric identifiers, such as fingerprints and voice prints, are identifiers.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(P)",
    ),
    _g(
        "hipaa_face",
        f"{_HIPAA} (Q): full-face photographs and comparable images",
        "A full-face photograph, or any comparable image, is an identifier.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(Q)",
    ),
    _g(
        "hipaa_other_unique",
        f"{_HIPAA} (R): any other unique identifying number, characteristic or code",
        "A unique characteristic (a tattoo, a birthmark, a distinctive ring) or code identifies "
        "even without a name.",
        "hipaa_cfr",
        "164.514(b)(2)(i)(R)",
    ),
    _g(
        "rcr_anonymisation",
        "Royal College of Radiologists (2017), use of patient images",
        "Remove name, date of birth, NHS or hospital number, hospital name and doctor's name, "
        "including from metadata.",
        "rcr_2017",
        "advice on anonymising images (as quoted by RCP Edinburgh; section unverified)",
    ),
    _g(
        "dicom_ps315_e",
        "DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile",
        "Table E.1-1 lists over 600 header attributes that can identify (names, IDs, dates, "
        "addresses, institutions, device identity, private attributes) and the action for "
        "each; options cover burned-in pixel data and recognisable features.",
        "dicom_ps315",
        "E.1, E.2 and Table E.1-1",
    ),
    _g(
        "dicom_ps315_private",
        "DICOM PS3.15 E.3.10, Retain Safe Private Option",
        "The basic profile removes all private attributes; only the Retain Safe Private Option "
        "keeps those known to be safe.",
        "dicom_ps315",
        "E.2 and E.3.10",
    ),
    _g(
        "dicom_ps315_device",
        "DICOM PS3.15 E.3.8, Retain Device Identity Option",
        "Device identity, such as a serial number, may narrow down who the patient could be: "
        "the basic profile removes it, and only the Retain Device Identity Option keeps it.",
        "dicom_ps315",
        "E.3.8",
    ),
    _g(
        "dicom_ps315_pixels",
        "DICOM PS3.15 E.3.1, Clean Pixel Data Option",
        "The basic profile does not touch text burned into the pixels; the Clean Pixel Data "
        "Option removes it (changing the pixel values, not covering them) and sets Burned In "
        "Annotation to NO.",
        "dicom_ps315",
        "E.3.1",
    ),
    _g(
        "seed_box1_data_guardian",
        f"{_BOX1}, point 1: ask the data guardian",
        "Seek support from your organisation's data guardian (Caldicott Guardian) before sharing "
        "widely.",
        "segal_hansen_2021",
        "Box 1, point 1",
    ),
    _g(
        "seed_box1_consent",
        f"{_BOX1}, point 2: specific written consent",
        "Formal written consent should name social media, the platforms, the public visibility "
        "of the content and the loss of control once shared.",
        "segal_hansen_2021",
        "Box 1, point 2",
    ),
    _g(
        "seed_box1_profile",
        f"{_BOX1}, point 3: consent statement on your profile",
        "State your consent practice prominently in your social-media profile.",
        "segal_hansen_2021",
        "Box 1, point 3",
    ),
    _g(
        "seed_box1_links",
        f"{_BOX1}, point 4: remove links to time, place and person",
        "Remove links to the time, place and person (patient and professional) and the "
        "institution; alter case specifics such as age and sex where the history permits.",
        "segal_hansen_2021",
        "Box 1, point 4",
    ),
    _g(
        "seed_box1_rarity",
        f"{_BOX1}, point 5: rarity identifies",
        "The rarer the case, image or procedure, the more identifiable it is.",
        "segal_hansen_2021",
        "Box 1, point 5",
    ),
    _g(
        "consent_journal_scope",
        "Segal and Hansen 2021: scope of consent",
        "Consent for an image in a scholarly publication might not extend to a public "
        "social-media post.",
        "segal_hansen_2021",
        "main text, on journals and social media",
    ),
    _g(
        "seed_montgomery_social_media",
        "Segal and Hansen 2021: Montgomery applied to social media",
        "The commentary argues that, for social media, the discussion should probably cover "
        "the public nature of the post and the future loss of control of the image.",
        "segal_hansen_2021",
        "main text, on consent and Montgomery",
    ),
    _g(
        "montgomery",
        "Montgomery v Lanarkshire Health Board [2015] UKSC 11",
        "Disclose a material risk: one a reasonable person in the patient's position would be "
        "likely to attach significance to, or that the doctor knows or should know this patient "
        "would. (The judgment concerns treatment; its application to social media is Segal and "
        "Hansen's argument.)",
        "montgomery_2015",
        "para 87",
    ),
    _g(
        "mca_2005",
        "Mental Capacity Act 2005 (England and Wales), ss. 1-3",
        "Presume capacity. Capacity is judged for the decision in hand, at the time: the person "
        "must be able to understand, retain, use or weigh the information and communicate a "
        "decision. A sedated patient is unlikely to have capacity: ask again after recovery. "
        "(Scotland: Adults with Incapacity (Scotland) Act 2000; Northern Ireland: Mental "
        "Capacity Act (Northern Ireland) 2016.)",
        "mca_2005",
        "sections 1-3",
    ),
    _g(
        "gillick",
        "Gillick competence (England and Wales)",
        "A child under 16 may consent if competent to understand what is proposed; otherwise "
        "a person with parental responsibility decides, in the child's best interests. "
        "(Scotland: Age of Legal Capacity (Scotland) Act 1991, s. 2(4).)",
        "gillick_1985",
        "the judgment (Gillick competence)",
    ),
    _g(
        "ico_motivated_intruder",
        "ICO anonymisation guidance (2025): identifiability and the motivated intruder",
        "Information is anonymous when identifying anyone is not reasonably likely, taking "
        "account of the means reasonably likely to be used, alone or with other information; "
        "the ICO calls a 'motivated intruder' test a good starting point for judging that.",
        "ico_anonymisation_2025",
        "chapter 'How do we ensure anonymisation is effective?'",
    ),
    _g(
        "sor_cropping",
        "Society of Radiographers (2020): cropping can be undone",
        "Cropping an image in Word or PowerPoint is not enough: the crop can be undone. Export a "
        "new image file.",
        "sor_2020",
        "news article of 13 July 2020",
    ),
    _g(
        "sweeney_uniqueness",
        "Sweeney 2000: simple demographics identify",
        "In 1990 US census data, 87% of the population was likely unique on 5-digit ZIP code, "
        "sex and date of birth.",
        "sweeney_2000",
        "abstract",
    ),
    _g(
        "walradt_2021",
        "Walradt et al., Am J Gastroenterol 2021",
        "Of 956 endoscopy tweets, 18.5% were at risk for confidentiality non-compliance (as "
        "reported by Segal and Hansen); the procedure date was the commonest identifier in the "
        "abstract (17.9% of tweets).",
        "walradt_2021",
        "abstract (results)",
    ),
]

GUIDANCE: dict[str, Guidance] = {g.id: g for g in _ALL}


def guidance(guidance_id: str) -> Guidance:
    """Return the guidance with this id (KeyError names the unknown id)."""
    try:
        return GUIDANCE[guidance_id]
    except KeyError:
        raise KeyError(f"unknown guidance id {guidance_id!r}") from None


def full_citation(guidance_id: str) -> str:
    """The full reference a guidance id rests on, with the paragraph or section relied on."""
    g = guidance(guidance_id)
    return f"{REFERENCES[g.reference].citation()} Relied on: {g.section}."
