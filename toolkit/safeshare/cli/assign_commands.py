"""`safeshare assign ...`: the course secret, releases, learners' variants, checks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from safeshare.assignments.definition import DEFAULT_POOL
from safeshare.assignments.nbgrader_course import Course
from safeshare.cli.output import print_json
from safeshare.cli.parser import Parser
from safeshare.errors import UsageError

if TYPE_CHECKING:
    from safeshare.assignments.definition import AssignmentDef, Item
    from safeshare.assignments.pool import Variant
    from safeshare.model.key import Key

__all__ = ["add_assign_commands"]


def _course(args: argparse.Namespace) -> Course:
    from safeshare.assignments.nbgrader_course import find_course

    return find_course(args.course_root or Path.cwd())


def _course_id_and_root(args: argparse.Namespace) -> tuple[str, Path | None]:
    if args.course:
        return str(args.course), None
    course = _course(args)
    return course.course_id, course.root


def _cmd_init_secret(args: argparse.Namespace) -> int:
    from safeshare.assignments.secret import init_secret

    course_id, root = _course_id_and_root(args)
    path = init_secret(course_id, path=args.path, course_root=root, force=args.force)
    print(f"course secret for {course_id!r} written to {path} (readable by you only)")
    print("keep it, and back it up: without it released variants cannot be graded")
    return 0


def _cmd_new_cohort(args: argparse.Namespace) -> int:
    from safeshare.assignments.secret import SECRET_ENV, new_cohort_secret

    course_id, root = _course_id_and_root(args)
    done = new_cohort_secret(course_id, path=args.path, course_root=root)
    print(
        f"new course secret for {course_id!r} in {done.path} (the old one is kept in "
        f"{done.backup}); assignments released to the old cohort must be graded with the "
        f"old secret: {SECRET_ENV}={done.backup} nbgrader autograde ..."
    )
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from safeshare.assignments.definition import load_definition
    from safeshare.assignments.release import release_pool
    from safeshare.assignments.secret import load_secret

    course = _course(args)
    release_dir = course.release / args.assignment
    if not release_dir.is_dir():
        raise UsageError(
            f"{release_dir}: no release yet; run `nbgrader generate_assignment "
            f"{args.assignment}` (it renders the variants itself)"
        )
    definition = load_definition(course.source / args.assignment)
    folder = release_pool(
        definition,
        secret=load_secret(course.course_id),
        release_dir=release_dir,
        course_root=course.root,
        jobs=args.jobs,
    )
    print(folder)
    return 0


def _cmd_variant(args: argparse.Namespace) -> int:
    from safeshare.assignments.definition import load_definition
    from safeshare.assignments.variants import learner_variant

    course = _course(args)
    definition = load_definition(course.source / args.assignment)
    rows = [
        {
            "item": item.id,
            "case": item.case,
            "variant": learner_variant(
                args.learner, assignment=definition.id, item=item.id, pool=definition.pool
            ),
        }
        for item in definition.items
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['item']:<8} {row['case']:<6} v{row['variant']}")
    return 0


def _learners_key(args: argparse.Namespace) -> tuple[AssignmentDef, Item, Variant, Key]:
    """The assignment, item, variant and key of a learner's variant (needs the secret)."""
    from safeshare.assignments.definition import load_definition
    from safeshare.assignments.pool import learners_variant, variant_key
    from safeshare.assignments.secret import load_secret

    course = _course(args)
    definition = load_definition(course.source / args.assignment)
    try:
        item = definition.item(args.item)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    secret = load_secret(course.course_id)
    variant = learners_variant(definition, item, args.learner, secret, course_root=course.root)
    return definition, item, variant, variant_key(variant)


def _cmd_key(args: argparse.Namespace) -> int:
    definition, item, variant, key = _learners_key(args)
    if args.json:
        print_json(key.to_dict())
        return 0
    print(f"{args.learner}: {definition.id}/{item.id} is {item.case} variant {variant.index}")
    for f in key.findings:
        print(f"  [{f.severity}] {f.category}: {f.evidence!r} at {f.location.to_dict()}")
    print(f"  consent gaps: {', '.join(key.consent_gaps) or 'none'}")
    print(f"  decision: {key.decision}")
    return 0


def _cmd_answer(args: argparse.Namespace) -> int:
    from safeshare.grade.answer import answer_from_key, answer_json, parse_answer, save_answer

    _, _, _, key = _learners_key(args)
    # Checked as the grader reads it: a learner id an answer cannot hold is refused here.
    model = parse_answer(answer_from_key(key, learner=args.learner).to_dict(), source="answer")
    if args.out is not None:
        print(save_answer(model, args.out))
        return 0
    print(answer_json(model), end="")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from safeshare.assignments.scaffold import NewItem, scaffold_assignment

    course = _course(args)
    items = [
        NewItem(id=f"q{n}", case=case, points=args.points) for n, case in enumerate(args.case, 1)
    ]
    paths = scaffold_assignment(
        course.source / args.name,
        title=args.title or args.name.replace("-", " ").capitalize(),
        items=items,
        pool=args.pool,
        bank=args.bank or "",
        force=args.force,
    )
    for path in paths:
        print(path)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from safeshare.assignments.check import check_assignment
    from safeshare.assignments.secret import load_secret
    from safeshare.errors import AssignmentError

    course = _course(args)
    try:
        secret = load_secret(course.course_id)
    except AssignmentError:
        secret = None
        print("no course secret here: released variants are not compared with fresh renders")
    names = args.assignment or sorted(
        p.name for p in course.source.iterdir() if (p / "assignment.yaml").is_file()
    )
    failed = 0
    for name in names:
        problems = check_assignment(course, name, secret=secret)
        if problems:
            failed += 1
            print(f"{name}: {len(problems)} problem(s)")
            for problem in problems:
                print(f"  - {problem}")
        else:
            print(f"{name}: ok")
    return 1 if failed else 0


def add_assign_commands(subparsers: argparse._SubParsersAction[Parser]) -> None:
    assign = subparsers.add_parser(
        "assign", help="graded assignments: course secret, variants, release checks"
    )
    assign.add_argument(
        "--course-root",
        type=Path,
        default=None,
        help="the nbgrader course folder (default: the one holding the current folder)",
    )
    sub = assign.add_subparsers(dest="assign_command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "init-secret", help="create the course secret (kept outside the course folder)"
    )
    p.add_argument("--course", default=None, help="course id (default: from nbgrader_config.py)")
    p.add_argument("--path", type=Path, default=None, help="where to keep it (default: ~/.config)")
    p.add_argument(
        "--force", action="store_true", help="replace an existing secret (before any release)"
    )
    p.set_defaults(run=_cmd_init_secret)

    p = sub.add_parser(
        "new-cohort",
        help="start a new course secret for a new cohort, keeping the old one beside it, dated",
    )
    p.add_argument("--course", default=None, help="course id (default: from nbgrader_config.py)")
    p.add_argument("--path", type=Path, default=None, help="the secret file (default: ~/.config)")
    p.set_defaults(run=_cmd_new_cohort)

    p = sub.add_parser("new", help="start an assignment: assignment.yaml and its notebook")
    p.add_argument("name", help="assignment id (folder under source/)")
    p.add_argument("--case", action="append", required=True, help="a case id per item, in order")
    p.add_argument("--title", default=None)
    p.add_argument("--points", type=float, default=4.0, help="points per item (default 4)")
    p.add_argument(
        "--pool",
        type=int,
        default=DEFAULT_POOL,
        help=f"variants per item (default {DEFAULT_POOL})",
    )
    p.add_argument("--bank", default=None, help="a folder of your own case specs")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(run=_cmd_new)

    p = sub.add_parser("release", help="render the variants into release/<assignment> again")
    p.add_argument("assignment")
    p.add_argument("--jobs", type=int, default=None)
    p.set_defaults(run=_cmd_release)

    p = sub.add_parser("variant", help="which variant of each item a learner gets (public)")
    p.add_argument("assignment")
    p.add_argument("learner")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_variant)

    p = sub.add_parser("key", help="the key of a learner's variant of an item (needs the secret)")
    p.add_argument("assignment")
    p.add_argument("item")
    p.add_argument("learner")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_key)

    p = sub.add_parser(
        "answer",
        help="the model answer (an answers file scoring 1.0) of a learner's variant of an item",
    )
    p.add_argument("assignment")
    p.add_argument("item")
    p.add_argument("learner")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write it to this file (e.g. answers/q1.json) instead of printing it",
    )
    p.set_defaults(run=_cmd_answer)

    p = sub.add_parser("check", help="check assignments: notebook, points, config, release")
    p.add_argument("assignment", nargs="*")
    p.set_defaults(run=_cmd_check)
