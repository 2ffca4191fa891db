// @ts-check
// The consent panel (the record, and the gaps the learner ticks) and the decision panel
// (one choice of what should happen to the post). Each saves to the model on change and
// is coloured after Check.

import { h } from "./dom.js";
import { decisionStatus, gapStatus } from "./feedback.js";

/**
 * @import { ExerciseView } from "./view.js"
 */

export class ConsentPanel {
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
    /** @type {Map<string, {box: HTMLInputElement, label: HTMLLabelElement}>} */
    this.gapBoxes = new Map();
    const fieldset = h("fieldset", { class: "ss-gaps" }, h("legend", { text: "Which consent gaps do you see? Tick all that apply." }));
    for (const gap of data.consent_gaps) {
      const box = h("input", { type: "checkbox", value: gap.id, "aria-describedby": `ss-gap-${gap.id}-${data.case_id}` });
      box.addEventListener("change", () => this.onChange());
      box.addEventListener("keydown", (e) => e.stopPropagation());
      const label = h(
        "label",
        { class: "ss-check", "data-gap": gap.id },
        box,
        h("span", { class: "ss-check-text" }, h("span", { class: "ss-check-label", text: gap.label }), h("span", { class: "ss-check-desc", id: `ss-gap-${gap.id}-${data.case_id}`, text: gap.description })),
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
}

export class DecisionPanel {
  /** @param {ExerciseView} view */
  constructor(view) {
    this.view = view;
    const data = view.data;
    const panel = h("section", { class: "ss-panel ss-decision-panel", "aria-label": "Your decision" });
    const fieldset = h("fieldset", { class: "ss-decisions" }, h("legend", { text: "What should happen to this post?" }));
    /** @type {Map<string, {input: HTMLInputElement, label: HTMLLabelElement}>} */
    this.inputs = new Map();
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
        h("span", { class: "ss-check-text" }, h("span", { class: "ss-check-label", text: d.label }), h("span", { class: "ss-check-desc", text: d.description })),
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
}
