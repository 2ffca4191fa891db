"""Every case of the bank can be shown and fully answered in the widget."""

from __future__ import annotations

import json

import pytest

from safeshare.grade import answer_from_key, grade
from safeshare.model.locations import Box
from safeshare.widgets.marks import Targets
from safeshare.widgets.payload import case_payload
from tests.cases.rendered_bank import rendered_bank

pytestmark = pytest.mark.slow  # renders the bank when the run's cache lacks it


def test_every_key_finding_can_be_marked_in_the_widget() -> None:
    for folder, view, key in rendered_bank():
        targets = Targets.from_view(view)
        for finding in key.findings:
            checked = targets.check(finding.location)
            if isinstance(finding.location, Box):
                assert checked == finding.location, (view.case_id, finding.id)
            else:
                assert checked.to_dict() == finding.location.to_dict(), (view.case_id, finding.id)
        payload = case_payload(view, folder, graded=False)
        shown = {image["id"] for image in payload["images"] if image["markable"]}
        boxes = {f.location.asset for f in key.findings if isinstance(f.location, Box)}
        assert boxes <= shown, (view.case_id, boxes - shown)
        assert key.decision_reason not in json.dumps(payload)
        assert grade(key, answer_from_key(key)).score == 1.0
