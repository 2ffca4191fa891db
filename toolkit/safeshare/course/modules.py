"""The modules of the self-paced course: titles, objectives and the bank cases each uses.

One list, used by the notebooks (header, exercises), the progress panel and
the certificate, so a module's title and cases are written in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CAPSTONE", "COURSE_SEED", "MODULES", "Module", "module"]

COURSE_SEED = 1
"""Every learner sees the same variant of a case in the modules, so a room can discuss it."""


@dataclass(frozen=True, slots=True)
class Module:
    """One module of the course."""

    id: str
    """Two digits, '00'..'08'; also the start of the notebook's name."""
    title: str
    """Short title, as on the certificate."""
    notebook: str
    """The notebook's file name inside course/."""
    minutes: int
    """About how long it takes, for planning."""
    objectives: tuple[str, ...]
    """What the learner can do at the end."""
    cases: tuple[str, ...]
    """Bank case ids used as exercises, in the order they appear."""
    reflection_prompt: str
    """The question the reflection box asks."""


MODULES: tuple[Module, ...] = (
    Module(
        "00",
        "Start here",
        "00-start-here.ipynb",
        10,
        (
            "Give your name or learner code so your progress is kept apart from other learners'.",
            "Work one practice case: mark what identifies, note consent gaps, decide.",
            "Read your progress panel and know where your work is stored.",
        ),
        ("E01",),
        "What do you hope to change in the way you share clinical images after this course?",
    ),
    Module(
        "01",
        "Why it matters",
        "01-why-it-matters.ipynb",
        15,
        (
            "Describe what Walradt et al. (2021) found about endoscopy images on Twitter.",
            "Say which identifier was commonest and why a date matters.",
            "Explain what is uncertain in those figures.",
            "Give examples of the professional consequences of an identifiable post.",
        ),
        ("E04",),
        "Have you seen, or shared, a clinical image online that could have identified a "
        "patient? What made it identifiable, and what happened?",
    ),
    Module(
        "02",
        "Identifiers in the pixels",
        "02-identifiers-in-the-pixels.ipynb",
        30,
        (
            "Find every identifier burned into an endoscopy overlay or an X-ray margin.",
            "Recognise wristbands, labels, whiteboards and screens in the background.",
            "Recognise faces, tattoos, birthmarks and jewellery as identifiers.",
            "Tell an identifier from something that only looks like one (a processor setting).",
        ),
        ("E05", "E07", "P01", "P04", "E10"),
        "Think of the last clinical image you took or saw shared. What was in the frame "
        "besides the clinical finding?",
    ),
    Module(
        "03",
        "Hidden data",
        "03-hidden-data.ipynb",
        30,
        (
            "Name what EXIF data a phone photo can carry (GPS, time, owner, device serial).",
            "Name what a DICOM header carries and why clean pixels are not enough.",
            "Say what a screenshot keeps and what it drops.",
        ),
        ("E03", "R01", "R04", "P05", "R08"),
        "How do the images you share leave your device (phone camera, screenshot, export from "
        "a viewer)? What would travel with them?",
    ),
    Module(
        "04",
        "The story around the image",
        "04-the-story-around-the-image.ipynb",
        30,
        (
            "Read a post as a stranger would: time, place, person, rarity.",
            "Recognise how a profile, replies and a thread link details together.",
            "Explain why a rare case identifies without a name.",
        ),
        ("E02", "T01", "T03", "E09", "T08"),
        "Look at your own profile and recent posts as a stranger would. What could they "
        "piece together about the patients you have mentioned?",
    ),
    Module(
        "05",
        "Consent",
        "05-consent.ipynb",
        40,
        (
            "State the three conditions of valid consent: capacity, voluntariness, information.",
            "Apply Segal and Hansen's reading of Montgomery to a public post: visibility "
            "and loss of control.",
            "List what a consent for social media should name.",
            "Say when consent for a journal, or from the wrong person, is not enough.",
        ),
        ("C01", "C02", "C03", "C04", "C05", "P06", "C06"),
        "How is consent for clinical photography recorded where you work? Would it cover a "
        "public post on a named platform?",
    ),
    Module(
        "06",
        "Standards and law",
        "06-standards-and-law.ipynb",
        30,
        (
            "Summarise the GMC's standards for recordings and for social media.",
            "Apply the eight Caldicott Principles to a post.",
            "Set HIPAA's eighteen Safe Harbor identifiers beside UK practice.",
            "Describe the kinds of disciplinary outcome that have followed posts.",
        ),
        ("R02", "R05", "P03", "R03", "R06"),
        "Which of the Caldicott Principles is hardest to honour on social media, and why?",
    ),
    Module(
        "07",
        "Sharing safely",
        "07-sharing-safely.ipynb",
        30,
        (
            "Follow a workflow: purpose, de-identify, alter specifics, consent, check, post.",
            "Run a checker on an image and read its ranked report, including what it cannot see.",
            "Write a consent statement for your profile.",
            "Know when and how to ask your data guardian.",
            "Recognise a post that is safe to share as it stands.",
        ),
        ("T02", "T04", "T05", "E11", "P02"),
        "Draft the consent statement you would put on your profile, and one change you will "
        "make to how you prepare images.",
    ),
    Module(
        "08",
        "Capstone",
        "08-capstone.ipynb",
        40,
        (
            "Triage a mix of posts under time pressure, as you would before posting.",
            "Combine pixels, hidden data, story and consent in one decision.",
        ),
        ("E06", "R07", "P07", "T06", "T07", "P08"),
        "Which case in the capstone surprised you most, and what will you check first next "
        "time you share an image?",
    ),
)

CAPSTONE = "08"
"""The timed, scored module."""

_BY_ID = {m.id: m for m in MODULES}


def module(module_id: str) -> Module:
    """The module with this id ('00'..'08'); KeyError names the unknown id."""
    try:
        return _BY_ID[module_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"unknown module {module_id!r} (modules: {known})") from None
