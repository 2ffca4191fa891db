"""Answers that look alike: listed when a copy shares a rare mistake, never for honest twins."""

from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from pathlib import Path

from safeshare.assignments.definition import AssignmentDef, answers_file
from safeshare.assignments.nbgrader_course import Course
from safeshare.assignments.scaffold import NewItem
from safeshare.assignments.secret import CourseSecret
from safeshare.assignments.variants import learner_variant
from safeshare.grade import Answer, AnswerFinding, answer_from_key, save_answer
from safeshare.model.key import Key
from safeshare.model.locations import Box
from safeshare.report import collect, grade_all, make_report
from safeshare.report.similarity import alike_pairs
from tests.report.cohort import hand_in, learners_key, released_course

ITEMS = (NewItem("q1", "X03", 4.0),)
EVIL = '<img src=x onerror="alert(1)">'


def _sharing(definition: AssignmentDef, first: str, count: int) -> list[str]:
    """`first` and more learner ids given the same variant of q1 as `first`."""

    def index(name: str) -> int:
        return learner_variant(name, assignment="demo", item="q1", pool=definition.pool)

    group = [first]
    for i in range(500):
        if len(group) == count:
            return group
        if f"learner{i}" != first and index(f"learner{i}") == index(first):
            group.append(f"learner{i}")
    raise AssertionError("no learners share a variant")


def _false_alarm(key: Key) -> AnswerFinding:
    """A name marked on an empty stretch of the scan: no key finding, no look-alike there."""
    taken = [
        loc
        for loc in (*(f.location for f in key.findings), *(d.location for d in key.decoys))
        if isinstance(loc, Box)
    ]
    asset = next(b.asset for b in taken)
    for y in range(40, 700, 30):
        for x in range(40, 900, 50):
            box = Box(asset, x, y, 46, 18)
            if all(box.iou(t) == 0 and not _touches(box, t) for t in taken):
                return AnswerFinding("patient_name", box)
    raise AssertionError("no empty place on the scan")


def _touches(a: Box, b: Box) -> bool:
    return not (a.x + a.w < b.x or b.x + b.w < a.x or a.y + a.h < b.y or b.y + b.h < a.y)


def _answer(course: Course, learner: str, answer: Answer, *, item: str = "q1") -> None:
    folder = hand_in(course, learner)
    save_answer(dataclasses.replace(answer, learner=learner), folder / answers_file(item))


def _shifted(answer: Answer, dx: int, dy: int) -> Answer:
    """The answer with every box moved a few pixels: as a hand would draw them."""
    moved = tuple(
        AnswerFinding(
            f.category, dataclasses.replace(f.location, x=f.location.x + dx, y=f.location.y + dy)
        )
        if isinstance(f.location, Box)
        else f
        for f in answer.findings
    )
    return dataclasses.replace(answer, findings=moved)


def test_a_copy_sharing_a_false_alarm_is_listed_and_perfect_twins_are_not(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course, definition = released_course(tmp_path / "course", secret, ITEMS)
    author, copier, honest_a, honest_b, other = _sharing(definition, EVIL, 5)
    key = learners_key(course, definition, author, "q1", secret)
    perfect = answer_from_key(key)
    original = dataclasses.replace(perfect, findings=(*perfect.findings[:-1], _false_alarm(key)))
    _answer(course, author, original)
    _answer(course, copier, original)  # the file copied, the name changed
    _answer(course, honest_a, perfect)
    _answer(course, honest_b, perfect)
    _answer(course, other, _shifted(perfect, 2, 1))
    report = make_report(course.root, out=tmp_path / "report", jobs=1, progress=False)
    by = {g.submission.learner: g for g in report.cohort.graded}
    assert by[author].false_alarms == 1 and by[copier].false_alarms == 1
    assert by[honest_a].score == by[honest_b].score == 1.0

    likeness = report.likeness
    assert [(p.first, p.second) for p in likeness.pairs] == [tuple(sorted((author, copier)))]
    pair = likeness.pairs[0]
    assert pair.similarity == 1.0 and pair.common == len(original.findings)
    assert pair.decision == key.decision and pair.same_gaps
    assert len(pair.telling) == 1 and pair.telling[0].startswith("the same false alarm")
    assert "made by 2 of 5 learner(s)" in pair.telling[0]
    assert likeness.alike >= 1  # the two perfect answers: alike, and rightly not listed
    assert likeness.compared == 10

    with report.csvs["alike"].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["learner_a"], r["learner_b"], r["similarity"]) for r in rows] == [
        (pair.first, pair.second, "1.000")
    ]
    page = report.html.read_text(encoding="utf-8")
    assert "a place to look, not a verdict" in page
    section = page[page.index("Answers that look alike") :]
    assert EVIL not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in section
    assert "the same false alarm" in section


def test_a_mistake_most_of_the_variant_made_is_not_telling(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course, definition = released_course(tmp_path / "course", secret, ITEMS)
    group = _sharing(definition, "learner0", 6)
    key = learners_key(course, definition, group[0], "q1", secret)
    perfect = answer_from_key(key)
    common = dataclasses.replace(perfect, findings=(*perfect.findings, _false_alarm(key)))
    for learner in group:
        _answer(course, learner, common)
    likeness = alike_pairs(grade_all(collect(course.root), jobs=1, progress=False))
    assert likeness.pairs == ()
    assert likeness.alike == likeness.compared == 15


def test_boxes_identical_to_the_pixel_are_telling_and_hand_drawn_ones_are_not(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course, definition = released_course(tmp_path / "course", secret, ITEMS)
    twin_a, twin_b, hand_a, hand_b = _sharing(definition, "learner1", 4)
    key = learners_key(course, definition, twin_a, "q1", secret)
    perfect = answer_from_key(key)
    _answer(course, twin_a, _shifted(perfect, 3, 2))
    _answer(course, twin_b, _shifted(perfect, 3, 2))
    _answer(course, hand_a, _shifted(perfect, -2, 1))
    _answer(course, hand_b, _shifted(perfect, 1, -3))
    cohort = grade_all(collect(course.root), jobs=1, progress=False)
    assert all(g.score == 1.0 for g in cohort.graded)  # all found everything
    pairs = alike_pairs(cohort).pairs
    assert [(p.first, p.second) for p in pairs] == [tuple(sorted((twin_a, twin_b)))]
    boxes = sum(1 for f in perfect.findings if isinstance(f.location, Box))
    assert len(pairs[0].telling) == boxes
    assert all(t.startswith("a box identical to the pixel") for t in pairs[0].telling)


def test_only_learners_given_the_same_variant_are_compared(
    tmp_path: Path, secret: CourseSecret
) -> None:
    course, definition = released_course(tmp_path / "course", secret, ITEMS)
    variants: dict[int, list[str]] = defaultdict(list)
    for i in range(12):
        name = f"learner{i}"
        variants[learner_variant(name, assignment="demo", item="q1", pool=definition.pool)].append(
            name
        )
        key = learners_key(course, definition, name, "q1", secret)
        _answer(course, name, answer_from_key(key))
    likeness = alike_pairs(grade_all(collect(course.root), jobs=1, progress=False))
    assert likeness.compared == sum(len(v) * (len(v) - 1) // 2 for v in variants.values())
    assert likeness.pairs == ()
