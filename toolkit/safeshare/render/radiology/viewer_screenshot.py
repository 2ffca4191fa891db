"""A screenshot of a PACS viewer showing an earlier radiology asset.

Dark interface, a toolbar, the image in the viewport with the four-corner
overlay a viewer writes from the DICOM header (name, ID, date of birth,
hospital, study date and time, accession number), optionally the day's
worklist with other patients' names beside it, and the patient's name in the
window title. `hide` greys out overlay fields, as a viewer's anonymise mode
does, and leaves the rest (case R5: the name hidden, the accession number and
time still there). Everything visible in the source image is re-recorded at
its place in the screenshot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PIL import Image, ImageDraw

from safeshare.model.locations import Box, MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.model.view import MetaRow
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.fonts import font
from safeshare.render.radiology.annotation import Annotator, clip_box
from safeshare.render.radiology.worklist import worklist_rows

__all__ = ["RENDERER", "ViewerOptions"]

WIDTH, HEIGHT = 1600, 900
HIDEABLE = ("patient_name", "patient_id", "dob", "institution", "accession", "study_date")
OPTIONAL_PARTS = ("title_name", "dob", "accession")
_BG = (30, 31, 34)
_PANEL = (38, 40, 44)
_LINE = (58, 61, 66)
_UI_TEXT = (200, 203, 208)
_OVERLAY = (242, 238, 205)
_MASK = (96, 98, 102)
_PANEL_W = 520


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewerOptions:
    """Options of a `viewer_screenshot` asset."""

    source: str
    """The asset (a radiograph, ultrasound or MRI) shown in the viewport."""
    worklist: bool = True
    """Show the day's worklist, with other patients, in a side panel."""
    hide: tuple[str, ...] = ()
    """Overlay fields greyed out by the viewer's anonymise mode (see HIDEABLE)."""


def _parse(reader: FieldReader) -> ViewerOptions:
    hide = reader.strings("hide")
    for item in hide:
        if item not in HIDEABLE:
            raise reader.error("hide", f"{item!r} is not one of: {', '.join(HIDEABLE)}")
    options = ViewerOptions(
        source=reader.string("source"),
        worklist=reader.boolean("worklist", True),
        hide=hide,
    )
    reader.finish()
    return options


@dataclass(frozen=True, slots=True)
class _Field:
    """A value the overlay shows, and whether it identifies the patient."""

    text: str
    identifies: bool


def _dicom_date(value: str) -> str:
    try:
        return f"{dt.datetime.strptime(value, '%Y%m%d'):%d/%m/%Y}"
    except ValueError:
        return value


def _dicom_name(value: str) -> str:
    parts = value.split("^")
    if len(parts) >= 2:
        given = " ".join(p.title() for p in parts[1:] if p)
        return f"{parts[0].upper()}, {given}".strip()
    return value


def _overlay_fields(ctx: RenderContext, source: str) -> dict[str, _Field]:
    """Overlay values from the source's header (or the facts when it has none)."""
    asset = ctx.rendered[source]
    f = ctx.facts
    if not asset.metadata:
        return {
            "patient_name": _Field(f["patient.overlay_name"], True),
            "patient_id": _Field(f["patient.hospital_number"], True),
            "dob": _Field(f"{f['patient.dob']}  {f['patient.sex']}", True),
            "institution": _Field(f["hospital.name"], True),
            "study_date": _Field(f"{f['procedure.date']}  {f['procedure.time']}", True),
            "accession": _Field(f"Acc: {f['accession']}", True),
            "description": _Field("", False),
        }
    rows: dict[str, MetaRow] = {row.tag: row for row in asset.metadata}
    flagged = {
        finding.location.tag
        for finding in ctx.source_findings.get(source, [])
        if isinstance(finding.location, MetaField)
    }

    def value(tag: str) -> str:
        return rows[tag].value if tag in rows else ""

    def ident(*tags: str) -> bool:
        return any(tag in flagged for tag in tags)

    time = value("StudyTime")
    clock = f"{time[:2]}:{time[2:4]}:{time[4:6]}" if len(time) >= 6 else time
    date = _dicom_date(value("StudyDate"))
    dob = _dicom_date(value("PatientBirthDate"))
    return {
        "patient_name": _Field(_dicom_name(value("PatientName")), ident("PatientName")),
        "patient_id": _Field(value("PatientID"), ident("PatientID")),
        "dob": _Field(f"{dob}  {value('PatientSex')}".strip(), ident("PatientBirthDate")),
        "institution": _Field(value("InstitutionName"), ident("InstitutionName")),
        "study_date": _Field(f"{date}  {clock}".strip(), ident("StudyDate", "StudyTime")),
        "accession": _Field(
            f"Acc: {value('AccessionNumber')}" if value("AccessionNumber") else "",
            ident("AccessionNumber"),
        ),
        "description": _Field(value("StudyDescription"), False),
    }


_CATEGORY = {
    "patient_name": "patient_name",
    "patient_id": "patient_number",
    "dob": "date_of_birth",
    "institution": "institution",
    "study_date": "date_of_care",
    "accession": "unique_number",
}


def _overlay_line(
    ann: Annotator, xy: tuple[int, int], key: str, field: _Field, hidden: bool, *, right: bool
) -> None:
    """One line of the corner overlay: drawn and recorded, or greyed out."""
    if not field.text:
        return
    fnt = font("sans-bold" if key == "patient_name" else "sans", 15)
    align = "right" if right else "left"
    if hidden:
        box = ann.measure((0, 0), field.text, fnt)
        w, h = box[2], box[3]
        x = xy[0] - w if right else xy[0]
        ann.draw.rectangle((x, xy[1] + 1, x + w, xy[1] + h - 2), fill=_MASK)
        ann.record(
            (x, xy[1], w, h), decoy="Greyed out by the viewer's anonymise mode: nothing to read."
        )
        return
    if field.identifies:
        ann.text(xy, field.text, fnt, _OVERLAY, category=_CATEGORY[key], align=align)
    else:
        decoy = (
            _DESCRIPTION_DECOY
            if key == "description"
            else "A dummy or emptied value from a de-identified header."
        )
        ann.text(xy, field.text, fnt, _OVERLAY, align=align, decoy=decoy)


_DESCRIPTION_DECOY = "The study description names the examination, not the patient."
_UI = "The viewer's own interface text (menus, buttons, status): software, not a patient."


def _chrome(ann: Annotator, ctx: RenderContext, title_name: _Field | None) -> None:
    """Title bar, menu, toolbar and status bar."""
    d = ann.draw
    d.rectangle((0, 0, WIDTH, 28), fill=(43, 45, 49))
    title = "MediView PACS 7"
    box = ann.text(
        (12, 6),
        title,
        font("sans-bold", 13),
        _UI_TEXT,
        decoy="The viewer's name: software, not a patient.",
    )
    if title_name is not None:
        ann.text(
            (box[0] + box[2] + 8, 6),
            f"- {title_name.text}",
            font("sans", 13),
            _UI_TEXT,
            category="patient_name" if title_name.identifies else "",
            evidence=title_name.text,
        )
    for i, colour in enumerate([(237, 106, 94), (245, 191, 79), (98, 197, 84)]):
        d.ellipse((WIDTH - 70 + i * 20, 8, WIDTH - 58 + i * 20, 20), fill=colour)
    d.rectangle((0, 28, WIDTH, 50), fill=(36, 37, 41))
    x = 12
    for item in ("File", "Edit", "View", "Image", "Tools", "Window", "Help"):
        ann.text((x, 32), item, font("sans", 13), _UI_TEXT, benign=_UI)
        x += int(d.textlength(item, font=font("sans", 13))) + 22
    d.rectangle((0, 50, WIDTH, 92), fill=(44, 46, 51))
    x = 12
    for label in (
        "W/L",
        "Zoom",
        "Pan",
        "Length",
        "Angle",
        "ROI",
        "Rotate",
        "Flip",
        "Invert",
        "Reset",
        "1x1",
        "2x2",
        "Export",
    ):
        w = int(d.textlength(label, font=font("sans", 12))) + 18
        d.rounded_rectangle((x, 57, x + w, 85), radius=4, fill=(58, 61, 67), outline=(72, 75, 81))
        ann.text((x + 9, 64), label, font("sans", 12), _UI_TEXT, benign=_UI)
        x += w + 6
    d.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=(43, 45, 49))
    ann.text(
        (12, HEIGHT - 19),
        "Ready   |   Series 1 of 1 loaded   |   Local cache",
        font("sans", 12),
        (150, 153, 158),
        benign=_UI,
    )


def _fit(d: ImageDraw.ImageDraw, text: str, fnt: object, width: int) -> str:
    """Cut text to fit a column, as a table does."""
    out = text
    while out and d.textlength(out, font=fnt) > width:  # type: ignore[arg-type]
        out = out[:-1]
    return out


def _worklist(ann: Annotator, ctx: RenderContext, fields: dict[str, _Field], modality: str) -> None:
    """The side panel: today's list, this patient's row selected, other patients around it."""
    d = ann.draw
    f = ctx.facts
    rng = ctx.rng("worklist")
    day = ctx.facts.procedure_at.date()
    d.rectangle((0, 92, _PANEL_W, HEIGHT - 24), fill=_PANEL)
    d.line((_PANEL_W, 92, _PANEL_W, HEIGHT - 24), fill=_LINE, width=2)
    ann.text((12, 100), "Worklist", font("sans-bold", 14), _UI_TEXT, benign=_UI)
    ann.text((90, 101), "All modalities   |   Today", font("sans", 12), (150, 153, 158), benign=_UI)
    cols = [
        (10, "Patient name"),
        (172, "Patient ID"),
        (264, "Study date"),
        (392, "Mod"),
        (430, "Description"),
    ]
    y = 128
    d.rectangle((0, y, _PANEL_W, y + 22), fill=(52, 55, 60))
    for x, title in cols:
        ann.text((x, y + 4), title, font("sans-bold", 11), _UI_TEXT, benign=_UI)
    y += 24
    others = worklist_rows(rng, day, 20)
    at = f"{f['procedure.date']} {f['procedure.time'][:5]}"
    selected_at = sum(1 for row in others if row.when < at)
    if selected_at > 20:
        selected_at = 20
    # Keep this patient's row on screen: drop the earliest rows if the list is long.
    skip = max(0, selected_at - 12)
    others = others[skip:]
    selected_at -= skip
    small = font("sans", 12)
    row_h = 25
    block: list[tuple[int, int, int, int]] = []
    names: list[str] = []

    def close_block() -> None:
        """Record a run of other patients' rows as one finding (above or below this patient)."""
        if not block:
            return
        x0, y0 = min(b[0] for b in block), min(b[1] for b in block)
        x1 = max(b[0] + b[2] for b in block)
        y1 = max(b[1] + b[3] for b in block)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        ann.record(
            (x0, y0, x1 - x0, y1 - y0),
            category="background_information",
            evidence=f"Other patients on the worklist: {shown}",
        )
        block.clear()
        names.clear()

    for i in range(len(others) + 1):
        if y + row_h > HEIGHT - 30:
            break
        if i == selected_at:
            close_block()
            d.rectangle((0, y, _PANEL_W - 1, y + row_h - 1), fill=(46, 91, 138))
            name, ident = fields["patient_name"], fields["patient_id"]
            when = f"{f['procedure.date']} {f['procedure.time'][:5]}"
            ann.text(
                (cols[0][0], y + 5),
                name.text[:24],
                small,
                (255, 255, 255),
                category="patient_name" if name.identifies else "",
                evidence=name.text,
                decoy="" if name.identifies else "A dummy name from a de-identified header.",
            )
            if ident.text:
                ann.text(
                    (cols[1][0], y + 5),
                    ident.text,
                    small,
                    (255, 255, 255),
                    category="patient_number" if ident.identifies else "",
                )
            ann.text((cols[2][0], y + 5), when, small, (255, 255, 255), category="date_of_care")
            ann.text(
                (cols[3][0], y + 5),
                modality,
                small,
                (255, 255, 255),
                decoy="The modality (the kind of scan): it names no one.",
            )
            description = _fit(d, fields["description"].text, small, _PANEL_W - cols[4][0] - 6)
            if description:
                ann.text(
                    (cols[4][0], y + 5),
                    description,
                    small,
                    (255, 255, 255),
                    decoy=_DESCRIPTION_DECOY,
                )
        else:
            row = others[i if i < selected_at else i - 1]
            if i % 2:
                d.rectangle((0, y, _PANEL_W - 1, y + row_h - 1), fill=(43, 45, 50))
            block.extend(
                [
                    ann.text((cols[0][0], y + 5), row.name[:24], small, _UI_TEXT),
                    ann.text((cols[1][0], y + 5), row.patient_id, small, _UI_TEXT),
                    ann.text((cols[2][0], y + 5), row.when, small, _UI_TEXT),
                    ann.text((cols[3][0], y + 5), row.modality, small, _UI_TEXT),
                    ann.text(
                        (cols[4][0], y + 5),
                        _fit(d, row.description, small, _PANEL_W - cols[4][0] - 6),
                        small,
                        _UI_TEXT,
                    ),
                ]
            )
            names.append(row.name)
        y += row_h
    close_block()


def _carry_source(ctx: RenderContext, source: str, scale: float, offset: tuple[int, int]) -> None:
    """Re-record what is visible in the source image at its place in the screenshot."""
    ox, oy = offset

    def moved(box: Box) -> tuple[int, int, int, int] | None:
        x0, y0 = ox + box.x * scale, oy + box.y * scale
        return clip_box(
            (int(x0), int(y0), round(box.w * scale) + 1, round(box.h * scale) + 1),
            (WIDTH, HEIGHT),
        )

    for finding in ctx.source_findings.get(source, []):
        if isinstance(finding.location, Box):
            box = moved(finding.location)
            if box is not None:
                ctx.box(finding.category, box, finding.evidence)
    for decoy in ctx.source_decoys.get(source, []):
        if isinstance(decoy.location, Box):
            box = moved(decoy.location)
            if box is not None:
                ctx.decoy_box(box, decoy.explanation)
    for benign in ctx.source_benign.get(source, []):
        if isinstance(benign.location, Box):
            box = moved(benign.location)
            if box is not None:
                ctx.benign_box(box, benign.what)


def _render(ctx: RenderContext, options: ViewerOptions) -> RenderedAsset:
    if options.source not in ctx.rendered:
        raise ValueError(f"source {options.source!r} has not been rendered before this screenshot")
    source = ctx.rendered[options.source]
    if source.image is None:
        raise ValueError(f"source {options.source!r} has no picture to show")
    shot = Image.new("RGB", (WIDTH, HEIGHT), _BG)
    draw = ImageDraw.Draw(shot)
    ann = Annotator(ctx, draw, (WIDTH, HEIGHT))
    fields = _overlay_fields(ctx, options.source)
    modality = next((row.value for row in source.metadata if row.tag == "Modality"), "DX")
    # Viewport and the image in it.
    left = _PANEL_W + 8 if options.worklist else 8
    vx0, vy0, vx1, vy1 = left, 98, WIDTH - 8, HEIGHT - 30
    draw.rectangle((vx0, vy0, vx1, vy1), fill=(0, 0, 0), outline=(70, 120, 190), width=2)
    src = source.image.convert("RGB")
    scale = min((vx1 - vx0 - 20) / src.width, (vy1 - vy0 - 20) / src.height)
    w, h = int(src.width * scale), int(src.height * scale)
    ox, oy = vx0 + (vx1 - vx0 - w) // 2, vy0 + (vy1 - vy0 - h) // 2
    shot.paste(src.resize((w, h), Image.Resampling.LANCZOS), (ox, oy))
    _carry_source(ctx, options.source, scale, (ox, oy))
    # The four-corner overlay.
    hidden = set(options.hide)
    lx, rx = vx0 + 10, vx1 - 10
    y = vy0 + 8
    for key in ("patient_name", "patient_id", "dob"):
        if key == "dob" and not ctx.present("dob"):
            continue
        _overlay_line(ann, (lx, y), key, fields[key], key in hidden, right=False)
        y += 21
    y = vy0 + 8
    for key in ("institution", "study_date", "accession", "description"):
        if key == "accession" and not ctx.present("accession"):
            continue
        _overlay_line(ann, (rx, y), key, fields[key], key in hidden, right=True)
        y += 21
    small = font("sans", 14)
    ann.text(
        (lx, vy1 - 66),
        "Se: 1   Im: 1/1",
        small,
        _OVERLAY,
        benign="Series and image counter of the viewer.",
    )
    ann.text(
        (lx, vy1 - 45),
        f"W: 4096  L: 2048   Zoom: {scale * 100:.0f}%",
        small,
        _OVERLAY,
        decoy="Window, level and zoom: display settings.",
    )
    ann.text(
        (rx, vy1 - 45),
        next((r.value for r in source.metadata if r.tag == "ManufacturerModelName"), ""),
        small,
        _OVERLAY,
        align="right",
        decoy="The scanner model: a machine, not a patient.",
    )
    title = (
        fields["patient_name"]
        if ctx.present("title_name") and "patient_name" not in hidden
        else None
    )
    _chrome(ann, ctx, title)
    if options.worklist:
        _worklist(ann, ctx, fields, modality)
    name = f"{ctx.asset_id}.png"
    shot.save(ctx.path(name), format="PNG", optimize=False, compress_level=6)
    return RenderedAsset(file=name, media_type="image/png", width=WIDTH, height=HEIGHT, image=shot)


RENDERER = Renderer(
    name="viewer_screenshot",
    parse_options=_parse,
    render=_render,
    optional_parts=OPTIONAL_PARTS,
    description="A PACS viewer screenshot: a radiology asset, its overlay and the worklist.",
    sources=lambda options: (options.source,),
)
