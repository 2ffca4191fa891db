// Locations and names in a learner's words.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { describeLocation, fieldName, initials } from "../src/describe.js";

const CASE = {
  imageLabel: (/** @type {string} */ id) => (id === "frame" ? "Endoscopy frame" : undefined),
  fieldText: (/** @type {string} */ field) => (field === "text" ? "Seen this morning" : ""),
};

describe("fieldName", () => {
  test("named fields", () => {
    assert.equal(fieldName("text"), "the post");
    assert.equal(fieldName("author.bio"), "the author's bio");
  });
  test("replies and the thread are numbered from 1", () => {
    assert.equal(fieldName("replies.0.text"), "reply 1");
    assert.equal(fieldName("replies.2.author.display_name"), "reply 3 (name)");
    assert.equal(fieldName("replies.1.author.handle"), "reply 2 (handle)");
    assert.equal(fieldName("thread.1.posted_at"), "earlier post 2 (time)");
  });
  test("anything else by its own name", () => {
    assert.equal(fieldName("custom"), "custom");
    assert.equal(fieldName("constructor"), "constructor");
  });
});

describe("describeLocation", () => {
  const frameBox = { type: "box", asset: "frame", x: 1, y: 2, w: 3, h: 4 };
  test("a box by its image, with or without its coordinates", () => {
    assert.equal(describeLocation(frameBox, CASE), "box on Endoscopy frame (x 1, y 2, 3×4)");
    assert.equal(describeLocation(frameBox, CASE, false), "box on Endoscopy frame");
    assert.equal(describeLocation({ ...frameBox, asset: "gone" }, CASE, false), "box on gone");
  });
  test("a span quotes its words", () => {
    assert.equal(describeLocation({ type: "span", asset: "post", field: "text", start: 5, end: 9 }, CASE), "“this” in the post");
  });
  test("a header field by tag and file", () => {
    assert.equal(describeLocation({ type: "meta", asset: "photo", tag: "Artist" }, CASE), "file field Artist of photo");
  });
  test("another kind by its type", () => {
    assert.equal(describeLocation({ type: "point", asset: "frame" }, CASE), "point");
  });
});

test("initials for the avatar", () => {
  assert.equal(initials("Dr Ann Lee"), "AL");
  assert.equal(initials("dr. maya"), "M");
  assert.equal(initials(""), "?");
  assert.equal(initials(null), "?");
});

test("a span's words are quoted by character, as Python counts them", () => {
  const text = { imageLabel: () => undefined, fieldText: () => "🙂🙂 Jane" };
  assert.equal(describeLocation({ type: "span", asset: "post", field: "text", start: 3, end: 7 }, text), "“Jane” in the post");
});
