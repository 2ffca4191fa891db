"""`safeshare cases ...`: list, show, key, answer, render, validate, sheet.

Each command imports what it uses when it runs, so building the parser (and
`safeshare --help`) loads neither the renderers nor matplotlib.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from safeshare.cli.output import print_json
from safeshare.cli.parser import Parser, seed_number
from safeshare.errors import UsageError
from safeshare.model.seeds import DEFAULT_SEED

if TYPE_CHECKING:
    from safeshare.model.view import CaseView

__all__ = ["add_cases_commands"]


def _cmd_list(args: argparse.Namespace) -> int:
    from safeshare.cases.bank import load_bank

    specs = load_bank(args.bank)
    rows = [
        {
            "id": s.id,
            "kind": s.kind,
            "difficulty": s.difficulty,
            "title": s.title,
            "tags": list(s.tags),
            "decision": s.decision,
            "control": s.decision == "share_as_is",
        }
        for s in specs
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        flag = " (control)" if row["control"] else ""
        print(f"{row['id']:<5} {row['kind']:<10} level {row['difficulty']}  {row['title']}{flag}")
    print(f"{len(rows)} cases")
    return 0


def _describe(view: CaseView, folder: Path) -> str:
    lines = [f"{view.case_id}: {view.title}", f"kind {view.kind}, level {view.difficulty}", ""]
    lines += [view.brief, "", "Objectives:"] + [f"  - {o}" for o in view.objectives]
    lines.append("")
    lines.append("Assets:")
    for asset in view.assets:
        size = f" {asset.width}x{asset.height}" if asset.width else ""
        lines.append(f"  {asset.id:<10} {asset.type:<18} {folder / asset.file}{size}")
        for row in asset.metadata:
            lines.append(f"      {row.label}: {row.value}")
    if view.post is not None:
        post = view.post
        lines += ["", "Post:", f"  {post.author.display_name} {post.author.handle}"]
        if post.author.bio:
            lines.append(f"  bio: {post.author.bio}")
        if post.author.location:
            lines.append(f"  location: {post.author.location}")
        for earlier in post.thread:
            lines.append(f"  earlier ({earlier.posted_at}): {earlier.text}")
        lines.append(f"  {post.text}")
        if post.alt_text:
            lines.append(f"  alt text: {post.alt_text}")
        if post.location_tag:
            lines.append(f"  location tag: {post.location_tag}")
        lines.append(f"  {post.posted_at}")
        for reply in post.replies:
            lines.append(
                f"  reply from {reply.author.display_name} {reply.author.handle}: {reply.text}"
            )
    if view.consent is not None:
        c = view.consent
        lines += [
            "",
            "Consent record:",
            f"  form: {c.form.value}; purposes: {', '.join(p.value for p in c.purposes) or 'none'}",
        ]
        lines.append(f"  platforms named: {', '.join(c.platforms) or 'none'}")
        if c.notes:
            lines.append(f"  notes: {c.notes}")
    return "\n".join(lines)


def _cmd_show(args: argparse.Namespace) -> int:
    from safeshare.cases.cache import load_rendered, rendered_case

    folder = rendered_case(args.id, seed=args.seed, bank=args.bank)
    view, _ = load_rendered(folder)
    if args.json:
        print_json(view.to_dict())
    else:
        print(_describe(view, folder))
    return 0


def _cmd_key(args: argparse.Namespace) -> int:
    from safeshare.cases.cache import load_key, rendered_case

    key = load_key(rendered_case(args.id, seed=args.seed, bank=args.bank))
    if args.json:
        print_json(key.to_dict())
        return 0
    print(f"Key for {key.case_id} (seed {key.seed})")
    for f in key.findings:
        print(f"  [{f.severity}] {f.category}: {f.evidence!r} at {f.location.to_dict()}")
    print(f"  consent gaps: {', '.join(key.consent_gaps) or 'none'}")
    print(f"  decision: {key.decision} — {key.decision_reason}")
    return 0


def _cmd_answer(args: argparse.Namespace) -> int:
    from safeshare.cases.cache import load_key, rendered_case
    from safeshare.grade import answer_from_key

    key = load_key(rendered_case(args.id, seed=args.seed, bank=args.bank))
    print_json(answer_from_key(key).to_dict())
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from safeshare.cases.bank import find_case, load_bank
    from safeshare.cases.render_many import render_cases

    if bool(args.id) == bool(args.all):
        raise UsageError("give a case ID or --all, not both and not neither")
    specs = load_bank(args.bank) if args.all else [find_case(args.id, args.bank)]
    done = 0

    def progress(spec: object) -> None:
        nonlocal done
        done += 1
        if args.all and sys.stderr.isatty():
            print(f"\rrendered {done}/{len(specs)}", end="", file=sys.stderr, flush=True)

    folders = render_cases(
        specs, seed=args.seed, out_dir=args.out, jobs=args.jobs, on_done=progress
    )
    if args.all and sys.stderr.isatty():
        print(file=sys.stderr)
    for folder in folders:
        print(folder)
    return 0


def _validate_rendered(folder: Path) -> None:
    from safeshare.cases.cache import load_rendered
    from safeshare.cases.key_check import check_key
    from safeshare.taxonomy import CONSENT_GAPS, gaps_in

    view, key = load_rendered(folder)
    if key is None:
        raise UsageError(f"{folder}: no key.json to validate")
    check_key(view, key, source=folder / "key.json")
    if view.consent is not None and tuple(key.consent_gaps) != gaps_in(view.consent):
        unknown = [g for g in key.consent_gaps if g not in CONSENT_GAPS]
        raise UsageError(
            f"{folder / 'key.json'}: consent_gaps {list(key.consent_gaps)} do not follow from the "
            f"consent record{' (unknown: ' + ', '.join(unknown) + ')' if unknown else ''}"
        )


def _cmd_validate(args: argparse.Namespace) -> int:
    from safeshare.cases.bank import load_bank
    from safeshare.cases.build import render_case

    path: Path | None = args.path if args.path is not None else args.bank
    if path is not None and path.is_dir() and (path / "case.json").exists():
        _validate_rendered(path)
        print(f"ok: {path} is a sound rendered case")
        return 0
    specs = load_bank(path)
    if not specs:
        raise UsageError(f"{path or 'the bank'}: no case specs (*.yaml) found")
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            work = Path(tmp) / spec.id
            work.mkdir()
            render_case(spec, seed=args.seed, work_dir=work)
            shutil.rmtree(work)
    print(f"ok: {len(specs)} case specs valid, rendered (seed {args.seed}), keys checked")
    return 0


def _cmd_sheet(args: argparse.Namespace) -> int:
    from safeshare.cases.bank import load_bank
    from safeshare.cases.cache import load_rendered
    from safeshare.cases.contact_sheet import make_contact_sheet
    from safeshare.cases.render_many import render_cases

    specs = load_bank(args.bank)
    folders = render_cases(specs, seed=args.seed, jobs=args.jobs)
    entries = []
    for folder in folders:
        view, key = load_rendered(folder)
        entries.append((folder, view, bool(key and key.is_control)))
    make_contact_sheet(entries, args.out)
    print(args.out)
    return 0


def add_cases_commands(subparsers: argparse._SubParsersAction[Parser]) -> None:
    cases = subparsers.add_parser("cases", help="the case bank: list, show, render, validate")
    cases.add_argument(
        "--bank", type=Path, default=None, help="a folder of specs (default: the shipped bank)"
    )
    sub = cases.add_subparsers(dest="cases_command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list the cases of the bank")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_list)

    for name, run, helptext in (
        ("show", _cmd_show, "what a learner sees of a case (no key)"),
        ("key", _cmd_key, "the educator's view: findings with locations, consent gaps, decision"),
        ("answer", _cmd_answer, "the model answer (the key in answer form), which scores 1.0"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("id")
        p.add_argument("--seed", type=seed_number, default=DEFAULT_SEED)
        if name != "answer":
            p.add_argument("--json", action="store_true")
        p.set_defaults(run=run)

    p = sub.add_parser("render", help="render cases: assets plus key.json, one folder per case")
    p.add_argument("id", nargs="?")
    p.add_argument("--all", action="store_true", help="render the whole bank, in parallel")
    p.add_argument("--seed", type=seed_number, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: one per core)"
    )
    p.set_defaults(run=_cmd_render)

    p = sub.add_parser("validate", help="validate specs (file or folder) or a rendered case folder")
    p.add_argument("path", nargs="?", type=Path)
    p.add_argument("--seed", type=seed_number, default=DEFAULT_SEED)
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("sheet", help="a contact sheet of the bank, as PNG")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=seed_number, default=DEFAULT_SEED)
    p.add_argument("--jobs", type=int, default=None)
    p.set_defaults(run=_cmd_sheet)
