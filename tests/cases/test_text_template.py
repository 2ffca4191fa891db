from __future__ import annotations

import random

import pytest

from safeshare.cases.text_template import render_text
from safeshare.errors import TemplateError
from safeshare.model.facts import make_facts

FACTS = make_facts(random.Random(3), {"town": "Thornwick", "patient.age": 34, "patient.sex": "F"})


def test_marked_spans_land_on_their_words() -> None:
    out = render_text(
        "[[{patient.age}{patient.sex}|age_or_sex]] from [[{town}|place]] with a rare thing",
        FACTS,
        random.Random(0),
    )
    assert out.text == "34F from Thornwick with a rare thing"
    assert [(s.category, out.text[s.start : s.end]) for s in out.spans] == [
        ("age_or_sex", "34F"),
        ("place", "Thornwick"),
    ]


def test_optional_words_vary_with_the_stream() -> None:
    template = "Seen [[today |date_of_care|0.5]]in clinic"
    texts = {render_text(template, FACTS, random.Random(i)).text for i in range(30)}
    assert texts == {"Seen today in clinic", "Seen in clinic"}


def test_alternative_words_replace_absent_ones() -> None:
    out = render_text("[[34F|age_or_sex|0|a woman]] in clinic", FACTS, random.Random(0))
    assert out.text == "a woman in clinic"
    assert out.spans == ()


def test_decoys_are_recorded_without_a_category() -> None:
    out = render_text("[[details altered|safe: the author changed them]]", FACTS, random.Random(0))
    (span,) = out.spans
    assert span.category == "" and span.safe_reason == "the author changed them"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("[[|place]]", "malformed"),
        ("[[x|place|often]]", "not a number"),
        ("[[x|place|2]]", "from 0 to 1"),
        ("{patient.shoe_size}", "unknown fact"),
        ("oops ]] here", "unbalanced"),
    ],
)
def test_malformed_templates_say_why(template: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        render_text(template, FACTS, random.Random(0))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("So proud of her [[on Ward 12|place|0]] for sticking with it.", "So proud of her for"),
        ("the retrieval net [[on Monday|date_of_care|0]], patient fine", "net, patient"),
        ("Well done [[to Ward 12|place|0]]!", "Well done!"),
        ("ends with [[Ward 12|place|0]]", "ends with"),
        ("[[Mum here.||0]] Lovely to see", "Lovely to see"),
    ],
)
def test_words_left_out_leave_no_double_space(template: str, expected: str) -> None:
    out = render_text(template, FACTS, random.Random(0))
    assert expected in out.text
    assert "  " not in out.text and " ," not in out.text and not out.text.startswith(" ")


def test_spans_stay_on_their_words_after_a_gap_is_closed() -> None:
    template = (
        "Seen [[today|date_of_care|0]] at [[{town}|place]] [[again||0]], said [[34F|age_or_sex]]"
    )
    out = render_text(template, FACTS, random.Random(0))
    assert out.text == "Seen at Thornwick, said 34F"
    assert [out.text[s.start : s.end] for s in out.spans] == ["Thornwick", "34F"]


def test_dropped_words_leave_no_stray_space() -> None:
    template = (
        "[[Oh no! |reply_identifies|0]]So glad  she is [[home|date_of_care|0]] , truly [[x||0]]"
    )
    out = render_text(template, FACTS, random.Random(0))
    assert out.text == "So glad she is, truly"


def test_spans_follow_their_words_when_spaces_close_up() -> None:
    template = "Seen [[today|date_of_care|0]]  in [[{town}|place]] , with [[34F|age_or_sex]] ."
    out = render_text(template, FACTS, random.Random(0))
    assert out.text == "Seen in Thornwick, with 34F."
    assert [out.text[s.start : s.end] for s in out.spans] == ["Thornwick", "34F"]
    assert [s.evidence for s in out.spans] == ["Thornwick", "34F"]
