"""Grading: an answer against a case's key, to a score in [0, 1] and feedback.

    from safeshare.grade import grade, load_answer
    result = grade(key, load_answer("E01.answer.json"))
    result.score, result.to_dict(), format_result_text(result)

The answer format is documented in docs/answer-format.md; the weights live in
a Rubric an educator can change (load_rubric).
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
from safeshare.grade.feedback import format_result_text
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
