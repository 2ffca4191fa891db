// @ts-check
// The author view: an educator turns an image of their own into a case. It holds the
// draft as the page edits it, builds the panels (the picture with its marks, the selected
// mark's wording, the marks list, the file's hidden data, the post, the case details, the
// consent record, the decision, the privacy guard and Save) and keeps them in step.
//
// The kernel holds the logic: every change of the draft goes to it (the `draft` trait);
// it reads the draft strictly, runs the privacy guard and sends the report back (the
// `guard` trait); Propose and Save are messages. The page only draws and sends.

import { h } from "../dom.js";
import { GuardPanel } from "./guard-panel.js";
import { MarkPanel, MarksList } from "./mark-panel.js";
import {
  ASSET,
  accepted,
  boxLocation,
  categoryOf,
  freshId,
  newMark,
  stateText,
  withMark,
  withStatus,
  withoutMark,
} from "./marks.js";
import { ConsentForm, DecisionForm, DetailsForm, MetadataTable } from "./forms.js";
import { PostEditor } from "./post-editor.js";
import { AuthorImagePanel } from "./stage.js";

/**
 * @import { AuthorImage, AuthorTaxonomy, Draft, DraftMark, GuardReport } from "./types.js"
 * @import { BoxLocation, ImageInfo } from "../types.js"
 */

/**
 * The anywidget model as the author view uses it.
 * @typedef {{get(name: string): any, set(name: string, value: unknown): void, save_changes(): void,
 *   send(message: unknown): void, on(name: string, fn: (...args: any[]) => void): void,
 *   off(name: string, fn: (...args: any[]) => void): void}} AuthorModel
 */

/** Milliseconds after the last keystroke or arrow press before the draft is sent. */
const SEND_DELAY = 500;

/**
 * A panel of the page that redraws from the draft. `source` names the panel a change came
 * from: that one is not redrawn (the educator is typing in it).
 * @typedef {{refresh(source?: string): void}} Part
 */

export class AuthorView {
  /**
   * @param {AuthorModel} model
   * @param {HTMLElement} el
   */
  constructor(model, el) {
    this.model = model;
    this.el = el;
    /** @type {AuthorTaxonomy} */
    this.taxonomy = model.get("_taxonomy");
    /** @type {AuthorImage} */
    this.image = model.get("_image");
    /** @type {Draft} */
    this.draft = model.get("draft");
    /** @type {Map<string, string>} category id -> label */
    this.labels = new Map();
    for (const group of this.taxonomy.category_groups) {
      for (const item of group.items) this.labels.set(item.id, item.label);
    }
    /** @type {ImageInfo[]} the one picture, as the image panel reads it */
    this.images = [
      { id: ASSET, type: "authored", caption: "", width: this.image.width, height: this.image.height, markable: true, src: this.image.src, label: this.image.label },
    ];
    this.imageById = new Map(this.images.map((i) => [i.id, i]));
    /** @type {{location: BoxLocation} | null} a new box waiting for its category */
    this.pending = null;
    /** @type {string | null} */
    this.selected = null;
    /** @type {Map<string, BoxLocation>} keyboard moves not yet sent */
    this.localMoves = new Map();
    /** @type {{panel: string} | null} the image panel's explanation card: never shown here */
    this.explained = null;
    /** @type {number | undefined} */
    this.sendTimer = undefined;
    /** @type {number | undefined} */
    this.moveTimer = undefined;
    /** @type {HTMLElement | null} */
    this.title = null;
    /** the draft as last sent to the kernel (JSON), to know our own change coming back */
    this.lastSent = JSON.stringify(this.draft);
    /** @type {(() => void)[]} */
    this.cleanups = [];

    this.root = h("div", { class: "ss-exercise ss-authoring", "data-lm-suppress-shortcuts": "true" });
    this.live = h("div", { class: "ss-sr-only", "aria-live": "polite", role: "status" });
    this.imagePanel = new AuthorImagePanel(this);
    this.markPanel = new MarkPanel(this);
    this.marksList = new MarksList(this);
    this.metadata = new MetadataTable(this);
    this.post = new PostEditor(this);
    this.details = new DetailsForm(this);
    this.consent = new ConsentForm(this);
    this.decision = new DecisionForm(this);
    this.guard = new GuardPanel(this);
    /** @type {Record<string, Part>} */
    this.parts = {
      marks: this.marksList,
      mark: this.markPanel,
      metadata: this.metadata,
      post: this.post,
      details: this.details,
      consent: this.consent,
      decision: this.decision,
    };
    this.build();
    this.imagePanel.start();
    this.refreshAll();
    this.guard.refresh();
    /**
     * @param {string} name
     * @param {(...args: any[]) => void} fn
     */
    const listen = (name, fn) => {
      model.on(name, fn);
      this.cleanups.push(() => model.off(name, fn));
    };
    listen("change:draft", () => this.onDraftFromKernel());
    listen("change:_image", () => this.onImageFromKernel());
    listen("change:guard", () => this.guard.refresh());
    listen("change:status", () => this.guard.refreshStatus());
    listen("change:busy", () => this.guard.refreshStatus());
  }

  destroy() {
    this.flush();
    for (const fn of this.cleanups) fn();
    this.imagePanel.destroy();
  }

  build() {
    const d = this.draft;
    this.title = h("h2", { class: "ss-title", text: d.title || "A new case" });
    const header = h(
      "header",
      { class: "ss-header" },
      h("div", { class: "ss-header-line" }, h("span", { class: "ss-case-id", text: d.case_id }), this.title),
      h("p", {
        class: "ss-brief",
        text: "Review each proposed mark (accept it, correct its box, fill it with a fictional value, blank it out or confirm it is not identifying), draw what the checker missed, write the post, the consent record and the decision, then save. The privacy guard keeps Save off until every identifier is accounted for.",
      }),
      this.guard.summary,
    );
    const left = h("div", { class: "ss-col" }, this.imagePanel.panel, this.marksList.panel);
    const right = h("div", { class: "ss-col" }, this.markPanel.panel, this.metadata.panel);
    this.root.append(
      this.live,
      header,
      h("div", { class: "ss-work" }, left, right),
      this.post.panel,
      h("div", { class: "ss-author-forms" }, this.details.panel, this.consent.panel, this.decision.panel),
      this.guard.panel,
    );
    this.el.append(this.root);
  }

  // ---- what the image panel asks of its view ----------------------------------

  /** @returns {{id: string, category: string, location: BoxLocation}[]} */
  marks() {
    return this.draft.marks.map((m) => ({ id: m.id, category: m.category, location: this.localMoves.get(m.id) || boxLocation(m) }));
  }

  /** @returns {BoxLocation | null} */
  editedBox() {
    if (this.pending) return this.pending.location;
    const mark = this.marks().find((m) => m.id === this.selected);
    return mark ? mark.location : null;
  }

  /** @param {BoxLocation} location */
  startPending(location) {
    this.pending = { location };
    this.selected = null;
    this.imagePanel.refreshEditor();
    this.imagePanel.drawOverlay();
    this.markPanel.refresh();
    this.announce(`New box at x ${location.x}, y ${location.y}, ${location.w} by ${location.h} pixels. Enter to choose what it is.`);
  }

  cancelPending() {
    const was = this.pending;
    this.pending = null;
    this.imagePanel.refreshEditor();
    this.imagePanel.drawOverlay();
    if (was) this.announce("New box cancelled.");
  }

  /** @param {string} category */
  commitPending(category) {
    if (!this.pending || !category) return;
    const { x, y, w, h: height } = this.pending.location;
    const mark = newMark(freshId(this.draft.marks), category, { x, y, w, h: height }, this.taxonomy);
    this.pending = null;
    this.imagePanel.refreshEditor();
    this.change(withMark(this.draft, mark));
    this.select(mark.id);
    this.announce(`Added ${this.label(category)} to the key.`);
  }

  /** @param {string | null} id */
  select(id) {
    this.flushMoves();
    this.selected = id;
    if (id) this.pending = null;
    this.imagePanel.refreshEditor();
    this.imagePanel.drawOverlay();
    this.markPanel.refresh();
    this.marksList.refresh();
    const mark = this.mark(id);
    if (mark) this.announce(`Selected mark ${this.draft.marks.indexOf(mark) + 1}: ${this.label(mark.category)}, ${this.stateText(mark)}.`);
  }

  /**
   * @param {string} id
   * @param {{location?: BoxLocation}} changes
   */
  updateMark(id, changes) {
    const mark = this.mark(id);
    if (!mark || !changes.location) return;
    const { x, y, w, h: height } = changes.location;
    this.localMoves.delete(id);
    this.change(withMark(this.draft, { ...mark, box: [x, y, w, height] }));
  }

  /**
   * @param {string} id
   * @param {BoxLocation} location
   */
  moveLocally(id, location) {
    this.localMoves.set(id, location);
    window.clearTimeout(this.moveTimer);
    this.moveTimer = window.setTimeout(() => this.flushMoves(), SEND_DELAY);
  }

  flushMoves() {
    window.clearTimeout(this.moveTimer);
    if (!this.localMoves.size) return;
    let draft = this.draft;
    for (const [id, loc] of this.localMoves) {
      const mark = draft.marks.find((m) => m.id === id);
      if (mark) draft = withMark(draft, { ...mark, box: [loc.x, loc.y, loc.w, loc.h] });
    }
    this.localMoves.clear();
    this.change(draft);
  }

  /** @param {string} id delete (a drawn box) or blank out (a proposed one) */
  removeMark(id) {
    const mark = this.mark(id);
    this.localMoves.delete(id);
    this.change(withoutMark(this.draft, id));
    if (mark && mark.origin === "educator" && this.selected === id) this.selected = null;
    this.select(this.selected);
  }

  /** @param {null} _item the image panel closes explanations; there are none here */
  explain(_item) {}

  /** @param {string} _ref */
  explainRef(_ref) {}

  // ---- reviewing ----------------------------------------------------------------

  /**
   * @param {string | null} id
   * @returns {DraftMark | undefined}
   */
  mark(id) {
    return this.draft.marks.find((m) => m.id === id);
  }

  /**
   * Put a mark in a review state: accepted, not_identifying, removed or proposed.
   * @param {string} id
   * @param {string} status
   */
  review(id, status) {
    const mark = this.mark(id);
    if (!mark) return;
    const next = status === "accepted" ? accepted(mark, this.taxonomy) : withStatus(mark, status);
    if (typeof next === "string") {
      this.announce(next);
      this.markPanel.showProblem(next);
      return;
    }
    this.replaceMark(next);
    this.announce(`Mark ${this.draft.marks.indexOf(next) + 1}: ${this.stateText(next)}.`);
  }

  /**
   * @param {DraftMark} mark
   * @param {string} [source] the panel the change came from (not redrawn)
   */
  replaceMark(mark, source) {
    this.change(withMark(this.draft, mark), source);
  }

  // ---- the draft ----------------------------------------------------------------

  /**
   * Take a new draft from a panel: redraw the others, send it once the typing stops.
   * @param {Draft} draft
   * @param {string} [source]
   */
  change(draft, source) {
    this.draft = draft;
    if (this.title) this.title.textContent = draft.title || "A new case";
    this.refreshAll(source);
    window.clearTimeout(this.sendTimer);
    this.sendTimer = window.setTimeout(() => this.flush(), source ? SEND_DELAY : 0);
    this.guard.pending();
  }

  /** Send the draft now if it changed. */
  flush() {
    window.clearTimeout(this.sendTimer);
    const json = JSON.stringify(this.draft);
    if (json === this.lastSent) {
      this.guard.refresh(); // nothing new to check: the report shown stands
      return;
    }
    this.lastSent = json;
    this.model.set("draft", this.draft);
    this.model.save_changes();
  }

  onDraftFromKernel() {
    const draft = this.model.get("draft");
    const json = JSON.stringify(draft);
    if (json === this.lastSent) return;
    this.lastSent = json;
    this.draft = draft;
    this.localMoves.clear();
    if (this.selected && !this.mark(this.selected)) this.selected = null;
    if (this.title) this.title.textContent = draft.title || "A new case";
    this.refreshAll();
    this.guard.refresh();
  }

  /** The picture changed (after Save: the case's picture as saved, blanked where asked). */
  onImageFromKernel() {
    this.image = this.model.get("_image");
    Object.assign(this.images[0], { src: this.image.src, width: this.image.width, height: this.image.height, label: this.image.label });
    this.imagePanel.showImage(ASSET, { focus: false });
  }

  /** @param {string} type propose or save */
  send(type) {
    this.flush();
    this.model.send({ type });
  }

  /** @param {string} [source] */
  refreshAll(source) {
    this.imagePanel.drawOverlay();
    for (const [name, part] of Object.entries(this.parts)) {
      if (name !== source) part.refresh();
    }
  }

  // ---- words --------------------------------------------------------------------

  /** @param {string} id */
  label(id) {
    return this.labels.get(id) || (id ? id : "Not classified yet");
  }

  /** @param {DraftMark} mark */
  stateText(mark) {
    return stateText(mark, this.taxonomy);
  }

  /** @param {string} text said to screen readers */
  announce(text) {
    this.live.textContent = "";
    window.setTimeout(() => (this.live.textContent = text), 30);
  }

  /**
   * A category picker in the taxonomy's groups.
   * @param {string} value
   * @param {string} ariaLabel
   * @returns {HTMLSelectElement}
   */
  categorySelect(value, ariaLabel) {
    const select = h("select", { class: "ss-category", "aria-label": ariaLabel });
    select.append(h("option", { value: "", text: "Choose what it is…" }));
    for (const group of this.taxonomy.category_groups) {
      const og = h("optgroup", { label: `${group.label} (${group.hint})` });
      for (const item of group.items) og.append(h("option", { value: item.id, title: item.description, text: item.label }));
      select.append(og);
    }
    select.value = categoryOf(this.taxonomy, value) ? value : "";
    return select;
  }
}

/**
 * anywidget's entry: draw the author view in `el`; the returned function cleans up.
 * @param {{model: AuthorModel, el: HTMLElement}} context
 * @returns {() => void}
 */
export function render({ model, el }) {
  const view = new AuthorView(model, el);
  return () => view.destroy();
}
