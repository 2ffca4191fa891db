// safeshare exercise: draws a case and sends the learner's marks to the kernel.
//
// Plain ES module for anywidget (export default { render }), no build step, no CDN.
// The kernel (Python) holds the logic: it checks every mark, saves the answers
// file and grades. This file only draws and sends. Case and learner text always
// goes into the page as text nodes or textContent (see h()), never parsed as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";
const MIN_BOX = 4; // image pixels: a smaller drag is a click
const ZOOM_STEP = 1.25;
const MAX_ZOOM = 12;
const KEY_STEP = 10; // image pixels per arrow press (Alt: 1)

const STATUS_TEXT = {
  mine: "Your mark",
  found: "Found",
  partial: "Partly right",
  missed: "Missed",
  false_alarm: "False alarm",
  repeat: "Marked twice",
  key: "In the key",
};
const STATUS_SIGN = { found: "✓", partial: "◐", missed: "✗", false_alarm: "!", repeat: "=", key: "★", mine: "" };

/** Make an element. Strings become text nodes: nothing is parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.setAttribute("class", value);
    else if (name === "text") el.textContent = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
}

function svg(tag, attrs = {}) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return el;
}

function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}

function newId() {
  return "m" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
}

function initials(name) {
  const words = String(name || "?").replace(/^Dr\.? /i, "").split(/\s+/).filter(Boolean);
  return (words[0]?.[0] || "?").toUpperCase() + (words[1]?.[0] || "").toUpperCase();
}

class ExerciseView {
  constructor(model, el) {
    this.model = model;
    this.el = el;
    this.data = model.get("_case");
    this.labels = new Map();
    for (const group of this.data.category_groups) {
      for (const item of group.items) this.labels.set(item.id, item.label);
    }
    this.gapLabels = new Map(this.data.consent_gaps.map((g) => [g.id, g.label]));
    this.images = this.data.images;
    this.imageById = new Map(this.images.map((i) => [i.id, i]));
    this.current = this.images[0]?.id || null;
    this.views = new Map(); // image id -> {zoom, tx, ty}
    this.tool = "draw";
    this.pending = null; // {location} waiting for a category
    this.selected = null; // mark id
    this.drag = null;
    this.localMoves = new Map(); // mark id -> location not yet sent (keyboard moves)
    this.moveTimer = null;
    this.pendingMeta = new Set(); // "asset|tag" ticked without a category yet
    this.spaceHeld = false;
    this.cleanups = [];
    this.recent = []; // category ids used lately, newest first: quick picks
    this.explained = null; // {panel: "image"|"post", item} shown in an explanation card
    this.build();
    this.refreshAll();
    const listen = (name, fn) => {
      model.on(name, fn);
      this.cleanups.push(() => model.off(name, fn));
    };
    listen("change:marks", () => this.onMarksChanged());
    listen("change:consent_gaps", () => this.refreshConsent());
    listen("change:decision", () => this.refreshDecision());
    listen("change:feedback", () => this.refreshFeedback());
    listen("change:revealed", () => this.refreshFeedback());
    listen("change:status", () => this.refreshStatus());
  }

  destroy() {
    for (const fn of this.cleanups) fn();
    if (this.resizeObserver) this.resizeObserver.disconnect();
  }

  // ---- model access -------------------------------------------------------

  marks() {
    return (this.model.get("marks") || []).map((m) =>
      this.localMoves.has(m.id) ? { ...m, location: this.localMoves.get(m.id) } : m,
    );
  }

  setMarks(marks) {
    this.model.set("marks", marks);
    this.model.save_changes();
  }

  addMark(category, location) {
    const id = newId();
    this.setMarks([...this.marks(), { id, category, location }]);
    return id;
  }

  updateMark(id, changes) {
    this.setMarks(this.marks().map((m) => (m.id === id ? { ...m, ...changes } : m)));
  }

  removeMark(id) {
    this.localMoves.delete(id);
    this.setMarks(this.marks().filter((m) => m.id !== id));
    if (this.selected === id) this.selected = null;
  }

  send(action) {
    this.model.send({ action });
  }

  feedback() {
    return this.model.get("feedback") || {};
  }

  revealed() {
    return this.model.get("revealed") || {};
  }

  /** Status of each of the learner's marks after Check: mark id -> found/partial/false_alarm. */
  markStatus() {
    const status = new Map();
    for (const item of this.feedback().items || []) {
      for (const id of item.mark_ids || []) {
        if (!status.has(id)) status.set(id, item.status);
      }
    }
    return status;
  }

  label(categoryId) {
    return this.labels.get(categoryId) || categoryId;
  }

  announce(text) {
    this.live.textContent = "";
    window.setTimeout(() => (this.live.textContent = text), 30);
  }

  // ---- building the page ----------------------------------------------------

  build() {
    const d = this.data;
    this.root = h("div", {
      class: "ss-exercise",
      "data-lm-suppress-shortcuts": "true",
      "data-case": d.case_id,
    });
    this.live = h("div", { class: "ss-sr-only", "aria-live": "polite", role: "status" });
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
    this.root.append(this.live, header, this.buildLegend());

    // Two columns: the picture (with the list of marks under it) beside the post, or
    // beside the file's header when there is no post; one column when there is one thing.
    const left = h("div", { class: "ss-col" });
    const right = h("div", { class: "ss-col" });
    const hasImages = this.images.length > 0;
    if (hasImages) left.append(this.buildImagePanel());
    if (d.post) (hasImages ? right : left).append(this.buildPostPanel());
    const metaBeside = hasImages && !d.post && d.metadata.length > 0;
    if (metaBeside) right.append(this.buildMetaPanel());
    if (!hasImages && !d.post) {
      left.append(h("p", { class: "ss-note", text: "This case has no picture or post to mark." }));
    }
    (right.childElementCount ? left : right).append(this.buildMarksPanel());
    const work = h("div", { class: "ss-work" }, left, right);
    this.root.append(work);
    if (d.metadata.length && !metaBeside) this.root.append(this.buildMetaPanel());
    this.root.append(this.buildConsentPanel(), this.buildDecisionPanel());
    this.root.append(this.buildActions(), this.buildFeedbackPanel());
    this.el.append(this.root);
  }

  buildLegend() {
    const entries = ["mine", "found", "partial", "missed", "false_alarm", "key"];
    return h(
      "div",
      { class: "ss-legend", role: "note", "aria-label": "Colour key" },
      h("span", { class: "ss-legend-title", text: "Colours:" }),
      entries.map((s) =>
        h(
          "span",
          { class: `ss-legend-item ss-st-${s}` },
          h("span", { class: "ss-swatch", "aria-hidden": "true" }),
          STATUS_TEXT[s],
        ),
      ),
    );
  }

  categorySelect(value, ariaLabel) {
    const select = h("select", { class: "ss-category", "aria-label": ariaLabel });
    select.append(h("option", { value: "", text: "Choose what it is…" }));
    for (const group of this.data.category_groups) {
      const og = h("optgroup", { label: `${group.label} (${group.hint})` });
      for (const item of group.items) {
        const opt = h("option", { value: item.id, title: item.description, text: item.label });
        og.append(opt);
      }
      select.append(og);
    }
    select.value = value || "";
    return select;
  }

  // ---- images -----------------------------------------------------------------

  buildImagePanel() {
    const panel = h("section", { class: "ss-panel ss-images", "aria-label": "Images" });
    panel.append(h("h3", { text: this.images.length > 1 ? "The images" : "The image" }));
    if (this.images.length > 1) {
      this.tabs = h("div", { class: "ss-tabs", role: "tablist", "aria-label": "Choose an image" });
      for (const img of this.images) {
        this.tabs.append(
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
      panel.append(this.tabs);
    }
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
    this.imageEditor = h("div", { class: "ss-editor ss-popover", hidden: true });
    this.imageExplain = h("div", { class: "ss-explain ss-popover", hidden: true, "aria-live": "polite" });
    this.stageWrap = h("div", { class: "ss-stage-wrap" }, this.stage, this.imageEditor, this.imageExplain);
    this.caption = h("p", { class: "ss-caption" });
    const help = h(
      "p",
      { class: "ss-help" },
      "Drag on the image to draw a box around anything that could identify the patient, then choose what it is. ",
      h("span", { class: "ss-keys" }, "Keyboard: focus the image, N new box, arrows move, Shift+arrows resize, Enter choose, [ ] next mark, Delete remove, + − 0 zoom."),
    );
    panel.append(this.toolbar, this.stageWrap, this.caption, help);
    this.bindStage();
    this.showImage(this.current, { focus: false });
    return panel;
  }

  setTool(name) {
    this.tool = name;
    for (const b of this.toolbar.querySelectorAll("[data-tool]")) {
      b.setAttribute("aria-pressed", String(b.dataset.tool === name));
    }
    this.stage.classList.toggle("ss-panning", name === "pan");
  }

  showImage(id, { focus = true } = {}) {
    if (!id) return;
    if (this.pending && this.pending.location.type === "box" && this.pending.location.asset !== id) {
      this.pending = null;
      this.refreshImageEditor();
    }
    this.current = id;
    const image = this.imageById.get(id);
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
        tab.setAttribute("aria-selected", String(tab.dataset.image === id));
      }
    }
    this.layoutStage();
    if (focus) this.stage.focus();
  }

  view() {
    if (!this.views.has(this.current)) this.views.set(this.current, { zoom: 1, tx: null, ty: null });
    return this.views.get(this.current);
  }

  /** Size the stage to the image and place the picture (fit scale times zoom). */
  layoutStage() {
    const image = this.imageById.get(this.current);
    if (!image || !this.stage) return;
    const width = this.stage.clientWidth || 640;
    const maxHeight = Math.max(260, Math.round(window.innerHeight * 0.72));
    const height = Math.min(Math.round((width * image.height) / image.width), maxHeight);
    this.stage.style.height = `${height}px`;
    this.fit = Math.min(width / image.width, height / image.height);
    const v = this.view();
    if (v.tx === null) {
      v.tx = (width - image.width * this.fit) / 2;
      v.ty = (height - image.height * this.fit) / 2;
    }
    this.applyView();
  }

  scale() {
    return this.fit * this.view().zoom;
  }

  applyView() {
    const v = this.view();
    const s = this.scale();
    this.img.style.transform = `translate(${v.tx}px, ${v.ty}px) scale(${s})`;
    this.zoomLabel.textContent = `${Math.round(s * 100)}%`;
    this.drawOverlay();
  }

  resetView() {
    this.views.delete(this.current);
    this.layoutStage();
  }

  zoomBy(factor, sx = null, sy = null) {
    const v = this.view();
    const before = this.scale();
    v.zoom = clamp(v.zoom * factor, 1, MAX_ZOOM);
    const after = this.scale();
    const px = sx ?? this.stage.clientWidth / 2;
    const py = sy ?? this.stage.clientHeight / 2;
    v.tx = px - ((px - v.tx) * after) / before;
    v.ty = py - ((py - v.ty) * after) / before;
    if (v.zoom === 1) {
      this.resetView();
      return;
    }
    this.applyView();
  }

  /** Image pixel coordinates of a pointer event. */
  toImage(event) {
    const rect = this.stage.getBoundingClientRect();
    const v = this.view();
    const s = this.scale();
    return { x: (event.clientX - rect.left - v.tx) / s, y: (event.clientY - rect.top - v.ty) / s };
  }

  toScreen(box) {
    const v = this.view();
    const s = this.scale();
    return { x: v.tx + box.x * s, y: v.ty + box.y * s, w: box.w * s, h: box.h * s };
  }

  clipBox(box) {
    const image = this.imageById.get(box.asset);
    const x0 = clamp(Math.round(box.x), 0, image.width - 1);
    const y0 = clamp(Math.round(box.y), 0, image.height - 1);
    const x1 = clamp(Math.round(box.x + box.w), x0 + 1, image.width);
    const y1 = clamp(Math.round(box.y + box.h), y0 + 1, image.height);
    return { type: "box", asset: box.asset, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }

  bindStage() {
    const stage = this.stage;
    stage.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    stage.addEventListener("pointermove", (e) => this.onPointerMove(e));
    stage.addEventListener("pointerup", (e) => this.onPointerUp(e));
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
    stage.addEventListener("keydown", (e) => this.onStageKey(e));
    stage.addEventListener("keyup", (e) => {
      if (e.key === " ") {
        this.spaceHeld = false;
        stage.classList.toggle("ss-panning", this.tool === "pan");
      }
      e.stopPropagation();
    });
    stage.addEventListener("blur", () => this.flushMoves());
    this.img.addEventListener("load", () => this.layoutStage());
    if (window.ResizeObserver) {
      let lastWidth = 0;
      this.resizeObserver = new ResizeObserver(() => {
        if (stage.clientWidth && stage.clientWidth !== lastWidth) {
          lastWidth = stage.clientWidth;
          const v = this.view();
          v.tx = null;
          if (v.zoom !== 1) v.zoom = 1;
          this.layoutStage();
        }
      });
      this.resizeObserver.observe(stage);
    }
  }

  onPointerDown(e) {
    if (e.button !== 0 && e.button !== 1) return;
    const stage = this.stage;
    stage.focus({ preventScroll: true });
    const point = this.toImage(e);
    const target = e.target;
    const v = this.view();
    const markable = this.imageById.get(this.current)?.markable !== false;
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
      const box = this.editedBox();
      if (box) this.drag = { kind: "resize", handle, start: point, box, moved: false };
      return;
    }
    if (markId === "pending" && this.pending) {
      this.drag = { kind: "move", start: point, box: this.pending.location, moved: false, pending: true };
      return;
    }
    if (markId) {
      this.select(markId);
      const mark = this.marks().find((m) => m.id === markId);
      if (mark) this.drag = { kind: "move", start: point, box: mark.location, moved: false, id: markId };
      return;
    }
    const ref = target.getAttribute && target.getAttribute("data-item");
    this.drag = { kind: "draw", start: point, current: point, ref };
  }

  onPointerMove(e) {
    const drag = this.drag;
    if (!drag) return;
    const v = this.view();
    if (drag.kind === "pan") {
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
      drag.result = this.clipBox(drag.kind === "move" ? this.movedBox(drag.box, dx, dy) : this.resizedBox(drag.box, drag.handle, dx, dy));
    }
    this.drawOverlay();
  }

  onPointerUp() {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    if (drag.kind === "draw") {
      const x = Math.min(drag.start.x, drag.current.x);
      const y = Math.min(drag.start.y, drag.current.y);
      const w = Math.abs(drag.current.x - drag.start.x);
      const hgt = Math.abs(drag.current.y - drag.start.y);
      if (w >= MIN_BOX && hgt >= MIN_BOX) {
        this.startPending(this.clipBox({ asset: this.current, x, y, w, h: hgt }));
      } else if (drag.ref) {
        this.explainRef(drag.ref, "image");
      } else {
        this.select(null);
      }
    } else if ((drag.kind === "move" || drag.kind === "resize") && drag.moved && drag.result) {
      if (drag.pending || !drag.id) {
        if (this.pending) this.pending.location = drag.result;
      } else {
        this.updateMark(drag.id, { location: drag.result });
      }
    }
    this.drawOverlay();
    this.refreshImageEditor();
  }

  movedBox(box, dx, dy) {
    const image = this.imageById.get(box.asset);
    return {
      ...box,
      x: clamp(box.x + dx, 0, image.width - box.w),
      y: clamp(box.y + dy, 0, image.height - box.h),
    };
  }

  resizedBox(box, handle, dx, dy) {
    let x0 = box.x;
    let y0 = box.y;
    let x1 = box.x + box.w;
    let y1 = box.y + box.h;
    if (handle.includes("w")) x0 += dx;
    if (handle.includes("e")) x1 += dx;
    if (handle.includes("n")) y0 += dy;
    if (handle.includes("s")) y1 += dy;
    return {
      ...box,
      x: Math.min(x0, x1),
      y: Math.min(y0, y1),
      w: Math.max(1, Math.abs(x1 - x0)),
      h: Math.max(1, Math.abs(y1 - y0)),
    };
  }

  /** The box being edited on this image: the pending one, else the selected mark's. */
  editedBox() {
    if (this.pending && this.pending.location.type === "box") return this.pending.location;
    const mark = this.marks().find((m) => m.id === this.selected);
    return mark && mark.location.type === "box" ? mark.location : null;
  }

  startPending(location) {
    this.pending = { location };
    this.selected = null;
    if (location.type === "box") {
      this.refreshImageEditor();
      this.drawOverlay();
      this.announce(
        `New box at x ${location.x}, y ${location.y}, ${location.w} by ${location.h} pixels. ` +
          "Arrows move it, Shift+arrows resize, Enter to choose what it is.",
      );
    } else {
      this.refreshPostEditor();
      this.refreshPost();
    }
  }

  cancelPending() {
    const was = this.pending;
    this.pending = null;
    this.refreshImageEditor();
    this.refreshPostEditor();
    this.drawOverlay();
    this.refreshPost();
    if (was) this.announce("New mark cancelled.");
  }

  commitPending(category) {
    if (!this.pending || !category) return;
    this.recent = [category, ...this.recent.filter((c) => c !== category)].slice(0, 4);
    const location = this.pending.location;
    this.pending = null;
    const id = this.addMark(category, location);
    this.selected = null;
    this.announce(`Marked as ${this.label(category)}.`);
    this.refreshImageEditor();
    this.refreshPostEditor();
    return id;
  }

  select(id) {
    this.flushMoves();
    this.selected = id;
    if (id) this.pending = null;
    const mark = this.marks().find((m) => m.id === id);
    if (mark && mark.location.type === "box" && mark.location.asset !== this.current) {
      this.showImage(mark.location.asset, { focus: false });
    }
    this.refreshImageEditor();
    this.refreshPostEditor();
    this.drawOverlay();
    this.refreshPost();
    this.refreshMarksList();
    if (mark) this.announce(`Selected: ${this.label(mark.category)}, ${this.describe(mark.location)}.`);
    this.explain(null);
  }

  flushMoves() {
    window.clearTimeout(this.moveTimer);
    if (!this.localMoves.size) return;
    const moves = this.localMoves;
    this.localMoves = new Map();
    const marks = (this.model.get("marks") || []).map((m) =>
      moves.has(m.id) ? { ...m, location: moves.get(m.id) } : m,
    );
    this.setMarks(marks);
  }

  onStageKey(e) {
    const key = e.key;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    e.stopPropagation(); // keep the notebook's own shortcuts out of the image
    if (key === " ") {
      this.spaceHeld = true;
      this.stage.classList.add("ss-panning");
      handled();
      return;
    }
    if (key === "n" || key === "N") {
      const image = this.imageById.get(this.current);
      if (image.markable === false) {
        this.announce("This picture is for reading only: nothing is marked on it.");
        handled();
        return;
      }
      const v = this.view();
      const s = this.scale();
      const cx = (this.stage.clientWidth / 2 - v.tx) / s;
      const cy = (this.stage.clientHeight / 2 - v.ty) / s;
      const w = Math.max(24, Math.round(image.width * 0.16));
      const hgt = Math.max(16, Math.round(image.height * 0.06));
      this.startPending(this.clipBox({ asset: this.current, x: cx - w / 2, y: cy - hgt / 2, w, h: hgt }));
      handled();
      return;
    }
    if (key.startsWith("Arrow")) {
      const step = e.altKey ? 1 : KEY_STEP;
      const dx = key === "ArrowLeft" ? -step : key === "ArrowRight" ? step : 0;
      const dy = key === "ArrowUp" ? -step : key === "ArrowDown" ? step : 0;
      const box = this.editedBox();
      if (box && box.asset === this.current) {
        const next = this.clipBox(e.shiftKey ? this.resizedBox(box, "se", dx, dy) : this.movedBox(box, dx, dy));
        if (this.pending) {
          this.pending.location = next;
        } else {
          this.localMoves.set(this.selected, next);
          window.clearTimeout(this.moveTimer);
          this.moveTimer = window.setTimeout(() => this.flushMoves(), 700);
        }
        this.drawOverlay();
        this.announce(`x ${next.x}, y ${next.y}, ${next.w} by ${next.h}`);
      } else {
        const v = this.view();
        v.tx -= dx * 4;
        v.ty -= dy * 4;
        this.applyView();
      }
      handled();
      return;
    }
    if (key === "Enter") {
      if (this.pending || this.selected) {
        this.flushMoves();
        this.imageEditor.querySelector("select")?.focus();
      }
      handled();
      return;
    }
    if (key === "Escape") {
      if (this.pending) this.cancelPending();
      else if (this.explained) this.explain(null);
      else this.select(null);
      handled();
      return;
    }
    if ((key === "Delete" || key === "Backspace") && this.selected) {
      const mark = this.marks().find((m) => m.id === this.selected);
      this.removeMark(this.selected);
      if (mark) this.announce(`Removed ${this.label(mark.category)}.`);
      handled();
      return;
    }
    if (key === "]" || key === "[") {
      const here = this.marks().filter((m) => m.location.type === "box" && m.location.asset === this.current);
      if (here.length) {
        const at = here.findIndex((m) => m.id === this.selected);
        const next = key === "]" ? (at + 1) % here.length : (at - 1 + here.length) % here.length;
        this.select(here[at < 0 && key === "[" ? here.length - 1 : next].id);
      } else {
        this.announce("No marks on this image yet.");
      }
      handled();
      return;
    }
    if (key === "+" || key === "=") {
      this.zoomBy(ZOOM_STEP);
      handled();
    } else if (key === "-" || key === "_") {
      this.zoomBy(1 / ZOOM_STEP);
      handled();
    } else if (key === "0") {
      this.resetView();
      handled();
    }
  }

  /** Letters for the key findings missed (A, B, ...): the badge on the image and in the list. */
  missedLetters() {
    const letters = new Map();
    let n = 0;
    (this.feedback().items || []).forEach((item, i) => {
      if (item.status === "missed" && item.location.type === "box") letters.set(i, String.fromCharCode(65 + (n++ % 26)));
    });
    return letters;
  }

  drawOverlay() {
    if (!this.stage || !this.current) return;
    const overlay = this.overlay;
    const labels = this.boxLabels;
    overlay.replaceChildren();
    labels.replaceChildren();
    const status = this.markStatus();
    const letters = this.missedLetters();
    const items = [];
    const reveal = this.revealed();
    (reveal.findings || []).forEach((f, i) => {
      if (f.location.type === "box" && f.location.asset === this.current) {
        const label = this.label(f.category);
        items.push({ box: f.location, status: "key", badge: `${STATUS_SIGN.key}${i + 1}`, text: `In the key: ${label}`, ref: `key:${i}` });
      }
    });
    (this.feedback().items || []).forEach((item, i) => {
      if (item.status === "missed" && item.location.type === "box" && item.location.asset === this.current) {
        items.push({ box: item.location, status: "missed", badge: `${STATUS_SIGN.missed}${letters.get(i)}`, text: `Missed ${letters.get(i)}: ${item.label}`, ref: `fb:${i}` });
      }
    });
    this.marks().forEach((m, index) => {
      if (m.location.type !== "box" || m.location.asset !== this.current) return;
      const drag = this.drag;
      const box = drag && drag.id === m.id && drag.result ? drag.result : m.location;
      const st = status.get(m.id) || "mine";
      const sign = STATUS_SIGN[st] || "";
      const state = st === "mine" ? "" : ` (${STATUS_TEXT[st].toLowerCase()})`;
      items.push({
        box,
        status: st,
        badge: `${sign}${index + 1}`,
        text: `${sign ? sign + " " : ""}${index + 1} · ${this.label(m.category)}${state}`,
        id: m.id,
        selected: m.id === this.selected,
      });
    });
    if (this.pending && this.pending.location.type === "box" && this.pending.location.asset === this.current) {
      const drag = this.drag;
      const box = drag && drag.pending && drag.result ? drag.result : this.pending.location;
      items.push({ box, status: "pending", text: "New mark: choose what it is", id: "pending", selected: true });
    }
    if (this.drag && this.drag.kind === "draw") {
      const { start, current } = this.drag;
      items.push({
        box: { x: Math.min(start.x, current.x), y: Math.min(start.y, current.y), w: Math.abs(current.x - start.x), h: Math.abs(current.y - start.y) },
        status: "pending",
      });
    }
    const stageWidth = this.stage.clientWidth;
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
        tag.style.left = `${Math.max(0, r.x)}px`;
        tag.style.top = `${r.y > 22 ? r.y - 21 : r.y + r.h + 2}px`;
        labels.append(tag);
      } else if (item.badge) {
        // Others get a small badge beside the box, so labels never hide what they point at.
        const tag = h("div", { class: `ss-box-badge ss-st-${item.status}`, text: item.badge });
        const width = 12 + 8 * [...item.badge].length;
        let left = r.x + r.w + 3;
        let top = r.y + r.h / 2 - 9;
        if (left + width > stageWidth) left = r.x - width - 3;
        if (left < 0) {
          left = r.x + 2;
          top = r.y + 2;
        }
        tag.style.left = `${left}px`;
        tag.style.top = `${top}px`;
        labels.append(tag);
      }
      if (item.selected) {
        for (const [name, hx, hy] of [["nw", r.x, r.y], ["ne", r.x + r.w, r.y], ["sw", r.x, r.y + r.h], ["se", r.x + r.w, r.y + r.h]]) {
          overlay.append(svg("rect", { class: `ss-handle ss-handle-${name}`, x: hx - 5, y: hy - 5, width: 10, height: 10, "data-handle": name }));
        }
      }
    }
    for (const tag of labels.children) {
      // Keep every label inside the picture.
      const right = tag.offsetLeft + tag.offsetWidth;
      if (right > stageWidth - 2) tag.style.left = `${Math.max(0, stageWidth - 2 - tag.offsetWidth)}px`;
    }
    this.placeImagePopovers();
  }

  refreshImageEditor() {
    if (!this.imageEditor) return;
    const editor = this.imageEditor;
    const mark = this.marks().find((m) => m.id === this.selected && m.location.type === "box");
    const pending = this.pending && this.pending.location.type === "box" ? this.pending : null;
    if (!pending && !mark) {
      editor.hidden = true;
      editor.replaceChildren();
      return;
    }
    editor.hidden = false;
    this.fillEditor(editor, pending, mark);
    this.placeImagePopovers();
  }

  /** The "what is it?" bar: choose a category for a new mark, or change or remove one. */
  fillEditor(editor, pending, mark) {
    const where = pending ? this.describe(pending.location, false) : this.describe(mark.location, false);
    const select = this.categorySelect(mark ? mark.category : "", pending ? "What is the new mark?" : "What is this mark?");
    const title = pending ? `New mark: ${where}` : `Mark ${this.marks().findIndex((m) => m.id === mark.id) + 1}: ${where}`;
    const buttons = pending
      ? [
          h("button", {
            type: "button",
            class: "ss-btn ss-btn-primary",
            onclick: () => this.commitPending(select.value) || select.focus(),
            text: "Add mark",
          }),
          h("button", { type: "button", class: "ss-btn", onclick: () => this.cancelPending(), text: "Cancel" }),
        ]
      : [
          h("button", {
            type: "button",
            class: "ss-btn ss-btn-danger",
            onclick: () => {
              this.removeMark(mark.id);
              this.announce("Mark removed.");
            },
            text: "Remove mark",
          }),
          h("button", { type: "button", class: "ss-btn", onclick: () => this.select(null), text: "Done" }),
        ];
    select.addEventListener("change", () => {
      if (mark && select.value) this.updateMark(mark.id, { category: select.value });
    });
    select.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") {
        e.preventDefault();
        if (pending) {
          if (!select.value) {
            this.announce("Choose a category first.");
            return;
          }
          const back = pending.location.type === "box" ? this.stage : null;
          this.commitPending(select.value);
          back?.focus();
        } else {
          this.select(null);
        }
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (pending) this.cancelPending();
        else this.select(null);
      }
    });
    const hint = pending ? h("span", { class: "ss-editor-hint", text: "Enter adds it, Esc cancels" }) : null;
    const quick =
      pending && this.recent.length
        ? h(
            "div",
            { class: "ss-quick", role: "group", "aria-label": "Recently used" },
            h("span", { class: "ss-quick-title", text: "Recently used:" }),
            this.recent.map((id) =>
              h("button", {
                type: "button",
                class: "ss-chip",
                onclick: () => {
                  const back = pending.location.type === "box" ? this.stage : null;
                  this.commitPending(id);
                  back?.focus({ preventScroll: true });
                },
                text: this.label(id),
              }),
            ),
          )
        : null;
    const fb = mark && (this.feedback().items || []).find((i) => (i.mark_ids || []).includes(mark.id));
    const parts = [
      h("span", { class: "ss-editor-title", text: title }),
      h("label", { class: "ss-editor-field" }, h("span", { text: "What is it?" }), select),
      ...buttons,
      hint,
      quick,
      fb ? h("ul", { class: "ss-fb-list ss-editor-feedback" }, this.feedbackItem(fb, { show: false })) : null,
    ];
    editor.replaceChildren(...parts.filter(Boolean));
    if (pending) window.setTimeout(() => document.activeElement === document.body && select.focus(), 0);
  }

  /** Show the feedback (or key entry) behind a box or words in a card beside them. */
  explainRef(ref, panel) {
    const [kind, index] = ref.split(":");
    const list = kind === "key" ? this.revealed().findings || [] : this.feedback().items || [];
    const item = list[Number(index)];
    if (!item) return;
    this.explain(kind === "key" ? { ...item, status: "key", label: this.label(item.category) } : item, panel, item.location);
  }

  explain(item, panel = "image", anchor = null) {
    for (const el of [this.imageExplain, this.postExplain]) {
      if (!el) continue;
      el.hidden = true;
      el.replaceChildren();
    }
    this.explained = item ? { item, panel, anchor: anchor || item.location } : null;
    const el = panel === "post" ? this.postExplain : this.imageExplain;
    if (!item || !el) return;
    const close = h("button", { type: "button", class: "ss-link ss-explain-close", "aria-label": "Close", onclick: () => this.explain(null), text: "Close" });
    el.replaceChildren(h("ul", { class: "ss-fb-list" }, this.feedbackItem(item, { show: false })), close);
    el.hidden = false;
    if (panel === "post") this.placePostPopovers();
    else this.placeImagePopovers();
    this.announce(`${STATUS_TEXT[item.status] || ""}: ${item.label}. ${item.explanation || ""}`);
  }

  /** Put a popover just below (or above) an anchor rectangle, inside its container. */
  placePopover(pop, anchor, container) {
    if (!pop || pop.hidden || !anchor) return;
    const cw = container.clientWidth;
    const ch = container.clientHeight;
    const pw = pop.offsetWidth;
    const ph = pop.offsetHeight;
    const left = clamp(anchor.x, 4, Math.max(4, cw - pw - 4));
    let top = anchor.y + anchor.h + 10;
    if (top + ph > ch && anchor.y - ph - 10 >= 0) top = anchor.y - ph - 10;
    pop.style.left = `${left}px`;
    pop.style.top = `${top}px`;
  }

  /** Where the image popovers point: the box being edited, or the one explained. */
  placeImagePopovers() {
    if (!this.stageWrap) return;
    const box = this.editedBox();
    if (box && box.asset === this.current) this.placePopover(this.imageEditor, this.toScreen(box), this.stageWrap);
    const ex = this.explained;
    if (ex && ex.panel === "image" && ex.anchor) {
      if (ex.anchor.type === "box" && ex.anchor.asset === this.current) {
        this.placePopover(this.imageExplain, this.toScreen(ex.anchor), this.stageWrap);
      } else {
        this.placePopover(this.imageExplain, { x: 8, y: 8, w: 0, h: 0 }, this.stageWrap);
      }
    }
  }

  /** Where the post popovers point: the words being marked or explained. */
  placePostPopovers() {
    if (!this.postPanel) return;
    const panelRect = this.postPanel.getBoundingClientRect();
    const anchorFor = (loc) => {
      if (!loc || loc.type !== "span") return null;
      const field = this.fieldEls?.get(loc.field);
      if (!field) return null;
      const marks = [...field.querySelectorAll("mark")].filter((m) => m.classList.contains("ss-selected") || m.classList.contains("ss-st-pending"));
      const rects = (marks.length ? marks : [field]).map((m) => m.getBoundingClientRect());
      const r = rects[rects.length - 1];
      return { x: rects[0].left - panelRect.left, y: r.top - panelRect.top, w: r.width, h: r.height };
    };
    const mark = this.marks().find((m) => m.id === this.selected && m.location.type === "span");
    const editing = this.pending && this.pending.location.type === "span" ? this.pending.location : mark?.location;
    this.placePopover(this.postEditor, anchorFor(editing), this.postPanel);
    const ex = this.explained;
    if (ex && ex.panel === "post") this.placePopover(this.postExplain, anchorFor(ex.anchor), this.postPanel);
  }

  describe(location, detail = true) {
    if (location.type === "box") {
      const image = this.imageById.get(location.asset);
      const name = image ? image.label : location.asset;
      const where = detail ? ` (x ${location.x}, y ${location.y}, ${location.w}×${location.h})` : "";
      return `box on ${name}${where}`;
    }
    if (location.type === "span") {
      const text = this.data.post?.fields?.[location.field] || "";
      return `“${text.slice(location.start, location.end)}” in ${this.fieldName(location.field)}`;
    }
    if (location.type === "meta") return `file field ${location.tag} of ${location.asset}`;
    return location.type;
  }

  fieldName(field) {
    const names = {
      text: "the post",
      alt_text: "the alt text",
      location_tag: "the location tag",
      posted_at: "the post time",
      "author.display_name": "the author's name",
      "author.handle": "the author's handle",
      "author.bio": "the author's bio",
      "author.location": "the author's location",
    };
    if (names[field]) return names[field];
    const m = /^(replies|thread)\.(\d+)\.(.*)$/.exec(field);
    if (m) {
      const n = Number(m[2]) + 1;
      const what = m[1] === "replies" ? `reply ${n}` : `earlier post ${n}`;
      return m[3] === "text" ? what : `${what} (${m[3].replace("author.display_name", "name").replace("posted_at", "time")})`;
    }
    return field;
  }

  // ---- the post ---------------------------------------------------------------

  buildPostPanel() {
    const post = this.data.post;
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
    this.fieldEls = new Map();
    const field = (name, cls, tag = "span") => {
      const text = post.fields[name] ?? "";
      const el = h(tag, {
        class: `ss-field ${cls}`,
        "data-field": name,
        contenteditable: "true",
        role: "textbox",
        "aria-readonly": "true",
        "aria-multiline": tag === "div" ? "true" : "false",
        "aria-label": this.fieldName(name),
        spellcheck: "false",
        translate: "no",
      });
      el.textContent = text;
      this.fieldEls.set(name, el);
      return el;
    };
    const avatar = (profile) => {
      const a = h("span", { class: "ss-avatar", "aria-hidden": "true", text: initials(profile.display_name) });
      a.style.background = /^#[0-9a-fA-F]{3,8}$/.test(profile.avatar_color || "") ? profile.avatar_color : "#7a4b8c";
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
        const image = this.imageById.get(id);
        if (!image) continue;
        strip.append(
          h(
            "button",
            {
              type: "button",
              class: "ss-thumb",
              title: `Show ${image.label} in the image panel`,
              "aria-label": `Show ${image.label} in the image panel`,
              onclick: () => this.showImage(id),
            },
            h("img", { src: image.src, alt: "" }),
          ),
        );
      }
      postEl.append(strip);
    }
    const extras = h("dl", { class: "ss-post-extras" });
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
                h("span", { class: "ss-handle ss-plain", text: ` ${reply.author.handle}` }),
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
    this.postEditor = h("div", { class: "ss-editor ss-popover", hidden: true });
    this.postExplain = h("div", { class: "ss-explain ss-popover", hidden: true, "aria-live": "polite" });
    this.markWordsButton = h("button", {
      type: "button",
      class: "ss-btn",
      disabled: true,
      onclick: () => this.markSelection(),
      text: "Mark selected words (M)",
    });
    panel.append(postEl);
    if (profile.children.length > 1) panel.append(profile);
    panel.append(h("div", { class: "ss-post-actions" }, this.markWordsButton), this.postEditor, this.postExplain);
    this.postPanel = panel;
    this.bindPost(panel);
    return panel;
  }

  bindPost(panel) {
    const block = (e) => e.preventDefault();
    for (const name of ["beforeinput", "paste", "cut", "drop", "dragstart"]) panel.addEventListener(name, block);
    panel.addEventListener("keydown", (e) => {
      if (!e.target.closest || !e.target.closest("[data-field]")) return;
      e.stopPropagation();
      const nav = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Tab", "Shift", "Control", "Alt", "Meta"];
      if (nav.includes(e.key) || ((e.ctrlKey || e.metaKey) && ["a", "c"].includes(e.key.toLowerCase()))) return;
      e.preventDefault();
      if (e.key === "m" || e.key === "M" || e.key === "Enter") this.markSelection();
      if (e.key === "Escape") this.cancelPending();
    });
    panel.addEventListener("mouseup", () => window.setTimeout(() => {
      const sel = this.readSelection();
      if (sel && !sel.error) this.markSelection();
    }, 0));
    panel.addEventListener("click", (e) => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const mark = e.target.closest && e.target.closest("mark[data-mark]");
      const ref = e.target.closest && e.target.closest("mark[data-item]");
      if (mark) this.select(mark.getAttribute("data-mark"));
      else if (ref) this.explainRef(ref.getAttribute("data-item"), "post");
    });
    const onSelection = () => {
      const sel = this.readSelection();
      this.markWordsButton.disabled = !sel || Boolean(sel.error);
    };
    document.addEventListener("selectionchange", onSelection);
    this.cleanups.push(() => document.removeEventListener("selectionchange", onSelection));
  }

  /** The current text selection as a span of one post field, or {error}. */
  readSelection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const node = (n) => (n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement);
    const startField = node(range.startContainer)?.closest("[data-field]");
    const endField = node(range.endContainer)?.closest("[data-field]");
    if (!startField || !this.root.contains(startField)) return null;
    if (startField !== endField) return { error: "Select words within one part of the post at a time." };
    const offset = (container, off) => {
      const r = document.createRange();
      r.selectNodeContents(startField);
      r.setEnd(container, off);
      return r.toString().length;
    };
    const start = offset(range.startContainer, range.startOffset);
    const end = offset(range.endContainer, range.endOffset);
    const field = startField.getAttribute("data-field");
    const text = this.data.post.fields[field] || "";
    if (!text.slice(start, end).trim()) return null;
    return { type: "span", asset: this.data.post_asset || "post", field, start, end };
  }

  markSelection() {
    const sel = this.readSelection();
    if (!sel) {
      this.announce("Select some words in the post first.");
      return;
    }
    if (sel.error) {
      this.setLocalStatus(sel.error);
      return;
    }
    this.startPending(sel);
    window.getSelection()?.removeAllRanges();
    this.postEditor.querySelector("select")?.focus();
  }

  refreshPostEditor() {
    if (!this.postEditor) return;
    const mark = this.marks().find((m) => m.id === this.selected && m.location.type === "span");
    const pending = this.pending && this.pending.location.type === "span" ? this.pending : null;
    if (!pending && !mark) {
      this.postEditor.hidden = true;
      this.postEditor.replaceChildren();
      return;
    }
    this.postEditor.hidden = false;
    this.fillEditor(this.postEditor, pending, mark);
    this.placePostPopovers();
  }

  /** Redraw each field's text with the marks, the missed and the key spans highlighted. */
  refreshPost() {
    if (!this.fieldEls) return;
    const status = this.markStatus();
    const layers = new Map(); // field -> [{start, end, status, id, title}]
    const add = (loc, entry) => {
      if (loc.type !== "span") return;
      if (!layers.has(loc.field)) layers.set(loc.field, []);
      layers.get(loc.field).push({ start: loc.start, end: loc.end, ...entry });
    };
    (this.revealed().findings || []).forEach((f, i) => add(f.location, { status: "key", ref: `key:${i}`, title: `In the key: ${this.label(f.category)}` }));
    (this.feedback().items || []).forEach((item, i) => {
      if (item.status === "missed") add(item.location, { status: "missed", ref: `fb:${i}`, title: `Missed: ${item.label}` });
    });
    this.marks().forEach((m, i) => {
      const st = status.get(m.id) || "mine";
      add(m.location, { status: st, id: m.id, title: `${i + 1} · ${this.label(m.category)} (${STATUS_TEXT[st]})` });
    });
    if (this.pending && this.pending.location.type === "span") add(this.pending.location, { status: "pending", title: "New mark" });
    for (const [name, el] of this.fieldEls) {
      const text = this.data.post.fields[name] || "";
      const spans = layers.get(name) || [];
      if (!spans.length) {
        if (el.childElementCount || el.textContent !== text) el.textContent = text;
        continue;
      }
      // The top layer at each character wins: learner marks, then pending, over missed, over key.
      const at = new Array(text.length).fill(null);
      for (const s of spans) {
        for (let c = clamp(s.start, 0, text.length); c < clamp(s.end, 0, text.length); c++) at[c] = s;
      }
      const parts = [];
      let c = 0;
      while (c < text.length) {
        let e = c + 1;
        while (e < text.length && at[e] === at[c]) e++;
        const piece = text.slice(c, e);
        const s = at[c];
        if (s) {
          parts.push(
            h("mark", {
              class: `ss-hl ss-st-${s.status}${s.id && s.id === this.selected ? " ss-selected" : ""}`,
              "data-mark": s.id,
              "data-item": s.ref,
              title: s.title,
              text: piece,
            }),
          );
        } else {
          parts.push(document.createTextNode(piece));
        }
        c = e;
      }
      el.replaceChildren(...parts);
    }
    this.placePostPopovers();
  }

  // ---- hidden data (EXIF / DICOM header) -------------------------------------------

  buildMetaPanel() {
    const panel = h("section", { class: "ss-panel ss-meta-panel", "aria-label": "Hidden data in the files" });
    panel.append(
      h("h3", { text: "Hidden data in the files" }),
      h("p", { class: "ss-help", text: "The header travels with the file though nobody sees it. Tick each row that could identify the patient and choose what it is." }),
    );
    this.metaRows = new Map();
    for (const table of this.data.metadata) {
      const tbody = h("tbody");
      for (const row of table.rows) {
        const key = `${table.asset}|${row.tag}`;
        const box = h("input", { type: "checkbox", "aria-label": `Mark ${row.label} as a risk` });
        const select = this.categorySelect("", `What is ${row.label}?`);
        const tr = h(
          "tr",
          { "data-meta": key },
          h("td", { class: "ss-tick" }, box),
          h("td", { class: "ss-meta-label" }, h("span", { text: row.label }), h("code", { class: "ss-tag", text: row.tag })),
          h("td", { class: "ss-meta-value", text: row.value }),
          h("td", { class: "ss-meta-cat" }, select),
        );
        box.addEventListener("change", () => this.onMetaTick(table.asset, row.tag, box, select));
        select.addEventListener("change", () => this.onMetaCategory(table.asset, row.tag, box, select));
        select.addEventListener("keydown", (e) => e.stopPropagation());
        box.addEventListener("keydown", (e) => e.stopPropagation());
        this.metaRows.set(key, { tr, box, select, row });
        tbody.append(tr);
      }
      panel.append(
        h(
          "div",
          { class: "ss-meta-scroll" },
          h(
            "table",
            { class: "ss-meta" },
            h("caption", { text: table.label }),
            h("thead", {}, h("tr", {}, ["Risk?", "Field", "Value", "What is it?"].map((t) => h("th", { scope: "col", text: t })))),
            tbody,
          ),
        ),
      );
    }
    return panel;
  }

  metaMark(asset, tag) {
    return this.marks().find((m) => m.location.type === "meta" && m.location.asset === asset && m.location.tag === tag);
  }

  onMetaTick(asset, tag, box, select) {
    const key = `${asset}|${tag}`;
    const mark = this.metaMark(asset, tag);
    if (box.checked) {
      if (select.value) {
        this.addMark(select.value, { type: "meta", asset, tag });
      } else {
        this.pendingMeta.add(key);
        this.refreshMeta();
        select.focus();
        this.announce("Now choose what it is.");
      }
    } else {
      this.pendingMeta.delete(key);
      if (mark) this.removeMark(mark.id);
      this.refreshMeta();
    }
  }

  onMetaCategory(asset, tag, box, select) {
    const key = `${asset}|${tag}`;
    const mark = this.metaMark(asset, tag);
    if (mark && select.value) {
      this.updateMark(mark.id, { category: select.value });
    } else if (!mark && select.value) {
      box.checked = true;
      this.pendingMeta.delete(key);
      this.addMark(select.value, { type: "meta", asset, tag });
    }
  }

  refreshMeta() {
    if (!this.metaRows) return;
    const status = this.markStatus();
    const missed = new Map();
    for (const item of this.feedback().items || []) {
      if (item.status === "missed" && item.location.type === "meta") missed.set(`${item.location.asset}|${item.location.tag}`, item.label);
    }
    const keyed = new Set();
    for (const f of this.revealed().findings || []) {
      if (f.location.type === "meta") keyed.add(`${f.location.asset}|${f.location.tag}`);
    }
    for (const [key, entry] of this.metaRows) {
      const [asset, tag] = key.split("|");
      const mark = this.metaMark(asset, tag);
      entry.box.checked = Boolean(mark) || this.pendingMeta.has(key);
      if (mark) {
        this.pendingMeta.delete(key);
        entry.select.value = mark.category;
      } else if (!this.pendingMeta.has(key)) {
        entry.select.value = "";
      }
      let st = mark ? status.get(mark.id) || "mine" : this.pendingMeta.has(key) ? "pending" : "";
      if (!mark && missed.has(key)) st = "missed";
      else if (!mark && keyed.has(key)) st = "key";
      entry.tr.className = st ? `ss-st-${st}` : "";
      entry.tr.title = st === "missed" ? `Missed: ${missed.get(key)}` : st ? STATUS_TEXT[st] || "Choose what it is" : "";
    }
  }

  // ---- consent and decision ------------------------------------------------------

  buildConsentPanel() {
    const consent = this.data.consent;
    const panel = h("section", { class: "ss-panel ss-consent-panel", "aria-label": "Consent" });
    panel.append(h("h3", { text: "Consent" }));
    const body = h("div", { class: "ss-consent-body" });
    const record = h("div", { class: "ss-consent-record" });
    if (consent && consent.form_src) {
      const img = h("img", {
        class: "ss-consent-form",
        src: consent.form_src,
        alt: "The consent record (a text version follows)",
        tabindex: "0",
        title: "Click to enlarge",
      });
      const toggle = () => img.classList.toggle("ss-enlarged");
      img.addEventListener("click", toggle);
      img.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          e.stopPropagation();
          toggle();
        }
      });
      record.append(img);
    }
    if (consent && consent.rows.length) {
      record.append(
        h(
          "details",
          { class: "ss-consent-text" },
          h("summary", { text: "Text version of the consent record" }),
          h("table", {}, h("tbody", {}, consent.rows.map(([k, v]) => h("tr", {}, h("th", { scope: "row", text: k }), h("td", { text: v }))))),
        ),
      );
    }
    if (!consent) {
      record.append(h("p", { class: "ss-note", text: "No consent record came with this post." }));
    }
    this.gapBoxes = new Map();
    const fieldset = h("fieldset", { class: "ss-gaps" }, h("legend", { text: "Which consent gaps do you see? Tick all that apply." }));
    for (const gap of this.data.consent_gaps) {
      const box = h("input", { type: "checkbox", value: gap.id, "aria-describedby": `ss-gap-${gap.id}-${this.data.case_id}` });
      box.addEventListener("change", () => this.onGapChange());
      box.addEventListener("keydown", (e) => e.stopPropagation());
      const label = h(
        "label",
        { class: "ss-check", "data-gap": gap.id },
        box,
        h("span", { class: "ss-check-text" }, h("span", { class: "ss-check-label", text: gap.label }), h("span", { class: "ss-check-desc", id: `ss-gap-${gap.id}-${this.data.case_id}`, text: gap.description })),
      );
      this.gapBoxes.set(gap.id, { box, label });
      fieldset.append(label);
    }
    body.append(record, fieldset);
    panel.append(body);
    return panel;
  }

  onGapChange() {
    const gaps = [...this.gapBoxes.entries()].filter(([, e]) => e.box.checked).map(([id]) => id);
    this.model.set("consent_gaps", gaps);
    this.model.save_changes();
  }

  buildDecisionPanel() {
    const panel = h("section", { class: "ss-panel ss-decision-panel", "aria-label": "Your decision" });
    const fieldset = h("fieldset", { class: "ss-decisions" }, h("legend", { text: "What should happen to this post?" }));
    this.decisionInputs = new Map();
    const name = `ss-decision-${this.data.case_id}-${Math.random().toString(36).slice(2)}`;
    for (const d of this.data.decisions) {
      const input = h("input", { type: "radio", name, value: d.id });
      input.addEventListener("change", () => {
        if (input.checked) {
          this.model.set("decision", d.id);
          this.model.save_changes();
        }
      });
      input.addEventListener("keydown", (e) => e.stopPropagation());
      const label = h(
        "label",
        { class: "ss-check ss-radio", "data-decision": d.id },
        input,
        h("span", { class: "ss-check-text" }, h("span", { class: "ss-check-label", text: d.label }), h("span", { class: "ss-check-desc", text: d.description })),
      );
      this.decisionInputs.set(d.id, { input, label });
      fieldset.append(label);
    }
    panel.append(h("h3", { text: "Your decision" }), fieldset);
    return panel;
  }

  // ---- marks list, actions, feedback -------------------------------------------

  buildMarksPanel() {
    this.marksList = h("ol", { class: "ss-marks-list" });
    this.marksCount = h("span", { class: "ss-count-badge" });
    return h(
      "section",
      { class: "ss-panel ss-marks-panel", "aria-label": "Your marks" },
      h("h3", {}, "Your marks ", this.marksCount),
      this.marksList,
    );
  }

  refreshMarksList() {
    if (!this.marksList) return;
    const status = this.markStatus();
    const marks = this.marks();
    this.marksCount.textContent = String(marks.length);
    if (!marks.length) {
      this.marksList.replaceChildren(h("li", { class: "ss-empty", text: "Nothing marked yet." }));
      return;
    }
    this.marksList.replaceChildren(
      ...marks.map((m, i) => {
        const st = status.get(m.id) || "mine";
        return h(
          "li",
          { class: `ss-mark-item ss-st-${st}${m.id === this.selected ? " ss-selected" : ""}`, "data-mark": m.id },
          h("span", { class: "ss-mark-num", text: String(i + 1) }),
          h("span", { class: "ss-mark-cat", text: this.label(m.category) }),
          h("span", { class: "ss-mark-where", title: this.describe(m.location), text: this.describe(m.location, false) }),
          st !== "mine" ? h("span", { class: "ss-mark-status", text: STATUS_TEXT[st] }) : null,
          h("button", { type: "button", class: "ss-link", onclick: () => this.showMark(m), text: "Show" }),
          h("button", {
            type: "button",
            class: "ss-link ss-danger",
            "aria-label": `Remove mark ${i + 1}`,
            onclick: () => {
              this.removeMark(m.id);
              this.announce(`Removed mark ${i + 1}.`);
            },
            text: "Remove",
          }),
        );
      }),
    );
  }

  showMark(mark) {
    this.select(mark.id);
    const loc = mark.location;
    if (loc.type === "box") {
      this.stage.scrollIntoView({ block: "nearest", behavior: "smooth" });
      this.stage.focus({ preventScroll: true });
    } else if (loc.type === "span") {
      this.fieldEls?.get(loc.field)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "meta") {
      this.metaRows?.get(`${loc.asset}|${loc.tag}`)?.tr.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  showLocation(loc, item = null) {
    if (item) this.explain(item, loc.type === "span" ? "post" : "image");
    if (loc.type === "box") {
      if (loc.asset !== this.current && this.imageById.has(loc.asset)) this.showImage(loc.asset, { focus: false });
      this.stage?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "span") {
      this.fieldEls?.get(loc.field)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "meta") {
      this.metaRows?.get(`${loc.asset}|${loc.tag}`)?.tr.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  buildActions() {
    const graded = this.data.graded;
    this.checkButton = h("button", { type: "button", class: "ss-btn ss-btn-primary ss-check-btn", onclick: () => this.send("check"), text: "Check my answer" });
    this.revealButton = h("button", {
      type: "button",
      class: "ss-btn ss-reveal-btn",
      "aria-pressed": "false",
      onclick: () => this.send(this.revealButton.getAttribute("aria-pressed") === "true" ? "hide" : "reveal"),
      text: "Show the key",
    });
    this.resetButton = h("button", { type: "button", class: "ss-btn ss-reset-btn", onclick: () => this.askReset(), text: "Start again…" });
    this.confirmBox = h("div", { class: "ss-confirm", hidden: true, role: "alertdialog", "aria-label": "Confirm start again" });
    this.statusEl = h("span", { class: "ss-status", role: "status", "aria-live": "polite" });
    const bar = h("div", { class: "ss-actions" });
    if (!graded) bar.append(this.checkButton, this.revealButton);
    bar.append(this.resetButton, this.confirmBox, this.statusEl);
    const wrap = h("div", { class: "ss-actions-wrap" }, bar);
    if (graded) {
      wrap.append(h("p", { class: "ss-note ss-graded-note", text: "This exercise is graded later: there is no Check here. Your marks are saved as you go." }));
    }
    return wrap;
  }

  askReset() {
    const yes = h("button", {
      type: "button",
      class: "ss-btn ss-btn-danger",
      onclick: () => {
        this.confirmBox.hidden = true;
        this.pending = null;
        this.selected = null;
        this.pendingMeta.clear();
        this.localMoves.clear();
        this.send("reset");
        this.resetButton.focus();
      },
      text: "Yes, clear everything",
    });
    const no = h("button", {
      type: "button",
      class: "ss-btn",
      onclick: () => {
        this.confirmBox.hidden = true;
        this.resetButton.focus();
      },
      text: "Keep my marks",
    });
    this.confirmBox.replaceChildren(h("span", { text: "Clear all your marks, ticks and the decision?" }), yes, no);
    this.confirmBox.hidden = false;
    no.focus();
  }

  buildFeedbackPanel() {
    this.feedbackEl = h("section", { class: "ss-panel ss-feedback", "aria-label": "Feedback", "aria-live": "polite", hidden: true });
    return this.feedbackEl;
  }

  refreshFeedback() {
    this.explain(null);
    const fb = this.feedback();
    const rv = this.revealed();
    const el = this.feedbackEl;
    const parts = [];
    if (fb.items) parts.push(...this.feedbackParts(fb));
    if (rv.findings) parts.push(...this.revealParts(rv));
    el.hidden = !parts.length;
    el.replaceChildren(...parts.filter(Boolean));
    this.revealButton.setAttribute("aria-pressed", String(Boolean(rv.findings)));
    this.revealButton.textContent = rv.findings ? "Hide the key" : "Show the key";
    this.root.classList.toggle("ss-checked", Boolean(fb.items));
    this.drawOverlay();
    this.refreshPost();
    this.refreshMeta();
    this.refreshMarksList();
    this.refreshConsent();
    this.refreshDecision();
  }

  feedbackParts(fb) {
    const parts = [];
    const pct = Math.round(fb.percent ?? (fb.score || 0) * 100);
    const meter = h("div", { class: "ss-meter", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(pct), "aria-label": "Score" });
    const fill = h("div", { class: "ss-meter-fill" });
    fill.style.width = `${clamp(pct, 0, 100)}%`;
    meter.append(fill);
    const counts = fb.counts || {};
    parts.push(
      h(
        "div",
        { class: "ss-score-line" },
        h("span", { class: "ss-score", text: `${pct}%` }),
        h("div", { class: "ss-score-text" }, h("div", { class: "ss-headline", text: fb.headline || "" }), meter),
      ),
      h(
        "div",
        { class: "ss-counts" },
        ["found", "partial", "missed", "false_alarm"].map((s) =>
          h("span", { class: `ss-count-chip ss-st-${s}` }, h("b", { text: String(counts[s] || 0) }), ` ${STATUS_TEXT[s]}`),
        ),
      ),
    );
    if (fb.parts && fb.parts.length) {
      parts.push(
        h(
          "ul",
          { class: "ss-parts" },
          fb.parts.map((p) => h("li", {}, h("span", { class: "ss-part-name", text: p.label }), h("span", { class: "ss-part-score", text: p.text }))),
        ),
      );
    }
    const order = ["missed", "partial", "false_alarm", "found", "repeat"];
    const titles = {
      missed: "What you missed",
      partial: "Right place, wrong category",
      false_alarm: "Marked, but not a risk here",
      found: "What you found",
      repeat: "Marked twice",
    };
    for (const st of order) {
      const items = (fb.items || []).filter((i) => i.status === st);
      if (!items.length) continue;
      parts.push(h("h4", { class: `ss-fb-title ss-st-${st}`, text: `${titles[st]} (${items.length})` }));
      parts.push(h("ul", { class: "ss-fb-list" }, items.map((item) => this.feedbackItem(item, { badge: this.badgeOf(item) }))));
    }
    if (fb.consent) parts.push(this.consentFeedback(fb.consent));
    if (fb.decision) parts.push(this.decisionFeedback(fb.decision));
    return parts;
  }

  feedbackItem(item, { show = true, badge = "" } = {}) {
    const li = h("li", { class: `ss-fb-item ss-st-${item.status}` });
    li.append(
      h(
        "div",
        { class: "ss-fb-head" },
        h("span", { class: "ss-fb-sign", "aria-hidden": "true", text: STATUS_SIGN[item.status] || "" }),
        badge ? h("span", { class: `ss-box-badge ss-inline ss-st-${item.status}`, title: "As marked on the picture", text: badge }) : null,
        h("span", { class: "ss-fb-label", text: item.label }),
        item.where ? h("span", { class: "ss-fb-where", text: item.where }) : null,
        show ? h("button", { type: "button", class: "ss-link", onclick: () => this.showLocation(item.location, item), text: "Show" }) : null,
      ),
    );
    if (item.evidence) li.append(h("div", { class: "ss-fb-evidence" }, h("span", { text: "What is there: " }), h("q", { text: item.evidence })));
    if (item.note) li.append(h("div", { class: "ss-fb-note", text: item.note }));
    if (item.explanation) li.append(h("div", { class: "ss-fb-why", text: item.explanation }));
    if (item.remedy) li.append(h("div", { class: "ss-fb-remedy" }, h("b", { text: "What to do: " }), item.remedy));
    if (item.guidance && item.guidance.length) {
      li.append(h("div", { class: "ss-fb-guidance" }, h("span", { text: "Guidance: " }), item.guidance.join("; ")));
    }
    return li;
  }

  /** The badge an item carries on the picture: its mark number(s), or its missed letter. */
  badgeOf(item) {
    if (item.status === "missed") {
      const index = (this.feedback().items || []).indexOf(item);
      return item.location.type === "box" ? this.missedLetters().get(index) || "" : "";
    }
    const numbers = (item.mark_ids || []).map((id) => this.marks().findIndex((m) => m.id === id) + 1).filter((n) => n > 0);
    return numbers.join(", ");
  }

  consentFeedback(c) {
    const block = h("div", { class: "ss-fb-block" }, h("h4", { class: "ss-fb-title", text: "Consent" }));
    if (c.summary) block.append(h("p", { text: c.summary }));
    const list = h("ul", { class: "ss-fb-list" });
    for (const g of c.items || []) {
      list.append(
        h(
          "li",
          { class: `ss-fb-item ss-st-${g.status}` },
          h(
            "div",
            { class: "ss-fb-head" },
            h("span", { class: "ss-fb-sign", "aria-hidden": "true", text: STATUS_SIGN[g.status] || "" }),
            h("span", { class: "ss-fb-label", text: g.label }),
            h("span", { class: "ss-fb-where", text: STATUS_TEXT[g.status] || "" }),
          ),
          g.explanation ? h("div", { class: "ss-fb-why", text: g.explanation }) : null,
        ),
      );
    }
    if (list.children.length) block.append(list);
    return block;
  }

  decisionFeedback(d) {
    const ok = d.correct;
    return h(
      "div",
      { class: `ss-fb-block ss-decision-fb ss-st-${ok ? "found" : "missed"}` },
      h("h4", { class: "ss-fb-title", text: "Decision" }),
      h(
        "p",
        {},
        h("b", { text: ok ? "✓ Right: " : d.chosen_label ? "✗ Not quite: " : "✗ No decision yet: " }),
        d.chosen_label ? `you chose “${d.chosen_label}”; the key says “${d.expected_label}”.` : `the key says “${d.expected_label}”.`,
      ),
      d.reason ? h("p", { class: "ss-fb-why", text: d.reason }) : null,
    );
  }

  revealParts(rv) {
    const parts = [h("h4", { class: "ss-fb-title ss-st-key", text: `The key (${rv.findings.length} finding${rv.findings.length === 1 ? "" : "s"})` })];
    if (rv.findings.length) {
      parts.push(
        h(
          "ul",
          { class: "ss-fb-list" },
          rv.findings.map((f) => this.feedbackItem({ ...f, status: "key", label: this.label(f.category) })),
        ),
      );
    } else {
      parts.push(h("p", { text: "Nothing in this case identifies the patient." }));
    }
    if (rv.decoys && rv.decoys.length) {
      parts.push(h("h4", { class: "ss-fb-title", text: "Looks risky, but is not" }));
      parts.push(h("ul", { class: "ss-fb-list" }, rv.decoys.map((d) => h("li", { class: "ss-fb-item" }, h("div", { class: "ss-fb-head" }, h("span", { class: "ss-fb-label", text: d.where || "" })), h("div", { class: "ss-fb-why", text: d.explanation })))));
    }
    parts.push(
      h("h4", { class: "ss-fb-title", text: "Consent gaps in the key" }),
      rv.consent_gaps && rv.consent_gaps.length
        ? h("ul", { class: "ss-plain-list" }, rv.consent_gaps.map((g) => h("li", { text: g })))
        : h("p", { text: "None." }),
      h("h4", { class: "ss-fb-title", text: "Decision in the key" }),
      h("p", {}, h("b", { text: rv.decision?.label || "" })),
      rv.decision?.reason ? h("p", { class: "ss-fb-why", text: rv.decision.reason }) : null,
    );
    return parts;
  }

  refreshConsent() {
    if (!this.gapBoxes) return;
    const chosen = new Set(this.model.get("consent_gaps") || []);
    const fb = this.feedback().consent;
    const status = new Map((fb?.items || []).map((g) => [g.id, g.status]));
    for (const [id, entry] of this.gapBoxes) {
      entry.box.checked = chosen.has(id);
      const st = status.get(id);
      entry.label.className = `ss-check${st ? ` ss-st-${st}` : ""}`;
    }
  }

  refreshDecision() {
    if (!this.decisionInputs) return;
    const chosen = this.model.get("decision") || "";
    const fb = this.feedback().decision;
    for (const [id, entry] of this.decisionInputs) {
      entry.input.checked = id === chosen;
      let cls = "ss-check ss-radio";
      if (fb && id === fb.expected) cls += id === chosen ? " ss-st-found" : " ss-st-missed";
      else if (fb && id === chosen) cls += " ss-st-false_alarm";
      entry.label.className = cls;
    }
  }

  setLocalStatus(text) {
    this.statusEl.textContent = text;
    this.statusEl.className = "ss-status ss-status-error";
  }

  refreshStatus() {
    if (!this.statusEl) return;
    const status = this.model.get("status") || {};
    this.statusEl.textContent = status.text || "";
    this.statusEl.className = `ss-status ss-status-${status.kind || "info"}`;
  }

  onMarksChanged() {
    const ids = new Set((this.model.get("marks") || []).map((m) => m.id));
    if (this.selected && !ids.has(this.selected)) this.selected = null;
    for (const id of [...this.localMoves.keys()]) if (!ids.has(id)) this.localMoves.delete(id);
    this.drawOverlay();
    this.refreshPost();
    this.refreshMeta();
    this.refreshMarksList();
    this.refreshImageEditor();
    this.refreshPostEditor();
  }

  refreshAll() {
    this.refreshFeedback();
    this.refreshStatus();
    this.refreshImageEditor();
  }
}

function render({ model, el }) {
  const view = new ExerciseView(model, el);
  return () => view.destroy();
}

export default { render };
