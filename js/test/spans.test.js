// Text selection to spans, and the pieces of a field under its highlighted spans.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { codePointOffset, layerPieces, selectionSpan, sliceChars } from "../src/spans.js";

const TEXT = "Seen this morning at St Elsewhere";
const WHERE = { asset: "post", field: "text" };

describe("selectionSpan", () => {
  test("keeps the selected offsets as a span of the field", () => {
    assert.deepEqual(selectionSpan(TEXT, 5, 17, WHERE), { type: "span", asset: "post", field: "text", start: 5, end: 17 });
  });
  test("widens to whole words as the kernel does, so the preview shows what is saved", () => {
    assert.deepEqual(selectionSpan(TEXT, 7, 12, WHERE), { type: "span", asset: "post", field: "text", start: 5, end: 17 });
    assert.deepEqual(selectionSpan("it's Zoë’s list", 2, 8, WHERE), { type: "span", asset: "post", field: "text", start: 0, end: 10 });
    assert.deepEqual(selectionSpan(TEXT, 4, 9, WHERE), { type: "span", asset: "post", field: "text", start: 5, end: 9 });
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

describe("characters beyond the Basic Multilingual Plane", () => {
  // "🙂" is one character (as Python counts) but two UTF-16 code units (as the DOM counts).
  const EMOJI = "🙂 Jane Roe 🏥 St Elsewhere";
  test("codePointOffset counts characters, not code units", () => {
    assert.equal(codePointOffset(EMOJI, 0), 0);
    assert.equal(codePointOffset(EMOJI, 2), 1);
    assert.equal(codePointOffset(EMOJI, 3), 2);
    assert.equal(codePointOffset(EMOJI, 1), 0, "inside a surrogate pair: not yet reached");
    assert.equal(codePointOffset(EMOJI, EMOJI.length), [...EMOJI].length);
  });
  test("a selection after an emoji becomes a span in characters", () => {
    const start = EMOJI.indexOf("Jane");
    const span = selectionSpan(EMOJI, start, start + 4, WHERE);
    assert.deepEqual(span, { type: "span", asset: "post", field: "text", start: 2, end: 6 });
    assert.equal(sliceChars(EMOJI, 2, 6), "Jane");
  });
  test("spans in characters highlight the right words after emoji", () => {
    const stElsewhere = { start: 13, end: 25 };
    assert.equal(sliceChars(EMOJI, stElsewhere.start, stElsewhere.end), "St Elsewhere");
    assert.deepEqual(layerPieces(EMOJI, [stElsewhere]).map((p) => p.text), ["🙂 Jane Roe 🏥 ", "St Elsewhere"]);
  });
  test("plain text: characters and code units agree", () => {
    assert.equal(codePointOffset(TEXT, 17), 17);
    assert.equal(sliceChars(TEXT, 5, 9), TEXT.slice(5, 9));
  });
});
