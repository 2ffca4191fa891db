// @ts-check
// Geometry of boxes on a picture: drawing, moving, resizing and clipping them in image
// pixels, and the mapping between image pixels and the zoomed, panned stage on screen.
// Pure functions: no DOM, so Node tests them.

/** @import { BoxLocation, PlacedView, Point, Rect, Size } from "./types.js" */

/** Image pixels: a smaller drag is a click. */
export const MIN_BOX = 4;
/** Zoom factor of one press of + or one wheel notch. */
export const ZOOM_STEP = 1.25;
/** The most the picture is enlarged beyond fitting the stage. */
export const MAX_ZOOM = 12;

/**
 * @param {number} v
 * @param {number} lo
 * @param {number} hi
 * @returns {number} v within [lo, hi] (lo wins when hi < lo)
 */
export function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}

/**
 * A box rounded to whole pixels and kept inside the image, at least 1 pixel each way.
 * @param {Rect & {asset: string}} box
 * @param {Size} image
 * @returns {BoxLocation}
 */
export function clipBox(box, image) {
  const x0 = clamp(Math.round(box.x), 0, image.width - 1);
  const y0 = clamp(Math.round(box.y), 0, image.height - 1);
  const x1 = clamp(Math.round(box.x + box.w), x0 + 1, image.width);
  const y1 = clamp(Math.round(box.y + box.h), y0 + 1, image.height);
  return { type: "box", asset: box.asset, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * The box moved by (dx, dy), stopped at the image's edges (size kept; not rounded).
 * @param {BoxLocation} box
 * @param {number} dx
 * @param {number} dy
 * @param {Size} image
 * @returns {BoxLocation}
 */
export function movedBox(box, dx, dy, image) {
  return {
    ...box,
    x: clamp(box.x + dx, 0, image.width - box.w),
    y: clamp(box.y + dy, 0, image.height - box.h),
  };
}

/**
 * The box with the edges named by a handle ("nw", "se", ...) dragged by (dx, dy).
 * Dragging an edge past the opposite one flips the box; it never gets below 1 pixel.
 * @param {BoxLocation} box
 * @param {string} handle
 * @param {number} dx
 * @param {number} dy
 * @returns {BoxLocation}
 */
export function resizedBox(box, handle, dx, dy) {
  let x0 = box.x;
  let y0 = box.y;
  let x1 = box.x + box.w;
  let y1 = box.y + box.h;
  if (handle.includes("w")) x0 += dx;
  if (handle.includes("e")) x1 += dx;
  if (handle.includes("n")) y0 += dy;
  if (handle.includes("s")) y1 += dy;
  return {
    ...box,
    x: Math.min(x0, x1),
    y: Math.min(y0, y1),
    w: Math.max(1, Math.abs(x1 - x0)),
    h: Math.max(1, Math.abs(y1 - y0)),
  };
}

/**
 * The rectangle a drag spans from `start` to `end`, in any direction.
 * @param {Point} start
 * @param {Point} end
 * @returns {Rect}
 */
export function rectBetween(start, end) {
  return {
    x: Math.min(start.x, end.x),
    y: Math.min(start.y, end.y),
    w: Math.abs(end.x - start.x),
    h: Math.abs(end.y - start.y),
  };
}

/**
 * Whether a drawn rectangle is a box (both sides at least MIN_BOX) rather than a click.
 * @param {Rect} rect
 * @returns {boolean}
 */
export function isBox(rect) {
  return rect.w >= MIN_BOX && rect.h >= MIN_BOX;
}

/**
 * The box the keyboard's N adds: centred on `centre`, sized to the image (not clipped).
 * @param {Point} centre
 * @param {Size} image
 * @returns {Rect}
 */
export function newBoxAround(centre, image) {
  // about one line of burned-in text: 12% of the width, 4% of the height (16 to 32 pixels)
  const w = Math.max(24, Math.round(image.width * 0.12));
  const h = Math.min(32, Math.max(16, Math.round(image.height * 0.04)));
  return { x: centre.x - w / 2, y: centre.y - h / 2, w, h };
}

/** Ctrl+arrow moves or resizes a box by this share of the picture's width or height. */
export const JUMP_SHARE = 1 / 16;

/**
 * Image pixels of one Ctrl+arrow press on this picture.
 * @param {Size} image
 * @returns {{x: number, y: number}}
 */
export function jumpStep(image) {
  return { x: Math.round(image.width * JUMP_SHARE), y: Math.round(image.height * JUMP_SHARE) };
}

/**
 * The box against one edge of the picture (size kept).
 * @param {BoxLocation} box
 * @param {"left" | "right" | "top" | "bottom"} edge
 * @param {Size} image
 * @returns {BoxLocation}
 */
export function snappedBox(box, edge, image) {
  if (edge === "left") return { ...box, x: 0 };
  if (edge === "right") return { ...box, x: Math.max(0, image.width - box.w) };
  if (edge === "top") return { ...box, y: 0 };
  return { ...box, y: Math.max(0, image.height - box.h) };
}

/**
 * Where a box in image pixels appears on the stage.
 * @param {Rect} box
 * @param {PlacedView} view
 * @param {number} scale stage pixels per image pixel
 * @returns {Rect}
 */
export function toScreen(box, view, scale) {
  return { x: view.tx + box.x * scale, y: view.ty + box.y * scale, w: box.w * scale, h: box.h * scale };
}

/**
 * The image pixel under a stage point (stage coordinates: from its top-left corner).
 * @param {Point} point
 * @param {PlacedView} view
 * @param {number} scale
 * @returns {Point}
 */
export function toImage(point, view, scale) {
  return { x: (point.x - view.tx) / scale, y: (point.y - view.ty) / scale };
}

/**
 * The stage's height for an image shown `width` wide (at most maxHeight), and the scale
 * that fits the whole image in it.
 * @param {number} width
 * @param {number} maxHeight
 * @param {Size} image
 * @returns {{height: number, fit: number}}
 */
export function fitStage(width, maxHeight, image) {
  const height = Math.min(Math.round((width * image.height) / image.width), maxHeight);
  return { height, fit: Math.min(width / image.width, height / image.height) };
}

/**
 * The picture's corner that centres it on a stage of `stage` size at scale `fit`.
 * @param {Size} stage
 * @param {Size} image
 * @param {number} fit
 * @returns {{tx: number, ty: number}}
 */
export function centred(stage, image, fit) {
  return { tx: (stage.width - image.width * fit) / 2, ty: (stage.height - image.height * fit) / 2 };
}

/**
 * The view zoomed by `factor` about the stage point (px, py), which stays put.
 * Zoom stays within 1..MAX_ZOOM; zoom 1 means "fit" (the caller recentres).
 * @param {PlacedView} view
 * @param {number} factor
 * @param {number} fit
 * @param {Point} about
 * @returns {PlacedView}
 */
export function zoomedView(view, factor, fit, about) {
  const before = fit * view.zoom;
  const zoom = clamp(view.zoom * factor, 1, MAX_ZOOM);
  const after = fit * zoom;
  return {
    zoom,
    tx: about.x - ((about.x - view.tx) * after) / before,
    ty: about.y - ((about.y - view.ty) * after) / before,
  };
}

/**
 * Where a popover goes: just below its anchor (above when there is no room below and
 * room above), its left edge at the anchor's but kept inside the container.
 * @param {Rect} anchor
 * @param {Size} popover
 * @param {Size} container
 * @returns {{left: number, top: number}}
 */
export function popoverPosition(anchor, popover, container) {
  const gap = 10;
  const left = clamp(anchor.x, 4, Math.max(4, container.width - popover.width - 4));
  const below = anchor.y + anchor.h + gap;
  if (below + popover.height <= container.height) return { left, top: below };
  const above = anchor.y - popover.height - gap;
  if (above >= 0) return { left, top: above };
  // no room above or below (a tall box): beside it, never over what is being marked
  const top = clamp(anchor.y, 0, Math.max(0, container.height - popover.height));
  if (anchor.x + anchor.w + gap + popover.width <= container.width) return { left: anchor.x + anchor.w + gap, top };
  if (anchor.x - gap - popover.width >= 0) return { left: anchor.x - gap - popover.width, top };
  return { left, top: below }; // past the container's edge rather than over the anchor
}

/** A badge's height on screen, in pixels (exercise.css .ss-box-badge). */
export const BADGE_HEIGHT = 18;

/**
 * A badge's width on screen, estimated from its characters.
 * @param {string} badge
 * @returns {number}
 */
export function badgeWidth(badge) {
  return 12 + 8 * [...badge].length;
}

/**
 * Badges moved apart: a badge that would lie on one placed before it goes just below that
 * one, so the badges of overlapping boxes (a mark over a missed item, after Check and on
 * Show the key) stay readable side by side instead of stacking on each other.
 * @param {{left: number, top: number, width: number, height: number}[]} badges in drawing order
 * @returns {{left: number, top: number}[]}
 */
export function spreadBadges(badges) {
  /** @type {{left: number, top: number, width: number, height: number}[]} */
  const placed = [];
  for (const b of badges) {
    let top = b.top;
    for (let tries = 0; tries <= placed.length; tries++) {
      const hit = placed.find((p) => b.left < p.left + p.width && p.left < b.left + b.width && top < p.top + p.height && p.top < top + b.height);
      if (!hit) break;
      top = hit.top + hit.height + 1;
    }
    placed.push({ ...b, top });
  }
  return placed.map((p) => ({ left: p.left, top: p.top }));
}

/**
 * Where a box's small badge goes: right of the box, else left of it, else inside its
 * top-left corner, so the badge never hides what the box points at when it can help it.
 * @param {Rect} box on screen
 * @param {string} badge its text (width estimated from its characters)
 * @param {number} stageWidth
 * @returns {{left: number, top: number}}
 */
export function badgePosition(box, badge, stageWidth) {
  const width = badgeWidth(badge);
  let left = box.x + box.w + 3;
  let top = box.y + box.h / 2 - 9;
  if (left + width > stageWidth) left = box.x - width - 3;
  if (left < 0) {
    left = box.x + 2;
    top = box.y + 2;
  }
  return { left, top };
}

/**
 * Where the full label of the selected box goes: above it, or below when at the top.
 * @param {Rect} box on screen
 * @returns {{left: number, top: number}}
 */
export function labelPosition(box) {
  return { left: Math.max(0, box.x), top: box.y > 22 ? box.y - 21 : box.y + box.h + 2 };
}

/**
 * The four resize handles of a box on screen: name and centre.
 * @param {Rect} r
 * @returns {[string, number, number][]}
 */
export function handles(r) {
  return [
    ["nw", r.x, r.y],
    ["ne", r.x + r.w, r.y],
    ["sw", r.x, r.y + r.h],
    ["se", r.x + r.w, r.y + r.h],
  ];
}
