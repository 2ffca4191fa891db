// The author's post editor: markers <-> plain text and marks, and marks following edits.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { followEdit, markProblem, parsePost, serializePost, trimmedRange } from "../src/author/post-markup.js";

describe("parsePost and serializePost", () => {
  test("every marker form of the bank comes back as written", () => {
    const text =
      "Seen [[Jane Roe|patient_name]] on [[this morning's list|date_of_care|0.5]] at " +
      "[[Hadbury|place|0.5|the clinic]], [[lovely||0.3]] and [[Dr Vale|safe: the author's own name]].";
    const parsed = parsePost(text);
    assert.equal(parsed.problem, "");
    assert.equal(parsed.plain, "Seen Jane Roe on this morning's list at Hadbury, lovely and Dr Vale.");
    assert.deepEqual(parsed.marks[0], { start: 5, end: 13, label: "patient_name", chance: "", alt: "" });
    assert.deepEqual(parsed.marks[2], { start: 40, end: 47, label: "place", chance: "0.5", alt: "the clinic" });
    assert.equal(parsed.marks[3].label, "");
    assert.equal(parsed.marks[4].label, "safe: the author's own name");
    assert.equal(serializePost(parsed.plain, parsed.marks), text);
  });
  test("a post without markers is its own plain text", () => {
    assert.deepEqual(parsePost("Nothing marked."), { plain: "Nothing marked.", marks: [], problem: "" });
    assert.equal(serializePost("Nothing marked.", []), "Nothing marked.");
  });
  test("an unclosed [[ or a stray ]] keeps the text whole and says so", () => {
    for (const bad of ["Seen [[Jane today", "Seen Jane]] today", "[[a|b]] then [[c"]) {
      const parsed = parsePost(bad);
      assert.equal(parsed.plain, bad);
      assert.deepEqual(parsed.marks, []);
      assert.match(parsed.problem, /unclosed \[\[/);
    }
  });
  test("marks are written in order, whatever order they were made in", () => {
    const plain = "Jane on Monday";
    const marks = [
      { start: 8, end: 14, label: "date_of_care", chance: "", alt: "" },
      { start: 0, end: 4, label: "patient_name", chance: "", alt: "" },
    ];
    assert.equal(serializePost(plain, marks), "[[Jane|patient_name]] on [[Monday|date_of_care]]");
  });
});

describe("markProblem and trimmedRange", () => {
  const plain = "Seen Jane | Roe today";
  test("nothing selected, a pipe, an overlap are refused with a reason", () => {
    assert.match(markProblem(plain, 4, 5, []), /Select the words/);
    assert.match(markProblem(plain, 5, 15, []), /\|/);
    const marks = [{ start: 5, end: 9, label: "patient_name", chance: "", alt: "" }];
    assert.match(markProblem(plain, 7, 9, marks), /overlap/);
    assert.equal(markProblem(plain, 16, 21, marks), "");
  });
  test("spaces at either end of a selection are dropped", () => {
    assert.deepEqual(trimmedRange(" Jane ", 0, 6), { start: 1, end: 5 });
    assert.deepEqual(trimmedRange("   ", 0, 3), { start: 3, end: 3 });
  });
});

describe("followEdit", () => {
  const before = "Seen Jane Roe on Monday";
  const jane = { start: 5, end: 13, label: "patient_name", chance: "", alt: "" };
  const monday = { start: 17, end: 23, label: "date_of_care", chance: "", alt: "" };
  test("typing before a mark moves it, typing after leaves it", () => {
    const moved = followEdit(before, "We seen Jane Roe on Monday", [jane, monday]);
    assert.deepEqual(moved.dropped, []);
    assert.deepEqual(moved.marks.map((m) => [m.start, m.end]), [[8, 16], [20, 26]]);
    const after = followEdit(before, "Seen Jane Roe on Monday!", [jane, monday]);
    assert.deepEqual(after.marks.map((m) => [m.start, m.end]), [[5, 13], [17, 23]]);
  });
  test("typing right after a mark does not grow it", () => {
    const { marks } = followEdit(before, "Seen Jane Roe, on Monday", [jane]);
    assert.equal("Seen Jane Roe, on Monday".slice(marks[0].start, marks[0].end), "Jane Roe");
  });
  test("a typo fixed inside a mark keeps it on the corrected words", () => {
    const text = "Seen Jnae Roe today";
    const { marks, dropped } = followEdit(text, "Seen Jane Roe today", [{ ...jane }]);
    assert.deepEqual(dropped, []);
    assert.equal("Seen Jane Roe today".slice(marks[0].start, marks[0].end), "Jane Roe");
    const longer = followEdit(before, "Seen Janet Roe on Monday", [jane]).marks[0];
    assert.equal("Seen Janet Roe on Monday".slice(longer.start, longer.end), "Janet Roe");
  });
  test("an edit across a mark's edge drops it; deleting its words drops it", () => {
    const across = followEdit(before, "Seen Jane Rxx Monday", [jane, monday]);
    assert.deepEqual(across.dropped, [jane]);
    assert.equal("Seen Jane Rxx Monday".slice(across.marks[0].start, across.marks[0].end), "Monday");
    const inside = followEdit(before, "Seen Ja on Monday", [jane]).marks[0];
    assert.equal("Seen Ja on Monday".slice(inside.start, inside.end), "Ja");
    const gone = followEdit(before, "Seen  on Monday", [jane]);
    assert.deepEqual(gone.marks, []);
  });
  test("serialised after edits, the markers wrap the same words", () => {
    const after = "Yesterday we saw Jane Roe on Monday";
    const { marks } = followEdit(before, after, [jane, monday]);
    assert.equal(serializePost(after, marks), "Yesterday we saw [[Jane Roe|patient_name]] on [[Monday|date_of_care]]");
  });
});
