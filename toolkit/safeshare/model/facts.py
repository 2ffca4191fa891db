"""Fictional facts for a case: patient, clinicians, hospital, dates, numbers.

Every name, number and place here is invented. Phone numbers come from the
ranges Ofcom reserves for drama, NHS numbers from the 999 test range, and
postcodes use an area code that does not exist.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass

from safeshare.model.nhs_number import nhs_number

__all__ = ["Facts", "make_facts"]

_FEMALE = [
    "Eleanor",
    "Margaret",
    "Aisha",
    "Priya",
    "Siobhan",
    "Grace",
    "Hannah",
    "Fiona",
    "Joan",
    "Maureen",
    "Zainab",
    "Catrin",
    "Ruth",
    "Imogen",
    "Nia",
    "Agnieszka",
    "Dorothy",
    "Bethan",
    "Yasmin",
    "Irene",
    "Lucy",
    "Olwen",
    "Ngozi",
    "Sunita",
]
_MALE = [
    "Arthur",
    "Desmond",
    "Tariq",
    "Rhys",
    "Malcolm",
    "Declan",
    "Hamish",
    "Kwame",
    "Trevor",
    "Gareth",
    "Imran",
    "Stanley",
    "Colin",
    "Oskar",
    "Raymond",
    "Dilip",
    "Frank",
    "Owen",
    "Callum",
    "Winston",
    "Bernard",
    "Lewis",
    "Emeka",
    "Harold",
]
_FAMILY = [
    "Price",
    "Hargreaves",
    "Okonjo",
    "Pemberton",
    "Lindqvist",
    "Ashworth",
    "Mistry",
    "Caddick",
    "Fairweather",
    "Oyelaran",
    "Blackwood",
    "Trelawney",
    "Quigley",
    "Rowntree",
    "Nkemelu",
    "Whitcombe",
    "Darrow",
    "Halloran",
    "Penhaligon",
    "Szymanska",
    "Brindley",
    "Carrow",
    "Ellery",
    "Gillespie",
    "Hollins",
    "Iqbal",
    "Kettering",
    "Loveday",
    "Marchbank",
    "Northcott",
    "Oddie",
    "Pritchett",
    "Rathbone",
    "Sedgwick",
    "Thackeray",
    "Underhill",
    "Varley",
    "Wetherby",
    "Yardley",
    "Fenwick",
]
_CLINICIAN_FAMILY = [
    "Okafor",
    "Ellison",
    "Marsh",
    "Venkatesh",
    "Calloway",
    "Adeyemi",
    "Fraser",
    "Lindgren",
    "Sandhu",
    "Beaumont",
    "Kerrigan",
    "Osei",
    "Moreland",
    "Tanaka",
    "Whitfield",
    "Achebe",
]
_CLINICIAN_GIVEN = [
    "Jamie",
    "Sam",
    "Alex",
    "Priya",
    "Tom",
    "Ngozi",
    "Hugh",
    "Mei",
    "Rory",
    "Anjali",
    "Chris",
    "Femi",
    "Laura",
    "Ravi",
    "Kate",
    "Ola",
]
_TOWNS = [
    "Little Hadbury",
    "Ashcombe Mallet",
    "Thornwick",
    "Kelsby on Wold",
    "Dunmere",
    "Pellingford",
    "Stowe Barrow",
    "Wetheridge",
    "Carnock Bay",
    "Fenbridge",
    "Brackwater",
    "Holme St Aldwyn",
    "Morrow Cross",
    "Eastleigh Parva",
    "Rydal End",
    "Sallowfield",
    "Quenby",
    "Orlestone Magna",
]
_HOSPITALS = [
    ("St Elsewhere General Hospital", "St Elsewhere"),
    ("Northfield Royal Infirmary", "Northfield Royal"),
    ("Queen Adelaide University Hospital", "Queen Adelaide"),
    ("Harrowgate Vale Hospital", "Harrowgate Vale"),
    ("Kingsmere District General Hospital", "Kingsmere DGH"),
    ("Blythe Memorial Hospital", "Blythe Memorial"),
    ("Westcombe Community Hospital", "Westcombe"),
    ("Ravensholt General Hospital", "Ravensholt General"),
]
_STREETS = [
    "Mill Lane",
    "Church Walk",
    "Orchard Rise",
    "Station Road",
    "Kiln Close",
    "Beacon Way",
    "Weavers Row",
    "Tannery Street",
    "Glebe Gardens",
    "Ferry Lane",
]
_OCCUPATIONS = [
    "runs the village bakery",
    "retired headteacher",
    "local councillor",
    "ex-professional footballer",
    "church organist",
    "lifeboat coxswain",
    "owns the corner shop",
    "school crossing patrol officer",
    "parish clerk",
]
_RELATIONS_F = ["mum", "nan", "auntie", "sister"]
_RELATIONS_M = ["dad", "grandad", "uncle", "brother"]


@dataclass(frozen=True, slots=True)
class Facts:
    """The invented facts of one case variant, as named template variables."""

    values: Mapping[str, str]

    def __getitem__(self, name: str) -> str:
        try:
            return self.values[name]
        except KeyError:
            known = ", ".join(sorted(self.values))
            raise KeyError(f"unknown fact {name!r}; known facts: {known}") from None

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    @property
    def procedure_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.values["procedure.iso"])

    @property
    def posted_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.values["post.iso"])


def _date_of_birth(rng: random.Random, age: int, on: dt.date) -> dt.date:
    """A date of birth that makes the patient `age` on the given day."""
    try:
        birthday_this_year = on.replace(year=on.year - age)
    except ValueError:  # 29 February, and that year was not a leap year
        birthday_this_year = on.replace(year=on.year - age, day=28)
    back = rng.randrange(1, 364)
    return birthday_this_year - dt.timedelta(days=back)


def _phone(rng: random.Random) -> str:
    return f"07700 900{rng.randrange(1000):03d}"


def make_facts(rng: random.Random, overrides: Mapping[str, object] | None = None) -> Facts:
    """Invent a patient, clinicians, a hospital and dates; `overrides` fix some values.

    Overridable: patient.sex (F/M), patient.age, patient.given, patient.family,
    town, hospital.name, hospital.short, procedure.date (YYYY-MM-DD),
    procedure.time (HH:MM), post.delay_days, occupation.
    """
    fixed = {k: str(v) for k, v in (overrides or {}).items()}
    sex = fixed.get("patient.sex") or rng.choice(["F", "M"])
    given = fixed.get("patient.given") or rng.choice(_FEMALE if sex == "F" else _MALE)
    middle = rng.choice(_FEMALE if sex == "F" else _MALE)[0]
    family = fixed.get("patient.family") or rng.choice(_FAMILY)
    age = int(fixed.get("patient.age") or rng.randrange(34, 86))
    hospital, hospital_short = rng.choice(_HOSPITALS)
    hospital = fixed.get("hospital.name", hospital)
    hospital_short = fixed.get("hospital.short", hospital_short)
    town = fixed.get("town") or rng.choice(_TOWNS)
    home_town = fixed.get("patient.town") or rng.choice([t for t in _TOWNS if t != town])

    if "procedure.date" in fixed:
        day = dt.date.fromisoformat(fixed["procedure.date"])
    else:
        day = dt.date(2024, 1, 8) + dt.timedelta(days=rng.randrange(0, 640))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    if "procedure.time" in fixed:
        hh, mm = (int(p) for p in fixed["procedure.time"].split(":"))
        at = dt.datetime.combine(day, dt.time(hh, mm, rng.randrange(60)))
    else:
        at = dt.datetime.combine(
            day, dt.time(rng.randrange(8, 17), rng.randrange(60), rng.randrange(60))
        )
    delay_days = int(fixed.get("post.delay_days") or 0)
    posted = at + dt.timedelta(days=delay_days, minutes=rng.randrange(20, 240))
    dob = _date_of_birth(rng, age, day)

    clin_given = rng.choice(_CLINICIAN_GIVEN)
    clin_family = rng.choice(_CLINICIAN_FAMILY)
    other_family = rng.choice([f for f in _CLINICIAN_FAMILY if f != clin_family])
    other_initial = rng.choice("ABCDEFGHJKLMNPRST")
    relation = rng.choice(_RELATIONS_F if sex == "F" else _RELATIONS_M)
    relative_given = rng.choice(_FEMALE + _MALE)
    house = rng.randrange(1, 120)
    street = rng.choice(_STREETS)
    inward = f"{rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNP')}{rng.choice('QRSTUWXYZ')}"
    postcode = f"QX{rng.randrange(1, 30)} {inward}"
    hospital_number = f"{rng.choice('RKMH')}{rng.choice('XWBT')}{rng.randrange(10**6):06d}"
    accession = f"ACC{day:%y}{rng.randrange(10**6):06d}"
    handle_styles = [
        f"dr_{clin_given.lower()}_{clin_family.lower()}",
        f"{clin_given.lower()}{clin_family[0].lower()}_gi",
        f"gi_doc_{clin_given.lower()}",
        f"{clin_family.lower()}{rng.randrange(10, 99)}",
    ]
    values = {
        "patient.sex": sex,
        "patient.sex_word": "female" if sex == "F" else "male",
        "patient.pronoun": "she" if sex == "F" else "he",
        "patient.possessive": "her" if sex == "F" else "his",
        "patient.given": given,
        "patient.family": family,
        "patient.middle_initial": middle,
        "patient.full_name": f"{given} {family}",
        "patient.overlay_name": f"{family.upper()}, {given} {middle}",
        "patient.dicom_name": f"{family.upper()}^{given.upper()}^{middle}",
        "patient.initials": f"{given[0]}{family[0]}",
        "patient.age": str(age),
        "patient.age_sex": f"{age}{sex}",
        "patient.dob": f"{dob:%d/%m/%Y}",
        "patient.dob_us": f"{dob:%m/%d/%Y}",
        "patient.dob_dicom": f"{dob:%Y%m%d}",
        "patient.nhs_number": nhs_number(rng),
        "patient.hospital_number": hospital_number,
        "patient.address": f"{house} {street}, {home_town}",
        "patient.postcode": postcode,
        "patient.town": home_town,
        "patient.phone": _phone(rng),
        "occupation": fixed.get("occupation") or rng.choice(_OCCUPATIONS),
        "relative.given": relative_given,
        "relative.relation": relation,
        "clinician.given": clin_given,
        "clinician.family": clin_family,
        "clinician.name": f"Dr {clin_given} {clin_family}",
        "clinician.overlay": f"DR {clin_given[0]} {clin_family.upper()}",
        "clinician.handle": rng.choice(handle_styles),
        "colleague.overlay": f"DR {other_initial} {other_family.upper()}",
        "colleague.name": f"Dr {other_initial}. {other_family}",
        "colleague.dicom": f"{other_family.upper()}^{other_initial}",
        "hospital.name": hospital,
        "hospital.short": hospital_short,
        "hospital.upper": hospital.upper(),
        "hospital.hashtag": "".join(w for w in hospital_short.split() if w.isalnum()),
        "town": town,
        "procedure.iso": at.isoformat(),
        "procedure.date": f"{at:%d/%m/%Y}",
        "procedure.date_long": f"{at:%-d %B %Y}",
        "procedure.date_dicom": f"{at:%Y%m%d}",
        "procedure.time": f"{at:%H:%M:%S}",
        "procedure.time_dicom": f"{at:%H%M%S}",
        "procedure.weekday": f"{at:%A}",
        "post.iso": posted.isoformat(),
        "post.display": f"{posted:%-I:%M %p} · {posted:%b %-d, %Y}",
        "accession": accession,
        "phone.ward": f"01632 960{rng.randrange(1000):03d}",
    }
    for name, value in fixed.items():
        if name not in values:
            values[name] = value
    return Facts(values)
