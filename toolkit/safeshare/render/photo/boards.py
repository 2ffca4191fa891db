"""Boards and screens behind the subject: a ward whiteboard, a theatre board, a patient list.

They carry other patients' names (and the team's), which is how a clinical photo
discloses people who never met the photographer. Text boxes are recorded as
they are drawn, like every card in photo_props.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from safeshare.model.facts import Facts
from safeshare.render.drawing import draw_text, union
from safeshare.render.fonts import font
from safeshare.render.photo.props import Card

__all__ = ["other_patients", "screen_card", "theatre_board_card", "whiteboard_card"]

# Other (fictional) patients on a ward board or a theatre list.
_OTHER_GIVEN = ["D", "M", "A", "P", "S", "J", "R", "K", "E", "T", "L", "G"]
_OTHER_FAMILY = [
    "Ashdown",
    "Brereton",
    "Cobbold",
    "Dunster",
    "Eskdale",
    "Fothergill",
    "Garside",
    "Hebblethwaite",
    "Ingleby",
    "Jessop",
    "Kinsella",
    "Lockwood",
    "Mottram",
    "Nuttall",
    "Ormerod",
    "Pickles",
    "Royle",
    "Scarisbrick",
    "Tunstall",
    "Wadsworth",
]


def other_patients(rng: random.Random, n: int) -> list[str]:
    """Invented names of other patients, as a ward board writes them ('J. Ashdown')."""
    families = rng.sample(_OTHER_FAMILY, n)
    return [f"{rng.choice(_OTHER_GIVEN)}. {f}" for f in families]


def whiteboard_card(rng: random.Random, facts: Facts, *, bay: str) -> Card:
    """A ward patient board in marker pen: bed, name, consultant, plan."""
    w, h = 1100, 640
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w - 1, h - 1], fill=(176, 180, 186, 255))
    d.rectangle([14, 14, w - 15, h - 15], fill=(241, 243, 242, 255))
    marker = font("sans-oblique", 36)
    head = font("sans-bold", 34)
    bay_box = draw_text(d, (40, 28), f"{bay}", head, (30, 60, 150, 255))
    cols = [40, 150, 520, 820]
    for x in cols[1:]:
        d.line([(x - 20, 90), (x - 20, h - 30)], fill=(40, 40, 40, 255), width=3)
    d.line([(30, 88), (w - 30, 88)], fill=(40, 40, 40, 255), width=3)
    names = other_patients(rng, 5)
    own_row = rng.randrange(5)
    names[own_row] = f"{facts['patient.given'][0]}. {facts['patient.family']}"
    consultants = [facts["clinician.family"], facts["colleague.name"].split()[-1]]
    plans = ["NBM", "TTO", "OT am", "Bloods", "Physio", "D/C", "IVAB", "Echo"]
    row_boxes = []
    for i, person in enumerate(names):
        y = 110 + i * 100
        colour = rng.choice([(25, 45, 140, 255), (25, 25, 30, 255), (25, 45, 140, 255)])
        b1 = draw_text(d, (cols[0] + 10, y), f"{i + 1}", marker, colour)
        b2 = draw_text(d, (cols[1], y), person, marker, colour)
        b3 = draw_text(d, (cols[2], y), rng.choice(consultants), marker, colour)
        b4 = draw_text(d, (cols[3], y), rng.choice(plans), marker, (170, 30, 35, 255))
        row_boxes.append(union(b1, b2, b3, b4))
        d.line([(30, y + 82), (w - 30, y + 82)], fill=(120, 120, 120, 255), width=2)
    # The bay heading belongs to the list: which bay these patients lie in.
    return Card(img, {"names": union(bay_box, *row_boxes)}, {"names": ", ".join(names)})


def screen_card(rng: random.Random, facts: Facts, *, title: str) -> Card:
    """A monitor showing a clinical list: times, names, hospital numbers, procedures."""
    w, h = 1000, 640
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, w - 1, h - 1], radius=14, fill=(22, 23, 26, 255))
    sx0, sy0, sx1, sy1 = 26, 26, w - 27, h - 60
    d.rectangle([sx0, sy0, sx1, sy1], fill=(236, 240, 245, 255))
    d.rectangle([sx0, sy0, sx1, sy0 + 64], fill=(0, 72, 140, 255))
    fh = font("sans-bold", 30)
    header = f"{title} - {facts['procedure.date']}"
    header_box = draw_text(d, (sx0 + 20, sy0 + 14), header, fh, (255, 255, 255, 255))
    fc = font("sans-bold", 24)
    fr = font("sans", 26)
    cols = [sx0 + 20, sx0 + 130, sx0 + 470, sx0 + 690]
    for x, label in zip(cols, ["Time", "Patient", "Hosp No", "Procedure"], strict=True):
        d.text((x, sy0 + 80), label, font=fc, fill=(60, 70, 85, 255))
    names = [f"{n.split('. ')[1].upper()}, {n[0]}" for n in other_patients(rng, 5)]
    own = rng.randrange(5)
    names[own] = f"{facts['patient.family'].upper()}, {facts['patient.given'][0]}"
    procedures = ["Lap chole", "Hernia repair", "EUA", "Excision lesion", "TKR", "Hemicolectomy"]
    row_boxes = []
    hour = 8
    for i, person in enumerate(names):
        y = sy0 + 125 + i * 64
        if i % 2 == 0:
            d.rectangle([sx0, y - 8, sx1, y + 48], fill=(222, 229, 238, 255))
        number = (
            facts["patient.hospital_number"]
            if i == own
            else f"{rng.choice('RKMH')}{rng.choice('XWBT')}{rng.randrange(10**6):06d}"
        )
        b = [
            draw_text(
                d,
                (cols[0], y),
                f"{hour:02d}:{rng.choice(['00', '30', '45'])}",
                fr,
                (20, 24, 30, 255),
            ),
            draw_text(d, (cols[1], y), person, fr, (20, 24, 30, 255)),
            draw_text(d, (cols[2], y), number, fr, (20, 24, 30, 255)),
            draw_text(d, (cols[3], y), rng.choice(procedures), fr, (20, 24, 30, 255)),
        ]
        hour += rng.choice([1, 1, 2])
        row_boxes.append(union(*b))
    d.ellipse([w / 2 - 6, h - 36, w / 2 + 6, h - 24], fill=(60, 200, 90, 255))
    return Card(img, {"list": union(header_box, *row_boxes)}, {"names": "; ".join(names)})


def theatre_board_card(rng: random.Random, facts: Facts, *, theatre: int) -> Card:
    """A theatre whiteboard: the team on today's list, the patient on the table, the counts."""
    w, h = 1000, 700
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w - 1, h - 1], fill=(176, 180, 186, 255))
    d.rectangle([14, 14, w - 15, h - 15], fill=(242, 244, 243, 255))
    marker = font("sans-oblique", 38)
    head = font("sans-bold", 40)
    blue, black, red = (25, 45, 140, 255), (25, 25, 30, 255), (170, 30, 35, 255)
    title = draw_text(d, (40, 26), f"THEATRE {theatre}", head, black)
    surgeon = facts["clinician.name"]
    anaesthetist = facts["colleague.name"]
    scrub = f"{rng.choice(_OTHER_GIVEN)}. {rng.choice(_OTHER_FAMILY)}"
    staff = [
        draw_text(d, (40, 100), f"Surgeon: {surgeon}", marker, blue),
        draw_text(d, (40, 160), f"Anaesth: {anaesthetist}", marker, blue),
        draw_text(d, (40, 220), f"Scrub: {scrub}", marker, blue),
    ]
    patient = f"{facts['patient.given'][0]}. {facts['patient.family']}"
    label = draw_text(d, (40, 300), "Pt:", marker, black)
    name_box = draw_text(d, (label[0] + label[2] + 10, 300), patient, marker, black)
    d.line([(30, 380), (w - 30, 380)], fill=(60, 60, 60, 255), width=3)
    counts = [draw_text(d, (40, 400), "SWABS", head, black)]
    for i in range(4):
        x = 40 + i * 230
        count = f"{rng.choice([5, 10])}/{rng.choice([5, 10])}"
        counts.append(draw_text(d, (x, 470), count, marker, red))
        d.line([(x, 530), (x + 150, 530)], fill=red, width=2)
    counts.append(draw_text(d, (40, 580), "Needles  2/2    Blades  1/1", marker, red))
    return Card(
        img,
        {
            "staff": union(*staff),
            "patient": union(label, name_box),
            "title": title,
            "counts": union(*counts),
        },
        {"staff": f"{surgeon}, {anaesthetist}, {scrub}", "patient": patient},
    )
