// @ts-check
// The post panel: the post, its thread, replies and the author's profile as read-only
// text fields the learner selects words in. A selection becomes a span (spans.js), the
// spans drawn over a field are cut into pieces (spans.js, overlay.js), keys follow
// keymap.js.

import { fieldName, initials } from "./describe.js";
import { h } from "./dom.js";
import { fillEditor, placePopover } from "./editor.js";
import { postKeyAction } from "./keymap.js";
import { spanLayers } from "./overlay.js";
import { layerPieces, selectionSpan } from "./spans.js";

/**
 * @import { AnyLocation, MarkLocation, Post, Profile, Rect, SpanLocation } from "./types.js"
 * @import { ExerciseView } from "./view.js"
 */

export class PostPanel {
  /**
   * @param {ExerciseView} view
   * @param {Post} post
   */
  constructor(view, post) {
    this.view = view;
    this.post = post;
    /** @type {Map<string, HTMLElement>} field name -> its text element */
    this.fieldEls = new Map();
    const panel = h("section", { class: "ss-panel ss-post-panel", "aria-label": "The post" });
    panel.append(h("h3", { text: "The post and what surrounds it" }));
    panel.append(
      h(
        "p",
        { class: "ss-help" },
        "Select words that could identify the patient, then choose what they are. ",
        h("span", { class: "ss-keys" }, "Keyboard: Tab into a text, Shift+arrows to select, then M."),
      ),
    );
    /**
     * @param {string} name
     * @param {string} cls
     * @param {"span" | "div"} [tag]
     */
    const field = (name, cls, tag = "span") => {
      const text = post.fields[name] ?? "";
      const el = h(tag, {
        class: `ss-field ${cls}`,
        "data-field": name,
        contenteditable: "true",
        role: "textbox",
        "aria-readonly": "true",
        "aria-multiline": tag === "div" ? "true" : "false",
        "aria-label": fieldName(name),
        spellcheck: "false",
        translate: "no",
      });
      el.textContent = text;
      this.fieldEls.set(name, el);
      return el;
    };
    /** @param {Profile} profile */
    const avatar = (profile) => {
      const a = h("span", { class: "ss-avatar", "aria-hidden": "true", text: initials(profile.display_name) });
      a.style.background = /^#[0-9a-fA-F]{3,8}$/.test(profile.avatar_color || "") ? /** @type {string} */ (profile.avatar_color) : "#7a4b8c";
      return a;
    };
    const postEl = h("div", { class: "ss-post" });
    if (post.thread.length) {
      const thread = h("div", { class: "ss-thread", "aria-label": "Earlier posts by the author" });
      thread.append(h("div", { class: "ss-thread-title", text: "Earlier in the thread" }));
      post.thread.forEach((_, i) => {
        thread.append(
          h(
            "div",
            { class: "ss-thread-post" },
            h("div", { class: "ss-meta-line" }, field(`thread.${i}.posted_at`, "ss-time")),
            field(`thread.${i}.text`, "ss-text", "div"),
          ),
        );
      });
      postEl.append(thread);
    }
    const author = post.author;
    postEl.append(
      h(
        "div",
        { class: "ss-author" },
        avatar(author),
        h(
          "div",
          { class: "ss-author-names" },
          h(
            "div",
            { class: "ss-name-line" },
            field("author.display_name", "ss-name"),
            author.verified ? h("span", { class: "ss-verified", title: "Verified account", "aria-label": "verified", text: "✔" }) : null,
          ),
          h("div", { class: "ss-handle-line" }, field("author.handle", "ss-handle")),
        ),
      ),
      field("text", "ss-text ss-main-text", "div"),
    );
    if (post.images.length) {
      const strip = h("div", { class: `ss-post-images ss-n${Math.min(post.images.length, 4)}` });
      for (const id of post.images) {
        const image = view.imageById.get(id);
        if (!image) continue;
        strip.append(
          h(
            "button",
            {
              type: "button",
              class: "ss-thumb",
              title: `Show ${image.label} in the image panel`,
              "aria-label": `Show ${image.label} in the image panel`,
              onclick: () => view.imagePanel?.showImage(id),
            },
            h("img", { src: image.src, alt: "" }),
          ),
        );
      }
      postEl.append(strip);
    }
    const extras = h("dl", { class: "ss-post-extras" });
    /**
     * @param {string} label
     * @param {string} name
     */
    const extra = (label, name) => {
      if (!post.fields[name]) return;
      extras.append(h("dt", { text: label }), h("dd", {}, field(name, "ss-extra")));
    };
    extra("Alt text", "alt_text");
    extra("Location tag", "location_tag");
    if (extras.children.length) postEl.append(extras);
    postEl.append(
      h(
        "div",
        { class: "ss-meta-line ss-post-time" },
        field("posted_at", "ss-time"),
        post.views ? h("span", { class: "ss-count" }, " · ", h("b", { text: post.views }), " Views") : null,
        post.likes ? h("span", { class: "ss-count" }, " · ", h("b", { text: post.likes }), " Likes") : null,
      ),
    );
    if (post.replies.length) {
      const replies = h("div", { class: "ss-replies", "aria-label": "Replies" });
      post.replies.forEach((reply, i) => {
        replies.append(
          h(
            "div",
            { class: "ss-reply" },
            avatar(reply.author),
            h(
              "div",
              { class: "ss-reply-body" },
              h(
                "div",
                { class: "ss-name-line" },
                field(`replies.${i}.author.display_name`, "ss-name"),
                " ",
                field(`replies.${i}.author.handle`, "ss-handle"),
                reply.posted_at ? h("span", { class: "ss-time ss-plain", text: ` · ${reply.posted_at}` }) : null,
              ),
              field(`replies.${i}.text`, "ss-text", "div"),
            ),
          ),
        );
      });
      postEl.append(replies);
    }
    const profile = h(
      "div",
      { class: "ss-profile", "aria-label": "The author's profile" },
      h("div", { class: "ss-profile-title", text: "The author's profile" }),
    );
    if (post.fields["author.bio"]) profile.append(field("author.bio", "ss-bio", "div"));
    if (post.fields["author.location"]) {
      profile.append(h("div", { class: "ss-profile-loc" }, h("span", { class: "ss-profile-key", text: "Location: " }), field("author.location", "ss-loc")));
    }
    this.editor = h("div", { class: "ss-editor ss-popover", hidden: true });
    this.explainCard = h("div", { class: "ss-explain ss-popover", hidden: true, "aria-live": "polite" });
    this.markWordsButton = h("button", {
      type: "button",
      class: "ss-btn",
      disabled: true,
      onclick: () => this.markSelection(),
      text: "Mark selected words (M)",
    });
    panel.append(postEl);
    if (profile.children.length > 1) panel.append(profile);
    panel.append(h("div", { class: "ss-post-actions" }, this.markWordsButton), this.editor, this.explainCard);
    this.panel = panel;
    this.bind(panel);
  }

  /** @param {HTMLElement} panel */
  bind(panel) {
    const view = this.view;
    /** @param {Event} e */
    const block = (e) => e.preventDefault();
    for (const name of ["beforeinput", "paste", "cut", "drop", "dragstart"]) panel.addEventListener(name, block);
    panel.addEventListener("keydown", (e) => {
      const target = /** @type {Element} */ (e.target);
      if (!target.closest || !target.closest("[data-field]")) return;
      e.stopPropagation();
      const action = postKeyAction(e);
      if (action === "pass") return;
      e.preventDefault();
      if (action === "mark") this.markSelection();
      if (action === "cancel") view.cancelPending();
    });
    panel.addEventListener("mouseup", () =>
      window.setTimeout(() => {
        const sel = this.readSelection();
        if (sel && !("error" in sel)) this.markSelection();
      }, 0),
    );
    panel.addEventListener("click", (e) => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const target = /** @type {Element} */ (e.target);
      const mark = target.closest && target.closest("mark[data-mark]");
      const ref = target.closest && target.closest("mark[data-item]");
      if (mark) view.select(mark.getAttribute("data-mark"));
      else if (ref) view.explainRef(/** @type {string} */ (ref.getAttribute("data-item")), "post");
    });
    const onSelection = () => {
      const sel = this.readSelection();
      this.markWordsButton.disabled = !sel || "error" in sel;
    };
    document.addEventListener("selectionchange", onSelection);
    view.cleanups.push(() => document.removeEventListener("selectionchange", onSelection));
  }

  /**
   * The current text selection as a span of one post field, or {error}.
   * @returns {SpanLocation | {error: string} | null}
   */
  readSelection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    /** @param {Node} n */
    const node = (n) => (n.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (n) : n.parentElement);
    const startField = node(range.startContainer)?.closest("[data-field]");
    const endField = node(range.endContainer)?.closest("[data-field]");
    if (!startField || !this.view.root.contains(startField)) return null;
    if (startField !== endField) return { error: "Select words within one part of the post at a time." };
    /**
     * @param {Node} container
     * @param {number} off
     */
    const offset = (container, off) => {
      const r = document.createRange();
      r.selectNodeContents(startField);
      r.setEnd(container, off);
      return r.toString().length;
    };
    const start = offset(range.startContainer, range.startOffset);
    const end = offset(range.endContainer, range.endOffset);
    const field = /** @type {string} */ (startField.getAttribute("data-field"));
    const text = this.post.fields[field] || "";
    return selectionSpan(text, start, end, { asset: this.view.data.post_asset || "post", field });
  }

  markSelection() {
    const view = this.view;
    const sel = this.readSelection();
    if (!sel) {
      view.announce("Select some words in the post first.");
      return;
    }
    if ("error" in sel) {
      view.setLocalStatus(sel.error);
      return;
    }
    view.startPending(sel);
    window.getSelection()?.removeAllRanges();
    this.editor.querySelector("select")?.focus();
  }

  /** Show the "what is it?" bar for the new span or the selected span mark, or hide it. */
  refreshEditor() {
    const view = this.view;
    const mark = view.marks().find((m) => m.id === view.selected && m.location.type === "span");
    const pending = view.pending && view.pending.location.type === "span" ? view.pending : null;
    if (!pending && !mark) {
      this.editor.hidden = true;
      this.editor.replaceChildren();
      return;
    }
    this.editor.hidden = false;
    fillEditor(view, this.editor, pending, mark || null);
    this.placePopovers();
  }

  /** Redraw each field's text with the marks, the missed and the key spans highlighted. */
  refresh() {
    const view = this.view;
    const layers = spanLayers(
      {
        marks: view.marks(),
        items: view.feedback().items || [],
        findings: view.revealed().findings || [],
        status: view.markStatus(),
        label: (c) => view.label(c),
      },
      view.pending ? view.pending.location : null,
    );
    for (const [name, el] of this.fieldEls) {
      const text = this.post.fields[name] || "";
      const spans = layers.get(name) || [];
      if (!spans.length) {
        if (el.childElementCount || el.textContent !== text) el.textContent = text;
        continue;
      }
      // The top layer at each character wins: learner marks, then pending, over missed, over key.
      const parts = layerPieces(text, spans).map(({ text: piece, layer: s }) =>
        s
          ? h("mark", {
              class: `ss-hl ss-st-${s.status}${s.id && s.id === view.selected ? " ss-selected" : ""}`,
              "data-mark": s.id,
              "data-item": s.ref,
              title: s.title,
              text: piece,
            })
          : document.createTextNode(piece),
      );
      el.replaceChildren(...parts);
    }
    this.placePopovers();
  }

  /**
   * Where a popover points for a span: the highlighted words of its field (the selected
   * or new mark's), else the whole field.
   * @param {AnyLocation | null | undefined} loc
   * @returns {Rect | null}
   */
  anchorFor(loc) {
    if (!loc || loc.type !== "span") return null;
    const field = this.fieldEls.get(/** @type {SpanLocation} */ (loc).field);
    if (!field) return null;
    const panelRect = this.panel.getBoundingClientRect();
    const marks = [...field.querySelectorAll("mark")].filter((m) => m.classList.contains("ss-selected") || m.classList.contains("ss-st-pending"));
    const rects = (marks.length ? marks : [field]).flatMap((m) => [...m.getClientRects()]);
    if (!rects.length) return null;
    // every line the words are on: the popover goes below (or above) all of them
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    return { x: left - panelRect.left, y: top - panelRect.top, w: right - left, h: bottom - top };
  }

  /** Where the post popovers point: the words being marked or explained. */
  placePopovers() {
    const view = this.view;
    const mark = view.marks().find((m) => m.id === view.selected && m.location.type === "span");
    /** @type {MarkLocation | undefined} */
    const editing = view.pending && view.pending.location.type === "span" ? view.pending.location : mark?.location;
    placePopover(this.editor, this.anchorFor(editing), this.panel);
    const ex = view.explained;
    if (ex && ex.panel === "post") placePopover(this.explainCard, this.anchorFor(ex.anchor), this.panel);
  }
}
