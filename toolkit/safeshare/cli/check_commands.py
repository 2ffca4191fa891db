"""`safeshare check FILE... [--post TEXT_OR_FILE] [--json]`, `safeshare deidentify FILE --out OUT`.

Thin over safeshare.checker; each command imports it when it runs, so building
the parser (and `safeshare --help`) loads neither the OCR engine nor OpenCV.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from safeshare.cli.output import print_json
from safeshare.cli.parser import Parser

__all__ = ["add_check_commands"]


def _cmd_check(args: argparse.Namespace) -> int:
    from safeshare.checker import check_files, read_post

    post = read_post(args.post) if args.post is not None else None
    report = check_files(list(args.files), post=post, ocr=not args.no_ocr, faces=not args.no_faces)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.to_text())
    return 0


def _cmd_deidentify(args: argparse.Namespace) -> int:
    from safeshare.checker import deidentify

    result = deidentify(args.file, args.out, ocr=not args.no_ocr, faces=not args.no_faces)
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.to_text())
    return 0


def add_check_commands(subparsers: argparse._SubParsersAction[Parser]) -> None:
    p = subparsers.add_parser(
        "check", help="check images, DICOM files and a post for what identifies the patient"
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="images or DICOM files")
    p.add_argument(
        "--post",
        default=None,
        metavar="TEXT_OR_FILE",
        help="the post: text, a .txt or a .json file",
    )
    p.add_argument("--json", action="store_true", help="the full report as JSON")
    p.add_argument("--no-ocr", action="store_true", help="skip reading text in the pixels")
    p.add_argument("--no-faces", action="store_true", help="skip looking for faces")
    p.set_defaults(run=_cmd_check)

    d = subparsers.add_parser(
        "deidentify", help="write a de-identified copy of an image or DICOM file, and re-check it"
    )
    d.add_argument("file", type=Path, metavar="FILE")
    d.add_argument(
        "--out", type=Path, required=True, metavar="OUT", help="the new file (.png, .jpg or .dcm)"
    )
    d.add_argument("--json", action="store_true", help="what was done and what remains, as JSON")
    d.add_argument("--no-ocr", action="store_true", help="skip reading text in the pixels")
    d.add_argument("--no-faces", action="store_true", help="skip looking for faces")
    d.set_defaults(run=_cmd_deidentify)
