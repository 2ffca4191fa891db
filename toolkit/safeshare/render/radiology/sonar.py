"""A small B-mode ultrasound simulator: tissue maps in, a scan-converted picture out.

The anatomy is described as maps of tissue properties over beam coordinates
(scan line x sample). Speckle is complex noise scaled by the scatter map and
blurred by a point-spread function that is wider across the beam than along
it; attenuation accumulates down each line (so fluid gives posterior
enhancement and stones or bone cast shadows); interfaces across the beam give
bright specular echoes; then log compression and scan conversion into a
convex sector or a linear rectangle. All of it is vectorised numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

__all__ = ["Probe", "Tissue", "TissueMaps", "beam_grid", "scan_convert", "simulate"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Probe:
    """Where the image sits on screen and what the probe sees."""

    kind: str
    """'convex' (a sector with a curved top) or 'linear' (a rectangle)."""
    depth_cm: float
    width_cm: float = 0.0
    """Linear probes: field width."""
    radius_cm: float = 0.0
    """Convex probes: radius of the probe face."""
    angle_deg: float = 0.0
    """Convex probes: full opening angle of the sector."""
    px_per_cm: float
    centre_x: int
    """Screen column of the probe's centre line."""
    top_y: int
    """Screen row of the skin line at the centre."""
    lines: int = 360
    samples: int = 640

    def screen_box(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) of the imaged field on screen."""
        if self.kind == "linear":
            half = self.width_cm / 2 * self.px_per_cm
            return (
                int(self.centre_x - half),
                self.top_y,
                int(self.centre_x + half),
                int(self.top_y + self.depth_cm * self.px_per_cm),
            )
        half_angle = np.radians(self.angle_deg / 2)
        outer = (self.radius_cm + self.depth_cm) * self.px_per_cm
        apex_y = self.top_y - self.radius_cm * self.px_per_cm
        half_w = outer * np.sin(half_angle)
        return (
            int(self.centre_x - half_w),
            self.top_y,
            int(self.centre_x + half_w),
            int(apex_y + outer),
        )


@dataclass(slots=True)
class TissueMaps:
    """Tissue properties over the beam grid (lines x samples)."""

    scatter: np.ndarray
    """Backscatter amplitude: 0 for clear fluid, about 1 for liver, higher for fat or placenta."""
    atten: np.ndarray
    """Attenuation relative to soft tissue (fluid about 0.1, bone or stone above 10)."""
    impedance: np.ndarray
    """Acoustic impedance, relative; its jumps along the beam give specular echoes."""

    @classmethod
    def filled(cls, shape: tuple[int, ...], tissue: Tissue) -> TissueMaps:
        return cls(
            np.full(shape, tissue.scatter, dtype=np.float32),
            np.full(shape, tissue.atten, dtype=np.float32),
            np.full(shape, tissue.impedance, dtype=np.float32),
        )

    def paint(self, mask: np.ndarray, tissue: Tissue) -> None:
        """Lay `tissue` over the maps where `mask` (0..1, soft edges allowed) is set."""
        keep = 1.0 - mask
        self.scatter = self.scatter * keep + tissue.scatter * mask
        self.atten = self.atten * keep + tissue.atten * mask
        self.impedance = self.impedance * keep + tissue.impedance * mask


@dataclass(frozen=True, slots=True)
class Tissue:
    scatter: float
    atten: float = 1.0
    impedance: float = 1.0


def beam_grid(probe: Probe) -> tuple[np.ndarray, np.ndarray]:
    """Physical (lateral x, depth z) in cm of each (line, sample); z = 0: the skin at the centre."""
    s = np.linspace(0.0, probe.depth_cm, probe.samples, dtype=np.float32)
    if probe.kind == "linear":
        lat = np.linspace(-probe.width_cm / 2, probe.width_cm / 2, probe.lines, dtype=np.float32)
        x = np.repeat(lat[:, None], probe.samples, axis=1)
        z = np.repeat(s[None, :], probe.lines, axis=0)
        return x, z
    half = np.radians(probe.angle_deg / 2)
    theta = np.linspace(-half, half, probe.lines, dtype=np.float32)[:, None]
    r = probe.radius_cm + s[None, :]
    x = r * np.sin(theta)
    z = r * np.cos(theta) - probe.radius_cm
    return x.astype(np.float32), z.astype(np.float32)


def simulate(
    maps: TissueMaps,
    probe: Probe,
    rng: np.random.Generator,
    *,
    dynamic_range_db: float = 56.0,
    gain: float = 0.0,
    focus_cm: float | None = None,
    attenuation_db_cm: float = 0.45,
) -> np.ndarray:
    """The log-compressed B-mode image over the beam grid, values 0..1."""
    shape = maps.scatter.shape
    ds_cm = probe.depth_cm / probe.samples
    # Speckle: random scatterers weighted by the scatter map, blurred by the PSF;
    # two looks averaged, as spatial compounding does, soften the grain.
    amplitude = np.sqrt(np.maximum(maps.scatter, 0.0))
    lateral_sigma = 2.4 if probe.kind == "convex" else 2.6
    psf = (lateral_sigma, 1.1)
    power = np.zeros(shape, dtype=np.float32)
    for _ in range(2):
        re = rng.standard_normal(shape, dtype=np.float32) * amplitude
        im = rng.standard_normal(shape, dtype=np.float32) * amplitude
        power += ndimage.gaussian_filter(re, psf) ** 2 + ndimage.gaussian_filter(im, psf) ** 2
    envelope = np.sqrt(power / 2)
    # Scale so that tissue of scatter 1 has unit mean power.
    reference = np.sqrt(np.mean(envelope**2) / (np.mean(np.maximum(maps.scatter, 0.0)) + 1e-9))
    envelope /= reference + 1e-9
    # Specular echoes where the impedance jumps along the beam.
    imp = ndimage.gaussian_filter(maps.impedance, (1.5, 1.3))
    jump = np.abs(np.diff(imp, axis=1, prepend=imp[:, :1])) / ds_cm
    specular = ndimage.gaussian_filter(jump, (1.2, 0.9)) * 0.6
    # Specular echoes are themselves speckled: break them up along the interface.
    specular *= np.clip(
        1.0
        + 0.6
        * ndimage.gaussian_filter(rng.standard_normal(shape, dtype=np.float32), (2.5, 0.6))
        * 2.5,
        0.15,
        2.0,
    )
    signal = envelope + specular
    # Attenuation down each line, compensated by time-gain for ordinary tissue.
    atten = np.cumsum(maps.atten, axis=1) * ds_cm
    depth = np.cumsum(np.ones(shape, dtype=np.float32), axis=1) * ds_cm
    loss_db = 2 * attenuation_db_cm * (atten - depth)
    signal = signal * np.power(10.0, -loss_db / 20.0)
    # A slight brightening at the focal zone and a weak haze (side lobes, noise).
    if focus_cm is not None:
        signal *= 1.0 + 0.18 * np.exp(-(((depth - focus_cm) / (0.25 * probe.depth_cm)) ** 2))
    signal = signal + 0.006 * np.abs(rng.standard_normal(shape, dtype=np.float32))
    # A gentle fall-off in the far field, where time-gain never quite keeps up.
    signal *= np.power(10.0, -((depth / probe.depth_cm) ** 2) * 4.0 / 20.0)
    db = 20 * np.log10(signal + 1e-6) + gain
    image = np.clip(0.5 + db / dynamic_range_db, 0.0, 1.0) ** 1.15
    smoothed: np.ndarray = ndimage.gaussian_filter(image, (0.6, 0.5))
    return smoothed.astype(np.float32)


def scan_convert(
    beam_image: np.ndarray, probe: Probe, size: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Map the beam image onto the screen (w, h); returns (image, field mask), both float32."""
    w, h = size
    lines, samples = beam_image.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if probe.kind == "linear":
        x_cm = (xx - probe.centre_x) / probe.px_per_cm
        z_cm = (yy - probe.top_y) / probe.px_per_cm
        li = (x_cm + probe.width_cm / 2) / probe.width_cm * (lines - 1)
        si = z_cm / probe.depth_cm * (samples - 1)
    else:
        apex_y = probe.top_y - probe.radius_cm * probe.px_per_cm
        dx = (xx - probe.centre_x) / probe.px_per_cm
        dy = (yy - apex_y) / probe.px_per_cm
        r = np.hypot(dx, dy)
        theta = np.arctan2(dx, dy)
        half = np.radians(probe.angle_deg / 2)
        li = (theta + half) / (2 * half) * (lines - 1)
        si = (r - probe.radius_cm) / probe.depth_cm * (samples - 1)
    inside = (li >= 0) & (li <= lines - 1) & (si >= 0) & (si <= samples - 1)
    # Soften the field edges by a pixel, as scan converters do.
    edge = np.minimum.reduce([li + 0.5, lines - 0.5 - li, (si + 0.5) * 3, samples - 0.5 - si])
    mask = np.clip(edge, 0.0, 1.0) * inside
    image = ndimage.map_coordinates(beam_image, [li, si], order=1, mode="nearest")
    return (image * mask).astype(np.float32), mask.astype(np.float32)
