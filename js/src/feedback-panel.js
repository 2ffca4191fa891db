// @ts-check
// The feedback panel under the exercise: the score, the counts, the items grouped by
// status (feedback.js groups them), consent and decision feedback, and the key on Reveal.
// Every text goes in as text: the kernel's strings are never parsed as HTML.

import { h } from "./dom.js";
import { badgeOf, COUNTED, feedbackGroups, scorePercent, statusSign, statusText } from "./feedback.js";
import { clamp } from "./geometry.js";

/**
 * @import { DecisionFeedback, Feedback, FeedbackItem, GapFeedback, Revealed } from "./types.js"
 * @import { ExerciseView } from "./view.js"
 */

/**
 * One feedback entry: sign, badge, label, where, then the evidence, note, explanation,
 * remedy and guidance the item carries; `show` adds a button that shows where it is.
 * @param {ExerciseView} view
 * @param {FeedbackItem} item
 * @param {{show?: boolean, badge?: string}} [options]
 * @returns {HTMLLIElement}
 */
export function feedbackItem(view, item, { show = true, badge = "" } = {}) {
  const li = h("li", { class: `ss-fb-item ss-st-${item.status}` });
  li.append(
    h(
      "div",
      { class: "ss-fb-head" },
      h("span", { class: "ss-fb-sign", "aria-hidden": "true", text: statusSign(item.status) }),
      badge ? h("span", { class: `ss-box-badge ss-inline ss-st-${item.status}`, title: "As marked on the picture", text: badge }) : null,
      h("span", { class: "ss-fb-label", text: item.label }),
      item.where ? h("span", { class: "ss-fb-where", text: item.where }) : null,
      show ? h("button", { type: "button", class: "ss-link", onclick: () => view.showLocation(item.location, item), text: "Show" }) : null,
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

export class FeedbackPanel {
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
    /** @type {(HTMLElement | null)[]} */
    const parts = [];
    if (fb.items) parts.push(...this.feedbackParts(fb));
    if (rv.findings) parts.push(...this.revealParts(rv));
    this.el.hidden = !parts.length;
    this.el.replaceChildren(.../** @type {HTMLElement[]} */ (parts.filter(Boolean)));
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
        h("div", { class: "ss-score-text" }, h("div", { class: "ss-headline", text: fb.headline || "" }), meter),
      ),
      h(
        "div",
        { class: "ss-counts" },
        COUNTED.map((s) => h("span", { class: `ss-count-chip ss-st-${s}` }, h("b", { text: String(counts[s] || 0) }), ` ${statusText(s)}`)),
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
    /** @type {(HTMLElement | null)[]} */
    const parts = [h("h4", { class: "ss-fb-title ss-st-key", text: `The key (${findings.length} finding${findings.length === 1 ? "" : "s"})` })];
    if (findings.length) {
      parts.push(
        h(
          "ul",
          { class: "ss-fb-list" },
          findings.map((f) => feedbackItem(view, { ...f, status: "key", label: view.label(f.category) })),
        ),
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
          rv.decoys.map((d) =>
            h("li", { class: "ss-fb-item" }, h("div", { class: "ss-fb-head" }, h("span", { class: "ss-fb-label", text: d.where || "" })), h("div", { class: "ss-fb-why", text: d.explanation })),
          ),
        ),
      );
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
}

/**
 * @param {{summary?: string, items?: GapFeedback[]}} c
 * @returns {HTMLElement}
 */
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
          h("span", { class: "ss-fb-where", text: statusText(g.status) }),
        ),
        g.explanation ? h("div", { class: "ss-fb-why", text: g.explanation }) : null,
      ),
    );
  }
  if (list.children.length) block.append(list);
  return block;
}

/**
 * @param {DecisionFeedback} d
 * @returns {HTMLElement}
 */
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
      d.chosen_label ? `you chose “${d.chosen_label}”; the key says “${d.expected_label}”.` : `the key says “${d.expected_label}”.`,
    ),
    d.reason ? h("p", { class: "ss-fb-why", text: d.reason }) : null,
  );
}
