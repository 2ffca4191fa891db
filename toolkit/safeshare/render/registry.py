"""The renderers, by the name a spec's `type:` uses. Modules load on first use."""

from __future__ import annotations

import importlib

from safeshare.render.context import Renderer

__all__ = ["CASE_PARTS", "RENDERERS", "renderer_for", "renderer_names"]

RENDERERS: dict[str, str] = {
    # name in a spec -> module that defines RENDERER
    "endoscopy_frame": "safeshare.render.endoscopy.frame",
    "monitor_photo": "safeshare.render.endoscopy.monitor_photo",
    "ultrasound": "safeshare.render.radiology.ultrasound",
    "radiograph": "safeshare.render.radiology.radiograph",
    "mri_slice": "safeshare.render.radiology.mri",
    "viewer_screenshot": "safeshare.render.radiology.viewer_screenshot",
    "clinical_photo": "safeshare.render.photo.clinical_photo",
    "post_card": "safeshare.render.post.renderer",
    "consent_form": "safeshare.render.consent.renderer",
    "authored_image": "safeshare.render.authored.image",
}

CASE_PARTS = ("post_card", "consent_form")
"""Drawn from a case's `post:` and `consent:` sections; a spec's `assets:` cannot name them."""


def renderer_names() -> tuple[str, ...]:
    """The types a spec's `assets:` may use."""
    return tuple(sorted(name for name in RENDERERS if name not in CASE_PARTS))


def renderer_for(name: str) -> Renderer:
    """The renderer registered under `name` (KeyError lists the known names)."""
    try:
        module_name = RENDERERS[name]
    except KeyError:
        raise KeyError(
            f"unknown asset type {name!r}; known: {', '.join(renderer_names())}"
        ) from None
    module = importlib.import_module(module_name)
    renderer: Renderer = module.RENDERER
    return renderer
