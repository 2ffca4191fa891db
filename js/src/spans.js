// @ts-check
// Text selection to spans: a selection inside one field of the post becomes a span of
// character offsets, and the spans over a field (marks, missed items, the key) are cut
// into pieces of text, each under the span drawn on top. Pure functions, tested in Node.
// Widening a span to whole words is the kernel's job (marks.snap_to_words): the page
// sends the offsets the learner selected, the kernel saves the widened span.

/** @import { SpanLocation } from "./types.js" */

/**
 * The span a selection from `start` to `end` of a field's text makes, or null when the
 * selection holds nothing but spaces.
 * @param {string} text the field's text
 * @param {number} start
 * @param {number} end
 * @param {{asset: string, field: string}} where
 * @returns {SpanLocation | null}
 */
export function selectionSpan(text, start, end, where) {
  if (!text.slice(start, end).trim()) return null;
  return { type: "span", asset: where.asset, field: where.field, start, end };
}

/**
 * The text cut into pieces, each with the layer drawn over it (null where none is).
 * Layers later in the list are on top; offsets outside the text are clipped to it.
 * @template {{start: number, end: number}} L
 * @param {string} text
 * @param {L[]} layers
 * @returns {{text: string, layer: L | null}[]}
 */
export function layerPieces(text, layers) {
  /** @type {(L | null)[]} */
  const at = new Array(text.length).fill(null);
  for (const s of layers) {
    const from = Math.max(0, Math.min(text.length, s.start));
    const to = Math.max(0, Math.min(text.length, s.end));
    for (let c = from; c < to; c++) at[c] = s;
  }
  const pieces = [];
  let c = 0;
  while (c < text.length) {
    let e = c + 1;
    while (e < text.length && at[e] === at[c]) e++;
    pieces.push({ text: text.slice(c, e), layer: at[c] });
    c = e;
  }
  return pieces;
}
