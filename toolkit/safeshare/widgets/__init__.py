"""Widgets: the Exercise a learner marks a case with, saved to an answers file as they go.

from safeshare.widgets import Exercise
ex = Exercise("E01", seed=1)      # or Exercise.from_folder(path, name="q1")
ex                                # shows the case; marks save to answers/E01.json
"""

from safeshare.errors import GradedLaterError
from safeshare.widgets.answers_file import ANSWERS_FOLDER, answers_path
from safeshare.widgets.exercise import Exercise

__all__ = ["ANSWERS_FOLDER", "Exercise", "GradedLaterError", "answers_path"]
