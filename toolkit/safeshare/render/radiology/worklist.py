"""Other patients on a PACS worklist: invented names, numbers and studies for the side panel.

A screenshot of a viewer often shows the day's list beside the image: other
patients' names, hospital numbers and studies. All of them are fictional.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

__all__ = ["WorklistRow", "worklist_rows"]

_GIVEN = [
    "Agnes",
    "Barry",
    "Cerys",
    "Dennis",
    "Edith",
    "Fergus",
    "Gwen",
    "Hector",
    "Ines",
    "Jarvis",
    "Kathleen",
    "Leonard",
    "Mabel",
    "Neville",
    "Orla",
    "Percy",
    "Rosalind",
    "Sidney",
    "Thea",
    "Vernon",
    "Wilma",
    "Yusuf",
    "Zelda",
    "Alfie",
]
_FAMILY = [
    "Abernethy",
    "Bellamy",
    "Cartwright",
    "Dunstable",
    "Ebbings",
    "Fothergill",
    "Grimshaw",
    "Hatherley",
    "Ingleby",
    "Jessop",
    "Kettlewell",
    "Lumley",
    "Mottram",
    "Nettleship",
    "Ormerod",
    "Pickersgill",
    "Ramsbottom",
    "Scattergood",
    "Tunnicliffe",
    "Uttley",
    "Vickerstaff",
    "Wainwright",
]
_STUDIES = [
    ("CR", "XR CHEST PA"),
    ("DX", "XR CHEST AP"),
    ("CT", "CT HEAD"),
    ("CT", "CT CHEST ABDO PELVIS"),
    ("MR", "MR LUMBAR SPINE"),
    ("US", "US ABDOMEN"),
    ("DX", "XR L KNEE"),
    ("DX", "XR R WRIST"),
    ("MR", "MR BRAIN"),
    ("CT", "CT PULMONARY ANGIO"),
    ("US", "US RENAL"),
    ("DX", "XR PELVIS"),
]


@dataclass(frozen=True, slots=True)
class WorklistRow:
    name: str
    patient_id: str
    when: str
    modality: str
    description: str


def worklist_rows(rng: random.Random, day: dt.date, count: int) -> list[WorklistRow]:
    """`count` other patients' studies on the same day, in time order."""
    rows = []
    used: set[str] = set()
    minutes = sorted(rng.sample(range(8 * 60, 18 * 60), count))
    for m in minutes:
        while True:
            name = f"{rng.choice(_FAMILY).upper()}, {rng.choice(_GIVEN)}"
            if name not in used:
                used.add(name)
                break
        modality, description = rng.choice(_STUDIES)
        number = f"{rng.choice('RKMH')}{rng.choice('XWBT')}{rng.randrange(10**6):06d}"
        rows.append(
            WorklistRow(
                name, number, f"{day:%d/%m/%Y} {m // 60:02d}:{m % 60:02d}", modality, description
            )
        )
    return rows
