// @ts-check
// The keyboard map: which key does what on the image and in the post's text fields.
// Pure tables and functions (no DOM), so Node tests them; the view carries them out.

import { clipBox, jumpStep, movedBox, resizedBox, snappedBox, ZOOM_STEP } from "./geometry.js";

/** @import { BoxLocation, Size } from "./types.js" */

/** Image pixels an arrow press moves or resizes a box (with Alt: 1). */
export const KEY_STEP = 10;

/**
 * What a key pressed on the image asks for.
 * @typedef {{kind: "hold-pan"} | {kind: "new-box"} | {kind: "choose"} | {kind: "escape"}
 *   | {kind: "remove"} | {kind: "fit"} | {kind: "cycle", forward: boolean}
 *   | {kind: "zoom", factor: number}
 *   | {kind: "nudge", dx: number, dy: number, resize: boolean}
 *   | {kind: "jump", dx: number, dy: number, resize: boolean}
 *   | {kind: "snap", edge: "left" | "right" | "top" | "bottom"}} StageAction
 */

/** Home, End, Page Up and Page Down put the box against that edge of the picture. */
const SNAPS = Object.freeze({ Home: "left", End: "right", PageUp: "top", PageDown: "bottom" });

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
 * Arrows nudge by KEY_STEP (Alt: 1 pixel); with Ctrl (or Cmd) they jump a sixteenth of the
 * picture (geometry.jumpStep); with Shift they resize instead of move. Home, End, Page Up
 * and Page Down put the box against an edge: with these, N and a few presses place a box
 * on a line of text anywhere, and nothing about where identifiers are is given away.
 * @param {{key: string, shiftKey?: boolean, altKey?: boolean, ctrlKey?: boolean, metaKey?: boolean}} event
 * @returns {StageAction | null}
 */
export function stageAction(event) {
  const arrow = Object.hasOwn(ARROWS, event.key) ? ARROWS[event.key] : null;
  if (arrow && (event.ctrlKey || event.metaKey) && !event.altKey) {
    return { kind: "jump", dx: arrow[0], dy: arrow[1], resize: Boolean(event.shiftKey) };
  }
  if (Object.hasOwn(SNAPS, event.key)) {
    return { kind: "snap", edge: /** @type {"left" | "right" | "top" | "bottom"} */ (SNAPS[/** @type {keyof typeof SNAPS} */ (event.key)]) };
  }
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

/**
 * Where a key's action puts the box being placed: moved, resized or against an edge, kept
 * inside the picture; null for an action that does not move a box.
 * @param {BoxLocation} box
 * @param {StageAction} action
 * @param {Size} image
 * @returns {BoxLocation | null}
 */
export function keyedBox(box, action, image) {
  if (action.kind === "snap") return clipBox(snappedBox(box, action.edge, image), image);
  if (action.kind !== "nudge" && action.kind !== "jump") return null;
  const step = action.kind === "jump" ? jumpStep(image) : { x: 1, y: 1 };
  const dx = action.dx * step.x;
  const dy = action.dy * step.y;
  return clipBox(action.resize ? resizedBox(box, "se", dx, dy) : movedBox(box, dx, dy, image), image);
}
