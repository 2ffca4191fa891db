"""A release holds every variant's assets and case.json, with public indexes, and no key.

Its PNG pictures are held as JPEGs of the same size; DICOM files and EXIF JPEGs
byte for byte; and a release that differs from what the toolkit draws now is noticed.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from safeshare.assignments.definition import load_definition
from safeshare.assignments.pool import pool_of, render_variants, variant_key
from safeshare.assignments.release import check_no_keys, release_pool
from safeshare.assignments.release_files import release_jpeg, release_plan, write_release_files
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.errors import AssignmentError
from safeshare.model.locations import Box
from tests.assignments.nbgrader_course import make_course

TEXT_SUFFIXES = {".json", ".yaml", ".ipynb", ".md", ".txt", ".html"}


def _release(tmp_path: Path, secret: CourseSecret, items: list[NewItem]) -> tuple[Path, Path]:
    course = make_course(tmp_path / "course", items=items, pool=2)
    definition = load_definition(course.source / "demo")
    release = course.release / "demo"
    (release / "answers").mkdir(parents=True)
    (release / "answers" / "q1.json").write_text("{}")  # the educator tried the notebook
    release_pool(definition, secret=secret, release_dir=release, course_root=course.root, jobs=1)
    return course.root, release


def test_release_has_every_variant_with_its_public_index(
    tmp_path: Path, secret: CourseSecret
) -> None:
    _, release = _release(tmp_path, secret, [NewItem("q1", "X01"), NewItem("q2", "X02")])
    for item, case in (("q1", "X01"), ("q2", "X02")):
        for index in (0, 1):
            view = json.loads((release / "cases" / item / f"v{index}" / "case.json").read_text())
            assert view["case_id"] == case
            assert view["seed"] == index
            assert view["extra"]["graded"] == {"assignment": "demo", "item": item, "variant": index}
    assert not (release / "answers").exists()
    assert not list(release.rglob("key.json"))


def test_release_holds_no_key_no_secret_and_no_secret_seed(
    tmp_path: Path, secret: CourseSecret
) -> None:
    root, release = _release(tmp_path, secret, [NewItem("q1", "X03"), NewItem("q2", "X01")])
    definition = load_definition(root / "source" / "demo")
    texts = "\n".join(
        p.read_text(encoding="utf-8")
        for p in release.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES
    )
    # Header rows are shown to the learner on purpose (the DICOM header is part of the case);
    # what is drawn only in pixels must appear nowhere else.
    for case_json in release.rglob("case.json"):
        for asset in json.loads(case_json.read_text())["assets"]:
            for _tag, _label, value in asset["metadata"]:
                texts = texts.replace(json.dumps(value)[1:-1], "")
    blobs = b"".join(p.read_bytes() for p in release.rglob("*") if p.is_file())
    assert secret.value not in blobs
    pixel_evidence = 0
    for item in definition.items:
        for variant in pool_of(definition, item, secret, course_root=root):
            assert str(variant.seed) not in texts
            key = variant_key(variant)
            assert key.decision_reason not in texts
            for finding in key.findings:
                assert finding.id not in texts
                if isinstance(finding.location, Box):
                    pixel_evidence += 1
                    assert finding.evidence not in texts, finding
    assert pixel_evidence > 0


def test_variants_differ_in_what_they_show(tmp_path: Path, secret: CourseSecret) -> None:
    course = make_course(tmp_path / "course", items=[NewItem("q1", "X01")], pool=3)
    definition = load_definition(course.source / "demo")
    variants = pool_of(definition, definition.items[0], secret, course_root=course.root)
    folders = render_variants(variants)
    posts = {json.loads((f / "case.json").read_text())["post"]["text"] for f in folders}
    assert len(posts) == 3


def test_check_no_keys_refuses_a_key(tmp_path: Path) -> None:
    (tmp_path / "cases" / "q1").mkdir(parents=True)
    check_no_keys(tmp_path)
    (tmp_path / "cases" / "q1" / "key.json").write_text("{}")
    with pytest.raises(AssignmentError, match="never hold"):
        check_no_keys(tmp_path)


def test_a_release_drawn_by_other_code_is_noticed(tmp_path: Path, secret: CourseSecret) -> None:
    from safeshare.assignments.check import check_assignment
    from safeshare.assignments.nbgrader_course import load_course
    from safeshare.assignments.pool import release_drift

    root, release = _release(tmp_path, secret, [NewItem("q1", "X01"), NewItem("q2", "X02")])
    course = load_course(root)
    definition = load_definition(course.source / "demo")
    variant = pool_of(definition, definition.items[0], secret, course_root=root)[0]
    shutil.copy(course.source / "demo" / "demo.ipynb", release / "demo.ipynb")
    assert release_drift(variant, release / "cases" / "q1" / "v0") == ""
    assert check_assignment(course, "demo", secret=secret) == []
    case_json = release / "cases" / "q1" / "v0" / "case.json"
    view = json.loads(case_json.read_text())
    view["post"]["text"] = "something else"
    case_json.write_text(json.dumps(view))
    assert "differs" in release_drift(variant, release / "cases" / "q1" / "v0")
    assert any("differs" in p for p in check_assignment(course, "demo", secret=secret))
    v1 = pool_of(definition, definition.items[0], secret, course_root=root)[1]
    card = release / "cases" / "q1" / "v1" / "post.jpg"
    good = card.read_bytes()
    card.write_bytes(b"not the picture")
    assert "post.jpg" in release_drift(v1, release / "cases" / "q1" / "v1")
    # The same picture encoded otherwise (not what the release writer makes) is drift too.
    with Image.open(io.BytesIO(good)) as picture:
        other = io.BytesIO()
        picture.save(other, "JPEG", quality=60)
    card.write_bytes(other.getvalue())
    assert "post.jpg" in release_drift(v1, release / "cases" / "q1" / "v1")
    card.write_bytes(good)
    assert release_drift(v1, release / "cases" / "q1" / "v1") == ""
    # A file the toolkit does not draw (an old lossless copy, a key) is noticed.
    (release / "cases" / "q1" / "v1" / "post.png").write_bytes(b"an old release's picture")
    assert "post.png: not part of" in release_drift(v1, release / "cases" / "q1" / "v1")


def _jpeg_markers(data: bytes) -> list[int]:
    """The marker bytes of a JPEG's header segments, up to the image data."""
    markers, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return markers


def _exif_jpeg(path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Pixelphone"  # Make
    exif[0x9003] = "2024:06:12 10:42:17"  # DateTimeOriginal
    Image.new("RGB", (320, 240), "#c08060").save(path, "JPEG", quality=90, exif=exif.tobytes())


def _asset(
    asset_id: str, file: str, media: str, size: tuple[int, int], **more: object
) -> dict[str, object]:
    return {
        "id": asset_id,
        "type": more.pop("type", "endoscopy_frame"),
        "file": file,
        "media_type": media,
        "width": size[0],
        "height": size[1],
        "preview": more.pop("preview", ""),
        "caption": "",
        "metadata": more.pop("metadata", []),
        "markable": True,
    }


def test_pictures_are_jpegs_of_the_same_size_and_files_that_matter_are_kept(
    tmp_path: Path,
) -> None:
    rendered = tmp_path / "rendered"
    rendered.mkdir()
    frame = Image.new("RGB", (640, 360), "black")
    for x in range(0, 640, 8):
        frame.paste((x % 256, 90, 200 - x % 200), (x, 0, x + 4, 360))
    frame.info["dpi"] = (300, 300)
    frame.save(rendered / "frame.png", "PNG", dpi=(300, 300))
    Image.new("RGBA", (200, 100), (255, 0, 0, 0)).save(rendered / "card.png", "PNG")
    Image.new("RGB", (50, 40), "grey").save(rendered / "exif.png", "PNG")
    _exif_jpeg(rendered / "photo.jpg")
    (rendered / "scan.dcm").write_bytes(b"\0" * 128 + b"DICM" + b"header and pixels")
    Image.new("L", (64, 48), 128).save(rendered / "scan.png", "PNG")
    (rendered / "key.json").write_text("{}")
    meta = [["DateTimeOriginal", "Date taken", "2024:06:12"]]
    view = {
        "case_id": "Z01",
        "seed": 7,
        "assets": [
            _asset("frame", "frame.png", "image/png", (640, 360)),
            _asset("card", "card.png", "image/png", (200, 100), type="post_card"),
            _asset("photo", "photo.jpg", "image/jpeg", (320, 240), metadata=meta),
            _asset("exif", "exif.png", "image/png", (50, 40), metadata=meta),
            _asset(
                "scan", "scan.dcm", "application/dicom", (64, 48), preview="scan.png", metadata=meta
            ),
        ],
    }
    (rendered / "case.json").write_text(json.dumps(view))

    out = tmp_path / "release" / "v0"
    shown = write_release_files(rendered, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "card.jpg",
        "exif.png",
        "frame.jpg",
        "photo.jpg",
        "scan.dcm",
        "scan.jpg",
    ]
    assets = {a["id"]: a for a in shown["assets"]}
    assert (assets["frame"]["file"], assets["frame"]["media_type"]) == ("frame.jpg", "image/jpeg")
    assert assets["card"]["file"] == "card.jpg"
    assert (assets["scan"]["file"], assets["scan"]["preview"]) == ("scan.dcm", "scan.jpg")
    assert assets["scan"]["media_type"] == "application/dicom"
    assert assets["exif"]["file"] == "exif.png"  # its header rows are the point: kept as it is
    for name in ("photo.jpg", "scan.dcm", "exif.png"):
        assert (out / name).read_bytes() == (rendered / name).read_bytes()
    with Image.open(out / "photo.jpg") as kept:
        assert kept.getexif()[0x010F] == "Pixelphone"
    for asset in ("frame", "card"):
        data = (out / assets[asset]["file"]).read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (assets[asset]["width"], assets[asset]["height"])
            assert "dpi" not in picture.info and "exif" not in picture.info
        # No metadata of its own: JFIF, tables, frame and scan headers only (no EXIF, ICC, text).
        assert set(_jpeg_markers(data)) <= {0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xDA}
    with Image.open(out / "card.jpg") as card:
        assert card.convert("RGB").getpixel((10, 10)) == (255, 255, 255)  # transparent is white
    with Image.open(out / "scan.jpg") as preview:
        assert preview.mode == "L" and preview.size == (64, 48)
    # The same pixels give the same bytes: a release can be checked by encoding again.
    assert release_jpeg(rendered / "frame.png") == (out / "frame.jpg").read_bytes()
    again, files = release_plan(rendered)
    assert again == shown
    assert {f.name: f.content() for f in files} == {p.name: p.read_bytes() for p in out.iterdir()}
    assert not (out / "key.json").exists()


def test_a_released_variant_is_smaller_and_the_widget_shows_its_jpegs(
    tmp_path: Path, secret: CourseSecret, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safeshare.widgets import Exercise

    root, release = _release(tmp_path, secret, [NewItem("q1", "X03"), NewItem("q2", "X02")])
    definition = load_definition(root / "source" / "demo")
    for item in definition.items:
        variant = pool_of(definition, item, secret, course_root=root)[0]
        rendered = render_variants([variant])[0]
        released = release / "cases" / item.id / "v0"
        _, files = release_plan(rendered)
        reencoded = [f for f in files if f.reencoded]
        assert reencoded
        assert sum((released / f.name).stat().st_size for f in reencoded) < sum(
            f.source.stat().st_size for f in reencoded
        )
        assert not list(released.glob("*.png"))
        for kept in (f for f in files if not f.reencoded):  # the DICOM file, byte for byte
            assert (released / kept.name).read_bytes() == kept.source.read_bytes()
        monkeypatch.chdir(tmp_path)
        widget = Exercise.from_folder(released, name=item.id)
        case = widget._case
        pictures = [i["src"] for i in case["images"]]
        if case["consent"]:
            pictures.append(case["consent"]["form_src"])
        assert pictures
        assert all(src.startswith("data:image/jpeg;base64,") for src in pictures)
    scan = json.loads((release / "cases" / "q1" / "v0" / "case.json").read_text())["assets"][0]
    assert scan["file"] == "scan.dcm" and scan["preview"] == "scan.jpg"
