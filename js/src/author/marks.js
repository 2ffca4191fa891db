// @ts-check
// What an educator does to a mark of a draft, as pure functions (tested in Node): a new
// box with the taxonomy's wording as a start, a change of category that carries the
// wording along unless the educator rewrote it, accept, confirm "not identifying", blank
// out, fill with a fictional value; and how each state is named and drawn.

/**
 * @import { AuthorCategory, AuthorTaxonomy, Draft, DraftMark, FillKind, GuardReport } from "./types.js"
 * @import { BoxLocation } from "../types.js"
 */

/** The one asset of a draft, as the image panel names it. */
export const ASSET = "image";

/**
 * How each state of a mark is named, and the sign beside its number (colour is never the
 * only cue). The CSS colours each ss-st-<state>.
 * @type {Readonly<Record<string, {text: string, sign: string}>>}
 */
export const MARK_STATES = Object.freeze({
  proposed: { text: "Proposed: review it", sign: "?" },
  accepted: { text: "In the key", sign: "✓" },
  fill: { text: "Filled with a fictional value", sign: "✎" },
  not_identifying: { text: "Not identifying", sign: "–" },
  removed: { text: "Blanked out", sign: "■" },
});

/** Who proposed a mark, in words. @type {Readonly<Record<string, string>>} */
export const ORIGINS = Object.freeze({
  checker: "found by the checker",
  ocr: "text read in the image",
  face: "a face the checker found",
  educator: "drawn by you",
  renderer: "from the shipped case's key",
});

/**
 * The state a mark is drawn in: its status, or "fill" for an accepted mark to fill (a fill
 * the checker suggested for a proposal is painted only once the mark is accepted).
 * @param {DraftMark} mark
 * @returns {string}
 */
export function markState(mark) {
  if (mark.fill && mark.status === "accepted") return "fill";
  return Object.hasOwn(MARK_STATES, mark.status) ? mark.status : "proposed";
}

/**
 * @param {DraftMark} mark
 * @param {AuthorTaxonomy} taxonomy
 * @returns {string} e.g. "In the key", "Filled with a fictional name"
 */
export function stateText(mark, taxonomy) {
  const state = markState(mark);
  const kind = mark.fill ? fillKind(taxonomy, mark.fill) : undefined;
  const what = kind ? `a fictional ${kind.label}` : mark.fill;
  if (state === "fill") return `Filled with ${what}`;
  if (state === "proposed" && mark.fill) return `${MARK_STATES.proposed.text} (accept to fill it with ${what})`;
  return MARK_STATES[state].text;
}

/**
 * @param {AuthorTaxonomy} taxonomy
 * @param {string} id
 * @returns {AuthorCategory | undefined}
 */
export function categoryOf(taxonomy, id) {
  for (const group of taxonomy.category_groups) {
    const found = group.items.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * @param {AuthorTaxonomy} taxonomy
 * @param {string} id
 * @returns {FillKind | undefined}
 */
export function fillKind(taxonomy, id) {
  return taxonomy.fill_kinds.find((k) => k.id === id);
}

/**
 * The taxonomy's wording for a category: a new mark's severity, explanation and guidance.
 * @param {AuthorTaxonomy} taxonomy
 * @param {string} category
 * @returns {{severity: string, explanation: string, guidance: string[]}}
 */
export function defaultsFor(taxonomy, category) {
  const c = categoryOf(taxonomy, category);
  if (!c) return { severity: "medium", explanation: "", guidance: [] };
  return { severity: c.severity, explanation: c.description, guidance: [...c.guidance] };
}

/**
 * A box the educator drew, in the key with the taxonomy's wording as a start.
 * @param {string} id
 * @param {string} category
 * @param {{x: number, y: number, w: number, h: number}} box
 * @param {AuthorTaxonomy} taxonomy
 * @returns {DraftMark}
 */
export function newMark(id, category, box, taxonomy) {
  return {
    id,
    box: [box.x, box.y, box.w, box.h],
    category,
    ...defaultsFor(taxonomy, category),
    origin: "educator",
    text: "",
    status: "accepted",
    fill: null,
  };
}

/**
 * The same list, in any order?
 * @param {string[]} a
 * @param {string[]} b
 */
function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * A mark with another category. Its severity, explanation and guidance follow the new
 * category's wording where they were still the old category's (or empty); what the
 * educator wrote is kept.
 * @param {DraftMark} mark
 * @param {string} category
 * @param {AuthorTaxonomy} taxonomy
 * @returns {DraftMark}
 */
export function withCategory(mark, category, taxonomy) {
  const before = defaultsFor(taxonomy, mark.category);
  const after = defaultsFor(taxonomy, category);
  const next = { ...mark, category };
  if (!mark.explanation.trim() || mark.explanation === before.explanation) next.explanation = after.explanation;
  if (!mark.guidance.length || sameSet(mark.guidance, before.guidance)) next.guidance = after.guidance;
  if (!mark.severity || mark.severity === before.severity) next.severity = after.severity;
  return next;
}

/**
 * Accept a proposed mark into the key. An unclassified one (no category) must be given
 * a category first: the reason comes back instead of a mark.
 * @param {DraftMark} mark
 * @param {AuthorTaxonomy} taxonomy
 * @returns {DraftMark | string}
 */
export function accepted(mark, taxonomy) {
  if (!categoryOf(taxonomy, mark.category)) return "Choose what it is first (the category), then accept it.";
  const filled = { ...mark, status: "accepted" };
  if (!filled.explanation.trim()) Object.assign(filled, defaultsFor(taxonomy, mark.category));
  return filled;
}

/**
 * Fill the box with a fictional value of this kind per variant (the original is blanked),
 * or stop filling it (kind ""). A mark without a category takes the kind's.
 * @param {DraftMark} mark
 * @param {string} kind
 * @param {AuthorTaxonomy} taxonomy
 * @returns {DraftMark}
 */
export function filled(mark, kind, taxonomy) {
  if (!kind) return { ...mark, fill: null };
  const info = fillKind(taxonomy, kind);
  /** @type {DraftMark} */
  let next = { ...mark, fill: kind, status: "accepted" };
  if (info && !categoryOf(taxonomy, mark.category)) next = withCategory(next, info.category, taxonomy);
  return next;
}

/**
 * A mark with another status (proposed, accepted, not_identifying, removed). A mark
 * confirmed not identifying or blanked out is not filled.
 * @param {DraftMark} mark
 * @param {string} status
 * @returns {DraftMark}
 */
export function withStatus(mark, status) {
  return { ...mark, status, fill: status === "accepted" || status === "proposed" ? mark.fill : null };
}

/**
 * The draft without a mark: a box the educator drew goes; one the checker proposed is
 * kept as "removed" (blanked out), so the guard still sees it accounted for.
 * @param {Draft} draft
 * @param {string} id
 * @returns {Draft}
 */
export function withoutMark(draft, id) {
  const marks = [];
  for (const m of draft.marks) {
    if (m.id !== id) marks.push(m);
    else if (m.origin !== "educator") marks.push(withStatus(m, "removed"));
  }
  return { ...draft, marks };
}

/**
 * The draft with one mark replaced.
 * @param {Draft} draft
 * @param {DraftMark} mark
 * @returns {Draft}
 */
export function withMark(draft, mark) {
  const at = draft.marks.findIndex((m) => m.id === mark.id);
  const marks = [...draft.marks];
  if (at < 0) marks.push(mark);
  else marks[at] = mark;
  return { ...draft, marks };
}

/**
 * A mark's box as the image panel's location.
 * @param {DraftMark} mark
 * @returns {BoxLocation}
 */
export function boxLocation(mark) {
  const [x, y, w, h] = mark.box;
  return { type: "box", asset: ASSET, x, y, w, h };
}

/**
 * How many marks are in each state.
 * @param {DraftMark[]} marks
 * @returns {Record<string, number>}
 */
export function stateCounts(marks) {
  /** @type {Record<string, number>} */
  const counts = { proposed: 0, accepted: 0, fill: 0, not_identifying: 0, removed: 0 };
  for (const m of marks) counts[markState(m)] += 1;
  return counts;
}

/**
 * What stops a save, one sentence each: the guard's, and what the page itself sees
 * (the case needs a decision; marks still to review). Empty when nothing does.
 * @param {GuardReport} report
 * @param {{title?: string}} [draft]
 * @returns {string[]}
 */
export function saveBlockers(report, draft) {
  const reasons = [...(report.problems || []), ...(report.unaccounted || [])];
  if (draft && !String(draft.title || "").trim()) reasons.push("The case needs a title (under “The case”).");
  if (report.ok === undefined && !reasons.length) return ["The privacy guard has not checked this draft yet."];
  if (report.ok === false && !reasons.length) return ["The privacy guard did not pass this draft."];
  return reasons;
}

/**
 * A fresh mark id not used in the draft.
 * @param {DraftMark[]} marks
 * @returns {string}
 */
export function freshId(marks) {
  const used = new Set(marks.map((m) => m.id));
  let n = marks.length + 1;
  while (used.has(`e${n}`)) n += 1;
  return `e${n}`;
}
