// @ts-check
// The exercise view's lifecycle: it reads the case from the model, builds the panels,
// holds what the learner is editing (the new mark, the selected one, keyboard moves not
// yet sent), keeps the panels in step with the model, and cleans up on destroy.
//
// The kernel (Python) holds the logic: it checks every mark, saves the answers file and
// grades. The page only draws and sends.

import { ConsentPanel, DecisionPanel } from "./choices-panel.js";
import { describeLocation } from "./describe.js";
import { h } from "./dom.js";
import { LEGEND, markStatus, statusText } from "./feedback.js";
import { FeedbackPanel, feedbackItem } from "./feedback-panel.js";
import { ImagePanel } from "./image-panel.js";
import { Actions, MarksPanel } from "./marks-panel.js";
import { MetaPanel } from "./meta-panel.js";
import { PostPanel } from "./post-panel.js";

/**
 * @import { AnyLocation, BoxLocation, CaseData, Feedback, FeedbackItem, ImageInfo, Mark,
 *   MarkLocation, MetaLocation, Model, Revealed, SpanLocation } from "./types.js"
 */

/** Milliseconds after the last arrow press before a keyboard move is sent. */
const MOVE_DELAY = 700;

export class ExerciseView {
  /**
   * @param {Model} model
   * @param {HTMLElement} el
   */
  constructor(model, el) {
    this.model = model;
    this.el = el;
    /** @type {CaseData} */
    this.data = model.get("_case");
    /** @type {Map<string, string>} category id -> label */
    this.labels = new Map();
    for (const group of this.data.category_groups) {
      for (const item of group.items) this.labels.set(item.id, item.label);
    }
    this.images = this.data.images;
    /** @type {Map<string, ImageInfo>} */
    this.imageById = new Map(this.images.map((i) => [i.id, i]));
    /** @type {{location: MarkLocation} | null} the new mark waiting for a category */
    this.pending = null;
    /** @type {string | null} the selected mark's id */
    this.selected = null;
    /** @type {Map<string, BoxLocation>} mark id -> location not yet sent (keyboard moves) */
    this.localMoves = new Map();
    /** @type {number | undefined} */
    this.moveTimer = undefined;
    /** @type {(() => void)[]} */
    this.cleanups = [];
    /** @type {string[]} category ids used lately, newest first: quick picks */
    this.recent = [];
    /** @type {{item: FeedbackItem, panel: "image" | "post", anchor: AnyLocation} | null} shown in an explanation card */
    this.explained = null;
    /** @type {ImagePanel | null} */
    this.imagePanel = null;
    /** @type {PostPanel | null} */
    this.postPanel = null;
    /** @type {MetaPanel | null} */
    this.metaPanel = null;

    this.root = h("div", {
      class: "ss-exercise",
      "data-lm-suppress-shortcuts": "true",
      "data-case": this.data.case_id,
    });
    this.live = h("div", { class: "ss-sr-only", "aria-live": "polite", role: "status" });
    this.marksPanel = new MarksPanel(this);
    this.consentPanel = new ConsentPanel(this);
    this.decisionPanel = new DecisionPanel(this);
    this.actions = new Actions(this);
    this.feedbackPanel = new FeedbackPanel(this);
    this.build();
    this.refreshAll();
    /**
     * @param {string} name
     * @param {() => void} fn
     */
    const listen = (name, fn) => {
      model.on(name, fn);
      this.cleanups.push(() => model.off(name, fn));
    };
    listen("change:marks", () => this.onMarksChanged());
    listen("change:consent_gaps", () => this.consentPanel.refresh());
    listen("change:decision", () => this.decisionPanel.refresh());
    listen("change:feedback", () => this.refreshFeedback());
    listen("change:revealed", () => this.refreshFeedback());
    listen("change:status", () => this.refreshStatus());
  }

  destroy() {
    for (const fn of this.cleanups) fn();
    this.imagePanel?.destroy();
  }

  // ---- model access -------------------------------------------------------

  /** @returns {Mark[]} the marks, with keyboard moves not yet sent applied */
  marks() {
    return (this.model.get("marks") || []).map((/** @type {Mark} */ m) => {
      const moved = this.localMoves.get(m.id);
      return moved ? { ...m, location: moved } : m;
    });
  }

  /** @param {Mark[]} marks */
  setMarks(marks) {
    this.model.set("marks", marks);
    this.model.save_changes();
  }

  /**
   * @param {string} category
   * @param {MarkLocation} location
   * @returns {string} the new mark's id
   */
  addMark(category, location) {
    const id = newId();
    this.setMarks([...this.marks(), { id, category, location }]);
    return id;
  }

  /**
   * @param {string} id
   * @param {Partial<Mark>} changes
   */
  updateMark(id, changes) {
    this.setMarks(this.marks().map((m) => (m.id === id ? { ...m, ...changes } : m)));
  }

  /** @param {string} id */
  removeMark(id) {
    this.localMoves.delete(id);
    this.setMarks(this.marks().filter((m) => m.id !== id));
    if (this.selected === id) this.selected = null;
  }

  /** @param {string} action check, reveal, hide or reset */
  send(action) {
    this.model.send({ action });
  }

  /** @returns {Feedback} */
  feedback() {
    return this.model.get("feedback") || {};
  }

  /** @returns {Revealed} */
  revealed() {
    return this.model.get("revealed") || {};
  }

  /** @returns {Map<string, string>} mark id -> found/partial/false_alarm/repeat after Check */
  markStatus() {
    return markStatus(this.feedback().items || []);
  }

  /** @param {string} categoryId */
  label(categoryId) {
    return this.labels.get(categoryId) || categoryId;
  }

  /** @param {string} text said to screen readers */
  announce(text) {
    this.live.textContent = "";
    window.setTimeout(() => (this.live.textContent = text), 30);
  }

  /**
   * @param {AnyLocation} location
   * @param {boolean} [detail]
   */
  describe(location, detail = true) {
    return describeLocation(
      location,
      {
        imageLabel: (id) => this.imageById.get(id)?.label,
        fieldText: (field) => this.data.post?.fields?.[field] || "",
      },
      detail,
    );
  }

  // ---- building the page ----------------------------------------------------

  build() {
    const d = this.data;
    const dots = "●".repeat(d.difficulty) + "○".repeat(Math.max(0, 3 - d.difficulty));
    const header = h(
      "header",
      { class: "ss-header" },
      h(
        "div",
        { class: "ss-header-line" },
        h("span", { class: "ss-case-id", text: d.case_id }),
        h("h2", { class: "ss-title", text: d.title }),
        h("span", {
          class: "ss-difficulty",
          title: `Difficulty ${d.difficulty} of 3`,
          "aria-label": `Difficulty ${d.difficulty} of 3`,
          text: dots,
        }),
      ),
      h("p", { class: "ss-brief", text: d.brief }),
      d.objectives.length
        ? h(
            "details",
            { class: "ss-objectives" },
            h("summary", { text: "What this case teaches" }),
            h("ul", {}, d.objectives.map((o) => h("li", { text: o }))),
          )
        : null,
    );
    this.root.append(this.live, header, legend());

    // Two columns: the picture (with the list of marks under it) beside the post, or
    // beside the file's header when there is no post; one column when there is one thing.
    const left = h("div", { class: "ss-col" });
    const right = h("div", { class: "ss-col" });
    const hasImages = this.images.length > 0;
    if (hasImages) {
      this.imagePanel = new ImagePanel(this);
      left.append(this.imagePanel.panel);
      this.imagePanel.start();
    }
    if (d.post) {
      this.postPanel = new PostPanel(this, d.post);
      (hasImages ? right : left).append(this.postPanel.panel);
    }
    const metaBeside = hasImages && !d.post && d.metadata.length > 0;
    if (d.metadata.length) this.metaPanel = new MetaPanel(this, d.metadata);
    if (metaBeside && this.metaPanel) right.append(this.metaPanel.panel);
    if (!hasImages && !d.post) {
      left.append(h("p", { class: "ss-note", text: "This case has no picture or post to mark." }));
    }
    (right.childElementCount ? left : right).append(this.marksPanel.panel);
    const work = h("div", { class: "ss-work" }, left, right);
    this.root.append(work);
    if (this.metaPanel && !metaBeside) this.root.append(this.metaPanel.panel);
    this.root.append(this.consentPanel.panel, this.decisionPanel.panel);
    this.root.append(this.actions.panel, this.feedbackPanel.el);
    this.el.append(this.root);
  }

  // ---- editing --------------------------------------------------------------

  /** @returns {BoxLocation | null} the box being edited: the new one, else the selected mark's */
  editedBox() {
    if (this.pending && this.pending.location.type === "box") return this.pending.location;
    const mark = this.marks().find((m) => m.id === this.selected);
    return mark && mark.location.type === "box" ? mark.location : null;
  }

  /** @param {MarkLocation} location a new mark, waiting for its category */
  startPending(location) {
    this.pending = { location };
    this.selected = null;
    if (location.type === "box") {
      this.imagePanel?.refreshEditor();
      this.imagePanel?.drawOverlay();
      this.announce(
        `New box at x ${location.x}, y ${location.y}, ${location.w} by ${location.h} pixels. ` +
          "Arrows move it (Ctrl+arrows further, Home End PgUp PgDn to an edge), Shift+arrows resize, Enter to choose what it is.",
      );
    } else {
      this.postPanel?.refreshEditor();
      this.postPanel?.refresh();
    }
  }

  cancelPending() {
    const was = this.pending;
    this.pending = null;
    this.imagePanel?.refreshEditor();
    this.postPanel?.refreshEditor();
    this.imagePanel?.drawOverlay();
    this.postPanel?.refresh();
    if (was) this.announce("New mark cancelled.");
  }

  /**
   * Save the new mark with a category.
   * @param {string} category
   * @returns {string | undefined} the mark's id, undefined when there was nothing to save
   */
  commitPending(category) {
    if (!this.pending || !category) return;
    this.recent = [category, ...this.recent.filter((c) => c !== category)].slice(0, 4);
    const location = this.pending.location;
    this.pending = null;
    const id = this.addMark(category, location);
    this.selected = null;
    this.announce(`Marked as ${this.label(category)}.`);
    this.imagePanel?.refreshEditor();
    this.postPanel?.refreshEditor();
    return id;
  }

  /** @param {string | null} id the mark to select, null for none */
  select(id) {
    this.flushMoves();
    this.selected = id;
    if (id) this.pending = null;
    const mark = this.marks().find((m) => m.id === id);
    if (mark && mark.location.type === "box" && mark.location.asset !== this.imagePanel?.current) {
      this.imagePanel?.showImage(mark.location.asset, { focus: false });
    }
    this.imagePanel?.refreshEditor();
    this.postPanel?.refreshEditor();
    this.imagePanel?.drawOverlay();
    this.postPanel?.refresh();
    this.marksPanel.refresh();
    if (mark) this.announce(`Selected: ${this.label(mark.category)}, ${this.describe(mark.location)}.`);
    this.explain(null);
  }

  /**
   * Move a mark's box without sending it yet: arrow presses come quickly, and the
   * kernel gets the last position once they stop (or the image loses focus).
   * @param {string} id
   * @param {BoxLocation} location
   */
  moveLocally(id, location) {
    this.localMoves.set(id, location);
    window.clearTimeout(this.moveTimer);
    this.moveTimer = window.setTimeout(() => this.flushMoves(), MOVE_DELAY);
  }

  /** Send the keyboard moves not sent yet. */
  flushMoves() {
    window.clearTimeout(this.moveTimer);
    if (!this.localMoves.size) return;
    const moves = this.localMoves;
    this.localMoves = new Map();
    const marks = (this.model.get("marks") || []).map((/** @type {Mark} */ m) => {
      const moved = moves.get(m.id);
      return moved ? { ...m, location: moved } : m;
    });
    this.setMarks(marks);
  }

  /** Forget what is being edited (before the kernel clears the answer). */
  clearLocal() {
    this.pending = null;
    this.selected = null;
    this.metaPanel?.pending.clear();
    this.localMoves.clear();
  }

  // ---- explanations ---------------------------------------------------------

  /**
   * Show the feedback (or key entry) behind a box or words in a card beside them.
   * @param {string} ref "fb:<index>" or "key:<index>"
   * @param {"image" | "post"} panel
   */
  explainRef(ref, panel) {
    const [kind, index] = ref.split(":");
    if (kind === "key") {
      const finding = (this.revealed().findings || [])[Number(index)];
      if (finding) this.explain({ ...finding, status: "key", label: this.label(finding.category) }, panel, finding.location);
      return;
    }
    const item = (this.feedback().items || [])[Number(index)];
    if (item) this.explain(item, panel, item.location);
  }

  /**
   * @param {FeedbackItem | null} item null closes the card
   * @param {"image" | "post"} [panel]
   * @param {AnyLocation | null} [anchor] where the card points (default: the item's location)
   */
  explain(item, panel = "image", anchor = null) {
    const cards = [this.imagePanel?.explainCard, this.postPanel?.explainCard];
    for (const el of cards) {
      if (!el) continue;
      el.hidden = true;
      el.replaceChildren();
    }
    this.explained = item ? { item, panel, anchor: anchor || item.location } : null;
    const el = panel === "post" ? cards[1] : cards[0];
    if (!item || !el) return;
    const close = h("button", { type: "button", class: "ss-link ss-explain-close", "aria-label": "Close", onclick: () => this.explain(null), text: "Close" });
    el.replaceChildren(h("ul", { class: "ss-fb-list" }, feedbackItem(this, item, { show: false })), close);
    el.hidden = false;
    if (panel === "post") this.postPanel?.placePopovers();
    else this.imagePanel?.placePopovers();
    this.announce(`${statusText(item.status)}: ${item.label}. ${item.explanation || ""}`);
  }

  /** @param {Mark} mark scroll to it and select it */
  showMark(mark) {
    this.select(mark.id);
    const loc = mark.location;
    if (loc.type === "box") {
      this.imagePanel?.stage.scrollIntoView({ block: "nearest", behavior: "smooth" });
      this.imagePanel?.stage.focus({ preventScroll: true });
    } else if (loc.type === "span") {
      this.postPanel?.fieldEls.get(loc.field)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "meta") {
      this.metaPanel?.rows.get(`${loc.asset}|${loc.tag}`)?.tr.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  /**
   * Scroll to a location (an item's), explaining the item beside it.
   * @param {AnyLocation} loc
   * @param {FeedbackItem | null} [item]
   */
  showLocation(loc, item = null) {
    if (item) this.explain(item, loc.type === "span" ? "post" : "image");
    if (loc.type === "box") {
      const asset = /** @type {BoxLocation} */ (loc).asset;
      if (asset !== this.imagePanel?.current && this.imageById.has(asset)) this.imagePanel?.showImage(asset, { focus: false });
      this.imagePanel?.stage.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "span") {
      this.postPanel?.fieldEls.get(/** @type {SpanLocation} */ (loc).field)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "meta") {
      const meta = /** @type {MetaLocation} */ (loc);
      this.metaPanel?.rows.get(`${meta.asset}|${meta.tag}`)?.tr.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  // ---- keeping the panels in step -------------------------------------------

  refreshFeedback() {
    this.explain(null);
    const fb = this.feedback();
    const rv = this.revealed();
    this.feedbackPanel.refresh(fb, rv);
    this.actions.showRevealed(Boolean(rv.findings));
    this.root.classList.toggle("ss-checked", Boolean(fb.items));
    this.imagePanel?.drawOverlay();
    this.postPanel?.refresh();
    this.metaPanel?.refresh();
    this.marksPanel.refresh();
    this.consentPanel.refresh();
    this.decisionPanel.refresh();
  }

  /** @param {string} text a problem found on the page (not by the kernel) */
  setLocalStatus(text) {
    this.actions.setStatus(text, "error");
  }

  refreshStatus() {
    const status = this.model.get("status") || {};
    this.actions.setStatus(status.text || "", status.kind || "info");
  }

  onMarksChanged() {
    const ids = new Set((this.model.get("marks") || []).map((/** @type {Mark} */ m) => m.id));
    if (this.selected && !ids.has(this.selected)) this.selected = null;
    for (const id of [...this.localMoves.keys()]) if (!ids.has(id)) this.localMoves.delete(id);
    this.imagePanel?.drawOverlay();
    this.postPanel?.refresh();
    this.metaPanel?.refresh();
    this.marksPanel.refresh();
    this.imagePanel?.refreshEditor();
    this.postPanel?.refreshEditor();
  }

  refreshAll() {
    this.refreshFeedback();
    this.refreshStatus();
    this.imagePanel?.refreshEditor();
  }
}

/** @returns {HTMLElement} the colour key above the exercise */
function legend() {
  return h(
    "div",
    { class: "ss-legend", role: "note", "aria-label": "Colour key" },
    h("span", { class: "ss-legend-title", text: "Colours:" }),
    LEGEND.map((s) =>
      h("span", { class: `ss-legend-item ss-st-${s}` }, h("span", { class: "ss-swatch", "aria-hidden": "true" }), statusText(s)),
    ),
  );
}

/** @returns {string} a fresh mark id */
function newId() {
  return "m" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
}

/**
 * anywidget's entry: draw the exercise in `el`; the returned function cleans up.
 * @param {{model: Model, el: HTMLElement}} context
 * @returns {() => void}
 */
export function render({ model, el }) {
  const view = new ExerciseView(model, el);
  return () => view.destroy();
}
