// Text selection to spans, and the pieces of a field under its highlighted spans.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { layerPieces, selectionSpan } from "../src/spans.js";

const TEXT = "Seen this morning at St Elsewhere";
const WHERE = { asset: "post", field: "text" };

describe("selectionSpan", () => {
  test("keeps the selected offsets as a span of the field", () => {
    assert.deepEqual(selectionSpan(TEXT, 5, 17, WHERE), { type: "span", asset: "post", field: "text", start: 5, end: 17 });
  });
  test("leaves widening to whole words to the kernel", () => {
    assert.deepEqual(selectionSpan(TEXT, 7, 12, WHERE), { type: "span", asset: "post", field: "text", start: 7, end: 12 });
  });
  test("a selection of spaces only is no span", () => {
    assert.equal(selectionSpan(TEXT, 4, 5, WHERE), null);
    assert.equal(selectionSpan("a  \n  b", 1, 6, WHERE), null);
    assert.equal(selectionSpan(TEXT, 3, 3, WHERE), null);
  });
  test("offsets past the text hold nothing", () => {
    assert.equal(selectionSpan(TEXT, 40, 50, WHERE), null);
  });
});

describe("layerPieces", () => {
  const a = { start: 5, end: 9, name: "a" };
  const b = { start: 7, end: 17, name: "b" };
  test("no layers: the whole text in one piece", () => {
    assert.deepEqual(layerPieces("hello", []), [{ text: "hello", layer: null }]);
  });
  test("plain text around a layer", () => {
    assert.deepEqual(layerPieces(TEXT, [a]), [
      { text: "Seen ", layer: null },
      { text: "this", layer: a },
      { text: " morning at St Elsewhere", layer: null },
    ]);
  });
  test("the later layer is on top where they overlap", () => {
    assert.deepEqual(layerPieces(TEXT, [a, b]).map((p) => [p.text, p.layer && p.layer.name]), [
      ["Seen ", null],
      ["th", "a"],
      ["is morning", "b"],
      [" at St Elsewhere", null],
    ]);
    assert.deepEqual(layerPieces(TEXT, [b, a]).map((p) => [p.text, p.layer && p.layer.name]), [
      ["Seen ", null],
      ["this", "a"],
      [" morning", "b"],
      [" at St Elsewhere", null],
    ]);
  });
  test("the pieces put back together are the text", () => {
    const pieces = layerPieces(TEXT, [a, b, { start: 0, end: 2 }]);
    assert.equal(pieces.map((p) => p.text).join(""), TEXT);
  });
  test("offsets outside the text are clipped to it", () => {
    assert.deepEqual(layerPieces("abc", [{ start: -5, end: 1 }, { start: 2, end: 99 }]).map((p) => p.text), ["a", "b", "c"]);
  });
  test("an empty field has no pieces", () => {
    assert.deepEqual(layerPieces("", [a]), []);
  });
});
