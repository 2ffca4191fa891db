// @ts-check
// The post an educator writes, with its marked words. The case spec keeps the marks in
// place in the text, as the bank's markers do: [[words|category]], [[words|category|0.5]]
// (present with that chance), [[words|category|0.5|other words]], [[words||0.5]] and
// [[words|safe: why]]. The editor shows the plain text and keeps the marks as character
// ranges beside it; these pure functions turn one into the other and keep the ranges in
// step while the educator types. Tested in Node.

/**
 * One marked stretch of the plain text: characters start..end, its label (a category id,
 * "" for optional words that identify nothing, "safe: why" for a decoy), and the marker's
 * optional chance and other words, kept as written.
 * @typedef {{start: number, end: number, label: string, chance: string, alt: string}} PostMark
 */

/** @typedef {{plain: string, marks: PostMark[], problem: string}} ParsedPost */

const MARKER = /\[\[([\s\S]*?)\]\]/g;

/**
 * Split a post with markers into its plain text and its marks. A post the editor cannot
 * read (an unclosed [[, a stray ]]) comes back whole as plain text, with the problem.
 * @param {string} text
 * @returns {ParsedPost}
 */
export function parsePost(text) {
  /** @type {PostMark[]} */
  const marks = [];
  let plain = "";
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const at = /** @type {number} */ (match.index);
    const before = text.slice(last, at);
    if (before.includes("[[") || before.includes("]]")) return unreadable(text);
    plain += before;
    const parts = match[1].split("|");
    const words = parts[0];
    marks.push({
      start: plain.length,
      end: plain.length + words.length,
      label: (parts[1] ?? "").trim(),
      chance: (parts[2] ?? "").trim(),
      alt: parts.slice(3).join("|"),
    });
    plain += words;
    last = at + match[0].length;
  }
  const tail = text.slice(last);
  if (tail.includes("[[") || tail.includes("]]")) return unreadable(text);
  return { plain: plain + tail, marks, problem: "" };
}

/**
 * @param {string} text
 * @returns {ParsedPost}
 */
function unreadable(text) {
  return {
    plain: text,
    marks: [],
    problem: "The post has an unclosed [[ or a stray ]]: its marks are shown as typed. Close each [[ with ]].",
  };
}

/**
 * The post with its marks written back in place as markers.
 * @param {string} plain
 * @param {PostMark[]} marks (not overlapping)
 * @returns {string}
 */
export function serializePost(plain, marks) {
  let out = "";
  let last = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < last) continue; // an overlap cannot be written: the later mark is dropped
    out += plain.slice(last, m.start);
    const parts = [plain.slice(m.start, m.end), m.label];
    if (m.chance || m.alt) parts.push(m.chance);
    if (m.alt) parts.push(m.alt);
    out += `[[${parts.join("|")}]]`;
    last = m.end;
  }
  return out + plain.slice(last);
}

/**
 * Why these characters cannot be marked, or "" when they can.
 * @param {string} plain
 * @param {number} start
 * @param {number} end
 * @param {PostMark[]} marks the marks already there
 * @returns {string}
 */
export function markProblem(plain, start, end, marks) {
  const words = plain.slice(start, end);
  if (!words.trim()) return "Select the words to mark first.";
  if (/\||\[\[|\]\]/.test(words)) return "Words with | or [[ ]] in them cannot be marked: change them first.";
  if (marks.some((m) => m.start < end && start < m.end)) return "These words overlap a mark already there: remove it first.";
  return "";
}

/**
 * A selection trimmed of the spaces at either end (a double-click often takes one).
 * @param {string} plain
 * @param {number} start
 * @param {number} end
 * @returns {{start: number, end: number}}
 */
export function trimmedRange(plain, start, end) {
  while (start < end && /\s/.test(plain[start])) start += 1;
  while (end > start && /\s/.test(plain[end - 1])) end -= 1;
  return { start, end };
}

/**
 * Keep the marks on their words after the text changed from `before` to `after`. The edit
 * is found as what lies between the common start and the common end. Marks before it stay,
 * marks after it move; a mark the edit falls inside grows or shrinks with it (a typo fixed
 * in a name); a mark the edit cuts across is dropped.
 * @param {string} before
 * @param {string} after
 * @param {PostMark[]} marks
 * @returns {{marks: PostMark[], dropped: PostMark[]}}
 */
export function followEdit(before, after, marks) {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const oldEnd = before.length - suffix;
  const delta = after.length - before.length;
  /** @type {PostMark[]} */
  const kept = [];
  /** @type {PostMark[]} */
  const dropped = [];
  for (const m of marks) {
    if (m.end <= prefix) {
      kept.push(m);
    } else if (m.start >= oldEnd) {
      kept.push({ ...m, start: m.start + delta, end: m.end + delta });
    } else if (m.start <= prefix && oldEnd <= m.end) {
      const next = { ...m, end: m.end + delta };
      if (markProblem(after, next.start, next.end, [])) dropped.push(m);
      else kept.push(next);
    } else {
      dropped.push(m);
    }
  }
  return { marks: kept, dropped };
}
