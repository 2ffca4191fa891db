"""`safeshare author ...`: make a case from your own image, from files, behind the privacy guard.

    safeshare author new photo.jpg --id A01 --bank my-bank      # a draft + the checker's proposals
    safeshare author show my-bank/.drafts/A01                   # the marks, fields and metadata
    safeshare author mark my-bank/.drafts/A01 m1 --fill name    # paint a fictional name there
    safeshare author mark my-bank/.drafts/A01 m2 --status removed
    safeshare author set my-bank/.drafts/A01 --title "..." --decision-reason "..."
    safeshare author guard my-bank/.drafts/A01                  # what still blocks a save
    safeshare author save my-bank/.drafts/A01 --bank my-bank
    safeshare author export my-bank/A01-... --out A01.zip [--learner]
    safeshare author import A01.zip --bank my-bank
    safeshare author open                                       # how to open the widget

Thin over safeshare.author; each command imports it when it runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from safeshare.cli.output import print_json
from safeshare.cli.parser import Parser, seed_number

if TYPE_CHECKING:
    from safeshare.author.draft import AuthorDraft

__all__ = ["add_author_commands"]


def _work(args: argparse.Namespace) -> Path:
    name = str(args.id or f"A{args.from_case or ''}")
    if args.work is not None:
        return Path(args.work)
    if args.bank is not None:
        return Path(args.bank) / ".drafts" / name
    return Path(f"{name}-draft")


def _print_draft(draft: AuthorDraft) -> None:
    print(f"draft {draft.case_id} in {draft.folder}: {draft.width}x{draft.height}, {draft.title!r}")
    for m in draft.marks:
        what = f" {m.text!r}" if m.text else ""
        fill = f" fill={m.fill}" if m.fill else ""
        category = m.category or "(no category)"
        print(f"  {m.id}: {m.status:<15} {category:<20} at {list(m.box)} [{m.origin}]{what}{fill}")
    for f in draft.metadata_fields:
        print(f"  metadata {f.tag}: {f.status} ({f.category}: {f.value[:50]!r})")
    if not draft.marks and not draft.metadata_fields:
        print("  no marks yet: `safeshare author propose` or `author mark --box x,y,w,h`")


def _cmd_new(args: argparse.Namespace) -> int:
    from safeshare.author import merge_proposals, propose_marks, start_draft, write_draft
    from safeshare.author.open import start_from_renderer
    from safeshare.errors import UsageError

    work = _work(args)
    if args.from_case:
        if args.image is not None:
            raise UsageError("give an IMAGE or --from-case, not both")
        draft = start_from_renderer(
            args.from_case, seed=args.seed, work=work, case_id=args.id or ""
        )
    else:
        if args.image is None or not args.id:
            raise UsageError("give an IMAGE and --id (or --from-case CASE)")
        draft = start_draft(
            args.image, case_id=args.id, work=work, title=args.title or "", modality=args.modality
        )
    if not args.no_propose:  # a render's key is in already: the checker may see more
        merge_proposals(draft, propose_marks(draft))
        write_draft(draft)
    _print_draft(draft)
    print(f"next: decide each mark (`safeshare author mark {work} ID ...`), then save")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from safeshare.author import draft_to_dict, open_draft

    draft = open_draft(args.draft)
    if args.json:
        print_json(draft_to_dict(draft))
    else:
        _print_draft(draft)
    return 0


def _cmd_propose(args: argparse.Namespace) -> int:
    from safeshare.author import merge_proposals, open_draft, propose_marks, write_draft

    draft = open_draft(args.draft)
    before = len(draft.marks)
    merge_proposals(draft, propose_marks(draft))
    write_draft(draft)
    print(f"{len(draft.marks) - before} new proposal(s)")
    _print_draft(draft)
    return 0


def _cmd_mark(args: argparse.Namespace) -> int:
    from safeshare.author import open_draft, write_draft
    from safeshare.author.edit import MarkEdit, edit_mark, parse_box
    from safeshare.errors import UsageError

    draft = open_draft(args.draft)
    if args.mark is None and args.box is None:
        raise UsageError("give a mark id to change, or --box x,y,w,h for a new mark")
    box = parse_box(args.box, source=args.draft) if args.box is not None else None
    mark = edit_mark(
        draft,
        args.mark,
        MarkEdit(
            status=args.status,
            category=args.category,
            fill=args.fill,
            explanation=args.explanation,
            severity=args.severity,
            guidance=tuple(args.guidance) if args.guidance else None,
            box=box,
        ),
    )
    write_draft(draft)
    print(f"{mark.id}: {mark.status}, {mark.category or '(no category)'}, fill={mark.fill}")
    return 0


def _cmd_metadata(args: argparse.Namespace) -> int:
    from safeshare.author import open_draft, write_draft
    from safeshare.author.edit import set_metadata_status

    draft = open_draft(args.draft)
    set_metadata_status(draft, args.tag, args.status)
    write_draft(draft)
    print(f"{args.tag}: {args.status}")
    return 0


def _cmd_set(args: argparse.Namespace) -> int:
    import yaml

    from safeshare.author import open_draft, write_draft
    from safeshare.author.edit import set_details
    from safeshare.errors import AuthorError

    draft = open_draft(args.draft)
    consent = None
    if args.consent is not None:
        try:
            consent = yaml.safe_load(Path(args.consent).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise AuthorError(
                f"cannot read the consent record: {exc}", source=args.consent
            ) from None
    post = args.post
    if post is not None and Path(post).suffix == ".txt" and Path(post).is_file():
        post = Path(post).read_text(encoding="utf-8").strip()
    set_details(
        draft,
        title=args.title,
        brief=args.brief,
        post=post,
        decision=args.decision,
        decision_reason=args.decision_reason,
        modality=args.modality,
        difficulty=args.difficulty,
        objectives=args.objective or None,
        consent=consent,
    )
    write_draft(draft)
    _print_draft(draft)
    return 0


def _cmd_guard(args: argparse.Namespace) -> int:
    from safeshare.author import guard_report, open_draft

    report = guard_report(open_draft(args.draft))
    if args.json:
        print_json(report.to_dict())
    else:
        print("the privacy guard: " + ("OK, the case can be saved" if report.ok else "BLOCKED"))
        for line in report.unaccounted:
            print(f"  unaccounted: {line}")
        for line in report.accounted:
            print(f"  ok: {line}")
        for line in report.unchecked:
            print(f"  cannot guarantee: {line}")
    return 0 if report.ok else 1


def _cmd_save(args: argparse.Namespace) -> int:
    from safeshare.author import open_draft, save_case

    draft = open_draft(args.draft)
    editing_saved_case = draft.folder.resolve().parent == Path(args.bank).resolve()
    folder = save_case(draft, bank=args.bank)
    print(folder)
    if not editing_saved_case:
        if args.keep_draft:
            print(
                f"note: {draft.folder} still holds your original image, unblanked: delete it "
                "when you no longer need it",
                file=sys.stderr,
            )
        else:
            shutil.rmtree(draft.folder)
            print(f"removed the draft {draft.folder} (it held the original image)", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from safeshare.author.bundle import export_bundle

    seeds = tuple(args.seed) if args.seed else (1,)
    path = export_bundle(
        args.case, args.out, audience="learner" if args.learner else "educator", seeds=seeds
    )
    print(path)
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from safeshare.author.bundle import import_bundle

    print(import_bundle(args.bundle, bank=args.bank))
    return 0


def _cmd_open(args: argparse.Namespace) -> int:
    where = repr(str(args.path)) if args.path is not None else "'my-photo.jpg'"
    bank = repr(str(args.bank)) if args.bank is not None else "'my-bank'"
    print("In JupyterLab, run in a notebook cell:\n")
    print("    from safeshare.widgets.author import Author")
    print(f"    Author.open({where}, bank={bank}, case_id='A01')\n")
    print("(an image to start a case, or a saved case's folder to edit it)")
    return 0


def add_author_commands(subparsers: argparse._SubParsersAction[Parser]) -> None:
    author = subparsers.add_parser(
        "author", help="make a case from your own image: draft, propose, guard, save, share"
    )
    sub = author.add_subparsers(dest="author_command", required=True, parser_class=Parser)

    p = sub.add_parser("new", help="start a draft from an image (JPEG, PNG, DICOM) or a bank case")
    p.add_argument("image", type=Path, nargs="?", default=None, metavar="IMAGE")
    p.add_argument("--id", default=None, help="the new case's id, e.g. A01")
    p.add_argument(
        "--bank", type=Path, default=None, help="your bank folder (drafts go in .drafts)"
    )
    p.add_argument("--work", type=Path, default=None, help="the draft folder (default: see --bank)")
    p.add_argument("--title", default=None)
    p.add_argument(
        "--modality",
        default="",
        choices=("", "photo", "endoscopy", "radiology", "screenshot"),
        help="what the image is (default: photo, or radiology for DICOM)",
    )
    p.add_argument("--from-case", default=None, metavar="CASE", help="start from a bank case")
    p.add_argument("--seed", type=seed_number, default=1, help="its variant (with --from-case)")
    p.add_argument("--no-propose", action="store_true", help="skip the checker's proposals")
    p.set_defaults(run=_cmd_new)

    p = sub.add_parser("show", help="the marks, fields and metadata of a draft")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_show)

    p = sub.add_parser("propose", help="add the checker's findings as proposed marks")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.set_defaults(run=_cmd_propose)

    p = sub.add_parser("mark", help="decide a mark (or add one with --box)")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.add_argument("mark", nargs="?", default=None, metavar="ID")
    p.add_argument("--box", default=None, metavar="X,Y,W,H", help="a region in image pixels")
    p.add_argument("--status", default=None, help="accepted, removed, not_identifying or proposed")
    p.add_argument("--category", default=None, help="a taxonomy category (`safeshare taxonomy`)")
    p.add_argument(
        "--fill",
        default=None,
        metavar="KIND",
        help="paint a fictional value per variant: name, date_of_birth, hospital_number, "
        "nhs_number, date, place ('none' to stop)",
    )
    p.add_argument("--explanation", default=None, help="what the learner reads about it")
    p.add_argument("--severity", default=None, help="high, medium or low")
    p.add_argument(
        "--guidance",
        action="append",
        default=None,
        metavar="ID",
        help="a guidance id it rests on (`safeshare taxonomy`); repeat for several",
    )
    p.set_defaults(run=_cmd_mark)

    p = sub.add_parser("metadata", help="strip a metadata field, or confirm it")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.add_argument("tag", help="e.g. GPSInfo")
    p.add_argument("status", help="strip, not_identifying, keep_fictional")
    p.set_defaults(run=_cmd_metadata)

    p = sub.add_parser("set", help="the case's title, words, consent record and decision")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.add_argument("--title", default=None)
    p.add_argument("--brief", default=None)
    p.add_argument("--post", default=None, help="the post's text (or a .txt file), [[w|cat]] marks")
    p.add_argument("--decision", default=None)
    p.add_argument("--decision-reason", default=None)
    p.add_argument("--modality", default=None)
    p.add_argument("--difficulty", type=int, default=None)
    p.add_argument("--objective", action="append", default=None, help="repeat for each")
    p.add_argument("--consent", type=Path, default=None, help="a YAML file: the consent record")
    p.set_defaults(run=_cmd_set)

    p = sub.add_parser("guard", help="what the privacy guard finds (exit 1 while blocked)")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_guard)

    p = sub.add_parser("save", help="save the case into your bank (refused by the guard if unsafe)")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    p.add_argument("--bank", type=Path, required=True)
    p.add_argument(
        "--keep-draft",
        action="store_true",
        help="keep the draft folder (it holds the original, unblanked image; by default it is "
        "deleted once the case is saved: edit the saved case's folder instead)",
    )
    p.set_defaults(run=_cmd_save)

    p = sub.add_parser("export", help="a bundle (zip) of a saved case, to share")
    p.add_argument("case", type=Path, metavar="CASE_FOLDER")
    p.add_argument("--out", type=Path, required=True, metavar="ZIP")
    p.add_argument("--learner", action="store_true", help="rendered variants only: no spec, no key")
    p.add_argument("--seed", type=seed_number, action="append", help="variants (--learner)")
    p.set_defaults(run=_cmd_export)

    p = sub.add_parser("import", help="add an educator's bundle's case to your bank")
    p.add_argument("bundle", type=Path, metavar="ZIP")
    p.add_argument("--bank", type=Path, required=True)
    p.set_defaults(run=_cmd_import)

    p = sub.add_parser("open", help="how to open the author widget in JupyterLab")
    p.add_argument("path", type=Path, nargs="?", default=None, metavar="IMAGE_OR_CASE")
    p.add_argument("--bank", type=Path, default=None)
    p.set_defaults(run=_cmd_open)
