// @ts-check
// The forms under the picture: the case's details, the file's hidden data, the consent
// record and the decision. Each writes its part of the draft as the educator types; a
// refresh redraws it only when the draft changed from elsewhere (the kernel).

import { h } from "../dom.js";
import { consentValue, withConsent } from "./consent.js";

/**
 * @import { AuthorView } from "./view.js"
 * @import { ConsentField, Draft, MetadataField } from "./types.js"
 */

/**
 * A select of options, `value` chosen.
 * @param {{id: string, label: string, description?: string}[]} options
 * @param {string} value
 * @param {Record<string, unknown>} attrs
 * @param {string} [empty] the label of a first, empty option
 * @returns {HTMLSelectElement}
 */
function choice(options, value, attrs, empty) {
  const select = h("select", { class: "ss-category", ...attrs });
  if (empty !== undefined) select.append(h("option", { value: "", text: empty }));
  for (const o of options) select.append(h("option", { value: o.id, title: o.description || "", text: o.label }));
  select.value = value;
  return select;
}

/**
 * @param {string} text
 * @returns {string[]} its lines, trimmed, without the empty ones
 */
export function linesOf(text) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export class DetailsForm {
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
      this.objectives,
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
}

export class MetadataTable {
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
        this.body,
      ),
    );
  }

  refresh() {
    const view = this.view;
    const fields = view.draft.metadata_fields || [];
    this.note.textContent = fields.length
      ? "Identifying fields found in the file's header. They are stripped from the saved image unless the case is about them and the values are fictional."
      : "No identifying header fields in this file.";
    this.body.replaceChildren(
      ...fields.map((field, i) => {
        const label = field.category ? `${field.tag} (${view.label(field.category)})` : field.tag;
        const status = choice(view.taxonomy.metadata_statuses, field.status, { "aria-label": `${label}: in the saved case` });
        status.addEventListener("change", () => {
          const current = view.draft.metadata_fields;
          /** @type {MetadataField[]} */
          const next = current.map((f, j) => (j === i ? { ...f, status: status.value } : f));
          view.change({ ...view.draft, metadata_fields: next }, "metadata");
        });
        return h(
          "tr",
          { "data-tag": field.tag },
          h("th", { scope: "row", text: label }),
          h("td", { class: "ss-meta-value", text: field.value }),
          h("td", {}, status),
        );
      }),
    );
  }
}

export class ConsentForm {
  /** @param {AuthorView} view */
  constructor(view) {
    this.view = view;
    this.form = h("div", { class: "ss-author-consent" });
    this.panel = h(
      "section",
      { class: "ss-panel ss-author-consent-panel", "aria-label": "The consent record" },
      h("h3", { text: "The consent record" }),
      h("p", { class: "ss-note", text: "What the notes show about the patient's consent: learners read it to find the gaps." }),
      this.form,
    );
    /** the record as last drawn (JSON) */
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
    /** @param {unknown} value */
    const save = (value) => {
      view.change({ ...view.draft, consent: withConsent(view.draft.consent, field, value) }, "consent");
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
      const chosen = /** @type {string[]} */ (value);
      return h(
        "fieldset",
        { class: "ss-author-choices" },
        h("legend", { text: field.label }),
        (field.options || []).map((o) => {
          const box = h("input", { type: "checkbox", value: o.id, id: `${id}-${o.id}` });
          box.checked = chosen.includes(o.id);
          box.addEventListener("change", () => {
            const boxes = /** @type {NodeListOf<HTMLInputElement>} */ (box.closest("fieldset")?.querySelectorAll("input") || []);
            save([...boxes].filter((b) => b.checked).map((b) => b.value));
          });
          return h("label", { class: "ss-author-check", for: `${id}-${o.id}` }, box, h("span", { text: o.label }));
        }),
      );
    }
    const multi = field.kind === "lines";
    const input = multi ? h("textarea", { class: "ss-author-text", rows: "2", id }) : h("input", { type: "text", class: "ss-author-input", id });
    input.value = multi ? /** @type {string[]} */ (value).join("\n") : String(value);
    input.addEventListener("input", () => save(input.value));
    return h(
      "div",
      { class: "ss-author-wide" },
      h("label", { class: "ss-author-label", for: id, text: field.hint ? `${field.label} (${field.hint})` : field.label }),
      input,
    );
  }

  refresh() {
    // Redrawn only when the record changed elsewhere: the fields keep the caret otherwise.
    const now = JSON.stringify(this.view.draft.consent || {});
    if (now === this.shown) return;
    this.build();
  }
}

export class DecisionForm {
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
      this.reason,
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
}
