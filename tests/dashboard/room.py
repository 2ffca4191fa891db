"""A simulated room: learners' course folders with progress and answers, as the course writes them.

Each learner answers a bank case (module 00's E01, the course seed) through the
toolkit's one writer (save_answer, as the widget saves) and records progress
through the course's ProgressStore: learner i finds the first findings in
turn, some mark a look-alike, and the decisions differ, so every number the
dashboard shows has something to count.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from safeshare.cases.cache import load_rendered, rendered_case
from safeshare.course.learner import Learner, learner_folder
from safeshare.course.modules import COURSE_SEED
from safeshare.course.progress import ProgressStore
from safeshare.grade import Answer, AnswerFinding, answer_from_key, grade, save_answer
from safeshare.model.key import Key
from safeshare.model.locations import Box

__all__ = ["CASE", "NAMES", "case_key", "learner_answer", "make_room"]

CASE = "E01"
NAMES = (
    "Dr Ada Quill",
    "Bram Oduya",
    "Cleo Marchetti",
    "Dev Anand-Roy",
    "Esme Halloran",
    "Fintan Okafor",
    "Greta Lindqvist",
    "Hugo Baptiste",
    "Iris Nakamura",
    "Jonah Petrov",
    "Kezia Adeyemi",
    "Luca Ferreira",
)
"""Fictional learners."""
DECISIONS = ("share_after_deidentification", "obtain_consent_first", "do_not_share")


def case_key(case_id: str = CASE) -> Key:
    _, key = load_rendered(rendered_case(case_id, seed=COURSE_SEED))
    assert key is not None
    return key


def learner_answer(key: Key, n: int, *, learner: str | None = None) -> Answer:
    """Learner n's answer: the first (n mod findings + 1) findings, a decoy for every third."""
    model = answer_from_key(key, learner=learner)
    count = n % len(key.findings) + 1
    findings = list(model.findings[:count])
    decoys = [d for d in key.decoys if isinstance(d.location, Box)]
    if n % 3 == 0 and decoys:
        findings.append(AnswerFinding(key.findings[0].category, decoys[0].location))
    return replace(
        model,
        findings=tuple(findings),
        consent_gaps=model.consent_gaps if n % 2 else (),
        decision=DECISIONS[n % len(DECISIONS)],
    )


def make_room(root: Path, count: int, *, case_id: str = CASE) -> list[str]:
    """`count` learners under root/learners/, each with progress and one answer; their codes."""
    key = case_key(case_id)
    codes = []
    for n in range(count):
        name = NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else f" {n}")
        learner = Learner.from_name(name)
        folder = learner_folder(learner.code, root)
        store = ProgressStore(folder, learner)
        store.record("00", "open")
        answer = learner_answer(key, n, learner=learner.code)
        save_answer(answer, folder / "answers" / "00" / f"{case_id}.json")
        store.record_exercise("00", case_id, grade(key, answer).score)
        codes.append(learner.code)
    return codes
