// The author's marks: defaults from the taxonomy, review states, fills, removal, blockers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { consentValue, withConsent } from "../src/author/consent.js";
import {
  accepted,
  boxLocation,
  filled,
  freshId,
  markState,
  newMark,
  saveBlockers,
  stateCounts,
  stateText,
  withCategory,
  withStatus,
  withoutMark,
} from "../src/author/marks.js";

/** @type {import("../src/author/types.js").AuthorTaxonomy} */
const TAX = {
  category_groups: [
    {
      id: "direct",
      label: "Direct",
      hint: "",
      items: [
        { id: "patient_name", label: "Patient name", description: "A name.", severity: "high", guidance: ["hipaa_names"], remedy: "" },
        { id: "full_face", label: "Full face", description: "A face.", severity: "high", guidance: ["hipaa_faces"], remedy: "" },
      ],
    },
    { id: "indirect", label: "Indirect", hint: "", items: [{ id: "place", label: "Place", description: "A place.", severity: "medium", guidance: ["seed_box1"], remedy: "" }] },
  ],
  guidance: [],
  severities: [],
  decisions: [],
  modalities: [],
  fill_kinds: [
    { id: "name", label: "name", category: "patient_name", example: "Eleanor Price" },
    { id: "place", label: "place", category: "place", example: "Little Hadbury" },
  ],
  metadata_statuses: [],
  consent_fields: [],
};

/** @returns {import("../src/author/types.js").DraftMark} */
const proposal = (over = {}) => ({
  id: "m1",
  box: [10, 20, 100, 16],
  category: "",
  severity: "",
  explanation: "",
  guidance: [],
  origin: "ocr",
  text: "JANE DOE",
  status: "proposed",
  fill: null,
  ...over,
});

describe("new marks and categories", () => {
  test("a drawn box is in the key with the taxonomy's wording", () => {
    const m = newMark("e1", "full_face", { x: 1, y: 2, w: 30, h: 40 }, TAX);
    assert.deepEqual(m.box, [1, 2, 30, 40]);
    assert.equal(m.status, "accepted");
    assert.equal(m.origin, "educator");
    assert.equal(m.explanation, "A face.");
    assert.deepEqual(m.guidance, ["hipaa_faces"]);
    assert.equal(m.severity, "high");
    assert.deepEqual(boxLocation(m), { type: "box", asset: "image", x: 1, y: 2, w: 30, h: 40 });
  });
  test("a new category brings its wording unless the educator rewrote it", () => {
    const m = newMark("e1", "patient_name", { x: 0, y: 0, w: 5, h: 5 }, TAX);
    const moved = withCategory(m, "place", TAX);
    assert.equal(moved.explanation, "A place.");
    assert.equal(moved.severity, "medium");
    assert.deepEqual(moved.guidance, ["seed_box1"]);
    const written = withCategory({ ...m, explanation: "Her name, on the board.", severity: "low" }, "place", TAX);
    assert.equal(written.explanation, "Her name, on the board.");
    assert.equal(written.severity, "low");
  });
});

describe("review states", () => {
  test("an unclassified proposal cannot be accepted until it has a category", () => {
    assert.match(String(accepted(proposal(), TAX)), /Choose what it is/);
    const ok = accepted(proposal({ category: "patient_name" }), TAX);
    assert.equal(typeof ok, "object");
    assert.equal(/** @type {any} */ (ok).status, "accepted");
    assert.equal(/** @type {any} */ (ok).explanation, "A name.");
  });
  test("filling accepts the mark and gives an unclassified one the kind's category", () => {
    const m = filled(proposal(), "name", TAX);
    assert.equal(m.status, "accepted");
    assert.equal(m.fill, "name");
    assert.equal(m.category, "patient_name");
    assert.equal(markState(m), "fill");
    assert.equal(stateText(m, TAX), "Filled with a fictional name");
    assert.equal(filled(m, "", TAX).fill, null);
    const kept = filled(proposal({ category: "place" }), "name", TAX);
    assert.equal(kept.category, "place");
  });
  test("a fill the checker suggested is painted only once the mark is accepted", () => {
    const m = proposal({ category: "patient_name", fill: "name" });
    assert.equal(markState(m), "proposed");
    assert.equal(stateText(m, TAX), "Proposed: review it (accept to fill it with a fictional name)");
    const yes = accepted(m, TAX);
    assert.equal(markState(/** @type {any} */ (yes)), "fill");
    assert.equal(markState(withStatus(m, "not_identifying")), "not_identifying");
    assert.equal(withStatus(m, "not_identifying").fill, null);
  });
  test("only an accepted mark stays filled", () => {
    const m = filled(proposal(), "name", TAX);
    assert.equal(withStatus(m, "not_identifying").fill, null);
    assert.equal(withStatus(m, "accepted").fill, "name");
    assert.equal(withStatus(m, "removed").fill, null);
  });
  test("removing a drawn box deletes it; a proposed one is blanked out instead", () => {
    const drawn = newMark("e1", "place", { x: 0, y: 0, w: 5, h: 5 }, TAX);
    const draft = /** @type {any} */ ({ marks: [proposal(), drawn] });
    const after = withoutMark(withoutMark(draft, "e1"), "m1");
    assert.deepEqual(after.marks.map((/** @type {any} */ m) => [m.id, m.status]), [["m1", "removed"]]);
  });
  test("counts per state, and fresh ids", () => {
    const marks = [proposal(), filled(proposal({ id: "m2" }), "name", TAX), withStatus(proposal({ id: "m3" }), "removed")];
    assert.deepEqual(stateCounts(marks), { proposed: 1, accepted: 0, fill: 1, not_identifying: 0, removed: 1 });
    assert.equal(freshId(marks), "e4");
    assert.equal(freshId([...marks, proposal({ id: "e4" })]), "e5");
  });
});

describe("saveBlockers", () => {
  test("the guard's sentences and the page's problems, or why there is no report yet", () => {
    assert.deepEqual(saveBlockers({ ok: true, unaccounted: [] }), []);
    assert.deepEqual(saveBlockers({ ok: false, unaccounted: ["text 'JANE DOE' is unaccounted for"], problems: ["marks[0].box: outside"] }), [
      "marks[0].box: outside",
      "text 'JANE DOE' is unaccounted for",
    ]);
    assert.match(saveBlockers({})[0], /not checked/);
    assert.match(saveBlockers({ ok: false })[0], /did not pass/);
    assert.deepEqual(saveBlockers({ ok: true, unaccounted: [] }, { title: "  " }), ["The case needs a title (under “The case”)."]);
  });
});

describe("the consent record", () => {
  /** @type {import("../src/author/types.js").ConsentField[]} */
  const [form, purposes, platforms, visible] = [
    { id: "form", label: "Form", kind: "choice", options: [{ id: "none", label: "None" }, { id: "written", label: "Written" }] },
    { id: "purposes", label: "Purposes", kind: "choices" },
    { id: "platforms", label: "Platforms", kind: "lines" },
    { id: "public_visibility_explained", label: "Visible", kind: "flag" },
  ];
  test("an empty record shows the first choice, no lines, no flag", () => {
    assert.equal(consentValue({}, form), "none");
    assert.deepEqual(consentValue({}, purposes), []);
    assert.deepEqual(consentValue({}, platforms), []);
    assert.equal(consentValue({}, visible), false);
  });
  test("a field left out of the record shows the record's default", () => {
    const voluntary = { id: "voluntary", label: "Freely", kind: /** @type {const} */ ("flag"), default: true };
    assert.equal(consentValue({}, voluntary), true);
    assert.equal(consentValue({ voluntary: false }, voluntary), false);
  });
  test("the form's values are written in the record's shape", () => {
    let record = withConsent({}, platforms, " the forum \n\n X ");
    record = withConsent(record, visible, true);
    record = withConsent(record, purposes, ["teaching", "social_media"]);
    record = withConsent(record, form, "written");
    assert.deepEqual(record, { platforms: ["the forum", "X"], public_visibility_explained: true, purposes: ["teaching", "social_media"], form: "written" });
  });
});
