"""The facilitator's live dashboard: what the room is finding, missing and deciding, case by case.

    from safeshare.dashboard import Board
    state = Board(data_folder, out_dir=pictures).refresh()

Reads learners' course folders without blocking them (reading), grades with the
course's grader (case_stats), draws the cohort report's heatmaps (heatmaps),
writes prompts for discussion (prompts) and shows learners as pseudonyms unless
the facilitator opts in (pseudonyms). `show_dashboard()` is the Voila front end.
"""

from safeshare.dashboard.board import Board, BoardState, CasePanel
from safeshare.dashboard.case_stats import AlarmCount, CaseStats, FindingRate, Grader, case_stats
from safeshare.dashboard.course_progress import LearnerRow, ModuleCount
from safeshare.dashboard.prompts import discussion_prompts
from safeshare.dashboard.pseudonyms import Pseudonyms
from safeshare.dashboard.reading import AnswerRecord, FolderReader, LearnerState, Problem, Snapshot

__all__ = [
    "AlarmCount",
    "AnswerRecord",
    "Board",
    "BoardState",
    "CasePanel",
    "CaseStats",
    "FindingRate",
    "FolderReader",
    "Grader",
    "LearnerRow",
    "LearnerState",
    "ModuleCount",
    "Problem",
    "Pseudonyms",
    "Snapshot",
    "case_stats",
    "discussion_prompts",
    "show_dashboard",
]


def __getattr__(name: str) -> object:
    """show_dashboard loads ipywidgets only when asked for (the board needs none)."""
    if name == "show_dashboard":
        from safeshare.dashboard.view import show_dashboard

        return show_dashboard
    raise AttributeError(name)
