// Feedback drawing: the boxes on a picture and the spans in the post, bottom to top.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { metaFlags, overlayBoxes, spanLayers } from "../src/overlay.js";

/** @param {string} asset @param {number} x */
const box = (asset, x) => ({ type: "box", asset, x, y: 0, w: 10, h: 10 });
const span = (/** @type {number} */ start, /** @type {number} */ end) => ({ type: "span", asset: "post", field: "text", start, end });
const LABELS = { patient_name: "Patient name", date_of_care: "Date of care" };
const label = (/** @type {string} */ c) => LABELS[/** @type {keyof typeof LABELS} */ (c)] || c;
const none = { pending: null, selected: null, moved: null, drawing: null };

const marks = [
  { id: "m1", category: "patient_name", location: box("frame", 0) },
  { id: "m2", category: "date_of_care", location: box("xray", 0) },
  { id: "m3", category: "date_of_care", location: span(0, 4) },
];

describe("overlayBoxes", () => {
  test("only the boxes on the image shown, each mark numbered as in the list", () => {
    const boxes = overlayBoxes("xray", { marks, items: [], findings: [], status: new Map(), label }, none);
    assert.deepEqual(boxes, [
      { box: marks[1].location, status: "mine", badge: "2", text: "2 · Date of care", id: "m2", selected: false },
    ]);
  });
  test("after Check: statuses on marks, missed boxes lettered, key below all", () => {
    const items = [
      { status: "found", label: "Patient name", location: box("frame", 0), mark_ids: ["m1"] },
      { status: "missed", label: "Date of care", location: box("frame", 50), mark_ids: [] },
    ];
    const findings = [{ category: "patient_name", location: box("frame", 0) }];
    const status = new Map([["m1", "found"]]);
    const boxes = overlayBoxes("frame", { marks, items, findings, status, label }, { ...none, selected: "m1" });
    assert.deepEqual(
      boxes.map((b) => [b.status, b.badge, b.text, b.ref, b.id, b.selected]),
      [
        ["key", "★1", "In the key: Patient name", "key:0", undefined, undefined],
        ["missed", "✗A", "Missed A: Date of care", "fb:1", undefined, undefined],
        ["found", "✓1", "✓ 1 · Patient name (found)", undefined, "m1", true],
      ],
    );
  });
  test("a mark being dragged is drawn where it is dragged to", () => {
    const moved = { id: "m1", box: box("frame", 30) };
    const [drawn] = overlayBoxes("frame", { marks, items: [], findings: [], status: new Map(), label }, { ...none, moved });
    assert.deepEqual(drawn.box, moved.box);
  });
  test("the new mark and the box being drawn are on top", () => {
    const pending = box("frame", 70);
    const drawing = { start: { x: 9, y: 9 }, current: { x: 1, y: 5 } };
    const boxes = overlayBoxes("frame", { marks: [], items: [], findings: [], status: new Map(), label }, { ...none, pending, drawing });
    assert.deepEqual(boxes, [
      { box: pending, status: "pending", text: "New mark: choose what it is", id: "pending", selected: true },
      { box: { x: 1, y: 5, w: 8, h: 4 }, status: "pending" },
    ]);
  });
  test("the new mark being dragged is drawn where it is dragged to", () => {
    const pending = box("frame", 70);
    const moved = { pending: true, box: box("frame", 80) };
    const [drawn] = overlayBoxes("frame", { marks: [], items: [], findings: [], status: new Map(), label }, { ...none, pending, moved });
    assert.deepEqual(drawn.box, moved.box);
  });
  test("a new mark on another image or in the post is not drawn here", () => {
    const state = { marks: [], items: [], findings: [], status: new Map(), label };
    assert.deepEqual(overlayBoxes("frame", state, { ...none, pending: box("xray", 0) }), []);
    assert.deepEqual(overlayBoxes("frame", state, { ...none, pending: span(0, 3) }), []);
  });
});

describe("spanLayers", () => {
  test("key, missed, marks and the new mark, in that order, per field", () => {
    const items = [{ status: "missed", label: "Date of care", location: span(5, 9) }];
    const findings = [{ category: "patient_name", location: span(0, 4) }];
    const status = new Map([["m3", "partial"]]);
    const layers = spanLayers({ marks, items, findings, status, label }, span(10, 12));
    assert.deepEqual([...layers.keys()], ["text"]);
    assert.deepEqual(layers.get("text"), [
      { start: 0, end: 4, status: "key", ref: "key:0", title: "In the key: Patient name" },
      { start: 5, end: 9, status: "missed", ref: "fb:0", title: "Missed: Date of care" },
      { start: 0, end: 4, status: "partial", id: "m3", title: "3 · Date of care (Partly right)" },
      { start: 10, end: 12, status: "pending", title: "New mark" },
    ]);
  });
  test("boxes and header fields make no span", () => {
    assert.equal(spanLayers({ marks: marks.slice(0, 2), items: [], findings: [], status: new Map(), label }, box("frame", 0)).size, 0);
  });
});

describe("metaFlags", () => {
  test("missed and keyed header rows by asset|tag", () => {
    const meta = { type: "meta", asset: "photo", tag: "GPSInfo" };
    const flags = metaFlags([{ status: "missed", label: "GPS", location: meta }, { status: "found", label: "x", location: { ...meta, tag: "Artist" } }], [{ category: "exif_gps", location: meta }]);
    assert.deepEqual([...flags.missed], [["photo|GPSInfo", "GPS"]]);
    assert.deepEqual([...flags.keyed], ["photo|GPSInfo"]);
  });
});
