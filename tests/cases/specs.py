"""Small specs for tests, written as people write them."""

from __future__ import annotations

POST_ONLY = """\
schema: 1
id: X01
title: A quiet post
kind: text
difficulty: 1
objectives: [Read the words around an image as a stranger would]
brief: A colleague drafts a post with no image.
post:
  author:
    display_name: "{clinician.name}"
    handle: "@{clinician.handle}"
    bio: "Consultant at [[{hospital.name}|author_profile]]"
  text: >-
    [[{patient.age}{patient.sex}|age_or_sex]] from [[{town}|place]]
    seen [[tonight|date_of_care]].
  replies:
    - author: {display_name: "{relative.given}", handle: "@{relative.given}77"}
      text: "[[That's my {relative.relation}!|reply_identifies]]"
decision: do_not_share
decision_reason: Age, town and time together point at one person (GMC recordings para 17).
"""

CONSENT_ONLY = """\
schema: 1
id: X02
title: A journal consent
kind: consent
difficulty: 2
objectives: [Tell consent for a journal from consent for social media]
brief: The notes hold a consent form.
consent:
  form: written
  purposes: [journal]
decision: obtain_consent_first
decision_reason: Consent for a journal does not extend to social media.
"""
