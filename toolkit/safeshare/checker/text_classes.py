"""What a piece of text says about a patient: names, dates, numbers, places, ages.

One classifier for every text the checker reads (words burned into pixels, the
post, its replies, a DICOM value), so a date is a date wherever it hides. Each
hit is a character span with a taxonomy category; rules are patterns with a
little context (a label before a value: 'DOB', 'NAME', 'Physician:'), never a
model, so they run offline, instantly, and say why they fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safeshare.model.nhs_number import is_valid_nhs_number

__all__ = ["OLD_AGE", "TextHit", "classify_text"]

OLD_AGE = 89
"""Ages above this identify on their own (HIPAA Safe Harbor groups them as 90 or older)."""


@dataclass(frozen=True, slots=True)
class TextHit:
    """One identifier found in a text: characters [start, end) and what they are."""

    start: int
    end: int
    category: str
    """A taxonomy category id."""
    label: str
    """What was recognised, e.g. 'NHS number (passes Modulus 11)'."""
    text: str
    """The characters themselves."""


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?:(?![\d.])|(?=\d{1,2}:\d\d))"
    r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{2,4}}"
    rf"|\d{{1,2}}[\-/.]{_MONTHS}[\-/.]?(?:\d{{4}}|\d{{2}})(?!\d)"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?=\W|$)"
    r"|(?:19|20)\d{6}(?!\d))",
    re.IGNORECASE,
)
_DOB_LABEL = re.compile(
    r"(?:\bd\.?\s?o\.?\s?b\.?|\bbirth\b|\bborn\b|\bbirthday\b|\bgeb\b)[\s:.\-]*$", re.IGNORECASE
)
_TIME = re.compile(
    r"(?<![\d:])(?:[01]?\d|2[0-3])[:.h][0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\.?)?(?![\d:])"
)
_WHEN = re.compile(
    r"\b(?:this\s+(?:morning|afternoon|evening)(?:'s\s+(?:list|clinic|theatre))?"
    r"|(?:yesterday|today|tonight|last\s+night)(?:'s\s+(?:list|clinic|theatre|shift))?"
    r"|yesterday|today|tonight|just\s+now|an\s+hour\s+ago|earlier\s+today"
    r"|last\s+(?:week|month|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:on|this|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?(?=\W|$)"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+"
    r"(?:night|morning|afternoon|evening)(?=\W|$)"
    r"|(?:christmas|new\s+year's|boxing)\s+(?:day|eve)|this\s+week(?:end)?|last\s+weekend"
    r"|a\s+week\s+ago|\d+\s+(?:days|hours)\s+ago|over\s+the\s+weekend|on\s+call\s+tonight)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
_PHONE = re.compile(
    r"(?<!\w)(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?!\d)"
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_TEN_DIGITS = re.compile(r"(?<![\d\-])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?![\d\-])")
_RECORD_LABEL = re.compile(
    r"(?:\bmrn\b|\bhosp(?:ital)?\.?\s*(?:no|number|num|id)\b|\bpatient\s*id\b|\bpid\b|\bid\b"
    r"|\bnhs\s*(?:no|number)?\b|\bunit\s*(?:no|number)\b|\bcrn\b|\brecord\s*(?:no|number)\b)"
    r"[\s:.#]*$",
    re.IGNORECASE,
)
_SPECIMEN = re.compile(r"\b[A-Z]{1,3}\d{2}[\-/]\d{3,7}\b")
_RECORD = re.compile(r"\b(?=[A-Z]{0,4}\d)[A-Z]{1,4}\d{5,9}\b|\b[A-Z]\d{2}[A-Z]?\d{4,7}\b")
_ACCESSION = re.compile(
    r"\b(?:acc(?:ession)?(?:\s*(?:no|number))?\s*[:#]?\s*(?=[A-Z\-]*\d)[A-Z0-9\-]{4,}"
    r"|(?:spec(?:imen)?|study|lab|episode|visit)\s*(?:no|number|id)\s*[:#]?\s*"
    r"(?=[A-Z\-]*\d)[A-Z0-9\-]{3,})\b",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b(?:(\d{1,3})[\s\-]?(?:year|yr)s?[\s\-]?old|aged?\s*[:\-]?\s*(\d{1,3})(?:\s?y(?:ears|rs?)?)?"
    r"|(\d{1,3})\s?(?:yo|y/o|yrs?|y)(?=\W|$))",
    re.IGNORECASE,
)
_SEX_LABEL = re.compile(r"\bsex\b[\s:]*$", re.IGNORECASE)
_SEX = re.compile(r"^\s*[:\s]*([MF]|MALE|FEMALE)\b", re.IGNORECASE)
_TITLE_NAME = re.compile(
    r"\b((?i:Dr|Doctor|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Nurse|Sister|Sr|Councillor|Cllr|Rev"
    r"|Revd|Father|Sir|Dame|Lady|Lord|Captain|Coach|Uncle|Auntie|Aunt|Nan|Grandad))\.?\s+"
    r"((?:[A-Z]\.?\s+){0,2}[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+)?)"
)
_STAFF_TITLES = {"dr", "doctor", "prof", "professor", "nurse", "sister", "sr"}
_NOT_A_NAME = frozenset(
    [
        "MR",
        "CT",
        "US",
        "XR",
        "DX",
        "CR",
        "NM",
        "PET",
        "MRI",
        "LUMBAR",
        "CERVICAL",
        "THORACIC",
        "BRAIN",
        "HEAD",
        "CHEST",
        "KNEE",
        "SPINE",
        "PELVIS",
        "ABDOMEN",
        "WRIST",
        "HIP",
        "SHOULDER",
        "ANKLE",
        "ELBOW",
        "HAND",
        "FOOT",
        "NECK",
        "ANGIO",
        "SCAN",
    ]
)
"""Words after 'MR' that make it the modality (MR LUMBAR SPINE), not a title."""
_SURNAME_FIRST = re.compile(
    r"\b[A-Z][A-Z'\-]{1,}(?:\s[A-Z][A-Z'\-]+)?,\s*[A-Z](?:[A-Za-z'\-]+|\.)?(?:\s[A-Z]\.?)?(?![a-z])"
)
"""SURNAME, Forename (or SURNAME, F): how overlays, worklists and theatre lists write names."""
_INITIAL_SURNAME = re.compile(r"\b[A-Z]\.\s?[A-Z][a-z][A-Za-z'\-]+\b")
"""'K. Pickles': how a ward board or a theatre list writes a name."""
_TITLE_BEFORE = re.compile(
    r"\b(?:dr|doctor|prof|professor|nurse|sister|sr|mr|mrs|ms|miss|mx)\.?\s*$", re.IGNORECASE
)
_CARET_NAME = re.compile(r"\b[A-Za-z'\-]+\^[A-Za-z'\-]+(?:\^[A-Za-z'\-]*)*")
_NAME_LABEL = re.compile(r"(?:\bname\b|\bpatient\b|\bpt\b)[\s:.]*$", re.IGNORECASE)
_STAFF_LABEL = re.compile(
    r"(?:physician|endoscopist|operator|consultant|surgeon|radiologist|sonographer|referrer|"
    r"anaesth(?:etist)?|scrub|assistant|registrar|reported\s+by|performed\s+by|dr)[\s:.]*$",
    re.IGNORECASE,
)
_LABEL_VALUE = re.compile(r"^[\s:.\-]*([A-Z][A-Za-z'\-]*\.?(?:[ ,]+[A-Z][A-Za-z'\-.]*){0,3})")
"""The value after a label: 'SMITH, John', 'F. Penhaligon' (an initial may keep its point)."""
_INITIALS = re.compile(r"\b(?:[A-Z]\.\s?){2,3}(?=\W|$)|\b[A-Z]{2,3}\b(?=,?\s+(?:\d{1,3}|aged))")
_NOT_INITIALS = {
    "AGE",
    "SEX",
    "DOB",
    "NHS",
    "ID",
    "MRN",
    "PID",
    "DR",
    "MR",
    "MRS",
    "MS",
    "UK",
    "GP",
}
_INSTITUTION_WORD = (
    r"(?:Hospital|Infirmary|Clinic|Ultrasound|Sonography|Dental|Dentistry|Physiotherapy|Pharmacy"
    r"|Medical\s+Cent(?:re|er)|Health\s+Cent(?:re|er)|Surgery|Hospice"
    r"|NHS(?:\s+Foundation)?\s+Trust|Trust|Health\s+Board|Practice|Endoscopy\s+Unit|Unit"
    r"|Maternity|Radiology|Imaging\s+Cent(?:re|er))"
)
_INSTITUTION = re.compile(
    rf"\b(?:(?:St\.?\s+)?[A-Z][A-Za-z'&\-]+\s+){{1,4}}{_INSTITUTION_WORD}\b"
    rf"|\b(?:Royal|University|General|District|Community|Children's)\s+{_INSTITUTION_WORD}\b"
)
_INSTITUTION_CAPS = re.compile(
    r"\b(?:[A-Z][A-Z'&\-]+\s+){1,4}(?:HOSPITAL|INFIRMARY|CLINIC|MEDICAL\s+CENTRE|HEALTH\s+CENTRE"
    r"|NHS\s+TRUST|TRUST|HOSPICE|SURGERY)\b"
)
_HASHTAG = re.compile(r"#[A-Za-z][A-Za-z0-9_]+")
_UNIT_WORDS = {
    "hospital",
    "infirmary",
    "clinic",
    "nhs",
    "trust",
    "endoscopy",
    "radiology",
    "imaging",
    "ward",
    "icu",
    "itu",
    "theatre",
    "theatres",
    "unit",
    "maternity",
    "ae",
    "a&e",
    "hospice",
    "gi",
    "sonography",
    "ultrasound",
    "dental",
    "dentistry",
    "physio",
    "pharmacy",
    "surgery",
    "practice",
}
_WARD = re.compile(r"\b(?:Ward|Bay|Bed|Room|Theatre)\s+(?:\d{1,3}[A-Z]?|[A-Z][a-z]+)\b")
_PLACE = re.compile(
    r"\b(?:in|at|from|near|outside|around|of)\s+((?:[A-Z][a-z'\-]+)(?:[\s\-](?:[A-Z][a-z'\-]+|on|upon|le|by)){0,3})"
)
_NOT_PLACES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "This",
    "That",
    "A",
    "An",
    "My",
    "Our",
    "His",
    "Her",
    "Their",
    "Theatre",
    "Clinic",
    "Radiology",
    "Endoscopy",
    "Medicine",
    "Surgery",
    "Gastroenterology",
    "Christmas",
    "Easter",
    "I",
    "We",
    "It",
    "UK",
    "England",
    "Scotland",
    "Wales",
    "Britain",
    "Europe",
    "Ireland",
    "Northern",
    "NHS",
    "ED",
    "ICU",
    "Twitter",
    "X",
    "Instagram",
    "Facebook",
    "Hospital",
    "Trust",
    "Unit",
    "Ward",
    "Care",
    "Emergency",
    "General",
    "Practice",
}
_RELATIVE = re.compile(
    r"\b(?:my|our|his|her|their|your)\s+(?:mum|mom|mother|dad|father|nan|nana|gran|granny|grandma"
    r"|grandad|grandpa|grandfather|grandmother|husband|wife|partner|son|daughter|brother|sister"
    r"|aunt|auntie|uncle|cousin|niece|nephew|fianc[eé]e?|boyfriend|girlfriend|neighbour|friend"
    r"|baby|kids?|children|family)\b",
    re.IGNORECASE,
)
_RARITY = re.compile(
    r"\b(?:rare|rarest|extremely\s+unusual|unusual|unique|one\s+in\s+a\s+million|never\s+seen"
    r"(?:\s+(?:one|this|before))?|once\s+in\s+a\s+(?:career|lifetime)"
    r"|first\s+(?:ever\s+)?case|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+case\s+"
    r"(?:ever\s+)?(?:reported\s+|seen\s+)?(?:in|of)\s+(?:the\s+)?\w+|only\s+(?:a\s+)?(?:handful|few|\d+)\s+(?:of\s+)?cases"
    r"|orphan\s+disease|syndrome\s+of\s+\w+)\b",
    re.IGNORECASE,
)
_RECOGNITION = re.compile(
    r"\b(?:bet\s+(?:it'?s|that'?s)|(?:is|was)\s+(?:this|that)\s+(?:the|my|our|your|\w+'s)|that'?s\s+"
    r"(?:my|our|the)|i\s+know\s+(?:him|her|who)|i\s+recognise|looks\s+like\s+(?:my|our)"
    r"|must\s+be\s+(?:my|our|the)|get\s+well\s+soon|dm\s+(?:us|me))\b",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][a-z'\-]+\s+){1,3}(?:Club|Society|Lodge|Church|Chapel|Mosque|Temple|"
    r"School|College|Academy|FC|Rovers|United|Choir|Band|Brewery|Bakery|Farm|Pub|Inn|Arms)\b"
    r"|\bthe\s+(?:Rotary|Legion|WI|Scouts|Guides|Masons)\b"
)
_PERSONAL = re.compile(
    r"\b(?:councillor|chairs?\s+the\s+\w+(?:\s+committee)?|the\s+(?:village|town|local)\s+\w+|ex-?\s?(?:professional|pro)\s+\w+|professional\s+(?:footballer|athlete|player|dancer|"
    r"singer|boxer|rugby\s+player)|footballer|premier\s+league|olympi(?:an|c)|celebrity|famous"
    r"|local\s+(?:mp|councillor|celebrity|hero|vicar|teacher|legend)|runs\s+the\s+(?:village|local)"
    r"\s+\w+|owns\s+the\s+\w+|(?:half\s+)?marathon|triathlon|headteacher|mayor|vicar"
    r"|(?:our|the)\s+(?:village|town)\s+\w+|famous\s+\w+|twins?|triplets|quadruplets"
    r"|pregnant\s+with\s+\w+|lottery|viral|in\s+the\s+news|on\s+the\s+news)\b",
    re.IGNORECASE,
)


def _hit(match: re.Match[str], category: str, label: str, group: int = 0) -> TextHit:
    return TextHit(match.start(group), match.end(group), category, label, match.group(group))


def _year(text: str) -> int | None:
    found = re.findall(r"(?:19|20)\d{2}", text)
    if found:
        return int(found[-1])
    two = re.search(r"[/.\-](\d{2})$", text)
    return 2000 + int(two.group(1)) if two else None


def _dates(text: str) -> list[TextHit]:
    hits = []
    for m in _DATE.finditer(text):
        before = text[max(0, m.start() - 24) : m.start()]
        if _DOB_LABEL.search(before):
            hits.append(_hit(m, "date_of_birth", "date of birth (after a birth label)"))
            continue
        year = _year(m.group())
        if year is not None and year < 2005:
            hits.append(_hit(m, "date_of_birth", f"a date in {year}: likely a date of birth"))
        else:
            hits.append(_hit(m, "date_of_care", "a date: the day of care"))
    for m in _TIME.finditer(text):
        if re.fullmatch(r"00[:.]\d\d(?::\d\d)?", m.group()):
            continue  # a procedure timer from zero, not a time of day
        hits.append(_hit(m, "date_of_care", "a time of day"))
    hits += [_hit(m, "date_of_care", "words that date the encounter") for m in _WHEN.finditer(text)]
    return hits


def _numbers(text: str) -> list[TextHit]:
    hits = []
    for m in _TEN_DIGITS.finditer(text):
        if is_valid_nhs_number(re.sub(r"\D", "", m.group())):
            hits.append(_hit(m, "patient_number", "NHS number (passes the Modulus 11 check)"))
        else:
            hits.append(_hit(m, "unique_number", "a ten-digit number (fails Modulus 11)"))
    for m in _RECORD.finditer(text):
        label = text[max(0, m.start() - 24) : m.start()]
        if m.group().upper().startswith("ACC") and not _RECORD_LABEL.search(label):
            hits.append(_hit(m, "unique_number", "an accession number"))
        else:
            hits.append(_hit(m, "patient_number", "a hospital or record number"))
    hits += [
        _hit(m, "unique_number", "an accession or other unique number")
        for m in _ACCESSION.finditer(text)
    ]
    hits += [_hit(m, "unique_number", "a specimen or lab number") for m in _SPECIMEN.finditer(text)]
    for m in re.finditer(r"\b\d{5,9}\b", text):
        if _RECORD_LABEL.search(text[max(0, m.start() - 24) : m.start()]):
            hits.append(_hit(m, "patient_number", "a number after an ID label"))
    return hits


def _contacts(text: str) -> list[TextHit]:
    hits = [_hit(m, "address_or_contact", "an e-mail address") for m in _EMAIL.finditer(text)]
    hits += [_hit(m, "address_or_contact", "a telephone number") for m in _PHONE.finditer(text)]
    hits += [_hit(m, "address_or_contact", "a postcode") for m in _POSTCODE.finditer(text)]
    street = (
        r"\b\d{1,4}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Street|Lane|Avenue|Close|Drive|Rise|Way"
        r"|Crescent|Gardens|Terrace|Place|Court|Hill)\b"
    )
    hits += [_hit(m, "address_or_contact", "a street address") for m in re.finditer(street, text)]
    return hits


def _ages(text: str) -> list[TextHit]:
    hits = []
    for m in _AGE.finditer(text):
        number = next((g for g in m.groups() if g), None)
        if number is None:
            continue
        age = int(number)
        if age > 125:
            continue
        label = f"an age ({age})"
        if age > OLD_AGE:
            label = f"an age over {OLD_AGE} ({age}): identifying on its own"
        hits.append(_hit(m, "age_or_sex", label))
    for m in re.finditer(r"\b(?:sex|gender)\b", text, re.IGNORECASE):
        after = _SEX.match(text[m.end() :])
        if after:
            start = m.end() + after.start(1)
            hits.append(
                TextHit(start, start + len(after.group(1)), "age_or_sex", "sex", after.group(1))
            )
    sex_age = r"\b\d{1,3}\s?[MF]\b|\b[MF]\s?/\s?\d{1,3}\b|\b\d{1,3}\s?/\s?[MF]\b"
    hits += [_hit(m, "age_or_sex", "age and sex") for m in re.finditer(sex_age, text)]
    return hits


def _names(text: str) -> list[TextHit]:
    hits = []
    for m in _TITLE_NAME.finditer(text):
        if m.group(2).split()[0].rstrip(".").upper() in _NOT_A_NAME:
            continue  # 'MR MR LUMBAR': a modality and an examination, not Mr Lumbar
        staff = m.group(1).lower().rstrip(".") in _STAFF_TITLES
        category = "clinician_identity" if staff else "patient_name"
        hits.append(_hit(m, category, "a clinician's name" if staff else "a name with a title"))
    for m in _INITIAL_SURNAME.finditer(text):
        before = text[max(0, m.start() - 24) : m.start()]
        if _TITLE_BEFORE.search(before):
            continue  # 'Dr H. Okafor': the title rule names it
        staff = bool(_STAFF_LABEL.search(before))
        category = "clinician_identity" if staff else "patient_name"
        hits.append(_hit(m, category, "an initial and a surname"))
    for pattern in (_SURNAME_FIRST, _CARET_NAME):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 24) : m.start()]
            staff = bool(_STAFF_LABEL.search(before))
            category = "clinician_identity" if staff else "patient_name"
            hits.append(_hit(m, category, "a name written SURNAME, Forename"))
    for label, category in ((_NAME_LABEL, "patient_name"), (_STAFF_LABEL, "clinician_identity")):
        for m in re.finditer(r"[:\s]", text):
            found_label = label.search(text[: m.start() + 1])
            if not found_label:
                continue
            said = found_label.group()
            if ":" not in said and not said.strip(" .").isupper():
                continue  # a label is 'Name:' or an overlay's 'NAME', not a sentence's word
            value = _LABEL_VALUE.match(text[m.start() + 1 :])
            if value and len(value.group(1)) >= 2:
                start = m.start() + 1 + value.start(1)
                hits.append(
                    TextHit(
                        start,
                        start + len(value.group(1)),
                        category,
                        "a name after a label",
                        value.group(1),
                    )
                )
    hits += [
        _hit(m, "patient_name", "initials")
        for m in _INITIALS.finditer(text)
        if m.group().upper() not in _NOT_INITIALS
    ]
    return hits


def _places(text: str) -> list[TextHit]:
    hits = [_hit(m, "institution", "a hospital or unit") for m in _INSTITUTION.finditer(text)]
    hits += [_hit(m, "institution", "a hospital or unit") for m in _INSTITUTION_CAPS.finditer(text)]
    for m in _HASHTAG.finditer(text):
        parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", m.group()[1:])
        named = [w for w in parts if w.lower() in _UNIT_WORDS]
        if named and len(parts) > len(named) and re.search(r"[a-z][A-Z]", m.group()):
            hits.append(_hit(m, "institution", "a hashtag naming a unit"))
    hits += [_hit(m, "place", "a ward, bay or bed") for m in _WARD.finditer(text)]
    for m in _PLACE.finditer(text):
        words = m.group(1).split()
        if words[0] in _NOT_PLACES or all(w in _NOT_PLACES for w in words):
            continue
        hits.append(_hit(m, "place", "a town or place", 1))
    return hits


def _context(text: str) -> list[TextHit]:
    hits = [_hit(m, "personal_details", "a relative") for m in _RELATIVE.finditer(text)]
    hits += [_hit(m, "rarity", "a rare condition or event") for m in _RARITY.finditer(text)]
    for pattern, label in (
        (_PERSONAL, "an occupation or life event"),
        (_ORGANISATION, "a club, church or business"),
        (_RECOGNITION, "words that recognise someone"),
    ):
        hits += [_hit(m, "personal_details", label) for m in pattern.finditer(text)]
    return hits


_AGE_WORDS = re.compile(
    r"\b(?:(nonagenarian|centenarian|supercentenarian)|octogenarian|septuagenarian"
    r"|(?:newborn|neonatal|premature|teenage|toddler|infant|baby|elderly|young)\s+"
    r"(?:boy|girl|man|woman|lady|gentleman|son|daughter|mum|dad))\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b(?:at\s+)?(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?:am|pm)\b", re.IGNORECASE)
_LINKAGE = re.compile(
    r"\b(?:(?:my|our|the)\s+(?:earlier|last|previous|other|first)\s+(?:post|tweet|thread)"
    r"|from\s+my\s+[\w\s]{0,20}post|see\s+(?:my\s+)?(?:earlier|previous|last)\s+\w+"
    r"|update\s+on\s+(?:the|my|our)\s+\w+|remember\s+(?:the|my|our)\s+\w+)\b",
    re.IGNORECASE,
)
_NEWSPAPER = re.compile(
    r"\b(?:the\s+)?[A-Z][a-z]+\s+(?:Gazette|Herald|Echo|Chronicle|Courier|Mercury|Argus"
    r"|Advertiser|Evening\s+News|Post|Times|Examiner|Observer|Journal)\b"
)
_RARE_CONDITIONS = re.compile(
    r"\b(?:situs\s+inversus|dextrocardia|polydactyly|syndactyly|extra\s+(?:toe|finger|digit)"
    r"|conjoined|progeria|\w+(?:-\w+)?\s+disease,\s+only|\w+-\w+\s+disease|acromegaly"
    r"|gigantism|albinism|harlequin|elephantiasis|cyclopia|anencephaly|ectopia\s+cordis)\b",
    re.IGNORECASE,
)
_LIFE = re.compile(
    r"\b(?:(?:back\s+)?running\s+(?:her|his|their|the)\s+\w+|(?:longest|long)[\s\-]standing\s+"
    r"patients?|(?:mum|dad|mother|father|brother|sister|twin)\s+(?:has|had|is|was)\s+(?:the\s+same|also)"
    r"|collapsed\s+(?:on|at|during)\s+the\s+\w+|on\s+the\s+pitch|at\s+the\s+finish\s+line)\b",
    re.IGNORECASE,
)
_NAME_HANDLE = re.compile(r"@[A-Z][a-z]+_[A-Z][a-z'\-]+\b")


def _more(text: str) -> list[TextHit]:
    hits = []
    for m in _AGE_WORDS.finditer(text):
        label = f"an age over {OLD_AGE}" if m.group(1) else "an age"
        hits.append(_hit(m, "age_or_sex", label))
    hits += [_hit(m, "date_of_care", "a time of day") for m in _CLOCK.finditer(text)]
    hits += [_hit(m, "linkage", "a link to another post") for m in _LINKAGE.finditer(text)]
    hits += [_hit(m, "place", "a local newspaper") for m in _NEWSPAPER.finditer(text)]
    hits += [_hit(m, "rarity", "a rare condition") for m in _RARE_CONDITIONS.finditer(text)]
    hits += [_hit(m, "personal_details", "a life detail") for m in _LIFE.finditer(text)]
    hits += [
        _hit(m, "patient_name", "a handle that is a name") for m in _NAME_HANDLE.finditer(text)
    ]
    return hits


_RANK = {
    "patient_number": 0,
    "date_of_birth": 1,
    "patient_name": 2,
    "address_or_contact": 3,
    "unique_number": 4,
    "clinician_identity": 5,
    "institution": 6,
    "age_or_sex": 7,
    "date_of_care": 8,
    "place": 9,
    "rarity": 10,
    "personal_details": 11,
    "linkage": 12,
}
"""When two hits overlap, the one that identifies more surely wins."""


def _resolve(hits: list[TextHit]) -> list[TextHit]:
    chosen: list[TextHit] = []
    for hit in sorted(hits, key=lambda h: (_RANK.get(h.category, 99), -(h.end - h.start))):
        if any(hit.start < c.end and c.start < hit.end for c in chosen):
            continue
        chosen.append(hit)
    return sorted(chosen, key=lambda h: (h.start, h.end))


def classify_text(text: str) -> list[TextHit]:
    """Every identifier the rules find in `text`, without overlaps, in reading order."""
    hits = _numbers(text) + _contacts(text) + _dates(text) + _ages(text) + _names(text)
    hits += _places(text) + _context(text) + _more(text)
    return _resolve([h for h in hits if h.end > h.start and h.text.strip()])
