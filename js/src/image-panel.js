// @ts-check
// The image panel: tabs, toolbar, the zoomable stage with its overlay of boxes, and the
// pointer and keyboard handling that draws, moves and resizes them. The geometry is in
// geometry.js, the keys in keymap.js, what to draw in overlay.js: this file wires them
// to the DOM.

import { h, svg } from "./dom.js";
import { fillEditor, placePopover } from "./editor.js";
import {
  BADGE_HEIGHT,
  badgePosition,
  badgeWidth,
  centred,
  clipBox,
  fitStage,
  handles,
  isBox,
  labelPosition,
  movedBox,
  newBoxAround,
  rectBetween,
  resizedBox,
  spreadBadges,
  toImage,
  toScreen,
  zoomedView,
  ZOOM_STEP,
} from "./geometry.js";
import { KEY_STEP, cycleIndex, keyedBox, stageAction } from "./keymap.js";
import { overlayBoxes } from "./overlay.js";

/**
 * @import { BoxLocation, ImageInfo, ImageView, PlacedView, Point, Rect } from "./types.js"
 * @import { ExerciseView } from "./view.js"
 * @import { StageAction } from "./keymap.js"
 */

/**
 * A pointer drag on the stage.
 * @typedef {{kind: "pan", sx: number, sy: number, tx: number, ty: number}
 *   | {kind: "draw", start: Point, current: Point, ref: string | null}
 *   | {kind: "move" | "resize", start: Point, box: BoxLocation, moved: boolean,
 *      handle?: string, id?: string, pending?: boolean, result?: BoxLocation}} Drag
 */

export class ImagePanel {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    /** @type {string | null} the image shown */
    this.current = view.images[0]?.id || null;
    /** @type {Map<string, ImageView>} image id -> its zoom and position */
    this.views = new Map();
    /** @type {"draw" | "pan"} */
    this.tool = "draw";
    /** @type {Drag | null} */
    this.drag = null;
    this.spaceHeld = false;
    /** stage pixels per image pixel when the image fits the stage */
    this.fit = 1;
    /** @type {number | undefined} */
    this.hintTimer = undefined;
    /** @type {ResizeObserver | null} */
    this.resizeObserver = null;
    /** @type {HTMLElement | null} */
    this.tabs = null;

    const images = view.images;
    this.panel = h("section", { class: "ss-panel ss-images", "aria-label": "Images" });
    this.panel.append(h("h3", { text: images.length > 1 ? "The images" : "The image" }));
    if (images.length > 1) {
      const tabs = h("div", { class: "ss-tabs", role: "tablist", "aria-label": "Choose an image" });
      for (const img of images) {
        tabs.append(
          h("button", {
            type: "button",
            class: "ss-tab",
            role: "tab",
            "data-image": img.id,
            onclick: () => this.showImage(img.id),
            text: img.label,
          }),
        );
      }
      this.tabs = tabs;
      this.panel.append(tabs);
    }
    /**
     * @param {"draw" | "pan"} name
     * @param {string} text
     * @param {string} title
     */
    const tool = (name, text, title) =>
      h("button", {
        type: "button",
        class: "ss-tool",
        "data-tool": name,
        "aria-pressed": String(this.tool === name),
        title,
        onclick: () => this.setTool(name),
        text,
      });
    /**
     * @param {string} text
     * @param {string} label
     * @param {() => void} fn
     */
    const zoomButton = (text, label, fn) =>
      h("button", { type: "button", class: "ss-zoom", "aria-label": label, title: label, onclick: fn, text });
    this.zoomLabel = h("span", { class: "ss-zoom-label", "aria-live": "off" });
    this.toolbar = h(
      "div",
      { class: "ss-toolbar", role: "toolbar", "aria-label": "Image tools" },
      tool("draw", "✎ Draw box", "Drag on the image to draw a box (key N)"),
      tool("pan", "✥ Move view", "Drag to move the zoomed image (or hold Space)"),
      h("span", { class: "ss-toolbar-gap" }),
      zoomButton("−", "Zoom out (key -)", () => this.zoomBy(1 / ZOOM_STEP)),
      this.zoomLabel,
      zoomButton("+", "Zoom in (key +)", () => this.zoomBy(ZOOM_STEP)),
      zoomButton("Fit", "Fit the whole image (key 0)", () => this.resetView()),
    );
    this.img = h("img", { class: "ss-img", draggable: "false", alt: "" });
    this.overlay = svg("svg", { class: "ss-overlay", "aria-hidden": "true" });
    this.boxLabels = h("div", { class: "ss-box-labels", "aria-hidden": "true" });
    this.zoomHint = h("div", { class: "ss-zoom-hint", text: "Click the image first (or hold Ctrl) to zoom with the wheel" });
    this.stage = h(
      "div",
      {
        class: "ss-stage",
        tabindex: "0",
        role: "application",
        "aria-roledescription": "image marker",
      },
      this.img,
      this.overlay,
      this.boxLabels,
      this.zoomHint,
    );
    this.editor = h("div", { class: "ss-editor ss-popover", hidden: true });
    this.explainCard = h("div", { class: "ss-explain ss-popover", hidden: true, "aria-live": "polite" });
    this.stageWrap = h("div", { class: "ss-stage-wrap" }, this.stage, this.editor, this.explainCard);
    this.caption = h("p", { class: "ss-caption" });
    const help = h(
      "p",
      { class: "ss-help" },
      "Drag on the image to draw a box around anything that could identify the patient, then choose what it is. ",
      h("span", { class: "ss-keys" }, "Keyboard: focus the image, N new box, arrows move (Ctrl+arrows: a sixteenth of the picture), Home End PgUp PgDn to an edge, Shift+arrows resize, Enter choose, [ ] next mark, Delete remove, + − 0 zoom."),
    );
    this.panel.append(this.toolbar, this.stageWrap, this.caption, help);
  }

  /** Wire the stage's events and show the first image (once the view knows this panel). */
  start() {
    this.bindStage();
    this.showImage(this.current, { focus: false });
  }

  /** @param {"draw" | "pan"} name */
  setTool(name) {
    this.tool = name;
    for (const b of this.toolbar.querySelectorAll("[data-tool]")) {
      b.setAttribute("aria-pressed", String(/** @type {HTMLElement} */ (b).dataset.tool === name));
    }
    this.stage.classList.toggle("ss-panning", name === "pan");
  }

  /**
   * @param {string | null} id
   * @param {{focus?: boolean}} [options]
   */
  showImage(id, { focus = true } = {}) {
    if (!id) return;
    const view = this.view;
    if (view.pending && view.pending.location.type === "box" && view.pending.location.asset !== id) {
      view.pending = null;
      this.refreshEditor();
    }
    this.current = id;
    const image = /** @type {ImageInfo} */ (view.imageById.get(id));
    this.img.src = image.src;
    this.img.width = image.width;
    this.img.height = image.height;
    this.stage.dataset.image = id;
    this.stage.setAttribute(
      "aria-label",
      `${image.label}, ${image.width} by ${image.height} pixels. Press N to add a box, Enter to choose what it is.`,
    );
    this.caption.textContent = image.caption || "";
    this.caption.hidden = !image.caption;
    if (this.tabs) {
      for (const tab of this.tabs.children) {
        tab.setAttribute("aria-selected", String(/** @type {HTMLElement} */ (tab).dataset.image === id));
      }
    }
    this.layoutStage();
    if (focus) this.stage.focus();
  }

  /** @returns {ImageView} the current image's view (made on first use) */
  imageView() {
    const id = /** @type {string} */ (this.current);
    let v = this.views.get(id);
    if (!v) {
      v = { zoom: 1, tx: null, ty: null };
      this.views.set(id, v);
    }
    return v;
  }

  /** @returns {PlacedView} the current image's view once laid out */
  placed() {
    return /** @type {PlacedView} */ (this.imageView());
  }

  /** @returns {ImageInfo | undefined} */
  image() {
    return this.current ? this.view.imageById.get(this.current) : undefined;
  }

  /** Size the stage to the image and place the picture (fit scale times zoom). */
  layoutStage() {
    const image = this.image();
    if (!image) return;
    const width = this.stage.clientWidth || 640;
    const maxHeight = Math.max(260, Math.round(window.innerHeight * 0.72));
    const { height, fit } = fitStage(width, maxHeight, image);
    this.stage.style.height = `${height}px`;
    this.fit = fit;
    const v = this.imageView();
    if (v.tx === null) Object.assign(v, centred({ width, height }, image, fit));
    this.applyView();
  }

  /** @returns {number} stage pixels per image pixel now */
  scale() {
    return this.fit * this.imageView().zoom;
  }

  applyView() {
    const v = this.imageView();
    const s = this.scale();
    this.img.style.transform = `translate(${v.tx}px, ${v.ty}px) scale(${s})`;
    this.zoomLabel.textContent = `${Math.round(s * 100)}%`;
    this.drawOverlay();
  }

  resetView() {
    if (this.current) this.views.delete(this.current);
    this.layoutStage();
  }

  /**
   * Zoom by `factor` about a stage point (default: the stage's centre).
   * @param {number} factor
   * @param {number | null} [sx]
   * @param {number | null} [sy]
   */
  zoomBy(factor, sx = null, sy = null) {
    const about = { x: sx ?? this.stage.clientWidth / 2, y: sy ?? this.stage.clientHeight / 2 };
    const v = this.imageView();
    Object.assign(v, zoomedView(this.placed(), factor, this.fit, about));
    if (v.zoom === 1) {
      this.resetView();
      return;
    }
    this.applyView();
  }

  /**
   * Image pixel coordinates of a pointer event.
   * @param {{clientX: number, clientY: number}} event
   * @returns {Point}
   */
  toImage(event) {
    const rect = this.stage.getBoundingClientRect();
    return toImage({ x: event.clientX - rect.left, y: event.clientY - rect.top }, this.placed(), this.scale());
  }

  /**
   * @param {Rect} box in image pixels
   * @returns {Rect} on the stage
   */
  toScreen(box) {
    return toScreen(box, this.placed(), this.scale());
  }

  /**
   * A box clipped to its image.
   * @param {Rect & {asset: string}} box
   * @returns {BoxLocation}
   */
  clipBox(box) {
    return clipBox(box, /** @type {ImageInfo} */ (this.view.imageById.get(box.asset)));
  }

  bindStage() {
    const stage = this.stage;
    stage.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    stage.addEventListener("pointermove", (e) => this.onPointerMove(e));
    stage.addEventListener("pointerup", () => this.onPointerUp());
    stage.addEventListener("pointercancel", () => {
      this.drag = null;
      this.drawOverlay();
    });
    stage.addEventListener(
      "wheel",
      (e) => {
        if (!(e.ctrlKey || e.metaKey || document.activeElement === stage)) {
          stage.classList.add("ss-show-hint");
          window.clearTimeout(this.hintTimer);
          this.hintTimer = window.setTimeout(() => stage.classList.remove("ss-show-hint"), 1400);
          return;
        }
        e.preventDefault();
        const rect = stage.getBoundingClientRect();
        this.zoomBy(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.clientX - rect.left, e.clientY - rect.top);
      },
      { passive: false },
    );
    stage.addEventListener("keydown", (e) => this.onKey(e));
    stage.addEventListener("keyup", (e) => {
      if (e.key === " ") {
        this.spaceHeld = false;
        stage.classList.toggle("ss-panning", this.tool === "pan");
      }
      e.stopPropagation();
    });
    stage.addEventListener("blur", () => this.view.flushMoves());
    this.img.addEventListener("load", () => this.layoutStage());
    if (window.ResizeObserver) {
      let lastWidth = 0;
      this.resizeObserver = new ResizeObserver(() => {
        if (stage.clientWidth && stage.clientWidth !== lastWidth) {
          lastWidth = stage.clientWidth;
          const v = this.imageView();
          v.tx = null;
          if (v.zoom !== 1) v.zoom = 1;
          this.layoutStage();
        }
      });
      this.resizeObserver.observe(stage);
    }
  }

  /** @param {PointerEvent} e */
  onPointerDown(e) {
    if (e.button !== 0 && e.button !== 1) return;
    const view = this.view;
    const stage = this.stage;
    stage.focus({ preventScroll: true });
    const point = this.toImage(e);
    const target = /** @type {Element} */ (e.target);
    const v = this.placed();
    const markable = this.image()?.markable !== false;
    const panning = e.button === 1 || this.tool === "pan" || this.spaceHeld || !markable;
    e.preventDefault();
    stage.setPointerCapture(e.pointerId);
    if (panning) {
      this.drag = { kind: "pan", sx: e.clientX, sy: e.clientY, tx: v.tx, ty: v.ty };
      return;
    }
    const handle = target.getAttribute && target.getAttribute("data-handle");
    const markId = target.getAttribute && target.getAttribute("data-mark");
    if (handle) {
      // The handles are on the box being edited: the new mark's, else the selected mark's.
      const box = view.editedBox();
      const owner = view.pending ? { pending: true } : { id: view.selected || undefined };
      if (box) this.drag = { kind: "resize", handle, start: point, box, moved: false, ...owner };
      return;
    }
    if (markId === "pending" && view.pending) {
      const box = /** @type {BoxLocation} */ (view.pending.location);
      this.drag = { kind: "move", start: point, box, moved: false, pending: true };
      return;
    }
    if (markId) {
      view.select(markId);
      const mark = view.marks().find((m) => m.id === markId);
      if (mark) this.drag = { kind: "move", start: point, box: /** @type {BoxLocation} */ (mark.location), moved: false, id: markId };
      return;
    }
    const ref = target.getAttribute && target.getAttribute("data-item");
    this.drag = { kind: "draw", start: point, current: point, ref };
  }

  /** @param {PointerEvent} e */
  onPointerMove(e) {
    const drag = this.drag;
    if (!drag) return;
    if (drag.kind === "pan") {
      const v = this.imageView();
      v.tx = drag.tx + e.clientX - drag.sx;
      v.ty = drag.ty + e.clientY - drag.sy;
      this.applyView();
      return;
    }
    const point = this.toImage(e);
    if (drag.kind === "draw") {
      drag.current = point;
    } else {
      const dx = point.x - drag.start.x;
      const dy = point.y - drag.start.y;
      if (Math.abs(dx) + Math.abs(dy) > 1) drag.moved = true;
      const image = /** @type {ImageInfo} */ (this.view.imageById.get(drag.box.asset));
      const next = drag.kind === "move" ? movedBox(drag.box, dx, dy, image) : resizedBox(drag.box, drag.handle || "", dx, dy);
      drag.result = this.clipBox(next);
    }
    this.drawOverlay();
  }

  onPointerUp() {
    const view = this.view;
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    if (drag.kind === "draw") {
      const rect = rectBetween(drag.start, drag.current);
      if (isBox(rect)) {
        view.startPending(this.clipBox({ asset: /** @type {string} */ (this.current), ...rect }));
      } else if (drag.ref) {
        view.explainRef(drag.ref, "image");
      } else {
        view.select(null);
      }
    } else if ((drag.kind === "move" || drag.kind === "resize") && drag.moved && drag.result) {
      if (drag.pending || !drag.id) {
        if (view.pending) view.pending.location = drag.result;
      } else {
        view.updateMark(drag.id, { location: drag.result });
      }
    }
    this.drawOverlay();
    this.refreshEditor();
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    e.stopPropagation(); // keep the notebook's own shortcuts out of the image
    const action = stageAction(e);
    if (action && this.perform(action)) handled();
  }

  /**
   * Put the box being placed (or the selected mark's) here, redraw, and say where it is.
   * @param {BoxLocation} next
   */
  placeEdited(next) {
    const view = this.view;
    if (view.pending) {
      view.pending.location = next;
    } else {
      view.moveLocally(/** @type {string} */ (view.selected), next);
    }
    this.drawOverlay();
    view.announce(`x ${next.x}, y ${next.y}, ${next.w} by ${next.h}`);
  }

  /**
   * Carry out a key's action; false when it does not apply now (the key is left alone).
   * @param {StageAction} action
   * @returns {boolean}
   */
  perform(action) {
    const view = this.view;
    switch (action.kind) {
      case "hold-pan":
        this.spaceHeld = true;
        this.stage.classList.add("ss-panning");
        return true;
      case "new-box": {
        const image = /** @type {ImageInfo} */ (this.image());
        if (image.markable === false) {
          view.announce("This picture is for reading only: nothing is marked on it.");
          return true;
        }
        const centre = toImage({ x: this.stage.clientWidth / 2, y: this.stage.clientHeight / 2 }, this.placed(), this.scale());
        view.startPending(this.clipBox({ asset: image.id, ...newBoxAround(centre, image) }));
        return true;
      }
      case "snap": {
        const box = view.editedBox();
        if (!box || box.asset !== this.current) return false;
        this.placeEdited(/** @type {BoxLocation} */ (keyedBox(box, action, /** @type {ImageInfo} */ (this.image()))));
        return true;
      }
      case "jump":
      case "nudge": {
        const box = view.editedBox();
        if (box && box.asset === this.current) {
          this.placeEdited(/** @type {BoxLocation} */ (keyedBox(box, action, /** @type {ImageInfo} */ (this.image()))));
        } else {
          const v = this.placed();
          const pan = action.kind === "jump" ? 4 * KEY_STEP : 4;
          v.tx -= action.dx * pan;
          v.ty -= action.dy * pan;
          this.applyView();
        }
        return true;
      }
      case "choose":
        if (view.pending || view.selected) {
          view.flushMoves();
          this.editor.querySelector("select")?.focus();
        }
        return true;
      case "escape":
        if (view.pending) view.cancelPending();
        else if (view.explained) view.explain(null);
        else view.select(null);
        return true;
      case "remove": {
        if (!view.selected) return false;
        const mark = view.marks().find((m) => m.id === view.selected);
        view.removeMark(view.selected);
        if (mark) view.announce(`Removed ${view.label(mark.category)}.`);
        return true;
      }
      case "cycle": {
        const here = view.marks().filter((m) => m.location.type === "box" && m.location.asset === this.current);
        if (here.length) {
          const at = here.findIndex((m) => m.id === view.selected);
          view.select(here[cycleIndex(at, here.length, action.forward)].id);
        } else {
          view.announce("No marks on this image yet.");
        }
        return true;
      }
      case "zoom":
        this.zoomBy(action.factor);
        return true;
      case "fit":
        this.resetView();
        return true;
    }
  }

  drawOverlay() {
    if (!this.current) return;
    const view = this.view;
    const overlay = this.overlay;
    const labels = this.boxLabels;
    overlay.replaceChildren();
    labels.replaceChildren();
    const drag = this.drag;
    const moved = drag && (drag.kind === "move" || drag.kind === "resize") && drag.result ? { id: drag.id, pending: drag.pending, box: drag.result } : null;
    const items = overlayBoxes(
      this.current,
      {
        marks: view.marks(),
        items: view.feedback().items || [],
        findings: view.revealed().findings || [],
        status: view.markStatus(),
        label: (c) => view.label(c),
      },
      {
        pending: view.pending ? view.pending.location : null,
        selected: view.selected,
        moved,
        drawing: drag && drag.kind === "draw" ? drag : null,
      },
    );
    const stageWidth = this.stage.clientWidth;
    /** @type {{tag: HTMLElement, left: number, top: number, width: number, height: number}[]} */
    const badges = [];
    for (const item of items) {
      const r = this.toScreen(item.box);
      const rect = svg("rect", {
        class: `ss-box ss-st-${item.status}${item.selected ? " ss-selected" : ""}`,
        x: r.x,
        y: r.y,
        width: Math.max(1, r.w),
        height: Math.max(1, r.h),
        "data-mark": item.id,
        "data-item": item.ref,
      });
      if (item.text) {
        const title = svg("title");
        title.textContent = item.text;
        rect.append(title);
      }
      overlay.append(rect);
      if (item.selected && item.text) {
        // The mark being edited gets its full label above (or below) the box.
        const tag = h("div", { class: `ss-box-label ss-st-${item.status}`, text: item.text });
        const at = labelPosition(r);
        tag.style.left = `${at.left}px`;
        tag.style.top = `${at.top}px`;
        labels.append(tag);
      } else if (item.badge) {
        // Others get a small badge beside the box, so labels never hide what they point at.
        const tag = h("div", { class: `ss-box-badge ss-st-${item.status}`, text: item.badge });
        badges.push({ tag, ...badgePosition(r, item.badge, stageWidth), width: badgeWidth(item.badge), height: BADGE_HEIGHT });
        labels.append(tag);
      }
      if (item.selected) {
        for (const [name, hx, hy] of handles(r)) {
          overlay.append(svg("rect", { class: `ss-handle ss-handle-${name}`, x: hx - 5, y: hy - 5, width: 10, height: 10, "data-handle": name }));
        }
      }
    }
    spreadBadges(badges).forEach((at, i) => {
      badges[i].tag.style.left = `${at.left}px`;
      badges[i].tag.style.top = `${at.top}px`;
    });
    for (const child of labels.children) {
      // Keep every label inside the picture.
      const tag = /** @type {HTMLElement} */ (child);
      const right = tag.offsetLeft + tag.offsetWidth;
      if (right > stageWidth - 2) tag.style.left = `${Math.max(0, stageWidth - 2 - tag.offsetWidth)}px`;
    }
    this.placePopovers();
  }

  /** Show the "what is it?" bar for the new box or the selected box mark, or hide it. */
  refreshEditor() {
    const view = this.view;
    const mark = view.marks().find((m) => m.id === view.selected && m.location.type === "box");
    const pending = view.pending && view.pending.location.type === "box" ? view.pending : null;
    if (!pending && !mark) {
      this.editor.hidden = true;
      this.editor.replaceChildren();
      return;
    }
    this.editor.hidden = false;
    fillEditor(view, this.editor, pending, mark || null);
    this.placePopovers();
  }

  /** Where the image popovers point: the box being edited, or the one explained. */
  placePopovers() {
    const view = this.view;
    const box = view.editedBox();
    if (box && box.asset === this.current) placePopover(this.editor, this.toScreen(box), this.stageWrap);
    const ex = view.explained;
    if (ex && ex.panel === "image" && ex.anchor) {
      const anchor = ex.anchor;
      if (anchor.type === "box" && anchor.asset === this.current) {
        placePopover(this.explainCard, this.toScreen(/** @type {BoxLocation} */ (anchor)), this.stageWrap);
      } else {
        placePopover(this.explainCard, { x: 8, y: 8, w: 0, h: 0 }, this.stageWrap);
      }
    }
  }

  destroy() {
    if (this.resizeObserver) this.resizeObserver.disconnect();
  }
}
