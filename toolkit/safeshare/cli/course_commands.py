"""`safeshare course serve` and `safeshare certificate`: the course as an app, and the CPD PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from safeshare.cli.parser import Parser

__all__ = ["add_course_commands"]


def _cmd_serve(args: argparse.Namespace) -> int:
    from safeshare.course.serve import serve

    return serve(
        host=args.host,
        port=args.port,
        folder=args.course_dir,
        token=args.token,
        prepare=not args.no_prepare,
        cull_after=args.cull_after,
        pool_size=args.pool_size,
        fork_kernels=not args.no_fork,
    )


def _cmd_certificate(args: argparse.Namespace) -> int:
    from safeshare.course.certificate import find_progress, write_certificate

    progress = find_progress(args.name, args.progress_dir)
    out = write_certificate(progress, args.out)
    print(out)
    return 0


def add_course_commands(subparsers: argparse._SubParsersAction[Parser]) -> None:
    """Register `course` (with `serve`) and `certificate` on the top-level parser."""
    from safeshare.course.serve import (
        DEFAULT_CULL_AFTER,
        DEFAULT_HOST,
        DEFAULT_POOL_SIZE,
        DEFAULT_PORT,
    )

    course = subparsers.add_parser("course", help="the self-paced course, served with Voila")
    sub = course.add_subparsers(dest="course_command", required=True, metavar="COMMAND")
    p = sub.add_parser("serve", help="serve the course offline with Voila (learners see no code)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on ({DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    p.add_argument(
        "--course-dir", type=Path, default=None, help="the course notebooks (default: course/)"
    )
    p.add_argument(
        "--token",
        action="store_true",
        help="require a generated token in the address (use when serving beyond this machine)",
    )
    p.add_argument(
        "--no-prepare", action="store_true", help="do not render the course's cases first"
    )
    p.add_argument(
        "--cull-after",
        type=int,
        default=DEFAULT_CULL_AFTER,
        metavar="SECONDS",
        help=f"shut down a kernel with no page open after this long idle ({DEFAULT_CULL_AFTER})",
    )
    p.add_argument(
        "--pool-size",
        type=int,
        default=DEFAULT_POOL_SIZE,
        metavar="N",
        help="kernels kept ready per module with the notebook already run, so pages open "
        f"at once; each costs about 150 MiB; 0 turns this off ({DEFAULT_POOL_SIZE})",
    )
    p.add_argument(
        "--no-fork",
        action="store_true",
        help="start each kernel as a new Python process instead of forking it from one that "
        "has loaded the course (slower to open pages)",
    )
    p.set_defaults(run=_cmd_serve)

    p = subparsers.add_parser(
        "certificate", help="a learner's CPD certificate (PDF) from their course progress"
    )
    p.add_argument("--name", required=True, help="the name or code the learner gave the course")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.add_argument(
        "--progress-dir",
        type=Path,
        default=None,
        help="the data folder holding learners/ (default: $SAFESHARE_DATA or "
        "~/.local/share/safeshare)",
    )
    p.set_defaults(run=_cmd_certificate)
