"""Grading: an answer against a case's key, to a score in [0, 1] and feedback.

    from safeshare.grade import grade, load_answer
    view, key = load_rendered(folder)
    result = grade(key, load_answer("E01.answer.json"), view=view)
    result.score, result.to_dict(), format_result_text(result)

The answer format and the matching rules (one box may find several items on a
line, a whole-word part of a phrase finds it, repeats cost nothing, shotguns
are scaled down) are documented with pictures in docs/answer-format.md; every
weight and threshold lives in a Rubric an educator can change (load_rubric).
With the case's view, marks off the page are refused.
"""

from safeshare.grade.answer import (
    ANSWER_SCHEMA,
    Answer,
    AnswerFinding,
    AnswerLocation,
    Point,
    answer_from_key,
    answer_json,
    decode_answer_json,
    load_answer,
    parse_answer,
    save_answer,
)
from safeshare.grade.feedback_text import format_result_text
from safeshare.grade.grader import grade
from safeshare.grade.result import (
    DecisionFeedback,
    FindingFeedback,
    GapFeedback,
    MarkFeedback,
    Result,
)
from safeshare.grade.rubric import DEFAULT_RUBRIC, Rubric, load_rubric, rubric_from_dict

__all__ = [
    "ANSWER_SCHEMA",
    "DEFAULT_RUBRIC",
    "Answer",
    "AnswerFinding",
    "AnswerLocation",
    "DecisionFeedback",
    "FindingFeedback",
    "GapFeedback",
    "MarkFeedback",
    "Point",
    "Result",
    "Rubric",
    "answer_from_key",
    "answer_json",
    "decode_answer_json",
    "format_result_text",
    "grade",
    "load_answer",
    "load_rubric",
    "parse_answer",
    "rubric_from_dict",
    "save_answer",
]
