"""The sources the course and the taxonomy rest on, cited in full.

One table: every guidance entry points at one of these by id, and every
module's closing list of references is drawn from it. Each entry says what was
checked and against what (`note`); where the primary text could not be seen,
the note says "unverified" rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["REFERENCES", "Reference", "reference"]

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b|n\.d\.")
_LOCATOR = re.compile(r"^(doi:10\.\S+|https?://\S+)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One source, cited in full."""

    id: str
    """Stable identifier that guidance entries and modules point at."""
    authors: str
    """Authors (Vancouver style) or the issuing body."""
    year: str
    """Year of publication; 'n.d.' for an undated web page."""
    title: str
    """Title of the article, guidance, statute, judgment or page."""
    publisher: str
    """Journal with volume, issue and pages, or the publisher or court."""
    locator: str
    """'doi:10....' or a URL; empty only when no copy could be found (then `note` says so)."""
    note: str
    """What was checked, against what; 'unverified' where the primary text was not seen."""

    @property
    def complete(self) -> bool:
        """True when every part of a full citation is present and well formed."""
        return bool(
            self.authors
            and _YEAR.search(self.year)
            and self.title
            and self.publisher
            and _LOCATOR.match(self.locator)
        )

    def citation(self) -> str:
        """The citation in full, as a module's reference list prints it."""
        where = self.locator or "no copy found"
        return f"{self.authors} ({self.year}). {self.title}. {self.publisher}. {where}."


_GMC_RECORDINGS_URL = (
    "https://www.gmc-uk.org/professional-standards/the-professional-standards/"
    "making-and-using-visual-and-audio-recordings-of-patients"
)

_ALL = [
    # The source the course grew from
    Reference(
        id="segal_hansen_2021",
        authors="Segal JP, Hansen R",
        year="2021",
        title="Medical images, social media and consent",
        publisher="Nat Rev Gastroenterol Hepatol (Comment, published online 23 April 2021)",
        locator="doi:10.1038/s41575-021-00453-1",
        note=(
            "Checked against the full text of the commentary (the project's seed copy) and its "
            "bibliographic record (authors, title, date, journal, DOI). Volume and pages not seen."
        ),
    ),
    # UK professional guidance
    Reference(
        id="gmc_recordings",
        authors="General Medical Council",
        year="2011, updated 18 December 2024",
        title="Making and using visual and audio recordings of patients",
        publisher="London: General Medical Council",
        locator=_GMC_RECORDINGS_URL,
        note=(
            "Paras 10, 11, 12, 17 and 22-25 checked against the numbered text on the GMC website "
            "(before the December 2024 update); paras 36-38 against the numbered 2011 text. The "
            "December 2024 text of the public-media section reads the same, but its paragraph "
            "numbers could not be seen and its opening now refers to 'paragraph 16 and 22-23' "
            "instead of '16 and 22-27': the numbers 36-38 are unverified in the current text. "
            "Para 25's point that withdrawing consent does not affect care was seen only in "
            "secondary summaries."
        ),
    ),
    Reference(
        id="gmc_social_media_2024",
        authors="General Medical Council",
        year="2024",
        title="Using social media as a medical professional",
        publisher="London: General Medical Council",
        locator="https://www.gmc-uk.org/gmpinaction/case-studies/dr-walker/scenario-03/",
        note=(
            "Paras 4, 9, 18 and 19 checked as quoted by the GMC itself (the Good medical "
            "practice in action case study at this URL; the guidance's own page was not "
            "opened). Replaces 'Doctors' use of social media' (2013), whose para 5 "
            "made the same point about standards."
        ),
    ),
    Reference(
        id="gmc_confidentiality_2017",
        authors="General Medical Council",
        year="2017",
        title="Confidentiality: good practice in handling patient information",
        publisher="London: General Medical Council",
        locator=(
            "http://www.gmc-uk.org/guidance/ethical_guidance/"
            "confidentiality_70_72_disclosure_after_patient_death.asp"
        ),
        note=(
            "'Your duty of confidentiality continues after a patient has died' checked in the "
            "2009 edition (para 70, at this URL), which the 2017 edition replaced on 25 April "
            "2017; the paragraph number in the 2017 edition is unverified."
        ),
    ),
    Reference(
        id="caldicott_2020",
        authors="National Data Guardian for Health and Social Care",
        year="2020",
        title="The Eight Caldicott Principles",
        publisher="London: National Data Guardian (published 8 December 2020)",
        locator=(
            "https://www.gov.uk/government/news/"
            "why-caldicott-principles-and-caldicott-guardians-are-still-relevant-in-2020"
        ),
        note=(
            "That there are eight principles since December 2020, the seventh added in 2013 and "
            "the eighth (informing patients) in 2020, checked against the National Data "
            "Guardian's announcement; the course paraphrases each principle's wording."
        ),
    ),
    Reference(
        id="rcr_2017",
        authors="The Royal College of Radiologists",
        year="2017",
        title=(
            "Guidance on the use of patient images obtained as part of standard care for "
            "teaching, training and research"
        ),
        publisher="London: The Royal College of Radiologists (December 2017)",
        locator=(
            "https://www.rcr.ac.uk/publication/guidance-use-patient-images-obtained-part-"
            "standard-care-teaching-training-and-research"
        ),
        note=(
            "The advice to remove name, date of birth, NHS or hospital number, hospital name and "
            "doctor's name, including from metadata, checked as quoted by the Royal College of "
            "Physicians of Edinburgh; the section number is unverified."
        ),
    ),
    Reference(
        id="sor_2020",
        authors="Society of Radiographers",
        year="2020",
        title="The dangers of using medical images on social media",
        publisher="London: Society of Radiographers (news, 13 July 2020)",
        locator="https://www.sor.org/news/dangers-using-medical-images-social-media",
        note=(
            "Checked: cropping in Word or PowerPoint can be undone; unusual cases, with a "
            "poster's role, location or workplace, may identify."
        ),
    ),
    Reference(
        id="imi_2006",
        authors="Institute of Medical Illustrators",
        year="2006",
        title="IMI National Guidelines: Consent to Clinical Photography",
        publisher="London: Institute of Medical Illustrators",
        locator="https://www.imi.org.uk",
        note=(
            "Title and date checked; the tiers (records, teaching, publication for a specified "
            "purpose) checked on an NHS trust's consent page (Lancashire Teaching Hospitals), "
            "not in the guideline's own text. That a separate social-media tier is rare is "
            "unverified."
        ),
    ),
    Reference(
        id="bmj_consent_form",
        authors="BMJ Publishing Group",
        year="n.d.",
        title="Patient consent and confidentiality (policy and patient consent form)",
        publisher="London: BMJ",
        locator="https://authors.bmj.com/policies/patient-consent-and-confidentiality",
        note=(
            "Checked: the form says complete anonymity cannot be guaranteed, that someone who "
            "looked after the patient or a relative may identify them, and that the print "
            "edition is distributed worldwide and the material may be reused in other formats "
            "now and in the future."
        ),
    ),
    # Law
    Reference(
        id="hipaa_cfr",
        authors="US Department of Health and Human Services",
        year="2002",
        title=(
            "Standards for Privacy of Individually Identifiable Health Information: "
            "implementation specifications for de-identification (Safe Harbor), "
            "45 CFR 164.514(b)(2)"
        ),
        publisher="Code of Federal Regulations, title 45, as amended",
        locator=(
            "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/"
            "subpart-E/section-164.514"
        ),
        note=(
            "The eighteen identifiers (A)-(R), 'of the individual or of relatives, employers, "
            "or household members of the individual', checked in several verbatim copies; "
            "(P) reads 'biometric identifiers, including finger and voice prints'. The eCFR "
            "URL was not opened here."
        ),
    ),
    Reference(
        id="hhs_deid_2012",
        authors="US Department of Health and Human Services, Office for Civil Rights",
        year="2012",
        title=(
            "Guidance Regarding Methods for De-identification of Protected Health Information "
            "in Accordance with the HIPAA Privacy Rule"
        ),
        publisher="Washington, DC: HHS (26 November 2012)",
        locator=(
            "https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/"
            "de-identification/index.html"
        ),
        note=(
            "That patient initials must be removed under Safe Harbor was seen only in secondary "
            "summaries of the guidance; the primary text and its section number are unverified."
        ),
    ),
    Reference(
        id="dicom_ps315",
        authors="DICOM Standards Committee (NEMA)",
        year="2020",
        title=(
            "DICOM PS3.15 Security and System Management Profiles, Annex E: Attribute "
            "Confidentiality Profiles"
        ),
        publisher="Rosslyn, VA: National Electrical Manufacturers Association",
        locator="https://dicom.nema.org/medical/dicom/current/output/chtml/part15/chapter_E.html",
        note=(
            "Checked in a 2020 edition: the basic profile removes private attributes (E.2) and "
            "only the Retain Safe Private Option keeps those known to be safe (E.3.10); device "
            "identity is removed unless the Retain Device Identity Option is used (E.3.8); "
            "burned-in text is removed only under the Clean Pixel Data Option, which sets "
            "Burned In Annotation to NO (E.3.1); the options list (E.3); the De-identification "
            "Method Code Sequence (0012,0064) (E.1.1). Table E.1-1 has over 600 rows (621 in "
            "the 2024 edition, per the project's fact-check; not recounted here)."
        ),
    ),
    Reference(
        id="ico_anonymisation_2025",
        authors="Information Commissioner's Office",
        year="2025",
        title="Anonymisation: How do we ensure anonymisation is effective?",
        publisher="Wilmslow: Information Commissioner's Office (published 28 March 2025)",
        locator=(
            "https://cy.ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/"
            "data-sharing/anonymisation/how-do-we-ensure-anonymisation-is-effective"
        ),
        note=(
            "Checked: identifiability is judged by the 'means reasonably likely to be used', "
            "not by hypothetical chances; applying a 'motivated intruder' test is 'a good "
            "starting point'. Publication date from secondary reports."
        ),
    ),
    Reference(
        id="uk_gdpr_art9",
        authors="United Kingdom",
        year="2016",
        title=(
            "UK General Data Protection Regulation (Regulation (EU) 2016/679 as retained in UK "
            "law), article 9: processing of special categories of personal data"
        ),
        publisher="legislation.gov.uk",
        locator="https://www.legislation.gov.uk/eur/2016/679/article/9",
        note=(
            "Standard citation; the article's text and this URL were not opened for this "
            "course (unverified). That anonymous information is outside data protection law "
            "was checked in the ICO's guidance."
        ),
    ),
    Reference(
        id="campbell_2004",
        authors="House of Lords",
        year="2004",
        title="Campbell v MGN Ltd [2004] UKHL 22",
        publisher="United Kingdom House of Lords",
        locator="https://www.bailii.org/uk/cases/UKHL/2004/22.html",
        note=(
            "That medical information is 'obviously private' seen in a secondary summary only; "
            "the judgment and this URL were not opened (unverified)."
        ),
    ),
    Reference(
        id="montgomery_2015",
        authors="Supreme Court of the United Kingdom",
        year="2015",
        title="Montgomery v Lanarkshire Health Board [2015] UKSC 11",
        publisher=(
            "United Kingdom Supreme Court (judgment of 11 March 2015, on appeal from Scotland)"
        ),
        locator="https://www.bailii.org/uk/cases/UKSC/2015/11.html",
        note=(
            "The test of materiality (para 87) checked against the judgment's published "
            "summary. The judgment concerns treatment; applying it to social media is the "
            "argument of Segal and Hansen 2021, not part of the judgment."
        ),
    ),
    Reference(
        id="mca_2005",
        authors="United Kingdom Parliament",
        year="2005",
        title="Mental Capacity Act 2005 (c. 9), sections 1-3 (England and Wales)",
        publisher="legislation.gov.uk",
        locator="https://www.legislation.gov.uk/ukpga/2005/9",
        note=(
            "Sections 2-3 and Explanatory Notes para 21 checked: capacity is judged for the "
            "particular decision at the particular time, and may be partial, temporary or "
            "fluctuating. Extends to England and Wales."
        ),
    ),
    Reference(
        id="awi_scotland_2000",
        authors="Scottish Parliament",
        year="2000",
        title="Adults with Incapacity (Scotland) Act 2000 (asp 4)",
        publisher="legislation.gov.uk",
        locator="https://www.legislation.gov.uk/asp/2000/4",
        note=(
            "Cited for its jurisdiction (Scotland) per the project's fact-check; the Act was not "
            "opened here (unverified)."
        ),
    ),
    Reference(
        id="mca_ni_2016",
        authors="Northern Ireland Assembly",
        year="2016",
        title="Mental Capacity Act (Northern Ireland) 2016 (c. 18)",
        publisher="legislation.gov.uk",
        locator="https://www.legislation.gov.uk/nia/2016/18",
        note=(
            "Cited for its jurisdiction (Northern Ireland) per the project's fact-check; the Act "
            "was not opened here (unverified)."
        ),
    ),
    Reference(
        id="gillick_1985",
        authors="House of Lords",
        year="1985",
        title="Gillick v West Norfolk and Wisbech Area Health Authority [1986] AC 112",
        publisher="United Kingdom House of Lords",
        locator="https://www.bailii.org/uk/cases/UKHL/1985/7.html",
        note=(
            "Standard citation for Gillick competence (England and Wales); the judgment and "
            "this URL were not opened (unverified)."
        ),
    ),
    Reference(
        id="alc_scotland_1991",
        authors="United Kingdom Parliament",
        year="1991",
        title="Age of Legal Capacity (Scotland) Act 1991 (c. 50), section 2(4)",
        publisher="legislation.gov.uk",
        locator="https://www.legislation.gov.uk/ukpga/1991/50",
        note=(
            "Cited for children's consent in Scotland per the project's fact-check; the Act was "
            "not opened here (unverified)."
        ),
    ),
    # Studies
    Reference(
        id="walradt_2021",
        authors="Walradt T, Wadhwa V, Chiang AL, Berzin TM, Bilal M",
        year="2021",
        title=(
            "Confidentiality and conflicts of interest: an assessment of Twitter posts in "
            "gastrointestinal endoscopy"
        ),
        publisher="Am J Gastroenterol 2021;116(7):1542-1544",
        locator="doi:10.14309/ajg.0000000000001238",
        note=(
            "Abstract checked: procedure date 17.9%, date of birth 0.8%, face 0.5%, device "
            "brand in 95 tweets (10%), 7 of 19 US tweets from paid physicians, none disclosed. "
            "The 356 / 24.1% / 956 / 18.5% / 31.3% / 1.4% / one-tweet figures are as reported "
            "by Segal and Hansen 2021 (not in the abstract seen). The coding rule for 'at risk' "
            "versus 'non-compliant' is unverified."
        ),
    ),
    Reference(
        id="ahmed_2020",
        authors="Ahmed W, Jagsi R, Gutheil TG, Katz MS",
        year="2020",
        title=(
            "Public disclosure on social media of identifiable patient information by health "
            "professionals: content analysis of Twitter data"
        ),
        publisher="J Med Internet Res 2020;22(9):e19746",
        locator="doi:10.2196/19746",
        note=(
            "Abstract checked: friends or family could likely identify the scenario in 242 of "
            "the 754 tweets disclosing information about others (32.1%); 162 of 348 tweets "
            "about potentially living patients (46.6%) were likely identifiable by the patient."
        ),
    ),
    Reference(
        id="irenji_2020",
        authors="Irenji N, McAloon C",
        year="2020",
        title="P1571 Echocardiograms on Twitter: the good, the bad and the ugly",
        publisher="Eur Heart J Cardiovasc Imaging 2020;21(Suppl 1) (conference abstract)",
        locator="doi:10.1093/ehjci/jez319.991",
        note=(
            "Abstract checked: 324 tweets from 120 users; 81 (67%) stated their city and 35 "
            "(29%) their hospital; consent mentioned in no tweet. Supplement number unverified."
        ),
    ),
    Reference(
        id="salvador_2024",
        authors="Salvador et al.",
        year="2024",
        title="Survey of patients' views on the use of their clinical images (title unverified)",
        publisher="JAMA Dermatol (as given in the project's notes)",
        locator="",
        note=(
            "Unverified: neither the article nor its abstract could be found in the sources "
            "searched; the figures 84.9% and 21.1% are as summarised in the project's notes."
        ),
    ),
    Reference(
        id="schwarz_2019",
        authors="Schwarz CG, Kremers WK, Therneau TM, et al.",
        year="2019",
        title=(
            "Identification of anonymous MRI research participants with face-recognition software"
        ),
        publisher="N Engl J Med 2019;381(17):1684-1686 (correspondence)",
        locator="doi:10.1056/NEJMc1908881",
        note=(
            "Checked in reports of the letter: 70 of 84 volunteers (83%) matched first choice. "
            "Volume, pages and DOI taken from several independent reference lists."
        ),
    ),
    Reference(
        id="packhauser_2022",
        authors=("Packhäuser K, Gündel S, Münster N, Syben C, Christlein V, Maier A"),
        year="2022",
        title=(
            "Deep learning-based patient re-identification is able to exploit the biometric "
            "nature of medical chest X-ray data"
        ),
        publisher="Sci Rep 2022;12:14851",
        locator="doi:10.1038/s41598-022-19045-3",
        note="Abstract checked: AUC 0.9940 for verifying two frontal chest X-rays as one person.",
    ),
    Reference(
        id="sweeney_2000",
        authors="Sweeney L",
        year="2000",
        title="Simple demographics often identify people uniquely",
        publisher="Pittsburgh: Carnegie Mellon University, Data Privacy Working Paper 3",
        locator="https://id.scribd.com/document/371861592/paper1-pdf",
        note=(
            "Abstract checked in this copy of the working paper: 87% (216 of 248 million) of "
            "the US population, in 1990 census data, likely unique on 5-digit ZIP, gender and "
            "date of birth."
        ),
    ),
    Reference(
        id="gow_2020",
        authors="Gow J, Moffatt C, Blackport J",
        year="2020",
        title=(
            "Participation in patient support forums may put rare disease patient data at risk "
            "of re-identification"
        ),
        publisher="Orphanet J Rare Dis 2020 (journal as given in the project's notes)",
        locator=(
            "https://discovery.researcher.life/article/participation-in-patient-support-"
            "forums-may-put-rare-disease-patient-data-at-risk-of-reidentification/"
            "226ba23283163d1ab4d03b3596581f91"
        ),
        note=(
            "Abstract checked: 80 patients, eight rare diseases; nearly 75% at high risk from "
            "marital status, 3-digit ZIP, age, sex and condition. Journal, volume and DOI "
            "unverified (not seen)."
        ),
    ),
    Reference(
        id="gadde_2020",
        authors="Gadde JA, Peterson RB, Koontz NA",
        year="2020",
        title='"Failing up" on social media: finding opportunities in moments of #fail',
        publisher="J Am Coll Radiol 2020 (published online 17 October 2020)",
        locator="doi:10.1016/j.jacr.2020.09.054",
        note=(
            "Checked: use general ages ('young adult', 'elderly'), do not post recent cases, "
            "do not say when the patient presented. Advice on unique hardware is not in what "
            "was seen."
        ),
    ),
    Reference(
        id="esge_lee_2014",
        authors="Dinis-Ribeiro M, Hassan C, Meining A, Aabakken L, Fockens P",
        year="2014",
        title=(
            "Live endoscopy events (LEEs): European Society of Gastrointestinal Endoscopy "
            "Position Statement - Update 2014"
        ),
        publisher="Endoscopy 2015;47(1):80-86",
        locator="doi:10.1055/s-0034-1390705",
        note=(
            "Abstract checked: patients must be adequately informed that the standard of care "
            "will be assured and that their identity will not be revealed. A 2021 update "
            "(Webster GJ et al., Endoscopy 2021;53:842-849) exists; its content is unverified."
        ),
    ),
    Reference(
        id="asge_2024",
        authors=(
            "Chan WW, Advani RR, Bilal M, Charabaty A, Kwok KK, Laster JS, Perelman A, "
            "Siddique SM, Trieu J, Umoren MD, Chiang AL"
        ),
        year="2024",
        title=(
            "American Society for Gastrointestinal Endoscopy best practice statements on the "
            "sharing of endoscopic images and videos on social media"
        ),
        publisher="VideoGIE 2024;9(10):425-432.e1",
        locator="https://ouci.dntb.gov.ua/works/loR5JeW4",
        note=(
            "Bibliographic record only (authors, title, journal, pages, 29 references). The "
            "statements themselves could not be read: their content is unverified and the "
            "course cites none of them. DOI not seen."
        ),
    ),
    # Cases and precedents
    Reference(
        id="avant_2025",
        authors="Avant Mutual",
        year="2025",
        title="Trainee's use of patient image on dating site found to be serious misconduct",
        publisher="Sydney: Avant (case summary, 30 October 2025)",
        locator=(
            "https://avant.org.au/resources/trainee-use-of-patient-image-found-to-be-"
            "serious-misconduct"
        ),
        note=(
            "Checked: a UK neurosurgery trainee erased from the GMC register on several "
            "findings, one of them using an intra-operative image of a patient's exposed brain "
            "on a dating profile without consent."
        ),
    ),
    Reference(
        id="mdu_twitter_hands",
        authors="Medical Defence Union",
        year="n.d.",
        title="A breach of patient privacy on Twitter (student case study)",
        publisher="London: MDU",
        locator=(
            "https://www.themdu.com/for-students/student-advice/"
            "a-breach-of-patient-privacy-on-twitter"
        ),
        note=(
            "Checked: a student tweeted a photo of a patient's hands; a friend recognised them "
            "from the deformity and a characteristic ring."
        ),
    ),
    Reference(
        id="boston_globe_2011",
        authors="The Boston Globe",
        year="2011",
        title="For doctors, social media a tricky case (20 April 2011)",
        publisher="Summarised by HealthLeaders Media",
        locator="http://www.healthleadersmedia.com/marketing/doctors-social-media-tricky-case",
        note=(
            "Checked: a Rhode Island emergency physician lost her hospital privileges in 2010 "
            "and was reprimanded and fined $500 by the state board in 2011 for a Facebook post "
            "with no name in it. Reporter's name not seen."
        ),
    ),
    Reference(
        id="nmbi_2023",
        authors="Nursing and Midwifery Board of Ireland fitness-to-practise inquiry, as reported",
        year="2023",
        title="Nurse admits misconduct for posting photo of organ retrieval surgery online",
        publisher="News report (original publisher not seen; read in a republished copy)",
        locator="https://vganews.net/top/nurse-admits-misconduct-for-posting-organs-procedure-photo",
        note=(
            "Checked: photograph taken and posted 22 May 2023; the patient's family were "
            "distressed; the nurse received a final written warning. The original report "
            "was not seen."
        ),
    ),
    Reference(
        id="hhs_ocr_2022",
        authors="US Department of Health and Human Services, Office for Civil Rights",
        year="2022",
        title=(
            "HHS Civil Rights Office enters settlement with dental practice over disclosures "
            "of patients' protected health information"
        ),
        publisher="Washington, DC: HHS (press release, 14 December 2022)",
        locator=(
            "https://www.hhs.gov/about/news/2022/12/14/hhs-civil-rights-office-enters-"
            "settlement-with-dental-practice-over-disclosures-of-patients-protected-health-"
            "information.html"
        ),
        note=(
            "Checked: $23,000 for disclosing patients' information in replies to online "
            "reviews. An earlier settlement (Elite Dental Associates, $10,000, October 2019) "
            "was checked in secondary reports."
        ),
    ),
    Reference(
        id="nhs_number_test_range",
        authors="Wikipedia contributors",
        year="n.d.",
        title="NHS number (section on number ranges)",
        publisher="Wikipedia",
        locator="https://en.wikipedia.org/wiki/NHS_number",
        note=(
            "Secondary: the 999 000 0000-999 999 9999 range reserved for testing is documented "
            "here and in software that cites it; NHS England's own statement was not seen "
            "(unverified)."
        ),
    ),
]

REFERENCES: dict[str, Reference] = {r.id: r for r in _ALL}


def reference(reference_id: str) -> Reference:
    """Return the reference with this id (KeyError names the unknown id)."""
    try:
        return REFERENCES[reference_id]
    except KeyError:
        raise KeyError(f"unknown reference {reference_id!r}") from None
