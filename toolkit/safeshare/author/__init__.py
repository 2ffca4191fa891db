"""Author mode: an educator's own image made into a graded case, behind a privacy guard.

Start a draft from an image (`start_draft`) or a shipped render
(`start_from_renderer`), take the checker's proposals (`propose_marks`),
decide each mark (accept it into the key, make it a field to fill with a
fictional value per variant, remove it, or confirm it is not identifying),
and save (`save_case`): refused while the guard (`guard_report`) finds an
identifier unaccounted for. Bundles share a case between educators.
"""

from safeshare.author.draft import (
    FILL_KIND_NAMES,
    AuthorDraft,
    DraftMark,
    MetadataField,
    draft_from_dict,
    draft_to_dict,
)
from safeshare.author.guard import GuardReport, guard_report
from safeshare.author.open import open_draft, start_draft, start_from_renderer, write_draft
from safeshare.author.propose import merge_proposals, propose_marks
from safeshare.author.save import load_authored, save_case

__all__ = [
    "FILL_KIND_NAMES",
    "AuthorDraft",
    "DraftMark",
    "GuardReport",
    "MetadataField",
    "draft_from_dict",
    "draft_to_dict",
    "guard_report",
    "load_authored",
    "merge_proposals",
    "open_draft",
    "propose_marks",
    "save_case",
    "start_draft",
    "start_from_renderer",
    "write_draft",
]
