// The keyboard map: key -> action on the image, [ ] cycling, keys in post fields.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { ZOOM_STEP } from "../src/geometry.js";
import { KEY_STEP, cycleIndex, postKeyAction, stageAction } from "../src/keymap.js";

describe("stageAction", () => {
  test("arrows move by KEY_STEP, Alt by one pixel, Shift resizes", () => {
    assert.deepEqual(stageAction({ key: "ArrowLeft" }), { kind: "nudge", dx: -KEY_STEP, dy: 0, resize: false });
    assert.deepEqual(stageAction({ key: "ArrowDown", altKey: true }), { kind: "nudge", dx: 0, dy: 1, resize: false });
    assert.deepEqual(stageAction({ key: "ArrowRight", shiftKey: true }), { kind: "nudge", dx: KEY_STEP, dy: 0, resize: true });
    assert.deepEqual(stageAction({ key: "ArrowUp", shiftKey: true, altKey: true }), { kind: "nudge", dx: 0, dy: -1, resize: true });
  });
  test("the table of single keys", () => {
    /** @type {[string, object][]} */
    const table = [
      [" ", { kind: "hold-pan" }],
      ["n", { kind: "new-box" }],
      ["N", { kind: "new-box" }],
      ["Enter", { kind: "choose" }],
      ["Escape", { kind: "escape" }],
      ["Delete", { kind: "remove" }],
      ["Backspace", { kind: "remove" }],
      ["]", { kind: "cycle", forward: true }],
      ["[", { kind: "cycle", forward: false }],
      ["+", { kind: "zoom", factor: ZOOM_STEP }],
      ["=", { kind: "zoom", factor: ZOOM_STEP }],
      ["-", { kind: "zoom", factor: 1 / ZOOM_STEP }],
      ["_", { kind: "zoom", factor: 1 / ZOOM_STEP }],
      ["0", { kind: "fit" }],
    ];
    for (const [key, action] of table) assert.deepEqual(stageAction({ key }), action, key);
  });
  test("Ctrl (or Cmd) arrows jump, with Shift they resize by a jump; Alt keeps the pixel step", () => {
    assert.deepEqual(stageAction({ key: "ArrowLeft", ctrlKey: true }), { kind: "jump", dx: -1, dy: 0, resize: false });
    assert.deepEqual(stageAction({ key: "ArrowDown", metaKey: true }), { kind: "jump", dx: 0, dy: 1, resize: false });
    assert.deepEqual(stageAction({ key: "ArrowUp", ctrlKey: true, shiftKey: true }), { kind: "jump", dx: 0, dy: -1, resize: true });
    assert.deepEqual(stageAction({ key: "ArrowRight", ctrlKey: true, altKey: true }), { kind: "nudge", dx: 1, dy: 0, resize: false });
  });
  test("Home, End, Page Up and Page Down put the box against an edge", () => {
    assert.deepEqual(stageAction({ key: "Home" }), { kind: "snap", edge: "left" });
    assert.deepEqual(stageAction({ key: "End" }), { kind: "snap", edge: "right" });
    assert.deepEqual(stageAction({ key: "PageUp" }), { kind: "snap", edge: "top" });
    assert.deepEqual(stageAction({ key: "PageDown" }), { kind: "snap", edge: "bottom" });
  });
  test("other keys are left alone, including inherited object names", () => {
    for (const key of ["a", "m", "Tab", "1", "F5", "toString", "constructor", "__proto__"]) {
      assert.equal(stageAction({ key }), null, key);
    }
  });
});

describe("cycleIndex", () => {
  test("] from none is the first, [ from none the last", () => {
    assert.equal(cycleIndex(-1, 3, true), 0);
    assert.equal(cycleIndex(-1, 3, false), 2);
  });
  test("wraps around both ways", () => {
    assert.equal(cycleIndex(2, 3, true), 0);
    assert.equal(cycleIndex(0, 3, false), 2);
    assert.equal(cycleIndex(1, 3, true), 2);
    assert.equal(cycleIndex(1, 3, false), 0);
  });
  test("one mark stays selected", () => {
    assert.equal(cycleIndex(0, 1, true), 0);
    assert.equal(cycleIndex(0, 1, false), 0);
  });
});

describe("postKeyAction", () => {
  test("navigation and selection keys pass to the browser", () => {
    for (const key of ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Tab", "Shift"]) {
      assert.equal(postKeyAction({ key }), "pass", key);
    }
  });
  test("copy and select-all pass, with Ctrl or Cmd", () => {
    assert.equal(postKeyAction({ key: "c", ctrlKey: true }), "pass");
    assert.equal(postKeyAction({ key: "A", metaKey: true }), "pass");
    assert.equal(postKeyAction({ key: "v", ctrlKey: true }), "block");
    assert.equal(postKeyAction({ key: "x", ctrlKey: true }), "block");
  });
  test("M and Enter mark the selection, Escape cancels", () => {
    assert.equal(postKeyAction({ key: "m" }), "mark");
    assert.equal(postKeyAction({ key: "M" }), "mark");
    assert.equal(postKeyAction({ key: "Enter" }), "mark");
    assert.equal(postKeyAction({ key: "Escape" }), "cancel");
  });
  test("typing is blocked: the post is read-only", () => {
    for (const key of ["a", "Backspace", "Delete", " ", "1"]) assert.equal(postKeyAction({ key }), "block", key);
  });
});
