// Feedback grouping: mark statuses, missed letters, groups, badges, consent and decision.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  FEEDBACK_GROUPS,
  badgeOf,
  decisionStatus,
  feedbackGroups,
  gapStatus,
  markStatus,
  metaRowStatus,
  missedLetters,
  scorePercent,
  statusSign,
  statusText,
} from "../src/feedback.js";

const box = (/** @type {number} */ x) => ({ type: "box", asset: "frame", x, y: 0, w: 10, h: 10 });
const span = { type: "span", asset: "post", field: "text", start: 0, end: 4 };
const meta = { type: "meta", asset: "frame", tag: "Artist" };

/** @param {string} status @param {object} location @param {string[]} [mark_ids] */
const item = (status, location, mark_ids = []) => ({ status, label: status, location, mark_ids });

const marks = [
  { id: "m1", category: "patient_name", location: box(0) },
  { id: "m2", category: "date_of_care", location: box(20) },
  { id: "m3", category: "hospital_name", location: box(40) },
];

describe("markStatus", () => {
  test("each mark takes the status of the item naming it", () => {
    const status = markStatus([item("found", box(0), ["m1"]), item("false_alarm", box(40), ["m3"])]);
    assert.deepEqual([...status], [["m1", "found"], ["m3", "false_alarm"]]);
  });
  test("one mark that finds several key items is found once, by the first", () => {
    const items = [item("found", box(0), ["m1"]), item("found", box(5), ["m1"]), item("partial", box(9), ["m1", "m2"])];
    assert.deepEqual([...markStatus(items)], [["m1", "found"], ["m2", "partial"]]);
  });
  test("items without mark ids colour nothing", () => {
    assert.equal(markStatus([item("missed", box(0)), { status: "missed", label: "", location: box(0) }]).size, 0);
  });
});

describe("missedLetters", () => {
  test("letters go to missed boxes only, in order", () => {
    const items = [item("missed", box(0)), item("found", box(1), ["m1"]), item("missed", span), item("missed", box(2)), item("missed", meta)];
    assert.deepEqual([...missedLetters(items)], [[0, "A"], [3, "B"]]);
  });
  test("after Z the letters start again", () => {
    const items = Array.from({ length: 28 }, (_, i) => item("missed", box(i)));
    const letters = missedLetters(items);
    assert.equal(letters.get(25), "Z");
    assert.equal(letters.get(26), "A");
  });
});

describe("feedbackGroups", () => {
  test("groups in the order shown, empty ones left out, items kept in order", () => {
    const items = [item("found", box(0), ["m1"]), item("missed", box(1)), item("found", box(2), ["m2"]), item("repeat", box(0), ["m3"])];
    const groups = feedbackGroups(items);
    assert.deepEqual(groups.map((g) => g.status), ["missed", "found", "repeat"]);
    assert.deepEqual(groups[1].items, [items[0], items[2]]);
    assert.equal(groups[0].title, "What you missed");
  });
  test("an unknown status is in no group", () => {
    assert.deepEqual(feedbackGroups([item("bonus", box(0))]), []);
  });
  test("every group has a title", () => {
    for (const g of FEEDBACK_GROUPS) assert.ok(g.title.length > 0, g.status);
  });
});

describe("badgeOf", () => {
  test("a finding's badge is the numbers of the marks that found it", () => {
    const items = [item("found", box(0), ["m3", "m1"])];
    assert.equal(badgeOf(items[0], items, marks), "3, 1");
  });
  test("ids of marks since removed are left out", () => {
    const items = [item("found", box(0), ["gone", "m2"])];
    assert.equal(badgeOf(items[0], items, marks), "2");
  });
  test("a missed box carries its letter; a missed span or header field none", () => {
    const items = [item("missed", span), item("missed", box(0)), item("missed", meta)];
    assert.equal(badgeOf(items[1], items, marks), "A");
    assert.equal(badgeOf(items[0], items, marks), "");
    assert.equal(badgeOf(items[2], items, marks), "");
  });
});

describe("statuses in words", () => {
  test("known statuses have text and a sign; unknown ones neither", () => {
    assert.equal(statusText("false_alarm"), "False alarm");
    assert.equal(statusSign("found"), "✓");
    assert.equal(statusText("toString"), "");
    assert.equal(statusSign("nonsense"), "");
  });
  test("the score in percent", () => {
    assert.equal(scorePercent({ percent: 73, score: 0.1 }), 73);
    assert.equal(scorePercent({ score: 0.456 }), 46);
    assert.equal(scorePercent({}), 0);
  });
});

describe("consent, decision and header rows", () => {
  test("gap statuses by id", () => {
    assert.deepEqual([...gapStatus({ items: [{ id: "verbal_only", status: "found", label: "" }] })], [["verbal_only", "found"]]);
    assert.equal(gapStatus(undefined).size, 0);
  });
  test("decision choices after Check", () => {
    const fb = { expected: "do_not_post", expected_label: "", correct: false };
    assert.equal(decisionStatus("do_not_post", "post_as_is", fb), "missed");
    assert.equal(decisionStatus("do_not_post", "do_not_post", fb), "found");
    assert.equal(decisionStatus("post_as_is", "post_as_is", fb), "false_alarm");
    assert.equal(decisionStatus("edit_first", "post_as_is", fb), "");
    assert.equal(decisionStatus("do_not_post", "do_not_post", undefined), "");
  });
  test("a header row shows its mark's status, else missed, key or pending", () => {
    assert.equal(metaRowStatus({ markStatus: "", pending: false, missed: true, keyed: true }), "mine");
    assert.equal(metaRowStatus({ markStatus: "found", pending: false, missed: false, keyed: false }), "found");
    assert.equal(metaRowStatus({ markStatus: null, pending: true, missed: true, keyed: true }), "missed");
    assert.equal(metaRowStatus({ markStatus: null, pending: true, missed: false, keyed: true }), "key");
    assert.equal(metaRowStatus({ markStatus: null, pending: true, missed: false, keyed: false }), "pending");
    assert.equal(metaRowStatus({ markStatus: null, pending: false, missed: false, keyed: false }), "");
  });
});
