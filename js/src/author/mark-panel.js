// @ts-check
// The selected mark's wording (category, severity, explanation, guidance, a fictional
// fill, and the review buttons) and the list of every mark with its state.

import { h } from "../dom.js";
import { ORIGINS, filled, markState, MARK_STATES, withCategory } from "./marks.js";

/**
 * @import { AuthorView } from "./view.js"
 * @import { DraftMark } from "./types.js"
 */

export class MarkPanel {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.body = h("div", { class: "ss-mark-editor" });
    this.problem = h("p", { class: "ss-note ss-author-problem", role: "alert", hidden: true });
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-mark", "aria-label": "The selected mark" },
      h("h3", { text: "The selected mark" }),
      this.problem,
      this.body,
    );
    /** the mark drawn now, to keep the fields while the educator types in them */
    this.shown = "";
  }

  /** @param {string} text why a review step did not happen */
  showProblem(text) {
    this.problem.textContent = text;
    this.problem.hidden = !text;
  }

  refresh() {
    const view = this.view;
    const mark = view.mark(view.selected);
    this.showProblem("");
    if (!mark) {
      this.shown = "";
      this.body.replaceChildren(
        h("p", { class: "ss-empty", text: "Click a box on the image (or press ] on it) to review it here, or draw a new one." }),
      );
      return;
    }
    this.shown = mark.id;
    this.body.replaceChildren(.../** @type {HTMLElement[]} */ (this.fields(mark).filter(Boolean)));
  }

  /**
   * @param {DraftMark} mark
   * @returns {(HTMLElement | null)[]}
   */
  fields(mark) {
    const view = this.view;
    const tax = view.taxonomy;
    const n = view.draft.marks.indexOf(mark) + 1;
    const id = `ss-author-${mark.id}`;
    /** @param {DraftMark} next */
    const save = (next) => view.replaceMark(next, "mark");

    const category = view.categorySelect(mark.category, `Mark ${n}: what is it?`);
    category.addEventListener("change", () => {
      const current = view.mark(mark.id);
      if (current && category.value) {
        view.replaceMark(withCategory(current, category.value, tax));
        this.refresh();
      }
    });
    const severity = h("select", { class: "ss-category", "aria-label": "Severity" });
    for (const s of tax.severities) severity.append(h("option", { value: s.id, text: s.label }));
    severity.value = mark.severity;
    severity.addEventListener("change", () => {
      const current = view.mark(mark.id);
      if (current) save({ ...current, severity: severity.value });
    });
    const explanation = h("textarea", { class: "ss-author-text", rows: "4", id: `${id}-explanation` });
    explanation.value = mark.explanation;
    explanation.addEventListener("input", () => {
      const current = view.mark(mark.id);
      if (current) save({ ...current, explanation: explanation.value });
    });
    const fill = h("select", { class: "ss-category", "aria-label": "Fill with a fictional value" });
    fill.append(h("option", { value: "", text: "No: keep the original in the key" }));
    for (const k of tax.fill_kinds) fill.append(h("option", { value: k.id, title: `e.g. ${k.example}`, text: `a fictional ${k.label}` }));
    fill.value = mark.fill || "";
    fill.addEventListener("change", () => {
      const current = view.mark(mark.id);
      if (!current) return;
      view.replaceMark(filled(current, fill.value, tax));
      view.announce(fill.value ? `Mark ${n} will be filled with a fictional value per variant.` : `Mark ${n} is not filled.`);
      this.refresh();
    });

    const state = markState(mark);
    /**
     * @param {string} text
     * @param {string} status
     * @param {string} cls
     * @param {string} hint
     */
    const reviewButton = (text, status, cls, hint) =>
      h("button", {
        type: "button",
        class: `ss-btn ${cls}`,
        title: hint,
        "aria-pressed": String(mark.status === status),
        onclick: () => view.review(mark.id, status),
        text,
      });
    const buttons = h(
      "div",
      { class: "ss-author-review", role: "group", "aria-label": `Review mark ${n}` },
      reviewButton("✓ Accept into the key", "accepted", "ss-btn-primary", "Learners must find it (key A)"),
      reviewButton("– Not identifying", "not_identifying", "", "You confirm it identifies nobody (key I)"),
      reviewButton("■ Blank it out", "removed", "", "Painted over in the saved image (key B)"),
      mark.origin === "educator"
        ? h("button", { type: "button", class: "ss-btn ss-btn-danger", onclick: () => view.removeMark(mark.id), text: "Delete this box" })
        : null,
    );
    const reads = mark.text ? h("p", { class: "ss-author-reads" }, "Reads: ", h("q", { text: mark.text })) : null;
    const [x, y, w, hh] = mark.box;
    return [
      h(
        "p",
        { class: `ss-author-mark-title ss-st-${state}` },
        h("span", { class: "ss-box-badge ss-inline", text: `${MARK_STATES[state].sign}${n}` }),
        ` Mark ${n}, ${ORIGINS[mark.origin] || mark.origin}: `,
        h("strong", { class: "ss-author-state", text: view.stateText(mark) }),
      ),
      h("p", { class: "ss-note", text: `At x ${x}, y ${y}, ${w} by ${hh} pixels: drag it or its corners on the image to correct it.` }),
      reads || h("span"),
      buttons,
      h("label", { class: "ss-author-field" }, h("span", { text: "What it is" }), category),
      h("label", { class: "ss-author-field" }, h("span", { text: "Severity" }), severity),
      // A face cannot be replaced by a fictional value: it is blanked out or confirmed.
      mark.origin === "face" ? null : h("label", { class: "ss-author-field" }, h("span", { text: "Fill with" }), fill),
      h("label", { class: "ss-author-field ss-author-wide", for: `${id}-explanation` }, h("span", { text: "What learners read when they find or miss it" })),
      explanation,
      this.guidance(mark),
    ];
  }

  /**
   * The guidance the mark rests on: chips to remove and a picker to add one.
   * @param {DraftMark} mark
   * @returns {HTMLElement}
   */
  guidance(mark) {
    const view = this.view;
    const byId = new Map(view.taxonomy.guidance.map((g) => [g.id, g]));
    const list = h(
      "ul",
      { class: "ss-author-guidance" },
      mark.guidance.map((gid) =>
        h(
          "li",
          {},
          h("span", { title: byId.get(gid)?.summary || "", text: byId.get(gid)?.label || gid }),
          h("button", {
            type: "button",
            class: "ss-link ss-danger",
            "aria-label": `Remove guidance ${byId.get(gid)?.label || gid}`,
            onclick: () => {
              const current = view.mark(mark.id);
              if (current) view.replaceMark({ ...current, guidance: current.guidance.filter((g) => g !== gid) });
              this.refresh();
            },
            text: "Remove",
          }),
        ),
      ),
    );
    const add = h("select", { class: "ss-category", "aria-label": "Add guidance" });
    add.append(h("option", { value: "", text: "Add guidance…" }));
    for (const g of view.taxonomy.guidance) {
      if (!mark.guidance.includes(g.id)) add.append(h("option", { value: g.id, title: g.summary, text: g.label }));
    }
    add.addEventListener("change", () => {
      const current = view.mark(mark.id);
      if (current && add.value) view.replaceMark({ ...current, guidance: [...current.guidance, add.value] });
      this.refresh();
    });
    return h(
      "div",
      { class: "ss-author-wide" },
      h("span", { class: "ss-author-label", text: "Guidance it rests on" }),
      mark.guidance.length ? list : h("p", { class: "ss-note", text: "None yet." }),
      add,
    );
  }
}

export class MarksList {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.count = h("span", { class: "ss-count-badge" });
    this.summary = h("p", { class: "ss-note ss-author-counts" });
    this.list = h("ol", { class: "ss-marks-list" });
    this.proposeButton = h("button", {
      type: "button",
      class: "ss-btn ss-author-propose",
      onclick: () => view.send("propose"),
      text: "Propose marks again",
      title: "Run the checker on the image: text it reads, faces and metadata become proposed marks",
    });
    this.panel = h(
      "section",
      { class: "ss-panel ss-marks-panel", "aria-label": "Marks" },
      h("h3", {}, "Marks ", this.count),
      this.summary,
      this.list,
      this.proposeButton,
    );
  }

  refresh() {
    const view = this.view;
    const marks = view.draft.marks;
    this.count.textContent = String(marks.length);
    const toReview = marks.filter((m) => markState(m) === "proposed").length;
    this.summary.textContent = toReview
      ? `${toReview} proposed mark${toReview === 1 ? "" : "s"} still to review.`
      : marks.length
        ? "Every mark is reviewed."
        : "No marks yet: propose them, or draw boxes on the image.";
    if (!marks.length) {
      this.list.replaceChildren(h("li", { class: "ss-empty", text: "Nothing marked yet." }));
      return;
    }
    this.list.replaceChildren(
      ...marks.map((m, i) => {
        const state = markState(m);
        return h(
          "li",
          { class: `ss-mark-item ss-st-${state}${m.id === view.selected ? " ss-selected" : ""}`, "data-mark": m.id },
          h("span", { class: "ss-mark-num", text: `${MARK_STATES[state].sign}${i + 1}` }),
          h("span", { class: "ss-mark-cat", text: view.label(m.category) }),
          h("span", { class: "ss-mark-where", text: m.text ? `“${m.text}”` : ORIGINS[m.origin] || m.origin }),
          h("span", { class: "ss-mark-status", text: view.stateText(m) }),
          h("button", {
            type: "button",
            class: "ss-link",
            "aria-label": `Review mark ${i + 1}`,
            onclick: () => {
              view.select(m.id);
              view.markPanel.panel.scrollIntoView({ block: "nearest" });
            },
            text: "Review",
          }),
        );
      }),
    );
  }
}
