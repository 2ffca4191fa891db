"""The self-check questions of each module: a prompt, choices, the answer and why.

Each explanation names its source, so the feedback teaches as well as marks,
and `sources` lists the guidance ids it rests on (each resolves to a full
reference in the taxonomy). Figures are from the sources as published; where a
figure is derived here (a count worked out from a percentage) or a coding rule
is not confirmed, the explanation says so.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QUESTIONS", "Question", "questions_for"]


@dataclass(frozen=True, slots=True)
class Question:
    """One multiple-choice self-check question."""

    id: str
    """Stable id, '<module>-<n>', used in the progress file."""
    prompt: str
    choices: tuple[str, ...]
    answer: int
    """Index of the right choice."""
    explanation: str
    """Why, with the source: shown after any answer."""
    sources: tuple[str, ...] = ()
    """Guidance ids the explanation rests on (empty for questions about the course itself)."""

    def __post_init__(self) -> None:
        if not 0 <= self.answer < len(self.choices):
            raise ValueError(f"question {self.id}: answer index out of range")


_ALL: tuple[Question, ...] = (
    # 00 Start here
    Question(
        "00-1",
        "Are the patients, numbers and places in the exercises real?",
        (
            "Yes, they are real cases with the names removed",
            "No: every person, number, place and hospital is invented",
            "Some are real, from published papers",
        ),
        1,
        "Every case is drawn by the toolkit from an invented story. NHS numbers start with 999, "
        "a range set aside for testing, so none can belong to a patient.",
    ),
    Question(
        "00-2",
        "Where are your answers, scores and reflections kept?",
        (
            "On a website run by the course provider",
            "In your own folder on the machine running the course; nothing is sent anywhere",
            "In the notebook, where other learners can read them",
        ),
        1,
        "Everything goes into a folder named after your learner code on the machine running "
        "the course. The course works offline and fetches and sends nothing.",
    ),
    # 01 Why it matters
    Question(
        "01-1",
        "Walradt et al. (2021) studied 956 tweets with endoscopy images or videos. What share "
        "of those tweets did they judge 'at risk' for confidentiality non-compliance?",
        ("1.4%", "18.5%", "24.1%", "31.3%"),
        1,
        "18.5% of the tweets were 'at risk'; a further 1.4% were non-compliant. 24.1% is the "
        "share of the 356 gastroenterologists who posted such images, and 31.3% the share of "
        "those posters with at least one at-risk tweet (Walradt et al., Am J Gastroenterol "
        "2021;116:1542-4, as reported by Segal and Hansen 2021).",
        sources=("walradt_2021",),
    ),
    Question(
        "01-2",
        "Which identifying detail appeared most often in those tweets?",
        ("The patient's date of birth", "The procedure date", "The patient's face", "A name"),
        1,
        "The procedure date, in 17.9% of tweets; date of birth in 0.8% and the face in 0.5% "
        "(Walradt et al., abstract). "
        "A date looks harmless, but with the author's name and unit it points at one list, "
        "and so at a handful of patients.",
        sources=("walradt_2021",),
    ),
    Question(
        "01-3",
        "How many of the at-risk tweets mentioned the patient's consent?",
        ("None", "One", "About half", "Most of them"),
        1,
        "A single at-risk tweet discussed consent. Posting without saying so does not prove "
        "consent was missing, but nothing told the reader it was there.",
        sources=("walradt_2021",),
    ),
    Question(
        "01-4",
        "What does 'at risk' mean in that study?",
        (
            "The patient was identified by someone who saw the tweet",
            "The tweet held details that could help identify the patient; the exact coding "
            "rule is not confirmed in what we have",
            "The author was disciplined",
        ),
        1,
        "'At risk' describes the content, not an outcome: nobody checked whether patients were "
        "recognised. The paper's exact rule for 'at risk' versus 'non-compliant' is not "
        "confirmed here, so treat the split between the two with caution.",
        sources=("walradt_2021",),
    ),
    # 02 Identifiers in the pixels
    Question(
        "02-1",
        "The comment field of an endoscopy overlay reads 'JS 94M'. Under HIPAA Safe Harbor, "
        "which parts are identifiers?",
        (
            "Neither: initials are not a name",
            "Only the initials",
            "The initials and the age, because it is over 89",
            "Only the sex",
        ),
        2,
        "HHS's 2012 de-identification guidance says initials must be removed (as reported in "
        "summaries of it; the primary text is unverified here), and all ages over 89 are "
        "identifiers under HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(C)). With a date and a "
        "unit, 'JS 94M' points at one person.",
        sources=("hhs_initials", "hipaa_dates"),
    ),
    Question(
        "02-2",
        "What example does the GMC give of anonymising an X-ray before other use?",
        (
            "Lowering the resolution",
            "Removing writing in the margin of the image",
            "Converting it to black and white",
            "Adding a watermark",
        ),
        1,
        "GMC guidance on recordings (para 12) gives removing writing in the margins of an "
        "X-ray as its example. Internal images may be used without consent once anonymised; "
        "the burned-in text is what stops them being anonymous.",
        sources=("gmc_recordings_10_12",),
    ),
    Question(
        "02-3",
        "A photo shows a lesion on a forearm beside a distinctive tattoo. No name anywhere. "
        "Could it identify the patient?",
        (
            "No, without a name nobody can tell",
            "Yes: friends and family recognise tattoos, birthmarks and rings",
            "Only if the tattoo includes a name",
        ),
        1,
        "'Apparently insignificant details may still be capable of identifying the patient' "
        "(GMC recordings guidance, para 17). A tattoo or ring is a distinctive mark that people "
        "who know the patient recognise (under HIPAA Safe Harbor, (R): any other unique "
        "identifying characteristic).",
        sources=("gmc_recordings_17", "hipaa_other_unique"),
    ),
    Question(
        "02-4",
        "The overlay shows 'Eh:A5 Cm:1' and a device brand. Are these identifiers of the patient?",
        (
            "Yes, every string on the screen must go",
            "No: they are processor settings and a make, not about the patient",
        ),
        1,
        "Image-enhancement settings and a brand do not identify the patient. Learn to tell "
        "them from what does, so you remove what matters and keep what teaches. (Naming a "
        "device raises a different question: declare any interest in its maker.)",
        sources=("walradt_2021",),
    ),
    # 03 Hidden data
    Question(
        "03-1",
        "You photograph a ward monitor with your phone. What may the JPEG carry that nobody "
        "sees on screen?",
        (
            "Nothing: a JPEG is only pixels",
            "GPS position, date and time, camera owner and device serial (EXIF)",
            "Only the file name",
        ),
        1,
        "Phone photos carry EXIF data: GPS (if location is on), DateTimeOriginal, sometimes the "
        "owner's name and the device serial. Some platforms strip it on upload, others keep it, "
        "and files sent directly or by email usually keep it all.",
        sources=("rcr_anonymisation",),
    ),
    Question(
        "03-2",
        "An MRI goes to a discussion forum as a DICOM file. The pixels show no text. Is it "
        "anonymous?",
        (
            "Yes, the pixels are clean",
            "No: the header can hold name, ID, birth date, address, institution, physicians "
            "and private tags",
        ),
        1,
        "DICOM PS3.15 Annex E (the Basic Application Level Confidentiality Profile) lists "
        "over 600 header attributes that can identify and what to do with each. What you "
        "cannot see still travels.",
        sources=("dicom_ps315_e",),
    ),
    Question(
        "03-3",
        "You take a screenshot of a photo open on your screen. What is true of the screenshot?",
        (
            "It keeps the photo's EXIF data",
            "It drops the photo's EXIF data but keeps everything visible on screen, and may get "
            "a new time stamp of its own",
            "It removes anything identifying automatically",
        ),
        1,
        "A screenshot is a new picture of the screen: the original file's metadata is not "
        "copied, but every visible thing is (a worklist, a name in the title bar, a "
        "notification), and the new file may carry its own creation time.",
        sources=("rcr_anonymisation",),
    ),
    Question(
        "03-4",
        "You crop an image in office software before sharing the file. Is the cropped-off part "
        "gone?",
        (
            "Yes, cropping deletes it",
            "Not always: many office programs keep the whole picture and the crop can be undone",
        ),
        1,
        "The Society of Radiographers (2020) warns that cropping in office software can be "
        "undone. Export a new image file, then open it and check.",
        sources=("sor_cropping",),
    ),
    # 04 The story around the image
    Question(
        "04-1",
        "The image is clean. The author's profile says 'Consultant gastroenterologist at "
        "Eastbrook General'; the post says 'yesterday's list'. What identifies?",
        (
            "Nothing, as there is no name",
            "Time plus place plus person: the profile gives the unit and the clinician, the "
            "post gives the day",
            "Only the hospital name",
        ),
        1,
        "Linkage: each detail alone is common, together they narrow the field to one list. "
        "Remove links to time, place and person, including your own (Segal and Hansen 2021, "
        "Box 1, point 4).",
        sources=("seed_box1_links",),
    ),
    Question(
        "04-2",
        "Sweeney (2000) estimated what share of the US population is unique on ZIP code, sex "
        "and date of birth?",
        ("About 8%", "About 37%", "About 87%"),
        2,
        "About 87%, in 1990 census data (Sweeney 2000). Three ordinary details single most "
        "people out; a clinical story adds more.",
        sources=("sweeney_uniqueness",),
    ),
    Question(
        "04-3",
        "A reply to your post says 'That's my dad! Thanks Dr Patel'. What now?",
        (
            "Thank them publicly",
            "Nothing: the reply is theirs, not yours",
            "The patient is now identified: take the post down and do not confirm anything in "
            "public",
        ),
        2,
        "A reply can identify a patient the post did not. You cannot control replies, so the "
        "safe course is to remove the post, and never to confirm details in public. The GMC "
        "warns that pieces of information can, in sum, identify (Using social media as a "
        "medical professional, 2024, para 19).",
        sources=("gmc_social_media", "gmc_recordings_17"),
    ),
    Question(
        "04-4",
        "Why does rarity matter?",
        (
            "It does not, if there is no name",
            "The rarer the condition, image or procedure, the fewer people it can be",
            "Rare cases are exempt because they are educational",
        ),
        1,
        "'The rarer the clinical case, clinical image or procedure being undertaken, the more "
        "identifiable the details of it become' (Segal and Hansen 2021, Box 1). Rarity cannot "
        "be masked: it needs consent, or the case held back.",
        sources=("seed_box1_rarity",),
    ),
    # 05 Consent
    Question(
        "05-1",
        "The patient gave written consent for a journal article. Can the image go on social media?",
        (
            "Yes, publication is publication",
            "Not on that consent: it does not automatically extend to a public post",
        ),
        1,
        "Consent for a scholarly publication might not extend to a public social-media post "
        "(Segal and Hansen 2021). Ask again, for that purpose, naming the platforms.",
        sources=("consent_journal_scope",),
    ),
    Question(
        "05-2",
        "Which of these should a consent for social media name, according to the practice points?",
        (
            "Social media specifically, the platforms, public visibility and loss of control",
            "Only the platforms",
            "Only that the image is for teaching",
        ),
        0,
        "Segal and Hansen 2021, Box 1: written consent should refer specifically to social "
        "media, name the "
        "platforms, explain that anyone can see the content, and that control of the image is "
        "lost once it is shared.",
        sources=("seed_box1_consent",),
    ),
    Question(
        "05-3",
        "Under Montgomery (2015), which risks must you tell a patient about?",
        (
            "Only risks above 1%",
            "Those a reasonable person in the patient's position would attach significance to, "
            "or that you know or should know this patient would",
            "Only those the patient asks about",
        ),
        1,
        "Montgomery v Lanarkshire Health Board [2015] UKSC 11, para 87. Applied to a post, as "
        "Segal and Hansen 2021 argue (the judgment itself concerns treatment): that anyone can "
        "see it, worldwide, and that once shared it cannot be recalled.",
        sources=("montgomery", "seed_montgomery_social_media"),
    ),
    Question(
        "05-4",
        "A patient 'agreed' to a photograph being shared while sedated during the procedure. "
        "Is that valid consent?",
        (
            "Yes, they said yes",
            "No: under sedation they are unlikely to have capacity for this decision",
        ),
        1,
        "Mental Capacity Act 2005 (England and Wales), ss. 1-3: presume capacity, but judge it "
        "for this decision at this time: can the person understand, retain, use or weigh the "
        "information and communicate a decision? Under sedation they are unlikely to; ask "
        "again after recovery. (Scotland and Northern Ireland have their own Acts.)",
        sources=("mca_2005",),
    ),
    Question(
        "05-5",
        "The patient has died and the family was not asked. Does confidentiality still apply?",
        (
            "No, data protection law covers the living only",
            "Yes: the GMC's duty of confidentiality continues after death",
        ),
        1,
        "The UK GDPR and Data Protection Act cover the living only, but the GMC's duty of "
        "confidentiality continues after a patient's death.",
        sources=("gmc_after_death",),
    ),
    # 06 Standards and law
    Question(
        "06-1",
        "How many Caldicott Principles are there now?",
        ("Six", "Seven", "Eight"),
        2,
        "Eight since 2020: the eighth asks that patients and service users are told how their "
        "confidential information is used (National Data Guardian, 2020). Older sources, "
        "including Segal and Hansen 2021, quote seven.",
        sources=("caldicott_8",),
    ),
    Question(
        "06-2",
        "Under HIPAA Safe Harbor, which date elements are identifiers?",
        (
            "Only the date of birth",
            "All elements of dates except the year, and all ages over 89",
            "None, dates are not identifiers",
        ),
        1,
        "45 CFR 164.514(b)(2)(i)(C): all elements of dates (except year) directly related to "
        "an individual, including birth, admission, discharge and death dates, and all ages "
        "over 89.",
        sources=("hipaa_dates",),
    ),
    Question(
        "06-3",
        "Do the GMC's standards change when a doctor posts on social media?",
        ("Yes, personal accounts are private", "No, the same standards apply"),
        1,
        "The standards expected of doctors do not change because they communicate through "
        "social media (GMC, Using social media as a medical professional, 2024, para 4).",
        sources=("gmc_social_media",),
    ),
    Question(
        "06-4",
        "Under UK data protection law, when is information about a patient 'anonymous'?",
        (
            "When the name is removed",
            "When identifying anyone is not reasonably likely, by the means reasonably likely "
            "to be used",
            "When it is posted from a personal account",
        ),
        1,
        "The ICO's anonymisation guidance (2025) asks whether identification is reasonably "
        "likely, by the means reasonably likely to be used, not whether it is impossible; it "
        "calls the 'motivated intruder' test a good starting point. Truly anonymous "
        "information is outside data protection law; health data that is not anonymous is "
        "special category data (UK GDPR art. 9).",
        sources=("ico_motivated_intruder",),
    ),
    # 07 Sharing safely
    Question(
        "07-1",
        "What should come first, before anything is removed or asked?",
        (
            "Choosing the hashtags",
            "Asking whether the post needs a patient image at all, and for what purpose",
            "Posting quickly and editing later",
        ),
        1,
        "Caldicott Principles 1-3 (National Data Guardian, 2020): justify the purpose, use "
        "confidential information only when necessary, and use the minimum necessary.",
        sources=("caldicott_1", "caldicott_2", "caldicott_3"),
    ),
    Question(
        "07-2",
        "When may you alter a case's age or sex before sharing?",
        (
            "Never, it falsifies the record",
            "Where the history permits: the teaching point does not depend on them; say that "
            "details were altered",
            "Always, to be safe",
        ),
        1,
        "Segal and Hansen 2021, Box 1, point 4: alter case specifics such as age and sex if the "
        "case history permits. Saying "
        "'details altered' keeps the teaching honest.",
        sources=("seed_box1_links",),
    ),
    Question(
        "07-3",
        "Who in your organisation should you ask before sharing images widely?",
        (
            "Nobody, it is a personal decision",
            "The data guardian (in the NHS, the Caldicott Guardian)",
            "The communications team only",
        ),
        1,
        "Segal and Hansen 2021, Box 1, point 1: seek support and guidance from your "
        "organisation's data guardian before embarking widely on sharing images.",
        sources=("seed_box1_data_guardian",),
    ),
    # 08 Capstone
    Question(
        "08-1",
        "An image is de-identified, but the case is the only one of its kind in the region. "
        "What do you need?",
        (
            "Nothing more",
            "Specific written consent for social media, or hold the case back",
            "A black bar over the image",
        ),
        1,
        "Rarity identifies and cannot be removed (Segal and Hansen 2021, Box 1, point 5), and "
        "the GMC requires consent to publish where the patient is or may be identifiable "
        "(recordings guidance, para 38).",
        sources=("seed_box1_rarity", "gmc_recordings_38"),
    ),
    Question(
        "08-2",
        "Consent was given, then withdrawn in a later note. The post is already up. What now?",
        (
            "Leave it, consent was valid when posted",
            "Take it down and do not share it again",
        ),
        1,
        "Patients may withdraw consent, without any effect on their care (GMC recordings "
        "guidance, para 25, as summarised). Remove what you posted.",
        sources=("gmc_consent_withdrawal",),
    ),
    Question(
        "08-3",
        "Which check is easiest to forget before posting?",
        (
            "The pixels",
            "The file's hidden data, your own profile and the replies",
            "The spelling",
        ),
        1,
        "Pixels are what we look at. Metadata, the profile that names your unit, and the "
        "replies that follow are easy to miss.",
        sources=("gmc_social_media",),
    ),
)

QUESTIONS: dict[str, Question] = {q.id: q for q in _ALL}


def questions_for(module_id: str) -> tuple[Question, ...]:
    """The self-check questions of a module, in order."""
    return tuple(q for q in _ALL if q.id.split("-")[0] == module_id)
