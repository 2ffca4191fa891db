"""`safeshare taxonomy`: the categories, consent gaps and decisions, for spec writers."""

from __future__ import annotations

import argparse

from safeshare.cli.output import print_json
from safeshare.cli.parser import Parser
from safeshare.taxonomy import CATEGORIES, CONSENT_GAPS, DECISIONS, guidance

__all__ = ["add_taxonomy_command"]


def _cmd_taxonomy(args: argparse.Namespace) -> int:
    if args.json:
        print_json(
            {
                "categories": [
                    {
                        "id": c.id,
                        "group": c.group.value,
                        "label": c.label,
                        "severity": c.severity.value,
                        "description": c.description,
                        "guidance": [guidance(g).label for g in c.guidance],
                        "remedy": c.remedy,
                    }
                    for c in CATEGORIES.values()
                ],
                "consent_gaps": [{"id": g.id, "label": g.label} for g in CONSENT_GAPS.values()],
                "decisions": [{"id": d.id, "label": d.label} for d in DECISIONS.values()],
            }
        )
        return 0
    group = ""
    for c in CATEGORIES.values():
        if c.group.value != group:
            group = c.group.value
            print(f"\n{group} identifiers" if group != "hidden" else "\nhidden data")
        print(f"  {c.id:<24} {c.label} [{c.severity.value}]")
    print("\nconsent gaps")
    for g in CONSENT_GAPS.values():
        print(f"  {g.id:<32} {g.label}")
    print("\ndecisions")
    for d in DECISIONS.values():
        print(f"  {d.id:<30} {d.label}")
    return 0


def add_taxonomy_command(subparsers: argparse._SubParsersAction[Parser]) -> None:
    p = subparsers.add_parser("taxonomy", help="list categories, consent gaps and decisions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_taxonomy)
