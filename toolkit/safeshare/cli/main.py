"""Entry point: `safeshare` and `python -m safeshare`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from safeshare import __version__
from safeshare.cli.assign_commands import add_assign_commands
from safeshare.cli.author_commands import add_author_commands
from safeshare.cli.cases_commands import add_cases_commands
from safeshare.cli.check_commands import add_check_commands
from safeshare.cli.course_commands import add_course_commands
from safeshare.cli.grade_command import add_grade_command
from safeshare.cli.parser import Parser
from safeshare.cli.report_command import add_report_command
from safeshare.cli.taxonomy_command import add_taxonomy_command
from safeshare.errors import SafeshareError

__all__ = ["build_parser", "main"]


def build_parser() -> Parser:
    parser = Parser(
        prog="safeshare",
        description="Teach confidentiality and consent for clinical images on social media.",
    )
    parser.add_argument("--version", action="version", version=f"safeshare {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Parser
    )
    add_cases_commands(sub)
    add_grade_command(sub)
    add_taxonomy_command(sub)
    add_course_commands(sub)
    add_assign_commands(sub)
    add_report_command(sub)
    add_check_commands(sub)
    add_author_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; a problem with the input is one line on stderr and exit status 2."""
    try:
        args = build_parser().parse_args(argv)
        code: int = args.run(args)
        return code
    except SafeshareError as exc:
        print(f"safeshare: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("safeshare: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
