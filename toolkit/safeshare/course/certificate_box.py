"""Make the certificate from inside the course and hand it over as a download.

The PDF travels to the browser as a data URL in a link, so nothing is served
from disk and nothing leaves the machine; a copy is also kept in the
learner's folder.
"""

from __future__ import annotations

import base64

import ipywidgets as widgets  # type: ignore[import-untyped]

from safeshare.atomic import write_bytes_atomic
from safeshare.course.page_interface import Page
from safeshare.course.style import card, esc
from safeshare.errors import ProgressError

__all__ = ["CERTIFICATE_FILE", "CertificateBox"]

CERTIFICATE_FILE = "cpd-certificate.pdf"


class CertificateBox:
    """A 'Make my certificate' button and, once made, a download link."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.button = widgets.Button(description="Make my certificate")
        self.link = widgets.HTML()
        intro = widgets.HTML(
            card(
                "Your CPD certificate lists the modules you completed, your scores, the time "
                "recorded and your reflections, in your own words. You can make it at any "
                "point; make it again later and it is brought up to date.",
                title="Your certificate",
            )
        )
        self.widget = widgets.VBox([intro, widgets.HBox([self.button, self.link])])
        self.button.on_click(lambda _: self.make())
        page.on_ready(self._ready)
        self._ready()

    def _ready(self) -> None:
        self.button.disabled = self.page.store is None
        self.link.value = ""

    def make(self) -> bytes | None:
        """Build the PDF, keep a copy in the learner's folder and show the download link."""
        store = self.page.store
        if store is None:
            return None
        # imported here, not at the top: fpdf costs every page a second of start-up
        from safeshare.course.certificate import certificate_pdf

        try:
            data = certificate_pdf(store.load())
        except ProgressError as exc:
            self.link.value = f"<span class='ss-bad'>{esc(exc.problem)}</span>"
            return None
        encoded = base64.b64encode(data).decode("ascii")
        name = f"cpd-certificate-{store.learner.code}.pdf"
        link = (
            f"<a download='{esc(name)}' href='data:application/pdf;base64,{encoded}' "
            f"style='font-weight:600;margin-left:8px'>Download {esc(name)}</a>"
        )
        try:
            write_bytes_atomic(store.folder / CERTIFICATE_FILE, data)
        except OSError as exc:
            link += (
                f"<div class='ss-bad'>The copy for your folder could not be saved "
                f"({esc(exc.strerror or str(exc))}): download it with the link instead, and "
                "tell your facilitator.</div>"
            )
        self.link.value = link
        return data
