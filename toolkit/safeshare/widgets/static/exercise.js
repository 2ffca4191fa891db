// safeshare exercise: draws a case and sends the learner's marks to the kernel.
// GENERATED from js/src/ by `make widget` (esbuild): edit the sources, not this file.

// src/dom.js
var SVG_NS = "http://www.w3.org/2000/svg";
function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === void 0 || value === null || value === false) continue;
    if (name === "class") el.setAttribute("class", String(value));
    else if (name === "text") el.textContent = String(value);
    else if (name.startsWith("on")) el.addEventListener(
      name.slice(2),
      /** @type {EventListener} */
      value
    );
    else el.setAttribute(name, value === true ? "" : String(value));
  }
}
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === void 0 || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
function svg(tag, attrs = {}) {
  const el = (
    /** @type {SVGElementTagNameMap[K]} */
    document.createElementNS(SVG_NS, tag)
  );
  setAttrs(el, attrs);
  return el;
}

// src/feedback.js
var STATUS_TEXT = Object.freeze({
  mine: "Your mark",
  found: "Found",
  partial: "Partly right",
  missed: "Missed",
  false_alarm: "False alarm",
  repeat: "Marked twice",
  key: "In the key"
});
var STATUS_SIGN = Object.freeze({
  found: "✓",
  partial: "◐",
  missed: "✗",
  false_alarm: "!",
  repeat: "=",
  key: "★",
  mine: ""
});
var LEGEND = Object.freeze(["mine", "found", "partial", "missed", "false_alarm", "key"]);
var COUNTED = Object.freeze(["found", "partial", "missed", "false_alarm"]);
var FEEDBACK_GROUPS = Object.freeze([
  { status: "missed", title: "What you missed" },
  { status: "partial", title: "Right place, wrong category" },
  { status: "false_alarm", title: "Marked, but not a risk here" },
  { status: "found", title: "What you found" },
  { status: "repeat", title: "Marked twice" }
]);
function statusText(status) {
  return Object.hasOwn(STATUS_TEXT, status) ? STATUS_TEXT[status] : "";
}
function statusSign(status) {
  return Object.hasOwn(STATUS_SIGN, status) ? STATUS_SIGN[status] : "";
}
function markStatus(items) {
  const status = /* @__PURE__ */ new Map();
  for (const item of items) {
    for (const id of item.mark_ids || []) {
      if (!status.has(id)) status.set(id, item.status);
    }
  }
  return status;
}
function missedLetters(items) {
  const letters = /* @__PURE__ */ new Map();
  let n = 0;
  items.forEach((item, i) => {
    if (item.status === "missed" && item.location.type === "box") {
      letters.set(i, String.fromCharCode(65 + n++ % 26));
    }
  });
  return letters;
}
function feedbackGroups(items) {
  return FEEDBACK_GROUPS.map((g) => ({ ...g, items: items.filter((i) => i.status === g.status) })).filter(
    (g) => g.items.length > 0
  );
}
function badgeOf(item, items, marks) {
  if (item.status === "missed") {
    const index = items.indexOf(item);
    return item.location.type === "box" ? missedLetters(items).get(index) || "" : "";
  }
  const numbers = (item.mark_ids || []).map((id) => marks.findIndex((m) => m.id === id) + 1).filter((n) => n > 0);
  return numbers.join(", ");
}
function scorePercent(feedback) {
  return Math.round(feedback.percent ?? (feedback.score || 0) * 100);
}
function gapStatus(consent) {
  return new Map((consent?.items || []).map((g) => [g.id, g.status]));
}
function decisionStatus(id, chosen, decision) {
  if (decision && id === decision.expected) return id === chosen ? "found" : "missed";
  if (decision && id === chosen) return "false_alarm";
  return "";
}
function metaRowStatus(row) {
  if (row.markStatus !== null) return row.markStatus || "mine";
  if (row.missed) return "missed";
  if (row.keyed) return "key";
  return row.pending ? "pending" : "";
}

// src/choices-panel.js
var ConsentPanel = class {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    const data = view.data;
    const consent = data.consent;
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
        title: "Click to enlarge"
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
          h("table", {}, h("tbody", {}, consent.rows.map(([k, v]) => h("tr", {}, h("th", { scope: "row", text: k }), h("td", { text: v })))))
        )
      );
    }
    if (!consent) {
      record.append(h("p", { class: "ss-note", text: "No consent record came with this post." }));
    }
    this.gapBoxes = /* @__PURE__ */ new Map();
    const fieldset = h("fieldset", { class: "ss-gaps" }, h("legend", { text: "Which consent gaps do you see? Tick all that apply." }));
    for (const gap of data.consent_gaps) {
      const box = h("input", { type: "checkbox", value: gap.id, "aria-describedby": `ss-gap-${gap.id}-${data.case_id}` });
      box.addEventListener("change", () => this.onChange());
      box.addEventListener("keydown", (e) => e.stopPropagation());
      const label = h(
        "label",
        { class: "ss-check", "data-gap": gap.id },
        box,
        h("span", { class: "ss-check-text" }, h("span", { class: "ss-check-label", text: gap.label }), h("span", { class: "ss-check-desc", id: `ss-gap-${gap.id}-${data.case_id}`, text: gap.description }))
      );
      this.gapBoxes.set(gap.id, { box, label });
      fieldset.append(label);
    }
    body.append(record, fieldset);
    panel.append(body);
    this.panel = panel;
  }
  onChange() {
    const gaps = [...this.gapBoxes.entries()].filter(([, e]) => e.box.checked).map(([id]) => id);
    this.view.model.set("consent_gaps", gaps);
    this.view.model.save_changes();
  }
  /** Tick what the model holds; colour each gap after Check. */
  refresh() {
    const view = this.view;
    const chosen = new Set(view.model.get("consent_gaps") || []);
    const status = gapStatus(view.feedback().consent);
    for (const [id, entry] of this.gapBoxes) {
      entry.box.checked = chosen.has(id);
      const st = status.get(id);
      entry.label.className = `ss-check${st ? ` ss-st-${st}` : ""}`;
    }
  }
};
var DecisionPanel = class {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    const data = view.data;
    const panel = h("section", { class: "ss-panel ss-decision-panel", "aria-label": "Your decision" });
    const fieldset = h("fieldset", { class: "ss-decisions" }, h("legend", { text: "What should happen to this post?" }));
    this.inputs = /* @__PURE__ */ new Map();
    const name = `ss-decision-${data.case_id}-${Math.random().toString(36).slice(2)}`;
    for (const d of data.decisions) {
      const input = h("input", { type: "radio", name, value: d.id });
      input.addEventListener("change", () => {
        if (input.checked) {
          view.model.set("decision", d.id);
          view.model.save_changes();
        }
      });
      input.addEventListener("keydown", (e) => e.stopPropagation());
      const label = h(
        "label",
        { class: "ss-check ss-radio", "data-decision": d.id },
        input,
        h("span", { class: "ss-check-text" }, h("span", { class: "ss-check-label", text: d.label }), h("span", { class: "ss-check-desc", text: d.description }))
      );
      this.inputs.set(d.id, { input, label });
      fieldset.append(label);
    }
    panel.append(h("h3", { text: "Your decision" }), fieldset);
    this.panel = panel;
  }
  /** Check what the model holds; colour the choices after Check. */
  refresh() {
    const view = this.view;
    const chosen = view.model.get("decision") || "";
    const fb = view.feedback().decision;
    for (const [id, entry] of this.inputs) {
      entry.input.checked = id === chosen;
      const st = decisionStatus(id, chosen, fb);
      entry.label.className = `ss-check ss-radio${st ? ` ss-st-${st}` : ""}`;
    }
  }
};

// src/spans.js
function codePointOffset(text, units) {
  let count = 0;
  let at = 0;
  for (const ch of text) {
    if (at + ch.length > units) break;
    at += ch.length;
    count += 1;
  }
  return count;
}
function sliceChars(text, start, end) {
  return [...text].slice(start, end).join("");
}
function selectionSpan(text, start, end, where) {
  if (!text.slice(start, end).trim()) return null;
  const [from, to] = snapToWords(text, codePointOffset(text, start), codePointOffset(text, end));
  return { type: "span", asset: where.asset, field: where.field, start: from, end: to };
}
var WORD_JOINERS = "'’_-";
var LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
function isWord(ch) {
  return ch !== void 0 && (LETTER_OR_DIGIT.test(ch) || WORD_JOINERS.includes(ch));
}
function snapToWords(text, start, end) {
  const chars = [...text];
  start = Math.max(0, Math.min(start, chars.length));
  end = Math.max(start, Math.min(end, chars.length));
  while (start < end && /\s/u.test(chars[start])) start += 1;
  while (end > start && /\s/u.test(chars[end - 1])) end -= 1;
  if (start === end) return [start, end];
  while (start > 0 && isWord(chars[start - 1]) && isWord(chars[start])) start -= 1;
  while (end < chars.length && isWord(chars[end - 1]) && isWord(chars[end])) end += 1;
  return [start, end];
}
function layerPieces(text, layers) {
  const chars = [...text];
  const at = new Array(chars.length).fill(null);
  for (const s of layers) {
    const from = Math.max(0, Math.min(chars.length, s.start));
    const to = Math.max(0, Math.min(chars.length, s.end));
    for (let c2 = from; c2 < to; c2++) at[c2] = s;
  }
  const pieces = [];
  let c = 0;
  while (c < chars.length) {
    let e = c + 1;
    while (e < chars.length && at[e] === at[c]) e++;
    pieces.push({ text: chars.slice(c, e).join(""), layer: at[c] });
    c = e;
  }
  return pieces;
}

// src/describe.js
var FIELD_NAMES = Object.freeze({
  text: "the post",
  alt_text: "the alt text",
  location_tag: "the location tag",
  posted_at: "the post time",
  "author.display_name": "the author's name",
  "author.handle": "the author's handle",
  "author.bio": "the author's bio",
  "author.location": "the author's location"
});
function fieldName(field) {
  if (Object.hasOwn(FIELD_NAMES, field)) return FIELD_NAMES[field];
  const m = /^(replies|thread)\.(\d+)\.(.*)$/.exec(field);
  if (m) {
    const n = Number(m[2]) + 1;
    const what = m[1] === "replies" ? `reply ${n}` : `earlier post ${n}`;
    return m[3] === "text" ? what : `${what} (${m[3].replace("author.display_name", "name").replace("author.handle", "handle").replace("posted_at", "time")})`;
  }
  return field;
}
function describeLocation(location, text, detail = true) {
  if (location.type === "box") {
    const box = (
      /** @type {BoxLocation} */
      location
    );
    const name = text.imageLabel(box.asset) ?? box.asset;
    const where = detail ? ` (x ${box.x}, y ${box.y}, ${box.w}×${box.h})` : "";
    return `box on ${name}${where}`;
  }
  if (location.type === "span") {
    const span = (
      /** @type {SpanLocation} */
      location
    );
    const words = sliceChars(text.fieldText(span.field), span.start, span.end);
    return `“${words}” in ${fieldName(span.field)}`;
  }
  if (location.type === "meta") {
    const meta = (
      /** @type {MetaLocation} */
      location
    );
    return `file field ${meta.tag} of ${meta.asset}`;
  }
  return location.type;
}
function initials(name) {
  const words = String(name || "?").replace(/^Dr\.? /i, "").split(/\s+/).filter(Boolean);
  return (words[0]?.[0] || "?").toUpperCase() + (words[1]?.[0] || "").toUpperCase();
}

// src/geometry.js
var MIN_BOX = 4;
var ZOOM_STEP = 1.25;
var MAX_ZOOM = 12;
function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
function clipBox(box, image) {
  const x0 = clamp(Math.round(box.x), 0, image.width - 1);
  const y0 = clamp(Math.round(box.y), 0, image.height - 1);
  const x1 = clamp(Math.round(box.x + box.w), x0 + 1, image.width);
  const y1 = clamp(Math.round(box.y + box.h), y0 + 1, image.height);
  return { type: "box", asset: box.asset, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
function movedBox(box, dx, dy, image) {
  return {
    ...box,
    x: clamp(box.x + dx, 0, image.width - box.w),
    y: clamp(box.y + dy, 0, image.height - box.h)
  };
}
function resizedBox(box, handle, dx, dy) {
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
    h: Math.max(1, Math.abs(y1 - y0))
  };
}
function rectBetween(start, end) {
  return {
    x: Math.min(start.x, end.x),
    y: Math.min(start.y, end.y),
    w: Math.abs(end.x - start.x),
    h: Math.abs(end.y - start.y)
  };
}
function isBox(rect) {
  return rect.w >= MIN_BOX && rect.h >= MIN_BOX;
}
function newBoxAround(centre, image) {
  const w = Math.max(24, Math.round(image.width * 0.12));
  const h2 = Math.min(32, Math.max(16, Math.round(image.height * 0.04)));
  return { x: centre.x - w / 2, y: centre.y - h2 / 2, w, h: h2 };
}
var JUMP_SHARE = 1 / 16;
function jumpStep(image) {
  return { x: Math.round(image.width * JUMP_SHARE), y: Math.round(image.height * JUMP_SHARE) };
}
function snappedBox(box, edge, image) {
  if (edge === "left") return { ...box, x: 0 };
  if (edge === "right") return { ...box, x: Math.max(0, image.width - box.w) };
  if (edge === "top") return { ...box, y: 0 };
  return { ...box, y: Math.max(0, image.height - box.h) };
}
function toScreen(box, view, scale) {
  return { x: view.tx + box.x * scale, y: view.ty + box.y * scale, w: box.w * scale, h: box.h * scale };
}
function toImage(point, view, scale) {
  return { x: (point.x - view.tx) / scale, y: (point.y - view.ty) / scale };
}
function fitStage(width, maxHeight, image) {
  const height = Math.min(Math.round(width * image.height / image.width), maxHeight);
  return { height, fit: Math.min(width / image.width, height / image.height) };
}
function centred(stage, image, fit) {
  return { tx: (stage.width - image.width * fit) / 2, ty: (stage.height - image.height * fit) / 2 };
}
function zoomedView(view, factor, fit, about) {
  const before = fit * view.zoom;
  const zoom = clamp(view.zoom * factor, 1, MAX_ZOOM);
  const after = fit * zoom;
  return {
    zoom,
    tx: about.x - (about.x - view.tx) * after / before,
    ty: about.y - (about.y - view.ty) * after / before
  };
}
function popoverPosition(anchor, popover, container) {
  const gap = 10;
  const left = clamp(anchor.x, 4, Math.max(4, container.width - popover.width - 4));
  const below = anchor.y + anchor.h + gap;
  if (below + popover.height <= container.height) return { left, top: below };
  const above = anchor.y - popover.height - gap;
  if (above >= 0) return { left, top: above };
  const top = clamp(anchor.y, 0, Math.max(0, container.height - popover.height));
  if (anchor.x + anchor.w + gap + popover.width <= container.width) return { left: anchor.x + anchor.w + gap, top };
  if (anchor.x - gap - popover.width >= 0) return { left: anchor.x - gap - popover.width, top };
  return { left, top: below };
}
var BADGE_HEIGHT = 18;
function badgeWidth(badge) {
  return 12 + 8 * [...badge].length;
}
function spreadBadges(badges) {
  const placed = [];
  for (const b of badges) {
    let top = b.top;
    for (let tries = 0; tries <= placed.length; tries++) {
      const hit = placed.find((p) => b.left < p.left + p.width && p.left < b.left + b.width && top < p.top + p.height && p.top < top + b.height);
      if (!hit) break;
      top = hit.top + hit.height + 1;
    }
    placed.push({ ...b, top });
  }
  return placed.map((p) => ({ left: p.left, top: p.top }));
}
function badgePosition(box, badge, stageWidth) {
  const width = badgeWidth(badge);
  let left = box.x + box.w + 3;
  let top = box.y + box.h / 2 - 9;
  if (left + width > stageWidth) left = box.x - width - 3;
  if (left < 0) {
    left = box.x + 2;
    top = box.y + 2;
  }
  return { left, top };
}
function labelPosition(box) {
  return { left: Math.max(0, box.x), top: box.y > 22 ? box.y - 21 : box.y + box.h + 2 };
}
function handles(r) {
  return [
    ["nw", r.x, r.y],
    ["ne", r.x + r.w, r.y],
    ["sw", r.x, r.y + r.h],
    ["se", r.x + r.w, r.y + r.h]
  ];
}

// src/feedback-panel.js
function feedbackItem(view, item, { show = true, badge = "" } = {}) {
  const li = h("li", { class: `ss-fb-item ss-st-${item.status}` });
  li.append(
    h(
      "div",
      { class: "ss-fb-head" },
      h("span", { class: "ss-fb-sign", "aria-hidden": "true", text: statusSign(item.status) }),
      badge ? h("span", { class: `ss-box-badge ss-inline ss-st-${item.status}`, title: "As marked on the picture", text: badge }) : null,
      h("span", { class: "ss-fb-label", text: item.label }),
      item.where ? h("span", { class: "ss-fb-where", text: item.where }) : null,
      show ? h("button", { type: "button", class: "ss-link", onclick: () => view.showLocation(item.location, item), text: "Show" }) : null
    )
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
var FeedbackPanel = class {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    this.el = h("section", { class: "ss-panel ss-feedback", "aria-label": "Feedback", "aria-live": "polite", hidden: true });
  }
  /**
   * Redraw from the feedback and the revealed key; hidden when there is neither.
   * @param {Feedback} fb
   * @param {Revealed} rv
   */
  refresh(fb, rv) {
    const parts = [];
    if (fb.items) parts.push(...this.feedbackParts(fb));
    if (rv.findings) parts.push(...this.revealParts(rv));
    this.el.hidden = !parts.length;
    this.el.replaceChildren(.../** @type {HTMLElement[]} */
    parts.filter(Boolean));
  }
  /**
   * @param {Feedback} fb
   * @returns {HTMLElement[]}
   */
  feedbackParts(fb) {
    const view = this.view;
    const parts = [];
    const pct = scorePercent(fb);
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
        h("div", { class: "ss-score-text" }, h("div", { class: "ss-headline", text: fb.headline || "" }), meter)
      ),
      h(
        "div",
        { class: "ss-counts" },
        COUNTED.map((s) => h("span", { class: `ss-count-chip ss-st-${s}` }, h("b", { text: String(counts[s] || 0) }), ` ${statusText(s)}`))
      )
    );
    if (fb.parts && fb.parts.length) {
      parts.push(
        h(
          "ul",
          { class: "ss-parts" },
          fb.parts.map((p) => h("li", {}, h("span", { class: "ss-part-name", text: p.label }), h("span", { class: "ss-part-score", text: p.text })))
        )
      );
    }
    const items = fb.items || [];
    const marks = view.marks();
    for (const group of feedbackGroups(items)) {
      parts.push(h("h4", { class: `ss-fb-title ss-st-${group.status}`, text: `${group.title} (${group.items.length})` }));
      parts.push(h("ul", { class: "ss-fb-list" }, group.items.map((item) => feedbackItem(view, item, { badge: badgeOf(item, items, marks) }))));
    }
    if (fb.consent) parts.push(consentFeedback(fb.consent));
    if (fb.decision) parts.push(decisionFeedback(fb.decision));
    return parts;
  }
  /**
   * @param {Revealed} rv
   * @returns {(HTMLElement | null)[]}
   */
  revealParts(rv) {
    const view = this.view;
    const findings = rv.findings || [];
    const parts = [h("h4", { class: "ss-fb-title ss-st-key", text: `The key (${findings.length} finding${findings.length === 1 ? "" : "s"})` })];
    if (findings.length) {
      parts.push(
        h(
          "ul",
          { class: "ss-fb-list" },
          findings.map((f) => feedbackItem(view, { ...f, status: "key", label: view.label(f.category) }))
        )
      );
    } else {
      parts.push(h("p", { text: "Nothing in this case identifies the patient." }));
    }
    if (rv.decoys && rv.decoys.length) {
      parts.push(h("h4", { class: "ss-fb-title", text: "Looks risky, but is not" }));
      parts.push(
        h(
          "ul",
          { class: "ss-fb-list" },
          rv.decoys.map(
            (d) => h("li", { class: "ss-fb-item" }, h("div", { class: "ss-fb-head" }, h("span", { class: "ss-fb-label", text: d.where || "" })), h("div", { class: "ss-fb-why", text: d.explanation }))
          )
        )
      );
    }
    parts.push(
      h("h4", { class: "ss-fb-title", text: "Consent gaps in the key" }),
      rv.consent_gaps && rv.consent_gaps.length ? h("ul", { class: "ss-plain-list" }, rv.consent_gaps.map((g) => h("li", { text: g }))) : h("p", { text: "None." }),
      h("h4", { class: "ss-fb-title", text: "Decision in the key" }),
      h("p", {}, h("b", { text: rv.decision?.label || "" })),
      rv.decision?.reason ? h("p", { class: "ss-fb-why", text: rv.decision.reason }) : null
    );
    return parts;
  }
};
function consentFeedback(c) {
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
          h("span", { class: "ss-fb-sign", "aria-hidden": "true", text: statusSign(g.status) }),
          h("span", { class: "ss-fb-label", text: g.label }),
          h("span", { class: "ss-fb-where", text: statusText(g.status) })
        ),
        g.explanation ? h("div", { class: "ss-fb-why", text: g.explanation }) : null
      )
    );
  }
  if (list.children.length) block.append(list);
  return block;
}
function decisionFeedback(d) {
  const ok = d.correct;
  return h(
    "div",
    { class: `ss-fb-block ss-decision-fb ss-st-${ok ? "found" : "missed"}` },
    h("h4", { class: "ss-fb-title", text: "Decision" }),
    h(
      "p",
      {},
      h("b", { text: ok ? "✓ Right: " : d.chosen_label ? "✗ Not quite: " : "✗ No decision yet: " }),
      d.chosen_label ? `you chose “${d.chosen_label}”; the key says “${d.expected_label}”.` : `the key says “${d.expected_label}”.`
    ),
    d.reason ? h("p", { class: "ss-fb-why", text: d.reason }) : null
  );
}

// src/editor.js
function categorySelect(data, value, ariaLabel) {
  const select = h("select", { class: "ss-category", "aria-label": ariaLabel });
  select.append(h("option", { value: "", text: "Choose what it is…" }));
  for (const group of data.category_groups) {
    const og = h("optgroup", { label: `${group.label} (${group.hint})` });
    for (const item of group.items) {
      og.append(h("option", { value: item.id, title: item.description, text: item.label }));
    }
    select.append(og);
  }
  select.value = value || "";
  return select;
}
function placePopover(pop, anchor, container) {
  if (!pop || pop.hidden || !anchor) return;
  const at = popoverPosition(
    anchor,
    { width: pop.offsetWidth, height: pop.offsetHeight },
    { width: container.clientWidth, height: container.clientHeight }
  );
  pop.style.left = `${at.left}px`;
  pop.style.top = `${at.top}px`;
}
function fillEditor(view, editor, pending, mark) {
  const location = (
    /** @type {MarkLocation} */
    pending ? pending.location : mark?.location
  );
  const where = view.describe(location, false);
  const select = categorySelect(view.data, mark ? mark.category : "", pending ? "What is the new mark?" : "What is this mark?");
  const number = mark ? view.marks().findIndex((m) => m.id === mark.id) + 1 : 0;
  const title = pending ? `New mark: ${where}` : `Mark ${number}: ${where}`;
  const buttons = pending ? [
    h("button", {
      type: "button",
      class: "ss-btn ss-btn-primary",
      onclick: () => view.commitPending(select.value) || select.focus(),
      text: "Add mark"
    }),
    h("button", { type: "button", class: "ss-btn", onclick: () => view.cancelPending(), text: "Cancel" })
  ] : [
    h("button", {
      type: "button",
      class: "ss-btn ss-btn-danger",
      onclick: () => {
        if (mark) view.removeMark(mark.id);
        view.announce("Mark removed.");
      },
      text: "Remove mark"
    }),
    h("button", { type: "button", class: "ss-btn", onclick: () => view.select(null), text: "Done" })
  ];
  select.addEventListener("change", () => {
    if (mark && select.value) view.updateMark(mark.id, { category: select.value });
  });
  select.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      if (pending) {
        if (!select.value) {
          view.announce("Choose a category first.");
          return;
        }
        const back = pending.location.type === "box" ? view.imagePanel?.stage : null;
        view.commitPending(select.value);
        back?.focus();
      } else {
        view.select(null);
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (pending) view.cancelPending();
      else view.select(null);
    }
  });
  const hint = pending ? h("span", { class: "ss-editor-hint", text: "Enter adds it, Esc cancels" }) : null;
  const quick = pending && view.recent.length ? h(
    "div",
    { class: "ss-quick", role: "group", "aria-label": "Recently used" },
    h("span", { class: "ss-quick-title", text: "Recently used:" }),
    view.recent.map(
      (id) => h("button", {
        type: "button",
        class: "ss-chip",
        onclick: () => {
          const back = pending.location.type === "box" ? view.imagePanel?.stage : null;
          view.commitPending(id);
          back?.focus({ preventScroll: true });
        },
        text: view.label(id)
      })
    )
  ) : null;
  const fb = mark && (view.feedback().items || []).find((i) => (i.mark_ids || []).includes(mark.id));
  const parts = [
    h("span", { class: "ss-editor-title", text: title }),
    h("label", { class: "ss-editor-field" }, h("span", { text: "What is it?" }), select),
    ...buttons,
    hint,
    quick,
    fb ? h("ul", { class: "ss-fb-list ss-editor-feedback" }, feedbackItem(view, fb, { show: false })) : null
  ];
  editor.replaceChildren(.../** @type {HTMLElement[]} */
  parts.filter(Boolean));
  if (pending) window.setTimeout(() => document.activeElement === document.body && select.focus(), 0);
}

// src/keymap.js
var KEY_STEP = 10;
var SNAPS = Object.freeze({ Home: "left", End: "right", PageUp: "top", PageDown: "bottom" });
var STAGE_KEYS = Object.freeze({
  " ": { kind: "hold-pan" },
  n: { kind: "new-box" },
  N: { kind: "new-box" },
  Enter: { kind: "choose" },
  Escape: { kind: "escape" },
  Delete: { kind: "remove" },
  Backspace: { kind: "remove" },
  "]": { kind: "cycle", forward: true },
  "[": { kind: "cycle", forward: false },
  "+": { kind: "zoom", factor: ZOOM_STEP },
  "=": { kind: "zoom", factor: ZOOM_STEP },
  "-": { kind: "zoom", factor: 1 / ZOOM_STEP },
  _: { kind: "zoom", factor: 1 / ZOOM_STEP },
  0: { kind: "fit" }
});
var ARROWS = Object.freeze({
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1]
});
function stageAction(event) {
  const arrow = Object.hasOwn(ARROWS, event.key) ? ARROWS[event.key] : null;
  if (arrow && (event.ctrlKey || event.metaKey) && !event.altKey) {
    return { kind: "jump", dx: arrow[0], dy: arrow[1], resize: Boolean(event.shiftKey) };
  }
  if (Object.hasOwn(SNAPS, event.key)) {
    return { kind: "snap", edge: (
      /** @type {"left" | "right" | "top" | "bottom"} */
      SNAPS[
        /** @type {keyof typeof SNAPS} */
        event.key
      ]
    ) };
  }
  if (arrow) {
    const step = event.altKey ? 1 : KEY_STEP;
    return { kind: "nudge", dx: arrow[0] * step, dy: arrow[1] * step, resize: Boolean(event.shiftKey) };
  }
  return Object.hasOwn(STAGE_KEYS, event.key) ? STAGE_KEYS[event.key] : null;
}
function cycleIndex(at, count, forward) {
  if (at < 0 && !forward) return count - 1;
  return forward ? (at + 1) % count : (at - 1 + count) % count;
}
var TEXT_NAVIGATION = Object.freeze([
  "ArrowLeft",
  "ArrowRight",
  "ArrowUp",
  "ArrowDown",
  "Home",
  "End",
  "PageUp",
  "PageDown",
  "Tab",
  "Shift",
  "Control",
  "Alt",
  "Meta"
]);
function postKeyAction(event) {
  const key = event.key;
  if (TEXT_NAVIGATION.includes(key)) return "pass";
  if ((event.ctrlKey || event.metaKey) && ["a", "c"].includes(key.toLowerCase())) return "pass";
  if (key === "m" || key === "M" || key === "Enter") return "mark";
  if (key === "Escape") return "cancel";
  return "block";
}
function keyedBox(box, action, image) {
  if (action.kind === "snap") return clipBox(snappedBox(box, action.edge, image), image);
  if (action.kind !== "nudge" && action.kind !== "jump") return null;
  const step = action.kind === "jump" ? jumpStep(image) : { x: 1, y: 1 };
  const dx = action.dx * step.x;
  const dy = action.dy * step.y;
  return clipBox(action.resize ? resizedBox(box, "se", dx, dy) : movedBox(box, dx, dy, image), image);
}

// src/overlay.js
function isBoxOn(location, asset) {
  return location.type === "box" && location.asset === asset;
}
function overlayBoxes(asset, state, editing) {
  const boxes = [];
  state.findings.forEach((f, i) => {
    if (isBoxOn(f.location, asset)) {
      const text = `In the key: ${state.label(f.category)}`;
      boxes.push({ box: f.location, status: "key", badge: `${statusSign("key")}${i + 1}`, text, ref: `key:${i}` });
    }
  });
  const letters = missedLetters(state.items);
  state.items.forEach((item, i) => {
    if (item.status === "missed" && isBoxOn(item.location, asset)) {
      const letter = letters.get(i);
      const badge = `${statusSign("missed")}${letter}`;
      boxes.push({ box: item.location, status: "missed", badge, text: `Missed ${letter}: ${item.label}`, ref: `fb:${i}` });
    }
  });
  const moved = editing.moved;
  state.marks.forEach((m, index) => {
    if (!isBoxOn(m.location, asset)) return;
    const box = moved && moved.id === m.id ? moved.box : m.location;
    const st = state.status.get(m.id) || "mine";
    const sign = statusSign(st);
    const how = st === "mine" ? "" : ` (${statusText(st).toLowerCase()})`;
    boxes.push({
      box,
      status: st,
      badge: `${sign}${index + 1}`,
      text: `${sign ? sign + " " : ""}${index + 1} · ${state.label(m.category)}${how}`,
      id: m.id,
      selected: m.id === editing.selected
    });
  });
  if (editing.pending && isBoxOn(editing.pending, asset)) {
    const box = moved && moved.pending ? moved.box : editing.pending;
    boxes.push({ box, status: "pending", text: "New mark: choose what it is", id: "pending", selected: true });
  }
  if (editing.drawing) {
    boxes.push({ box: rectBetween(editing.drawing.start, editing.drawing.current), status: "pending" });
  }
  return boxes;
}
function spanLayers(state, pending) {
  const layers = /* @__PURE__ */ new Map();
  const add = (loc, entry) => {
    if (loc.type !== "span") return;
    const span = (
      /** @type {SpanLocation} */
      loc
    );
    const list = layers.get(span.field) || [];
    layers.set(span.field, list);
    list.push({ start: span.start, end: span.end, ...entry });
  };
  state.findings.forEach((f, i) => add(f.location, { status: "key", ref: `key:${i}`, title: `In the key: ${state.label(f.category)}` }));
  state.items.forEach((item, i) => {
    if (item.status === "missed") add(item.location, { status: "missed", ref: `fb:${i}`, title: `Missed: ${item.label}` });
  });
  state.marks.forEach((m, i) => {
    const st = state.status.get(m.id) || "mine";
    add(m.location, { status: st, id: m.id, title: `${i + 1} · ${state.label(m.category)} (${statusText(st)})` });
  });
  if (pending && pending.type === "span") add(pending, { status: "pending", title: "New mark" });
  return layers;
}
function metaFlags(items, findings) {
  const missed = /* @__PURE__ */ new Map();
  for (const item of items) {
    if (item.status === "missed" && item.location.type === "meta") {
      const loc = (
        /** @type {MetaLocation} */
        item.location
      );
      missed.set(`${loc.asset}|${loc.tag}`, item.label);
    }
  }
  const keyed = /* @__PURE__ */ new Set();
  for (const f of findings) {
    if (f.location.type === "meta") {
      const loc = (
        /** @type {MetaLocation} */
        f.location
      );
      keyed.add(`${loc.asset}|${loc.tag}`);
    }
  }
  return { missed, keyed };
}

// src/image-panel.js
var ImagePanel = class {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    this.current = view.images[0]?.id || null;
    this.views = /* @__PURE__ */ new Map();
    this.tool = "draw";
    this.drag = null;
    this.spaceHeld = false;
    this.fit = 1;
    this.hintTimer = void 0;
    this.resizeObserver = null;
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
            text: img.label
          })
        );
      }
      this.tabs = tabs;
      this.panel.append(tabs);
    }
    const tool = (name, text, title) => h("button", {
      type: "button",
      class: "ss-tool",
      "data-tool": name,
      "aria-pressed": String(this.tool === name),
      title,
      onclick: () => this.setTool(name),
      text
    });
    const zoomButton = (text, label, fn) => h("button", { type: "button", class: "ss-zoom", "aria-label": label, title: label, onclick: fn, text });
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
      zoomButton("Fit", "Fit the whole image (key 0)", () => this.resetView())
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
        "aria-roledescription": "image marker"
      },
      this.img,
      this.overlay,
      this.boxLabels,
      this.zoomHint
    );
    this.editor = h("div", { class: "ss-editor ss-popover", hidden: true });
    this.explainCard = h("div", { class: "ss-explain ss-popover", hidden: true, "aria-live": "polite" });
    this.stageWrap = h("div", { class: "ss-stage-wrap" }, this.stage, this.editor, this.explainCard);
    this.caption = h("p", { class: "ss-caption" });
    const help = h(
      "p",
      { class: "ss-help" },
      "Drag on the image to draw a box around anything that could identify the patient, then choose what it is. ",
      h("span", { class: "ss-keys" }, "Keyboard: focus the image, N new box, arrows move (Ctrl+arrows: a sixteenth of the picture), Home End PgUp PgDn to an edge, Shift+arrows resize, Enter choose, [ ] next mark, Delete remove, + − 0 zoom.")
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
      b.setAttribute("aria-pressed", String(
        /** @type {HTMLElement} */
        b.dataset.tool === name
      ));
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
    const image = (
      /** @type {ImageInfo} */
      view.imageById.get(id)
    );
    this.img.src = image.src;
    this.img.width = image.width;
    this.img.height = image.height;
    this.stage.dataset.image = id;
    this.stage.setAttribute(
      "aria-label",
      `${image.label}, ${image.width} by ${image.height} pixels. Press N to add a box, Enter to choose what it is.`
    );
    this.caption.textContent = image.caption || "";
    this.caption.hidden = !image.caption;
    if (this.tabs) {
      for (const tab of this.tabs.children) {
        tab.setAttribute("aria-selected", String(
          /** @type {HTMLElement} */
          tab.dataset.image === id
        ));
      }
    }
    this.layoutStage();
    if (focus) this.stage.focus();
  }
  /** @returns {ImageView} the current image's view (made on first use) */
  imageView() {
    const id = (
      /** @type {string} */
      this.current
    );
    let v = this.views.get(id);
    if (!v) {
      v = { zoom: 1, tx: null, ty: null };
      this.views.set(id, v);
    }
    return v;
  }
  /** @returns {PlacedView} the current image's view once laid out */
  placed() {
    return (
      /** @type {PlacedView} */
      this.imageView()
    );
  }
  /** @returns {ImageInfo | undefined} */
  image() {
    return this.current ? this.view.imageById.get(this.current) : void 0;
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
    return clipBox(
      box,
      /** @type {ImageInfo} */
      this.view.imageById.get(box.asset)
    );
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
      { passive: false }
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
    const target = (
      /** @type {Element} */
      e.target
    );
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
      const box = view.editedBox();
      const owner = view.pending ? { pending: true } : { id: view.selected || void 0 };
      if (box) this.drag = { kind: "resize", handle, start: point, box, moved: false, ...owner };
      return;
    }
    if (markId === "pending" && view.pending) {
      const box = (
        /** @type {BoxLocation} */
        view.pending.location
      );
      this.drag = { kind: "move", start: point, box, moved: false, pending: true };
      return;
    }
    if (markId) {
      view.select(markId);
      const mark = view.marks().find((m) => m.id === markId);
      if (mark) this.drag = { kind: "move", start: point, box: (
        /** @type {BoxLocation} */
        mark.location
      ), moved: false, id: markId };
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
      const image = (
        /** @type {ImageInfo} */
        this.view.imageById.get(drag.box.asset)
      );
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
        view.startPending(this.clipBox({ asset: (
          /** @type {string} */
          this.current
        ), ...rect }));
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
    e.stopPropagation();
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
      view.moveLocally(
        /** @type {string} */
        view.selected,
        next
      );
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
        const image = (
          /** @type {ImageInfo} */
          this.image()
        );
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
        this.placeEdited(
          /** @type {BoxLocation} */
          keyedBox(
            box,
            action,
            /** @type {ImageInfo} */
            this.image()
          )
        );
        return true;
      }
      case "jump":
      case "nudge": {
        const box = view.editedBox();
        if (box && box.asset === this.current) {
          this.placeEdited(
            /** @type {BoxLocation} */
            keyedBox(
              box,
              action,
              /** @type {ImageInfo} */
              this.image()
            )
          );
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
        label: (c) => view.label(c)
      },
      {
        pending: view.pending ? view.pending.location : null,
        selected: view.selected,
        moved,
        drawing: drag && drag.kind === "draw" ? drag : null
      }
    );
    const stageWidth = this.stage.clientWidth;
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
        "data-item": item.ref
      });
      if (item.text) {
        const title = svg("title");
        title.textContent = item.text;
        rect.append(title);
      }
      overlay.append(rect);
      if (item.selected && item.text) {
        const tag = h("div", { class: `ss-box-label ss-st-${item.status}`, text: item.text });
        const at = labelPosition(r);
        tag.style.left = `${at.left}px`;
        tag.style.top = `${at.top}px`;
        labels.append(tag);
      } else if (item.badge) {
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
      const tag = (
        /** @type {HTMLElement} */
        child
      );
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
        placePopover(this.explainCard, this.toScreen(
          /** @type {BoxLocation} */
          anchor
        ), this.stageWrap);
      } else {
        placePopover(this.explainCard, { x: 8, y: 8, w: 0, h: 0 }, this.stageWrap);
      }
    }
  }
  destroy() {
    if (this.resizeObserver) this.resizeObserver.disconnect();
  }
};

// src/marks-panel.js
var MarksPanel = class {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    this.list = h("ol", { class: "ss-marks-list" });
    this.count = h("span", { class: "ss-count-badge" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-marks-panel", "aria-label": "Your marks" },
      h("h3", {}, "Your marks ", this.count),
      this.list
    );
  }
  refresh() {
    const view = this.view;
    const status = view.markStatus();
    const marks = view.marks();
    this.count.textContent = String(marks.length);
    if (!marks.length) {
      this.list.replaceChildren(h("li", { class: "ss-empty", text: "Nothing marked yet." }));
      return;
    }
    this.list.replaceChildren(
      ...marks.map((m, i) => {
        const st = status.get(m.id) || "mine";
        return h(
          "li",
          { class: `ss-mark-item ss-st-${st}${m.id === view.selected ? " ss-selected" : ""}`, "data-mark": m.id },
          h("span", { class: "ss-mark-num", text: String(i + 1) }),
          h("span", { class: "ss-mark-cat", text: view.label(m.category) }),
          h("span", { class: "ss-mark-where", title: view.describe(m.location), text: view.describe(m.location, false) }),
          st !== "mine" ? h("span", { class: "ss-mark-status", text: statusText(st) || void 0 }) : null,
          h("button", { type: "button", class: "ss-link", onclick: () => view.showMark(m), text: "Show" }),
          h("button", {
            type: "button",
            class: "ss-link ss-danger",
            "aria-label": `Remove mark ${i + 1}`,
            onclick: () => {
              view.removeMark(m.id);
              view.announce(`Removed mark ${i + 1}.`);
            },
            text: "Remove"
          })
        );
      })
    );
  }
};
var Actions = class {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    const graded = view.data.graded;
    this.checkButton = h("button", { type: "button", class: "ss-btn ss-btn-primary ss-check-btn", onclick: () => view.send("check"), text: "Check my answer" });
    this.revealButton = h("button", {
      type: "button",
      class: "ss-btn ss-reveal-btn",
      "aria-pressed": "false",
      onclick: () => view.send(this.revealButton.getAttribute("aria-pressed") === "true" ? "hide" : "reveal"),
      text: "Show the key"
    });
    this.resetButton = h("button", { type: "button", class: "ss-btn ss-reset-btn", onclick: () => this.askReset(), text: "Start again…" });
    this.confirmBox = h("div", { class: "ss-confirm", hidden: true, role: "alertdialog", "aria-label": "Confirm start again" });
    this.statusEl = h("span", { class: "ss-status", role: "status", "aria-live": "polite" });
    const bar = h("div", { class: "ss-actions" });
    if (!graded) bar.append(this.checkButton, this.revealButton);
    bar.append(this.resetButton, this.confirmBox, this.statusEl);
    this.panel = h("div", { class: "ss-actions-wrap" }, bar);
    if (graded) {
      this.panel.append(h("p", { class: "ss-note ss-graded-note", text: "This exercise is graded later: there is no Check here. Your marks are saved as you go." }));
    }
  }
  askReset() {
    const yes = h("button", {
      type: "button",
      class: "ss-btn ss-btn-danger",
      onclick: () => {
        this.confirmBox.hidden = true;
        this.view.clearLocal();
        this.view.send("reset");
        this.resetButton.focus();
      },
      text: "Yes, clear everything"
    });
    const no = h("button", {
      type: "button",
      class: "ss-btn",
      onclick: () => {
        this.confirmBox.hidden = true;
        this.resetButton.focus();
      },
      text: "Keep my marks"
    });
    this.confirmBox.replaceChildren(h("span", { text: "Clear all your marks, ticks and the decision?" }), yes, no);
    this.confirmBox.hidden = false;
    no.focus();
  }
  /** @param {boolean} shown whether the key is shown */
  showRevealed(shown) {
    this.revealButton.setAttribute("aria-pressed", String(shown));
    this.revealButton.textContent = shown ? "Hide the key" : "Show the key";
  }
  /**
   * @param {string} text
   * @param {string} kind info, error, ...
   */
  setStatus(text, kind) {
    this.statusEl.textContent = text;
    this.statusEl.className = `ss-status ss-status-${kind}`;
  }
};

// src/meta-panel.js
var MetaPanel = class {
  /**
   * @param {ExerciseView} view
   * @param {MetaTable[]} tables
   */
  constructor(view, tables) {
    this.view = view;
    this.pending = /* @__PURE__ */ new Set();
    this.rows = /* @__PURE__ */ new Map();
    const panel = h("section", { class: "ss-panel ss-meta-panel", "aria-label": "Hidden data in the files" });
    panel.append(
      h("h3", { text: "Hidden data in the files" }),
      h("p", { class: "ss-help", text: "The header travels with the file though nobody sees it. Tick each row that could identify the patient and choose what it is." })
    );
    for (const table of tables) {
      const tbody = h("tbody");
      for (const row of table.rows) {
        const key = `${table.asset}|${row.tag}`;
        const box = h("input", { type: "checkbox", "aria-label": `Mark ${row.label} as a risk` });
        const select = categorySelect(view.data, "", `What is ${row.label}?`);
        const tr = h(
          "tr",
          { "data-meta": key },
          h("td", { class: "ss-tick" }, box),
          h("td", { class: "ss-meta-label" }, h("span", { text: row.label }), h("code", { class: "ss-tag", text: row.tag })),
          h("td", { class: "ss-meta-value", text: row.value }),
          h("td", { class: "ss-meta-cat" }, select)
        );
        box.addEventListener("change", () => this.onTick(table.asset, row.tag, box, select));
        select.addEventListener("change", () => this.onCategory(table.asset, row.tag, box, select));
        select.addEventListener("keydown", (e) => e.stopPropagation());
        box.addEventListener("keydown", (e) => e.stopPropagation());
        this.rows.set(key, { tr, box, select, row });
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
            tbody
          )
        )
      );
    }
    this.panel = panel;
  }
  /**
   * The learner's mark on a header field, if any.
   * @param {string} asset
   * @param {string} tag
   * @returns {Mark | undefined}
   */
  markOf(asset, tag) {
    return this.view.marks().find((m) => m.location.type === "meta" && m.location.asset === asset && m.location.tag === tag);
  }
  /**
   * @param {string} asset
   * @param {string} tag
   * @param {HTMLInputElement} box
   * @param {HTMLSelectElement} select
   */
  onTick(asset, tag, box, select) {
    const view = this.view;
    const key = `${asset}|${tag}`;
    const mark = this.markOf(asset, tag);
    if (box.checked) {
      if (select.value) {
        view.addMark(select.value, { type: "meta", asset, tag });
      } else {
        this.pending.add(key);
        this.refresh();
        select.focus();
        view.announce("Now choose what it is.");
      }
    } else {
      this.pending.delete(key);
      if (mark) view.removeMark(mark.id);
      this.refresh();
    }
  }
  /**
   * @param {string} asset
   * @param {string} tag
   * @param {HTMLInputElement} box
   * @param {HTMLSelectElement} select
   */
  onCategory(asset, tag, box, select) {
    const view = this.view;
    const key = `${asset}|${tag}`;
    const mark = this.markOf(asset, tag);
    if (mark && select.value) {
      view.updateMark(mark.id, { category: select.value });
    } else if (!mark && select.value) {
      box.checked = true;
      this.pending.delete(key);
      view.addMark(select.value, { type: "meta", asset, tag });
    }
  }
  /** Redraw the ticks, categories and colours from the marks, feedback and key. */
  refresh() {
    const view = this.view;
    const status = view.markStatus();
    const { missed, keyed } = metaFlags(view.feedback().items || [], view.revealed().findings || []);
    for (const [key, entry] of this.rows) {
      const [asset, tag] = key.split("|");
      const mark = this.markOf(asset, tag);
      entry.box.checked = Boolean(mark) || this.pending.has(key);
      if (mark) {
        this.pending.delete(key);
        entry.select.value = mark.category;
      } else if (!this.pending.has(key)) {
        entry.select.value = "";
      }
      const st = metaRowStatus({
        markStatus: mark ? status.get(mark.id) || "" : null,
        pending: this.pending.has(key),
        missed: missed.has(key),
        keyed: keyed.has(key)
      });
      entry.tr.className = st ? `ss-st-${st}` : "";
      entry.tr.title = st === "missed" ? `Missed: ${missed.get(key)}` : st ? statusText(st) || "Choose what it is" : "";
    }
  }
};

// src/post-panel.js
var PostPanel = class {
  /**
   * @param {ExerciseView} view
   * @param {Post} post
   */
  constructor(view, post) {
    this.view = view;
    this.post = post;
    this.fieldEls = /* @__PURE__ */ new Map();
    const panel = h("section", { class: "ss-panel ss-post-panel", "aria-label": "The post" });
    panel.append(h("h3", { text: "The post and what surrounds it" }));
    panel.append(
      h(
        "p",
        { class: "ss-help" },
        "Select words that could identify the patient, then choose what they are. ",
        h("span", { class: "ss-keys" }, "Keyboard: Tab into a text, Shift+arrows to select, then M.")
      )
    );
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
        translate: "no"
      });
      el.textContent = text;
      this.fieldEls.set(name, el);
      return el;
    };
    const avatar = (profile2) => {
      const a = h("span", { class: "ss-avatar", "aria-hidden": "true", text: initials(profile2.display_name) });
      a.style.background = /^#[0-9a-fA-F]{3,8}$/.test(profile2.avatar_color || "") ? (
        /** @type {string} */
        profile2.avatar_color
      ) : "#7a4b8c";
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
            field(`thread.${i}.text`, "ss-text", "div")
          )
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
            author.verified ? h("span", { class: "ss-verified", title: "Verified account", "aria-label": "verified", text: "✔" }) : null
          ),
          h("div", { class: "ss-handle-line" }, field("author.handle", "ss-handle"))
        )
      ),
      field("text", "ss-text ss-main-text", "div")
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
              onclick: () => view.imagePanel?.showImage(id)
            },
            h("img", { src: image.src, alt: "" })
          )
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
        post.likes ? h("span", { class: "ss-count" }, " · ", h("b", { text: post.likes }), " Likes") : null
      )
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
                reply.posted_at ? h("span", { class: "ss-time ss-plain", text: ` · ${reply.posted_at}` }) : null
              ),
              field(`replies.${i}.text`, "ss-text", "div")
            )
          )
        );
      });
      postEl.append(replies);
    }
    const profile = h(
      "div",
      { class: "ss-profile", "aria-label": "The author's profile" },
      h("div", { class: "ss-profile-title", text: "The author's profile" })
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
      text: "Mark selected words (M)"
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
    const block = (e) => e.preventDefault();
    for (const name of ["beforeinput", "paste", "cut", "drop", "dragstart"]) panel.addEventListener(name, block);
    panel.addEventListener("keydown", (e) => {
      const target = (
        /** @type {Element} */
        e.target
      );
      if (!target.closest || !target.closest("[data-field]")) return;
      e.stopPropagation();
      const action = postKeyAction(e);
      if (action === "pass") return;
      e.preventDefault();
      if (action === "mark") this.markSelection();
      if (action === "cancel") view.cancelPending();
    });
    panel.addEventListener(
      "mouseup",
      () => window.setTimeout(() => {
        const sel = this.readSelection();
        if (sel && !("error" in sel)) this.markSelection();
      }, 0)
    );
    panel.addEventListener("click", (e) => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const target = (
        /** @type {Element} */
        e.target
      );
      const mark = target.closest && target.closest("mark[data-mark]");
      const ref = target.closest && target.closest("mark[data-item]");
      if (mark) view.select(mark.getAttribute("data-mark"));
      else if (ref) view.explainRef(
        /** @type {string} */
        ref.getAttribute("data-item"),
        "post"
      );
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
    const node = (n) => n.nodeType === Node.ELEMENT_NODE ? (
      /** @type {Element} */
      n
    ) : n.parentElement;
    const startField = node(range.startContainer)?.closest("[data-field]");
    const endField = node(range.endContainer)?.closest("[data-field]");
    if (!startField || !this.view.root.contains(startField)) return null;
    if (startField !== endField) return { error: "Select words within one part of the post at a time." };
    const offset = (container, off) => {
      const r = document.createRange();
      r.selectNodeContents(startField);
      r.setEnd(container, off);
      return r.toString().length;
    };
    const start = offset(range.startContainer, range.startOffset);
    const end = offset(range.endContainer, range.endOffset);
    const field = (
      /** @type {string} */
      startField.getAttribute("data-field")
    );
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
        label: (c) => view.label(c)
      },
      view.pending ? view.pending.location : null
    );
    for (const [name, el] of this.fieldEls) {
      const text = this.post.fields[name] || "";
      const spans = layers.get(name) || [];
      if (!spans.length) {
        if (el.childElementCount || el.textContent !== text) el.textContent = text;
        continue;
      }
      const parts = layerPieces(text, spans).map(
        ({ text: piece, layer: s }) => s ? h("mark", {
          class: `ss-hl ss-st-${s.status}${s.id && s.id === view.selected ? " ss-selected" : ""}`,
          "data-mark": s.id,
          "data-item": s.ref,
          title: s.title,
          text: piece
        }) : document.createTextNode(piece)
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
    const field = this.fieldEls.get(
      /** @type {SpanLocation} */
      loc.field
    );
    if (!field) return null;
    const panelRect = this.panel.getBoundingClientRect();
    const marks = [...field.querySelectorAll("mark")].filter((m) => m.classList.contains("ss-selected") || m.classList.contains("ss-st-pending"));
    const rects = (marks.length ? marks : [field]).flatMap((m) => [...m.getClientRects()]);
    if (!rects.length) return null;
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
    const editing = view.pending && view.pending.location.type === "span" ? view.pending.location : mark?.location;
    placePopover(this.editor, this.anchorFor(editing), this.panel);
    const ex = view.explained;
    if (ex && ex.panel === "post") placePopover(this.explainCard, this.anchorFor(ex.anchor), this.panel);
  }
};

// src/view.js
var MOVE_DELAY = 700;
var ExerciseView = class {
  /**
   * @param {Model} model
   * @param {HTMLElement} el
   */
  constructor(model, el) {
    this.model = model;
    this.el = el;
    this.data = model.get("_case");
    this.labels = /* @__PURE__ */ new Map();
    for (const group of this.data.category_groups) {
      for (const item of group.items) this.labels.set(item.id, item.label);
    }
    this.images = this.data.images;
    this.imageById = new Map(this.images.map((i) => [i.id, i]));
    this.pending = null;
    this.selected = null;
    this.localMoves = /* @__PURE__ */ new Map();
    this.moveTimer = void 0;
    this.cleanups = [];
    this.recent = [];
    this.explained = null;
    this.imagePanel = null;
    this.postPanel = null;
    this.metaPanel = null;
    this.root = h("div", {
      class: "ss-exercise",
      "data-lm-suppress-shortcuts": "true",
      "data-case": this.data.case_id
    });
    this.live = h("div", { class: "ss-sr-only", "aria-live": "polite", role: "status" });
    this.marksPanel = new MarksPanel(this);
    this.consentPanel = new ConsentPanel(this);
    this.decisionPanel = new DecisionPanel(this);
    this.actions = new Actions(this);
    this.feedbackPanel = new FeedbackPanel(this);
    this.build();
    this.refreshAll();
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
    return (this.model.get("marks") || []).map((m) => {
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
    this.setMarks(this.marks().map((m) => m.id === id ? { ...m, ...changes } : m));
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
    window.setTimeout(() => this.live.textContent = text, 30);
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
        fieldText: (field) => this.data.post?.fields?.[field] || ""
      },
      detail
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
          text: dots
        })
      ),
      h("p", { class: "ss-brief", text: d.brief }),
      d.objectives.length ? h(
        "details",
        { class: "ss-objectives" },
        h("summary", { text: "What this case teaches" }),
        h("ul", {}, d.objectives.map((o) => h("li", { text: o })))
      ) : null
    );
    this.root.append(this.live, header, legend());
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
        `New box at x ${location.x}, y ${location.y}, ${location.w} by ${location.h} pixels. Arrows move it (Ctrl+arrows further, Home End PgUp PgDn to an edge), Shift+arrows resize, Enter to choose what it is.`
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
    this.localMoves = /* @__PURE__ */ new Map();
    const marks = (this.model.get("marks") || []).map((m) => {
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
    for (const el2 of cards) {
      if (!el2) continue;
      el2.hidden = true;
      el2.replaceChildren();
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
      const asset = (
        /** @type {BoxLocation} */
        loc.asset
      );
      if (asset !== this.imagePanel?.current && this.imageById.has(asset)) this.imagePanel?.showImage(asset, { focus: false });
      this.imagePanel?.stage.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "span") {
      this.postPanel?.fieldEls.get(
        /** @type {SpanLocation} */
        loc.field
      )?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (loc.type === "meta") {
      const meta = (
        /** @type {MetaLocation} */
        loc
      );
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
    const ids = new Set((this.model.get("marks") || []).map((m) => m.id));
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
};
function legend() {
  return h(
    "div",
    { class: "ss-legend", role: "note", "aria-label": "Colour key" },
    h("span", { class: "ss-legend-title", text: "Colours:" }),
    LEGEND.map(
      (s) => h("span", { class: `ss-legend-item ss-st-${s}` }, h("span", { class: "ss-swatch", "aria-hidden": "true" }), statusText(s))
    )
  );
}
function newId() {
  return "m" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
}
function render({ model, el }) {
  const view = new ExerciseView(model, el);
  return () => view.destroy();
}
export {
  render
};
export default { render };
