"""Spec validation: good specs load, bad ones fail naming the file, the field and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from safeshare.cases.bank import load_specs
from safeshare.cases.spec import load_spec, parse_spec
from safeshare.errors import SpecError
from tests.cases.specs import CONSENT_ONLY, POST_ONLY


def _write(tmp_path: Path, text: str, name: str = "X01-case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_specs_load(tmp_path: Path) -> None:
    spec = load_spec(_write(tmp_path, POST_ONLY))
    assert spec.id == "X01" and spec.post is not None and spec.decision == "do_not_share"
    consent = load_spec(_write(tmp_path, CONSENT_ONLY, "X02-consent.yaml"))
    assert consent.consent is not None and consent.consent.purposes[0].value == "journal"


def _mutate(text: str, change: dict[str, object]) -> dict[str, object]:
    data = yaml.safe_load(text)
    for dotted, value in change.items():
        *path, last = dotted.split(".")
        node = data
        for part in path:
            node = node[part]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"colour": "red"}, "(top level)", "unknown field 'colour'"),
        ({"difficulty": 4}, "difficulty", "from 1 to 3"),
        ({"difficulty": "hard"}, "difficulty", "whole number"),
        ({"kind": "podcast"}, "kind", "not one of"),
        ({"decision": "post_it"}, "decision", "not one of"),
        ({"title": _DELETE}, "title", "is required"),
        ({"id": "x01"}, "id", "capital letter"),
        ({"schema": 9}, "schema", "from 1 to 1"),
        ({"post.text": "[[Leeds|town_name]]"}, "post.text", "unknown category 'town_name'"),
        ({"post.text": "[[Leeds|place"}, "post.text", "unbalanced"),
        ({"post.images": ["frame"]}, "post.images", "does not define"),
        ({"post.author.avatar": "x"}, "post.author", "unknown field 'avatar'"),
        ({"explanations": {"nonsense": "x"}}, "explanations.nonsense", "unknown category"),
        ({"severities": {"place": "dire"}}, "severities.place", "not one of"),
        ({"severities": {"town": "low"}}, "severities.town", "unknown category"),
        ({"guidance": {"place": ["gmc_nothing"]}}, "guidance.place", "unknown guidance"),
        ({"guidance": {"place": []}}, "guidance.place", "at least one"),
        ({"objectives": []}, "objectives", "at least one"),
        ({"assets": [{"id": "frame", "type": "hologram"}]}, "assets[0].type", "not one of"),
        ({"assets": [{"id": "post", "type": "endoscopy_frame"}]}, "assets[0].id", "reserved"),
        ({"assets": [{"id": "Frame", "type": "endoscopy_frame"}]}, "assets[0].id", "lower case"),
    ],
)
def test_bad_specs_name_file_field_and_problem(
    tmp_path: Path, change: dict[str, object], field: str, message: str
) -> None:
    source = tmp_path / "X01-bad.yaml"
    with pytest.raises(SpecError) as info:
        parse_spec(_mutate(POST_ONLY, change), source=source)
    text = str(info.value)
    assert text.startswith(f"{source}: {field}: "), text
    assert message in text
    assert "\n" not in text


def test_malformed_yaml_gives_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "schema: 1\nid: [X01\n")
    with pytest.raises(SpecError, match=r"X01-case.yaml: line \d+, column \d+: .*malformed YAML"):
        load_spec(path)


def test_missing_and_non_mapping_files(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no such file"):
        load_spec(tmp_path / "nope.yaml")
    with pytest.raises(SpecError, match="must be a mapping"):
        load_spec(_write(tmp_path, "- just\n- a list\n"))


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    a = _write(tmp_path, POST_ONLY, "X01-a.yaml")
    b = _write(tmp_path, POST_ONLY, "X01-b.yaml")
    with pytest.raises(
        SpecError, match=r"X01-b.yaml: id: duplicate case id 'X01' \(also in .*X01-a.yaml\)"
    ):
        load_specs([a, b])


def test_a_case_needs_something_to_show(tmp_path: Path) -> None:
    data = _mutate(POST_ONLY, {"post": _DELETE})
    with pytest.raises(SpecError, match="at least one asset, a post or a consent record"):
        parse_spec(data, source=tmp_path / "X01.yaml")


def test_severity_and_guidance_per_category_are_read() -> None:
    data = _mutate(
        POST_ONLY,
        {"severities": {"place": "low"}, "guidance": {"place": ["gmc_social_media"]}},
    )
    spec = parse_spec(data, source=Path("X01-case.yaml"))
    assert spec.severities == {"place": "low"}
    assert spec.guidance == {"place": ("gmc_social_media",)}
