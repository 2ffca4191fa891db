// @ts-check
// The keyboard map: which key does what on the image and in the post's text fields.
// Pure tables and functions (no DOM), so Node tests them; the view carries them out.

import { ZOOM_STEP } from "./geometry.js";

/** Image pixels an arrow press moves or resizes a box (with Alt: 1). */
export const KEY_STEP = 10;

/**
 * What a key pressed on the image asks for.
 * @typedef {{kind: "hold-pan"} | {kind: "new-box"} | {kind: "choose"} | {kind: "escape"}
 *   | {kind: "remove"} | {kind: "fit"} | {kind: "cycle", forward: boolean}
 *   | {kind: "zoom", factor: number}
 *   | {kind: "nudge", dx: number, dy: number, resize: boolean}} StageAction
 */

/** @type {Readonly<Record<string, StageAction>>} */
export const STAGE_KEYS = Object.freeze({
  " ": { kind: "hold-pan" },
  n: { kind: "new-box" },
  N: { kind: "new-box" },
  Enter: { kind: "choose" },
  Escape: { kind: "escape" },
  Delete: { kind: "remove" },
  Backspace: { kind: "remove" },
  "]": { kind: "cycle", forward: true },
  "[": { kind: "cycle", forward: false },
  "+": { kind: "zoom", factor: ZOOM_STEP },
  "=": { kind: "zoom", factor: ZOOM_STEP },
  "-": { kind: "zoom", factor: 1 / ZOOM_STEP },
  _: { kind: "zoom", factor: 1 / ZOOM_STEP },
  0: { kind: "fit" },
});

/** @type {Readonly<Record<string, [number, number]>>} */
const ARROWS = Object.freeze({
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
});

/**
 * The action of a key pressed on the image, or null for a key the image leaves alone.
 * Arrows nudge by KEY_STEP (Alt: 1 pixel); with Shift they resize instead of move.
 * @param {{key: string, shiftKey?: boolean, altKey?: boolean}} event
 * @returns {StageAction | null}
 */
export function stageAction(event) {
  const arrow = Object.hasOwn(ARROWS, event.key) ? ARROWS[event.key] : null;
  if (arrow) {
    const step = event.altKey ? 1 : KEY_STEP;
    return { kind: "nudge", dx: arrow[0] * step, dy: arrow[1] * step, resize: Boolean(event.shiftKey) };
  }
  return Object.hasOwn(STAGE_KEYS, event.key) ? STAGE_KEYS[event.key] : null;
}

/**
 * Which of `count` marks [ and ] select next, from the selected one at `at` (-1: none).
 * Forward from none is the first; back from none is the last; both wrap around.
 * @param {number} at
 * @param {number} count (at least 1)
 * @param {boolean} forward
 * @returns {number}
 */
export function cycleIndex(at, count, forward) {
  if (at < 0 && !forward) return count - 1;
  return forward ? (at + 1) % count : (at - 1 + count) % count;
}

/** Keys that move the caret or the selection in a text field: left to the browser. */
export const TEXT_NAVIGATION = Object.freeze([
  "ArrowLeft",
  "ArrowRight",
  "ArrowUp",
  "ArrowDown",
  "Home",
  "End",
  "PageUp",
  "PageDown",
  "Tab",
  "Shift",
  "Control",
  "Alt",
  "Meta",
]);

/**
 * What a key does in a post field (read-only text the learner selects words in):
 * "pass" lets the browser move or copy, "mark" marks the selection, "cancel" drops a new
 * mark, "block" swallows any other key (the text cannot be edited).
 * @param {{key: string, ctrlKey?: boolean, metaKey?: boolean}} event
 * @returns {"pass" | "mark" | "cancel" | "block"}
 */
export function postKeyAction(event) {
  const key = event.key;
  if (TEXT_NAVIGATION.includes(key)) return "pass";
  if ((event.ctrlKey || event.metaKey) && ["a", "c"].includes(key.toLowerCase())) return "pass";
  if (key === "m" || key === "M" || key === "Enter") return "mark";
  if (key === "Escape") return "cancel";
  return "block";
}
