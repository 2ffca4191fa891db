// Box geometry: clip, move, resize, drawing, and the image <-> stage mapping.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  MAX_ZOOM,
  badgePosition,
  centred,
  clipBox,
  fitStage,
  handles,
  isBox,
  labelPosition,
  movedBox,
  newBoxAround,
  popoverPosition,
  spreadBadges,
  rectBetween,
  resizedBox,
  toImage,
  toScreen,
  zoomedView,
} from "../src/geometry.js";

const IMAGE = { width: 640, height: 480 };
/** @param {number} x @param {number} y @param {number} w @param {number} h */
const box = (x, y, w, h) => ({ type: /** @type {"box"} */ ("box"), asset: "frame", x, y, w, h });

describe("clipBox", () => {
  test("rounds to whole pixels", () => {
    assert.deepEqual(clipBox({ asset: "frame", x: 10.4, y: 20.6, w: 30.2, h: 40.5 }, IMAGE), box(10, 21, 31, 40));
  });
  test("cuts a box hanging over the edges to the image", () => {
    assert.deepEqual(clipBox({ asset: "frame", x: -20, y: 470, w: 50, h: 40 }, IMAGE), box(0, 470, 30, 10));
    assert.deepEqual(clipBox({ asset: "frame", x: 600, y: -5, w: 100, h: 10 }, IMAGE), box(600, 0, 40, 5));
  });
  test("keeps at least one pixel of a box outside the image", () => {
    assert.deepEqual(clipBox({ asset: "frame", x: 700, y: 500, w: 10, h: 10 }, IMAGE), box(639, 479, 1, 1));
    assert.deepEqual(clipBox({ asset: "frame", x: -50, y: -50, w: 10, h: 10 }, IMAGE), box(0, 0, 1, 1));
  });
  test("returns a box location (type box) on the given asset", () => {
    const clipped = clipBox({ asset: "xray", x: 1, y: 2, w: 3, h: 4 }, IMAGE);
    assert.equal(clipped.type, "box");
    assert.equal(clipped.asset, "xray");
  });
});

describe("movedBox", () => {
  test("moves by the offset and keeps the size", () => {
    assert.deepEqual(movedBox(box(100, 100, 50, 20), 15, -30, IMAGE), box(115, 70, 50, 20));
  });
  test("stops at every edge without shrinking", () => {
    assert.deepEqual(movedBox(box(10, 10, 50, 20), -40, -40, IMAGE), box(0, 0, 50, 20));
    assert.deepEqual(movedBox(box(580, 450, 50, 20), 40, 40, IMAGE), box(590, 460, 50, 20));
  });
});

describe("resizedBox", () => {
  test("the se handle grows the right and bottom edges", () => {
    assert.deepEqual(resizedBox(box(100, 100, 50, 20), "se", 10, 5), box(100, 100, 60, 25));
  });
  test("the nw handle moves the left and top edges", () => {
    assert.deepEqual(resizedBox(box(100, 100, 50, 20), "nw", 10, 5), box(110, 105, 40, 15));
  });
  test("ne and sw move one edge each way", () => {
    assert.deepEqual(resizedBox(box(100, 100, 50, 20), "ne", 10, 5), box(100, 105, 60, 15));
    assert.deepEqual(resizedBox(box(100, 100, 50, 20), "sw", 10, 5), box(110, 100, 40, 25));
  });
  test("dragging an edge past the opposite one flips the box", () => {
    assert.deepEqual(resizedBox(box(100, 100, 50, 20), "se", -80, -30), box(70, 90, 30, 10));
  });
  test("never goes below one pixel", () => {
    assert.deepEqual(resizedBox(box(100, 100, 50, 20), "se", -50, -20), box(100, 100, 1, 1));
  });
});

describe("drawing", () => {
  test("a drag spans a rectangle in any direction", () => {
    assert.deepEqual(rectBetween({ x: 50, y: 40 }, { x: 10, y: 60 }), { x: 10, y: 40, w: 40, h: 20 });
  });
  test("a drag under 4 pixels either way is a click", () => {
    assert.equal(isBox({ x: 0, y: 0, w: 4, h: 4 }), true);
    assert.equal(isBox({ x: 0, y: 0, w: 3.9, h: 40 }), false);
    assert.equal(isBox({ x: 0, y: 0, w: 40, h: 3 }), false);
  });
  test("the keyboard's new box is centred and sized to the image", () => {
    assert.deepEqual(newBoxAround({ x: 320, y: 240 }, IMAGE), { x: 281.5, y: 230.5, w: 77, h: 19 });
    assert.deepEqual(newBoxAround({ x: 50, y: 50 }, { width: 100, height: 100 }), { x: 38, y: 42, w: 24, h: 16 });
  });
});

describe("stage mapping", () => {
  const view = { zoom: 2, tx: 30, ty: -10 };
  test("toScreen and toImage are inverse", () => {
    const screen = toScreen({ x: 100, y: 50, w: 20, h: 10 }, view, 1.5);
    assert.deepEqual(screen, { x: 180, y: 65, w: 30, h: 15 });
    assert.deepEqual(toImage({ x: 180, y: 65 }, view, 1.5), { x: 100, y: 50 });
  });
  test("fitStage keeps the aspect ratio up to the height limit", () => {
    assert.deepEqual(fitStage(800, 1000, IMAGE), { height: 600, fit: 1.25 });
    assert.deepEqual(fitStage(800, 300, IMAGE), { height: 300, fit: 0.625 });
  });
  test("centred puts the fitted picture in the middle", () => {
    assert.deepEqual(centred({ width: 800, height: 300 }, IMAGE, 0.625), { tx: 200, ty: 0 });
  });
  test("zooming keeps the point under the pointer in place", () => {
    const before = { zoom: 1, tx: 0, ty: 0 };
    const after = zoomedView(before, 2, 0.5, { x: 100, y: 60 });
    assert.equal(after.zoom, 2);
    const imagePoint = toImage({ x: 100, y: 60 }, before, 0.5);
    assert.deepEqual(toImage({ x: 100, y: 60 }, after, 0.5 * after.zoom), imagePoint);
  });
  test("zoom stays between fit and the maximum", () => {
    assert.equal(zoomedView({ zoom: 1, tx: 0, ty: 0 }, 0.5, 1, { x: 0, y: 0 }).zoom, 1);
    assert.equal(zoomedView({ zoom: 10, tx: 0, ty: 0 }, 2, 1, { x: 0, y: 0 }).zoom, MAX_ZOOM);
  });
});

describe("placing popovers, badges and labels", () => {
  const container = { width: 600, height: 400 };
  test("a popover goes below its anchor", () => {
    assert.deepEqual(popoverPosition({ x: 100, y: 50, w: 40, h: 20 }, { width: 200, height: 80 }, container), { left: 100, top: 80 });
  });
  test("above when there is no room below but room above", () => {
    assert.deepEqual(popoverPosition({ x: 100, y: 300, w: 40, h: 60 }, { width: 200, height: 80 }, container), { left: 100, top: 210 });
  });
  test("beside it when there is no room above or below, below only when there is none at all", () => {
    assert.deepEqual(popoverPosition({ x: 100, y: 50, w: 40, h: 320 }, { width: 200, height: 80 }, container), { left: 150, top: 50 });
    assert.deepEqual(popoverPosition({ x: 380, y: 50, w: 40, h: 320 }, { width: 200, height: 80 }, container), { left: 170, top: 50 });
    assert.deepEqual(popoverPosition({ x: 100, y: 50, w: 400, h: 320 }, { width: 200, height: 80 }, container), { left: 100, top: 380 });
  });
  test("a popover never covers what it points at", () => {
    let seed = 7;
    const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n;
    for (let i = 0; i < 2000; i++) {
      const anchor = { x: rand(560), y: rand(380), w: 4 + rand(300), h: 4 + rand(200) };
      const pop = { width: 120 + rand(200), height: 40 + rand(120) };
      const at = popoverPosition(anchor, pop, container);
      const overlapX = at.left < anchor.x + anchor.w && anchor.x < at.left + pop.width;
      const overlapY = at.top < anchor.y + anchor.h && anchor.y < at.top + pop.height;
      assert.ok(!(overlapX && overlapY), JSON.stringify({ anchor, pop, at }));
    }
  });
  test("badges of overlapping boxes are spread apart, not stacked", () => {
    const same = { left: 200, top: 100, width: 28, height: 18 };
    const spread = spreadBadges([same, same, { ...same, left: 210 }, { left: 400, top: 100, width: 28, height: 18 }]);
    assert.deepEqual(spread, [{ left: 200, top: 100 }, { left: 200, top: 119 }, { left: 210, top: 138 }, { left: 400, top: 100 }]);
  });
  test("kept inside the container's width", () => {
    assert.equal(popoverPosition({ x: 550, y: 0, w: 10, h: 10 }, { width: 200, height: 10 }, container).left, 396);
    assert.equal(popoverPosition({ x: -30, y: 0, w: 10, h: 10 }, { width: 200, height: 10 }, container).left, 4);
  });
  test("a badge goes right of its box, else left, else inside", () => {
    assert.deepEqual(badgePosition({ x: 100, y: 100, w: 50, h: 20 }, "✓1", 600), { left: 153, top: 101 });
    assert.deepEqual(badgePosition({ x: 550, y: 100, w: 40, h: 20 }, "✓1", 600), { left: 519, top: 101 });
    assert.deepEqual(badgePosition({ x: 5, y: 100, w: 590, h: 20 }, "✓12", 600), { left: 7, top: 102 });
  });
  test("the selected box's label goes above it, or below near the top", () => {
    assert.deepEqual(labelPosition({ x: -5, y: 100, w: 50, h: 20 }), { left: 0, top: 79 });
    assert.deepEqual(labelPosition({ x: 10, y: 20, w: 50, h: 20 }), { left: 10, top: 42 });
  });
  test("four handles at the corners", () => {
    assert.deepEqual(handles({ x: 1, y: 2, w: 10, h: 20 }).map(([n]) => n), ["nw", "ne", "sw", "se"]);
    assert.deepEqual(handles({ x: 1, y: 2, w: 10, h: 20 })[3], ["se", 11, 22]);
  });
});
