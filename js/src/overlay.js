// @ts-check
// Feedback drawing: what is drawn over the picture, the post and the file headers, from
// the marks, the feedback after Check and the key on Reveal. Pure: it lists what to
// draw, the panels draw it. Tested in Node.

import { missedLetters, statusSign, statusText } from "./feedback.js";
import { rectBetween } from "./geometry.js";

/**
 * @import { AnyLocation, BoxLocation, FeedbackItem, KeyFinding, Mark, MarkLocation, MetaLocation,
 *   Point, Rect, SpanLocation } from "./types.js"
 */

/**
 * One box to draw on the picture.
 * @typedef {{box: Rect, status: string, badge?: string, text?: string, ref?: string,
 *   id?: string, selected?: boolean}} OverlayBox
 */

/**
 * What is on the picture now besides the marks as saved.
 * @typedef {{pending: MarkLocation | null, selected: string | null,
 *   moved: {id?: string, pending?: boolean, box: BoxLocation} | null,
 *   drawing: {start: Point, current: Point} | null}} Editing
 *   pending: the new mark waiting for a category; selected: the selected mark's id;
 *   moved: a box being dragged (a mark's, by id, or the pending one); drawing: a drag
 *   drawing a new box
 */

/**
 * @param {AnyLocation} location
 * @param {string} asset
 * @returns {location is BoxLocation}
 */
function isBoxOn(location, asset) {
  return location.type === "box" && location.asset === asset;
}

/**
 * The boxes to draw on one image, bottom to top: the key's findings (on Reveal), the
 * missed findings (after Check), the learner's marks, the new mark, the box being drawn.
 * @param {string} asset the image shown
 * @param {{marks: Mark[], items: FeedbackItem[], findings: KeyFinding[],
 *   status: Map<string, string>, label(category: string): string}} state
 * @param {Editing} editing
 * @returns {OverlayBox[]}
 */
export function overlayBoxes(asset, state, editing) {
  /** @type {OverlayBox[]} */
  const boxes = [];
  state.findings.forEach((f, i) => {
    if (isBoxOn(f.location, asset)) {
      const text = `In the key: ${state.label(f.category)}`;
      boxes.push({ box: f.location, status: "key", badge: `${statusSign("key")}${i + 1}`, text, ref: `key:${i}` });
    }
  });
  const letters = missedLetters(state.items);
  state.items.forEach((item, i) => {
    if (item.status === "missed" && isBoxOn(item.location, asset)) {
      const letter = letters.get(i);
      const badge = `${statusSign("missed")}${letter}`;
      boxes.push({ box: item.location, status: "missed", badge, text: `Missed ${letter}: ${item.label}`, ref: `fb:${i}` });
    }
  });
  const moved = editing.moved;
  state.marks.forEach((m, index) => {
    if (!isBoxOn(m.location, asset)) return;
    const box = moved && moved.id === m.id ? moved.box : m.location;
    const st = state.status.get(m.id) || "mine";
    const sign = statusSign(st);
    const how = st === "mine" ? "" : ` (${statusText(st).toLowerCase()})`;
    boxes.push({
      box,
      status: st,
      badge: `${sign}${index + 1}`,
      text: `${sign ? sign + " " : ""}${index + 1} · ${state.label(m.category)}${how}`,
      id: m.id,
      selected: m.id === editing.selected,
    });
  });
  if (editing.pending && isBoxOn(editing.pending, asset)) {
    const box = moved && moved.pending ? moved.box : editing.pending;
    boxes.push({ box, status: "pending", text: "New mark: choose what it is", id: "pending", selected: true });
  }
  if (editing.drawing) {
    boxes.push({ box: rectBetween(editing.drawing.start, editing.drawing.current), status: "pending" });
  }
  return boxes;
}

/**
 * One span to highlight in a post field.
 * @typedef {{start: number, end: number, status: string, title: string, id?: string,
 *   ref?: string}} SpanLayer
 */

/**
 * The spans to highlight in each post field, bottom to top: the key's findings, the
 * missed findings, the learner's marks, the new mark.
 * @param {{marks: Mark[], items: FeedbackItem[], findings: KeyFinding[],
 *   status: Map<string, string>, label(category: string): string}} state
 * @param {MarkLocation | null} pending
 * @returns {Map<string, SpanLayer[]>} field -> its spans
 */
export function spanLayers(state, pending) {
  /** @type {Map<string, SpanLayer[]>} */
  const layers = new Map();
  /**
   * @param {AnyLocation} loc
   * @param {{status: string, title: string, id?: string, ref?: string}} entry
   */
  const add = (loc, entry) => {
    if (loc.type !== "span") return;
    const span = /** @type {SpanLocation} */ (loc);
    const list = layers.get(span.field) || [];
    layers.set(span.field, list);
    list.push({ start: span.start, end: span.end, ...entry });
  };
  state.findings.forEach((f, i) => add(f.location, { status: "key", ref: `key:${i}`, title: `In the key: ${state.label(f.category)}` }));
  state.items.forEach((item, i) => {
    if (item.status === "missed") add(item.location, { status: "missed", ref: `fb:${i}`, title: `Missed: ${item.label}` });
  });
  state.marks.forEach((m, i) => {
    const st = state.status.get(m.id) || "mine";
    add(m.location, { status: st, id: m.id, title: `${i + 1} · ${state.label(m.category)} (${statusText(st)})` });
  });
  if (pending && pending.type === "span") add(pending, { status: "pending", title: "New mark" });
  return layers;
}

/**
 * The header rows the feedback and the key point at, as "asset|tag" keys: the missed ones
 * (with their labels) and those in the key.
 * @param {FeedbackItem[]} items
 * @param {KeyFinding[]} findings
 * @returns {{missed: Map<string, string>, keyed: Set<string>}}
 */
export function metaFlags(items, findings) {
  const missed = new Map();
  for (const item of items) {
    if (item.status === "missed" && item.location.type === "meta") {
      const loc = /** @type {MetaLocation} */ (item.location);
      missed.set(`${loc.asset}|${loc.tag}`, item.label);
    }
  }
  const keyed = new Set();
  for (const f of findings) {
    if (f.location.type === "meta") {
      const loc = /** @type {MetaLocation} */ (f.location);
      keyed.add(`${loc.asset}|${loc.tag}`);
    }
  }
  return { missed, keyed };
}
