"""A reply's handle is a field of the post a learner can mark, and a key can point into."""

from __future__ import annotations

from pathlib import Path

import yaml

from safeshare.cases.build import render_case
from safeshare.cases.spec import parse_spec
from safeshare.model.locations import Span
from tests.cases.specs import POST_ONLY


def test_a_marked_reply_handle_is_keyed_on_its_own_field(tmp_path: Path) -> None:
    data = yaml.safe_load(POST_ONLY)
    data["post"]["replies"][0]["author"]["handle"] = (
        "[[@{relative.given}_{patient.family}|reply_identifies]]"
    )
    spec = parse_spec(data, source="test")
    built = render_case(spec, seed=1, work_dir=tmp_path)
    assert built.view.post is not None
    fields = built.view.post.text_fields()
    handle = fields["replies.0.author.handle"]
    assert handle == built.view.post.replies[0].author.handle
    spans = [
        f
        for f in built.key.findings
        if isinstance(f.location, Span) and f.location.field == "replies.0.author.handle"
    ]
    assert [(f.category, f.evidence) for f in spans] == [("reply_identifies", handle)]
