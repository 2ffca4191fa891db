"""The Author widget: an educator turns an image of their own into a case, in JupyterLab.

    from safeshare.widgets.author import Author
    author = Author.open("ward-round.jpg", case_id="A01", bank="my-bank")
    author                       # the image with the checker's proposed marks to review
    author.save()                # or the page's Save button, once the privacy guard passes

The page edits the draft (safeshare.author.AuthorDraft) and sends every change
back through the `draft` trait; the kernel reads it strictly, keeps it in the
draft folder's draft.json, runs the privacy guard and sends its report back
(`guard`). Propose and Save are messages ({"type": "propose"}, {"type": "save"});
the kernel answers with the status line and a {"type": "saved"} or
{"type": "error"} message. The logic is all in safeshare.author: this is the
wiring, testable without a browser through the same calls the page makes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from safeshare.author import (
    AuthorDraft,
    GuardReport,
    draft_from_dict,
    draft_to_dict,
    guard_report,
    load_authored,
    merge_proposals,
    open_draft,
    propose_marks,
    save_case,
    start_draft,
    start_from_renderer,
    write_draft,
)
from safeshare.author.edit import MarkEdit, edit_mark, set_details, set_metadata_status
from safeshare.author.open import DRAFT_FILE
from safeshare.author.save import GUARD_FILE
from safeshare.errors import AuthorError, SafeshareError
from safeshare.widgets.author_payload import author_taxonomy, guard_payload, image_payload

__all__ = ["DRAFTS_FOLDER", "Author"]

_STATIC = Path(__file__).resolve().parent / "static"
DRAFTS_FOLDER = ".drafts"
"""Where drafts go by default: <bank>/.drafts/<case id>, as `safeshare author new` puts them."""


def _css() -> str:
    """The exercise's styles (the same panels and stage) and the author page's own."""
    return "\n".join(
        (_STATIC / name).read_text(encoding="utf-8") for name in ("exercise.css", "author.css")
    )


class _OpenOrConnect:
    """`Author.open(path, ...)` opens a draft; `widget.open()` is still ipywidgets' own.

    ipywidgets calls `self.open()` (no arguments) to open the widget's comm, so the
    class-level `open` must stay that method for an instance.
    """

    def __get__(self, obj: Author | None, cls: type[Author]) -> Any:
        if obj is None:
            return cls._open_path
        return super(Author, obj).open


class Author(anywidget.AnyWidget):
    """An authored case being drafted: the picture, its marks, post, consent and decision.

    Make one with `Author.open(image or folder, bank=...)` or `Author.from_case`.
    Every valid change is kept in the draft folder's draft.json (a saved case
    reopened for editing is changed only by saving it again).
    """

    open = _OpenOrConnect()
    """Author.open(image or folder, *, bank, case_id=None, work=None): see _open_path."""

    _esm = _STATIC / "author.js"
    _css = _css()

    _image = traitlets.Dict().tag(sync=True)
    """The picture as the page shows it: see author_payload.image_payload."""
    _taxonomy = traitlets.Dict().tag(sync=True)
    """Categories with their default wording and every choice offered: author_taxonomy()."""
    draft = traitlets.Dict().tag(sync=True)
    """The draft, as safeshare.author.draft_to_dict writes it; the page sends its edits here."""
    guard = traitlets.Dict().tag(sync=True)
    """The privacy guard's last report (GuardReport.to_dict, with `n`; `problems` when the
    draft the page sent could not be read)."""
    status = traitlets.Dict().tag(sync=True)
    """A line for the educator: {kind: info|saved|error, text}."""
    busy = traitlets.Unicode("").tag(sync=True)
    """What the kernel is doing that takes a while ('' when idle): Save is off meanwhile."""

    def __init__(self, draft: AuthorDraft, *, bank: str | Path, propose: bool = False) -> None:
        self._draft = draft
        self._bank = Path(bank)
        self._saved_case = (draft.folder / GUARD_FILE).is_file()
        self._checks = 0
        self._last_check: tuple[str, GuardReport] | None = None
        super().__init__()
        self._image = image_payload(draft)
        self._taxonomy = author_taxonomy()
        self.draft = draft_to_dict(draft)
        self.status = {"kind": "info", "text": self._where()}
        self.observe(self._on_page_draft, names=["draft"])
        self.on_msg(self._on_page_message)
        if propose:
            self.propose()
        else:
            self.check()

    # Opening

    @classmethod
    def _open_path(
        cls,
        image_or_case_folder: str | Path,
        *,
        bank: str | Path,
        case_id: str | None = None,
        work: str | Path | None = None,
    ) -> Author:
        """Open an image (a new draft, with the checker's marks proposed), a draft folder, or
        a saved case's folder in the bank (to edit it: everything comes back in place).

        For an image, `case_id` names the case (e.g. 'A01') and `work` the draft folder
        (default: <bank>/.drafts/<case_id>, where `safeshare author new` puts it).
        Running the cell again reopens the draft kept there.
        """
        path = Path(image_or_case_folder)
        if path.is_dir():
            saved = (path / GUARD_FILE).is_file()
            return cls(load_authored(path) if saved else open_draft(path), bank=bank)
        if not case_id:
            raise AuthorError(
                "give the new case an id, e.g. Author.open(image, case_id='A01', bank=...)",
                source=path,
            )
        folder = Path(work) if work is not None else Path(bank) / DRAFTS_FOLDER / case_id
        if (folder / DRAFT_FILE).is_file():
            draft = open_draft(folder)
            if draft.source_name and draft.source_name != path.name:
                raise AuthorError(
                    f"already holds the draft of {draft.source_name}, not {path.name}: give "
                    "another case_id or work folder",
                    source=folder,
                )
            return cls(draft, bank=bank)
        return cls(start_draft(path, case_id=case_id, work=folder), bank=bank, propose=True)

    @classmethod
    def from_case(
        cls,
        bank_case_id: str,
        *,
        bank: str | Path,
        seed: int = 1,
        case_id: str = "",
        work: str | Path | None = None,
    ) -> Author:
        """Start from a shipped case's render (its image and its key's boxes, all fictional)."""
        new_id = case_id or f"A{bank_case_id}"
        folder = Path(work) if work is not None else Path(bank) / DRAFTS_FOLDER / new_id
        if (folder / DRAFT_FILE).is_file():
            return cls(open_draft(folder), bank=bank)
        draft = start_from_renderer(bank_case_id, seed=seed, work=folder, case_id=new_id)
        return cls(draft, bank=bank)

    # What the draft is

    @property
    def current(self) -> AuthorDraft:
        """The draft as it stands (the page's last change included)."""
        return self._draft

    @property
    def folder(self) -> Path:
        """Where the draft is kept (a draft folder, or the saved case's folder)."""
        return self._draft.folder

    def __repr__(self) -> str:
        return (
            f"Author({self._draft.case_id!r}, marks={len(self._draft.marks)}, "
            f"folder={str(self.folder)!r}, bank={str(self._bank)!r})"
        )

    # Acting by code: the same steps as the page's buttons

    def propose(self) -> list[str]:
        """Add the checker's proposals (text, faces) not already marked; returns their ids."""
        self.busy = "Looking for identifiers: text, faces and metadata"
        try:
            before = {m.id for m in self._draft.marks}
            merge_proposals(self._draft, propose_marks(self._draft))
            added = [m.id for m in self._draft.marks if m.id not in before]
            self._publish()
            self.status = {
                "kind": "info",
                "text": f"The checker proposed {len(added)} mark{'s' if len(added) != 1 else ''}: "
                "review each one.",
            }
            return added
        finally:
            self.busy = ""

    def edit(
        self,
        mark_id: str | None,
        *,
        status: str | None = None,
        category: str | None = None,
        fill: str | None = None,
        explanation: str | None = None,
        box: tuple[int, int, int, int] | None = None,
    ) -> str:
        """Change a mark as the page does (mark_id None adds a box); returns the mark's id.

        status: 'accepted', 'not_identifying', 'removed' (blanked) or 'proposed';
        fill: a field kind ('name', 'date_of_birth', ...) or 'none'.
        """
        change = MarkEdit(
            status=status, category=category, fill=fill, explanation=explanation, box=box
        )
        mark = edit_mark(self._draft, mark_id, change)
        self._publish()
        return mark.id

    def set_metadata(self, tag: str, status: str) -> None:
        """What happens to a header field: 'strip', 'keep_fictional' or 'not_identifying'."""
        set_metadata_status(self._draft, tag, status)
        self._publish()

    def set_details(self, **details: Any) -> None:
        """The case's words: title, brief, post, decision, decision_reason, consent, ..."""
        set_details(self._draft, **details)
        self._publish()

    def check(self) -> GuardReport:
        """Run the privacy guard on the draft as it stands, and show its report."""
        report = self._guard()
        was_ok = self.guard.get("ok")
        self._checks += 1
        self.guard = guard_payload(report, n=self._checks)
        if report.ok and was_ok is False and self.status.get("kind") == "info":
            self.status = {"kind": "info", "text": "The privacy guard passes: save when ready."}
        return report

    def save(self, *, keep_draft: bool = False) -> Path:
        """Save the case into the bank (refused with the guard's reasons unless it passes).

        As `safeshare author save` does, the draft folder goes once the case is saved (it
        holds the original image, unblanked) unless `keep_draft`; the widget then edits
        the saved case, showing its picture as saved.
        """
        self.busy = "Saving: the guard checks the image as it will be saved"
        try:
            folder = save_case(self._draft, bank=self._bank)
            draft_folder = self._draft.folder
            note = ""
            if not self._saved_case and not keep_draft:
                shutil.rmtree(draft_folder)
                note = f" The draft {draft_folder}, which held your original image, is removed."
            elif not self._saved_case:
                note = f" {draft_folder} still holds your original image: delete it when done."
            self._draft = load_authored(folder)
            self._saved_case = True
            self._last_check = None
            self._image = image_payload(self._draft)
            self._publish()
        finally:
            self.busy = ""
        self.status = {
            "kind": "saved",
            "text": f"Saved to {folder}. Check it with: safeshare cases validate {self._bank}."
            + note,
        }
        self.send({"type": "saved", "folder": str(folder)})
        return folder

    # Internals

    def _where(self) -> str:
        if self._saved_case:
            return f"Editing the saved case in {self.folder}: Save writes it again."
        return f"Your draft is kept as you go in {self.folder / DRAFT_FILE}."

    def _read(self, data: Any) -> AuthorDraft:
        return draft_from_dict(data, source=self._draft.folder / DRAFT_FILE)

    def _guard(self) -> GuardReport:
        """The guard's report, reused while nothing it looks at changed (not the post's words)."""
        data = draft_to_dict(self._draft)
        key = json.dumps([data["marks"], data["metadata_fields"], data["fictional"]])
        if self._last_check is not None and self._last_check[0] == key:
            return self._last_check[1]
        report = guard_report(self._draft)
        self._last_check = (key, report)
        return report

    def _keep(self) -> None:
        if not self._saved_case:
            write_draft(self._draft)

    def _publish(self) -> None:
        """A change made here: keep it, show it on the page, and check it."""
        self._keep()
        self.draft = draft_to_dict(self._draft)
        self.check()

    def _problem(self, text: str, *, unreadable: bool = False) -> None:
        """Tell the page; a draft it sent that cannot be read also blocks Save until fixed."""
        if unreadable:
            self._checks += 1
            self.guard = {"ok": False, "unaccounted": [], "problems": [text], "n": self._checks}
        self.status = {"kind": "error", "text": text}
        self.send({"type": "error", "message": text})

    def _take(self, data: Any) -> None:
        """A draft from the page: read it strictly, keep it, check it."""
        try:
            self._draft = self._read(data)
            self._keep()
            self.check()
        except SafeshareError as exc:
            self._problem(exc.problem, unreadable=True)
            return
        if self.status.get("kind") == "error":
            self.status = {"kind": "info", "text": self._where()}

    def _on_page_draft(self, change: Mapping[str, Any]) -> None:
        if change["new"] == draft_to_dict(self._draft):
            return  # our own change, echoed
        self._take(change["new"])

    def _on_page_message(
        self, _widget: object, content: Mapping[str, Any], _buffers: object
    ) -> None:
        """Propose, Save and Update from the page; errors go to the page, never only the log."""
        kind = content.get("type") if isinstance(content, Mapping) else None
        try:
            if kind == "propose":
                self.propose()
            elif kind == "save":
                self.save()
            elif kind == "update":
                self._take(content.get("draft"))
        except SafeshareError as exc:
            self._problem(exc.problem)
        except Exception as exc:  # shown to the educator, never lost in the kernel log
            self._problem(f"{type(exc).__name__}: {exc}")
