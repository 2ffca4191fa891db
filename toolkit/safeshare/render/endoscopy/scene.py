"""The endoscopic image itself: the lit, wet wall of the lumen as the lens sees it.

Light leaves the scope tip beside the lens, so the wall is lit head-on and
falls off with the square of its distance: near wall glows, the far lumen is
black. Mucosa scatters red light under the surface (softer red shading) and
reflects red most, so the red channel saturates first. The wet surface
throws small, sharp white highlights where it faces the lens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter
from scipy import ndimage

from safeshare.render.endoscopy.findings import Plan, plan_finding, surface_normals
from safeshare.render.endoscopy.geometry import (
    HALF_FOV,
    TMAX,
    Tube,
    bump_profile,
    lens_rays,
    march,
    tube_for,
)
from safeshare.render.endoscopy.sites import Site
from safeshare.render.endoscopy.texture import WallTexture, wall_texture

__all__ = ["Scene", "render_scene"]

F32 = NDArray[np.float32]
Streams = Callable[[str], np.random.Generator]

_WRAP = np.array([0.55, 0.22, 0.15], dtype=np.float32)
"""Light wraps round red shading most (it scatters under the surface)."""
_POLYP = np.array([0.9, 0.34, 0.28], dtype=np.float32)
_FIBRIN = np.array([0.95, 0.84, 0.58], dtype=np.float32)
_HYPERAEMIA = np.array([0.92, 0.3, 0.22], dtype=np.float32)
_VARIX = np.array([0.66, 0.45, 0.58], dtype=np.float32)
_BLOOD = np.array([0.5, 0.04, 0.035], dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Scene:
    """An endoscopic image (size x size RGB) and where a foreign body shows, if any."""

    image: NDArray[np.uint8]
    object_box: tuple[int, int, int, int] | None


def _upsample(values: F32, size: int) -> F32:
    """Bilinear resize of a (n, n) or (n, n, c) float array to (size, size[, c])."""
    planes = values[..., None] if values.ndim == 2 else values
    out = np.stack(
        [
            np.asarray(
                Image.fromarray(np.ascontiguousarray(planes[..., c]), mode="F").resize(
                    (size, size), Image.Resampling.BILINEAR
                ),
                dtype=np.float32,
            )
            for c in range(planes.shape[-1])
        ],
        axis=-1,
    )
    return out[..., 0] if values.ndim == 2 else out


def _smoothstep(lo: float, hi: float, x: F32) -> F32:
    s = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
    return np.asarray(s * s * (3 - 2 * s), dtype=np.float32)


def render_scene(*, site: Site, finding: str, size: int, streams: Streams) -> Scene:
    """Render the view down the lumen at `size` x `size` pixels."""
    tube = tube_for(site, streams("tube"))
    plan = plan_finding(tube, finding, streams("finding"))
    n = max(96, round(size * 0.4))
    coarse = lens_rays(n, tube.turn)
    t_coarse = march(tube, coarse.reshape(-1, 3)).reshape(n, n)
    normals_coarse = surface_normals(t_coarse[..., None] * coarse)

    rays = lens_rays(size, tube.turn).reshape(-1, 3)
    t = _upsample(t_coarse, size).reshape(-1)
    normal = _upsample(normals_coarse, size).reshape(-1, 3)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True) + 1e-9
    material = np.zeros(t.shape, dtype=np.int8)  # 0 wall, 2 polyp head, 3 coin
    head_uv: tuple[F32, F32] | None = None
    coin_uv: tuple[F32, F32] | None = None
    if plan.head is not None:
        hit = plan.head.intersect(rays)
        nearer = hit.t < t
        t = np.where(nearer, hit.t, t)
        normal[nearer] = hit.normal[nearer]
        material[nearer] = 2
        head_uv = (hit.u, hit.v)
    if plan.coin is not None:
        hit = plan.coin.intersect(rays)
        nearer = hit.t < t
        t = np.where(nearer, hit.t, t)
        normal[nearer] = hit.normal[nearer]
        material[nearer] = 3
        material[~nearer & (material == 3)] = 0
        coin_uv = (hit.u, hit.v)
    points = t[:, None] * rays

    texture = wall_texture(site, streams("texture"), 1024 if size >= 560 else 512)
    albedo, bump_s, bump_z, gloss, wet = _wall_albedo(tube, plan, texture, points, t, normal, rays)
    if head_uv is not None:
        _paint_head(albedo, normal, gloss, material == 2, head_uv, streams("head"))
    cos_i = np.clip(-np.einsum("ij,ij->i", normal, rays), 0.0, 1.0)

    # Perturb the normal by the wet surface's small bumps (around and along the lumen).
    z = points[:, 2]
    ax, ay = tube.axis(z)
    phi = np.arctan2(points[:, 1] - ay, points[:, 0] - ax)
    e_phi = np.stack([-np.sin(phi), np.cos(phi), np.zeros_like(phi)], axis=1)
    e_z = np.zeros_like(e_phi)
    e_z[:, 2] = 1.0
    bumped = (
        normal - 0.03 * (bump_s[:, None] * e_phi + bump_z[:, None] * e_z) * (material == 0)[:, None]
    )
    bumped /= np.linalg.norm(bumped, axis=1, keepdims=True) + 1e-9
    cos_b = np.clip(-np.einsum("ij,ij->i", bumped, rays), 0.0, 1.0)

    irradiance = 1.0 / np.maximum(t, 0.05) ** 2
    diffuse = (cos_i[:, None] + _WRAP) / (1 + _WRAP)
    radiance = albedo * diffuse * irradiance[:, None]
    radiance += albedo * albedo * 0.01 * float(np.median(irradiance))
    facing = _smoothstep(0.55, 0.9, cos_i)
    flecks = _smoothstep(0.985, 0.998, cos_b) * 2.5 * wet * facing + 0.06 * cos_b**14
    specular = site.gloss * gloss * flecks * irradiance * _smoothstep(4.0, 1.5, t)
    if plan.coin is not None and coin_uv is not None:
        coin = material == 3
        metal_rad, metal_spec = _coin_shading(plan, coin_uv, normal, rays, coin)
        radiance[coin] = metal_rad[coin] * irradiance[coin, None]
        specular = np.where(coin, metal_spec * irradiance, specular)
    radiance *= _smoothstep(TMAX, 0.5 * TMAX, t)[:, None]
    # Highlights bloom a little in the optics.
    glow = ndimage.gaussian_filter(specular.reshape(size, size), 3.0).reshape(-1)
    radiance += (specular + 0.6 * glow)[:, None]

    image = _finish(_expose(radiance, size), size, streams("sensor"))
    box = None
    if plan.coin is not None:
        box = _mask_box((material == 3).reshape(size, size))
    return Scene(image=image, object_box=box)


def _wall_albedo(
    tube: Tube, plan: Plan, texture: WallTexture, points: F32, t: F32, normal: F32, rays: F32
) -> tuple[F32, F32, F32, F32, F32]:
    """Colour of the wall at each pixel, the bump slopes, and how glossy and wet it is."""
    site = tube.site
    z = points[:, 2]
    ax, ay = tube.axis(z)
    dx = points[:, 0] - ax
    dy = points[:, 1] - ay
    phi = np.arctan2(dy, dx)
    # Along the lumen, count the climb up a fold's face too, so the texture is not
    # smeared into streaks across faces that stand square to the axis.
    climb = site.radius - np.hypot(dx, dy)
    x = (phi / (2 * np.pi) % 1.0) * texture.sharp.shape[1]
    y = (z + climb) * texture.per_unit
    cos_i = np.clip(-np.einsum("ij,ij->i", normal, rays), 0.15, 1.0)
    footprint = t * (2 * HALF_FOV / np.sqrt(t.size)) / cos_i * texture.per_unit
    tex = texture.at(x, y, np.clip((footprint - 0.8) / 2.0, 0.0, 1.0))
    vessels, deep, mottle, bump_s, bump_z, grain = (tex[:, c] for c in range(6))

    albedo = np.broadcast_to(np.asarray(site.albedo, dtype=np.float32), points.shape).copy()
    if site.far_albedo is not None:
        # The Z-line: pale squamous lining gives way to red gastric mucosa in tongues.
        line = 4.2 + 0.35 * np.sin(5 * phi + 1.0) + 0.25 * mottle
        w = _smoothstep(-0.08, 0.08, z - line)[:, None]
        albedo = albedo * (1 - w) + np.asarray(site.far_albedo, dtype=np.float32) * w
    albedo *= 1 + mottle[:, None] * np.array([0.04, 0.09, 0.09], dtype=np.float32)
    albedo *= 1 + grain[:, None] * np.array([0.01, 0.03, 0.03], dtype=np.float32)
    v = np.clip(vessels * site.vessels, 0, 1)[:, None]
    albedo *= 1 - v * np.array([0.25, 0.8, 0.72], dtype=np.float32)
    d = np.clip(deep * site.vessels * 0.8, 0, 1)[:, None]
    albedo *= 1 - d * np.array([0.22, 0.3, 0.12], dtype=np.float32)
    gloss = np.ones(t.shape, dtype=np.float32)
    wet = _smoothstep(0.25, 0.6, mottle)

    for bump in plan.lesions:
        h = bump_profile(bump, z, phi, site.radius)
        if bump.kind in ("dome", "stalk"):
            w = _smoothstep(0.0, 0.5, h / bump.height)[:, None]
            tone = _POLYP * (1 + 0.12 * grain[:, None] + 0.08 * mottle[:, None]) * (1 - 0.3 * v)
            albedo = albedo * (1 - w) + tone * w
            wet = np.maximum(wet, w[:, 0])
        elif bump.kind == "cord":
            w = np.clip(h / (0.5 * bump.height), 0, 1)[:, None]
            albedo = albedo * (1 - w) + _VARIX * (1 + 0.1 * mottle[:, None]) * w
        else:
            dphi = (phi - bump.phi + np.pi) % (2 * np.pi) - np.pi
            q = np.hypot(dphi * site.radius, z - bump.z) / bump.radius
            q = q + 0.2 * mottle + 0.06 * grain
            base = _smoothstep(1.0, 0.75, q)[:, None]
            rim = (_smoothstep(0.85, 1.0, q) * _smoothstep(2.2, 1.1, q))[:, None] * 0.8
            fibrin = _FIBRIN * (1 - 0.15 * np.clip(grain, 0, 1)[:, None] - 0.1 * mottle[:, None])
            if plan.blood:
                fibrin = _BLOOD * 0.7
            albedo = albedo * (1 - rim) + _HYPERAEMIA * rim
            albedo = albedo * (1 - base) + fibrin * base
            gloss *= 1 - 0.6 * base[:, 0] * (not plan.blood)
    if plan.blood and plan.spot is not None:
        albedo, blood = _blood(tube, plan, albedo, z, phi, mottle)
        gloss = np.maximum(gloss, 1.5 * blood)
        wet = np.maximum(wet, blood)
    bump_scale = 1.0 if site.texture != "villi" else 0.6
    return albedo, bump_s * bump_scale, bump_z * bump_scale, gloss, wet


def _blood(tube: Tube, plan: Plan, albedo: F32, z: F32, phi: F32, mottle: F32) -> tuple[F32, F32]:
    """Fresh blood running from the bleeding point round the wall, lying on the dependent side.

    Returns the new albedo and where the blood is (0..1).
    """
    assert plan.spot is not None
    spot = plan.spot
    r0 = tube.site.radius
    to_down = (plan.down - spot.phi + np.pi) % (2 * np.pi) - np.pi
    sign = 1.0 if to_down >= 0 else -1.0
    along = ((phi - spot.phi + np.pi) % (2 * np.pi) - np.pi) * sign
    run = np.clip(along / max(abs(to_down), 0.3), 0, 1)
    centre = spot.z + 0.03 * np.sin(along * 4) * r0 + 0.12 * run * r0
    width = (0.035 + 0.07 * run) * r0 * (1 + 0.3 * mottle)
    across = np.abs(z - centre) / width
    streak = _smoothstep(1.0, 0.6, across) * (along > -0.03) * (along < abs(to_down) + 0.3)
    # A lake of blood along the lowest part of the lumen, with a ragged edge.
    low = np.cos(phi - plan.down) + 0.15 * mottle
    reach = _smoothstep(spot.z - 0.5 * r0, spot.z - 0.1 * r0, z) * _smoothstep(
        spot.z + 1.2 * r0, spot.z + 0.5 * r0, z + 0.3 * r0 * mottle
    )
    lake = _smoothstep(0.78, 0.86, low) * reach
    blood = np.maximum(streak, lake).astype(np.float32)
    w = blood[:, None]
    tone = _BLOOD * (0.85 + 0.3 * np.clip(mottle[:, None], -0.5, 0.5))
    return (albedo * (1 - w) + tone * w).astype(np.float32), blood


def _paint_head(
    albedo: F32,
    normal: F32,
    gloss: F32,
    mask: NDArray[np.bool_],
    uv: tuple[F32, F32],
    rng: np.random.Generator,
) -> None:
    """A polyp's head: redder than the wall, lobulated, with a fine pit pattern."""
    if not mask.any():
        return
    u, v = uv
    lobes = np.sin(9 * u + rng.uniform(0, 6)) * np.sin(8 * v + rng.uniform(0, 6))
    pits = np.sin(70 * u) * np.sin(65 * v)
    tone = (
        _POLYP
        * np.array([0.97, 0.8, 0.82], dtype=np.float32)
        * (1 + 0.12 * lobes + 0.06 * pits)[:, None]
    )
    tone[:, 0] = np.minimum(tone[:, 0], 0.97)
    albedo[mask] = tone[mask]
    tilt = np.stack(
        [lobes * 0.25 + pits * 0.05, -lobes * 0.2 + pits * 0.05, np.zeros_like(u)], axis=1
    )
    normal[mask] = normal[mask] + tilt[mask]
    normal[mask] /= np.linalg.norm(normal[mask], axis=1, keepdims=True)
    gloss[mask] = 1.4


def _coin_shading(
    plan: Plan, uv: tuple[F32, F32], normal: F32, rays: F32, coin: NDArray[np.bool_]
) -> tuple[F32, F32]:
    """Two-tone metal with raised relief: its colour and its mirror-like highlight."""
    assert plan.coin_maps is not None
    height, metal = plan.coin_maps
    size = height.shape[0]
    u, v = uv
    face = u <= 1.5
    px = np.clip((u * 0.5 + 0.5) * (size - 1), 0, size - 1)
    py = np.clip((v * 0.5 + 0.5) * (size - 1), 0, size - 1)
    gy, gx = (np.asarray(g, dtype=np.float32) for g in np.gradient(height))
    xi = px.astype(np.int64)
    yi = py.astype(np.int64)
    slope_x = gx[yi, xi] * size * 0.01
    slope_y = gy[yi, xi] * size * 0.01
    assert plan.coin is not None
    _, e1, e2 = plan.coin.basis()
    bent = normal - (slope_x[:, None] * e1 + slope_y[:, None] * e2) * face[:, None]
    milled = np.sin((u - 2.0) * 140.0) * (~face)
    bent = bent + 0.3 * milled[:, None] * e1
    bent /= np.linalg.norm(bent, axis=1, keepdims=True) + 1e-9
    cos_b = np.clip(-np.einsum("ij,ij->i", bent, rays), 0, 1)
    gold = np.array([0.85, 0.62, 0.3], dtype=np.float32)
    silver = np.array([0.78, 0.75, 0.7], dtype=np.float32)
    is_gold = np.where(face, metal[yi, xi], 1.0)[:, None]
    colour = (silver * (1 - is_gold) + gold * is_gold) * np.where(face, 1.0, 0.55)[:, None]
    tarnish = 0.75 + 0.25 * height[yi, xi][:, None]
    radiance = colour * tarnish * (0.3 + 0.95 * cos_b[:, None] ** 4)
    spec = 0.7 * _smoothstep(0.985, 0.999, cos_b) * (0.4 + height[yi, xi]) + 0.08 * cos_b**40
    return radiance.astype(np.float32), (spec * coin).astype(np.float32)


def _expose(radiance: F32, size: int) -> F32:
    """Auto-brightness, then a film-like curve that clips red first (0..1 floats)."""
    u = (np.arange(size, dtype=np.float32) + 0.5) / size * 2 - 1
    r = np.hypot(*np.meshgrid(u, u)).reshape(-1)
    inside = r < 0.95
    level = float(np.percentile(radiance[inside, 1], 93)) + 1e-6
    x = radiance * (0.75 / level)
    y = 1.0 - np.exp(-1.25 * x)
    y = np.clip(y / 0.86, 0, 1) ** (1 / 1.15)
    # The processor's colour enhancement: a little more saturation than the sensor gives.
    luma = (y @ np.array([0.3, 0.55, 0.15], dtype=np.float32))[:, None]
    y = np.clip(luma + 1.2 * (y - luma), 0, 1)
    vignette = 1.0 - 0.28 * np.clip(r, 0, 1.4) ** 4
    return np.asarray((y * vignette[:, None]).reshape(size, size, 3), dtype=np.float32)


def _finish(image: F32, size: int, rng: np.random.Generator) -> NDArray[np.uint8]:
    """Lens softness and sensor noise, as 8-bit RGB."""
    as8 = (np.clip(image, 0, 1) * 255 + 0.5).astype(np.uint8)
    soft = Image.fromarray(as8, mode="RGB").filter(ImageFilter.GaussianBlur(0.7))
    arr = np.asarray(soft, dtype=np.float32)
    luma = rng.normal(0, 1.6, (size, size, 1)).astype(np.float32)
    chroma = rng.normal(0, 0.8, (size, size, 3)).astype(np.float32)
    noisy = arr + luma * (0.6 + arr / 255) + chroma
    return np.asarray(np.clip(noisy + 0.5, 0, 255), dtype=np.uint8)


def _mask_box(mask: NDArray[np.bool_]) -> tuple[int, int, int, int] | None:
    if mask.sum() < 50:
        return None
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
