"""Module 07's 'check before you post' step: run the checker on a case image, read its report.

The learner picks an image they marked earlier in the course (the course's own
render of a bank case, never a file of their own in the hosted course), presses
Check, and reads what `safeshare check` reports: the image with a numbered box
on everything found, and the ranked list, most identifying first, with the
guidance behind each item and what the checker cannot guarantee.

A check reads pixels with OCR and face detectors, which takes seconds, so each
report is kept (as JSON, under the case cache's folder, keyed by the file's
bytes and the checker's code): in a classroom only the first learner to check
an image waits. Nothing is written to the learner's folder.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.atomic import write_json_atomic
from safeshare.course.modules import COURSE_SEED
from safeshare.course.page_interface import Page
from safeshare.course.prepared import prepared_case
from safeshare.course.style import esc
from safeshare.errors import CaseNotFoundError, CheckInputError, SafeshareError

__all__ = ["CHECK_CHOICES", "CheckChoice", "CheckStep", "check_report", "marked_png", "report_html"]


@dataclass(frozen=True, slots=True)
class CheckChoice:
    """A case image the learner can check."""

    case_id: str
    asset_id: str
    label: str
    """What the learner sees in the list."""


CHECK_CHOICES: tuple[CheckChoice, ...] = (
    CheckChoice("E05", "frame", "An endoscopy frame with its overlay (module 02)"),
    CheckChoice("P04", "photo", "A hand with a ring, on the ward (module 02)"),
    CheckChoice("E03", "photo", "A phone photo of the endoscopy monitor (module 03)"),
    CheckChoice("P03", "photo", "A rash, with a bar over the eyes (module 06)"),
    CheckChoice("P02", "photo", "The forearm lesion from this module"),
)
"""Images the course showed earlier: every case here is prepared by the course server."""

_SHOWN = 6
"""Places listed per item; the rest are counted."""


def _case_folder(case_id: str, seed: int) -> Path:
    folder = prepared_case(case_id, seed=seed)
    if folder is not None:
        return folder
    from safeshare.cases.cache import rendered_case  # draws the case when no server prepared it

    return rendered_case(case_id, seed=seed)


def _asset_file(folder: Path, asset_id: str) -> Path:
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    for asset in case.get("assets", []):
        if asset.get("id") == asset_id:
            return folder / str(asset["file"])
    raise CaseNotFoundError(
        f"no asset {asset_id!r} in this case: pick another image", source=folder / "case.json"
    )


def _reports_dir() -> Path:
    from safeshare.cases.cache import cache_dir

    return cache_dir().parent / "checks"


def _checker_fingerprint() -> str:
    import safeshare.checker

    digest = hashlib.sha256()
    for file in sorted(Path(safeshare.checker.__file__).parent.glob("*.py")):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def check_report(path: Path, *, asset: str) -> dict[str, Any]:
    """The checker's report on one image (as `safeshare check --json` gives it), kept on disk."""
    digest = hashlib.sha256(_checker_fingerprint().encode())
    digest.update(asset.encode())
    digest.update(path.read_bytes())
    entry = _reports_dir() / f"{digest.hexdigest()[:32]}.json"
    if entry.is_file():
        try:
            kept = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = None
        if isinstance(kept, dict) and "ranked" in kept:
            return kept
    from safeshare.checker import CheckReport, check_file

    report = CheckReport.of([check_file(path, asset=asset)], []).to_dict()
    report["files"][0]["path"] = path.name  # the cache folder is nobody's business
    write_json_atomic(entry, report)
    return report


def _boxes(report: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(rank, location) of every box in the report, in rank order."""
    found = []
    for rank, item in enumerate(report["ranked"], 1):
        for d in item["found"]:
            if d["location"].get("type") == "box":
                found.append((rank, d["location"]))
    return found


def marked_png(path: Path, report: dict[str, Any], *, width: int = 720) -> bytes:
    """The image with each found box outlined and numbered by its rank in the report."""
    from PIL import ImageDraw

    from safeshare.checker.dicom_check import dicom_image, is_dicom, read_dicom
    from safeshare.checker.limits import open_image, read_input

    data = read_input(path)
    if is_dicom(data):
        image, _ = dicom_image(read_dicom(data, source=path), source=path)
        if image is None:
            raise CheckInputError("no pixels to show: pick another image", source=path)
    else:
        image = open_image(data, source=path)
    scale = min(1.0, width / image.width)
    shown = image.convert("RGB").resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    )
    draw = ImageDraw.Draw(shown)
    for rank, box in _boxes(report):
        x, y = box["x"] * scale, box["y"] * scale
        w, h = box["w"] * scale, box["h"] * scale
        draw.rectangle((x, y, x + w, y + h), outline=(255, 200, 0), width=2)
        tag = str(rank)
        draw.rectangle((x, max(0.0, y - 14), x + 8 * len(tag) + 4, max(14.0, y)), fill=(0, 0, 0))
        draw.text((x + 2, max(0.0, y - 14)), tag, fill=(255, 200, 0))
    out = io.BytesIO()
    shown.save(out, format="PNG")
    return out.getvalue()


def _where(location: dict[str, Any]) -> str:
    if location.get("type") == "box":
        return f"box at ({location['x']}, {location['y']}), {location['w']}x{location['h']}"
    if location.get("type") == "meta":
        return f"hidden field {location['tag']}"
    return str(location.get("type", ""))


def report_html(report: dict[str, Any]) -> str:
    """The ranked report as a card: every value from the checker escaped."""
    parts = ["<div class='ss-card'><h3>What the checker found, most identifying first</h3>"]
    ranked = report["ranked"]
    if not ranked:
        parts.append("<p>Nothing found that identifies the patient.</p>")
    parts.append("<ol>")
    for item in ranked:
        found = item["found"]
        confirm = all(d["confirm"] for d in found)
        flag = " <span class='ss-muted'>(for you to confirm)</span>" if confirm else ""
        lines = "".join(
            f"<li>{esc(str(d['evidence'])[:80])} <span class='ss-muted'>"
            f"{esc(_where(d['location']))}</span></li>"
            for d in found[:_SHOWN]
        )
        if len(found) > _SHOWN:
            lines += f"<li class='ss-muted'>and {len(found) - _SHOWN} more</li>"
        sources = "; ".join(esc(g["label"]) for g in item["guidance"])
        parts.append(
            f"<li><b>{esc(item['label'])}</b> <span class='ss-badge'>{esc(item['severity'])}"
            f"</span>{flag}<ul>{lines}</ul><div>{esc(item['why'])}</div>"
            f"<div><b>Do:</b> {esc(item['remedy'])}</div>"
            f"<div class='ss-muted'>Guidance: {sources}</div></li>"
        )
    parts.append("</ol>")
    consent = report["consent"]
    needed = "".join(f"<li>{esc(e['needed'])}</li>" for e in consent["elements"])
    heading = "Consent still needed" if consent["required"] else "Consent (good practice)"
    parts.append(f"<h3>{heading}</h3><p>{esc(consent['why'])}</p><ul>{needed}</ul>")
    unchecked = "".join(
        f"<li>{esc(note)}</li>" for f in report["files"] for note in f.get("unchecked", [])
    )
    parts.append(f"<h3>What the checker cannot guarantee</h3><ul>{unchecked}</ul></div>")
    return "".join(parts)


class CheckStep:
    """A list of case images, a Check button, and the marked image beside the ranked report."""

    def __init__(
        self,
        page: Page,
        choices: tuple[CheckChoice, ...] = CHECK_CHOICES,
        *,
        seed: int = COURSE_SEED,
    ) -> None:
        self.page = page
        self.choices = choices
        self.seed = seed
        self.picker = widgets.Dropdown(
            options=[(c.label, i) for i, c in enumerate(choices)],
            value=0,
            description="Image to check:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="520px"),
        )
        self.button = widgets.Button(description="Check this image", button_style="primary")
        self.status = widgets.HTML(
            "<span class='ss-muted'>The first check of an image takes a few seconds: the "
            "checker reads every word in the pixels and looks for faces.</span>"
        )
        self.picture = widgets.HTML()
        self.report = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.picker, self.button]),
                self.status,
                self.picture,
                self.report,
            ],
            layout=widgets.Layout(margin="8px 0 16px 0"),
        )
        self.button.on_click(lambda _: self.check())
        self.picker.observe(lambda _: self._clear(), names="value")

    @property
    def choice(self) -> CheckChoice:
        return self.choices[int(self.picker.value)]

    def _clear(self) -> None:
        self.picture.value = ""
        self.report.value = ""
        self.status.value = ""

    def check(self) -> dict[str, Any] | None:
        """Check the chosen image and show the report; None when it could not be checked."""
        choice = self.choice
        self.status.value = "<span class='ss-muted'>Checking...</span>"
        try:
            path = _asset_file(_case_folder(choice.case_id, self.seed), choice.asset_id)
            report = check_report(path, asset=choice.asset_id)
            png = marked_png(path, report)
        except (SafeshareError, OSError, ValueError) as exc:
            self.status.value = (
                f"<span class='ss-bad'>This image could not be checked ({esc(str(exc))}). "
                "Tell your facilitator.</span>"
            )
            return None
        count = len(_boxes(report))
        alt = (
            f"{choice.label}, with {count} numbered boxes where the checker found something; "
            "the numbers match the list below"
        )
        data = base64.b64encode(png).decode("ascii")
        self.picture.value = (
            f"<img src='data:image/png;base64,{data}' alt='{esc(alt)}' style='max-width:100%'>"
        )
        self.report.value = report_html(report)
        self.status.value = (
            "<span class='ss-muted'>Read the list from the top: is there anything the checker "
            "missed, or flagged that is not an identifier?</span>"
        )
        return report
