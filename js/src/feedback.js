// @ts-check
// Feedback grouping: what status each mark gets after Check, which letter each missed
// finding carries, how the feedback list is grouped and ordered. Generic over what the
// kernel sends: an item names any number of marks (mark_ids), a mark may be named by
// several items (one mark may find several key items), and the first item naming a
// mark gives its colour. Pure functions, tested in Node.

/** @import { DecisionFeedback, Feedback, FeedbackItem, GapFeedback, Mark } from "./types.js" */

/** @type {Readonly<Record<string, string>>} */
export const STATUS_TEXT = Object.freeze({
  mine: "Your mark",
  found: "Found",
  partial: "Partly right",
  missed: "Missed",
  false_alarm: "False alarm",
  repeat: "Marked twice",
  key: "In the key",
});

/** @type {Readonly<Record<string, string>>} */
export const STATUS_SIGN = Object.freeze({
  found: "✓",
  partial: "◐",
  missed: "✗",
  false_alarm: "!",
  repeat: "=",
  key: "★",
  mine: "",
});

/** The colours explained above the exercise, in order. */
export const LEGEND = Object.freeze(["mine", "found", "partial", "missed", "false_alarm", "key"]);

/** The counts shown under the score, in order. */
export const COUNTED = Object.freeze(["found", "partial", "missed", "false_alarm"]);

/** The feedback list's groups, in the order shown, with their headings. */
export const FEEDBACK_GROUPS = Object.freeze([
  { status: "missed", title: "What you missed" },
  { status: "partial", title: "Right place, wrong category" },
  { status: "false_alarm", title: "Marked, but not a risk here" },
  { status: "found", title: "What you found" },
  { status: "repeat", title: "Marked twice" },
]);

/**
 * @param {string} status
 * @returns {string} the status in words ("" for an unknown one)
 */
export function statusText(status) {
  return Object.hasOwn(STATUS_TEXT, status) ? STATUS_TEXT[status] : "";
}

/**
 * @param {string} status
 * @returns {string} the status's sign ("" for an unknown one)
 */
export function statusSign(status) {
  return Object.hasOwn(STATUS_SIGN, status) ? STATUS_SIGN[status] : "";
}

/**
 * The status of each mark after Check: mark id -> the status of the first item naming it.
 * @param {FeedbackItem[]} items
 * @returns {Map<string, string>}
 */
export function markStatus(items) {
  const status = new Map();
  for (const item of items) {
    for (const id of item.mark_ids || []) {
      if (!status.has(id)) status.set(id, item.status);
    }
  }
  return status;
}

/**
 * Letters for the missed findings that are boxes (A, B, ... Z, A, ...): item index -> letter.
 * The same letter is the badge on the picture and in the list.
 * @param {FeedbackItem[]} items
 * @returns {Map<number, string>}
 */
export function missedLetters(items) {
  const letters = new Map();
  let n = 0;
  items.forEach((item, i) => {
    if (item.status === "missed" && item.location.type === "box") {
      letters.set(i, String.fromCharCode(65 + (n++ % 26)));
    }
  });
  return letters;
}

/**
 * The feedback items grouped by status, in FEEDBACK_GROUPS order, empty groups left out.
 * @param {FeedbackItem[]} items
 * @returns {{status: string, title: string, items: FeedbackItem[]}[]}
 */
export function feedbackGroups(items) {
  return FEEDBACK_GROUPS.map((g) => ({ ...g, items: items.filter((i) => i.status === g.status) })).filter(
    (g) => g.items.length > 0,
  );
}

/**
 * The badge an item carries on the picture: its mark numbers ("1, 3"), or for a missed box
 * its letter; "" when it has neither.
 * @param {FeedbackItem} item
 * @param {FeedbackItem[]} items all the feedback items (for the letters)
 * @param {Mark[]} marks the learner's marks, numbered from 1 in this order
 * @returns {string}
 */
export function badgeOf(item, items, marks) {
  if (item.status === "missed") {
    const index = items.indexOf(item);
    return item.location.type === "box" ? missedLetters(items).get(index) || "" : "";
  }
  const numbers = (item.mark_ids || []).map((id) => marks.findIndex((m) => m.id === id) + 1).filter((n) => n > 0);
  return numbers.join(", ");
}

/**
 * The score in percent, from `percent` when the kernel sent it, else from `score`.
 * @param {Feedback} feedback
 * @returns {number}
 */
export function scorePercent(feedback) {
  return Math.round(feedback.percent ?? (feedback.score || 0) * 100);
}

/**
 * The status of each consent gap after Check: gap id -> status.
 * @param {{items?: GapFeedback[]} | undefined} consent
 * @returns {Map<string, string>}
 */
export function gapStatus(consent) {
  return new Map((consent?.items || []).map((g) => [g.id, g.status]));
}

/**
 * The status a decision choice is drawn with after Check: the expected one found (chosen)
 * or missed (not chosen); a chosen wrong one a false alarm; "" otherwise or before Check.
 * @param {string} id
 * @param {string} chosen
 * @param {DecisionFeedback | undefined} decision
 * @returns {string}
 */
export function decisionStatus(id, chosen, decision) {
  if (decision && id === decision.expected) return id === chosen ? "found" : "missed";
  if (decision && id === chosen) return "false_alarm";
  return "";
}

/**
 * The status a header row is drawn with: its mark's status ("mine" before Check); without
 * a mark, missed or in the key when it is, else pending while ticked without a category.
 * @param {{markStatus: string | null, pending: boolean, missed: boolean, keyed: boolean}} row
 *   markStatus: the status of the row's mark, "" if unchecked, null when it has no mark
 * @returns {string} "" when the row has nothing to show
 */
export function metaRowStatus(row) {
  if (row.markStatus !== null) return row.markStatus || "mine";
  if (row.missed) return "missed";
  if (row.keyed) return "key";
  return row.pending ? "pending" : "";
}
