"""The result: JSON-ready, and points for nbgrader."""

from __future__ import annotations

import json
from dataclasses import replace

from safeshare.grade import Answer, AnswerFinding, Point, answer_from_key, grade
from safeshare.model.locations import Box
from tests.grade.keys import ENDOSCOPY


def _mixed() -> Answer:
    model = answer_from_key(ENDOSCOPY)
    return replace(
        model,
        learner="amy",
        findings=(
            *model.findings[:4],
            AnswerFinding("patient_name", model.findings[5].location),
            AnswerFinding("place", Point("frame", 700.5, 400.25)),
            AnswerFinding("place", Box("frame", 1100, 620, 60, 16)),
            model.findings[0],
        ),
        consent_gaps=("platforms_not_named", "verbal_only"),
    )


def test_to_dict_is_json_ready() -> None:
    result = grade(ENDOSCOPY, _mixed())
    data = result.to_dict()
    again = json.loads(json.dumps(data, allow_nan=False))
    assert again == data
    assert set(data) >= {"score", "found", "partial", "missed", "false_alarms", "consent_gaps"}
    assert data["score"] == result.score and type(data["score"]) is float
    assert data["parts"]["findings"]["weight"] == 0.6
    assert {g["gap_id"] for g in data["consent_gaps"]["wrong"]} == {"verbal_only"}
    assert data["decision"]["correct"] is True
    assert {m["location"]["type"] for m in data["false_alarms"]} == {"box", "point"}
    assert [m["decoy"] for m in data["false_alarms"]] == [True, False]


def test_points_for_nbgrader() -> None:
    result = grade(ENDOSCOPY, _mixed())
    points = result.points(5)
    assert type(points) is float and 0 < points < 5
    assert grade(ENDOSCOPY, answer_from_key(ENDOSCOPY)).points(3) == 3.0
    assert result.part("decision").score == 1.0


def test_to_dict_carries_the_notes_kinds_and_hit_rate() -> None:
    data = grade(ENDOSCOPY, _mixed()).to_dict()
    # 4 named rightly and 1 in the wrong category (4.5), against 2 false alarms and that 1.
    assert data["findings"]["hit_rate"] == 0.6 and data["findings"]["shotgun_factor"] == 1.0
    assert all("note" in f for f in (*data["found"], *data["partial"], *data["missed"]))
    assert [m["kind"] for m in data["false_alarms"]] == ["decoy", "nothing"]
    assert [m["kind"] for m in data["repeats"]] == ["repeat"]
    assert data["repeats"][0]["overlaps"] == [ENDOSCOPY.findings[0].id]
