"""Theatre furniture that tells the eye "operating theatre": the instrument trolley and drape folds.

The trolley stands close to the camera at the foot of the table, its sterile
cover laid with steel instruments and swabs; the drapes fall in folds that
radiate from where they are clipped round the operative window.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from safeshare.render.photo.noise import FloatArray, smooth_noise

__all__ = ["drape_folds", "instrument_trolley"]


def drape_folds(
    rng: np.random.Generator, shape: tuple[int, int], centre: tuple[float, float]
) -> FloatArray:
    """Height of broad folds radiating from the operative window, fading with distance."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dx, dy = xx - centre[0], (yy - centre[1]) * 1.6
    theta = np.arctan2(dy, dx)
    dist = np.hypot(dx, dy)
    warp = 0.35 * smooth_noise(rng, shape, 220.0)
    folds = np.zeros(shape, dtype=np.float32)
    for k, amp in ((5, 10.0), (9, 5.0)):
        phase = rng.uniform(0, 2 * np.pi)
        wave = np.sin(k * (theta + warp) + phase)
        folds += amp * np.sign(wave) * np.abs(wave) ** 1.5
    ramp = np.clip((dist - 90.0) / 260.0, 0, 1)
    out: FloatArray = (folds * ramp).astype(np.float32)
    return out


def _steel(draw: ImageDraw.ImageDraw, pts: list[tuple[float, float]], width: int) -> None:
    """A steel shaft: dark body, a bright highlight along it."""
    draw.line(pts, fill=(96, 100, 106, 255), width=width)
    draw.line(pts, fill=(226, 230, 236, 255), width=max(1, width // 3))


def _forceps(draw: ImageDraw.ImageDraw, x: float, y: float, ang: float, size: float) -> None:
    """Artery forceps: two ring handles and the jaws."""
    ca, sa = np.cos(ang), np.sin(ang)

    def p(u: float, v: float) -> tuple[float, float]:
        return (x + u * ca - v * sa, y + u * sa + v * ca)

    for side in (-1, 1):
        _steel(draw, [p(0, side * 0.10 * size), p(0.45 * size, side * 0.02 * size)], 4)
        cx, cy = p(-0.05 * size, side * 0.13 * size)
        r = 0.07 * size
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(110, 114, 120, 255), width=4)
        draw.arc((cx - r, cy - r, cx + r, cy + r), 200, 300, fill=(230, 232, 238, 255), width=2)
    _steel(draw, [p(0.45 * size, 0), p(size, 0)], 4)


def instrument_trolley(
    rgb: FloatArray,
    rng: random.Random,
    *,
    left: bool,
    top: int,
) -> FloatArray:
    """Draw the trolley into a lower corner (in place); return its coverage (for focus)."""
    h, w, _ = rgb.shape
    tw, th = int(w * 0.40), h - top
    layer = Image.new("RGBA", (tw, th), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cover = (0.30, 0.52, 0.50) if rng.random() < 0.5 else (0.26, 0.44, 0.62)
    cov = tuple(int(c * 255) for c in cover)
    # the cover: a trapezoid (the near edge wider), its front hanging down
    lip = int(th * 0.62)
    d.polygon([(tw * 0.10, 0), (tw, 0), (tw, lip), (0, lip)], fill=(*cov, 255))
    d.rectangle((0, lip, tw, th), fill=(*(int(c * 0.7) for c in cov), 255))
    # swabs with their blue x-ray thread, a gallipot, steel instruments in a row
    for k in range(rng.randint(2, 3)):
        sx, sy = tw * (0.18 + 0.13 * k) + rng.uniform(-6, 6), th * 0.08 + rng.uniform(0, 20)
        d.rectangle((sx, sy, sx + tw * 0.11, sy + th * 0.16), fill=(236, 236, 230, 255))
        d.line((sx + 4, sy + 6, sx + tw * 0.11 - 6, sy + 10), fill=(40, 90, 170, 255), width=2)
    gx, gy, gr = tw * 0.80, th * 0.16, tw * 0.07
    d.ellipse((gx - gr, gy - gr * 0.7, gx + gr, gy + gr * 0.7), fill=(150, 154, 160, 255))
    d.ellipse(
        (gx - gr * 0.8, gy - gr * 0.5, gx + gr * 0.8, gy + gr * 0.5), fill=(200, 204, 210, 255)
    )
    # instruments lie in a row across the cover, handles towards the scrub nurse
    for k in range(rng.randint(4, 6)):
        y0 = th * (0.32 + 0.05 * k) + rng.uniform(-3, 3)
        x0 = tw * (0.16 + 0.02 * k) + rng.uniform(-6, 6)
        ang = rng.uniform(-0.06, 0.06)
        if k % 2 == 0:
            _forceps(d, x0, y0, ang, tw * 0.36)
        else:
            length = tw * rng.uniform(0.3, 0.45)
            _steel(d, [(x0, y0), (x0 + length, y0 + length * ang)], 5)
    layer = layer.filter(ImageFilter.GaussianBlur(2.2))  # close to the lens: out of focus
    arr = np.asarray(layer, dtype=np.float32) / 255.0
    if left:
        arr = arr[:, ::-1]
    x0 = 0 if left else w - tw
    a = arr[..., 3:4]
    # folds and a sheen on the cover, soft shade towards the front
    region = rgb[top:, x0 : x0 + tw]
    shade = np.linspace(1.05, 0.8, th, dtype=np.float32)[:, None, None] * np.ones(
        (1, tw, 1), dtype=np.float32
    )
    # the cover's front hangs in soft vertical folds
    phase = rng.uniform(0, 6.3)
    cols = np.arange(tw, dtype=np.float32)
    hang = 0.88 + 0.12 * np.sin(cols / 21.0 + phase + 0.6 * np.sin(cols / 57.0))
    shade[lip:, :, 0] *= hang[None, :]
    region[:] = region * (1 - a) + arr[..., :3] * shade * a
    coverage = np.zeros((h, w), dtype=np.float32)
    coverage[top:, x0 : x0 + tw] = a[..., 0]
    return coverage


def anaesthetic_screen(
    rgb: FloatArray,
    rng: random.Random,
    drape: FloatArray,
    top_line: FloatArray,
    *,
    span: tuple[int, int],
    top: int,
    keep_clear: FloatArray,
) -> None:
    """The drape raised on a bar at the head end, hanging in vertical folds, on two poles.

    Drawn between `top` (sagging a little between the poles) and the lying drape's
    edge `top_line`; `drape` is the lit drape colour (H, W, 3) to take the hue
    from; poles are left out where `keep_clear` (the wall's cards) would be crossed.
    """
    h, w, _ = rgb.shape
    x0, x1 = span
    cols = np.arange(x0, x1, dtype=np.float32)
    t = (cols - x0) / max(1, x1 - x0)
    sag = top + 7.0 * np.sin(np.pi * t)
    rows = np.arange(h, dtype=np.float32)[:, None]
    inside = np.clip((rows - sag[None, :]) / 1.2, 0, 1) * np.clip(
        (top_line[None, x0:x1] + 2 - rows) / 1.2, 0, 1
    )
    # soft vertical folds, wider near the poles where the cloth gathers
    period = rng.uniform(18.0, 28.0)
    phase = cols / period + 0.7 * np.sin(cols / (period * 3.1) + rng.uniform(0, 6))
    fold = 0.80 + 0.20 * np.sin(phase) ** 2
    fall = np.clip((rows - sag[None, :]) / 60.0, 0, 1)  # folds fade in below the bar
    shade = 1.0 - (1.0 - fold[None, :]) * fall
    shade *= 0.92 + 0.08 * np.clip((rows - sag[None, :]) / (top_line[None, x0:x1] - sag + 1), 0, 1)
    y_lo = int(np.clip(top_line.mean() + 30, 0, h - 2))
    base = drape[y_lo : y_lo + 80, x0:x1].reshape(-1, 3).mean(axis=0)
    cloth = base[None, None, :] * 0.9 * shade[..., None]
    region = rgb[:, x0:x1]
    a = inside[..., None]
    region[:] = region * (1 - a) + cloth * a
    # the bar's edge: a slightly darker hem along the top
    hem = np.exp(-(((rows - sag[None, :] - 2.5) / 2.0) ** 2)) * (rows < top_line[None, x0:x1])
    region[:] = region * (1 - 0.25 * hem[..., None])
    # drip-stand poles at the ends, steel with a highlight, up out of the frame
    for px in (x0 + 4, x1 - 5):
        lo, hi = max(0, px - 3), min(w, px + 4)
        above = int(min(sag[0], sag[-1])) + 4
        if float(keep_clear[:above, lo:hi].max(initial=0.0)) > 0.05:
            continue
        pole = rgb[:above, lo:hi]
        profile = np.array([0.35, 0.5, 0.7, 0.9, 0.6, 0.45, 0.3], dtype=np.float32)[: hi - lo]
        pole[:] = pole * 0.15 + (profile[None, :, None] * np.array((0.78, 0.80, 0.84)))


def cannula(
    rgb: FloatArray,
    rng: random.Random,
    *,
    at: tuple[float, float],
    up_to: float,
    mask: FloatArray,
) -> None:
    """A cannula in the arm: clear film dressing, coloured hub, and the line running up (in place).

    `at` is the hub's centre, `up_to` the row the line disappears under the drape;
    the dressing is kept to the arm (`mask`).
    """
    h, w, _ = rgb.shape
    x, y = at
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    hub = rng.choice(
        [(226, 110, 150), (60, 150, 90), (120, 170, 210)]
    )  # 20G pink, 18G green, 22G blue
    # the line: a clear tube with a bright edge, curving up to the drape
    bend = rng.uniform(-30, 30)
    pts = [(x + bend * (k / 8) ** 2, y - (y - up_to) * k / 8) for k in range(9)]
    d.line(pts, fill=(215, 222, 228, 150), width=7)
    d.line([(px + 2, py) for px, py in pts], fill=(250, 252, 255, 200), width=2)
    # its shadow on the skin, then the hub (colour-coded gauge), flat wings, the side port
    d.rounded_rectangle((x - 3, y + 4, x + 11, y + 50), radius=5, fill=(40, 25, 20, 70))
    d.polygon([(x - 20, y + 22), (x - 6, y + 14), (x - 6, y + 32)], fill=(*hub, 230))
    d.polygon([(x + 20, y + 22), (x + 6, y + 14), (x + 6, y + 32)], fill=(*hub, 230))
    d.rounded_rectangle((x - 6, y, x + 6, y + 46), radius=4, fill=(*hub, 255))
    d.line([(x - 3, y + 2), (x - 3, y + 44)], fill=(255, 255, 255, 110), width=2)
    d.ellipse((x - 6, y + 14, x + 6, y + 26), fill=(238, 238, 232, 255))
    d.ellipse((x - 3, y + 17, x + 1, y + 21), fill=(255, 255, 255, 255))
    # the clear catheter entering the skin below the hub
    d.line([(x, y + 46), (x, y + 62)], fill=(225, 230, 235, 140), width=3)
    arr = np.asarray(layer.filter(ImageFilter.GaussianBlur(0.8)), dtype=np.float32) / 255.0
    a = arr[..., 3:4]
    rgb[:] = rgb * (1 - a) + arr[..., :3] * a
    # the clear film dressing over it: a faint sheen with a crinkled edge
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    film = ((np.abs(xx - x) < 44) & (np.abs(yy - y - 28) < 44)).astype(np.float32) * mask
    film = (
        np.asarray(
            Image.fromarray(film * 255).convert("L").filter(ImageFilter.GaussianBlur(1.5)),
            dtype=np.float32,
        )
        / 255.0
    )
    edge = np.clip(film * (1 - film) * 4, 0, 1)
    rgb[:] = rgb * (1 - 0.10 * film[..., None]) + 0.10 * film[..., None]
    rgb[:] = rgb * (1 - 0.25 * edge[..., None]) + 0.25 * edge[..., None] * 0.95
