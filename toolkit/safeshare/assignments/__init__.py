"""Graded assignments with nbgrader: per-learner variants whose keys never reach learners.

- secret: the course secret, kept by the educator outside the course folder.
- variants: secret seeds per item and pool index; a public choice per learner.
- definition: assignment.yaml, the items of an assignment and their points.
- nbgrader_course, learner: the nbgrader course folder; who the learner is.
- pool, release: render each item's pool into the release (assets, never keys);
  release (nbconvert-based) is imported on its own: safeshare.assignments.release.
- item_widget: the learner's widget for their own variant, and whether its answer is saved.
- item_grade, item_feedback, feedback_picture: one learner's item graded from the
  answers file, and the feedback they read, in the educator's process.
- autograde: the nbgrader autograde step that grades outside any kernel; like
  release, it is imported on its own (safeshare.assignments.autograde).
"""

from safeshare.assignments.definition import AssignmentDef, Item, load_definition
from safeshare.assignments.item_widget import answer_status, exercise
from safeshare.assignments.nbgrader_course import Course, find_course, load_course
from safeshare.assignments.secret import CourseSecret, init_secret, load_secret, secret_path
from safeshare.assignments.variants import learner_variant, variant_seed

__all__ = [
    "AssignmentDef",
    "Course",
    "CourseSecret",
    "Item",
    "answer_status",
    "exercise",
    "find_course",
    "init_secret",
    "learner_variant",
    "load_course",
    "load_definition",
    "load_secret",
    "secret_path",
    "variant_seed",
]
