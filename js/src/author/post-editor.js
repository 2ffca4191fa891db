// @ts-check
// The post the case shows beside the image: the educator types it, selects words and
// marks them with a category; the marks follow the words while the text is edited, and
// the draft keeps them in place as markers ([[words|category]]).

import { h } from "../dom.js";
import { followEdit, markProblem, parsePost, serializePost, trimmedRange } from "./post-markup.js";

/**
 * @import { AuthorView } from "./view.js"
 * @import { PostMark } from "./post-markup.js"
 */

export class PostEditor {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    const parsed = parsePost(view.draft.post || "");
    this.plain = parsed.plain;
    /** @type {PostMark[]} */
    this.marks = parsed.marks;
    this.text = h("textarea", {
      class: "ss-author-text ss-author-post-text",
      rows: "5",
      id: "ss-author-post",
      "aria-describedby": "ss-author-post-help",
    });
    this.text.addEventListener("input", () => this.onInput());
    this.text.addEventListener("keydown", (e) => {
      e.stopPropagation(); // the notebook's shortcuts stay out of the text
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "m") {
        e.preventDefault();
        this.markSelection();
      }
    });
    this.category = view.categorySelect("", "Category of the selected words");
    this.problem = h("p", { class: "ss-note ss-author-problem", role: "alert", hidden: true });
    this.preview = h("p", { class: "ss-author-preview", "aria-label": "The post with its marked words" });
    this.list = h("ul", { class: "ss-author-post-marks" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-post", "aria-label": "The post" },
      h("h3", { text: "The post" }),
      h("label", { for: "ss-author-post", class: "ss-author-label", text: "What the clinician wrote beside the image" }),
      this.text,
      h(
        "p",
        { class: "ss-help", id: "ss-author-post-help" },
        "Select words that identify the patient, choose what they are, then Mark the words (or Ctrl+M).",
      ),
      h(
        "div",
        { class: "ss-author-row" },
        this.category,
        h("button", { type: "button", class: "ss-btn", onclick: () => this.markSelection(), text: "Mark the words" }),
      ),
      this.problem,
      h("span", { class: "ss-author-label", text: "Marked words" }),
      this.preview,
      this.list,
    );
    this.text.value = this.plain;
    this.showProblem(parsed.problem);
  }

  /** @param {string} text */
  showProblem(text) {
    this.problem.textContent = text;
    this.problem.hidden = !text;
  }

  refresh() {
    const parsed = parsePost(this.view.draft.post || "");
    if (parsed.plain !== this.plain || serializePost(this.plain, this.marks) !== this.view.draft.post) {
      this.plain = parsed.plain;
      this.marks = parsed.marks;
      if (this.text.value !== this.plain) this.text.value = this.plain;
    }
    this.draw();
  }

  draw() {
    const view = this.view;
    /** @type {(Node | string)[]} */
    const parts = [];
    let last = 0;
    const sorted = [...this.marks].sort((a, b) => a.start - b.start);
    for (const m of sorted) {
      parts.push(this.plain.slice(last, m.start));
      parts.push(h("mark", { class: "ss-author-word", title: this.markLabel(m), text: this.plain.slice(m.start, m.end) }));
      last = m.end;
    }
    parts.push(this.plain.slice(last));
    this.preview.replaceChildren(...(this.plain ? parts : [h("span", { class: "ss-empty", text: "No post yet." })]));
    this.list.replaceChildren(
      ...sorted.map((m) =>
        h(
          "li",
          {},
          h("q", { text: this.plain.slice(m.start, m.end) }),
          ` ${this.markLabel(m)} `,
          h("button", {
            type: "button",
            class: "ss-link ss-danger",
            "aria-label": `Unmark ${this.plain.slice(m.start, m.end)}`,
            onclick: () => {
              this.marks = this.marks.filter((x) => x !== m);
              this.save();
              view.announce("Unmarked.");
            },
            text: "Unmark",
          }),
        ),
      ),
    );
  }

  /** @param {PostMark} m */
  markLabel(m) {
    if (m.label.startsWith("safe:")) return `not a risk: ${m.label.slice(5).trim()}`;
    const label = m.label ? this.view.label(m.label) : "identifies nothing";
    return m.chance ? `${label} (in ${Math.round(Number(m.chance) * 100)}% of variants)` : label;
  }

  onInput() {
    const after = this.text.value;
    const { marks, dropped } = followEdit(this.plain, after, this.marks);
    this.plain = after;
    this.marks = marks;
    if (dropped.length) this.view.announce(`${dropped.length} mark${dropped.length === 1 ? "" : "s"} dropped: the edit cut across the marked words.`);
    this.save();
  }

  markSelection() {
    const { start, end } = trimmedRange(this.plain, this.text.selectionStart, this.text.selectionEnd);
    const problem = this.category.value ? markProblem(this.plain, start, end, this.marks) : "Choose what the words are first.";
    this.showProblem(problem);
    if (problem) return;
    this.marks = [...this.marks, { start, end, label: this.category.value, chance: "", alt: "" }];
    this.view.announce(`Marked “${this.plain.slice(start, end)}” as ${this.view.label(this.category.value)}.`);
    this.save();
  }

  save() {
    this.draw();
    this.view.change({ ...this.view.draft, post: serializePost(this.plain, this.marks) }, "post");
  }
}
