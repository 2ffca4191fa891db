// @ts-check
// The privacy guard, live: its report after each change, Save (off, with the reasons
// listed, while anything identifying is unaccounted for) and the status line.

import { h } from "../dom.js";
import { saveBlockers, stateCounts } from "./marks.js";

/**
 * @import { AuthorView } from "./view.js"
 * @import { GuardReport } from "./types.js"
 */

export class GuardPanel {
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
      text: "Save the case",
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
      h("details", { class: "ss-author-guard-more" }, h("summary", { text: "What the checker cannot guarantee" }), this.unchecked),
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
    this.headline.textContent = ok
      ? "✓ Every identifier is accounted for: the case can be saved."
      : `✗ Save is blocked until every identifier is accounted for (${blockers.length} to go):`;
    this.reasons.replaceChildren(...blockers.map((text) => h("li", { text })));
    this.reasons.hidden = ok;
    this.saveButton.disabled = !ok || Boolean(this.view.model.get("busy"));
    const counts = stateCounts(this.view.draft.marks);
    this.summary.textContent = ok
      ? `Privacy guard: ✓ ready to save. ${counts.accepted + counts.fill} in the key, ${counts.fill} filled, ${counts.removed} blanked out, ${counts.not_identifying} not identifying.`
      : `Privacy guard: ✗ ${blockers.length} thing${blockers.length === 1 ? "" : "s"} to account for before saving; ${counts.proposed} proposed mark${counts.proposed === 1 ? "" : "s"} to review.`;
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
}
