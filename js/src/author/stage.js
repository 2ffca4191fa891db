// @ts-check
// The picture the educator marks: the learners' image panel (the same drawing, moving,
// resizing, zoom and keys), drawing the draft's marks in their review states and asking
// for a category when a new box is drawn.

import { h, svg } from "../dom.js";
import { placePopover } from "../editor.js";
import { badgePosition, handles, labelPosition, rectBetween } from "../geometry.js";
import { ImagePanel } from "../image-panel.js";
import { MARK_STATES, boxLocation, markState } from "./marks.js";

/**
 * @import { AuthorView } from "./view.js"
 * @import { Rect } from "../types.js"
 */

/** Keys on the image besides the learners' ones: what they do to the selected mark. */
export const REVIEW_KEYS = Object.freeze({ a: "accepted", i: "not_identifying", b: "removed" });

export class AuthorImagePanel extends ImagePanel {
  /** @param {AuthorView} author */
  constructor(author) {
    // The image panel reads the view through the same calls as the learners' view (marks,
    // select, startPending, updateMark, moveLocally...): AuthorView provides them.
    super(/** @type {any} */ (author));
    this.author = author;
    // The learners' help keeps its list of keys (the same keys work here); the review keys follow.
    const help = this.panel.querySelector(".ss-help");
    help?.firstChild?.replaceWith(
      "Drag on the image to draw a box around anything that identifies the patient, or click a proposed box to review it. ",
    );
    help?.append(h("span", { class: "ss-keys" }, " Review: A accept, I not identifying, B blank out."));
    this.stage.addEventListener("keydown", (e) => this.onReviewKey(e));
  }

  /** @param {KeyboardEvent} e */
  onReviewKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    if (!Object.hasOwn(REVIEW_KEYS, key) || !this.author.selected) return;
    e.preventDefault();
    this.author.review(this.author.selected, REVIEW_KEYS[/** @type {"a" | "i" | "b"} */ (key)]);
  }

  drawOverlay() {
    if (!this.current) return;
    const author = this.author;
    this.overlay.replaceChildren();
    this.boxLabels.replaceChildren();
    const drag = this.drag;
    const moving = drag && (drag.kind === "move" || drag.kind === "resize") && drag.result ? drag : null;
    const stageWidth = this.stage.clientWidth;
    author.draft.marks.forEach((mark, index) => {
      const state = markState(mark);
      const moved = moving && moving.id === mark.id ? moving.result : null;
      const box = moved || author.localMoves.get(mark.id) || boxLocation(mark);
      const selected = mark.id === author.selected;
      const sign = MARK_STATES[state].sign;
      const text = `${sign} ${index + 1} · ${author.label(mark.category)} (${author.stateText(mark)})`;
      this.drawBox(box, { cls: `ss-st-${state}`, id: mark.id, selected, text, badge: `${sign}${index + 1}` }, stageWidth);
    });
    if (author.pending) {
      const moved = moving && moving.pending ? moving.result : null;
      this.drawBox(moved || author.pending.location, { cls: "ss-st-pending", id: "pending", selected: true, text: "New mark: choose what it is", badge: "" }, stageWidth);
    }
    if (drag && drag.kind === "draw") {
      const r = this.toScreen(rectBetween(drag.start, drag.current));
      this.overlay.append(svg("rect", { class: "ss-box ss-st-pending", x: r.x, y: r.y, width: Math.max(1, r.w), height: Math.max(1, r.h) }));
    }
    for (const child of this.boxLabels.children) {
      const tag = /** @type {HTMLElement} */ (child);
      const right = tag.offsetLeft + tag.offsetWidth;
      if (right > stageWidth - 2) tag.style.left = `${Math.max(0, stageWidth - 2 - tag.offsetWidth)}px`;
    }
    this.placePopovers();
  }

  /**
   * @param {Rect} box in image pixels
   * @param {{cls: string, id: string, selected: boolean, text: string, badge: string}} item
   * @param {number} stageWidth
   */
  drawBox(box, item, stageWidth) {
    const r = this.toScreen(box);
    const rect = svg("rect", {
      class: `ss-box ${item.cls}${item.selected ? " ss-selected" : ""}`,
      x: r.x,
      y: r.y,
      width: Math.max(1, r.w),
      height: Math.max(1, r.h),
      "data-mark": item.id,
    });
    const title = svg("title");
    title.textContent = item.text;
    rect.append(title);
    this.overlay.append(rect);
    if (item.selected) {
      const tag = h("div", { class: `ss-box-label ${item.cls}`, text: item.text });
      const at = labelPosition(r);
      tag.style.left = `${at.left}px`;
      tag.style.top = `${at.top}px`;
      this.boxLabels.append(tag);
      for (const [name, hx, hy] of handles(r)) {
        this.overlay.append(svg("rect", { class: `ss-handle ss-handle-${name}`, x: hx - 5, y: hy - 5, width: 10, height: 10, "data-handle": name }));
      }
    } else if (item.badge) {
      const tag = h("div", { class: `ss-box-badge ${item.cls}`, text: item.badge });
      const at = badgePosition(r, item.badge, stageWidth);
      tag.style.left = `${at.left}px`;
      tag.style.top = `${at.top}px`;
      this.boxLabels.append(tag);
    }
  }

  /** The "what is it?" bar for a new box (a selected mark is edited beside the image). */
  refreshEditor() {
    const author = this.author;
    const pending = author.pending;
    if (!pending) {
      this.editor.hidden = true;
      this.editor.replaceChildren();
      return;
    }
    const select = author.categorySelect("", "What is the new mark?");
    const add = () => {
      if (!select.value) {
        author.announce("Choose a category first.");
        select.focus();
        return;
      }
      author.commitPending(select.value);
      this.stage.focus({ preventScroll: true });
    };
    select.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") {
        e.preventDefault();
        add();
      } else if (e.key === "Escape") {
        e.preventDefault();
        author.cancelPending();
        this.stage.focus({ preventScroll: true });
      }
    });
    const { x, y, w, h: height } = /** @type {Rect} */ (pending.location);
    this.editor.replaceChildren(
      h("span", { class: "ss-editor-title", text: `New mark: ${w} by ${height} pixels at x ${x}, y ${y}` }),
      h("label", { class: "ss-editor-field" }, h("span", { text: "What is it?" }), select),
      h("button", { type: "button", class: "ss-btn ss-btn-primary", onclick: add, text: "Add mark" }),
      h("button", { type: "button", class: "ss-btn", onclick: () => author.cancelPending(), text: "Cancel" }),
      h("span", { class: "ss-editor-hint", text: "Enter adds it, Esc cancels" }),
    );
    this.editor.hidden = false;
    this.placePopovers();
    window.setTimeout(() => document.activeElement === document.body && select.focus(), 0);
  }

  placePopovers() {
    const pending = this.author.pending;
    if (pending) placePopover(this.editor, this.toScreen(pending.location), this.stageWrap);
  }
}
