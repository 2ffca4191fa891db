"""The Exercise widget: a case to mark, its answers file, Check, Reveal and Reset.

The widget is a model of synced traitlets (anywidget) and a small ES module
that draws it. Every piece of logic is here, in Python, so it is testable
without a browser: the page only draws and sends marks. Each change the
learner makes (on the page or through the answer-by-code API) is checked,
then saved at once to the answers file; displaying the widget writes nothing.

    from safeshare.widgets import Exercise
    ex = Exercise("E01")                          # a bank case, self-paced (key present)
    ex                                            # shows it
    ex.mark_text("text", "this morning's list", "date_of_care")
    ex.check().score
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from safeshare.cases.cache import load_rendered, rendered_case
from safeshare.errors import GradedLaterError
from safeshare.grade.answer import Answer, save_answer
from safeshare.grade.feedback_text import format_result_text
from safeshare.grade.grader import grade
from safeshare.grade.result import Result
from safeshare.model.key import Key
from safeshare.model.view import CaseView
from safeshare.widgets.answers_file import (
    answers_path,
    display_path,
    note_checked,
    recorded_learner,
    restore_answer,
    was_checked,
)
from safeshare.widgets.feedback_overlay import feedback_state, revealed_state
from safeshare.widgets.marks import (
    Targets,
    check_category,
    check_consent_gaps,
    check_decision,
    finding_of,
    mark_dict,
)
from safeshare.widgets.payload import PictureUrl, case_payload

__all__ = ["Exercise"]

_STATIC = Path(__file__).resolve().parent / "static"


class Exercise(anywidget.AnyWidget):
    """One case to mark, saved as you go to `answers/<name>.json`.

    Give a bank case id (rendered with `seed`, from the cache) or, with
    `Exercise.from_folder`, a rendered case folder. `name` names the answers
    file (default: the case id); `answers_dir` the folder (default: `answers`
    under the working directory, i.e. beside the notebook).
    """

    _esm = _STATIC / "exercise.js"
    _css = _STATIC / "exercise.css"

    _case = traitlets.Dict().tag(sync=True)
    """What the page shows of the case (no key): see payload.case_payload."""
    marks = traitlets.List(traitlets.Dict()).tag(sync=True)
    """The learner's marks: {id, category, location}, location as in the answer format."""
    consent_gaps = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Consent gap ids the learner ticked."""
    decision = traitlets.Unicode("").tag(sync=True)
    """The decision id chosen, '' before one is chosen."""
    feedback = traitlets.Dict().tag(sync=True)
    """After Check: statuses and explanations to draw (empty once the answer changes)."""
    revealed = traitlets.Dict().tag(sync=True)
    """After Reveal: the key's findings, gaps and decision (empty when hidden)."""
    status = traitlets.Dict().tag(sync=True)
    """A line for the learner: {kind: info|saved|error, text}."""

    def __init__(
        self,
        case_id: str | None = None,
        *,
        seed: int = 1,
        name: str | None = None,
        answers_dir: str | Path | None = None,
        folder: str | Path | None = None,
        picture_url: PictureUrl | None = None,
    ) -> None:
        if (case_id is None) == (folder is None):
            raise ValueError(
                "give a case id, Exercise('E01', seed=1), or a rendered case folder, "
                "Exercise.from_folder(path) (not both)"
            )
        if folder is None:
            assert case_id is not None
            folder = rendered_case(case_id, seed=seed)
        view, key = load_rendered(Path(folder))
        self._view: CaseView = view
        self._key: Key | None = key
        self._targets = Targets.from_view(view)
        self._path = answers_path(name or view.case_id, answers_dir)
        self._quiet = True
        # the case goes with the widget's opening message, and what is restored in one
        # update after it: a page that meets the widget late (a preheated kernel builds it
        # when the request comes) never sees an empty case
        payload = case_payload(view, Path(folder), graded=key is None, picture_url=picture_url)
        super().__init__(_case=payload)
        with self.hold_sync():
            self._restore()
        self.observe(self._on_learner_change, names=["marks", "consent_gaps", "decision"])
        self.on_msg(self._on_page_message)
        self._quiet = False

    @classmethod
    def from_folder(
        cls,
        folder: str | Path,
        *,
        name: str | None = None,
        answers_dir: str | Path | None = None,
        picture_url: PictureUrl | None = None,
    ) -> Exercise:
        """An exercise on a rendered case folder (case.json, assets; key.json when self-paced).

        `picture_url` gives a served address for its pictures (the course server's
        prepared cases); without it they travel inline in the widget's state."""
        return cls(folder=folder, name=name, answers_dir=answers_dir, picture_url=picture_url)

    # What the exercise is

    @property
    def case(self) -> CaseView:
        """The case as the learner sees it."""
        return self._view

    @property
    def graded(self) -> bool:
        """True for a graded release: no key here, so no Check or Reveal."""
        return self._key is None

    @property
    def answers_path(self) -> Path:
        """The answers file: `<answers_dir>/<name>.json`."""
        return self._path

    @property
    def answer(self) -> Answer:
        """The learner's answer as it stands, in the grade package's Answer format."""
        return Answer(
            case_id=self._view.case_id,
            seed=self._view.seed,
            findings=tuple(finding_of(m) for m in self.marks),
            consent_gaps=tuple(self.consent_gaps),
            decision=self.decision or None,
            learner=recorded_learner().id,
        )

    def __repr__(self) -> str:
        return (
            f"Exercise({self._view.case_id!r}, seed={self._view.seed}, marks={len(self.marks)}, "
            f"answers={display_path(self._path)!r})"
        )

    # Answer by code

    def mark_box(self, asset: str, x: float, y: float, w: float, h: float, category: str) -> str:
        """Mark a box on an image (x, y: top-left corner, in the image's pixels). Returns its id."""
        check_category(category)
        return self._add(category, self._targets.box(asset, x, y, w, h))

    def mark_text(self, field: str, words: str, category: str, *, occurrence: int = 1) -> str:
        """Mark words of a post field ('text', 'author.bio', 'replies.0.text') by quoting them."""
        check_category(category)
        return self._add(category, self._targets.find_words(field, words, occurrence))

    def mark_field(self, asset: str, tag: str, category: str) -> str:
        """Mark a header field of a file (an EXIF tag or DICOM keyword, e.g. 'PatientName')."""
        check_category(category)
        return self._add(category, self._targets.meta_field(asset, tag))

    def unmark(self, mark_id: str) -> None:
        """Remove one mark by the id the mark_* call returned."""
        if mark_id not in {m["id"] for m in self.marks}:
            known = ", ".join(m["id"] for m in self.marks) or "none yet"
            raise ValueError(f"no mark {mark_id!r} (marks: {known})")
        self._change(marks=[m for m in self.marks if m["id"] != mark_id])

    def set_consent_gaps(self, gaps: Iterable[str]) -> None:
        """The consent gaps you see, by id (replaces the ticks), e.g. ['verbal_only']."""
        self._change(consent_gaps=check_consent_gaps(gaps))

    def decide(self, decision: str) -> None:
        """Choose what should happen to the post, e.g. 'share_after_deidentification'."""
        self._change(decision=check_decision(decision))

    def check(self) -> Result:
        """Grade the answer as it stands and draw the feedback on the page."""
        key = self._require_key("Check")
        answer = self.answer
        result = grade(key, answer, view=self._view)
        self.feedback = feedback_state(result, self.marks, self._view)
        # a reopened page shows this feedback again; a Check of no saved work writes nothing,
        # and Check works without the note
        if self._path.exists():
            with suppress(OSError):
                note_checked(self._path, answer)
        return result

    def reveal(self) -> None:
        """Show the key's findings, consent gaps and decision on the page."""
        self.revealed = revealed_state(self._require_key("Reveal"), self._view)

    def hide_key(self) -> None:
        """Hide the key again."""
        self.revealed = {}

    def reset(self) -> None:
        """Clear every mark, tick and the decision; the answers file is updated to match."""
        had_work = bool(self.marks or self.consent_gaps or self.decision)
        self.feedback = {}
        self.revealed = {}
        if had_work or self._path.exists():
            self._change(marks=[], consent_gaps=[], decision="")
            self.status = {"kind": "saved", "text": f"Cleared: {display_path(self._path)}"}

    def summary(self) -> str:
        """The answer, and the last check's feedback, as plain text (e.g. for a screen reader)."""
        labels = {i["id"]: i["label"] for g in self._case["category_groups"] for i in g["items"]}
        lines = [f"{self._view.case_id}: {self._view.title}", f"Marks ({len(self.marks)}):"]
        for n, m in enumerate(self.marks, 1):
            loc = m["location"]
            where = ", ".join(f"{k}={v}" for k, v in loc.items() if k != "type")
            label = labels.get(m["category"], m["category"])
            lines.append(f"  {n}. [{m['id']}] {label}: {loc['type']} {where}")
        lines.append(f"Consent gaps: {', '.join(self.consent_gaps) or 'none ticked'}")
        lines.append(f"Decision: {self.decision or 'not chosen'}")
        lines.append(f"Saved in: {display_path(self._path)}")
        if self.feedback and self._key is not None:
            lines += ["", format_result_text(grade(self._key, self.answer, view=self._view))]
        return "\n".join(lines)

    # Internals

    def _require_key(self, action: str) -> Key:
        if self._key is None:
            raise GradedLaterError(
                f"{action} is not available: this exercise is graded later, so its key is not "
                f"here. Your work is saved in {display_path(self._path)}; submit the notebook and "
                "your educator's feedback will show what you found."
            )
        return self._key

    def _add(self, category: str, location: Any) -> str:
        for mark in self.marks:
            if mark["category"] == category and mark["location"] == location.to_dict():
                return str(mark["id"])
        used = {m["id"] for m in self.marks}
        n = len(self.marks) + 1
        while f"m{n}" in used:
            n += 1
        mark_id = f"m{n}"
        self._change(marks=[*self.marks, mark_dict(mark_id, category, location)])
        return mark_id

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        was, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = was

    def _change(self, **values: Any) -> None:
        """Set answer traits from the code API, then save once (errors propagate)."""
        with self._quietly(), self.hold_sync():
            for name, value in values.items():
                setattr(self, name, value)
            self.feedback = {}
        self._save()

    def _restore(self) -> None:
        saved = restore_answer(self._path, self._view)
        shown = display_path(self._path)
        if saved is None:
            self.status = {"kind": "info", "text": f"Your work is saved as you go to {shown}"}
            return
        self.marks = [
            mark_dict(f"m{n}", f.category, f.location) for n, f in enumerate(saved.findings, 1)
        ]
        self.consent_gaps = list(saved.consent_gaps)
        self.decision = saved.decision or ""
        n = len(saved.findings)
        text = f"Restored {n} mark{'s' if n != 1 else ''} from {shown}"
        if self._key is not None and was_checked(self._path, self.answer):
            result = grade(self._key, self.answer, view=self._view)
            self.feedback = feedback_state(result, self.marks, self._view)
            text += ", with the feedback of your last Check"
        self.status = {"kind": "info", "text": text}

    def _save(self) -> None:
        answer = self.answer
        stamped = Answer(
            case_id=answer.case_id,
            seed=answer.seed,
            findings=answer.findings,
            consent_gaps=answer.consent_gaps,
            decision=answer.decision,
            learner=answer.learner,
            updated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        save_answer(stamped, self._path)
        when = dt.datetime.now().strftime("%H:%M:%S")
        saved = f"Saved {when} to {display_path(self._path)}"
        problem = recorded_learner().problem
        if problem:  # the work is saved; the learner id is left out, and the learner told why
            self.status = {"kind": "error", "text": f"{saved}, without a learner id: {problem}"}
            return
        self.status = {"kind": "saved", "text": saved}

    def _on_learner_change(self, change: Mapping[str, Any]) -> None:
        """A change from the page: check it, normalise it, save it."""
        if self._quiet:
            return
        problems: list[str] = []
        with self._quietly():
            if change["name"] == "marks":
                kept = []
                for mark in change["new"]:
                    try:
                        kept.append(self._targets.check_mark(mark))
                    except ValueError as exc:
                        problems.append(str(exc))
                if kept != change["new"]:
                    self.marks = kept
            elif change["name"] == "consent_gaps":
                try:
                    self.consent_gaps = check_consent_gaps(change["new"])
                except ValueError as exc:
                    problems.append(str(exc))
                    self.consent_gaps = change["old"]
            elif change["name"] == "decision" and change["new"]:
                try:
                    check_decision(change["new"])
                except ValueError as exc:
                    problems.append(str(exc))
                    self.decision = change["old"]
            self.feedback = {}
        try:
            self._save()
        except (OSError, ValueError) as exc:
            problems.append(f"could not save: {exc}")
        if problems:
            self.status = {"kind": "error", "text": "Not saved as sent: " + "; ".join(problems)}

    def _on_page_message(
        self, _widget: object, content: Mapping[str, Any], _buffers: object
    ) -> None:
        """Buttons on the page: check, reveal, hide, reset."""
        action = content.get("action") if isinstance(content, Mapping) else None
        try:
            if action == "check":
                self.check()
            elif action == "reveal":
                self.reveal()
            elif action == "hide":
                self.hide_key()
            elif action == "reset":
                self.reset()
        except Exception as exc:  # shown to the learner, never lost in the kernel log
            self.status = {"kind": "error", "text": str(exc)}
