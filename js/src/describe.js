// @ts-check
// Where a mark is, in the words the page shows a learner: "box on Endoscopy frame",
// "“this morning” in the post". Pure functions, tested in Node.

import { sliceChars } from "./spans.js";

/** @import { AnyLocation, BoxLocation, MetaLocation, SpanLocation } from "./types.js" */

/** @type {Readonly<Record<string, string>>} */
const FIELD_NAMES = Object.freeze({
  text: "the post",
  alt_text: "the alt text",
  location_tag: "the location tag",
  posted_at: "the post time",
  "author.display_name": "the author's name",
  "author.handle": "the author's handle",
  "author.bio": "the author's bio",
  "author.location": "the author's location",
});

/**
 * A post field's name for a learner: "text" -> "the post", "replies.0.text" -> "reply 1".
 * @param {string} field
 * @returns {string}
 */
export function fieldName(field) {
  if (Object.hasOwn(FIELD_NAMES, field)) return FIELD_NAMES[field];
  const m = /^(replies|thread)\.(\d+)\.(.*)$/.exec(field);
  if (m) {
    const n = Number(m[2]) + 1;
    const what = m[1] === "replies" ? `reply ${n}` : `earlier post ${n}`;
    return m[3] === "text" ? what : `${what} (${m[3].replace("author.display_name", "name").replace("author.handle", "handle").replace("posted_at", "time")})`;
  }
  return field;
}

/**
 * What the description of a location needs from the case.
 * @typedef {{imageLabel(id: string): string | undefined, fieldText(field: string): string}} CaseText
 */

/**
 * A location in words; `detail` adds a box's coordinates.
 * @param {AnyLocation} location
 * @param {CaseText} text
 * @param {boolean} [detail]
 * @returns {string}
 */
export function describeLocation(location, text, detail = true) {
  if (location.type === "box") {
    const box = /** @type {BoxLocation} */ (location);
    const name = text.imageLabel(box.asset) ?? box.asset;
    const where = detail ? ` (x ${box.x}, y ${box.y}, ${box.w}×${box.h})` : "";
    return `box on ${name}${where}`;
  }
  if (location.type === "span") {
    const span = /** @type {SpanLocation} */ (location);
    const words = sliceChars(text.fieldText(span.field), span.start, span.end);
    return `“${words}” in ${fieldName(span.field)}`;
  }
  if (location.type === "meta") {
    const meta = /** @type {MetaLocation} */ (location);
    return `file field ${meta.tag} of ${meta.asset}`;
  }
  return location.type;
}

/**
 * Up to two initials of a name for an avatar ("Dr Ann Lee" -> "AL"), "?" for none.
 * @param {string | null | undefined} name
 * @returns {string}
 */
export function initials(name) {
  const words = String(name || "?").replace(/^Dr\.? /i, "").split(/\s+/).filter(Boolean);
  return (words[0]?.[0] || "?").toUpperCase() + (words[1]?.[0] || "").toUpperCase();
}
