"""The answer format: round trip, the strict reader, and the atomic writer."""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from safeshare.errors import AnswerError
from safeshare.grade import (
    Answer,
    AnswerFinding,
    Point,
    answer_from_key,
    answer_json,
    decode_answer_json,
    load_answer,
    parse_answer,
    save_answer,
)
from safeshare.model.locations import Box, MetaField, Span
from tests.grade.keys import ENDOSCOPY


def _good() -> dict[str, Any]:
    return {
        "schema": 1,
        "case_id": "H01",
        "seed": 1,
        "learner": "amy",
        "updated": "2025-03-14T10:22:05.123Z",
        "findings": [
            {
                "category": "patient_name",
                "location": {"type": "box", "asset": "frame", "x": 24, "y": 18, "w": 150, "h": 18},
            },
            {
                "category": "date_of_birth",
                "location": {"type": "point", "asset": "frame", "x": 50.5, "y": 70},
            },
            {
                "category": "date_of_care",
                "location": {
                    "type": "span",
                    "asset": "post",
                    "field": "text",
                    "start": 12,
                    "end": 31,
                },
            },
            {
                "category": "exif_gps",
                "location": {"type": "meta", "asset": "photo", "tag": "GPSInfo"},
            },
        ],
        "consent_gaps": ["platforms_not_named"],
        "decision": "share_after_deidentification",
    }


def test_a_good_answer_reads_and_round_trips() -> None:
    answer = parse_answer(_good(), source="a.json")
    assert answer.learner == "amy" and answer.seed == 1 and answer.source == "a.json"
    assert answer.findings[1].location == Point("frame", 50.5, 70.0)
    assert answer.findings[2].location == Span("post", "text", 12, 31)
    assert answer.findings[3].location == MetaField("photo", "GPSInfo")
    assert parse_answer(answer.to_dict()) == answer
    assert parse_answer(json.loads(answer_json(answer))) == answer


def test_optional_fields_may_be_absent_or_null() -> None:
    data = _good()
    del data["learner"], data["updated"]
    data["decision"] = None
    answer = parse_answer(data)
    assert answer.learner is None and answer.updated is None and answer.decision is None
    assert "learner" not in answer.to_dict() and answer.to_dict()["decision"] is None
    data["learner"] = None
    assert parse_answer(data).learner is None


def test_model_answer_is_the_key() -> None:
    answer = answer_from_key(ENDOSCOPY, learner="key")
    assert [f.location for f in answer.findings] == [f.location for f in ENDOSCOPY.findings]
    assert answer.consent_gaps == ENDOSCOPY.consent_gaps
    assert answer.decision == ENDOSCOPY.decision and answer.learner == "key"
    assert parse_answer(answer.to_dict()) == answer


def test_decimal_pixels_round_to_whole_pixels() -> None:
    data = _good()
    data["findings"][0]["location"].update(x=24.4, y=17.6, w=150.2, h=18.49)
    assert parse_answer(data).findings[0].location == Box("frame", 24, 18, 150, 18)


def test_duplicates() -> None:
    # A finding marked twice stays twice (grading calls the second a repeat: no
    # credit, no cost); a consent gap claimed twice is one claim.
    data = _good()
    data["findings"].append(copy.deepcopy(data["findings"][0]))
    data["consent_gaps"] = ["platforms_not_named", "verbal_only", "platforms_not_named"]
    answer = parse_answer(data)
    assert len(answer.findings) == 5 and parse_answer(answer.to_dict()) == answer
    assert answer.consent_gaps == ("platforms_not_named", "verbal_only")


def _with(path: str, value: object) -> dict[str, Any]:
    """The good answer with one field set (value DELETE removes it)."""
    data = _good()
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    index: int | str = int(last) if last.isdigit() else last
    if value == "DELETE":
        del target[index]
    else:
        target[index] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with("score", 1.0), "score: an answer never carries a result"),
        (_with("feedback", "great"), "feedback: an answer never carries a result"),
        (_with("findings.0.matched", True), r"findings\[0\].matched: an answer never carries"),
        (_with("findings.0.severity", "high"), "never carries a result or key field"),
        (_with("comment", "hi"), "comment: unknown field"),
        (_with("findings.0.note", "x"), r"findings\[0\].note: unknown field"),
        (_with("findings.0.location.colour", "red"), r"location.colour: unknown field"),
        (_with("schema", 2), "schema: version 2 is not one this grader reads"),
        (_with("schema", True), "schema: version True"),
        (_with("schema", "DELETE"), "schema: missing"),
        (_with("decision", "DELETE"), "missing field.*decision"),
        (_with("findings", "DELETE"), "missing field.*findings"),
        (_with("findings.0.category", "name"), "unknown category 'name'"),
        (_with("findings.0.category", "DELETE"), "a finding needs 'category'"),
        (_with("consent_gaps", ["no_consent"]), "unknown consent gap 'no_consent'"),
        (_with("consent_gaps", "verbal_only"), "consent_gaps: must be a list"),
        (_with("decision", "post_it"), "unknown decision 'post_it'"),
        (_with("decision", 3), "decision: must be a non-empty string"),
        (_with("case_id", ""), "case_id: must be a non-empty string"),
        (_with("seed", "1"), "seed: must be a whole number"),
        (_with("seed", 1.0), "seed: must be a whole number"),
        (_with("seed", -1), "seed: -1 is out of range"),
        (_with("seed", 10**30), "seed: .* is out of range"),
        (_with("learner", ""), "learner: must be a non-empty string"),
        (_with("learner", "a\nb"), "learner: must be a single line"),
        (_with("updated", "yesterday"), "updated: 'yesterday' is not an ISO 8601 timestamp"),
        (_with("findings", {}), "findings: must be a list"),
        (_with("findings.0", []), r"findings\[0\]: must be an object"),
        (_with("findings.0.location.type", "circle"), "unknown location shape 'circle'"),
        (_with("findings.0.location.type", "DELETE"), "unknown location shape None"),
        (_with("findings.0.location.h", "DELETE"), "a box location needs 'h'"),
        (_with("findings.0.location.x", float("inf")), "x: must be a finite number"),
        (_with("findings.0.location.x", float("nan")), "x: must be a finite number"),
        (_with("findings.0.location.x", 1e12), "x: .* is out of range"),
        (_with("findings.0.location.w", 0), "less than a pixel"),
        (_with("findings.0.location.w", -4), "w: -4 is out of range"),
        (_with("findings.0.location.x", True), "x: must be a number"),
        (_with("findings.1.location.y", None), "y: must be a number, not null"),
        (_with("findings.2.location.end", 12), "a span needs start < end"),
        (_with("findings.2.location.start", 1.5), "start: must be a whole number"),
        (_with("findings.3.location.tag", ""), "tag: must be a non-empty string"),
        (_with("findings.3.location.asset", 7), "asset: must be a non-empty string"),
        ([1, 2], "must be an object, not a list"),
        (None, "must be an object, not null"),
    ],
)
def test_unreadable_answers_are_refused_in_one_line(data: object, message: str) -> None:
    with pytest.raises(AnswerError, match=message) as caught:
        parse_answer(data, source="answers/E01.json")
    text = str(caught.value)
    assert text.startswith("answers/E01.json: ") and "\n" not in text


def test_too_many_findings_are_refused() -> None:
    data = _good()
    data["findings"] = [
        {"category": "place", "location": {"type": "point", "asset": "frame", "x": i, "y": 0}}
        for i in range(1001)
    ]
    with pytest.raises(AnswerError, match="has 1001 entries"):
        parse_answer(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("", "not valid JSON"),
        ('{"schema": 1, "schema": 1}', "'schema' appears twice"),
        ('{"schema": NaN}', "NaN is not a number an answer can hold"),
        ('{"schema": Infinity}', "Infinity is not a number"),
        ('{"schema": 1e999}', "schema: version inf"),
        ('{"schema": 1' + "0" * 5000 + "}", "a number with thousands of digits"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not valid JSON"),
    ],
)
def test_malformed_json_is_refused(text: str, message: str) -> None:
    with pytest.raises(AnswerError, match=message) as caught:
        decode_answer_json(text, source="E01.json")
    assert "\n" not in str(caught.value)


def test_load_answer_names_the_file(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text("\ufeff" + json.dumps(_good()), encoding="utf-8")  # a BOM is fine
    assert load_answer(good).source == str(good)
    with pytest.raises(AnswerError, match=f"^{tmp_path / 'none.json'}: no such file"):
        load_answer(tmp_path / "none.json")
    with pytest.raises(AnswerError, match="is a folder"):
        load_answer(tmp_path)
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    with pytest.raises(AnswerError, match="not UTF-8"):
        load_answer(binary)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2_000_001)
    with pytest.raises(AnswerError, match="too big"):
        load_answer(big)


def test_save_answer_is_atomic_and_readable(tmp_path: Path) -> None:
    answer = parse_answer(_good())
    target = tmp_path / "deep" / "E01.answer.json"
    assert save_answer(answer, target) == target
    assert load_answer(target) == answer
    assert target.read_text(encoding="utf-8") == answer_json(answer)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    second = Answer(case_id="H01", seed=1, decision="do_not_share")
    save_answer(second, target)
    assert load_answer(target) == second
    assert os.listdir(target.parent) == [target.name]  # no temp file left behind


def test_save_answer_refuses_an_answer_the_grader_would_refuse(tmp_path: Path) -> None:
    bad = Answer(case_id="H01", seed=1, findings=(AnswerFinding("nonsense", Point("f", 1, 1)),))
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(AnswerError, match="unknown category 'nonsense'"):
        save_answer(bad, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.json"]


def test_the_documented_example_is_a_valid_answer() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "answer-format.md"
    text = doc.read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    answer = decode_answer_json(example, source=doc)
    assert answer.case_id == "E01" and len(answer.findings) == 4
    assert {type(f.location).__name__ for f in answer.findings} == {
        "Box",
        "Point",
        "Span",
        "MetaField",
    }
