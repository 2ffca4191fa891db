// @ts-check
// Text selection to spans: a selection inside one field of the post becomes a span of
// character offsets, and the spans over a field (marks, missed items, the key) are cut
// into pieces of text, each under the span drawn on top. Pure functions, tested in Node.
//
// Offsets in a span count characters (code points), as Python counts them: the kernel
// checks spans and the grader quotes them. The DOM counts UTF-16 code units, which differ
// after an emoji or any character beyond the Basic Multilingual Plane, so a selection's
// offsets are converted here, and spans are drawn by code point.
// A selection is widened to whole words here as the kernel widens it (marks.snap_to_words,
// the same rule: a test runs both over the bank's posts), so the new mark's preview shows
// exactly the words that will be saved and graded; the kernel widens again, to no change.

/** @import { SpanLocation } from "./types.js" */

/**
 * The number of characters (code points) in the first `units` UTF-16 code units of text.
 * An offset inside a surrogate pair counts the pair's character as not yet reached.
 * @param {string} text
 * @param {number} units
 * @returns {number}
 */
export function codePointOffset(text, units) {
  let count = 0;
  let at = 0;
  for (const ch of text) {
    if (at + ch.length > units) break;
    at += ch.length;
    count += 1;
  }
  return count;
}

/**
 * The characters start..end (code points) of a text.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {string}
 */
export function sliceChars(text, start, end) {
  return [...text].slice(start, end).join("");
}

/**
 * The span a selection from UTF-16 offset `start` to `end` of a field's text makes, in
 * characters, or null when the selection holds nothing but spaces.
 * @param {string} text the field's text
 * @param {number} start UTF-16 offset, as the DOM gives it
 * @param {number} end
 * @param {{asset: string, field: string}} where
 * @returns {SpanLocation | null}
 */
export function selectionSpan(text, start, end, where) {
  if (!text.slice(start, end).trim()) return null;
  const [from, to] = snapToWords(text, codePointOffset(text, start), codePointOffset(text, end));
  return { type: "span", asset: where.asset, field: where.field, start: from, end: to };
}

/** Characters that join a word as the kernel counts them (marks._WORD_JOINERS). */
const WORD_JOINERS = "'’_-";
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * @param {string | undefined} ch
 * @returns {boolean}
 */
function isWord(ch) {
  return ch !== undefined && (LETTER_OR_DIGIT.test(ch) || WORD_JOINERS.includes(ch));
}

/**
 * A selection (in characters) trimmed of spaces and widened to whole words, as the kernel's
 * marks.snap_to_words does: "is mor" in "this morning's list" becomes "this morning's".
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {[number, number]}
 */
export function snapToWords(text, start, end) {
  const chars = [...text];
  start = Math.max(0, Math.min(start, chars.length));
  end = Math.max(start, Math.min(end, chars.length));
  while (start < end && /\s/u.test(chars[start])) start += 1;
  while (end > start && /\s/u.test(chars[end - 1])) end -= 1;
  if (start === end) return [start, end];
  while (start > 0 && isWord(chars[start - 1]) && isWord(chars[start])) start -= 1;
  while (end < chars.length && isWord(chars[end - 1]) && isWord(chars[end])) end += 1;
  return [start, end];
}

/**
 * The text cut into pieces, each with the layer drawn over it (null where none is).
 * Layers later in the list are on top; their offsets count characters (code points) and
 * are clipped to the text.
 * @template {{start: number, end: number}} L
 * @param {string} text
 * @param {L[]} layers
 * @returns {{text: string, layer: L | null}[]}
 */
export function layerPieces(text, layers) {
  const chars = [...text];
  /** @type {(L | null)[]} */
  const at = new Array(chars.length).fill(null);
  for (const s of layers) {
    const from = Math.max(0, Math.min(chars.length, s.start));
    const to = Math.max(0, Math.min(chars.length, s.end));
    for (let c = from; c < to; c++) at[c] = s;
  }
  const pieces = [];
  let c = 0;
  while (c < chars.length) {
    let e = c + 1;
    while (e < chars.length && at[e] === at[c]) e++;
    pieces.push({ text: chars.slice(c, e).join(""), layer: at[c] });
    c = e;
  }
  return pieces;
}
