"""The clinical photo renderer: a phone or camera photo of a patient, as a JPEG with EXIF.

Subjects: a forearm lesion, a leg wound, a hand (with a ring), a face with a
rash (a synthetic patient, rendered: see photo/face.py), a baby's foot with an
extra toe, a theatre scene, a histology slide, and a neutral close-up (the
safe control). Identifying props (tattoo, wristband, ring, badge, whiteboard,
linen logo, screen) are drawn only when the spec lists them under `props:`
and ctx.present(prop) agrees; each is recorded with its box.

    - id: photo
      type: clinical_photo
      options:
        subject: forearm_lesion
        skin_tone: medium
        lesion: pigmented
        props: [tattoo, wristband]
        tattoo_design: heart_name
        exif: {place: ward}
      present: {tattoo: 0.8, gps: 0.7}
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from PIL import ImageDraw

from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset, Renderer
from safeshare.render.exif import EXIF_PARTS, ExifOptions, read_exif_options, write_jpeg_with_exif
from safeshare.render.photo.camera import Camera, develop, light_falloff
from safeshare.render.photo.face import face_scene
from safeshare.render.photo.histology import slide_scene
from safeshare.render.photo.lesions import LESIONS
from safeshare.render.photo.limb import Chosen, LimbPlan, photograph_limb
from safeshare.render.photo.props import TATTOO_DESIGNS
from safeshare.render.photo.scene import Scene
from safeshare.render.photo.skin import SKIN_TONES
from safeshare.render.photo.subjects import (
    child_foot_plan,
    closeup_plan,
    forearm_plan,
    hand_plan,
    leg_plan,
)
from safeshare.render.photo.theatre import theatre_scene

__all__ = ["PROPS", "RENDERER", "SUBJECTS", "ClinicalPhotoOptions", "parse_options", "render"]

PROPS = ("tattoo", "wristband", "ring", "badge", "whiteboard", "logo", "screen")
"""Identifying props a spec may ask for (each also an optional part)."""

SUBJECTS: dict[str, frozenset[str]] = {
    # subject: the props it can hold
    "forearm_lesion": frozenset({"tattoo", "wristband", "badge", "logo"}),
    "leg_wound": frozenset({"tattoo", "wristband", "badge", "logo"}),
    "hand_ring": frozenset(
        {"ring", "wristband", "tattoo", "badge", "whiteboard", "screen", "logo"}
    ),
    "face": frozenset({"badge"}),
    "child_foot": frozenset({"wristband", "logo", "badge"}),
    "theatre": frozenset({"screen", "whiteboard", "wristband"}),
    "histology": frozenset(),
    "closeup_lesion": frozenset({"tattoo", "badge"}),
}
_DEFAULT_LESION = {"forearm_lesion": "pigmented", "hand_ring": "plaque", "closeup_lesion": "nodule"}
SIZE = (1280, 960)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClinicalPhotoOptions:
    """Options of a clinical photo (YAML: the asset's `options:`)."""

    subject: str
    """What the photo shows: one of SUBJECTS."""
    skin_tone: str = "medium"
    """light, medium, olive, brown or dark ('' for a face: the seed chooses)."""
    lesion: str = ""
    """The sign on the skin (pigmented, nodule, plaque) for forearm, hand and close-up."""
    props: tuple[str, ...] = ()
    """Identifying props in the picture (each still subject to `present:` chances)."""
    tattoo_design: str = "heart_name"
    """heart_name (a name in a heart), rose, or date (Roman numerals)."""
    eye_bar: bool = False
    """Face only: a black bar over the eyes (which does not anonymise)."""
    rash: bool = True
    """Face only: a malar (butterfly) rash across the cheeks and the bridge of the nose."""
    ruler: bool = False
    """A photographic scale beside the sign (a decoy: it identifies no one)."""
    exif: ExifOptions = field(default_factory=ExifOptions)
    """The file's metadata: see safeshare.render.exif.ExifOptions."""


def _skin_tone(reader: FieldReader, subject: str) -> str:
    """The spec's skin tone; a face without one gets its tone from the seed ('')."""
    if subject == "face" and not reader.has("skin_tone"):
        return ""
    return reader.choice("skin_tone", tuple(SKIN_TONES), "medium")


def parse_options(reader: FieldReader) -> ClinicalPhotoOptions:
    subject = reader.choice("subject", tuple(SUBJECTS))
    props = reader.strings("props")
    for prop in props:
        if prop not in PROPS:
            raise reader.error("props", f"{prop!r} is not one of: {', '.join(PROPS)}")
        if prop not in SUBJECTS[subject]:
            allowed = ", ".join(sorted(SUBJECTS[subject])) or "none"
            raise reader.error(
                "props", f"subject {subject} cannot show {prop!r} (it can show: {allowed})"
            )
    lesion = reader.string("lesion", "", allow_empty=True)
    if lesion and lesion not in LESIONS:
        raise reader.error("lesion", f"{lesion!r} is not one of: {', '.join(LESIONS)}")
    if lesion and subject not in _DEFAULT_LESION:
        raise reader.error("lesion", f"subject {subject} has no lesion to choose")
    eye_bar = reader.boolean("eye_bar", False)
    if eye_bar and subject != "face":
        raise reader.error("eye_bar", "only the face subject has eyes to cover")
    if reader.has("rash") and subject != "face":
        raise reader.error("rash", "only the face subject has a rash to show or leave out")
    rash = reader.boolean("rash", True)
    options = ClinicalPhotoOptions(
        subject=subject,
        skin_tone=_skin_tone(reader, subject),
        lesion=lesion or _DEFAULT_LESION.get(subject, ""),
        props=props,
        tattoo_design=reader.choice("tattoo_design", TATTOO_DESIGNS, "heart_name"),
        eye_bar=eye_bar,
        rash=rash,
        ruler=reader.boolean("ruler", False),
        exif=read_exif_options(reader),
    )
    reader.finish()
    return options


def _chosen(ctx: RenderContext, options: ClinicalPhotoOptions) -> Chosen:
    """Which props this variant draws: asked for in the spec, and present in this variant."""
    on = {p: p in options.props and ctx.present(p) for p in PROPS}
    return Chosen(
        tattoo=on["tattoo"],
        tattoo_design=options.tattoo_design,
        wristband=on["wristband"],
        ring=on["ring"],
        badge=on["badge"],
        whiteboard=on["whiteboard"],
        screen=on["screen"],
        logo=on["logo"],
        ruler=options.ruler,
    )


def _plan(ctx: RenderContext, options: ClinicalPhotoOptions) -> LimbPlan:
    rng = ctx.rng("layout")
    shape = (SIZE[1], SIZE[0])
    tone = options.skin_tone
    if options.subject == "forearm_lesion":
        return forearm_plan(rng, shape, tone, options.lesion)
    if options.subject == "leg_wound":
        return leg_plan(rng, shape, tone)
    if options.subject == "hand_ring":
        return hand_plan(rng, shape, tone, options.lesion)
    if options.subject == "child_foot":
        return child_foot_plan(rng, shape, tone)
    return closeup_plan(rng, shape, tone, options.lesion)


def _scene(ctx: RenderContext, options: ClinicalPhotoOptions, chosen: Chosen) -> Scene:
    def np_for(part: str) -> np.random.Generator:
        return ctx.np_rng("scene", part)

    def py_for(part: str) -> random.Random:
        return ctx.rng("scene", part)

    if options.subject == "face":
        return face_scene(
            ctx.np_rng("face"),
            ctx.rng("face"),
            eye_bar=options.eye_bar,
            rash=options.rash,
            tone=options.skin_tone,
            female=ctx.facts.get("patient.sex", "F") != "M",
            age=int(ctx.facts.get("patient.age") or 40),
        )
    if options.subject == "histology":
        return slide_scene(
            ctx.rng("slide"), ctx.np_rng("slide"), ctx.facts, surname=ctx.present("label_name")
        )
    if options.subject == "theatre":
        return theatre_scene(ctx.facts, chosen, np_for, py_for, tone=options.skin_tone)
    shape = (SIZE[1], SIZE[0])
    return photograph_limb(_plan(ctx, options), chosen, ctx.facts, shape, np_for, py_for)


def _camera(rng: random.Random, subject: str) -> Camera:
    warm = rng.uniform(-0.05, 0.06)
    return Camera(
        blur={"face": 1.6, "histology": 2.5, "closeup_lesion": 2.5}.get(subject, 3.4),
        noise=rng.uniform(0.008, 0.016),
        white_balance=(1.0 + warm, 1.0, 1.0 - warm),
        vignette=rng.uniform(0.15, 0.3),
        exposure=rng.uniform(0.96, 1.04),
        sharpen=rng.choice([50, 70, 90]),
    )


def _clip(
    box: tuple[int, int, int, int], width: int, height: int
) -> tuple[int, int, int, int] | None:
    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def render(ctx: RenderContext, options: ClinicalPhotoOptions) -> RenderedAsset:
    """Draw the photo, develop it like a camera, write the JPEG with EXIF, record findings."""
    chosen = _chosen(ctx, options)
    scene = _scene(ctx, options, chosen)
    h, w = scene.shape
    rgb = scene.rgb
    if options.subject not in ("face",):
        rgb = rgb * light_falloff(ctx.np_rng("light"), (h, w), strength=0.3)[..., None]
    image = develop(
        ctx.np_rng("camera"), rgb, scene.depth, _camera(ctx.rng("camera"), options.subject)
    )
    if scene.edits:
        editor = ImageDraw.Draw(image)
        for polygon, fill in scene.edits:
            editor.polygon(polygon, fill=fill)
    for mark in scene.marks:
        box = _clip(mark.box, w, h)
        if box is not None:
            ctx.box(mark.category, box, mark.evidence)
    for decoy_box, explanation in scene.decoys:
        box = _clip(decoy_box, w, h)
        if box is not None:
            ctx.decoy_box(box, explanation)
    filename = f"{ctx.asset_id}.jpg"
    rows = write_jpeg_with_exif(ctx, image, filename, options.exif)
    return RenderedAsset(
        file=filename,
        media_type="image/jpeg",
        width=w,
        height=h,
        image=image,
        metadata=rows,
    )


RENDERER = Renderer(
    name="clinical_photo",
    parse_options=parse_options,
    render=render,
    optional_parts=(*PROPS, *EXIF_PARTS, "label_name"),
    description=(
        "A clinical photograph (JPEG with EXIF): skin, wound, hand, face, child, theatre, slide."
    ),
)
