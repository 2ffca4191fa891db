"""`safeshare grade ID ANSWER.json`: grade one answer file against a case's key."""

from __future__ import annotations

import argparse
from pathlib import Path

from safeshare.cli.output import print_json
from safeshare.cli.parser import Parser, seed_number
from safeshare.model.seeds import DEFAULT_SEED

__all__ = ["add_grade_command"]


def _cmd_grade(args: argparse.Namespace) -> int:
    from safeshare.cases.cache import load_key, load_rendered, rendered_case
    from safeshare.grade import format_result_text, grade, load_answer

    answer = load_answer(args.answer)
    seed = args.seed if args.seed is not None else answer.seed
    folder = rendered_case(args.id, seed=seed, bank=args.bank)
    view, _ = load_rendered(folder)
    key = load_key(folder)
    # With the view, a mark on an asset the case lacks or off its image is refused.
    result = grade(key, answer, source=args.answer, view=view)
    if args.json:
        print_json(result.to_dict())
    else:
        print(format_result_text(result))
    return 0


def add_grade_command(subparsers: argparse._SubParsersAction[Parser]) -> None:
    p = subparsers.add_parser("grade", help="grade an answer file against a case's key")
    p.add_argument("id", help="case id, e.g. E01")
    p.add_argument("answer", type=Path, help="the answer JSON file")
    p.add_argument(
        "--seed",
        type=seed_number,
        default=None,
        help=f"variant (default: the answer's, else {DEFAULT_SEED})",
    )
    p.add_argument("--bank", type=Path, default=None)
    p.add_argument(
        "--json", action="store_true", help="score, found, missed and false alarms as JSON"
    )
    p.set_defaults(run=_cmd_grade)
