// safeshare author mode: an educator turns an image of their own into a case.
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

// src/author/marks.js
var ASSET = "image";
var MARK_STATES = Object.freeze({
  proposed: { text: "Proposed: review it", sign: "?" },
  accepted: { text: "In the key", sign: "✓" },
  fill: { text: "Filled with a fictional value", sign: "✎" },
  not_identifying: { text: "Not identifying", sign: "–" },
  removed: { text: "Blanked out", sign: "■" }
});
var ORIGINS = Object.freeze({
  checker: "found by the checker",
  ocr: "text read in the image",
  face: "a face the checker found",
  educator: "drawn by you",
  renderer: "from the shipped case's key"
});
function markState(mark) {
  if (mark.fill && mark.status === "accepted") return "fill";
  return Object.hasOwn(MARK_STATES, mark.status) ? mark.status : "proposed";
}
function stateText(mark, taxonomy) {
  const state = markState(mark);
  const kind = mark.fill ? fillKind(taxonomy, mark.fill) : void 0;
  const what = kind ? `a fictional ${kind.label}` : mark.fill;
  if (state === "fill") return `Filled with ${what}`;
  if (state === "proposed" && mark.fill) return `${MARK_STATES.proposed.text} (accept to fill it with ${what})`;
  return MARK_STATES[state].text;
}
function categoryOf(taxonomy, id) {
  for (const group of taxonomy.category_groups) {
    const found = group.items.find((c) => c.id === id);
    if (found) return found;
  }
  return void 0;
}
function fillKind(taxonomy, id) {
  return taxonomy.fill_kinds.find((k) => k.id === id);
}
function defaultsFor(taxonomy, category) {
  const c = categoryOf(taxonomy, category);
  if (!c) return { severity: "medium", explanation: "", guidance: [] };
  return { severity: c.severity, explanation: c.description, guidance: [...c.guidance] };
}
function newMark(id, category, box, taxonomy) {
  return {
    id,
    box: [box.x, box.y, box.w, box.h],
    category,
    ...defaultsFor(taxonomy, category),
    origin: "educator",
    text: "",
    status: "accepted",
    fill: null
  };
}
function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}
function withCategory(mark, category, taxonomy) {
  const before = defaultsFor(taxonomy, mark.category);
  const after = defaultsFor(taxonomy, category);
  const next = { ...mark, category };
  if (!mark.explanation.trim() || mark.explanation === before.explanation) next.explanation = after.explanation;
  if (!mark.guidance.length || sameSet(mark.guidance, before.guidance)) next.guidance = after.guidance;
  if (!mark.severity || mark.severity === before.severity) next.severity = after.severity;
  return next;
}
function accepted(mark, taxonomy) {
  if (!categoryOf(taxonomy, mark.category)) return "Choose what it is first (the category), then accept it.";
  const filled2 = { ...mark, status: "accepted" };
  if (!filled2.explanation.trim()) Object.assign(filled2, defaultsFor(taxonomy, mark.category));
  return filled2;
}
function filled(mark, kind, taxonomy) {
  if (!kind) return { ...mark, fill: null };
  const info = fillKind(taxonomy, kind);
  let next = { ...mark, fill: kind, status: "accepted" };
  if (info && !categoryOf(taxonomy, mark.category)) next = withCategory(next, info.category, taxonomy);
  return next;
}
function withStatus(mark, status) {
  return { ...mark, status, fill: status === "accepted" || status === "proposed" ? mark.fill : null };
}
function withoutMark(draft, id) {
  const marks = [];
  for (const m of draft.marks) {
    if (m.id !== id) marks.push(m);
    else if (m.origin !== "educator") marks.push(withStatus(m, "removed"));
  }
  return { ...draft, marks };
}
function withMark(draft, mark) {
  const at = draft.marks.findIndex((m) => m.id === mark.id);
  const marks = [...draft.marks];
  if (at < 0) marks.push(mark);
  else marks[at] = mark;
  return { ...draft, marks };
}
function boxLocation(mark) {
  const [x, y, w, h2] = mark.box;
  return { type: "box", asset: ASSET, x, y, w, h: h2 };
}
function stateCounts(marks) {
  const counts = { proposed: 0, accepted: 0, fill: 0, not_identifying: 0, removed: 0 };
  for (const m of marks) counts[markState(m)] += 1;
  return counts;
}
function saveBlockers(report, draft) {
  const reasons = [...report.problems || [], ...report.unaccounted || []];
  if (draft && !String(draft.title || "").trim()) reasons.push("The case needs a title (under “The case”).");
  if (report.ok === void 0 && !reasons.length) return ["The privacy guard has not checked this draft yet."];
  if (report.ok === false && !reasons.length) return ["The privacy guard did not pass this draft."];
  return reasons;
}
function freshId(marks) {
  const used = new Set(marks.map((m) => m.id));
  let n = marks.length + 1;
  while (used.has(`e${n}`)) n += 1;
  return `e${n}`;
}

// src/author/guard-panel.js
var GuardPanel = class {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.summary = h("p", { class: "ss-author-guard-summary", role: "status", "aria-live": "polite" });
    this.headline = h("p", { class: "ss-author-guard-headline" });
    this.reasons = h("ul", { class: "ss-author-guard-reasons", id: "ss-author-guard-reasons" });
    this.saveButton = h("button", {
      type: "button",
      class: "ss-btn ss-btn-primary ss-author-save",
      "aria-describedby": "ss-author-guard-reasons",
      onclick: () => view.send("save"),
      text: "Save the case"
    });
    this.status = h("span", { class: "ss-status", role: "status", "aria-live": "polite" });
    this.accounted = h("ul", { class: "ss-author-guard-accounted" });
    this.accountedCount = h("span");
    this.unchecked = h("ul", { class: "ss-author-guard-unchecked" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-guard", "aria-label": "Privacy guard and Save" },
      h("h3", { text: "Privacy guard" }),
      this.headline,
      this.reasons,
      h("div", { class: "ss-actions" }, this.saveButton, this.status),
      h("details", { class: "ss-author-guard-more" }, h("summary", {}, "Accounted for ", this.accountedCount), this.accounted),
      h("details", { class: "ss-author-guard-more" }, h("summary", { text: "What the checker cannot guarantee" }), this.unchecked)
    );
    this.checking = false;
  }
  /** @returns {GuardReport} */
  report() {
    return this.view.model.get("guard") || {};
  }
  /** The draft changed on the page: the report shown is for the draft before. */
  pending() {
    this.checking = true;
    this.saveButton.disabled = true;
    this.headline.textContent = "Checking the draft…";
  }
  refresh() {
    this.checking = false;
    const report = this.report();
    const blockers = saveBlockers(report, this.view.draft);
    const ok = report.ok === true && !blockers.length;
    const accounted = report.accounted || [];
    this.accountedCount.textContent = `(${accounted.length})`;
    this.accounted.replaceChildren(...accounted.map((text) => h("li", { text })));
    const unchecked = report.unchecked || [];
    this.unchecked.replaceChildren(...(unchecked.length ? unchecked : ["Nothing noted."]).map((text) => h("li", { text })));
    this.panel.classList.toggle("ss-guard-ok", ok);
    this.panel.classList.toggle("ss-guard-blocked", !ok);
    this.headline.textContent = ok ? "✓ Every identifier is accounted for: the case can be saved." : `✗ Save is blocked until every identifier is accounted for (${blockers.length} to go):`;
    this.reasons.replaceChildren(...blockers.map((text) => h("li", { text })));
    this.reasons.hidden = ok;
    this.saveButton.disabled = !ok || Boolean(this.view.model.get("busy"));
    const counts = stateCounts(this.view.draft.marks);
    this.summary.textContent = ok ? `Privacy guard: ✓ ready to save. ${counts.accepted + counts.fill} in the key, ${counts.fill} filled, ${counts.removed} blanked out, ${counts.not_identifying} not identifying.` : `Privacy guard: ✗ ${blockers.length} thing${blockers.length === 1 ? "" : "s"} to account for before saving; ${counts.proposed} proposed mark${counts.proposed === 1 ? "" : "s"} to review.`;
    this.summary.className = `ss-author-guard-summary ${ok ? "ss-guard-ok" : "ss-guard-blocked"}`;
    this.refreshStatus();
  }
  refreshStatus() {
    const status = this.view.model.get("status") || {};
    const busy = this.view.model.get("busy") || "";
    this.status.textContent = busy ? `${busy}…` : status.text || "";
    this.status.className = `ss-status ss-status-${busy ? "info" : status.kind || "info"}`;
    const report = this.report();
    this.saveButton.disabled = this.checking || Boolean(busy) || !(report.ok === true && !saveBlockers(report, this.view.draft).length);
    this.view.marksList.proposeButton.disabled = Boolean(busy);
  }
};

// src/author/mark-panel.js
var MarkPanel = class {
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
      this.body
    );
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
        h("p", { class: "ss-empty", text: "Click a box on the image (or press ] on it) to review it here, or draw a new one." })
      );
      return;
    }
    this.shown = mark.id;
    this.body.replaceChildren(.../** @type {HTMLElement[]} */
    this.fields(mark).filter(Boolean));
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
    const reviewButton = (text, status, cls, hint) => h("button", {
      type: "button",
      class: `ss-btn ${cls}`,
      title: hint,
      "aria-pressed": String(mark.status === status),
      onclick: () => view.review(mark.id, status),
      text
    });
    const buttons = h(
      "div",
      { class: "ss-author-review", role: "group", "aria-label": `Review mark ${n}` },
      reviewButton("✓ Accept into the key", "accepted", "ss-btn-primary", "Learners must find it (key A)"),
      reviewButton("– Not identifying", "not_identifying", "", "You confirm it identifies nobody (key I)"),
      reviewButton("■ Blank it out", "removed", "", "Painted over in the saved image (key B)"),
      mark.origin === "educator" ? h("button", { type: "button", class: "ss-btn ss-btn-danger", onclick: () => view.removeMark(mark.id), text: "Delete this box" }) : null
    );
    const reads = mark.text ? h("p", { class: "ss-author-reads" }, "Reads: ", h("q", { text: mark.text })) : null;
    const [x, y, w, hh] = mark.box;
    return [
      h(
        "p",
        { class: `ss-author-mark-title ss-st-${state}` },
        h("span", { class: "ss-box-badge ss-inline", text: `${MARK_STATES[state].sign}${n}` }),
        ` Mark ${n}, ${ORIGINS[mark.origin] || mark.origin}: `,
        h("strong", { class: "ss-author-state", text: view.stateText(mark) })
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
      this.guidance(mark)
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
      mark.guidance.map(
        (gid) => h(
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
            text: "Remove"
          })
        )
      )
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
      add
    );
  }
};
var MarksList = class {
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
      title: "Run the checker on the image: text it reads, faces and metadata become proposed marks"
    });
    this.panel = h(
      "section",
      { class: "ss-panel ss-marks-panel", "aria-label": "Marks" },
      h("h3", {}, "Marks ", this.count),
      this.summary,
      this.list,
      this.proposeButton
    );
  }
  refresh() {
    const view = this.view;
    const marks = view.draft.marks;
    this.count.textContent = String(marks.length);
    const toReview = marks.filter((m) => markState(m) === "proposed").length;
    this.summary.textContent = toReview ? `${toReview} proposed mark${toReview === 1 ? "" : "s"} still to review.` : marks.length ? "Every mark is reviewed." : "No marks yet: propose them, or draw boxes on the image.";
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
            text: "Review"
          })
        );
      })
    );
  }
};

// src/author/consent.js
function consentValue(record, field) {
  const given = record ? record[field.id] : void 0;
  const value = given === void 0 || given === null ? field.default : given;
  if (field.kind === "choices" || field.kind === "lines") return Array.isArray(value) ? value.map(String) : [];
  if (field.kind === "flag") return Boolean(value);
  if (value === void 0 || value === null) return field.kind === "choice" ? field.options?.[0]?.id ?? "" : "";
  return String(value);
}
function withConsent(record, field, value) {
  let next = value;
  if (field.kind === "lines") {
    next = String(value).split("\n").map((line) => line.trim()).filter(Boolean);
  } else if (field.kind === "flag") {
    next = Boolean(value);
  } else if (field.kind === "choices") {
    next = Array.isArray(value) ? value.map(String) : [];
  } else {
    next = String(value ?? "");
  }
  return { ...record || {}, [field.id]: next };
}

// src/author/forms.js
function choice(options, value, attrs, empty) {
  const select = h("select", { class: "ss-category", ...attrs });
  if (empty !== void 0) select.append(h("option", { value: "", text: empty }));
  for (const o of options) select.append(h("option", { value: o.id, title: o.description || "", text: o.label }));
  select.value = value;
  return select;
}
function linesOf(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean);
}
var DetailsForm = class {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.titleInput = h("input", { type: "text", class: "ss-author-input", id: "ss-author-title" });
    this.titleInput.addEventListener("input", () => this.save({ title: this.titleInput.value }));
    this.modality = choice(view.taxonomy.modalities, view.draft.modality, { id: "ss-author-modality" });
    this.modality.addEventListener("change", () => this.save({ modality: this.modality.value }));
    this.caseId = h("span", { class: "ss-case-id" });
    this.brief = h("textarea", { class: "ss-author-text", rows: "3", id: "ss-author-brief" });
    this.brief.addEventListener("input", () => this.save({ brief: this.brief.value }));
    this.objectives = h("textarea", { class: "ss-author-text", rows: "3", id: "ss-author-objectives" });
    this.objectives.addEventListener("input", () => this.save({ objectives: linesOf(this.objectives.value) }));
    const levels = [1, 2, 3].map((n) => ({ id: String(n), label: ["Introductory", "Intermediate", "Hard"][n - 1] }));
    this.difficulty = choice(levels, String(view.draft.difficulty || 1), { id: "ss-author-difficulty" });
    this.difficulty.addEventListener("change", () => this.save({ difficulty: Number(this.difficulty.value) }));
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-details", "aria-label": "The case" },
      h("h3", { text: "The case" }),
      h("p", { class: "ss-note" }, "Case ", this.caseId),
      h("label", { class: "ss-author-field ss-author-wide", for: "ss-author-title" }, h("span", { text: "Title" })),
      this.titleInput,
      h("label", { class: "ss-author-field", for: "ss-author-modality" }, h("span", { text: "Kind of image" }), this.modality),
      h("label", { class: "ss-author-field", for: "ss-author-difficulty" }, h("span", { text: "Difficulty" }), this.difficulty),
      h("label", { class: "ss-author-label", for: "ss-author-brief", text: "The brief learners read first" }),
      this.brief,
      h("label", { class: "ss-author-label", for: "ss-author-objectives", text: "What the case teaches (one a line)" }),
      this.objectives
    );
    this.refresh();
  }
  /** @param {Partial<Draft>} changes */
  save(changes) {
    this.view.change({ ...this.view.draft, ...changes }, "details");
  }
  refresh() {
    const d = this.view.draft;
    this.caseId.textContent = d.case_id;
    if (this.titleInput.value !== d.title) this.titleInput.value = d.title;
    this.modality.value = d.modality;
    this.difficulty.value = String(d.difficulty || 1);
    if (this.brief.value !== (d.brief || "")) this.brief.value = d.brief || "";
    if (linesOf(this.objectives.value).join("\n") !== (d.objectives || []).join("\n")) this.objectives.value = (d.objectives || []).join("\n");
  }
};
var MetadataTable = class {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.body = h("tbody");
    this.note = h("p", { class: "ss-note" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-meta", "aria-label": "Hidden data in the file" },
      h("h3", { text: "Hidden data in the file" }),
      this.note,
      h(
        "table",
        { class: "ss-meta-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Field" }), h("th", { scope: "col", text: "Value" }), h("th", { scope: "col", text: "In the saved case" }))),
        this.body
      )
    );
  }
  refresh() {
    const view = this.view;
    const fields = view.draft.metadata_fields || [];
    this.note.textContent = fields.length ? "Identifying fields found in the file's header. They are stripped from the saved image unless the case is about them and the values are fictional." : "No identifying header fields in this file.";
    this.body.replaceChildren(
      ...fields.map((field, i) => {
        const label = field.category ? `${field.tag} (${view.label(field.category)})` : field.tag;
        const status = choice(view.taxonomy.metadata_statuses, field.status, { "aria-label": `${label}: in the saved case` });
        status.addEventListener("change", () => {
          const current = view.draft.metadata_fields;
          const next = current.map((f, j) => j === i ? { ...f, status: status.value } : f);
          view.change({ ...view.draft, metadata_fields: next }, "metadata");
        });
        return h(
          "tr",
          { "data-tag": field.tag },
          h("th", { scope: "row", text: label }),
          h("td", { class: "ss-meta-value", text: field.value }),
          h("td", {}, status)
        );
      })
    );
  }
};
var ConsentForm = class {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.form = h("div", { class: "ss-author-consent" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-consent-panel", "aria-label": "The consent record" },
      h("h3", { text: "The consent record" }),
      h("p", { class: "ss-note", text: "What the notes show about the patient's consent: learners read it to find the gaps." }),
      this.form
    );
    this.shown = "";
    this.build();
  }
  build() {
    const view = this.view;
    this.shown = JSON.stringify(view.draft.consent || {});
    const parts = view.taxonomy.consent_fields.map((field) => this.control(field));
    this.form.replaceChildren(...parts);
  }
  /**
   * @param {ConsentField} field
   * @returns {HTMLElement}
   */
  control(field) {
    const view = this.view;
    const id = `ss-author-consent-${field.id}`;
    const save = (value2) => {
      view.change({ ...view.draft, consent: withConsent(view.draft.consent, field, value2) }, "consent");
      this.shown = JSON.stringify(view.draft.consent);
    };
    const value = consentValue(view.draft.consent, field);
    if (field.kind === "choice") {
      const select = choice(field.options || [], String(value), { id });
      select.addEventListener("change", () => save(select.value));
      return h("label", { class: "ss-author-field", for: id }, h("span", { text: field.label }), select);
    }
    if (field.kind === "flag") {
      const box = h("input", { type: "checkbox", id });
      box.checked = Boolean(value);
      box.addEventListener("change", () => save(box.checked));
      return h("label", { class: "ss-author-check", for: id }, box, h("span", { text: field.label }));
    }
    if (field.kind === "choices") {
      const chosen = (
        /** @type {string[]} */
        value
      );
      return h(
        "fieldset",
        { class: "ss-author-choices" },
        h("legend", { text: field.label }),
        (field.options || []).map((o) => {
          const box = h("input", { type: "checkbox", value: o.id, id: `${id}-${o.id}` });
          box.checked = chosen.includes(o.id);
          box.addEventListener("change", () => {
            const boxes = (
              /** @type {NodeListOf<HTMLInputElement>} */
              box.closest("fieldset")?.querySelectorAll("input") || []
            );
            save([...boxes].filter((b) => b.checked).map((b) => b.value));
          });
          return h("label", { class: "ss-author-check", for: `${id}-${o.id}` }, box, h("span", { text: o.label }));
        })
      );
    }
    const multi = field.kind === "lines";
    const input = multi ? h("textarea", { class: "ss-author-text", rows: "2", id }) : h("input", { type: "text", class: "ss-author-input", id });
    input.value = multi ? (
      /** @type {string[]} */
      value.join("\n")
    ) : String(value);
    input.addEventListener("input", () => save(input.value));
    return h(
      "div",
      { class: "ss-author-wide" },
      h("label", { class: "ss-author-label", for: id, text: field.hint ? `${field.label} (${field.hint})` : field.label }),
      input
    );
  }
  refresh() {
    const now = JSON.stringify(this.view.draft.consent || {});
    if (now === this.shown) return;
    this.build();
  }
};
var DecisionForm = class {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.select = choice(view.taxonomy.decisions, view.draft.decision, { id: "ss-author-decision", class: "ss-category ss-author-wide-select" }, "Choose the decision…");
    this.select.addEventListener("change", () => this.save());
    this.reason = h("textarea", { class: "ss-author-text", rows: "4", id: "ss-author-reason" });
    this.reason.addEventListener("input", () => this.save());
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-decision", "aria-label": "The decision" },
      h("h3", { text: "The decision" }),
      h("label", { class: "ss-author-label", for: "ss-author-decision", text: "What should happen to the post" }),
      this.select,
      h("label", { class: "ss-author-label", for: "ss-author-reason", text: "Why (learners read this after they decide)" }),
      this.reason
    );
    this.refresh();
  }
  save() {
    this.view.change({ ...this.view.draft, decision: this.select.value, decision_reason: this.reason.value }, "decision");
  }
  refresh() {
    const d = this.view.draft;
    this.select.value = d.decision || "";
    if (this.reason.value !== d.decision_reason) this.reason.value = d.decision_reason || "";
  }
};

// src/author/post-markup.js
var MARKER = /\[\[([\s\S]*?)\]\]/g;
function parsePost(text) {
  const marks = [];
  let plain = "";
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const at = (
      /** @type {number} */
      match.index
    );
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
      alt: parts.slice(3).join("|")
    });
    plain += words;
    last = at + match[0].length;
  }
  const tail = text.slice(last);
  if (tail.includes("[[") || tail.includes("]]")) return unreadable(text);
  return { plain: plain + tail, marks, problem: "" };
}
function unreadable(text) {
  return {
    plain: text,
    marks: [],
    problem: "The post has an unclosed [[ or a stray ]]: its marks are shown as typed. Close each [[ with ]]."
  };
}
function serializePost(plain, marks) {
  let out = "";
  let last = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < last) continue;
    out += plain.slice(last, m.start);
    const parts = [plain.slice(m.start, m.end), m.label];
    if (m.chance || m.alt) parts.push(m.chance);
    if (m.alt) parts.push(m.alt);
    out += `[[${parts.join("|")}]]`;
    last = m.end;
  }
  return out + plain.slice(last);
}
function markProblem(plain, start, end, marks) {
  const words = plain.slice(start, end);
  if (!words.trim()) return "Select the words to mark first.";
  if (/\||\[\[|\]\]/.test(words)) return "Words with | or [[ ]] in them cannot be marked: change them first.";
  if (marks.some((m) => m.start < end && start < m.end)) return "These words overlap a mark already there: remove it first.";
  return "";
}
function trimmedRange(plain, start, end) {
  while (start < end && /\s/.test(plain[start])) start += 1;
  while (end > start && /\s/.test(plain[end - 1])) end -= 1;
  return { start, end };
}
function followEdit(before, after, marks) {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) {
    suffix += 1;
  }
  const oldEnd = before.length - suffix;
  const delta = after.length - before.length;
  const kept = [];
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

// src/author/post-editor.js
var PostEditor = class {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    const parsed = parsePost(view.draft.post || "");
    this.plain = parsed.plain;
    this.marks = parsed.marks;
    this.text = h("textarea", {
      class: "ss-author-text ss-author-post-text",
      rows: "5",
      id: "ss-author-post",
      "aria-describedby": "ss-author-post-help"
    });
    this.text.addEventListener("input", () => this.onInput());
    this.text.addEventListener("keydown", (e) => {
      e.stopPropagation();
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
        "Select words that identify the patient, choose what they are, then Mark the words (or Ctrl+M)."
      ),
      h(
        "div",
        { class: "ss-author-row" },
        this.category,
        h("button", { type: "button", class: "ss-btn", onclick: () => this.markSelection(), text: "Mark the words" })
      ),
      this.problem,
      h("span", { class: "ss-author-label", text: "Marked words" }),
      this.preview,
      this.list
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
    const parts = [];
    let last = 0;
    const sorted = [...this.marks].sort((a, b) => a.start - b.start);
    for (const m of sorted) {
      parts.push(this.plain.slice(last, m.start));
      parts.push(h("mark", { class: "ss-author-word", title: this.markLabel(m), text: this.plain.slice(m.start, m.end) }));
      last = m.end;
    }
    parts.push(this.plain.slice(last));
    this.preview.replaceChildren(...this.plain ? parts : [h("span", { class: "ss-empty", text: "No post yet." })]);
    this.list.replaceChildren(
      ...sorted.map(
        (m) => h(
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
            text: "Unmark"
          })
        )
      )
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
};

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

// src/author/stage.js
var REVIEW_KEYS = Object.freeze({ a: "accepted", i: "not_identifying", b: "removed" });
var AuthorImagePanel = class extends ImagePanel {
  /** @param {AuthorView} author */
  constructor(author) {
    super(
      /** @type {any} */
      author
    );
    this.author = author;
    const help = this.panel.querySelector(".ss-help");
    help?.firstChild?.replaceWith(
      "Drag on the image to draw a box around anything that identifies the patient, or click a proposed box to review it. "
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
    this.author.review(this.author.selected, REVIEW_KEYS[
      /** @type {"a" | "i" | "b"} */
      key
    ]);
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
      const tag = (
        /** @type {HTMLElement} */
        child
      );
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
      "data-mark": item.id
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
    const { x, y, w, h: height } = (
      /** @type {Rect} */
      pending.location
    );
    this.editor.replaceChildren(
      h("span", { class: "ss-editor-title", text: `New mark: ${w} by ${height} pixels at x ${x}, y ${y}` }),
      h("label", { class: "ss-editor-field" }, h("span", { text: "What is it?" }), select),
      h("button", { type: "button", class: "ss-btn ss-btn-primary", onclick: add, text: "Add mark" }),
      h("button", { type: "button", class: "ss-btn", onclick: () => author.cancelPending(), text: "Cancel" }),
      h("span", { class: "ss-editor-hint", text: "Enter adds it, Esc cancels" })
    );
    this.editor.hidden = false;
    this.placePopovers();
    window.setTimeout(() => document.activeElement === document.body && select.focus(), 0);
  }
  placePopovers() {
    const pending = this.author.pending;
    if (pending) placePopover(this.editor, this.toScreen(pending.location), this.stageWrap);
  }
};

// src/author/view.js
var SEND_DELAY = 500;
var AuthorView = class {
  /**
   * @param {AuthorModel} model
   * @param {HTMLElement} el
   */
  constructor(model, el) {
    this.model = model;
    this.el = el;
    this.taxonomy = model.get("_taxonomy");
    this.image = model.get("_image");
    this.draft = model.get("draft");
    this.labels = /* @__PURE__ */ new Map();
    for (const group of this.taxonomy.category_groups) {
      for (const item of group.items) this.labels.set(item.id, item.label);
    }
    this.images = [
      { id: ASSET, type: "authored", caption: "", width: this.image.width, height: this.image.height, markable: true, src: this.image.src, label: this.image.label }
    ];
    this.imageById = new Map(this.images.map((i) => [i.id, i]));
    this.pending = null;
    this.selected = null;
    this.localMoves = /* @__PURE__ */ new Map();
    this.explained = null;
    this.sendTimer = void 0;
    this.moveTimer = void 0;
    this.title = null;
    this.lastSent = JSON.stringify(this.draft);
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
    this.parts = {
      marks: this.marksList,
      mark: this.markPanel,
      metadata: this.metadata,
      post: this.post,
      details: this.details,
      consent: this.consent,
      decision: this.decision
    };
    this.build();
    this.imagePanel.start();
    this.refreshAll();
    this.guard.refresh();
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
        text: "Review each proposed mark (accept it, correct its box, fill it with a fictional value, blank it out or confirm it is not identifying), draw what the checker missed, write the post, the consent record and the decision, then save. The privacy guard keeps Save off until every identifier is accounted for."
      }),
      this.guard.summary
    );
    const left = h("div", { class: "ss-col" }, this.imagePanel.panel, this.marksList.panel);
    const right = h("div", { class: "ss-col" }, this.markPanel.panel, this.metadata.panel);
    this.root.append(
      this.live,
      header,
      h("div", { class: "ss-work" }, left, right),
      this.post.panel,
      h("div", { class: "ss-author-forms" }, this.details.panel, this.consent.panel, this.decision.panel),
      this.guard.panel
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
  explain(_item) {
  }
  /** @param {string} _ref */
  explainRef(_ref) {
  }
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
      this.guard.refresh();
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
    window.setTimeout(() => this.live.textContent = text, 30);
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
};
function render({ model, el }) {
  const view = new AuthorView(model, el);
  return () => view.destroy();
}
export {
  render
};
export default { render };
