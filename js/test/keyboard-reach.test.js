// Keyboard-only box placement: N, then at most 9 more presses put a box on a typical
// identifier (issue 12: one name took 72 arrow presses). The presses go through the real
// key map and box geometry (stageAction, keyedBox, newBoxAround); the search knows the
// targets, the learner does not: every key is the same everywhere on every picture.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { clipBox, newBoxAround } from "../src/geometry.js";
import { keyedBox, stageAction } from "../src/keymap.js";

/** Identifiers as the bank's keys place them (course seed): burned-in text lines and marks. */
const TARGETS = [
  // E01, endoscopy frame 1280 x 720: the overlay's lines
  { image: { width: 1280, height: 720 }, boxes: [[170, 37, 108, 20], [170, 66, 264, 25], [170, 99, 131, 20], [170, 130, 134, 22], [26, 183, 144, 23], [26, 214, 116, 21], [138, 400, 136, 18], [26, 648, 389, 18]] },
  // R01, X-ray film 1152 x 1408: the label's lines, left and right
  { image: { width: 1152, height: 1408 }, boxes: [[23, 24, 276, 27], [24, 54, 199, 23], [24, 85, 236, 26], [24, 116, 222, 23], [730, 23, 399, 21]] },
  // P01, ward photo 1280 x 960: a tattoo and a wristband
  { image: { width: 1280, height: 960 }, boxes: [[96, 454, 255, 182], [1016, 246, 98, 288]] },
];
const MOST = 10;

/** The grader's rules for one key item (grade/cover.py, default rubric): contained and
 * tight enough, or IoU at least 0.5, or a box inside part of a long item. */
function finds(m, k) {
  const iw = Math.min(m.x + m.w, k[0] + k[2]) - Math.max(m.x, k[0]);
  const ih = Math.min(m.y + m.h, k[1] + k[3]) - Math.max(m.y, k[1]);
  if (iw <= 0 || ih <= 0) return false;
  const shared = iw * ih;
  const area = m.w * m.h;
  const karea = k[2] * k[3];
  if (shared >= 0.7 * karea && shared / area >= 0.4) return true;
  if (shared / (area + karea - shared) >= 0.5) return true;
  return shared >= 0.7 * area && iw >= 0.3 * k[2] && ih >= 0.7 * k[3];
}

const event = (key, mods = {}) => ({ key, ...mods });
const HORIZONTAL = ["ArrowLeft", "ArrowRight"].flatMap((k) => [event(k), event(k, { ctrlKey: true }), event(k, { shiftKey: true }), event(k, { ctrlKey: true, shiftKey: true })]).concat([event("Home"), event("End")]);
const VERTICAL = ["ArrowUp", "ArrowDown"].flatMap((k) => [event(k), event(k, { ctrlKey: true }), event(k, { shiftKey: true }), event(k, { ctrlKey: true, shiftKey: true })]).concat([event("PageUp"), event("PageDown")]);

/** Every (position, size) along one axis reachable in at most `most` presses of `keys`. */
function reach(start, keys, image, axis, most) {
  const id = (b) => (axis === "x" ? `${b.x},${b.w}` : `${b.y},${b.h}`);
  const seen = new Map([[id(start), { box: start, presses: 0 }]]);
  let frontier = [start];
  for (let presses = 1; presses <= most && frontier.length; presses++) {
    const next = [];
    for (const box of frontier) {
      for (const key of keys) {
        const moved = keyedBox(box, /** @type {any} */ (stageAction(key)), image);
        if (moved && !seen.has(id(moved))) {
          seen.set(id(moved), { box: moved, presses });
          next.push(moved);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

function pressesFor(image, target) {
  const start = clipBox({ asset: "a", ...newBoxAround({ x: image.width / 2, y: image.height / 2 }, image) }, image);
  const xs = reach(start, HORIZONTAL, image, "x", MOST - 1).sort((a, b) => a.presses - b.presses);
  const ys = reach(start, VERTICAL, image, "y", MOST - 1).sort((a, b) => a.presses - b.presses);
  let best = Infinity;
  for (const h of xs) {
    if (h.presses >= best) break;
    for (const v of ys) {
      if (h.presses + v.presses >= best) break;
      if (finds({ x: h.box.x, w: h.box.w, y: v.box.y, h: v.box.h }, target)) best = h.presses + v.presses;
    }
  }
  return best + 1; // and N, which starts the box
}

describe("keyboard placement", () => {
  test(`N and at most ${MOST - 1} more presses put a box on each typical identifier`, () => {
    const counts = [];
    for (const { image, boxes } of TARGETS) {
      for (const target of boxes) {
        const presses = pressesFor(image, target);
        assert.ok(presses <= MOST, `${JSON.stringify(target)} in ${image.width}x${image.height}: ${presses} presses`);
        counts.push(presses);
      }
    }
    counts.sort((a, b) => a - b);
    assert.ok(counts[Math.floor(counts.length / 2)] <= 8, `median ${counts[Math.floor(counts.length / 2)]}`);
  });
});
