"""A small rendered case folder built by hand, so the widget tests need no bank case.

It has what the widget shows: a markable frame with a name and a date drawn
into it, a photo whose EXIF carries GPS, a post with a date of care in its
text and a reply, and a verbal consent record. The key records each of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, ImageDraw

from safeshare.model.key import Decoy, Finding, Key
from safeshare.model.locations import Box, MetaField, Span
from safeshare.model.view import AssetView, CaseView, MetaRow, Post, Profile, Reply
from safeshare.render.drawing import draw_text
from safeshare.render.fonts import font
from safeshare.taxonomy import ConsentForm, ConsentRecord, Purpose, category, gaps_in

CASE_ID = "W01"
SEED = 3
POST_TEXT = "Textbook find on this morning's list! 8mm polyp removed en bloc #endoscopy"
BIO = "Consultant gastroenterologist at Fernhill General. Views my own."
REPLY = "That's my dad! Thank you Dr Ellison"


def _finding(fid: str, cat: str, location: Box | Span | MetaField, evidence: str) -> Finding:
    c = category(cat)
    return Finding(
        id=fid,
        category=cat,
        location=location,
        severity=c.severity.value,
        evidence=evidence,
        explanation=c.description,
        guidance=c.guidance,
        remedy=c.remedy,
    )


def _png(path: Path, size: tuple[int, int], colour: str) -> None:
    Image.new("RGB", size, colour).save(path, format="PNG")


def make_case_folder(
    root: Path,
    *,
    with_key: bool = True,
    post_text: str = POST_TEXT,
    title: str = "Polyp on this morning's list",
) -> Path:
    """Write case.json, key.json (unless with_key is False) and the pictures under root/W01."""
    folder = root / CASE_ID
    folder.mkdir(parents=True, exist_ok=True)
    frame = Image.new("RGB", (640, 360), "black")
    draw = ImageDraw.Draw(frame)
    mono = font("mono-bold", 22)
    name_box = draw_text(draw, (24, 30), "PRICE, Eleanor M", mono, "white")
    date_box = draw_text(draw, (24, 80), "12/06/2024", mono, "white")
    anon_box = draw_text(draw, (24, 300), "Eh:A5 Ce:0", font("mono", 16), "#cccccc")
    draw.ellipse((300, 40, 620, 340), fill="#c4705f")
    frame.save(folder / "frame.png", format="PNG")
    Image.new("RGB", (400, 300), "#d9b38c").save(folder / "photo.jpg", format="JPEG", quality=90)
    _png(folder / "post.png", (600, 500), "white")
    _png(folder / "consent.png", (500, 700), "#fffdf5")

    post = Post(
        author=Profile(
            display_name="Dr Jamie Ellison",
            handle="@gi_doc_jamie",
            bio=BIO,
            location="Fernhill",
            verified=True,
        ),
        text=post_text,
        posted_at="10:58 AM · Jun 12, 2024",
        images=("frame", "photo"),
        alt_text="Endoscopy image of a sigmoid polyp",
        replies=(Reply(author=Profile(display_name="Sam", handle="@sam_p"), text=REPLY),),
        views="48.2K",
        likes="1.9K",
    )
    consent = ConsentRecord(
        form=ConsentForm.VERBAL, purposes=(Purpose.TEACHING,), date="12/06/2024"
    )
    view = CaseView(
        case_id=CASE_ID,
        seed=SEED,
        title=title,
        kind="endoscopy",
        difficulty=1,
        objectives=("Spot every identifier in a processor overlay",),
        brief="A colleague asks you to check a post before it goes out.",
        assets=(
            AssetView(
                id="frame",
                type="endoscopy_frame",
                file="frame.png",
                media_type="image/png",
                width=640,
                height=360,
            ),
            AssetView(
                id="photo",
                type="clinical_photo",
                file="photo.jpg",
                media_type="image/jpeg",
                width=400,
                height=300,
                metadata=(
                    MetaRow("Make", "Make", "Pixelphone"),
                    MetaRow("GPSInfo", "GPS position", "51.50 N, 0.12 W"),
                    MetaRow("DateTimeOriginal", "Date taken", "2024:06:12 10:42:17"),
                ),
            ),
            AssetView(
                id="post",
                type="post_card",
                file="post.png",
                media_type="image/png",
                width=600,
                height=500,
                markable=False,
            ),
            AssetView(
                id="consent",
                type="consent_form",
                file="consent.png",
                media_type="image/png",
                width=500,
                height=700,
                markable=False,
            ),
        ),
        post=post,
        consent=consent,
        consent_asset="consent",
        post_asset="post",
    )
    start = post_text.find("this morning's list")
    findings = [
        _finding(
            "frame:patient_name:1", "patient_name", Box("frame", *name_box), "PRICE, Eleanor M"
        )
    ]
    findings.append(
        _finding("frame:date_of_care:1", "date_of_care", Box("frame", *date_box), "12/06/2024")
    )
    if start >= 0:
        findings.append(
            _finding(
                "post:date_of_care:1",
                "date_of_care",
                Span("post", "text", start, start + 19),
                "this morning's list",
            )
        )
    findings.append(
        _finding("photo:exif_gps:1", "exif_gps", MetaField("photo", "GPSInfo"), "51.50 N, 0.12 W")
    )
    findings.append(
        _finding(
            "post:reply_identifies:1",
            "reply_identifies",
            Span("post", "replies.0.text", 0, 14),
            "That's my dad!",
        )
    )
    key = Key(
        case_id=CASE_ID,
        seed=SEED,
        findings=tuple(findings),
        consent_gaps=gaps_in(consent),
        decision="share_after_deidentification",
        decision_reason="Mask the overlay and drop the words that date the list.",
        decoys=(
            Decoy(
                location=Box("frame", *anon_box), explanation="Processor settings, not a person."
            ),
        ),
    )
    (folder / "case.json").write_text(json.dumps(view.to_dict(), indent=2), encoding="utf-8")
    if with_key:
        (folder / "key.json").write_text(json.dumps(key.to_dict(), indent=2), encoding="utf-8")
    return folder


def key_of(folder: Path) -> Key:
    """The key written beside the case (what a test uses to know where things are)."""
    return Key.from_dict(json.loads((folder / "key.json").read_text(encoding="utf-8")))
